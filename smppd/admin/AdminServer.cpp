#include "smppd/admin/AdminServer.h"

#include "common/logging/Log.h"
#include "smppd/net/ListenSocket.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace smppd {

AdminServerOptions adminServerOptionsFrom(const AdminSettings& settings)
{
    AdminServerOptions options;
    options.host = settings.listen_host;
    options.port = settings.listen_port;
    return options;
}

AdminServer::AdminServer(AdminServerOptions options, const Metrics& metrics, HealthProvider health)
    : options_(std::move(options)),
      metrics_(metrics),
      health_(std::move(health)),
      pool_("smppd-admin", 1, options_.threads)
{
}

AdminServer::~AdminServer()
{
    stop();
}

void AdminServer::start()
{
    if (server_) {
        return;
    }
    auto socket = listenOn(options_.host, options_.port, 16);
    port_ = socket.address().port();
    if (!socket.address().host().isLoopback()) {
        // /health and /metrics have no authentication: say so when they leave the machine.
        logging::log(
            log_, logging::ev::admin_not_loopback, "host={} port={}", options_.host, port_);
    }
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options_.threads);
    params->setMaxQueued(16);
    params->setKeepAlive(false);
    // Poco's HTTPServer takes ownership of the factory (a counted pointer).
    server_ = std::make_unique<Poco::Net::HTTPServer>(
        new AdminRequestHandlerFactory(metrics_, health_), pool_, socket, params);
    server_->start();
    logging::log(log_, logging::ev::admin_listening, "host={} port={}", options_.host, port_);
}

void AdminServer::stop()
{
    if (!server_) {
        return;
    }
    server_->stopAll(true);
    pool_.joinAll();
    server_.reset();
    logging::log(log_, logging::ev::admin_stopped, "port={}", port_);
}

} // namespace smppd
