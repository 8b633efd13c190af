#include "smppd/net/SmppListener.h"

#include "common/logging/Log.h"
#include "smppd/net/SmppConnectionFactory.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace smppd {
namespace {

Poco::Net::Context::Ptr makeTlsContext(const ListenParams& params)
{
    // Client certificates are checked only when a CA file is configured.
    const auto mode =
        params.ca.empty() ? Poco::Net::Context::VERIFY_NONE : Poco::Net::Context::VERIFY_STRICT;
    return new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE,
        params.key,
        params.cert,
        params.ca,
        mode,
        9,
        false,
        "ALL:!ADH:!LOW:!EXP:!MD5:!aNULL:@STRENGTH");
}

Poco::Net::ServerSocket makeSocket(const ListenParams& params)
{
    if (params.tls) {
        return Poco::Net::SecureServerSocket(makeTlsContext(params));
    }
    return Poco::Net::ServerSocket();
}

} // namespace

SmppListener::SmppListener(
    const ServerSettings& server, SessionEnvironment& env, ConnectionRegistry& registry)
    : server_(server),
      env_(env),
      registry_(registry),
      log_(Poco::Logger::get("smppd.net")),
      pool_(2, static_cast<int>(server.max_connections) + 8, 60, kThreadStackSize)
{
}

SmppListener::~SmppListener()
{
    stopAccepting();
    join();
}

Poco::Net::ServerSocket SmppListener::openSocket()
{
    auto socket = makeSocket(server_.listen_params);
    const auto port = server_.listen_port;
    if (server_.listen_host.empty()) {
        try {
            // One dual-stack socket: IPv6 and IPv4-mapped clients (IPV6_V6ONLY off).
            socket.bind6(Poco::Net::SocketAddress(
                             Poco::Net::IPAddress::wildcard(Poco::Net::IPAddress::IPv6), port),
                true,
                false,
                false);
        } catch (const Poco::Exception& e) {
            logging::info(
                log_, "ipv6 unavailable, listening on ipv4 only error={}", e.displayText());
            socket = makeSocket(server_.listen_params);
            socket.bind(Poco::Net::SocketAddress(
                            Poco::Net::IPAddress::wildcard(Poco::Net::IPAddress::IPv4), port),
                true,
                false);
        }
    } else {
        const Poco::Net::SocketAddress address(server_.listen_host, port);
        if (address.family() == Poco::Net::SocketAddress::IPv6) {
            socket.bind6(address, true, false, true);
        } else {
            socket.bind(
                address, true, false); // SO_REUSEPORT off: a second smppd must fail (exit 69)
        }
    }
    socket.listen(256);
    return socket;
}

void SmppListener::start()
{
    auto socket = openSocket();
    port_ = socket.address().port();
    auto* params = new Poco::Net::TCPServerParams; // Poco API: TCPServer takes ownership (AutoPtr)
    params->setMaxThreads(static_cast<int>(server_.max_connections) + 4);
    params->setMaxQueued(256);
    params->setThreadIdleTime(Poco::Timespan(60, 0));
    const bool tls = server_.listen_params.tls;
    // Poco API: TCPServer owns the factory (it wraps the raw pointer in a SharedPtr).
    tcp_server_ = std::make_unique<Poco::Net::TCPServer>(
        new SmppConnectionFactory(env_, registry_, tls), pool_, socket, params);
    tcp_server_->start();
    logging::info(log_,
        "listening host={} port={} tls={} max_connections={}",
        server_.listen_host.empty() ? "*" : server_.listen_host,
        port_,
        tls ? 1 : 0,
        server_.max_connections);
}

void SmppListener::stopAccepting()
{
    if (tcp_server_) {
        tcp_server_->stop();
    }
}

void SmppListener::join()
{
    pool_.joinAll();
    tcp_server_.reset();
}

} // namespace smppd
