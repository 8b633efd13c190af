#pragma once

#include "smppd/net/AcceptedConnection.h"
#include "smppd/net/EventLoop.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>

#include <memory>
#include <unordered_map>
#include <vector>

namespace smppd {

/// Accepts connections on an EventLoop and owns them until they end: plain TCP, or TLS when
/// given a server context (each connection then runs its own TlsTransport on it). What a
/// connection is (SMPP, bridge) is the factory's business. Runs on the loop's thread only, and
/// is destroyed there too.
class LoopAcceptor final : public EventLoop::Handler {
public:
    /// `socket` is bound and listening (a plain socket: TLS runs in the connections).
    /// `make` turns each accepted socket into its connection.
    /// `tls`: the server TLS context (makeServerTlsContext), or null for plain TCP.
    LoopAcceptor(EventLoop& loop,
        Poco::Net::ServerSocket socket,
        ConnectionFactory make,
        Poco::Net::Context::Ptr tls = nullptr);
    ~LoopAcceptor();
    LoopAcceptor(const LoopAcceptor&) = delete;
    LoopAcceptor& operator=(const LoopAcceptor&) = delete;

    /// Starts accepting (on the loop).
    void start();
    /// Closes the listening socket; live connections carry on (on the loop).
    void stopAccepting();
    /// Asks every connection to end after what it owes (AcceptedConnection::stop, on the loop).
    void stopAll();
    /// Ends every connection left (on the loop, or after it stopped).
    void closeAll();
    /// Connections not ended yet (on the loop).
    std::size_t size() const { return connections_.size(); }

    void onReady(bool readable, bool writable, bool error) override;

private:
    void accept(Poco::Net::StreamSocket socket);
    std::vector<std::shared_ptr<AcceptedConnection>> live() const;

    EventLoop& loop_;
    Poco::Net::ServerSocket socket_;
    ConnectionFactory make_;
    Poco::Net::Context::Ptr tls_;
    Poco::Logger& log_;
    bool accepting_ = false;
    std::unordered_map<AcceptedConnection*, std::shared_ptr<AcceptedConnection>> connections_;
    /// Expires with the acceptor: a connection's end posted just before cannot reach it.
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

} // namespace smppd
