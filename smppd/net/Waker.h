#pragma once

#include <atomic>

namespace smppd {

/// Wakes a thread blocked in poll() from other threads (store writer, Router): an eventfd on
/// Linux, a pipe on other POSIX systems. wake() costs one syscall only on the transition from
/// "idle" to "woken", so a whole group commit that completes many submits of one connection
/// wakes it once. Thread-safe.
class Waker {
public:
    /// Throws std::system_error if the descriptor cannot be created.
    Waker();
    ~Waker();
    Waker(const Waker&) = delete;
    Waker& operator=(const Waker&) = delete;

    /// The descriptor to poll for POLLIN.
    int fd() const noexcept { return read_fd_; }

    /// Makes fd() readable (if it is not already pending).
    void wake() noexcept;

    /// Consumes the wake-up; call when fd() polled readable, before draining the work.
    void reset() noexcept;

private:
    int read_fd_ = -1;
    int write_fd_ = -1;
    std::atomic<bool> pending_{false};
};

} // namespace smppd
