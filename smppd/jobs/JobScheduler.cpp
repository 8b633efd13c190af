#include "smppd/jobs/JobScheduler.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/ThreadName.h"

#include <Poco/Logger.h>

#include <exception>
#include <utility>

namespace smppd {

JobScheduler::JobScheduler(Jobs& jobs, std::chrono::milliseconds period, WallClock clock)
    : jobs_(jobs),
      period_(period),
      clock_(std::move(clock))
{
}

JobScheduler::~JobScheduler()
{
    stop();
}

void JobScheduler::start()
{
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) {
        return;
    }
    thread_ = std::thread([this] { run(); });
}

void JobScheduler::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void JobScheduler::run()
{
    smpp::platform::nameCurrentThread("jobs");
    Poco::Logger& log = Poco::Logger::get("smppd.jobs");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            jobs_.runDue(clock_());
        } catch (const std::exception& e) {
            // A pass failing (e.g. the store cannot be read) must not stop the others.
            logging::log(log, logging::ev::job_failed, "error={}", logging::quoted(e.what()));
        }
        lock.lock();
        cv_.wait_for(lock, period_, [this] { return stopping_; });
    }
}

} // namespace smppd
