#pragma once

#include <algorithm>
#include <string>

namespace testsupport {

/// `path` written with '/' as the platform spells it: unchanged on POSIX, '\' on Windows (where
/// the config's paths are normalised by std::filesystem, which writes the native separator).
inline std::string native(std::string path)
{
#ifdef _WIN32
    std::replace(path.begin(), path.end(), '/', '\\');
#endif
    return path;
}

} // namespace testsupport
