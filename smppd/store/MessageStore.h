#pragma once

#include "smppd/store/Message.h"
#include "smppd/store/StoreResult.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace smppd {

/// A state change of one message (queued to the writer like an insert).
/// Applied only while the message is NOT final, so a late delivery result can never overwrite
/// EXPIRED/DELETED (the completion then gets AlreadyFinal).
struct StateUpdate {
    std::int64_t id = 0;
    smpp::MessageState state = smpp::MessageState::Enroute;
    int error_code = 0;
    std::optional<TimePoint> done_time; ///< set for a final state
    ReceiptState receipt = ReceiptState::None; ///< Pending when a receipt is due (same commit)
    int attempts = 0; ///< delivery attempts so far
};

/// New content of a non-final message (SMPP 3.4 §4.10 replace_sm). Unset optionals keep the
/// stored value.
struct Replacement {
    std::int64_t id = 0;
    std::string payload; ///< new short_message octets
    std::optional<TimePoint> schedule_time;
    std::optional<TimePoint> expiry_time;
    std::uint8_t registered_delivery = 0;
};

/// Monotonic counters for /metrics and the heartbeat line.
struct StoreCounters {
    std::uint64_t queued = 0; ///< operations waiting for the writer now
    std::uint64_t committed = 0; ///< operations committed since open
    std::uint64_t inserts = 0; ///< messages committed since open
    std::uint64_t batches = 0; ///< transactions committed since open
    std::uint64_t failed = 0; ///< operations answered Error
    std::uint64_t rejected = 0; ///< inserts answered QueueFull
};

/// Receives the messages an expire() pass made final (already committed as EXPIRED).
using ExpiredCallback = std::function<void(const StoreResult&, std::vector<Message> expired)>;

/// The durable message store (architecture §4.5). Writes are asynchronous and group-committed:
/// every write is queued to one writer, which commits whatever is queued in one transaction;
/// then each completion runs, so "committed before acknowledged" costs one commit per batch.
/// Writes are applied, and completions run, in the order they were queued. Thread-safe.
class MessageStore {
public:
    virtual ~MessageStore() = default;

    /// Allocates the id at once (returned; also in the result) and queues the record.
    /// `message.id` is ignored. The completion gets Ok only after the commit; QueueFull
    /// (synchronously) when too many inserts are unanswered; Error when SQLite failed or the store
    /// is closed. Answer submit_sm_resp from the completion, never before.
    virtual std::int64_t insert(Message message, StoreCompletion done) = 0;

    /// Queues a state change (never refused for backlog). See StateUpdate.
    virtual void updateState(const StateUpdate& update, StoreCompletion done = {}) = 0;

    /// Queues a receipt state change (Pending -> Sent / Failed).
    virtual void markReceipt(std::int64_t id, ReceiptState receipt, StoreCompletion done = {}) = 0;

    /// Queues a retry time and attempt count for a non-final message.
    virtual void reschedule(
        std::int64_t id, int attempts, TimePoint next_attempt_at, StoreCompletion done = {}) = 0;

    /// cancel_sm: a non-final message becomes DELETED (done_time = now, receipt Pending if
    /// asked). NotFound / AlreadyFinal otherwise.
    virtual void cancel(std::int64_t id, TimePoint now, StoreCompletion done) = 0;

    /// replace_sm: replaces the content of a non-final message. NotFound / AlreadyFinal otherwise.
    virtual void replace(const Replacement& replacement, StoreCompletion done) = 0;

    /// Makes every non-final message whose expiry_time <= now EXPIRED (done_time = now, receipt
    /// Pending if registered_delivery asks) and hands them, as committed, to `done`.
    virtual void expire(TimePoint now, ExpiredCallback done) = 0;

    /// Deletes at most `limit` final messages whose done_time < older_than (count in the
    /// result). Call again while count == limit: small chunks keep the writer responsive.
    virtual void purge(TimePoint older_than, std::int64_t limit, StoreCompletion done) = 0;

    /// Blocks until everything queued before the call is committed (graceful stop).
    virtual void flush() = 0;

    /// The committed record of `id` (query_sm); nullopt if unknown. Throws StoreError on a
    /// SQLite failure.
    virtual std::optional<Message> find(std::int64_t id) = 0;

    /// Every committed non-final message, by id (resume at start). Throws StoreError.
    virtual std::vector<Message> loadUnfinished() = 0;

    /// Committed final messages whose receipt is Pending, with an id above `after_id`, by id,
    /// at most `limit`. The status-report pass reads them a page at a time: each page is a short
    /// read, and a long one would hold back the WAL checkpoint and, through it, every commit.
    /// Throws StoreError.
    virtual std::vector<Message> pendingReceipts(std::int64_t after_id, std::size_t limit) = 0;

    /// The ids alone of the same page: what the status-report pass checks against the receipts
    /// the Router already holds, without reading (and copying) a whole row for each.
    virtual std::vector<std::int64_t> pendingReceiptIds(
        std::int64_t after_id, std::size_t limit) = 0;

    /// Ids of the committed non-final messages of `origin` with these addresses (and this
    /// service_type unless it is ""), by id: cancel_sm with a NULL message_id (SMPP 3.4 §4.9.1)
    /// cancels each. Throws StoreError.
    virtual std::vector<std::int64_t> findOpen(const std::string& origin,
        const std::string& service_type,
        const std::string& source_addr,
        const std::string& destination_addr) = 0;

    /// A snapshot of the counters.
    virtual StoreCounters counters() const = 0;
};

} // namespace smppd
