#include "common/logging/ArchiveCompression.h"

#include <Poco/DeflatingStream.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>

#include <chrono>
#include <istream>
#include <ostream>
#include <thread>
#include <vector>

namespace logging {

namespace {

constexpr int kLevel = 1; // zlib's Z_BEST_SPEED

bool isPlainArchive(const std::string& name, const std::string& prefix)
{
    return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0
        && !name.ends_with(".gz");
}

/// Copies `in` to `out` in chunks, sleeping as needed to stay under `rate` bytes a second.
void pacedCopy(std::istream& in, std::ostream& out, std::uint64_t rate)
{
    constexpr std::size_t kChunk = 64 * 1024;
    std::vector<char> buffer(kChunk);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t copied = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = in.gcount();
        if (n <= 0) {
            break;
        }
        out.write(buffer.data(), n);
        copied += static_cast<std::uint64_t>(n);
        if (rate > 0) {
            const auto due = start + std::chrono::microseconds(copied * 1'000'000 / rate);
            std::this_thread::sleep_until(due);
        }
    }
}

void compressOne(const std::string& plain, std::uint64_t rate)
{
    const std::string gz = plain + ".gz";
    {
        Poco::FileInputStream in(plain);
        Poco::FileOutputStream out(gz); // truncates a half-written one
        Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, kLevel);
        pacedCopy(in, deflate, rate);
        deflate.close();
        out.close();
    }
    Poco::File(plain).remove();
}

} // namespace

std::vector<std::string> compressArchives(
    const std::string& log_path, std::uint64_t max_bytes_per_second)
{
    std::vector<std::string> errors;
    const Poco::Path path(log_path);
    const std::string prefix = path.getFileName() + ".";
    try {
        for (Poco::DirectoryIterator it(path.parent()), end; it != end; ++it) {
            if (!isPlainArchive(it.name(), prefix)) {
                continue;
            }
            try {
                compressOne(it->path(), max_bytes_per_second);
            } catch (const Poco::Exception& e) {
                errors.push_back(it->path() + ": " + e.displayText());
            }
        }
    } catch (const Poco::Exception& e) {
        errors.push_back(path.parent().toString() + ": " + e.displayText());
    }
    return errors;
}

} // namespace logging
