#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace smppd {

/// Outcome of one store operation. Refusals are values (style.md §4b); the server maps them:
/// Ok -> ESME_ROK, QueueFull -> ESME_RMSGQFUL (0x14), Error -> ESME_RSYSERR (0x08),
/// NotFound -> 0x67 (query_sm) / 0x11 (cancel_sm) / 0x13 (replace_sm),
/// AlreadyFinal -> 0x11 (cancel_sm) / 0x13 (replace_sm).
enum class StoreStatus {
    Ok, ///< committed (durable) before the completion ran
    QueueFull, ///< refused at once: the writer backlog is over its limit; nothing was written
    NotFound, ///< no such message id
    AlreadyFinal, ///< the message is final: it cannot be cancelled, replaced or updated
    Error, ///< SQLite failed or the store is closed; the operation is NOT committed
};

/// "ok", "queue_full", "not_found", "already_final", "error" (for log lines).
std::string_view toString(StoreStatus status) noexcept;

/// Result handed to a completion. `id` is the message id the operation was about (for insert:
/// the id allocated, also on failure); `count` is the number of rows affected (purge, expire);
/// `detail` is the SQLite error text on Error.
struct StoreResult {
    StoreStatus status = StoreStatus::Ok;
    std::int64_t id = 0;
    std::int64_t count = 0;
    std::string detail;

    bool ok() const noexcept { return status == StoreStatus::Ok; }
};

/// Called exactly once per operation, in the order the operations were queued: after the commit
/// (or its failure) where the store's `answer_on` runs them (smppd: its event loop), or
/// synchronously inside the call for
/// QueueFull and a closed store. Keep it short (hand long work to your own thread); it may queue
/// more store operations and read, but must never call flush() or close().
using StoreCompletion = std::function<void(const StoreResult&)>;

} // namespace smppd
