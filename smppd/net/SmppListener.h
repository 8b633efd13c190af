#pragma once

#include "config/Settings.h"
#include "smppd/net/ConnectionRegistry.h"
#include "smppd/net/EventLoop.h"
#include "smppd/net/LoopAcceptor.h"
#include "smppd/net/LoopThread.h"
#include "smppd/net/SmppConnection.h"

#include <Poco/Logger.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace smppd {

/// The SMPP listener on `Server.ListenHost:Server.ListenPort`. An empty host listens on every
/// interface, IPv4 and IPv6, through one dual-stack socket (falls back to IPv4 only when the host
/// has no IPv6). `Server.ListenParams` tls=1 makes it a TLS listener (Poco NetSSL; the caller
/// initialises SSL).
///
/// Plain TCP connections all run on the server's event loop (LoopConnection): 10,000 sessions
/// cost their buffers, and no thread. TLS connections run on a thread pool with small stacks
/// (SmppConnection), because Poco's SecureStreamSocket is a blocking socket.
class SmppListener {
public:
    /// Threads of the connection pool get this stack: the connection loop is shallow (the
    /// deepest path is OpenSSL's handshake), so 1000 sessions stay well under 150 MiB RSS.
    static constexpr int kThreadStackSize = 256 * 1024;

    /// `loop` runs the plain-TCP connections; it must run until join() returned.
    SmppListener(const ServerSettings& server,
        SessionEnvironment& env,
        ConnectionRegistry& registry,
        LoopThread& loop);
    ~SmppListener();
    SmppListener(const SmppListener&) = delete;
    SmppListener& operator=(const SmppListener&) = delete;

    /// Binds and starts accepting. Throws Poco::Net::NetException (e.g. address in use) when the
    /// port cannot be bound, Poco::Exception for TLS files that cannot be loaded.
    void start();

    /// Stops accepting; live connections keep running (ConnectionRegistry stops them).
    void stopAccepting();

    /// Waits for the connection threads to finish (after the connections closed), and ends any
    /// connection left. Idempotent.
    void join();

    /// The bound port (useful with port 0 in tests).
    std::uint16_t port() const { return port_; }

private:
    void startLoop(const Poco::Net::ServerSocket& socket);
    void startTls(const Poco::Net::ServerSocket& socket);

    ServerSettings server_;
    SessionEnvironment& env_;
    ConnectionRegistry& registry_;
    Poco::Logger& log_;
    Poco::ThreadPool pool_;
    std::unique_ptr<Poco::Net::TCPServer> tcp_server_; ///< TLS
    LoopThread& loop_;
    std::unique_ptr<LoopAcceptor> acceptor_; ///< plain TCP: owns the loop's connections
    std::uint16_t port_ = 0;
};

} // namespace smppd
