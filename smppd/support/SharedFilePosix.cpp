#include "smppd/support/SharedFile.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace smppd::support {

namespace {

/// A std::ifstream with a larger buffer: log files are read through, a few hundred MB at times.
class BufferedFile : public std::ifstream {
public:
    explicit BufferedFile(const std::string& path)
    {
        rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        open(path, std::ios::binary);
    }
    ~BufferedFile() override { close(); } // before buffer_ goes
    BufferedFile(const BufferedFile&) = delete;
    BufferedFile& operator=(const BufferedFile&) = delete;

private:
    std::array<char, 64 * 1024> buffer_{};
};

} // namespace

// POSIX lets a file be renamed or removed while it is open: no sharing mode to ask for.
std::unique_ptr<std::istream> openShared(const std::string& path)
{
    auto file = std::make_unique<BufferedFile>(path);
    if (!file->is_open()) {
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    }
    return file;
}

} // namespace smppd::support
