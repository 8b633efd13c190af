#pragma once

#include <stdexcept>
#include <string>

namespace smppd {

/// An environment failure of the store (style.md §4c): the database cannot be opened or
/// created, or a synchronous read failed. Asynchronous writes report StoreStatus::Error instead.
/// code() is SQLite's extended result code when SQLite failed (0 otherwise): it names the
/// cause (sqliteCodeName()) in the logs, /health and /metrics.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    StoreError(const std::string& what, int sqlite_code)
        : std::runtime_error(what),
          code_(sqlite_code)
    {
    }

    /// SQLite's extended result code, 0 when the failure did not come from SQLite.
    int code() const noexcept { return code_; }

private:
    int code_ = 0;
};

/// The store cannot be opened at start-up (corrupt, unreadable, locked by another smppd, a
/// schema from a newer version, a folder that cannot be created). what() is one key=value line
/// that names the file, the cause and what to do; smppd exits 65 (kExitStore) so that the
/// launcher and the service managers do not restart it in a loop.
class StoreOpenError : public StoreError {
public:
    using StoreError::StoreError;
};

} // namespace smppd
