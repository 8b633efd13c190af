#include "smppd/session/BindGuard.h"

#include <catch2/catch.hpp>

using namespace smppd;
using namespace std::chrono_literals;

TEST_CASE("BindGuard locks out an address after repeated failures", "[bindguard]")
{
    BindGuard guard(BindGuard::Options{.max_failures = 3, .window = 60s, .lockout = 30s});
    const auto t0 = BindGuard::TimePoint{} + 1000h;
    guard.recordFailure("a", t0);
    guard.recordFailure("a", t0 + 1s);
    CHECK_FALSE(guard.isLockedOut("a", t0 + 2s));
    guard.recordFailure("a", t0 + 2s);
    CHECK(guard.isLockedOut("a", t0 + 3s));
    CHECK_FALSE(guard.isLockedOut("b", t0 + 3s));
    CHECK(guard.isLockedOut("a", t0 + 31s));
    CHECK_FALSE(guard.isLockedOut("a", t0 + 32s));

    SECTION("failures spread beyond the window do not add up")
    {
        guard.recordFailure("c", t0);
        guard.recordFailure("c", t0 + 61s);
        guard.recordFailure("c", t0 + 62s);
        CHECK_FALSE(guard.isLockedOut("c", t0 + 63s));
    }
    SECTION("a success forgets the failures")
    {
        guard.recordFailure("d", t0);
        guard.recordFailure("d", t0);
        guard.recordSuccess("d");
        guard.recordFailure("d", t0);
        CHECK_FALSE(guard.isLockedOut("d", t0));
    }
}
