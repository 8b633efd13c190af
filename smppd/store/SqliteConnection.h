#pragma once

#include "smppd/store/SqliteStatement.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

struct sqlite3;

namespace smppd {

/// One sqlite3 connection with its cache of prepared statements and the mutex that serialises
/// its users. Statements are keyed by the address of their SQL literal (use constants).
class SqliteConnection {
public:
    /// How the file is opened. ReadOnly never creates the file and never writes it (the support
    /// commands read the store of a running smppd that way).
    enum class OpenMode { ReadWrite, ReadOnly };

    /// Opens `path` (":memory:" allowed; created when missing unless ReadOnly). Throws StoreError.
    explicit SqliteConnection(const std::string& path, OpenMode mode = OpenMode::ReadWrite);
    ~SqliteConnection();

    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    /// Runs one or more statements without results. Throws StoreError.
    void exec(const char* sql);

    /// The cached statement for `sql` (prepared on first use), reset and ready to bind.
    SqliteStatement& statement(const char* sql);

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    std::int64_t changes() const;

    /// The mutex every user of this connection holds.
    std::mutex& mutex() { return mutex_; }

    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
    std::unordered_map<const char*, std::unique_ptr<SqliteStatement>> statements_;
};

} // namespace smppd
