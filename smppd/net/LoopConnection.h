#pragma once

#include "common/logging/Events.h"
#include "smppd/net/AcceptedConnection.h"
#include "smppd/net/ConnectionRegistry.h"
#include "smppd/net/EventLoop.h"
#include "smppd/net/OutputBuffer.h"
#include "smppd/net/SessionEnvironment.h"
#include "smppd/session/Session.h"

#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

class TlsTransport;

/// One SMPP connection, TCP or TLS, run by an EventLoop: its socket is non-blocking, and its
/// handlers run on the loop's thread only, which alone touches the socket and the buffers.
///
/// A TLS connection (`Server.ListenParams` tls=1) has a TlsTransport between the socket and the
/// Session: what is read is decrypted before the Session sees it, and what the Session writes
/// is encrypted into the same output buffer, so the rules below hold for ciphertext alike. The
/// handshake runs as the client's bytes arrive; it is bounded by the Session's bind timeout (no
/// bind can come before it), and a failed one is logged once as connection_error with OpenSSL's
/// reason.
///
/// Writes never block: what the socket does not take waits in an output buffer, sent when the
/// socket is writable again. Above kHighWater bytes waiting, the connection stops reading
/// (back-pressure: a client that does not read its responses stops being read) and resumes below
/// kLowWater; the other connections of the loop carry on meanwhile.
///
/// The store's answers and the Router's offers, which run on the same loop, reach it through
/// the Session's wake-up: one task posted per batch of work, so that the connection sends once
/// the batch is over. Only requestStop()/requestAbort() come from another thread.
class LoopConnection final : public EventLoop::Handler,
                             public AcceptedConnection,
                             public StoppableConnection,
                             public std::enable_shared_from_this<LoopConnection> {
public:
    static constexpr std::size_t kHighWater = 64 * 1024;
    static constexpr std::size_t kLowWater = 16 * 1024;
    /// An idle session reads little more than enquire_link: a connection starts with a small read
    /// buffer and moves to the large one when a read fills it (a busy session, where fewer
    /// syscalls matter). 10,000 idle sessions then cost 40 MiB of read buffers, not 640.
    static constexpr std::size_t kFirstReadChunk = 4 * 1024;
    static constexpr std::size_t kBusyReadChunk = 64 * 1024;

    /// `closed` is called on the loop when the connection has ended (its owner forgets it).
    /// `tls`: the connection's TLS session, or null for plain TCP.
    LoopConnection(EventLoop& loop,
        Poco::Net::StreamSocket socket,
        SessionEnvironment& env,
        ConnectionRegistry& registry,
        ConnectionClosed closed,
        std::unique_ptr<TlsTransport> tls);
    ~LoopConnection();
    LoopConnection(const LoopConnection&) = delete;
    LoopConnection& operator=(const LoopConnection&) = delete;

    /// On the loop: registers the connection (or refuses it) and starts its Session.
    void start() override;
    /// On the loop: as requestStop() (the server stops its sessions through the registry).
    void stop() override { requestStop(); }
    /// On the loop: ends the connection now if it has not ended (shutdown of the loop).
    void close() override;

    void onReady(bool readable, bool writable, bool error) override;
    void requestStop() noexcept override;
    void requestAbort() noexcept override;

private:
    bool admit();
    template <typename Fn>
    void guarded(Fn&& fn);
    void endOnError(const logging::Event& event, std::string_view error);
    void readOnce();
    void receiveTls(std::span<const std::uint8_t> ciphertext);
    void endOnTlsError(std::string_view error);
    void endOnPeerClosed();
    void takeOutput();
    void afterEvent();
    void sendPending();
    void updateInterest();
    void armTimer(Session::TimePoint next);
    void onTimer();
    void onWake();
    void beginClosing(Session::TimePoint now);
    void finish();
    /// Posts `fn(connection)` to the loop; nothing happens if the connection is gone by then.
    template <typename Fn>
    void postToSelf(Fn fn);

    EventLoop& loop_;
    Poco::Net::StreamSocket socket_;
    SessionEnvironment& env_;
    ConnectionRegistry& registry_;
    ConnectionClosed closed_;
    std::unique_ptr<TlsTransport> tls_;
    Poco::Logger& log_;

    std::shared_ptr<Session> session_;
    std::uint64_t number_ = 0;
    std::string peer_ = "?";
    bool registered_ = false;
    bool finished_ = false;

    std::vector<std::uint8_t> read_buffer_;
    std::vector<std::uint8_t> plain_; ///< TLS: what was decrypted, or is to be encrypted
    OutputBuffer out_;
    bool reading_ = true;
    bool writing_ = false;
    bool closing_ = false;
    Session::TimePoint close_by_{};
    Session::TimePoint armed_ = Session::TimePoint::max(); ///< the earliest timer set

    bool wake_pending_ = false;
    std::atomic<bool> stop_requested_{false}; ///< set by requestStop() on the stopping thread
    bool stop_sent_ = false;
};

} // namespace smppd
