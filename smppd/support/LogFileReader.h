#pragma once

#include <Poco/InflatingStream.h>

#include <istream>
#include <memory>
#include <string>

namespace smppd::support {

/// Reads one log file line by line, never whole in memory: plain text, or gzip when the file
/// starts with gzip's magic bytes 1f 8b, whatever its name says. Lines come without their
/// "\n" or "\r\n".
class LogFileReader {
public:
    /// Opens `path` (shared with its writer, see openShared). Throws std::runtime_error.
    explicit LogFileReader(const std::string& path);

    /// The next line into `line`; false at the end. A damaged or cut gzip stream throws
    /// std::runtime_error (the lines read before it stay valid).
    bool nextLine(std::string& line);

private:
    std::string path_;
    std::unique_ptr<std::istream> file_;
    std::unique_ptr<Poco::InflatingInputStream> inflater_;
    std::istream* in_ = nullptr;
};

/// True when the file at `path` starts with the gzip magic bytes. Throws std::runtime_error.
bool isGzipFile(const std::string& path);

} // namespace smppd::support
