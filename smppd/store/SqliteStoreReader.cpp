#include "smppd/store/SqliteStoreReader.h"

#include "smppd/store/MessageRow.h"
#include "smppd/store/PhoneNumber.h"
#include "smppd/store/StoreError.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace smppd {

namespace {

// The address search scans the rows: an index on source_addr/destination_addr would serve only
// this rare support query, yet cost every insert on the hot path (submit_sm at tens of
// thousands per second) one more B-tree to update. The scan goes by chunks of ids, newest
// first, each chunk its own short statement (a read transaction of a few milliseconds), so
// that smppd's checkpoint never waits long for this reader.
constexpr std::int64_t kChunkRows = 10000;

constexpr const char* kNumberKeyFunction = "smppd_number_key";

const char* const kSelectById = SMPPD_MESSAGE_SELECT "WHERE id = ?1";

// Each subquery is answered from the ends of the rowid B-tree; min(id), max(id) in one SELECT
// would scan the table.
const char* const kSelectIdRange =
    "SELECT (SELECT min(id) FROM messages), (SELECT max(id) FROM messages)";

// The cheap integer tests on submit_at come first, so the number key is computed only for the
// rows of the time range.
const char* const kSelectAddressChunk = SMPPD_MESSAGE_SELECT
    "WHERE id BETWEEN ?1 AND ?2 AND submit_at >= ?3 AND submit_at < ?4 "
    "AND (smppd_number_key(destination_addr) = ?5 OR smppd_number_key(source_addr) = ?5) "
    "ORDER BY id DESC";

const char* const kSelectChunkNewest =
    "SELECT max(submit_at) FROM messages WHERE id BETWEEN ?1 AND ?2";

// The SQL face of phoneNumberKey(), so the SQL compares the same keys as the C++ does.
void numberKeySql(sqlite3_context* context, int /*argc*/, sqlite3_value** argv)
{
    const auto* text = sqlite3_value_text(argv[0]);
    if (text == nullptr) {
        sqlite3_result_null(context);
        return;
    }
    const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
    const std::string key =
        phoneNumberKey(std::string_view(reinterpret_cast<const char*>(text), size));
    sqlite3_result_text(context, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

void registerNumberKey(SqliteConnection& db)
{
    const int rc = sqlite3_create_function_v2(db.handle(),
        kNumberKeyFunction,
        1,
        SQLITE_UTF8 | SQLITE_DETERMINISTIC,
        nullptr,
        numberKeySql,
        nullptr,
        nullptr,
        nullptr);
    if (rc != SQLITE_OK) {
        throw StoreError(std::string("sqlite: cannot register ") + kNumberKeyFunction, rc);
    }
}

/// Resets `s` however the use ends (a statement left stepped would keep its read transaction).
struct ResetOnExit {
    SqliteStatement& s;
    ~ResetOnExit() { s.reset(); }
};

} // namespace

SqliteStoreReader::SqliteStoreReader(const std::string& path)
    : db_(path, SqliteConnection::OpenMode::ReadOnly)
{
    db_.exec("PRAGMA busy_timeout = 5000");
    db_.exec("PRAGMA query_only = 1");
    registerNumberKey(db_);
}

std::optional<Message> SqliteStoreReader::find(std::int64_t id)
{
    auto& s = db_.statement(kSelectById);
    const ResetOnExit reset{s};
    s.bind(1, id);
    if (!s.step()) {
        return std::nullopt;
    }
    return message_row::read(s);
}

AddressMatches SqliteStoreReader::findAddress(const AddressQuery& query)
{
    AddressMatches out;
    auto& range = db_.statement(kSelectIdRange);
    std::optional<std::int64_t> min_id;
    std::optional<std::int64_t> max_id;
    {
        const ResetOnExit reset{range};
        if (range.step()) {
            min_id = range.optionalInt64(0);
            max_id = range.optionalInt64(1);
        }
    }
    if (!min_id || !max_id || query.limit == 0) {
        return out;
    }
    // Ids follow the submit order (the store allocates them as messages are submitted), so the
    // scan runs from the newest id down and stops at the first chunk older than `since`.
    for (std::int64_t hi = *max_id; hi >= *min_id && out.messages.size() <= query.limit;
         hi -= kChunkRows) {
        const std::int64_t lo = std::max(*min_id, hi - kChunkRows + 1);
        readChunk(lo, hi, query, out);
        if (query.since && chunkOlderThan(lo, hi, *query.since)) {
            break;
        }
    }
    if (out.messages.size() > query.limit) {
        out.messages.resize(query.limit);
        out.more = true;
    }
    return out;
}

void SqliteStoreReader::readChunk(
    std::int64_t lo, std::int64_t hi, const AddressQuery& query, AddressMatches& out)
{
    auto& s = db_.statement(kSelectAddressChunk);
    const ResetOnExit reset{s};
    s.bind(1, lo);
    s.bind(2, hi);
    s.bind(3,
        query.since ? message_row::toMillis(*query.since)
                    : std::numeric_limits<std::int64_t>::min());
    s.bind(4,
        query.until ? message_row::toMillis(*query.until)
                    : std::numeric_limits<std::int64_t>::max());
    s.bind(5, std::string_view(query.number_key));
    // One more than the limit tells whether there are more.
    while (out.messages.size() <= query.limit && s.step()) {
        out.messages.push_back(message_row::read(s));
    }
}

bool SqliteStoreReader::chunkOlderThan(std::int64_t lo, std::int64_t hi, TimePoint since)
{
    auto& s = db_.statement(kSelectChunkNewest);
    const ResetOnExit reset{s};
    s.bind(1, lo);
    s.bind(2, hi);
    if (!s.step()) {
        return false;
    }
    const auto newest = s.optionalInt64(0);
    return newest && *newest < message_row::toMillis(since);
}

} // namespace smppd
