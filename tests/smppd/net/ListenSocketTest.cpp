#include "smppd/net/ListenSocket.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

namespace {

using smppd::listenOn;

/// Connects to host:port, then lets the listener's side close first, as a server does at an
/// unbind: the port is left with a connection in TIME_WAIT.
void connectAndLeaveTimeWait(Poco::Net::ServerSocket& listener, const std::string& host)
{
    Poco::Net::StreamSocket client(Poco::Net::SocketAddress(host, listener.address().port()));
    Poco::Net::StreamSocket accepted = listener.acceptConnection();
    accepted.close();
    char byte = 0;
    CHECK(client.receiveBytes(&byte, 1) == 0); // the server's FIN
    client.close();
}

bool accepts(const std::string& host, std::uint16_t port)
{
    try {
        Poco::Net::StreamSocket client;
        client.connect(Poco::Net::SocketAddress(host, port), Poco::Timespan(1, 0));
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

} // namespace

TEST_CASE("a port another listener holds is refused, even one that allows sharing it", "[listen]")
{
    SECTION("held by listenOn")
    {
        auto first = listenOn("127.0.0.1", 0, 8);
        const auto port = first.address().port();
        CHECK_THROWS_AS(listenOn("127.0.0.1", port, 8), Poco::Net::NetException);
        CHECK(accepts("127.0.0.1", port));
    }
    SECTION("held with SO_REUSEPORT (Poco's two-argument bind), which would share it with us")
    {
        Poco::Net::ServerSocket sharing;
        sharing.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
        sharing.listen(8);
        CHECK_THROWS_AS(
            listenOn("127.0.0.1", sharing.address().port(), 8), Poco::Net::NetException);
    }
    SECTION("every interface, held on IPv6 alone: refused, not quietly narrowed to IPv4")
    {
        auto v6_only = listenOn("::", 0, 8);
        CHECK_THROWS_AS(listenOn("", v6_only.address().port(), 8), Poco::Net::NetException);
    }
    SECTION("every interface, held by another dual-stack listener")
    {
        auto first = listenOn("", 0, 8);
        CHECK_THROWS_AS(listenOn("", first.address().port(), 8), Poco::Net::NetException);
    }
}

TEST_CASE("an empty host serves IPv4 and IPv6 loopback, ::1 serves IPv6 only", "[listen]")
{
    auto every = listenOn("", 0, 8);
    CHECK(accepts("127.0.0.1", every.address().port()));
    CHECK(accepts("::1", every.address().port()));

    auto v6 = listenOn("::1", 0, 8);
    CHECK(accepts("::1", v6.address().port()));
    CHECK_FALSE(accepts("127.0.0.1", v6.address().port()));
}

TEST_CASE("a restart binds at once over connections left in TIME_WAIT", "[listen]")
{
    for (const std::string host : {"127.0.0.1", ""}) {
        INFO("host '" << host << "'");
        std::uint16_t port = 0;
        {
            auto listener = listenOn(host, 0, 8);
            port = listener.address().port();
            connectAndLeaveTimeWait(listener, host.empty() ? "127.0.0.1" : host);
        }
        CHECK_NOTHROW(listenOn(host, port, 8));
    }
}
