#include "launcher/HeartbeatMonitor.h"

namespace launcher {

HeartbeatMonitor::HeartbeatMonitor(Clock::duration start_timeout, Clock::duration timeout)
    : start_timeout_(start_timeout),
      timeout_(timeout)
{
}

void HeartbeatMonitor::reset(Clock::time_point now)
{
    last_ = now;
    beats_ = 0;
}

void HeartbeatMonitor::onBeat(Clock::time_point now)
{
    if (now > last_) {
        last_ = now;
    }
    ++beats_;
}

bool HeartbeatMonitor::isHung(Clock::time_point now) const
{
    return silence(now) > allowedSilence();
}

HeartbeatMonitor::Clock::duration HeartbeatMonitor::allowedSilence() const
{
    return beats_ == 0 ? start_timeout_ : timeout_;
}

HeartbeatMonitor::Clock::duration HeartbeatMonitor::silence(Clock::time_point now) const
{
    return now > last_ ? now - last_ : Clock::duration::zero();
}

} // namespace launcher
