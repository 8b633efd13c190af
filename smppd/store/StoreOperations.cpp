#include "smppd/store/StoreOperations.h"

#include "smppd/store/MessageRow.h"

#include <utility>

namespace smppd::store_ops {

namespace {

using message_row::toMillis;

/// An operation whose completion is a plain StoreCompletion.
class SimpleOperation : public StoreOperation {
public:
    explicit SimpleOperation(StoreCompletion done) : done_(std::move(done)) { }

    void complete(const StoreResult& result) override
    {
        if (done_) {
            done_(result);
        }
    }

private:
    StoreCompletion done_;
};

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

StoreResult changedOrWhy(SqliteConnection& db, std::int64_t id)
{
    if (db.changes() > 0) {
        return StoreResult{StoreStatus::Ok, id, db.changes(), {}};
    }
    return missedUpdate(db, id);
}

class InsertOperation final : public SimpleOperation {
public:
    InsertOperation(Message message, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          message_(std::move(message))
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        auto& s = db.statement(message_row::kInsert);
        message_row::bindInsert(s, message_);
        s.step();
        s.reset();
        return StoreResult{StoreStatus::Ok, message_.id, 1, {}};
    }

    std::int64_t insertedId() const override { return message_.id; }

private:
    Message message_;
};

class UpdateStateOperation final : public SimpleOperation {
public:
    UpdateStateOperation(const StateUpdate& update, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          update_(update)
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kSql =
            "UPDATE messages SET state = ?1, error_code = ?2, done_at = ?3, receipt = ?4, "
            "attempts = ?5 WHERE id = ?6 AND state IN (0, 1)";
        auto& s = db.statement(kSql);
        s.bind(1, std::int64_t{static_cast<std::uint8_t>(update_.state)});
        s.bind(2, std::int64_t{update_.error_code});
        s.bind(3, toMillis(update_.done_time));
        s.bind(4, std::int64_t{static_cast<std::uint8_t>(update_.receipt)});
        s.bind(5, std::int64_t{update_.attempts});
        s.bind(6, update_.id);
        s.step();
        s.reset();
        return changedOrWhy(db, update_.id);
    }

private:
    StateUpdate update_;
};

class MarkReceiptOperation final : public SimpleOperation {
public:
    MarkReceiptOperation(std::int64_t id, ReceiptState receipt, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          id_(id),
          receipt_(receipt)
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kSql = "UPDATE messages SET receipt = ?1 WHERE id = ?2";
        auto& s = db.statement(kSql);
        s.bind(1, std::int64_t{static_cast<std::uint8_t>(receipt_)});
        s.bind(2, id_);
        s.step();
        s.reset();
        const auto changed = db.changes();
        return StoreResult{changed > 0 ? StoreStatus::Ok : StoreStatus::NotFound, id_, changed, {}};
    }

private:
    std::int64_t id_;
    ReceiptState receipt_;
};

class RescheduleOperation final : public SimpleOperation {
public:
    RescheduleOperation(std::int64_t id, int attempts, TimePoint at, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          id_(id),
          attempts_(attempts),
          at_(at)
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kSql = "UPDATE messages SET attempts = ?1, next_attempt_at = ?2 "
                                        "WHERE id = ?3 AND state IN (0, 1)";
        auto& s = db.statement(kSql);
        s.bind(1, std::int64_t{attempts_});
        s.bind(2, toMillis(at_));
        s.bind(3, id_);
        s.step();
        s.reset();
        return changedOrWhy(db, id_);
    }

private:
    std::int64_t id_;
    int attempts_;
    TimePoint at_;
};

class CancelOperation final : public SimpleOperation {
public:
    CancelOperation(std::int64_t id, TimePoint now, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          id_(id),
          now_(now)
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        // SMPP 3.4 §4.9: only a message still pending delivery can be cancelled -> DELETED (4).
        static const char* const kSql =
            "UPDATE messages SET state = 4, done_at = ?1, receipt = CASE WHEN "
            "(registered_delivery & 3) IN (1, 2) THEN 1 ELSE receipt END "
            "WHERE id = ?2 AND state IN (0, 1)";
        auto& s = db.statement(kSql);
        s.bind(1, toMillis(now_));
        s.bind(2, id_);
        s.step();
        s.reset();
        return changedOrWhy(db, id_);
    }

private:
    std::int64_t id_;
    TimePoint now_;
};

class ReplaceOperation final : public SimpleOperation {
public:
    ReplaceOperation(const Replacement& replacement, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          replacement_(replacement)
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kSql =
            "UPDATE messages SET payload = ?1, schedule_at = COALESCE(?2, schedule_at), "
            "expire_at = COALESCE(?3, expire_at), registered_delivery = ?4 "
            "WHERE id = ?5 AND state IN (0, 1)";
        auto& s = db.statement(kSql);
        s.bindBlob(1, replacement_.payload);
        s.bind(2, toMillis(replacement_.schedule_time));
        s.bind(3, toMillis(replacement_.expiry_time));
        s.bind(4, std::int64_t{replacement_.registered_delivery});
        s.bind(5, replacement_.id);
        s.step();
        s.reset();
        return changedOrWhy(db, replacement_.id);
    }

private:
    Replacement replacement_;
};

class ExpireOperation final : public StoreOperation {
public:
    ExpireOperation(TimePoint now, ExpiredCallback done) : now_(now), done_(std::move(done)) { }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kSelect =
            SMPPD_MESSAGE_SELECT "WHERE state IN (0, 1) AND expire_at <= ?1 ORDER BY id";
        static const char* const kUpdate =
            "UPDATE messages SET state = 3, done_at = ?1, receipt = CASE WHEN "
            "(registered_delivery & 3) IN (1, 2) THEN 1 ELSE receipt END "
            "WHERE state IN (0, 1) AND expire_at <= ?1";
        auto& select = db.statement(kSelect);
        select.bind(1, toMillis(now_));
        while (select.step()) {
            expired_.push_back(finalised(message_row::read(select)));
        }
        select.reset();
        auto& update = db.statement(kUpdate);
        update.bind(1, toMillis(now_));
        update.step();
        update.reset();
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

class PurgeOperation final : public SimpleOperation {
public:
    PurgeOperation(TimePoint older_than, std::int64_t limit, StoreCompletion done)
        : SimpleOperation(std::move(done)),
          older_than_(older_than),
          limit_(limit)
    {
    }

    StoreResult apply(SqliteConnection& db) override
    {
        static const char* const kSql = "DELETE FROM messages WHERE id IN (SELECT id FROM messages "
                                        "WHERE done_at < ?1 AND state NOT IN (0, 1) LIMIT ?2)";
        auto& s = db.statement(kSql);
        s.bind(1, toMillis(older_than_));
        s.bind(2, limit_);
        s.step();
        s.reset();
        return StoreResult{StoreStatus::Ok, 0, db.changes(), {}};
    }

private:
    TimePoint older_than_;
    std::int64_t limit_;
};

} // namespace

std::unique_ptr<StoreOperation> insert(Message message, StoreCompletion done)
{
    return std::make_unique<InsertOperation>(std::move(message), std::move(done));
}

std::unique_ptr<StoreOperation> updateState(const StateUpdate& update, StoreCompletion done)
{
    return std::make_unique<UpdateStateOperation>(update, std::move(done));
}

std::unique_ptr<StoreOperation> markReceipt(
    std::int64_t id, ReceiptState receipt, StoreCompletion done)
{
    return std::make_unique<MarkReceiptOperation>(id, receipt, std::move(done));
}

std::unique_ptr<StoreOperation> reschedule(
    std::int64_t id, int attempts, TimePoint next_attempt_at, StoreCompletion done)
{
    return std::make_unique<RescheduleOperation>(id, attempts, next_attempt_at, std::move(done));
}

std::unique_ptr<StoreOperation> cancel(std::int64_t id, TimePoint now, StoreCompletion done)
{
    return std::make_unique<CancelOperation>(id, now, std::move(done));
}

std::unique_ptr<StoreOperation> replace(const Replacement& replacement, StoreCompletion done)
{
    return std::make_unique<ReplaceOperation>(replacement, std::move(done));
}

std::unique_ptr<StoreOperation> expire(TimePoint now, ExpiredCallback done)
{
    return std::make_unique<ExpireOperation>(now, std::move(done));
}

std::unique_ptr<StoreOperation> purge(
    TimePoint older_than, std::int64_t limit, StoreCompletion done)
{
    return std::make_unique<PurgeOperation>(older_than, limit, std::move(done));
}

void saveHighWater(SqliteConnection& db, std::int64_t max_id)
{
    static const char* const kSql =
        "INSERT INTO meta (key, value) VALUES ('max_id', ?1) "
        "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)";
    auto& s = db.statement(kSql);
    s.bind(1, max_id);
    s.step();
    s.reset();
}

} // namespace smppd::store_ops
