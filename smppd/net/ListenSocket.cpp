#include "smppd/net/ListenSocket.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/ListenerReuse.h"

#include <Poco/Logger.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketDefs.h>

namespace smppd {
namespace {

constexpr bool kReusePort = false; // a shared port splits its connections between two servers

Poco::Net::ServerSocket bindEveryInterface(std::uint16_t port)
{
    using Poco::Net::IPAddress;
    Poco::Net::ServerSocket socket;
    try {
        socket.bind6(Poco::Net::SocketAddress(IPAddress::wildcard(IPAddress::IPv6), port),
            smpp::platform::listenersReuseAddress(),
            kReusePort,
            false); // IPV6_V6ONLY off: IPv4 clients arrive as ::ffff:a.b.c.d
        return socket;
    } catch (const Poco::Exception& e) {
        if (e.code() == POCO_EADDRINUSE) {
            throw; // taken: falling back to IPv4 alone would hide it, or half-share the port
        }
        logging::log(Poco::Logger::get("smppd.net"),
            logging::ev::ipv6_unavailable,
            "port={} error={}",
            port,
            logging::quoted(e.displayText()));
    }
    socket = Poco::Net::ServerSocket(); // the failed socket may be left an IPv6 one
    socket.bind(Poco::Net::SocketAddress(IPAddress::wildcard(IPAddress::IPv4), port),
        smpp::platform::listenersReuseAddress(),
        kReusePort);
    return socket;
}

Poco::Net::ServerSocket bindHost(const std::string& host, std::uint16_t port)
{
    Poco::Net::ServerSocket socket;
    const Poco::Net::SocketAddress address(host, port);
    if (address.family() == Poco::Net::SocketAddress::IPv6) {
        socket.bind6(address, smpp::platform::listenersReuseAddress(), kReusePort, true);
    } else {
        socket.bind(address, smpp::platform::listenersReuseAddress(), kReusePort);
    }
    return socket;
}

} // namespace

Poco::Net::ServerSocket listenOn(const std::string& host, std::uint16_t port, int backlog)
{
    auto socket = host.empty() ? bindEveryInterface(port) : bindHost(host, port);
    socket.listen(backlog);
    return socket;
}

} // namespace smppd
