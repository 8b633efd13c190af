#include "smppd/session/RateLimiter.h"

#include <catch2/catch.hpp>

using namespace smppd;
using namespace std::chrono_literals;

TEST_CASE("RateLimiter admits rate per second", "[throttle]")
{
    const auto t0 = RateLimiter::TimePoint{} + 10h;
    SECTION("0 = unlimited")
    {
        RateLimiter r(0);
        for (int i = 0; i < 10000; ++i) {
            REQUIRE(r.tryAcquire(t0));
        }
    }
    SECTION("10 per second: the 11th in the same second is refused, refilled later")
    {
        RateLimiter r(10);
        for (int i = 0; i < 10; ++i) {
            CHECK(r.tryAcquire(t0));
        }
        CHECK_FALSE(r.tryAcquire(t0 + 50ms));
        CHECK(r.tryAcquire(t0 + 150ms));
        CHECK_FALSE(r.tryAcquire(t0 + 160ms));
        CHECK(r.tryAcquire(t0 + 10s));
    }
}
