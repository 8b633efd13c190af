#include "smppd/store/SqliteErrorName.h"

#include <sqlite3.h>

#include <array>
#include <utility>

namespace smppd {

namespace {

using Name = std::pair<int, std::string_view>;

// The extended codes a disk, a file system or another process cause (sqlite3.h); the others
// fall back to their primary code.
constexpr std::array kExtended{
    Name{SQLITE_IOERR_READ, "SQLITE_IOERR_READ"},
    Name{SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ"},
    Name{SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE"},
    Name{SQLITE_IOERR_FSYNC, "SQLITE_IOERR_FSYNC"},
    Name{SQLITE_IOERR_TRUNCATE, "SQLITE_IOERR_TRUNCATE"},
    Name{SQLITE_IOERR_FSTAT, "SQLITE_IOERR_FSTAT"},
    Name{SQLITE_IOERR_LOCK, "SQLITE_IOERR_LOCK"},
    Name{SQLITE_IOERR_SHMOPEN, "SQLITE_IOERR_SHMOPEN"},
    Name{SQLITE_IOERR_SHMSIZE, "SQLITE_IOERR_SHMSIZE"},
    Name{SQLITE_IOERR_SHMMAP, "SQLITE_IOERR_SHMMAP"},
    Name{SQLITE_IOERR_MMAP, "SQLITE_IOERR_MMAP"},
    Name{SQLITE_IOERR_DATA, "SQLITE_IOERR_DATA"},
    Name{SQLITE_IOERR_CORRUPTFS, "SQLITE_IOERR_CORRUPTFS"},
    Name{SQLITE_READONLY_DBMOVED, "SQLITE_READONLY_DBMOVED"},
    Name{SQLITE_READONLY_DIRECTORY, "SQLITE_READONLY_DIRECTORY"},
    Name{SQLITE_CANTOPEN_ISDIR, "SQLITE_CANTOPEN_ISDIR"},
    Name{SQLITE_CANTOPEN_FULLPATH, "SQLITE_CANTOPEN_FULLPATH"},
    Name{SQLITE_CORRUPT_INDEX, "SQLITE_CORRUPT_INDEX"},
    Name{SQLITE_BUSY_SNAPSHOT, "SQLITE_BUSY_SNAPSHOT"},
};

constexpr std::array kPrimary{
    Name{SQLITE_ERROR, "SQLITE_ERROR"},
    Name{SQLITE_INTERNAL, "SQLITE_INTERNAL"},
    Name{SQLITE_PERM, "SQLITE_PERM"},
    Name{SQLITE_ABORT, "SQLITE_ABORT"},
    Name{SQLITE_BUSY, "SQLITE_BUSY"},
    Name{SQLITE_LOCKED, "SQLITE_LOCKED"},
    Name{SQLITE_NOMEM, "SQLITE_NOMEM"},
    Name{SQLITE_READONLY, "SQLITE_READONLY"},
    Name{SQLITE_INTERRUPT, "SQLITE_INTERRUPT"},
    Name{SQLITE_IOERR, "SQLITE_IOERR"},
    Name{SQLITE_CORRUPT, "SQLITE_CORRUPT"},
    Name{SQLITE_NOTFOUND, "SQLITE_NOTFOUND"},
    Name{SQLITE_FULL, "SQLITE_FULL"},
    Name{SQLITE_CANTOPEN, "SQLITE_CANTOPEN"},
    Name{SQLITE_PROTOCOL, "SQLITE_PROTOCOL"},
    Name{SQLITE_EMPTY, "SQLITE_EMPTY"},
    Name{SQLITE_SCHEMA, "SQLITE_SCHEMA"},
    Name{SQLITE_TOOBIG, "SQLITE_TOOBIG"},
    Name{SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"},
    Name{SQLITE_MISMATCH, "SQLITE_MISMATCH"},
    Name{SQLITE_MISUSE, "SQLITE_MISUSE"},
    Name{SQLITE_NOLFS, "SQLITE_NOLFS"},
    Name{SQLITE_AUTH, "SQLITE_AUTH"},
    Name{SQLITE_FORMAT, "SQLITE_FORMAT"},
    Name{SQLITE_RANGE, "SQLITE_RANGE"},
    Name{SQLITE_NOTADB, "SQLITE_NOTADB"},
};

template <typename Table>
std::string_view find(const Table& table, int code) noexcept
{
    for (const auto& [value, name] : table) {
        if (value == code) {
            return name;
        }
    }
    return {};
}

} // namespace

std::string_view sqliteCodeName(int code) noexcept
{
    if (code == SQLITE_OK) {
        return "none";
    }
    if (const auto name = find(kExtended, code); !name.empty()) {
        return name;
    }
    const auto name = find(kPrimary, code & 0xff);
    return name.empty() ? std::string_view("SQLITE_UNKNOWN") : name;
}

} // namespace smppd
