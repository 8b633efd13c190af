#include "launcher/HeartbeatMonitor.h"

#include <catch2/catch.hpp>

using launcher::HeartbeatMonitor;
using namespace std::chrono_literals;

TEST_CASE("a run has the start timeout to send its first beat", "[launcher][heartbeat]")
{
    const HeartbeatMonitor::Clock::time_point t0{100s};
    HeartbeatMonitor monitor(60s, 10s);
    monitor.reset(t0);
    REQUIRE(monitor.allowedSilence() == 60s);
    REQUIRE_FALSE(monitor.isHung(t0));
    // Far beyond HeartbeatTimeout but within StartTimeout: a slow start (big store), not a hang.
    REQUIRE_FALSE(monitor.isHung(t0 + 30s));
    REQUIRE_FALSE(monitor.isHung(t0 + 60s)); // exactly the start timeout: still alive
    REQUIRE(monitor.isHung(t0 + 60s + 1ms));
    REQUIRE(monitor.beats() == 0);
}

TEST_CASE("the heartbeat timeout applies from the first beat on", "[launcher][heartbeat]")
{
    const HeartbeatMonitor::Clock::time_point t0{100s};
    HeartbeatMonitor monitor(60s, 10s);
    monitor.reset(t0);
    monitor.onBeat(t0 + 45s);
    REQUIRE(monitor.allowedSilence() == 10s);
    REQUIRE_FALSE(monitor.isHung(t0 + 55s));
    // Still within 60 s of the start, but 10 s + 1 ms after the last beat: hung.
    REQUIRE(monitor.isHung(t0 + 55s + 1ms));

    SECTION("reset gives the next run the start timeout again")
    {
        monitor.reset(t0 + 100s);
        REQUIRE(monitor.allowedSilence() == 60s);
        REQUIRE_FALSE(monitor.isHung(t0 + 150s));
        REQUIRE(monitor.isHung(t0 + 160s + 1ms));
    }
}

TEST_CASE("a start timeout shorter than the heartbeat timeout is honoured", "[launcher][heartbeat]")
{
    const HeartbeatMonitor::Clock::time_point t0{100s};
    HeartbeatMonitor monitor(2s, 10s);
    monitor.reset(t0);
    REQUIRE(monitor.isHung(t0 + 2s + 1ms));
    monitor.onBeat(t0 + 1s);
    REQUIRE_FALSE(monitor.isHung(t0 + 11s));
    REQUIRE(monitor.isHung(t0 + 11s + 1ms));
}

TEST_CASE("each beat restarts the timeout", "[launcher][heartbeat]")
{
    const HeartbeatMonitor::Clock::time_point t0{100s};
    HeartbeatMonitor monitor(60s, 3s);
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
