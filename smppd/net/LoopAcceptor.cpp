#include "smppd/net/LoopAcceptor.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/net/TlsTransport.h"

#include <Poco/Exception.h>

#include <utility>
#include <vector>

namespace smppd {
namespace {

/// Connections accepted per readiness of the listening socket: a burst of clients is taken in
/// a few polls, and the connections already open are served between them.
constexpr int kAcceptsPerPoll = 64;

} // namespace

LoopAcceptor::LoopAcceptor(EventLoop& loop,
    Poco::Net::ServerSocket socket,
    ConnectionFactory make,
    Poco::Net::Context::Ptr tls)
    : loop_(loop),
      socket_(std::move(socket)),
      make_(std::move(make)),
      tls_(std::move(tls)),
      log_(Poco::Logger::get("smppd.net"))
{
}

LoopAcceptor::~LoopAcceptor()
{
    closeAll();
}

void LoopAcceptor::start()
{
    socket_.setBlocking(false); // accept() below must not wait once the backlog is empty
    loop_.watch(socket_, *this, true, false);
    accepting_ = true;
}

void LoopAcceptor::stopAccepting()
{
    if (!accepting_) {
        return;
    }
    accepting_ = false;
    loop_.unwatch(socket_);
    socket_.close();
}

std::vector<std::shared_ptr<AcceptedConnection>> LoopAcceptor::live() const
{
    std::vector<std::shared_ptr<AcceptedConnection>> left;
    left.reserve(connections_.size());
    for (const auto& [raw, connection] : connections_) {
        left.push_back(connection);
    }
    return left;
}

void LoopAcceptor::stopAll()
{
    for (const auto& connection : live()) { // stop() may end it at once: not over the map
        connection->stop();
    }
}

void LoopAcceptor::closeAll()
{
    stopAccepting();
    for (const auto& connection : live()) { // close() calls back into connections_ (`closed`)
        connection->close();
    }
    connections_.clear();
}

void LoopAcceptor::onReady(bool readable, bool /*writable*/, bool /*error*/)
{
    for (int i = 0; readable && accepting_ && i < kAcceptsPerPoll; ++i) {
        Poco::Net::StreamSocket socket;
        try {
            socket = socket_.acceptConnection();
        } catch (const Poco::TimeoutException&) {
            return; // the backlog is empty ("would block")
        } catch (const Poco::Exception& e) {
            // EAGAIN arrives as a plain IOException on some platforms; a real error (EMFILE)
            // is worth a line, and the next poll tries again.
            if (e.code() != POCO_EAGAIN && e.code() != POCO_EWOULDBLOCK) {
                logging::log(
                    log_, logging::ev::accept_failed, "error={}", logging::quoted(e.displayText()));
            }
            return;
        }
        accept(std::move(socket));
    }
}

void LoopAcceptor::accept(Poco::Net::StreamSocket socket)
{
    std::unique_ptr<TlsTransport> tls;
    if (tls_) {
        try {
            tls = std::make_unique<TlsTransport>(tls_);
        } catch (const TlsError& e) {
            logging::log(log_, logging::ev::accept_failed, "error={}", logging::quoted(e.what()));
            return; // the socket closes with it
        }
    }
    auto connection = make_(std::move(socket), std::move(tls), [this](AcceptedConnection& ended) {
        // Not now: the connection's own handler is still on the stack. By then the acceptor
        // may be gone too (it is destroyed on the loop, after closeAll()).
        loop_.post([alive = std::weak_ptr<void>(alive_), this, key = &ended] {
            if (alive.lock()) {
                connections_.erase(key);
            }
        });
    });
    connections_.emplace(connection.get(), connection);
    connection->start();
}

} // namespace smppd
