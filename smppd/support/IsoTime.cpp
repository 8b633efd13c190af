#include "smppd/support/IsoTime.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdint>

namespace smppd::support {

namespace {

using namespace std::chrono;

/// The unsigned decimal of text[at, at + count), or nullopt if one of them is not a digit.
std::optional<int> digitsAt(std::string_view text, std::size_t at, std::size_t count)
{
    if (at + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<sys_days> parseDate(std::string_view text)
{
    const auto y = digitsAt(text, 0, 4);
    const auto m = digitsAt(text, 5, 2);
    const auto d = digitsAt(text, 8, 2);
    if (!y || !m || !d || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const year_month_day date{
        year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return sys_days{date};
}

/// What follows the seconds: "" or ".f" with 1 to 9 digits, as nanoseconds.
std::optional<nanoseconds> parseFraction(std::string_view text)
{
    if (text.empty()) {
        return nanoseconds{0};
    }
    const std::size_t digits = text.size() - 1;
    if (text.front() != '.' || digits == 0 || digits > 9) {
        return std::nullopt;
    }
    const auto value = digitsAt(text, 1, digits);
    if (!value) {
        return std::nullopt;
    }
    std::int64_t ns = *value;
    for (std::size_t i = digits; i < 9; ++i) {
        ns *= 10;
    }
    return nanoseconds{ns};
}

/// "hh:mm", "hh:mm:ss" or "hh:mm:ss.f..." (the text after the date's 'T', without the 'Z').
std::optional<nanoseconds> parseClock(std::string_view text)
{
    const auto h = digitsAt(text, 0, 2);
    const auto m = digitsAt(text, 3, 2);
    if (!h || !m || text[2] != ':' || *h > 23 || *m > 59) {
        return std::nullopt;
    }
    const nanoseconds time = hours{*h} + minutes{*m};
    if (text.size() == 5) {
        return time;
    }
    const auto s = digitsAt(text, 6, 2);
    if (!s || text[5] != ':' || *s > 59) {
        return std::nullopt;
    }
    const auto fraction = parseFraction(text.substr(8));
    if (!fraction) {
        return std::nullopt;
    }
    return time + seconds{*s} + *fraction;
}

} // namespace

std::string formatIso(TimePoint t)
{
    const auto ms = floor<milliseconds>(t);
    const auto day_start = floor<days>(ms);
    const year_month_day date{day_start};
    const hh_mm_ss clock{ms - day_start};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()),
        static_cast<unsigned>(date.day()),
        clock.hours().count(),
        clock.minutes().count(),
        clock.seconds().count(),
        clock.subseconds().count());
}

std::optional<TimePoint> parseIso(std::string_view text)
{
    if (!text.empty() && text.back() == 'Z') {
        text.remove_suffix(1);
    }
    const auto date = parseDate(text);
    if (!date) {
        return std::nullopt;
    }
    if (text.size() == 10) {
        return time_point_cast<TimePoint::duration>(*date);
    }
    if (text[10] != 'T' && text[10] != ' ') {
        return std::nullopt;
    }
    const auto clock = parseClock(text.substr(11));
    if (!clock) {
        return std::nullopt;
    }
    return time_point_cast<TimePoint::duration>(*date + *clock);
}

std::optional<TimePoint> logLineTime(std::string_view line)
{
    const auto end = line.find(' ');
    return parseIso(line.substr(0, end));
}

} // namespace smppd::support
