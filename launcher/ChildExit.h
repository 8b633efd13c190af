#pragma once

#include <string>

namespace launcher {

/// smppd's exit codes that the launcher acts on (architecture §2).
inline constexpr int kExitOk = 0; ///< stopped on request: do not restart
inline constexpr int kExitConfig = 64; ///< bad config or arguments: do not restart
inline constexpr int kExitStore =
    65; ///< the store is unusable (corrupt, locked...): do not restart
inline constexpr int kExitUnavailable = 69; ///< a port could not be bound: restart with backoff

/// How one smppd run ended, as the restart policy and the log see it.
struct ChildExit {
    enum class Kind {
        Exited, ///< returned `code`
        Signaled, ///< killed by signal `code` (POSIX)
        Hung, ///< stopped beating and was stopped by the launcher
        LaunchFailed ///< could not be started at all
    };

    Kind kind = Kind::Exited;
    int code = 0; ///< exit code, signal number, or 0

    /// Decodes Poco::ProcessHandle::wait()/tryWait(): on POSIX Poco returns 256 + signal for a
    /// signal death; on Windows every value is an exit code.
    static ChildExit fromWaitStatus(int status);

    /// For the log: `code=69`, `signal=9 (SIGKILL)`, `hung`, `launch-failed`.
    std::string describe() const;

    bool operator==(const ChildExit&) const = default;
};

} // namespace launcher
