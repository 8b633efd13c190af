#pragma once

#include "launcher/ChildExit.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>

namespace launcher {

/// What to do after smppd ended.
enum class Action {
    Restart, ///< start smppd again after `delay`
    StopConfigError ///< smppd exited 64 or 65: do not restart; the launcher exits with its code
};

/// The policy's answer for one exit.
struct RestartDecision {
    Action action = Action::Restart;
    std::chrono::milliseconds delay{0}; ///< wait before restarting
    std::uint32_t failures = 0; ///< consecutive failed runs, this one included (0 for a stop)
    std::uint32_t recent_restarts = 0; ///< restarts within the storm window, this one included
    bool storm = false; ///< recent_restarts reached the storm threshold
    bool storm_began = false; ///< this exit tipped it into a storm (log a warning once)
    std::string reason; ///< one word for the log: exit-0-unasked, config-error, crash, hung, ...

    bool operator==(const RestartDecision&) const = default;
};

/// Tuning of RestartPolicy. Only max_backoff has a config key (`Launcher.MaxBackoff`).
struct RestartOptions {
    std::chrono::milliseconds initial_backoff{500}; ///< delay after the 2nd failure in a row
    std::chrono::milliseconds max_backoff{30000}; ///< cap
    std::chrono::milliseconds stable_run{60000}; ///< a run this long resets the backoff
    std::chrono::milliseconds storm_window{60000};
    std::uint32_t storm_restarts = 5; ///< this many restarts in the window is a storm
};

/// The launcher's restart rules (architecture §2), pure (time injected, no I/O):
/// - exit 64 (config) and 65 (store unusable): StopConfigError; everything else (exit 0, 69,
///   other codes, signals, hung, launch failure): Restart. The policy sees only exits the
///   launcher did not ask for: an exit 0 then means smppd was stopped by someone else (a SIGTERM
///   sent to it directly; under wine a TerminateProcess), and one instance must always run.
/// - Delay: the first failure after a stable run (or the first ever) restarts at once; then
///   initial_backoff, doubling per consecutive failure, capped at max_backoff. A run of at least
///   stable_run resets the count.
/// - Storm: storm_restarts or more restarts within storm_window. Restarts continue (a storm is
///   logged, never hidden, and the backoff already slows it).
class RestartPolicy {
public:
    using Clock = std::chrono::steady_clock;

    explicit RestartPolicy(RestartOptions options);

    /// Decides after a run of `run_time` ended with `exit` at `now`.
    RestartDecision onExit(const ChildExit& exit, Clock::duration run_time, Clock::time_point now);

    const RestartOptions& options() const { return options_; }

private:
    std::chrono::milliseconds backoff(std::uint32_t failures) const;
    static std::string reasonFor(const ChildExit& exit);

    RestartOptions options_;
    std::uint32_t failures_ = 0;
    std::deque<Clock::time_point> restarts_;
    bool in_storm_ = false;
};

} // namespace launcher
