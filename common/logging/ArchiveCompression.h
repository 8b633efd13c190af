#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace logging {

/// Gzips every plain archive of the log file `log_path` (the files `<name>.<suffix>` beside it
/// whose name does not end in .gz) into `<archive>.gz` at zlib level 1, then deletes the plain
/// file. A .gz left half-written by a crash is written again from its plain archive.
///
/// Why not Poco's FileChannel compression: it runs at zlib's default level 6, which at full load
/// (20 MB of log a second) cost a tenth of smppd's CPU; level 1 takes about a third of that for
/// archives some 30% larger. Returns one error text per archive that could not be compressed.
///
/// `max_bytes_per_second` (0 = no limit) paces the reading: at full load smppd writes some
/// 20 MB of log a second, and compressing all of it, even at idle priority and level 1, cost 9%
/// of the throughput in the bench; paced, the archives of a burst stay plain until it is over.
std::vector<std::string> compressArchives(
    const std::string& log_path, std::uint64_t max_bytes_per_second = 0);

} // namespace logging
