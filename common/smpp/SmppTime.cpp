#include "common/smpp/SmppTime.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

namespace smpp {

namespace {

using namespace std::chrono;

/// Reads n decimal digits at pos; false if any is not a digit.
bool readDigits(std::string_view text, std::size_t pos, std::size_t n, int& out) noexcept
{
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

/// The twelve 2-digit fields YY MM DD hh mm ss, then t, then nn.
struct TimeFields {
    std::array<int, 6> ymdhms{};
    int tenths = 0;
    int quarters = 0;
};

bool readFields(std::string_view text, TimeFields& f) noexcept
{
    for (std::size_t i = 0; i < f.ymdhms.size(); ++i) {
        if (!readDigits(text, i * 2, 2, f.ymdhms[i])) {
            return false;
        }
    }
    return readDigits(text, 12, 1, f.tenths) && readDigits(text, 13, 2, f.quarters);
}

/// A UTC calendar time from validated fields; nullopt if the date or time of day is impossible.
std::optional<TimePoint> civilTime(int year, int month, int day, int hour, int minute, int second)
{
    const year_month_day ymd{std::chrono::year{year},
        std::chrono::month{static_cast<unsigned>(month)},
        std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    return TimePoint{sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second}};
}

std::optional<TimePoint> absoluteTime(const TimeFields& f, char sign)
{
    const auto& v = f.ymdhms;
    auto local = civilTime(2000 + v[0], v[1], v[2], v[3], v[4], v[5]);
    if (!local || f.quarters > 48) {
        return std::nullopt;
    }
    // p '+': local time is nn quarter hours ahead of UTC, so UTC = local - offset.
    const minutes offset{15 * f.quarters};
    const auto utc = sign == '+' ? *local - offset : *local + offset;
    return time_point_cast<TimePoint::duration>(utc + milliseconds{100 * f.tenths});
}

/// now + YY years + MM months (calendar, day clamped to the month's end) + DD hh mm ss.
TimePoint relativeTime(const TimeFields& f, TimePoint now)
{
    const auto& v = f.ymdhms;
    const auto today = floor<days>(now);
    const auto time_of_day = now - today;
    year_month_day ymd{today};
    ymd += years{v[0]};
    ymd += months{v[1]};
    if (!ymd.ok()) {
        ymd = year_month_day{ymd.year() / ymd.month() / last};
    }
    return sys_days{ymd} + time_of_day + days{v[2]} + hours{v[3]} + minutes{v[4]} + seconds{v[5]};
}

struct Civil {
    int year;
    unsigned month;
    unsigned day;
    long hour;
    long minute;
    long second;
    long tenths;
};

Civil toCivil(TimePoint t)
{
    const auto day_start = floor<days>(t);
    const year_month_day ymd{day_start};
    const auto since_midnight = duration_cast<milliseconds>(t - day_start).count();
    return Civil{static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()),
        static_cast<long>(since_midnight / 3'600'000),
        static_cast<long>(since_midnight / 60'000 % 60),
        static_cast<long>(since_midnight / 1000 % 60),
        static_cast<long>(since_midnight / 100 % 10)};
}

} // namespace

std::optional<TimePoint> parseSmppTime(std::string_view text, TimePoint now)
{
    TimeFields fields;
    if (text.size() != 16 || !readFields(text, fields)) {
        return std::nullopt;
    }
    const char p = text[15];
    if (p == 'R') {
        return relativeTime(fields, now);
    }
    if (p == '+' || p == '-') {
        return absoluteTime(fields, p);
    }
    return std::nullopt;
}

bool isRelativeSmppTime(std::string_view text) noexcept
{
    TimeFields fields;
    return text.size() == 16 && text[15] == 'R' && readFields(text, fields);
}

std::string formatSmppTime(TimePoint t)
{
    const Civil c = toCivil(t);
    std::array<char, 32> buf{};
    std::snprintf(buf.data(),
        buf.size(),
        "%02d%02u%02u%02ld%02ld%02ld%1ld00+",
        c.year % 100,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.tenths);
    return std::string(buf.data(), 16);
}

std::string formatSmppRelative(std::chrono::seconds duration)
{
    long long total = std::max<long long>(duration.count(), 0);
    long long day_count = total / 86400;
    const long long rest = total % 86400;
    long long year_count = 0;
    long long month_count = 0;
    if (day_count > 99) {
        year_count = std::min<long long>(day_count / 365, 99);
        day_count -= year_count * 365;
        month_count = std::min<long long>(day_count / 30, 99);
        day_count = std::min<long long>(day_count - month_count * 30, 99);
    }
    std::array<char, 32> buf{};
    std::snprintf(buf.data(),
        buf.size(),
        "%02lld%02lld%02lld%02lld%02lld%02lld000R",
        year_count,
        month_count,
        day_count,
        rest / 3600,
        rest / 60 % 60,
        rest % 60);
    return std::string(buf.data(), 16);
}

std::string formatReceiptDate(TimePoint t, bool with_seconds)
{
    // Two digits per field by hand: every receipt formats two dates, and snprintf cost more
    // than the rest of the receipt.
    const Civil c = toCivil(t);
    const std::array<std::int64_t, 6> fields{
        (c.year % 100 + 100) % 100, c.month, c.day, c.hour, c.minute, c.second};
    std::string out(with_seconds ? 12 : 10, '0');
    for (std::size_t i = 0; i < out.size() / 2; ++i) {
        out[2 * i] = static_cast<char>('0' + fields[i] / 10 % 10);
        out[2 * i + 1] = static_cast<char>('0' + fields[i] % 10);
    }
    return out;
}

std::optional<TimePoint> parseReceiptDate(std::string_view text)
{
    const std::size_t year_digits = text.size() == 14 ? 4 : 2;
    if (text.size() != 10 && text.size() != 12 && text.size() != 14) {
        return std::nullopt;
    }
    int year = 0;
    std::array<int, 5> rest{}; // MM DD hh mm ss
    if (!readDigits(text, 0, year_digits, year)) {
        return std::nullopt;
    }
    const std::size_t fields = text.size() == 10 ? 4 : 5;
    for (std::size_t i = 0; i < fields; ++i) {
        if (!readDigits(text, year_digits + 2 * i, 2, rest[i])) {
            return std::nullopt;
        }
    }
    return civilTime(
        year_digits == 2 ? 2000 + year : year, rest[0], rest[1], rest[2], rest[3], rest[4]);
}

} // namespace smpp
