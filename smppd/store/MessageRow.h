#pragma once

#include "smppd/store/Message.h"
#include "smppd/store/SqliteStatement.h"

#include <cstdint>
#include <optional>

namespace smppd {

/// The messages table: its schema, and Message <-> row mapping. Times are stored as
/// milliseconds since the epoch; optional times and a missing concat are NULL.
namespace message_row {

/// CREATE TABLE / INDEX statements (idempotent) and the meta table of the id high-water mark.
extern const char* const kSchema;

/// "SELECT <every column> FROM messages " (append a WHERE clause).
#define SMPPD_MESSAGE_SELECT                                                                       \
    "SELECT id, origin, target_kind, target_account, service_type, source_addr_ton, "              \
    "source_addr_npi, source_addr, dest_addr_ton, dest_addr_npi, destination_addr, esm_class, "    \
    "protocol_id, priority_flag, data_coding, registered_delivery, payload, concat_ref, "          \
    "concat_total, concat_seq, submit_at, schedule_at, expire_at, done_at, state, error_code, "    \
    "receipt, attempts, next_attempt_at, campaign, bridge_ref FROM messages "

/// The queries on open messages (state 0 or 1) name the partial index messages_open: without
/// statistics SQLite would rather scan the whole table in rowid order than sort the few open
/// rows, which on millions of kept messages is a pass of hundreds of milliseconds (holding the
/// writer, for the expiry pass, every 10 s).
/// Open messages expired at ?1 (ms), every column, by id.
extern const char* const kSelectExpired;
/// Every open message, every column, by id (resume at start).
extern const char* const kSelectUnfinished;
/// Ids of the open messages of ?1 (origin) from ?2 to ?3, of service type ?4 unless '', by id.
extern const char* const kSelectOpenIds;
/// Final messages whose receipt is Pending, above id ?1, every column, by id, at most ?2.
extern const char* const kSelectPendingReceipts;
/// The ids alone of the same page (the partial index covers them: no table row is read).
extern const char* const kSelectPendingReceiptIds;

/// INSERT of one message, every column bound by bindInsert().
extern const char* const kInsert;

/// Binds `message` to kInsert.
void bindInsert(SqliteStatement& statement, const Message& message);

/// Reads the current row of a SMPPD_MESSAGE_SELECT statement.
Message read(const SqliteStatement& statement);

std::int64_t toMillis(TimePoint t) noexcept;
TimePoint fromMillis(std::int64_t ms) noexcept;
std::optional<std::int64_t> toMillis(const std::optional<TimePoint>& t) noexcept;
std::optional<TimePoint> fromMillis(const std::optional<std::int64_t>& ms) noexcept;

} // namespace message_row
} // namespace smppd
