#pragma once

namespace smppd {

/// smppd exit codes (architecture §2); the launcher acts on them.
inline constexpr int kExitOk = 0; ///< stopped on request: do not restart
/// The support commands (--trace, --find-address) found nothing; never the daemon's code.
inline constexpr int kExitNotFound = 1;
inline constexpr int kExitConfig = 64; ///< bad config or arguments: do not restart
/// The store cannot be used (corrupt, unreadable, used by another smppd, a newer schema, its
/// folder cannot be created): do not restart, a restart loop cannot fix it (sysexits EX_DATAERR).
inline constexpr int kExitStore = 65;
inline constexpr int kExitUnavailable = 69; ///< a port could not be bound: restart with backoff
inline constexpr int kExitSoftware = 70; ///< anything else: restart with backoff

} // namespace smppd
