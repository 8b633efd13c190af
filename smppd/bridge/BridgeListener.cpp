#include "smppd/bridge/BridgeListener.h"

#include "common/logging/Log.h"
#include "smppd/net/ListenSocket.h"
#include "smppd/net/TlsContext.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>

namespace smppd {
namespace {

constexpr int kMaxConnections = 64;

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    explicit ConnectionFactory(BridgeContext& context) : context_(context) { }
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        return new BridgeConnection(socket, context_); // TCPServerDispatcher owns and deletes it
    }

private:
    BridgeContext& context_;
};

} // namespace

BridgeListener::BridgeListener(const TcpServerSettings& settings, BridgeBackend& backend)
    : settings_(settings),
      context_{backend,
          AddressFilter(settings.allowed_clients),
          BridgeAuth(settings.token),
          settings.listen_params.tls,
          {}},
      pool_(2, kMaxConnections + 2)
{
}

BridgeListener::~BridgeListener()
{
    stop();
}

void BridgeListener::start()
{
    auto params = Poco::AutoPtr<Poco::Net::TCPServerParams>(new Poco::Net::TCPServerParams);
    params->setMaxThreads(kMaxConnections);
    params->setMaxQueued(kMaxConnections);
    context_.stopping = false;
    server_ = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(context_),
        pool_,
        listenOn(settings_.listen_host,
            settings_.listen_port,
            128,
            [this] { return makeServerSocket(settings_.listen_params); }),
        params); // server owns it
    server_->start();
    logging::log(log_,
        logging::ev::bridge_listening,
        "host={} port={} tls={} token={} allowed_clients={}",
        settings_.listen_host.empty() ? "*" : settings_.listen_host,
        port(),
        settings_.listen_params.tls ? 1 : 0,
        settings_.token.empty() ? "none" : "required",
        settings_.allowed_clients.empty() ? std::size_t{0} : settings_.allowed_clients.size());
}

void BridgeListener::stop()
{
    if (!server_) {
        return;
    }
    context_.stopping = true;
    server_->stop();
    pool_.joinAll();
    server_.reset();
    logging::log(log_, logging::ev::bridge_stopped);
}

std::uint16_t BridgeListener::port() const
{
    return server_ ? server_->port() : settings_.listen_port;
}

} // namespace smppd
