#include "smppd/support/IsoTime.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace std::chrono;
using smppd::support::formatIso;
using smppd::support::logLineTime;
using smppd::support::parseIso;

namespace {

// 2026-12-06T00:00:00Z
const smppd::support::TimePoint kDay{sys_days{year{2026} / December / 6}};

} // namespace

TEST_CASE("time arguments: a day, minutes, seconds, fractions, always UTC", "[support]")
{
    CHECK(parseIso("2026-12-06") == kDay);
    CHECK(parseIso("2026-12-06T14:02") == kDay + 14h + 2min);
    CHECK(parseIso("2026-12-06T14:02Z") == kDay + 14h + 2min);
    CHECK(parseIso("2026-12-06 14:02") == kDay + 14h + 2min);
    CHECK(parseIso("2026-12-06T14:02:00Z") == kDay + 14h + 2min);
    CHECK(parseIso("2026-12-06T14:02:09") == kDay + 14h + 2min + 9s);
    CHECK(parseIso("2026-12-06T14:02:09.5") == kDay + 14h + 2min + 9s + 500ms);
    CHECK(parseIso("2026-12-06T14:02:09.123Z") == kDay + 14h + 2min + 9s + 123ms);
}

TEST_CASE("malformed time arguments are refused", "[support]")
{
    const std::string text = GENERATE("",
        "2026-12",
        "2026-13-01",
        "2026-02-30",
        "2026-12-06T24:00",
        "2026-12-06T14",
        "2026-12-06T14:60",
        "2026-12-06T14:02:61",
        "2026-12-06T14:02:09.",
        "2026-12-06T14:02:09.1234567890",
        "2026-12-06T14:02+01:00",
        "2026-12-06X14:02",
        "06/12/2026",
        "yesterday");
    INFO(text);
    CHECK_FALSE(parseIso(text));
}

TEST_CASE("times are written as the log writes them, and read back", "[support]")
{
    const auto t = kDay + 7h + 35min + 17s + 123ms;
    CHECK(formatIso(t) == "2026-12-06T07:35:17.123Z");
    CHECK(parseIso(formatIso(t)) == t);
    CHECK(formatIso(kDay) == "2026-12-06T00:00:00.000Z");
}

TEST_CASE("a log line's time is its first token", "[support]")
{
    CHECK(logLineTime("2026-12-06T07:35:17.123Z level=info logger=smppd.session submit accepted")
        == kDay + 7h + 35min + 17s + 123ms);
    CHECK(logLineTime("2026-12-06T07:35:17.123Z") == kDay + 7h + 35min + 17s + 123ms);
    CHECK_FALSE(logLineTime("  at the next line of a message"));
    CHECK_FALSE(logLineTime(""));
}
