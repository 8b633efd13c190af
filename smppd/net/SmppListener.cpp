#include "smppd/net/SmppListener.h"

#include "common/logging/Log.h"
#include "smppd/net/ListenSocket.h"
#include "smppd/net/SmppConnectionFactory.h"
#include "smppd/net/TlsContext.h"

namespace smppd {

SmppListener::SmppListener(const ServerSettings& server,
    SessionEnvironment& env,
    ConnectionRegistry& registry,
    LoopThread& loop)
    : server_(server),
      env_(env),
      registry_(registry),
      log_(Poco::Logger::get("smppd.net")),
      pool_(1, static_cast<int>(server.max_connections) + 8, 60, kThreadStackSize),
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
    // A deep backlog: thousands of clients connecting at once wait in it for the loop.
    auto socket = listenOn(server_.listen_host, server_.listen_port, tls ? 256 : 4096, [this] {
        return makeServerSocket(server_.listen_params);
    });
    port_ = socket.address().port();
    if (tls) {
        startTls(socket);
    } else {
        startLoop(socket);
    }
    logging::log(log_,
        logging::ev::listening,
        "host={} port={} tls={} max_connections={}",
        server_.listen_host.empty() ? "*" : server_.listen_host,
        port_,
        tls ? 1 : 0,
        server_.max_connections);
}

void SmppListener::startLoop(const Poco::Net::ServerSocket& socket)
{
    acceptor_ = std::make_unique<LoopAcceptor>(loop_.loop(), socket, env_, registry_);
    loop_.runAndWait([this] { acceptor_->start(); });
}

void SmppListener::startTls(const Poco::Net::ServerSocket& socket)
{
    auto* params = new Poco::Net::TCPServerParams; // Poco API: TCPServer takes ownership (AutoPtr)
    params->setMaxThreads(static_cast<int>(server_.max_connections) + 4);
    params->setMaxQueued(256);
    params->setThreadIdleTime(Poco::Timespan(60, 0));
    // Poco API: TCPServer owns the factory (it wraps the raw pointer in a SharedPtr).
    tcp_server_ = std::make_unique<Poco::Net::TCPServer>(
        new SmppConnectionFactory(env_, registry_, true), pool_, socket, params);
    tcp_server_->start();
}

void SmppListener::stopAccepting()
{
    if (tcp_server_) {
        tcp_server_->stop();
    }
    if (acceptor_) {
        loop_.loop().post([acceptor = acceptor_.get()] { acceptor->stopAccepting(); });
    }
}

void SmppListener::join()
{
    pool_.joinAll();
    tcp_server_.reset();
    if (acceptor_) {
        loop_.runAndWait([this] { acceptor_->closeAll(); });
        acceptor_.reset();
    }
}

} // namespace smppd
