#include "smppd/session/RateLimiter.h"

#include <algorithm>

namespace smppd {

RateLimiter::RateLimiter(std::uint32_t rate_per_second)
    : rate_(rate_per_second),
      tokens_(static_cast<double>(rate_per_second))
{
}

bool RateLimiter::tryAcquire(TimePoint now)
{
    if (rate_ == 0) {
        return true;
    }
    if (!started_) {
        started_ = true;
        last_ = now;
    }
    if (now > last_) {
        const std::chrono::duration<double> elapsed = now - last_;
        tokens_ = std::min(static_cast<double>(rate_), tokens_ + elapsed.count() * rate_);
        last_ = now;
    }
    if (tokens_ >= 1.0) {
        tokens_ -= 1.0;
        return true;
    }
    return false;
}

} // namespace smppd
