#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_set>

namespace smppd {

/// What the registry asks of a live connection, from any thread: both calls only set a flag and
/// wake (or post to) the connection's thread.
class StoppableConnection {
public:
    /// Graceful stop: the Session sends unbind and closes on its response.
    virtual void requestStop() noexcept = 0;
    /// Hard stop: the connection ends at once, without waiting for the peer.
    virtual void requestAbort() noexcept = 0;

protected:
    ~StoppableConnection() = default;
};

/// The live SMPP connections: counts them for `Server.MaxConnections` and the heartbeat, and
/// asks them all to unbind on a graceful stop. Thread-safe.
class ConnectionRegistry {
public:
    /// Registers c unless `max` connections are already live. Returns its number (1, 2, ...:
    /// session= in the log), or 0 = refuse it.
    std::uint64_t tryAdd(StoppableConnection* c, std::size_t max);

    /// Unregisters c (at the end of its run()).
    void remove(StoppableConnection* c);

    /// Live connections.
    std::size_t count() const;

    /// Asks every live connection to unbind and close (graceful stop); later connections are
    /// refused.
    void stopAll();

    /// Ends every live connection at once (after stopAll() had its grace period).
    void abortAll();

    /// Waits until no connection is live or `timeout` passed; true if none is left.
    bool waitEmpty(std::chrono::milliseconds timeout);

private:
    mutable std::mutex mutex_;
    std::condition_variable empty_;
    std::unordered_set<StoppableConnection*> live_;
    std::uint64_t last_number_ = 0;
    bool stopping_ = false;
};

} // namespace smppd
