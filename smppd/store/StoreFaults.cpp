#include "smppd/store/StoreFaults.h"

namespace smppd {

bool StoreFaults::failed(std::string_view reason,
    std::string_view error,
    std::uint64_t operations,
    Clock::time_point now)
{
    auto counted = by_reason_.find(reason);
    if (counted == by_reason_.end()) {
        counted = by_reason_.emplace(std::string(reason), 0).first;
    }
    counted->second += operations;
    if (failing_) {
        failed_operations_ += operations;
        return false;
    }
    failing_ = true;
    reason_ = reason;
    error_ = error;
    failed_operations_ = operations;
    since_ = now;
    return true;
}

std::optional<StoreFaults::Ended> StoreFaults::succeeded(Clock::time_point now)
{
    if (!failing_) {
        return std::nullopt;
    }
    Ended ended{std::move(reason_), failed_operations_, now - since_};
    failing_ = false;
    reason_.clear();
    error_.clear();
    failed_operations_ = 0;
    return ended;
}

StoreHealth StoreFaults::health(Clock::time_point now) const
{
    StoreHealth health;
    health.ok = !failing_;
    health.reason = reason_;
    health.error = error_;
    health.failed_operations = failed_operations_;
    health.duration = failing_ ? now - since_ : Clock::duration{};
    health.failures_by_reason = by_reason_;
    return health;
}

} // namespace smppd
