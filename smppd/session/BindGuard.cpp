#include "smppd/session/BindGuard.h"

namespace smppd {

BindGuard::BindGuard() : BindGuard(Options{})
{
}

BindGuard::BindGuard(Options options) : options_(options)
{
}

bool BindGuard::isLockedOut(std::string_view peer, TimePoint now)
{
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(std::string(peer));
    return it != entries_.end() && now < it->second.locked_until;
}

void BindGuard::recordFailure(std::string_view peer, TimePoint now)
{
    const std::lock_guard lock(mutex_);
    if (entries_.size() > 10000) {
        prune(now); // bound the memory a scan from many addresses can take
    }
    auto& entry = entries_[std::string(peer)];
    if (entry.failures == 0 || now - entry.first_failure > options_.window) {
        entry.failures = 0;
        entry.first_failure = now;
    }
    ++entry.failures;
    if (entry.failures >= options_.max_failures) {
        entry.locked_until = now + options_.lockout;
        entry.failures = 0;
    }
}

void BindGuard::recordSuccess(std::string_view peer)
{
    const std::lock_guard lock(mutex_);
    entries_.erase(std::string(peer));
}

void BindGuard::prune(TimePoint now)
{
    std::erase_if(entries_, [&](const auto& item) {
        const Entry& e = item.second;
        return now >= e.locked_until && now - e.first_failure > options_.window;
    });
}

} // namespace smppd
