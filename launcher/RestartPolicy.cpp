#include "launcher/RestartPolicy.h"

#include <algorithm>

namespace launcher {

RestartPolicy::RestartPolicy(RestartOptions options) : options_(options)
{
}

RestartDecision RestartPolicy::onExit(
    const ChildExit& exit, Clock::duration run_time, Clock::time_point now)
{
    RestartDecision decision;
    decision.reason = reasonFor(exit);
    if (exit.kind == ChildExit::Kind::Exited
        && (exit.code == kExitConfig || exit.code == kExitStore)) {
        decision.action = Action::StopConfigError;
        return decision;
    }
    failures_ = run_time >= options_.stable_run ? 1 : failures_ + 1;
    restarts_.push_back(now);
    while (!restarts_.empty() && now - restarts_.front() > options_.storm_window) {
        restarts_.pop_front();
    }
    const bool storm = restarts_.size() >= options_.storm_restarts;
    decision.action = Action::Restart;
    decision.failures = failures_;
    decision.delay = backoff(failures_);
    decision.recent_restarts = static_cast<std::uint32_t>(restarts_.size());
    decision.storm = storm;
    decision.storm_began = storm && !in_storm_;
    in_storm_ = storm;
    return decision;
}

std::chrono::milliseconds RestartPolicy::backoff(std::uint32_t failures) const
{
    if (failures <= 1) {
        return std::chrono::milliseconds{0};
    }
    auto delay = options_.initial_backoff;
    for (std::uint32_t i = 2; i < failures && delay < options_.max_backoff; ++i) {
        delay *= 2;
    }
    return std::min(delay, options_.max_backoff);
}

std::string RestartPolicy::reasonFor(const ChildExit& exit)
{
    switch (exit.kind) {
    case ChildExit::Kind::Exited:
        if (exit.code == kExitOk) {
            return "exit-0-unasked"; // killed from outside, or stopped by someone else
        }
        if (exit.code == kExitConfig) {
            return "config-error";
        }
        if (exit.code == kExitStore) {
            return "store-unusable";
        }
        return exit.code == kExitUnavailable ? "port-unavailable" : "error-exit";
    case ChildExit::Kind::Signaled:
        return "crash";
    case ChildExit::Kind::Hung:
        return "hung";
    case ChildExit::Kind::LaunchFailed:
        return "launch-failed";
    }
    return "unknown";
}

} // namespace launcher
