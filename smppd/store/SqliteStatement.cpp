#include "smppd/store/SqliteStatement.h"

#include "smppd/store/StoreError.h"

#include <sqlite3.h>

namespace smppd {

namespace {

[[noreturn]] void fail(sqlite3* db, const char* what)
{
    throw StoreError(std::string(what) + ": " + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

void check(sqlite3* db, int rc, const char* what)
{
    if (rc != SQLITE_OK) {
        fail(db, what);
    }
}

} // namespace

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql) : db_(db)
{
    check(db_,
        sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr),
        "prepare");
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(stmt_);
}

void SqliteStatement::bind(int index, std::int64_t value)
{
    check(db_, sqlite3_bind_int64(stmt_, index, value), "bind");
}

void SqliteStatement::bind(int index, std::string_view text)
{
    check(db_,
        sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8),
        "bind");
}

void SqliteStatement::bindBlob(int index, std::string_view octets)
{
    // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
    const char* data = octets.empty() ? "" : octets.data();
    check(db_, sqlite3_bind_blob64(stmt_, index, data, octets.size(), SQLITE_STATIC), "bind");
}

void SqliteStatement::bind(int index, std::optional<std::int64_t> value)
{
    if (value) {
        bind(index, *value);
    } else {
        bindNull(index);
    }
}

void SqliteStatement::bindNull(int index)
{
    check(db_, sqlite3_bind_null(stmt_, index), "bind");
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail(db_, "step");
}

void SqliteStatement::reset()
{
    sqlite3_reset(stmt_);
}

std::int64_t SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(stmt_, column);
}

std::optional<std::int64_t> SqliteStatement::optionalInt64(int column) const
{
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) {
        return std::nullopt;
    }
    return sqlite3_column_int64(stmt_, column);
}

std::string SqliteStatement::text(int column) const
{
    const auto* data = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string SqliteStatement::blob(int column) const
{
    const void* data = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) {
        return {};
    }
    return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

} // namespace smppd
