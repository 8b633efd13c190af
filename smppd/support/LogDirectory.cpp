#include "smppd/support/LogDirectory.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/Exception.h>
#include <Poco/File.h>

#include <algorithm>
#include <stdexcept>

namespace smppd::support {

namespace {

constexpr std::string_view kCurrentName = "smppd.log";

smpp::TimePoint toTimePoint(const Poco::Timestamp& t)
{
    return smpp::TimePoint(std::chrono::duration_cast<smpp::TimePoint::duration>(
        std::chrono::microseconds(t.epochMicroseconds())));
}

} // namespace

bool isSmppdLogName(std::string_view name)
{
    return name == kCurrentName
        || (name.size() > kCurrentName.size() + 1 && name.starts_with(kCurrentName)
            && name[kCurrentName.size()] == '.');
}

std::vector<LogFile> listLogFiles(const std::string& directory)
{
    std::vector<LogFile> files;
    try {
        if (!Poco::File(directory).exists()) {
            return files;
        }
        for (Poco::DirectoryIterator it(directory), end; it != end; ++it) {
            if (!isSmppdLogName(it.name()) || !it->isFile()) {
                continue;
            }
            files.push_back(LogFile{
                it.path().toString(), it.name(), toTimePoint(it->getLastModified()), false});
            files.back().current = files.back().name == kCurrentName;
        }
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot list " + directory + ": " + e.displayText());
    }
    std::stable_sort(files.begin(), files.end(), [](const LogFile& a, const LogFile& b) {
        return a.modified < b.modified;
    });
    return files;
}

} // namespace smppd::support
