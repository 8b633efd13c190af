#include "smppd/store/MessageRow.h"

namespace smppd::message_row {

// Partial indexes keep the hot paths small: open messages by expiry (expiry pass, resume) and
// pending receipts. Each index is pages that every commit rewrites, so the daily purge has none:
// it walks the rowid order, which is the submit order (see store_ops::purge). Databases made by
// earlier versions had one (messages_done), and a receipts index keyed on id alone, which could
// not answer a page of ids without reading each row (messages_receipt): both are dropped.
const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    target_kind INTEGER NOT NULL,
    target_account TEXT NOT NULL,
    service_type TEXT NOT NULL,
    source_addr_ton INTEGER NOT NULL,
    source_addr_npi INTEGER NOT NULL,
    source_addr TEXT NOT NULL,
    dest_addr_ton INTEGER NOT NULL,
    dest_addr_npi INTEGER NOT NULL,
    destination_addr TEXT NOT NULL,
    esm_class INTEGER NOT NULL,
    protocol_id INTEGER NOT NULL,
    priority_flag INTEGER NOT NULL,
    data_coding INTEGER NOT NULL,
    registered_delivery INTEGER NOT NULL,
    payload BLOB NOT NULL,
    concat_ref INTEGER,
    concat_total INTEGER,
    concat_seq INTEGER,
    submit_at INTEGER NOT NULL,
    schedule_at INTEGER,
    expire_at INTEGER,
    done_at INTEGER,
    state INTEGER NOT NULL,
    error_code INTEGER NOT NULL,
    receipt INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER,
    campaign TEXT NOT NULL,
    bridge_ref TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_open ON messages(expire_at) WHERE state IN (0, 1);
CREATE INDEX IF NOT EXISTS messages_receipt_pending ON messages(receipt) WHERE receipt = 1;
DROP INDEX IF EXISTS messages_receipt;
DROP INDEX IF EXISTS messages_done;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql";

#define SMPPD_OPEN_MESSAGES "INDEXED BY messages_open WHERE state IN (0, 1) "

const char* const kSelectExpired =
    SMPPD_MESSAGE_SELECT SMPPD_OPEN_MESSAGES "AND expire_at <= ?1 ORDER BY id";

const char* const kSelectUnfinished = SMPPD_MESSAGE_SELECT SMPPD_OPEN_MESSAGES "ORDER BY id";

const char* const kSelectOpenIds =
    "SELECT id FROM messages " SMPPD_OPEN_MESSAGES "AND origin = ?1 AND source_addr = ?2 "
    "AND destination_addr = ?3 AND (?4 = '' OR service_type = ?4) ORDER BY id";

// Keyed (receipt, rowid): a page of ids is read from the index alone, in id order.
#define SMPPD_PENDING_RECEIPTS                                                                     \
    "INDEXED BY messages_receipt_pending WHERE receipt = 1 AND id > ?1 ORDER BY id LIMIT ?2"

const char* const kSelectPendingReceipts = SMPPD_MESSAGE_SELECT SMPPD_PENDING_RECEIPTS;

const char* const kSelectPendingReceiptIds = "SELECT id FROM messages " SMPPD_PENDING_RECEIPTS;

const char* const kInsert =
    "INSERT INTO messages VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)";

std::int64_t toMillis(TimePoint t) noexcept
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint fromMillis(std::int64_t ms) noexcept
{
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(ms)));
}

std::optional<std::int64_t> toMillis(const std::optional<TimePoint>& t) noexcept
{
    return t ? std::optional<std::int64_t>(toMillis(*t)) : std::nullopt;
}

std::optional<TimePoint> fromMillis(const std::optional<std::int64_t>& ms) noexcept
{
    return ms ? std::optional<TimePoint>(fromMillis(*ms)) : std::nullopt;
}

namespace {

void bindAddresses(SqliteStatement& s, const Message& m)
{
    s.bind(5, std::string_view(m.service_type));
    s.bind(6, std::int64_t{m.source_addr_ton});
    s.bind(7, std::int64_t{m.source_addr_npi});
    s.bind(8, std::string_view(m.source_addr));
    s.bind(9, std::int64_t{m.dest_addr_ton});
    s.bind(10, std::int64_t{m.dest_addr_npi});
    s.bind(11, std::string_view(m.destination_addr));
}

void bindContent(SqliteStatement& s, const Message& m)
{
    s.bind(12, std::int64_t{m.esm_class});
    s.bind(13, std::int64_t{m.protocol_id});
    s.bind(14, std::int64_t{m.priority_flag});
    s.bind(15, std::int64_t{m.data_coding});
    s.bind(16, std::int64_t{m.registered_delivery});
    s.bindBlob(17, m.payload);
    if (m.concat) {
        s.bind(18, std::int64_t{m.concat->ref});
        s.bind(19, std::int64_t{m.concat->total});
        s.bind(20, std::int64_t{m.concat->seq});
    } else {
        s.bindNull(18);
        s.bindNull(19);
        s.bindNull(20);
    }
}

void bindLifeCycle(SqliteStatement& s, const Message& m)
{
    s.bind(21, toMillis(m.submit_time));
    s.bind(22, toMillis(m.schedule_time));
    s.bind(23, toMillis(m.expiry_time));
    s.bind(24, toMillis(m.done_time));
    s.bind(25, std::int64_t{static_cast<std::uint8_t>(m.state)});
    s.bind(26, std::int64_t{m.error_code});
    s.bind(27, std::int64_t{static_cast<std::uint8_t>(m.receipt)});
    s.bind(28, std::int64_t{m.attempts});
    s.bind(29, toMillis(m.next_attempt_at));
    s.bind(30, std::string_view(m.campaign));
    s.bind(31, std::string_view(m.bridge_ref));
}

template <typename T>
T narrow(std::int64_t value) noexcept
{
    return static_cast<T>(value);
}

void readAddresses(const SqliteStatement& s, Message& m)
{
    m.service_type = s.text(4);
    m.source_addr_ton = narrow<std::uint8_t>(s.int64(5));
    m.source_addr_npi = narrow<std::uint8_t>(s.int64(6));
    m.source_addr = s.text(7);
    m.dest_addr_ton = narrow<std::uint8_t>(s.int64(8));
    m.dest_addr_npi = narrow<std::uint8_t>(s.int64(9));
    m.destination_addr = s.text(10);
}

void readContent(const SqliteStatement& s, Message& m)
{
    m.esm_class = narrow<std::uint8_t>(s.int64(11));
    m.protocol_id = narrow<std::uint8_t>(s.int64(12));
    m.priority_flag = narrow<std::uint8_t>(s.int64(13));
    m.data_coding = narrow<std::uint8_t>(s.int64(14));
    m.registered_delivery = narrow<std::uint8_t>(s.int64(15));
    m.payload = s.blob(16);
    if (s.optionalInt64(17)) {
        m.concat = ConcatInfo{narrow<std::uint16_t>(s.int64(17)),
            narrow<std::uint8_t>(s.int64(18)),
            narrow<std::uint8_t>(s.int64(19))};
    }
}

void readLifeCycle(const SqliteStatement& s, Message& m)
{
    m.submit_time = fromMillis(s.int64(20));
    m.schedule_time = fromMillis(s.optionalInt64(21));
    m.expiry_time = fromMillis(s.optionalInt64(22));
    m.done_time = fromMillis(s.optionalInt64(23));
    m.state = static_cast<smpp::MessageState>(narrow<std::uint8_t>(s.int64(24)));
    m.error_code = narrow<int>(s.int64(25));
    m.receipt = static_cast<ReceiptState>(narrow<std::uint8_t>(s.int64(26)));
    m.attempts = narrow<int>(s.int64(27));
    m.next_attempt_at = fromMillis(s.optionalInt64(28));
    m.campaign = s.text(29);
    m.bridge_ref = s.text(30);
}

} // namespace

void bindInsert(SqliteStatement& statement, const Message& message)
{
    statement.bind(1, message.id);
    statement.bind(2, std::string_view(message.origin));
    statement.bind(3, std::int64_t{static_cast<std::uint8_t>(message.target.kind)});
    statement.bind(4, std::string_view(message.target.account));
    bindAddresses(statement, message);
    bindContent(statement, message);
    bindLifeCycle(statement, message);
}

Message read(const SqliteStatement& statement)
{
    Message message;
    message.id = statement.int64(0);
    message.origin = statement.text(1);
    message.target.kind = static_cast<TargetKind>(narrow<std::uint8_t>(statement.int64(2)));
    message.target.account = statement.text(3);
    readAddresses(statement, message);
    readContent(statement, message);
    readLifeCycle(statement, message);
    return message;
}

} // namespace smppd::message_row
