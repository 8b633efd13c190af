#pragma once

#include "config/Settings.h"
#include "smppd/routing/Router.h"
#include "smppd/store/MessageStore.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace smppd {

/// Periods of the background passes (built from Settings by jobOptionsFrom()).
struct JobOptions {
    std::chrono::milliseconds tick_interval{100}; ///< Router::onTick (retries, handset)
    std::chrono::seconds status_report_interval{10}; ///< `Job.StatusReport.Interval`
    std::chrono::seconds expiry_interval{10}; ///< expiry pass
    int purge_hour = 1; ///< `Purge.Messages.Hour`, local time
    std::chrono::days retention{7}; ///< `Purge.Messages.RetentionDays`
    std::int64_t purge_chunk = 5000; ///< rows deleted per store transaction
    /// Pending receipts read per store page by the status-report pass (one short read each).
    std::size_t receipt_page = 1024;
    /// Period of the memory pass: a burst of traffic ended -> free memory back to the OS.
    std::chrono::seconds memory_interval{5};
    /// Store operations committed in one memory_interval that count as a burst.
    std::uint64_t burst_operations = 1000;
};

/// Gives the memory the allocator keeps free back to the operating system (platform-specific:
/// see smppd/app/FreeMemory.h).
using ReleaseFreeMemory = std::function<void()>;

/// Maps Settings (Job.*, Purge.*) onto JobOptions.
JobOptions jobOptionsFrom(const Settings& settings);

/// The background passes, with time injected: runDue(now) runs whatever is due at `now`.
/// Not thread-safe: one caller (the JobScheduler thread, or a test).
class Jobs {
public:
    /// `store` and `router` must outlive the Jobs. `release_memory` may be empty (no memory pass).
    /// The jobs run on their own thread (JobScheduler): they read the store there, and hand
    /// every Router call to the Router's thread through `router_on`.
    Jobs(MessageStore& store,
        Router& router,
        JobOptions options,
        ReleaseFreeMemory release_memory = {},
        OnLoop router_on = {});

    /// At start: every non-final message and every pending receipt is handed to the Router.
    /// Throws StoreError if the store cannot be read.
    void resume();

    /// Runs the passes that are due at `now` (the first call runs the status report and expiry
    /// passes and schedules the first purge).
    void runDue(TimePoint now);

    /// Pending receipts from the store -> Router, a page at a time: the ids first, and the whole
    /// rows only of a page holding a receipt the Router does not have (after a restart, or a
    /// settle whose commit failed). The Router then retries what is due for the bound
    /// receivers. Counts every pending receipt on the way (pendingReceiptsInStore()). Throws
    /// StoreError if the store cannot be read.
    void statusReportPass();

    /// Non-final messages past their expiry -> EXPIRED (+ receipt). Waits for the commit.
    void expiryPass(TimePoint now);

    /// Deletes final messages done before now - retention, in chunks. Waits for the commits.
    /// Returns the number of rows deleted.
    std::int64_t purgePass(TimePoint now);
    std::int64_t purgeBefore(TimePoint cutoff);

    /// After an interval with a burst of store operations, the first quiet interval gives the
    /// allocator's free memory back: a burst (a receipt backlog, many messages in flight) leaves
    /// the heap at its peak size otherwise, although the objects are gone. Not during the burst:
    /// releasing takes the allocator's locks, which the traffic needs.
    void memoryPass();

    /// Receipts Pending in the store (committed, not yet acknowledged by a receiver), held in
    /// memory by the Router or not: the receipt backlog, as counted by the last status-report
    /// pass (or resume()). Safe from any thread (the /metrics gauge reads it).
    std::int64_t pendingReceiptsInStore() const;

    /// The first local `purge_hour`:00 strictly after `now`.
    TimePoint nextPurgeTime(TimePoint now) const;

private:
    /// The receipts part of the status-report pass (and of resume()).
    void resumeReceipts();
    /// The Router holds (or settled) every receipt of `ids`.
    bool knowsAll(const std::vector<std::int64_t>& ids) const;
    /// Reads a page of pending receipts and hands it to the Router; false: an account is full.
    bool resumePage(std::int64_t after_id, std::size_t page);

    MessageStore& store_;
    Router& router_;
    JobOptions options_;
    ReleaseFreeMemory release_memory_;
    OnLoop router_on_;
    std::uint64_t last_committed_ = 0; ///< store operations committed at the last memory pass
    bool burst_since_release_ = false;
    std::optional<TimePoint> next_tick_;
    std::optional<TimePoint> next_status_report_;
    std::optional<TimePoint> next_expiry_;
    std::optional<TimePoint> next_purge_;
    std::optional<TimePoint> next_memory_pass_;
    std::atomic<std::int64_t> pending_receipts_{0};
};

} // namespace smppd
