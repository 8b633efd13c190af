#include "smppd/session/SessionRegistry.h"

namespace smppd {

bool SessionRegistry::tryAcquire(std::string_view system_id, std::uint32_t max)
{
    const std::lock_guard lock(mutex_);
    auto& n = counts_[std::string(system_id)];
    if (n >= max) {
        return false;
    }
    ++n;
    ++total_;
    return true;
}

void SessionRegistry::release(std::string_view system_id)
{
    const std::lock_guard lock(mutex_);
    const auto it = counts_.find(std::string(system_id));
    if (it == counts_.end() || it->second == 0) {
        return;
    }
    --it->second;
    --total_;
    if (it->second == 0) {
        counts_.erase(it);
    }
}

std::uint32_t SessionRegistry::count(std::string_view system_id) const
{
    const std::lock_guard lock(mutex_);
    const auto it = counts_.find(std::string(system_id));
    return it == counts_.end() ? 0 : it->second;
}

std::uint32_t SessionRegistry::total() const
{
    const std::lock_guard lock(mutex_);
    return total_;
}

} // namespace smppd
