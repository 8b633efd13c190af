#pragma once

#include <istream>
#include <memory>
#include <string>

namespace smppd::support {

/// Opens `path` (UTF-8) for reading, binary, without getting in the way of the process that
/// writes it. On Windows smppd holds its current log open for writing and its log channel
/// renames and deletes files (rotation, archive compression) whenever it needs to: the handle
/// shares read, write AND delete, where std::ifstream and Poco::FileInputStream share no delete
/// (a rename by smppd would then fail while we read). Throws std::runtime_error naming the file.
std::unique_ptr<std::istream> openShared(const std::string& path);

} // namespace smppd::support
