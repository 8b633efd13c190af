#pragma once

#include "config/Settings.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/BridgeConnection.h"
#include "smppd/net/LoopAcceptor.h"
#include "smppd/net/LoopThread.h"

#include <Poco/Logger.h>

#include <cstdint>
#include <memory>

namespace smppd {

/// The bridge listener for the Hermes plugin on TcpServer.ListenHost:TcpServer.ListenPort
/// (architecture §4.4): JSON lines, replies in order. Its connections (BridgeConnection) run on
/// the server's event loop with the SMPP sessions and the Router, so a plugin send reaches the
/// Router, and its reply the socket, without changing threads. TcpServer.ListenParams tls=1
/// runs TLS over the same loop (TlsTransport).
class BridgeListener {
public:
    /// Throws std::invalid_argument when TcpServer.AllowedClients holds a malformed entry.
    /// `backend` answers on `loop`, which must run until stop() returned.
    BridgeListener(const TcpServerSettings& settings, BridgeBackend& backend, LoopThread& loop);
    ~BridgeListener();
    BridgeListener(const BridgeListener&) = delete;
    BridgeListener& operator=(const BridgeListener&) = delete;

    /// Binds and starts accepting. An empty ListenHost listens on every IPv6 and IPv4 address.
    /// Throws Poco::Net::NetException when the port cannot be bound, Poco::Net::SSLException
    /// for TLS files that cannot be used.
    void start();

    /// Stops accepting and ends every connection after the replies it owes (at most
    /// BridgeConnection::kDrainLimit). Idempotent.
    void stop();

    /// The bound port (useful with ListenPort 0).
    std::uint16_t port() const { return port_; }

private:
    void waitForConnectionsToEnd();

    TcpServerSettings settings_;
    BridgeContext context_; ///< the loop's alone once started
    LoopThread& loop_;
    std::unique_ptr<LoopAcceptor> acceptor_; ///< owns the connections; made and used on the loop
    std::uint16_t port_ = 0;
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
