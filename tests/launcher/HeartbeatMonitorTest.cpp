#include "launcher/HeartbeatMonitor.h"

#include <catch2/catch.hpp>

using launcher::HeartbeatMonitor;
using namespace std::chrono_literals;

TEST_CASE("the start of a run counts as a beat", "[launcher][heartbeat]")
{
    const HeartbeatMonitor::Clock::time_point t0{100s};
    HeartbeatMonitor monitor(10s);
    monitor.reset(t0);
    REQUIRE_FALSE(monitor.isHung(t0));
    REQUIRE_FALSE(monitor.isHung(t0 + 10s)); // exactly the timeout: still alive
    REQUIRE(monitor.isHung(t0 + 10s + 1ms));
    REQUIRE(monitor.beats() == 0);
}

TEST_CASE("each beat restarts the timeout", "[launcher][heartbeat]")
{
    const HeartbeatMonitor::Clock::time_point t0{100s};
    HeartbeatMonitor monitor(3s);
    monitor.reset(t0);
    for (int i = 1; i <= 5; ++i) {
        monitor.onBeat(t0 + i * 2s);
    }
    REQUIRE(monitor.beats() == 5);
    REQUIRE_FALSE(monitor.isHung(t0 + 13s));
    REQUIRE(monitor.silence(t0 + 13s) == 3s);
    REQUIRE(monitor.isHung(t0 + 13s + 1ms));

    SECTION("a late-reported older beat does not move the clock back")
    {
        monitor.onBeat(t0 + 1s);
        REQUIRE(monitor.silence(t0 + 13s) == 3s);
    }
    SECTION("reset forgets the previous run")
    {
        monitor.reset(t0 + 20s);
        REQUIRE(monitor.beats() == 0);
        REQUIRE_FALSE(monitor.isHung(t0 + 22s));
        REQUIRE(monitor.silence(t0 + 19s) == 0s); // never negative
    }
}
