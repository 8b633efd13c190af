#pragma once

#include "smppd/net/ConnectionRegistry.h"
#include "smppd/net/Waker.h"
#include "smppd/session/Session.h"

#include <Poco/Logger.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/TCPServerConnection.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace smppd {

/// An idle session reads little more than enquire_link: a connection starts with a small read
/// buffer and moves to the large one when a read fills it (a busy session, where fewer syscalls
/// matter). 10,000 idle sessions then cost 40 MiB of read buffers, not 640.
inline constexpr std::size_t kFirstReadChunk = 4 * 1024;
inline constexpr std::size_t kBusyReadChunk = 64 * 1024;

/// What every connection needs to build its Session (owned by the listener's owner).
struct SessionEnvironment {
    SessionConfig config;
    SessionServices services;
    std::size_t max_connections = 1000;
};

/// One SMPP TCP (or TLS) connection, run on its own Poco TCPServer thread.
///
/// Why thread-per-connection (not a reactor): TLS through Poco NetSSL stays a plain blocking
/// socket, and the Session is I/O-free, so the thread only moves bytes. With small stacks
/// (see SmppListener) 1000 idle sessions cost ~1000 x (a few touched stack pages + 4 KiB
/// buffers) of RSS. Per PDU there is no syscall or lock beyond what is needed: reads are up to
/// 64 KiB chunks (once a session is busy) fed to the FrameSplitter; everything the Session produced
/// while handling a chunk, or while a whole store group commit completed, leaves in ONE send; other
/// threads (store writer, Router) wake the thread through a Waker at most once per drain. This
/// thread is the only one that touches the socket (OpenSSL objects are not thread-safe).
class SmppConnection : public Poco::Net::TCPServerConnection, public StoppableConnection {
public:
    SmppConnection(const Poco::Net::StreamSocket& socket,
        SessionEnvironment& env,
        ConnectionRegistry& registry,
        bool tls);
    ~SmppConnection() override;

    /// The connection loop: read -> Session -> write, timers, until the Session closes.
    void run() override;

    /// Graceful stop (any thread): the Session sends unbind and closes on its response.
    void requestStop() noexcept override;

    /// Hard stop (any thread): the loop ends at its next wake-up without waiting for the peer.
    void requestAbort() noexcept override;

private:
    void serve(Session& session);
    /// Waits until the socket has input, a wake-up came or the session's next deadline passed;
    /// true when there are bytes to read.
    bool waitForInput(Session& session);
    bool flush(Session& session);

    SessionEnvironment& env_;
    ConnectionRegistry& registry_;
    bool tls_;
    Poco::Logger& log_;
    std::shared_ptr<Waker> waker_; ///< shared: a late store completion may still wake it
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> abort_requested_{false};
    bool stop_sent_ = false;
    /// The connection socket and the waker, registered once: on Linux a wait is one epoll_wait,
    /// not a new epoll set per wait as Socket::select builds.
    Poco::Net::PollSet poll_set_;
    std::vector<std::uint8_t> read_buffer_;
    std::vector<std::uint8_t> write_buffer_;
};

} // namespace smppd
