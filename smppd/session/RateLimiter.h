#pragma once

#include <chrono>
#include <cstdint>

namespace smppd {

/// Token bucket for `Server.ThrottleRate` (checklist §8 "Throttling", §9 row 46): at most
/// `rate` admissions per second, with a burst of `rate`. rate 0 = unlimited. Not thread-safe
/// (one per session); time is injected.
class RateLimiter {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit RateLimiter(std::uint32_t rate_per_second = 0);

    /// True (and one token taken) if a request at `now` is within the rate.
    bool tryAcquire(TimePoint now);

private:
    std::uint32_t rate_;
    double tokens_ = 0;
    TimePoint last_{};
    bool started_ = false;
};

} // namespace smppd
