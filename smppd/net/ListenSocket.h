#pragma once

#include <Poco/Net/ServerSocket.h>

#include <cstdint>
#include <string>

namespace smppd {

/// The one way smppd's listeners (SMPP, bridge, admin) open their port, plain TCP (TLS runs in
/// the connections). An empty host is every
/// interface: one dual-stack IPv6 socket, or IPv4 alone where the machine has no IPv6. An IPv6
/// host listens on IPv6 only. A restart binds at once over connections left in TIME_WAIT
/// (SO_REUSEADDR where the platform needs it); SO_REUSEPORT is off, so a port another process
/// listens on is refused (Poco::Net::NetException) instead of shared with it. Poco's two-argument
/// bind() turns both options on.
Poco::Net::ServerSocket listenOn(const std::string& host, std::uint16_t port, int backlog);

} // namespace smppd
