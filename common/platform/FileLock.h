#pragma once

#include <stdexcept>
#include <string>

namespace smpp::platform {

/// Why a FileLock could not be taken.
class FileLockError : public std::runtime_error {
public:
    FileLockError(const std::string& what, bool held_elsewhere)
        : std::runtime_error(what),
          held_elsewhere_(held_elsewhere)
    {
    }

    /// True when another process holds the lock (else the file could not be opened: what() has
    /// the operating system's words).
    bool heldElsewhere() const noexcept { return held_elsewhere_; }

private:
    bool held_elsewhere_;
};

/// An exclusive lock on a file (created if needed), taken without waiting and held until this
/// object is destroyed or the process ends, however it ends: the operating system releases it,
/// so a killed process leaves no stale lock. The file holds the owner's process id (for the
/// message of the next one). flock() on POSIX, LockFileEx() on Windows; advisory there too, as
/// it locks a byte far past the id, so the id stays readable.
class FileLock {
public:
    /// Takes the lock on `path` (UTF-8). Throws FileLockError.
    explicit FileLock(const std::string& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    /// What the file says about its owner (its process id), "" if unreadable.
    static std::string owner(const std::string& path);

private:
#ifdef _WIN32
    void* handle_ = nullptr;
#else
    int fd_ = -1;
#endif
};

} // namespace smpp::platform
