#pragma once

#include <atomic>

namespace smppd::test {

/// A SQLite VFS that wraps the default one and, while `full` is set, fails every write with
/// SQLITE_FULL, as a full disk does: the fault-injecting stand-in for a size-limited tmpfs,
/// which a test cannot mount everywhere. It is the default VFS while the object lives, so every
/// connection opened meanwhile (the store's writer, reader and checkpointer) uses it.
class FaultVfs {
public:
    FaultVfs();
    ~FaultVfs();
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    /// Writes fail with SQLITE_FULL while true.
    static std::atomic<bool> full;
    /// Writes that failed so far.
    static std::atomic<long> failed_writes;
};

} // namespace smppd::test
