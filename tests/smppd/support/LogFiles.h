#pragma once

#include "common/smpp/SmppTime.h"

#include <Poco/DeflatingStream.h>
#include <Poco/File.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <fstream>
#include <string>

namespace smppd::test {

/// Writes `text` gzip-compressed to `path` (as Poco's FileChannel compresses an archive).
inline void writeGzip(const std::string& path, const std::string& text)
{
    std::ofstream file(path, std::ios::binary);
    Poco::DeflatingOutputStream gzip(file, Poco::DeflatingStreamBuf::STREAM_GZIP);
    gzip << text;
    gzip.close();
}

/// Sets the last-modified time of `path`.
inline void setModified(const std::string& path, smpp::TimePoint t)
{
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    Poco::File(path).setLastModified(Poco::Timestamp(us));
}

} // namespace smppd::test
