#include "smppd/store/SqliteConnection.h"

#include "smppd/store/StoreError.h"

#include <sqlite3.h>

namespace smppd {

SqliteConnection::SqliteConnection(const std::string& path, OpenMode mode)
{
    const int flags = (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        const int code = db_ != nullptr ? sqlite3_extended_errcode(db_) : rc;
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("cannot open store path=" + path + ": " + message, code);
    }
    sqlite3_extended_result_codes(db_, 1);
}

SqliteConnection::~SqliteConnection()
{
    statements_.clear(); // finalize before close
    sqlite3_close(db_);
}

void SqliteConnection::exec(const char* sql)
{
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error != nullptr ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        throw StoreError(std::string("sqlite: ") + message, sqlite3_extended_errcode(db_));
    }
}

SqliteStatement& SqliteConnection::statement(const char* sql)
{
    auto& slot = statements_[sql];
    if (!slot) {
        slot = std::make_unique<SqliteStatement>(db_, sql);
    }
    slot->reset();
    return *slot;
}

std::int64_t SqliteConnection::changes() const
{
    return sqlite3_changes64(db_);
}

} // namespace smppd
