#include "common/smpp/SmppTime.h"

#include <catch2/catch.hpp>

using namespace std::chrono;
using smpp::TimePoint;

namespace {

TimePoint utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0)
{
    return TimePoint{sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s}};
}

const TimePoint kNow = utc(2025, 11, 25, 23, 10);

} // namespace

TEST_CASE("absolute SMPP times with tenths and quarter-hour offsets", "[time]")
{
    CHECK(smpp::parseSmppTime("251126120000000+", kNow) == utc(2025, 11, 26, 12, 0));
    CHECK(smpp::parseSmppTime("251126120000508+", kNow)
        == utc(2025, 11, 26, 10, 0) + milliseconds{500}); // +2 h, 5 tenths
    CHECK(smpp::parseSmppTime("251126120000004-", kNow) == utc(2025, 11, 26, 13, 0));
    CHECK(smpp::parseSmppTime("240229235959948+", kNow)
        == utc(2024, 2, 29, 11, 59, 59) + milliseconds{900}); // leap day, +12 h
    CHECK(smpp::parseSmppTime("991231235959048-", kNow) == utc(2100, 1, 1, 11, 59, 59));
}

TEST_CASE("relative SMPP times are added to now", "[time]")
{
    CHECK(smpp::parseSmppTime("000001000000000R", kNow) == kNow + days{1});
    CHECK(smpp::parseSmppTime("000000013000000R", kNow) == kNow + hours{1} + minutes{30});
    CHECK(smpp::parseSmppTime("000000000000000R", kNow) == kNow);
    CHECK(smpp::parseSmppTime("010200000000000R", kNow) == utc(2027, 1, 25, 23, 10));
    // Jan 31 + 1 month clamps to the end of February
    CHECK(
        smpp::parseSmppTime("000100000000000R", utc(2025, 1, 31, 0, 0)) == utc(2025, 2, 28, 0, 0));
    CHECK(smpp::isRelativeSmppTime("000001000000000R"));
    CHECK_FALSE(smpp::isRelativeSmppTime("251126120000000+"));
}

TEST_CASE("malformed SMPP times are rejected", "[time]")
{
    const std::string bad = GENERATE(as<std::string>{},
        "",
        "2501011200", // §9.32: 10 digits
        "251301120000000+", // month 13
        "250001120000000+", // month 0
        "250132120000000+", // day 32
        "250229120000000+", // 2025 is not a leap year
        "250101240000000+", // hour 24
        "250101126000000+", // minute 60
        "250101120060000+", // second 60
        "250101120000049+", // nn 49
        "250101120000000*", // bad p
        "2501011200000000", // digit p
        "25010112000000+", // 15 chars
        "2501011200000000+", // 17 chars
        "25a101120000000+", // non-digit
        "0000010000000 0R");
    CHECK_FALSE(smpp::parseSmppTime(bad, kNow));
}

TEST_CASE("format SMPP times and relative durations", "[time]")
{
    CHECK(smpp::formatSmppTime(utc(2025, 11, 26, 12, 0) + milliseconds{750}) == "251126120000700+");
    CHECK(smpp::formatSmppRelative(hours{24}) == "000001000000000R");
    CHECK(smpp::formatSmppRelative(seconds{3723}) == "000000010203000R");
    CHECK(smpp::formatSmppRelative(seconds{-5}) == "000000000000000R");
    CHECK(smpp::formatSmppRelative(days{400}) == "010105000000000R");
    const auto t = utc(2025, 11, 26, 12, 34, 56);
    CHECK(smpp::parseSmppTime(smpp::formatSmppTime(t), kNow) == t);
}

TEST_CASE("receipt dates of 10, 12 and 14 digits", "[time]")
{
    const auto t = utc(2025, 11, 25, 23, 10, 42);
    CHECK(smpp::formatReceiptDate(t) == "2511252310");
    CHECK(smpp::formatReceiptDate(t, true) == "251125231042");
    CHECK(smpp::parseReceiptDate("2511252310") == utc(2025, 11, 25, 23, 10));
    CHECK(smpp::parseReceiptDate("251125231042") == t);
    CHECK(smpp::parseReceiptDate("20251125231042") == t);
    CHECK_FALSE(smpp::parseReceiptDate("251125231"));
    CHECK_FALSE(smpp::parseReceiptDate("2513252310"));
    CHECK_FALSE(smpp::parseReceiptDate("25112523106x"));
}
