#include "smppd/support/LogScanner.h"

#include "smppd/support/IsoTime.h"
#include "smppd/support/LogFileReader.h"
#include "smppd/support/LogLine.h"

#include <algorithm>
#include <stdexcept>

namespace smppd::support {

namespace {

struct Hit {
    TimePoint time;
    std::string line;
};

/// Reads `file`, appending its lines that carry `token` to `hits`; the reason when it stopped
/// at the first line instead.
std::optional<SkipReason> scanFile(const LogFile& file,
    std::string_view token,
    const std::optional<TimeWindow>& window,
    std::vector<Hit>& hits)
{
    LogFileReader reader(file.path);
    std::string line;
    TimePoint last_time{};
    bool first = true;
    while (reader.nextLine(line)) {
        const auto time = logLineTime(line);
        if (first && time && window && startsAfterWindow(*time, *window)) {
            return SkipReason::StartsAfter;
        }
        first = false;
        if (time) {
            last_time = *time;
        }
        if (hasToken(line, token)) {
            hits.push_back(Hit{last_time, line});
        }
    }
    return std::nullopt;
}

/// Sorts by time (stable: files come oldest first, lines in file order) and drops repeats: a
/// rotation during the scan can show the same line in two files.
std::vector<std::string> merge(std::vector<Hit> hits)
{
    std::stable_sort(
        hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.time < b.time; });
    std::vector<std::string> lines;
    lines.reserve(hits.size());
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (i == 0 || hits[i].time != hits[i - 1].time || hits[i].line != lines.back()) {
            lines.push_back(std::move(hits[i].line));
        }
    }
    return lines;
}

/// The archives of a listing (the current file changes all the time), to notice a rotation.
std::vector<std::pair<std::string, TimePoint>> archives(const std::vector<LogFile>& files)
{
    std::vector<std::pair<std::string, TimePoint>> out;
    for (const auto& file : files) {
        if (!file.current) {
            out.emplace_back(file.name, file.modified);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

bool modifiedBeforeWindow(const LogFile& file, const TimeWindow& window)
{
    return !file.current && file.modified < window.first - kModifiedSlack;
}

bool startsAfterWindow(TimePoint first_line, const TimeWindow& window)
{
    return first_line > window.last + kFirstLineSlack;
}

ScanResult scanLogs(const std::vector<LogFile>& files,
    std::string_view token,
    const std::optional<TimeWindow>& window)
{
    ScanResult result;
    std::vector<Hit> hits;
    for (const auto& file : files) {
        if (window && modifiedBeforeWindow(file, *window)) {
            result.skipped.emplace_back(file.name, SkipReason::ModifiedBefore);
            continue;
        }
        try {
            if (const auto skip = scanFile(file, token, window, hits)) {
                result.skipped.emplace_back(file.name, *skip);
            } else {
                result.read.push_back(file.name);
            }
        } catch (const std::runtime_error& e) {
            result.errors.emplace_back(e.what()); // names the file
        }
    }
    result.lines = merge(std::move(hits));
    return result;
}

ScanResult scanLogDirectory(
    const std::string& directory, std::string_view token, const std::optional<TimeWindow>& window)
{
    const auto before = listLogFiles(directory);
    auto result = scanLogs(before, token, window);
    const auto after = listLogFiles(directory);
    if (archives(after) != archives(before)) {
        result = scanLogs(after, token, window);
    }
    return result;
}

} // namespace smppd::support
