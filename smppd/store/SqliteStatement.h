#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace smppd {

/// A prepared statement (RAII over sqlite3_stmt). Indexes are 1-based for bind (as SQLite) and
/// 0-based for columns. Reused: reset() rewinds the cursor but KEEPS the bindings, so every use
/// binds every parameter. Text and blobs are bound without a copy (SQLITE_STATIC): the bound
/// values must stay alive until the step()/reset() that uses them.
class SqliteStatement {
public:
    /// Prepares `sql` on `db`; throws StoreError with SQLite's message.
    SqliteStatement(sqlite3* db, const char* sql);
    ~SqliteStatement();

    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view text);
    void bindBlob(int index, std::string_view octets);
    void bind(int index, std::optional<std::int64_t> value); ///< NULL when empty
    void bindNull(int index);

    /// Steps once: true when a row is available, false when done. Throws StoreError on error.
    bool step();

    /// Rewinds the cursor, ready for the next use (bindings are kept).
    void reset();

    std::int64_t int64(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::string text(int column) const;
    std::string blob(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace smppd
