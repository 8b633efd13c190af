#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace logging {

/// Where and how smppd.log / launcher.log are written (architecture §4.6).
struct LogOptions {
    std::string directory = "logs"; ///< created (with parents) when missing
    std::string file_name = "smppd.log"; ///< e.g. "launcher.log"
    std::string level = "information"; ///< Poco level name; "info" and "warn" accepted
    std::uint64_t rotate_size = 10ULL * 1024 * 1024; ///< bytes; rotate when the file reaches it
    /// Archives are kept this many days (by their last write), then deleted. 0: keep `keep`
    /// archives instead, whatever their age.
    std::uint32_t retention_days = 14;
    std::uint32_t keep = 10; ///< archives kept when retention_days is 0
    bool compress = true; ///< gzip archives
    bool console = false; ///< also write to stderr/stdout (ConsoleChannel)
};

/// Configures Poco's root logger and every logger that already exists: a FileChannel (rotation by
/// size and by UTC day, archives named file.<UTC yyyymmddhhmmssmmm>[.gz], purged by age or count)
/// behind a BatchingChannel, so callers never do file I/O; lines look like
/// `2026-11-25T10:15:00.123Z level=info event=bound session=3 ...` (UTC). When console is true
/// the lines also go to stderr. The `smppd.pdu` logger is
/// silenced unless setupPduTraceLog() is (or was) called. May be called again to reconfigure.
/// Throws std::invalid_argument for an unknown level, Poco::Exception if the directory
/// cannot be created.
void setupLogging(const LogOptions& options);

/// Sends the `smppd.pdu` logger (and its children) to `<directory>/pdu-trace.log` at level
/// trace, rotated like the main log, and NOT to smppd.log. Log PDUs with
/// `logging::trace(Poco::Logger::get("smppd.pdu"), ...)`; mask passwords before logging.
void setupPduTraceLog(const LogOptions& options);

/// Writes the buffered lines now (tests; the writer does it every 100 ms anyway).
void flushLogging();

/// Drains the async queues and closes the files (call before exit, or in tests before reading
/// the files). Loggers then write nowhere until setupLogging() is called again.
void shutdownLogging();

/// Poco priority for a level name (trace, debug, information|info, notice, warning|warn, error,
/// critical, fatal, none), case-insensitive. Throws std::invalid_argument otherwise.
int parseLevel(std::string_view name);

} // namespace logging
