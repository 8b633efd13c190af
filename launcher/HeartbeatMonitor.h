#pragma once

#include <chrono>
#include <cstdint>

namespace launcher {

/// Decides whether smppd is hung from the times its beats arrived. Pure: time is injected
/// (style §8), so tests need no sleeps. A run gets `start_timeout` from its start to produce
/// its first beat (loading a big store may take a while), then `timeout` between beats.
class HeartbeatMonitor {
public:
    using Clock = std::chrono::steady_clock;

    /// `start_timeout`: `Launcher.StartTimeout`; `timeout`: `Launcher.HeartbeatTimeout`.
    HeartbeatMonitor(Clock::duration start_timeout, Clock::duration timeout);

    /// A new smppd run started at `now`: forget the previous run's beats.
    void reset(Clock::time_point now);

    /// A beat arrived at `now` (times before the last one are ignored).
    void onBeat(Clock::time_point now);

    /// True when the silence since the last beat (or the start) exceeds allowedSilence().
    bool isHung(Clock::time_point now) const;

    /// Time since the last beat (or the start), never negative.
    Clock::duration silence(Clock::time_point now) const;

    /// start_timeout until the run's first beat, timeout after it.
    Clock::duration allowedSilence() const;

    /// Beats seen since reset().
    std::uint64_t beats() const { return beats_; }

private:
    Clock::duration start_timeout_;
    Clock::duration timeout_;
    Clock::time_point last_{};
    std::uint64_t beats_ = 0;
};

} // namespace launcher
