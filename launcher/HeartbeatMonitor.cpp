#include "launcher/HeartbeatMonitor.h"

namespace launcher {

HeartbeatMonitor::HeartbeatMonitor(Clock::duration timeout) : timeout_(timeout)
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
    return silence(now) > timeout_;
}

HeartbeatMonitor::Clock::duration HeartbeatMonitor::silence(Clock::time_point now) const
{
    return now > last_ ? now - last_ : Clock::duration::zero();
}

} // namespace launcher
