#pragma once

#include "smppd/bridge/AddressFilter.h"
#include "smppd/bridge/BridgeAuth.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/BridgeDispatcher.h"
#include "smppd/bridge/ReplyQueue.h"
#include "smppd/net/AcceptedConnection.h"
#include "smppd/net/EventLoop.h"
#include "smppd/net/OutputBuffer.h"

#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

class TlsTransport;

/// What every connection of one BridgeListener shares; the loop's thread alone touches it.
struct BridgeContext {
    BridgeBackend& backend;
    AddressFilter filter;
    BridgeAuth auth; ///< TcpServer.Token (plain or hashed) and the per-address lockout
    std::size_t live = 0; ///< connections started and not ended
};

/// One plugin connection (architecture §4.4), run by the server's EventLoop like an SMPP
/// connection: a non-blocking socket (TLS through a TlsTransport when TcpServer.ListenParams
/// says tls=1) in front of a BridgeDispatcher. The back end answers on the same loop; the
/// replies leave in request order as soon as the front one is filled.
///
/// - A peer outside TcpServer.AllowedClients, locked out, or over kMaxConnections gets one error
///   line and is closed, as is one that sends a wrong token or an over-long line.
/// - Writes never block. With kMaxPendingReplies requests unanswered, or kHighWater bytes the
///   peer has not read, the connection stops reading until they go (back-pressure).
/// - When the peer closes its sending side, or the listener stops, the replies owed are still
///   sent, for at most kDrainLimit.
/// - A TLS handshake must complete within kTlsHandshakeLimit.
class BridgeConnection final : public EventLoop::Handler,
                               public AcceptedConnection,
                               public std::enable_shared_from_this<BridgeConnection> {
public:
    static constexpr std::size_t kMaxConnections = 64;
    static constexpr std::size_t kMaxPendingReplies = 20000;
    static constexpr std::size_t kHighWater = 256 * 1024;
    static constexpr std::chrono::seconds kDrainLimit{10};
    static constexpr std::chrono::seconds kTlsHandshakeLimit{10};

    /// `closed` is called on the loop when the connection has ended. `tls`: null for plain TCP.
    BridgeConnection(EventLoop& loop,
        Poco::Net::StreamSocket socket,
        BridgeContext& context,
        ConnectionClosed closed,
        std::unique_ptr<TlsTransport> tls);
    ~BridgeConnection() override;
    BridgeConnection(const BridgeConnection&) = delete;
    BridgeConnection& operator=(const BridgeConnection&) = delete;

    void start() override;
    void stop() override;
    void close() override;
    void onReady(bool readable, bool writable, bool error) override;

private:
    using Clock = std::chrono::steady_clock;

    bool admit();
    template <typename Fn>
    void guarded(Fn&& fn);
    void readOnce();
    void receive(std::string_view plain);
    void afterEvent();
    void takeReplies();
    bool owesNothing() const;
    void updateInterest();
    void beginEnding();
    void armTimer(Clock::time_point when);
    void endOnError(std::string_view error);
    void finish();

    EventLoop& loop_;
    Poco::Net::StreamSocket socket_;
    BridgeContext& context_;
    ConnectionClosed closed_;
    std::unique_ptr<TlsTransport> tls_;
    /// Shared with the back end's answers, which may come after the connection ended.
    std::shared_ptr<ReplyQueue> replies_ = std::make_shared<ReplyQueue>();
    std::unique_ptr<BridgeDispatcher> dispatcher_;
    std::string peer_ = "?";
    std::vector<char> read_buffer_;
    std::vector<std::uint8_t> plain_; ///< TLS: what was decrypted
    OutputBuffer out_;

    bool counted_ = false; ///< counted in context_.live
    bool reading_ = true;
    bool writing_ = false;
    bool input_ended_ = false; ///< the peer closed its sending side
    bool ending_ = false; ///< refused, a fatal line, the peer closed or the listener stops
    bool finished_ = false;
    bool wake_pending_ = false;
    Clock::time_point end_by_ = Clock::time_point::max();
    Clock::time_point handshake_by_ = Clock::time_point::max();
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
