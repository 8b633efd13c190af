#include "common/logging/ArchiveCompression.h"

#include <Poco/DeflatingStream.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>

namespace logging {

namespace {

constexpr int kLevel = 1; // zlib's Z_BEST_SPEED

bool isPlainArchive(const std::string& name, const std::string& prefix)
{
    return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0
        && !name.ends_with(".gz");
}

void compressOne(const std::string& plain)
{
    const std::string gz = plain + ".gz";
    {
        Poco::FileInputStream in(plain);
        Poco::FileOutputStream out(gz); // truncates a half-written one
        Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, kLevel);
        Poco::StreamCopier::copyStream(in, deflate);
        deflate.close();
        out.close();
    }
    Poco::File(plain).remove();
}

} // namespace

std::vector<std::string> compressArchives(const std::string& log_path)
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
                compressOne(it->path());
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
