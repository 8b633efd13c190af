#pragma once

#include "common/smpp/SmppTime.h"

#include <string>
#include <string_view>
#include <vector>

namespace smppd::support {

/// One of smppd's log files in Log.Directory.
struct LogFile {
    std::string path;
    std::string name; ///< the file name alone, e.g. "smppd.log.3.gz"
    smpp::TimePoint modified; ///< last-modified time
    bool current = false; ///< smppd.log itself, the file smppd writes to now
};

/// True for the name of smppd's log or one of its archives: "smppd.log", or "smppd.log."
/// followed by anything (Poco's archives "smppd.log.<N>" and "smppd.log.<timestamp>", each
/// maybe ".gz"). launcher.log and pdu-trace.log* are not: they carry no message lines.
bool isSmppdLogName(std::string_view name);

/// smppd's log files in `directory` (regular files only), oldest first by last-modified time.
/// Empty when the folder does not exist. Throws std::runtime_error when it cannot be listed.
std::vector<LogFile> listLogFiles(const std::string& directory);

} // namespace smppd::support
