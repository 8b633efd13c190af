#include "smppd/bridge/BridgeListener.h"

#include "common/logging/Log.h"
#include "smppd/net/ListenSocket.h"
#include "smppd/net/TlsContext.h"
#include "smppd/net/TlsTransport.h"

#include <chrono>
#include <thread>

namespace smppd {
namespace {

using namespace std::chrono_literals;

constexpr int kBacklog = 128;
constexpr auto kStopCheck = 10ms; ///< at stop, how often to look whether the connections ended

} // namespace

BridgeListener::BridgeListener(
    const TcpServerSettings& settings, BridgeBackend& backend, LoopThread& loop)
    : settings_(settings),
      context_{backend, AddressFilter(settings.allowed_clients), BridgeAuth(settings.token)},
      loop_(loop)
{
}

BridgeListener::~BridgeListener()
{
    stop();
}

void BridgeListener::start()
{
    // Before the port: a certificate or key that cannot be used stops the start-up (exit 64).
    Poco::Net::Context::Ptr tls;
    if (settings_.listen_params.tls) {
        tls = makeServerTlsContext(settings_.listen_params);
    }
    auto socket = listenOn(settings_.listen_host, settings_.listen_port, kBacklog);
    port_ = socket.address().port();
    auto make = [this](Poco::Net::StreamSocket accepted,
                    std::unique_ptr<TlsTransport> transport,
                    ConnectionClosed closed) -> std::shared_ptr<AcceptedConnection> {
        return std::make_shared<BridgeConnection>(
            loop_.loop(), std::move(accepted), context_, std::move(closed), std::move(transport));
    };
    loop_.runAndWait([&] {
        acceptor_ = std::make_unique<LoopAcceptor>(loop_.loop(), socket, make, tls);
        acceptor_->start();
    });
    logging::log(log_,
        logging::ev::bridge_listening,
        "host={} port={} tls={} token={} allowed_clients={}",
        settings_.listen_host.empty() ? "*" : settings_.listen_host,
        port_,
        settings_.listen_params.tls ? 1 : 0,
        settings_.token.empty() ? "none" : "required",
        settings_.allowed_clients.size());
}

void BridgeListener::stop()
{
    bool started = false;
    loop_.runAndWait([&] {
        started = acceptor_ != nullptr;
        if (started) {
            acceptor_->stopAccepting();
            acceptor_->stopAll();
        }
    });
    if (!started) {
        return;
    }
    waitForConnectionsToEnd();
    loop_.runAndWait([this] {
        acceptor_->closeAll(); // those still owing replies after the drain limit
        acceptor_.reset(); // on the loop: see LoopAcceptor
    });
    logging::log(log_, logging::ev::bridge_stopped);
}

/// The connections end on the loop as their last replies leave (bounded by kDrainLimit).
void BridgeListener::waitForConnectionsToEnd()
{
    const auto deadline = std::chrono::steady_clock::now() + BridgeConnection::kDrainLimit + 1s;
    for (;;) {
        std::size_t left = 0;
        loop_.runAndWait([&] { left = acceptor_->size(); });
        if (left == 0 || std::chrono::steady_clock::now() >= deadline) {
            return;
        }
        std::this_thread::sleep_for(kStopCheck);
    }
}

} // namespace smppd
