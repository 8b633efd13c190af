#pragma once

#include "config/Settings.h"
#include "smppd/routing/Router.h"
#include "smppd/store/MessageStore.h"

#include <chrono>
#include <cstdint>
#include <optional>

namespace smppd {

/// Periods of the background passes (built from Settings by jobOptionsFrom()).
struct JobOptions {
    std::chrono::milliseconds tick_interval{100}; ///< Router::onTick (retries, handset)
    std::chrono::seconds status_report_interval{10}; ///< `Job.StatusReport.Interval`
    std::chrono::seconds expiry_interval{10}; ///< expiry pass
    int purge_hour = 1; ///< `Purge.Messages.Hour`, local time
    std::chrono::days retention{7}; ///< `Purge.Messages.RetentionDays`
    std::int64_t purge_chunk = 5000; ///< rows deleted per store transaction
};

/// Maps Settings (Job.*, Purge.*) onto JobOptions.
JobOptions jobOptionsFrom(const Settings& settings);

/// The background passes, with time injected: runDue(now) runs whatever is due at `now`.
/// Not thread-safe: one caller (the JobScheduler thread, or a test).
class Jobs {
public:
    /// `store` and `router` must outlive the Jobs.
    Jobs(MessageStore& store, Router& router, JobOptions options);

    /// At start: every non-final message and every pending receipt is handed to the Router.
    /// Throws StoreError if the store cannot be read.
    void resume();

    /// Runs the passes that are due at `now` (the first call runs the status report and expiry
    /// passes and schedules the first purge).
    void runDue(TimePoint now);

    /// Pending receipts from the store -> Router (which ignores ids it already has); the Router
    /// then retries what is due for the bound receivers.
    void statusReportPass();

    /// Non-final messages past their expiry -> EXPIRED (+ receipt). Waits for the commit.
    void expiryPass(TimePoint now);

    /// Deletes final messages done before now - retention, in chunks. Waits for the commits.
    /// Returns the number of rows deleted.
    std::int64_t purgePass(TimePoint now);

    /// The first local `purge_hour`:00 strictly after `now`.
    TimePoint nextPurgeTime(TimePoint now) const;

private:
    MessageStore& store_;
    Router& router_;
    JobOptions options_;
    std::optional<TimePoint> next_tick_;
    std::optional<TimePoint> next_status_report_;
    std::optional<TimePoint> next_expiry_;
    std::optional<TimePoint> next_purge_;
};

} // namespace smppd
