#pragma once

#include <chrono>
#include <cstdint>

namespace launcher {

/// Decides whether smppd is hung from the times its beats arrived. Pure: time is injected
/// (style §8), so tests need no sleeps. The start of a run counts as a beat, which gives smppd
/// `timeout` to produce its first one.
class HeartbeatMonitor {
public:
    using Clock = std::chrono::steady_clock;

    /// `timeout`: `Launcher.HeartbeatTimeout`.
    explicit HeartbeatMonitor(Clock::duration timeout);

    /// A new smppd run started at `now`: forget the previous run's beats.
    void reset(Clock::time_point now);

    /// A beat arrived at `now` (times before the last one are ignored).
    void onBeat(Clock::time_point now);

    /// True when no beat (nor the start) happened in the last `timeout`, i.e.
    /// `now - last > timeout`.
    bool isHung(Clock::time_point now) const;

    /// Time since the last beat (or the start), never negative.
    Clock::duration silence(Clock::time_point now) const;

    /// Beats seen since reset().
    std::uint64_t beats() const { return beats_; }

    Clock::duration timeout() const { return timeout_; }

private:
    Clock::duration timeout_;
    Clock::time_point last_{};
    std::uint64_t beats_ = 0;
};

} // namespace launcher
