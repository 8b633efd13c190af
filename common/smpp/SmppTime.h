#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace smpp {

/// Wall-clock time as used on the wire (UTC based). Always passed in, never read here.
using TimePoint = std::chrono::system_clock::time_point;

/// SMPP 3.4 §7.1.1 time "YYMMDDhhmmsstnnp" (16 characters, without the NUL).
/// - p '+'/'-': absolute local time, nn quarter hours (00-48) ahead of / behind UTC; t tenths.
/// - p 'R': relative; YY..ss are durations added to now (calendar years/months), t=0, nn=00.
/// Years are 20YY. Returns the UTC time point, or nullopt if the text is malformed (wrong
/// length, non-digits, month 13, day 32, hour 24, nn > 48, an impossible date such as 0230...).
/// The empty string (field NULL) is also nullopt: callers test for "" first.
std::optional<TimePoint> parseSmppTime(std::string_view text, TimePoint now);

/// True if text is a well-formed relative time ("...R").
bool isRelativeSmppTime(std::string_view text) noexcept;

/// Formats an absolute UTC time as "YYMMDDhhmmsst00+" (16 characters), tenths truncated.
std::string formatSmppTime(TimePoint t);

/// Formats a duration as a relative time "YYMMDDhhmmss000R", e.g. 1 day -> "000001000000000R".
/// Days over 99 are written as 365-day years and 30-day months; negative durations as zero;
/// the result saturates at 99 years.
std::string formatSmppRelative(std::chrono::seconds duration);

/// Delivery receipt date "YYMMDDhhmm", or "YYMMDDhhmmss" when with_seconds (checklist §6), UTC.
std::string formatReceiptDate(TimePoint t, bool with_seconds = false);

/// Parses a receipt date of 10 (YYMMDDhhmm), 12 (YYMMDDhhmmss) or 14 (YYYYMMDDhhmmss) digits,
/// as UTC. nullopt if malformed.
std::optional<TimePoint> parseReceiptDate(std::string_view text);

} // namespace smpp
