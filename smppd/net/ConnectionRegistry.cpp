#include "smppd/net/ConnectionRegistry.h"

namespace smppd {

std::uint64_t ConnectionRegistry::tryAdd(StoppableConnection* c, std::size_t max)
{
    const std::lock_guard lock(mutex_);
    if (stopping_ || live_.size() >= max) {
        return 0;
    }
    live_.insert(c);
    return ++last_number_;
}

void ConnectionRegistry::remove(StoppableConnection* c)
{
    const std::lock_guard lock(mutex_);
    live_.erase(c);
    if (live_.empty()) {
        empty_.notify_all();
    }
}

std::size_t ConnectionRegistry::count() const
{
    const std::lock_guard lock(mutex_);
    return live_.size();
}

void ConnectionRegistry::stopAll()
{
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto* c : live_) {
        c->requestStop(); // only sets a flag and wakes its thread: safe under our lock
    }
}

void ConnectionRegistry::abortAll()
{
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto* c : live_) {
        c->requestAbort();
    }
}

bool ConnectionRegistry::waitEmpty(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    return empty_.wait_for(lock, timeout, [this] { return live_.empty(); });
}

} // namespace smppd
