#include "launcher/RestartPolicy.h"

#include <catch2/catch.hpp>

#include <vector>

using launcher::Action;
using launcher::ChildExit;
using launcher::RestartOptions;
using launcher::RestartPolicy;
using namespace std::chrono_literals;

namespace {

const ChildExit kCrash{ChildExit::Kind::Signaled, 9};

RestartOptions options()
{
    RestartOptions o;
    o.initial_backoff = 500ms;
    o.max_backoff = 4s;
    o.stable_run = 60s;
    o.storm_window = 60s;
    o.storm_restarts = 5;
    return o;
}

} // namespace

TEST_CASE("exit codes map to actions", "[launcher][policy]")
{
    RestartPolicy policy(options());
    const RestartPolicy::Clock::time_point now{1000s};
    // The policy sees only exits the launcher did not ask for: 0 too is restarted.
    const auto unasked = policy.onExit({ChildExit::Kind::Exited, 0}, 5s, now);
    REQUIRE(unasked.action == Action::Restart);
    REQUIRE(unasked.reason == "exit-0-unasked");
    REQUIRE(
        policy.onExit({ChildExit::Kind::Exited, 64}, 1s, now).action == Action::StopConfigError);
    // 65: the store is unusable (corrupt, locked by another smppd, newer schema): like 64.
    const auto store = policy.onExit({ChildExit::Kind::Exited, 65}, 1s, now);
    REQUIRE(store.action == Action::StopConfigError);
    REQUIRE(store.reason == "store-unusable");
    REQUIRE(store.failures == 0);
    const auto [kind, code, reason] = GENERATE(table<ChildExit::Kind, int, std::string>({
        {ChildExit::Kind::Exited, 69, "port-unavailable"},
        {ChildExit::Kind::Exited, 1, "error-exit"},
        {ChildExit::Kind::Exited, 70, "error-exit"},
        {ChildExit::Kind::Signaled, 9, "crash"},
        {ChildExit::Kind::Signaled, 11, "crash"},
        {ChildExit::Kind::Hung, 0, "hung"},
        {ChildExit::Kind::LaunchFailed, 0, "launch-failed"},
    }));
    const auto decision = policy.onExit({kind, code}, 5s, now);
    REQUIRE(decision.action == Action::Restart);
    REQUIRE(decision.reason == reason);
}

TEST_CASE("clean stop and config error are not failures", "[launcher][policy]")
{
    RestartPolicy policy(options());
    const RestartPolicy::Clock::time_point now{1000s};
    const auto config = policy.onExit({ChildExit::Kind::Exited, 64}, 0s, now);
    REQUIRE(config.reason == "config-error");
    REQUIRE(config.failures == 0);
    REQUIRE(config.delay == 0ms);
    // A later crash is still the first failure: immediate restart.
    REQUIRE(policy.onExit(kCrash, 1s, now).delay == 0ms);
}

TEST_CASE("backoff doubles per consecutive failure and is capped", "[launcher][policy]")
{
    RestartPolicy policy(options());
    RestartPolicy::Clock::time_point now{1000s};
    std::vector<std::chrono::milliseconds> delays;
    for (int i = 0; i < 7; ++i) {
        const auto d = policy.onExit(kCrash, 2s, now);
        REQUIRE(d.failures == static_cast<std::uint32_t>(i + 1));
        delays.push_back(d.delay);
        now += 100s; // far apart: no storm, but runs too short to be stable
    }
    REQUIRE(delays == std::vector<std::chrono::milliseconds>{0ms, 500ms, 1s, 2s, 4s, 4s, 4s});
}

TEST_CASE("a stable run resets the backoff", "[launcher][policy]")
{
    RestartPolicy policy(options());
    RestartPolicy::Clock::time_point now{1000s};
    policy.onExit(kCrash, 1s, now);
    policy.onExit(kCrash, 1s, now += 1s);
    REQUIRE(policy.onExit(kCrash, 1s, now += 1s).delay == 1s);
    const auto after_stable = policy.onExit(kCrash, 60s, now += 61s);
    REQUIRE(after_stable.failures == 1);
    REQUIRE(after_stable.delay == 0ms);
    REQUIRE(policy.onExit(kCrash, 59s, now += 60s).delay == 500ms);
}

TEST_CASE("a restart storm is flagged once when it begins", "[launcher][policy]")
{
    RestartPolicy policy(options());
    RestartPolicy::Clock::time_point now{1000s};
    for (int i = 1; i <= 4; ++i) {
        const auto d = policy.onExit(kCrash, 1s, now += 5s);
        REQUIRE(d.recent_restarts == static_cast<std::uint32_t>(i));
        REQUIRE_FALSE(d.storm);
    }
    const auto fifth = policy.onExit(kCrash, 1s, now += 5s);
    REQUIRE(fifth.action == Action::Restart); // logged, not hidden, and still restarted
    REQUIRE(fifth.storm);
    REQUIRE(fifth.storm_began);
    const auto sixth = policy.onExit(kCrash, 1s, now += 5s);
    REQUIRE(sixth.storm);
    REQUIRE_FALSE(sixth.storm_began);

    SECTION("it ends when the window holds fewer restarts")
    {
        const auto calm = policy.onExit(kCrash, 1s, now += 120s);
        REQUIRE(calm.recent_restarts == 1);
        REQUIRE_FALSE(calm.storm);
        for (int i = 0; i < 3; ++i) {
            policy.onExit(kCrash, 1s, now += 1s);
        }
        const auto again = policy.onExit(kCrash, 1s, now += 1s);
        REQUIRE(again.storm_began);
    }
}
