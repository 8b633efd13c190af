#pragma once

#include "smppd/jobs/Jobs.h"
#include "smppd/routing/RouterOptions.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace smppd {

/// The thread that runs Jobs::runDue() every `period` (start from ServerApplication::main(),
/// never from a constructor: --daemon forks). Exceptions of a pass are logged, not fatal.
class JobScheduler {
public:
    /// `jobs` must outlive the scheduler.
    JobScheduler(Jobs& jobs,
        std::chrono::milliseconds period = std::chrono::milliseconds(100),
        WallClock clock = systemWallClock());

    /// stop().
    ~JobScheduler();

    JobScheduler(const JobScheduler&) = delete;
    JobScheduler& operator=(const JobScheduler&) = delete;

    /// Starts the thread (once).
    void start();

    /// Wakes and joins the thread. Idempotent.
    void stop();

private:
    void run();

    Jobs& jobs_;
    std::chrono::milliseconds period_;
    WallClock clock_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace smppd
