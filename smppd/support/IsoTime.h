#pragma once

#include "common/smpp/SmppTime.h"

#include <optional>
#include <string>
#include <string_view>

namespace smppd::support {

using TimePoint = smpp::TimePoint;

/// `t` as UTC ISO-8601 with milliseconds, the log's spelling: "2026-12-06T14:02:03.120Z".
std::string formatIso(TimePoint t);

/// Parses a UTC time written "YYYY-MM-DD", "YYYY-MM-DDThh:mm", "YYYY-MM-DDThh:mm:ss" or
/// "YYYY-MM-DDThh:mm:ss.fff" (1 to 9 fraction digits), each optionally followed by "Z"; a space
/// may stand for the "T". Missing fields are zero. Times are always UTC: no offsets. nullopt
/// when malformed (a wrong length, month 13, 24:00, 30 February...).
std::optional<TimePoint> parseIso(std::string_view text);

/// The time of a log line: its first token parsed by parseIso() (lines start
/// "2026-12-07T07:35:17.123Z level=..."); nullopt for a line without one.
std::optional<TimePoint> logLineTime(std::string_view line);

} // namespace smppd::support
