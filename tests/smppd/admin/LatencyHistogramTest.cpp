#include "smppd/admin/LatencyHistogram.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("latency histogram puts observations in le buckets", "[admin]")
{
    smppd::LatencyHistogram histogram;
    histogram.observe(0ns); // bucket 0.005
    histogram.observe(5ms); // exactly on the bound: still le=0.005
    histogram.observe(5001us); // next bucket, 0.01
    histogram.observe(1s); // le=1
    histogram.observe(11s); // +Inf only
    histogram.observe(-3ms); // clamps to 0

    const auto snap = histogram.snapshot();
    REQUIRE(snap.count == 6);
    REQUIRE(snap.cumulative[0] == 3); // 0, 5 ms, -3 ms
    REQUIRE(snap.cumulative[1] == 4); // + 5.001 ms
    REQUIRE(snap.cumulative[6] == 4); // le=0.5
    REQUIRE(snap.cumulative[7] == 5); // le=1
    REQUIRE(snap.cumulative[10] == 5); // le=10
    REQUIRE(snap.cumulative[11] == 6); // +Inf
    REQUIRE(snap.sum_seconds == Approx(0.005 + 0.005001 + 1.0 + 11.0));
}

TEST_CASE("latency histogram bounds are the Prometheus defaults, or the fine set", "[admin]")
{
    const smppd::LatencyHistogram defaults;
    REQUIRE(defaults.boundSeconds(0) == 0.005);
    REQUIRE(defaults.boundSeconds(7) == 1.0);
    REQUIRE(defaults.boundSeconds(10) == 10.0);
    const smppd::LatencyHistogram fine(smppd::LatencyHistogram::kFineBoundsNs);
    REQUIRE(fine.boundSeconds(0) == 0.0001);
    REQUIRE(fine.boundSeconds(3) == 0.001);
    REQUIRE(fine.boundSeconds(10) == 0.25);
}

TEST_CASE("a fine latency histogram tells a 0.3 ms commit from a 1.5 ms one", "[admin]")
{
    smppd::LatencyHistogram histogram(smppd::LatencyHistogram::kFineBoundsNs);
    histogram.observe(300us); // le=0.0005
    histogram.observe(1500us); // le=0.002
    histogram.observe(1s); // +Inf only
    const auto snap = histogram.snapshot();
    REQUIRE(snap.cumulative[1] == 0); // le=0.00025
    REQUIRE(snap.cumulative[2] == 1); // le=0.0005
    REQUIRE(snap.cumulative[3] == 1); // le=0.001
    REQUIRE(snap.cumulative[4] == 2); // le=0.002
    REQUIRE(snap.cumulative[10] == 2); // le=0.25
    REQUIRE(snap.cumulative[11] == 3); // +Inf
}
