#pragma once

#include "config/Settings.h"
#include "smppd/net/ConnectionRegistry.h"
#include "smppd/net/EventLoop.h"
#include "smppd/net/LoopAcceptor.h"
#include "smppd/net/LoopThread.h"
#include "smppd/net/SessionEnvironment.h"

#include <Poco/Logger.h>

#include <cstdint>
#include <memory>

namespace smppd {

/// The SMPP listener on `Server.ListenHost:Server.ListenPort`. An empty host listens on every
/// interface, IPv4 and IPv6, through one dual-stack socket (falls back to IPv4 only when the host
/// has no IPv6). `Server.ListenParams` tls=1 makes it a TLS listener (the caller initialises SSL).
///
/// Every connection, plain TCP or TLS, runs on the server's event loop (LoopConnection): 10,000
/// sessions cost their buffers, and no thread. TLS is OpenSSL over memory buffers
/// (TlsTransport), so it never blocks the loop.
class SmppListener {
public:
    /// `loop` runs the connections; it must run until join() returned.
    SmppListener(const ServerSettings& server,
        SessionEnvironment& env,
        ConnectionRegistry& registry,
        LoopThread& loop);
    ~SmppListener();
    SmppListener(const SmppListener&) = delete;
    SmppListener& operator=(const SmppListener&) = delete;

    /// Binds and starts accepting. Throws Poco::Net::NetException (e.g. address in use) when the
    /// port cannot be bound, Poco::Net::SSLException for TLS files that cannot be used.
    void start();

    /// Stops accepting; live connections keep running (ConnectionRegistry stops them).
    void stopAccepting();

    /// Ends any connection left (after the connections closed). Idempotent.
    void join();

    /// The bound port (useful with port 0 in tests).
    std::uint16_t port() const { return port_; }

private:
    ServerSettings server_;
    SessionEnvironment& env_;
    ConnectionRegistry& registry_;
    Poco::Logger& log_;
    LoopThread& loop_;
    std::unique_ptr<LoopAcceptor> acceptor_; ///< owns the loop's connections
    std::uint16_t port_ = 0;
};

} // namespace smppd
