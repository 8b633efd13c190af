#include "smppd/store/StoreOperations.h"

#include "smppd/store/MessageRow.h"

#include <limits>
#include <optional>
#include <utility>

namespace smppd::store_ops {

namespace {

using message_row::toMillis;

/// An operation whose work is the function `Apply` (StoreResult(SqliteConnection&)) and whose
/// completion is a plain StoreCompletion. A template, not std::function, so an operation stays
/// one allocation.
template <typename Apply>
class SimpleOperation final : public StoreOperation {
public:
    SimpleOperation(Apply apply, StoreCompletion done, std::int64_t inserted_id)
        : apply_(std::move(apply)),
          done_(std::move(done)),
          inserted_id_(inserted_id)
    {
    }

    StoreResult apply(SqliteConnection& db) override { return apply_(db); }

    void complete(const StoreResult& result) override
    {
        if (done_) {
            done_(result);
        }
    }

    std::int64_t insertedId() const override { return inserted_id_; }

private:
    Apply apply_;
    StoreCompletion done_;
    std::int64_t inserted_id_;
};

template <typename Apply>
std::unique_ptr<StoreOperation> simple(
    Apply apply, StoreCompletion done, std::int64_t inserted_id = 0)
{
    return std::make_unique<SimpleOperation<Apply>>(std::move(apply), std::move(done), inserted_id);
}

/// After an UPDATE ... WHERE id=? AND state IN (0,1) changed nothing: why?
StoreResult missedUpdate(SqliteConnection& db, std::int64_t id)
{
    static const char* const kSql = "SELECT state FROM messages WHERE id = ?1";
    auto& s = db.statement(kSql);
    s.bind(1, id);
    const bool exists = s.step();
    s.reset();
    return StoreResult{exists ? StoreStatus::AlreadyFinal : StoreStatus::NotFound, id, 0, {}};
}

/// The result of an UPDATE ... WHERE id=? AND state IN (0,1) that changed `changed` rows.
StoreResult changedOrWhy(SqliteConnection& db, std::int64_t id, std::int64_t changed)
{
    if (changed > 0) {
        return StoreResult{StoreStatus::Ok, id, changed, {}};
    }
    return missedUpdate(db, id);
}

/// Runs the cached statement for `sql` once, after `bindAll` has bound every parameter (a
/// cached statement keeps the bindings of its last use), and returns the rows it changed.
template <typename Binder>
std::int64_t execute(SqliteConnection& db, const char* sql, Binder&& bindAll)
{
    auto& s = db.statement(sql);
    bindAll(s);
    s.step();
    s.reset();
    return db.changes();
}

/// Runs an UPDATE ... WHERE id = `id` AND state IN (0, 1) (a message still open) bound by
/// `bindAll`: Ok when it changed the row, else AlreadyFinal or NotFound.
template <typename Binder>
StoreResult updateOpen(SqliteConnection& db, const char* sql, std::int64_t id, Binder&& bindAll)
{
    return changedOrWhy(db, id, execute(db, sql, std::forward<Binder>(bindAll)));
}

/// Saves MAX(id) as the id high-water mark (meta table) before a purge deletes rows: the ids of
/// purged messages never come back (see loadHighWater).
void saveHighWater(SqliteConnection& db)
{
    static const char* const kSql =
        "INSERT INTO meta (key, value) SELECT 'max_id', COALESCE(max(id), 0) "
        "FROM messages WHERE true ON CONFLICT (key) DO UPDATE SET value = max(value, "
        "excluded.value)";
    auto& s = db.statement(kSql);
    s.step();
    s.reset();
}

/// The first row at or after id `from`: its id and submit time, or nullopt.
std::optional<std::pair<std::int64_t, std::int64_t>> firstRowFrom(
    SqliteConnection& db, std::int64_t from)
{
    static const char* const kSql =
        "SELECT id, submit_at FROM messages WHERE id >= ?1 ORDER BY id LIMIT 1";
    auto& s = db.statement(kSql);
    s.bind(1, from);
    std::optional<std::pair<std::int64_t, std::int64_t>> row;
    if (s.step()) {
        row.emplace(s.int64(0), s.int64(1));
    }
    s.reset();
    return row;
}

/// The smallest id from which every row was submitted at or after `cutoff_ms`, by binary search
/// over the rowid (ids are given in submit order): a few dozen lookups, never a scan.
std::int64_t firstIdSubmittedSince(SqliteConnection& db, std::int64_t cutoff_ms)
{
    auto lowest = firstRowFrom(db, std::numeric_limits<std::int64_t>::min());
    if (!lowest) {
        return 0; // no rows
    }
    std::int64_t lo = lowest->first;
    std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        const auto row = firstRowFrom(db, mid);
        if (!row || row->second >= cutoff_ms) {
            hi = mid; // nothing old at or after mid
        } else {
            lo = row->first + 1;
        }
    }
    return lo;
}

class ExpireOperation final : public StoreOperation {
public:
    ExpireOperation(TimePoint now, ExpiredCallback done) : now_(now), done_(std::move(done)) { }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kUpdate =
            "UPDATE messages SET state = 3, done_at = ?1, receipt = CASE WHEN "
            "(registered_delivery & 3) IN (1, 2) THEN 1 ELSE receipt END "
            "WHERE state IN (0, 1) AND expire_at <= ?1";
        auto& select = db.statement(message_row::kSelectExpired);
        select.bind(1, toMillis(now_));
        while (select.step()) {
            expired_.push_back(finalised(message_row::read(select)));
        }
        select.reset();
        execute(db, kUpdate, [this](SqliteStatement& s) { s.bind(1, toMillis(now_)); });
        return StoreResult{StoreStatus::Ok, 0, static_cast<std::int64_t>(expired_.size()), {}};
    }

    void complete(const StoreResult& result) override
    {
        if (!result.ok()) {
            expired_.clear();
        }
        if (done_) {
            done_(result, std::move(expired_));
        }
    }

private:
    Message finalised(Message message) const
    {
        message.state = smpp::MessageState::Expired;
        message.done_time = now_;
        if (wantsReceipt(message.registered_delivery, message.state)) {
            message.receipt = ReceiptState::Pending;
        }
        return message;
    }

    TimePoint now_;
    ExpiredCallback done_;
    std::vector<Message> expired_;
};

} // namespace

std::unique_ptr<StoreOperation> insert(Message message, StoreCompletion done)
{
    const std::int64_t id = message.id;
    return simple(
        [message = std::move(message)](SqliteConnection& db) {
            execute(db, message_row::kInsert, [&](SqliteStatement& s) {
                message_row::bindInsert(s, message);
            });
            return StoreResult{StoreStatus::Ok, message.id, 1, {}};
        },
        std::move(done),
        id);
}

std::unique_ptr<StoreOperation> updateState(const StateUpdate& update, StoreCompletion done)
{
    return simple(
        [update](SqliteConnection& db) {
            static const char* const kSql =
                "UPDATE messages SET state = ?1, error_code = ?2, done_at = ?3, receipt = ?4, "
                "attempts = ?5 WHERE id = ?6 AND state IN (0, 1)";
            return updateOpen(db, kSql, update.id, [&](SqliteStatement& s) {
                s.bind(1, std::int64_t{static_cast<std::uint8_t>(update.state)});
                s.bind(2, std::int64_t{update.error_code});
                s.bind(3, toMillis(update.done_time));
                s.bind(4, std::int64_t{static_cast<std::uint8_t>(update.receipt)});
                s.bind(5, std::int64_t{update.attempts});
                s.bind(6, update.id);
            });
        },
        std::move(done));
}

std::unique_ptr<StoreOperation> markReceipt(
    std::int64_t id, ReceiptState receipt, StoreCompletion done)
{
    return simple(
        [id, receipt](SqliteConnection& db) {
            static const char* const kSql = "UPDATE messages SET receipt = ?1 WHERE id = ?2";
            const auto changed = execute(db, kSql, [&](SqliteStatement& s) {
                s.bind(1, std::int64_t{static_cast<std::uint8_t>(receipt)});
                s.bind(2, id);
            });
            return StoreResult{
                changed > 0 ? StoreStatus::Ok : StoreStatus::NotFound, id, changed, {}};
        },
        std::move(done));
}

std::unique_ptr<StoreOperation> reschedule(
    std::int64_t id, int attempts, TimePoint next_attempt_at, StoreCompletion done)
{
    return simple(
        [id, attempts, next_attempt_at](SqliteConnection& db) {
            static const char* const kSql =
                "UPDATE messages SET attempts = ?1, next_attempt_at = ?2 "
                "WHERE id = ?3 AND state IN (0, 1)";
            return updateOpen(db, kSql, id, [&](SqliteStatement& s) {
                s.bind(1, std::int64_t{attempts});
                s.bind(2, toMillis(next_attempt_at));
                s.bind(3, id);
            });
        },
        std::move(done));
}

std::unique_ptr<StoreOperation> cancel(std::int64_t id, TimePoint now, StoreCompletion done)
{
    return simple(
        [id, now](SqliteConnection& db) {
            // SMPP 3.4 §4.9: only a message still pending delivery can be cancelled -> DELETED (4).
            static const char* const kSql =
                "UPDATE messages SET state = 4, done_at = ?1, receipt = CASE WHEN "
                "(registered_delivery & 3) IN (1, 2) THEN 1 ELSE receipt END "
                "WHERE id = ?2 AND state IN (0, 1)";
            return updateOpen(db, kSql, id, [&](SqliteStatement& s) {
                s.bind(1, toMillis(now));
                s.bind(2, id);
            });
        },
        std::move(done));
}

std::unique_ptr<StoreOperation> replace(const Replacement& replacement, StoreCompletion done)
{
    return simple(
        [replacement](SqliteConnection& db) {
            static const char* const kSql =
                "UPDATE messages SET payload = ?1, schedule_at = COALESCE(?2, schedule_at), "
                "expire_at = COALESCE(?3, expire_at), registered_delivery = ?4 "
                "WHERE id = ?5 AND state IN (0, 1)";
            return updateOpen(db, kSql, replacement.id, [&](SqliteStatement& s) {
                s.bindBlob(1, replacement.payload);
                s.bind(2, toMillis(replacement.schedule_time));
                s.bind(3, toMillis(replacement.expiry_time));
                s.bind(4, std::int64_t{replacement.registered_delivery});
                s.bind(5, replacement.id);
            });
        },
        std::move(done));
}

std::unique_ptr<StoreOperation> expire(TimePoint now, ExpiredCallback done)
{
    return std::make_unique<ExpireOperation>(now, std::move(done));
}

std::unique_ptr<StoreOperation> purge(
    TimePoint older_than, std::int64_t limit, StoreCompletion done)
{
    return simple(
        [older_than, limit](SqliteConnection& db) {
            // Without an index on done_at: a message is done after it was submitted, so every
            // row to purge has an id below the first one submitted at or after the cut-off, and
            // the scan in rowid order stays among the old rows.
            static const char* const kSql =
                "DELETE FROM messages WHERE id IN (SELECT id FROM messages "
                "WHERE id < ?3 AND done_at < ?1 AND state NOT IN (0, 1) ORDER BY id LIMIT ?2)";
            saveHighWater(db);
            const std::int64_t cutoff = toMillis(older_than);
            const std::int64_t bound = firstIdSubmittedSince(db, cutoff);
            const auto changed = execute(db, kSql, [&](SqliteStatement& s) {
                s.bind(1, cutoff);
                s.bind(2, limit);
                s.bind(3, bound);
            });
            return StoreResult{StoreStatus::Ok, 0, changed, {}};
        },
        std::move(done));
}

} // namespace smppd::store_ops
