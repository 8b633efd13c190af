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
    SessionEnvironment& env,
    ConnectionRegistry& registry,
    Poco::Net::Context::Ptr tls)
    : loop_(loop),
      socket_(std::move(socket)),
      env_(env),
      registry_(registry),
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

void LoopAcceptor::closeAll()
{
    stopAccepting();
    // close() calls back into connections_ (the `closed` callback): iterate over a copy.
    std::vector<std::shared_ptr<LoopConnection>> left;
    left.reserve(connections_.size());
    for (const auto& [raw, connection] : connections_) {
        left.push_back(connection);
    }
    for (const auto& connection : left) {
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
    auto connection = std::make_shared<LoopConnection>(
        loop_,
        std::move(socket),
        env_,
        registry_,
        [this](LoopConnection& ended) {
            // Not now: the connection's own handler is still on the stack.
            loop_.post([this, key = &ended] { connections_.erase(key); });
        },
        std::move(tls));
    connections_.emplace(connection.get(), connection);
    connection->start();
}

} // namespace smppd
