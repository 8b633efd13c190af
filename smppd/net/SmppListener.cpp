#include "smppd/net/SmppListener.h"

#include "common/logging/Log.h"
#include "smppd/net/ListenSocket.h"
#include "smppd/net/LoopConnection.h"
#include "smppd/net/TlsContext.h"
#include "smppd/net/TlsTransport.h"

namespace smppd {

SmppListener::SmppListener(const ServerSettings& server,
    SessionEnvironment& env,
    ConnectionRegistry& registry,
    LoopThread& loop)
    : server_(server),
      env_(env),
      registry_(registry),
      log_(Poco::Logger::get("smppd.net")),
      loop_(loop)
{
}

SmppListener::~SmppListener()
{
    stopAccepting();
    join();
}

void SmppListener::start()
{
    const bool tls = server_.listen_params.tls;
    // Before the port: a certificate or key that cannot be used stops the start-up (exit 64).
    Poco::Net::Context::Ptr context;
    if (tls) {
        context = makeServerTlsContext(server_.listen_params);
    }
    // A deep backlog: thousands of clients connecting at once wait in it for the loop.
    auto socket = listenOn(server_.listen_host, server_.listen_port, 4096);
    port_ = socket.address().port();
    auto make = [this](Poco::Net::StreamSocket accepted,
                    std::unique_ptr<TlsTransport> transport,
                    ConnectionClosed closed) -> std::shared_ptr<AcceptedConnection> {
        return std::make_shared<LoopConnection>(loop_.loop(),
            std::move(accepted),
            env_,
            registry_,
            std::move(closed),
            std::move(transport));
    };
    acceptor_ = std::make_unique<LoopAcceptor>(loop_.loop(), socket, make, context);
    loop_.runAndWait([this] { acceptor_->start(); });
    logging::log(log_,
        logging::ev::listening,
        "host={} port={} tls={} max_connections={}",
        server_.listen_host.empty() ? "*" : server_.listen_host,
        port_,
        tls ? 1 : 0,
        server_.max_connections);
}

void SmppListener::stopAccepting()
{
    if (acceptor_) {
        loop_.loop().post([acceptor = acceptor_.get()] { acceptor->stopAccepting(); });
    }
}

void SmppListener::join()
{
    if (acceptor_) {
        loop_.runAndWait([this] {
            acceptor_->closeAll();
            acceptor_.reset(); // on the loop: see LoopAcceptor
        });
    }
}

} // namespace smppd
