#pragma once

#include "common/smpp/SmppTime.h"
#include "smppd/support/LogDirectory.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smppd::support {

using TimePoint = smpp::TimePoint;

/// When a message lived, to skip the log files that cannot hold its lines.
struct TimeWindow {
    TimePoint first; ///< its submit time
    TimePoint last; ///< its last activity: done time, or now while it is open
};

/// A file whose last-modified time is this much before the window's first instant holds only
/// older lines (a line is written, at the latest, when the file is last modified; the slack
/// covers the async log queue and clocks read on different threads).
inline constexpr std::chrono::minutes kModifiedSlack{5};
/// A file whose first line is this much after the window's last instant holds only newer lines.
/// A day, not minutes: some of a message's lines come after its done time (a receipt waits for
/// its ESME to bind), and a wider window costs reading a few more files.
inline constexpr std::chrono::hours kFirstLineSlack{24};

/// Why a file was not read through.
enum class SkipReason {
    ModifiedBefore, ///< last modified before the window: never opened
    StartsAfter, ///< its first line is after the window: only that line was read
};

/// What a scan found and which files it read, for the report and the tests.
struct ScanResult {
    std::vector<std::string> lines; ///< the matching lines, in time order, duplicates removed
    std::vector<std::string> read; ///< names of the files read through
    std::vector<std::pair<std::string, SkipReason>> skipped; ///< names of the files skipped
    std::vector<std::string> errors; ///< "name: why" of files that could not be read (whole)
};

/// Whether `file` may be skipped by its last-modified time alone. The current smppd.log never
/// is: Windows may report the last-modified time of a file still open for writing late.
bool modifiedBeforeWindow(const LogFile& file, const TimeWindow& window);

/// Whether a file whose first line has time `first_line` may be skipped.
bool startsAfterWindow(TimePoint first_line, const TimeWindow& window);

/// Finds the lines carrying `token` (a whole token, see hasToken) in `files`, merged across files
/// and sorted by their timestamp (a line without one takes the time of the line before it in
/// its file). With a window, files that cannot hold the message's lines are skipped; without
/// one (the message is not in the store), every file is read.
ScanResult scanLogs(const std::vector<LogFile>& files,
    std::string_view token,
    const std::optional<TimeWindow>& window);

/// scanLogs() on listLogFiles(directory). smppd renames its numbered archives at each rotation
/// (smppd.log.0 becomes .1...), so a rotation during the scan can hide a file under a name
/// already read: when the archives listed after the scan differ from those before, the scan is
/// run again, once. Throws std::runtime_error when the folder cannot be listed.
ScanResult scanLogDirectory(
    const std::string& directory, std::string_view token, const std::optional<TimeWindow>& window);

} // namespace smppd::support
