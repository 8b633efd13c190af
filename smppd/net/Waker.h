#pragma once

#include <Poco/Net/DatagramSocket.h>

#include <atomic>

namespace smppd {

/// Wakes a thread blocked in Poco::Net::PollSet::poll() from other threads (store writer,
/// Router, store completer).
///
/// Why a loopback UDP socket: it is the only wake-up primitive that Poco's PollSet can wait on
/// together with the connection socket on every platform (its select() on Windows accepts sockets
/// only, so neither eventfd nor a pipe would do). The socket is bound to 127.0.0.1 port 0 and
/// connected to its own address, so no other process can feed it and no traffic leaves the
/// host. wake() costs one send only on the transition from "idle" to "woken", so a whole group
/// commit that completes many submits of one connection wakes it once. Thread-safe.
class Waker {
public:
    /// Throws Poco::Net::NetException if the loopback socket cannot be created.
    Waker();
    Waker(const Waker&) = delete;
    Waker& operator=(const Waker&) = delete;

    /// The socket to wait on for readability (PollSet::POLL_READ).
    const Poco::Net::Socket& socket() const noexcept { return socket_; }

    /// Makes socket() readable (if it is not already pending).
    void wake() noexcept;

    /// Consumes the wake-up; call when socket() selected readable, before draining the work.
    void reset() noexcept;

private:
    Poco::Net::DatagramSocket socket_;
    std::atomic<bool> pending_{false};
};

} // namespace smppd
