#pragma once

#include "smppd/store/MessageStore.h"
#include "smppd/store/SqliteConnection.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace smppd {

/// One queued write of SqliteMessageStore. The writer calls apply() inside the batch transaction
/// (a StoreError thrown there rolls the whole batch back) and complete() after the commit or
/// its failure. The concrete operations below are the store's write vocabulary; they share this
/// header because each is a few lines (style.md §2: small types that belong together).
struct StoreOperation {
    virtual ~StoreOperation() = default;

    /// Runs the statements; returns the business result (NotFound, AlreadyFinal, Ok).
    virtual StoreResult apply(SqliteConnection& db) = 0;

    /// Hands the final result to the caller's completion.
    virtual void complete(const StoreResult& result) = 0;

    /// The id this operation inserts (0 for non-inserts): the batch's high-water mark.
    virtual std::int64_t insertedId() const { return 0; }
};

/// Builds the operations (kept out of the store class so each stays short).
namespace store_ops {

std::unique_ptr<StoreOperation> insert(Message message, StoreCompletion done);
std::unique_ptr<StoreOperation> updateState(const StateUpdate& update, StoreCompletion done);
std::unique_ptr<StoreOperation> markReceipt(
    std::int64_t id, ReceiptState receipt, StoreCompletion done);
std::unique_ptr<StoreOperation> reschedule(
    std::int64_t id, int attempts, TimePoint next_attempt_at, StoreCompletion done);
std::unique_ptr<StoreOperation> cancel(std::int64_t id, TimePoint now, StoreCompletion done);
std::unique_ptr<StoreOperation> replace(const Replacement& replacement, StoreCompletion done);
std::unique_ptr<StoreOperation> expire(TimePoint now, ExpiredCallback done);
std::unique_ptr<StoreOperation> purge(
    TimePoint older_than, std::int64_t limit, StoreCompletion done);

} // namespace store_ops
} // namespace smppd
