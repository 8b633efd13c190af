#pragma once

#include "config/Settings.h"
#include "smppd/store/Message.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace smppd {

/// The wall clock the Router and the jobs read (injected so tests never sleep).
using WallClock = std::function<TimePoint()>;

/// A WallClock reading std::chrono::system_clock.
WallClock systemWallClock();

/// Routing and retry policy (built from Settings by routerOptionsFrom()).
struct RouterOptions {
    Mode mode = Mode::Opportunity;
    std::vector<std::string> accounts; ///< known system_ids (OPPORTUNITY: a destination_addr
                                       ///< equal to one of them routes to that account)
    MessageIdFormat id_format = MessageIdFormat::Decimal; ///< ids in receipts
    std::chrono::hours default_validity{48}; ///< expiry when the submit gave none
    /// Simulated handset: DELIVERED this long after the commit, so that the receipt follows the
    /// submit_sm_resp even when they travel on different connections (TX + RX; checklist §10).
    std::chrono::milliseconds handset_delay{50};
    /// Messages waiting for (or in flight to) one account's receivers beyond which submit()
    /// answers QueueFull at once: destination queue full, ESME_RMSGQFUL (checklist §8). Bounds
    /// the memory an account that never binds can take.
    std::size_t max_queued_per_account = 500000;
    /// `Message.MaxHeldReceiptsPerAccount`.
    /// Receipts one account holds in memory while they wait for its receivers (none bound, or
    /// windows full). Beyond that a receipt stays Pending in the store only, and the
    /// status-report pass brings it back once the account has drained: a client bound as a
    /// transmitter only that asks for receipts must not fill the memory (and, restarted, fill
    /// it again while loading them).
    std::size_t max_held_receipts_per_account = 100000;
    std::chrono::seconds min_backoff{1}; ///< first retry delay; doubles per attempt
    std::chrono::seconds max_backoff{300}; ///< cap of the retry delay
};

/// Maps Settings (Mode, accounts, Server.MessageIdFormat, Message.ValidityHours,
/// Message.HandsetDelay, Message.MaxQueuedPerAccount, Message.MaxHeldReceiptsPerAccount,
/// Hermes.MaxRetryBackoff) onto RouterOptions.
RouterOptions routerOptionsFrom(const Settings& settings);

/// Monotonic counters for /metrics.
struct RouterCounters {
    std::uint64_t queued = 0; ///< items waiting for a receiver (or their backoff) now
    std::uint64_t in_flight = 0; ///< deliver_sm sent and not yet answered now
    std::uint64_t receivers = 0; ///< attached RX/TRX sessions now
    std::uint64_t delivered = 0; ///< messages answered ESME_ROK (or forwarded, or handset)
    std::uint64_t receipts_sent = 0; ///< receipts answered ESME_ROK
    std::uint64_t receipts_failed = 0; ///< receipts refused for good
    std::uint64_t retries = 0; ///< transient failures requeued
    std::uint64_t failed = 0; ///< permanent failures
    std::uint64_t notifications_sent = 0; ///< intermediate notifications answered ESME_ROK
    /// Times a receipt was left in the store (Pending) because its account held
    /// max_held_receipts_per_account already; a later status-report pass sends it.
    std::uint64_t receipts_deferred = 0;
    std::uint64_t receipts_held = 0; ///< receipts waiting in the accounts' queues now
};

} // namespace smppd
