#include "smppd/support/LogFileReader.h"

#include "smppd/support/SharedFile.h"

#include <Poco/Exception.h>

#include <array>
#include <stdexcept>

namespace smppd::support {

bool isGzipFile(const std::string& path)
{
    const auto file = openShared(path);
    std::array<char, 2> magic{};
    file->read(magic.data(), magic.size());
    return file->gcount() == 2 && static_cast<unsigned char>(magic[0]) == 0x1f
        && static_cast<unsigned char>(magic[1]) == 0x8b;
}

LogFileReader::LogFileReader(const std::string& path) : path_(path)
{
    // Opened twice (the magic, then the content): our Windows stream cannot seek back, and a
    // second open of a file costs nothing next to reading it.
    const bool gzip = isGzipFile(path);
    file_ = openShared(path);
    in_ = file_.get();
    if (gzip) {
        inflater_ = std::make_unique<Poco::InflatingInputStream>(
            *file_, Poco::InflatingStreamBuf::STREAM_GZIP);
        // A damaged stream throws from inside getline(): let it out instead of a silent end.
        inflater_->exceptions(std::ios::badbit);
        in_ = inflater_.get();
    }
}

bool LogFileReader::nextLine(std::string& line)
{
    try {
        if (!std::getline(*in_, line)) {
            return false;
        }
    } catch (const Poco::Exception& e) {
        throw std::runtime_error(path_ + ": " + e.displayText());
    } catch (const std::ios::failure& e) {
        throw std::runtime_error(path_ + ": " + e.what());
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return true;
}

} // namespace smppd::support
