#pragma once

#include "config/Settings.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/BridgeConnection.h"

#include <Poco/Logger.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <memory>

namespace smppd {

/// The bridge listener for the Hermes plugin on TcpServer.ListenHost:TcpServer.ListenPort
/// (architecture §4.4): one thread per connection, JSON lines, replies in order.
class BridgeListener {
public:
    /// Throws std::invalid_argument when TcpServer.AllowedClients holds a malformed entry.
    BridgeListener(const TcpServerSettings& settings, BridgeBackend& backend);
    ~BridgeListener();
    BridgeListener(const BridgeListener&) = delete;
    BridgeListener& operator=(const BridgeListener&) = delete;

    /// Binds and starts accepting. An empty ListenHost listens on every IPv6 and IPv4 address.
    /// Throws Poco::Net::NetException when the port cannot be bound.
    void start();

    /// Stops accepting and ends every connection after the replies it owes (bounded). Idempotent.
    void stop();

    /// The bound port (useful with ListenPort 0).
    std::uint16_t port() const;

private:
    TcpServerSettings settings_;
    BridgeContext context_;
    Poco::ThreadPool pool_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
