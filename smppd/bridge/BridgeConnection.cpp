#include "smppd/bridge/BridgeConnection.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/bridge/BridgeProtocol.h"
#include "smppd/net/TlsTransport.h"

#include <Poco/Exception.h>

#include <exception>
#include <span>
#include <utility>

namespace smppd {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

std::span<const std::uint8_t> asBytes(std::string_view text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

} // namespace

BridgeConnection::BridgeConnection(EventLoop& loop,
    Poco::Net::StreamSocket socket,
    BridgeContext& context,
    ConnectionClosed closed,
    std::unique_ptr<TlsTransport> tls)
    : loop_(loop),
      socket_(std::move(socket)),
      context_(context),
      closed_(std::move(closed)),
      tls_(std::move(tls))
{
}

BridgeConnection::~BridgeConnection() = default;

void BridgeConnection::start()
{
    guarded([this] {
        const Poco::Net::SocketAddress peer = socket_.peerAddress();
        peer_ = peer.toString();
        dispatcher_ = std::make_unique<BridgeDispatcher>(
            context_.backend, context_.auth, replies_, peer_, peer.host().toString());
        // The back end answers on this loop: one wake-up per batch of answers, as the SMPP
        // connections get theirs.
        replies_->setOnReady([this] {
            if (!std::exchange(wake_pending_, true)) {
                loop_.post([weak = weak_from_this()] {
                    if (const auto self = weak.lock(); self && !self->finished_) {
                        self->wake_pending_ = false;
                        self->guarded([&self] { self->afterEvent(); });
                    }
                });
            }
        });
        read_buffer_.resize(kReadChunk);
        socket_.setBlocking(false);
        socket_.setNoDelay(true);
        loop_.watch(socket_, *this, true, false);
        if (!admit()) {
            beginEnding();
        }
        if (tls_) {
            handshake_by_ = Clock::now() + kTlsHandshakeLimit;
            armTimer(handshake_by_);
        }
        afterEvent();
    });
}

/// TcpServer.AllowedClients, the connection limit and the token lockout, in that order; a
/// refused peer gets one error line (queued here) before the connection ends.
bool BridgeConnection::admit()
{
    const auto refuse = [this](std::string_view reason, BridgeError error) {
        logging::log(log_, logging::ev::bridge_client_refused, "peer={} reason={}", peer_, reason);
        replies_->push(formatBridgeError(error));
        return false;
    };
    if (!context_.filter.allows(socket_.peerAddress().host())) {
        return refuse("not_in_allowed_clients",
            {"forbidden", "client address not allowed (TcpServer.AllowedClients)"});
    }
    if (context_.live >= kMaxConnections) {
        return refuse("too_many_connections",
            {"unavailable", "too many plugin connections (64); try again later"});
    }
    if (!dispatcher_->admit(Clock::now())) {
        return false; // locked out: logged and answered by the dispatcher
    }
    ++context_.live;
    counted_ = true;
    logging::log(log_, logging::ev::bridge_connected, "peer={}", peer_);
    return true;
}

/// Errors of the socket or of TLS end this connection only.
template <typename Fn>
void BridgeConnection::guarded(Fn&& fn)
{
    try {
        fn();
    } catch (const Poco::Exception& e) {
        endOnError(e.displayText());
    } catch (const std::exception& e) {
        endOnError(e.what());
    }
}

void BridgeConnection::onReady(bool readable, bool writable, bool error)
{
    guarded([&] {
        if (writable) {
            out_.sendTo(socket_);
        }
        if ((readable || error) && reading_ && !finished_) {
            readOnce(); // a pending socket error surfaces here, as an exception
        }
        if (!finished_) {
            afterEvent();
        }
    });
}

void BridgeConnection::readOnce()
{
    const int n = socket_.receiveBytes(read_buffer_.data(), static_cast<int>(read_buffer_.size()));
    if (n < 0) {
        return; // would block: nothing after all
    }
    if (n == 0) {
        input_ended_ = true; // maybe only its sending side: the replies owed still go out
        beginEnding();
        return;
    }
    if (!tls_) {
        receive(std::string_view(read_buffer_.data(), static_cast<std::size_t>(n)));
        return;
    }
    plain_.clear();
    try {
        tls_->receive(
            asBytes(std::string_view(read_buffer_.data(), static_cast<std::size_t>(n))), plain_);
    } catch (const TlsError& e) {
        tls_->takeCiphertext(out_.tail()); // the alert that tells the peer why, if it goes now
        out_.sendTo(socket_);
        endOnError(e.what());
        return;
    }
    receive(std::string_view(reinterpret_cast<const char*>(plain_.data()), plain_.size()));
    if (tls_->peerClosed()) { // close_notify: as a TCP close
        input_ended_ = true;
        beginEnding();
    }
}

/// Request bytes for the dispatcher; once the connection is ending they are read and dropped
/// (closing on unread bytes would reset the connection, and the peer could lose its replies).
void BridgeConnection::receive(std::string_view plain)
{
    if (!ending_ && !plain.empty() && !dispatcher_->onBytes(plain, Clock::now())) {
        beginEnding(); // a fatal line: its error reply is queued
    }
}

/// After anything happened: the replies ready go out, then the connection ends or waits.
void BridgeConnection::afterEvent()
{
    const auto now = Clock::now();
    if (tls_ && !tls_->established() && now >= handshake_by_) {
        endOnError("TLS handshake not completed within 10 s");
        return;
    }
    takeReplies();
    out_.sendTo(socket_);
    if (ending_ && owesNothing()) {
        finish();
        return;
    }
    if (ending_ && now >= end_by_) {
        endOnError(
            fmt::format("{} replies still owed after {} s", replies_->size(), kDrainLimit.count()));
        return;
    }
    updateInterest();
}

/// The replies at the front that are complete, into the output buffer (encrypted with TLS, with
/// whatever the handshake has to send).
void BridgeConnection::takeReplies()
{
    const std::string ready = replies_->takeReady();
    if (!tls_) {
        out_.append(asBytes(ready));
        return;
    }
    if (!ready.empty()) {
        tls_->send(asBytes(ready));
    }
    tls_->takeCiphertext(out_.tail());
}

bool BridgeConnection::owesNothing() const
{
    if (tls_ && !tls_->established() && !input_ended_) {
        return false; // a refusal waits for the handshake that carries it
    }
    return replies_->size() == 0 && out_.empty();
}

void BridgeConnection::updateInterest()
{
    const bool read = !input_ended_ && replies_->size() < kMaxPendingReplies
        && out_.waiting() <= kHighWater; // back-pressure: read again once the replies go
    const bool write = !out_.empty();
    if (read != reading_ && !input_ended_) {
        logging::log(log_,
            read ? logging::ev::bridge_input_resumed : logging::ev::bridge_input_paused,
            "peer={} pending_replies={} waiting_bytes={}",
            peer_,
            replies_->size(),
            out_.waiting());
    }
    if (read != reading_ || write != writing_) {
        reading_ = read;
        writing_ = write;
        loop_.update(socket_, read, write);
    }
}

void BridgeConnection::beginEnding()
{
    if (ending_) {
        return;
    }
    ending_ = true;
    end_by_ = Clock::now() + kDrainLimit;
    armTimer(end_by_);
}

void BridgeConnection::armTimer(Clock::time_point when)
{
    loop_.runAt(when, [weak = weak_from_this()] {
        if (const auto self = weak.lock(); self && !self->finished_) {
            self->guarded([&self] { self->afterEvent(); });
        }
    });
}

void BridgeConnection::stop()
{
    if (!finished_) {
        guarded([this] {
            beginEnding();
            afterEvent();
        });
    }
}

void BridgeConnection::close()
{
    finish();
}

void BridgeConnection::endOnError(std::string_view error)
{
    logging::log(
        log_, logging::ev::bridge_disconnected, "peer={} error={}", peer_, logging::quoted(error));
    finish();
}

void BridgeConnection::finish()
{
    if (finished_) {
        return;
    }
    finished_ = true;
    replies_->setOnReady(nullptr); // answers still to come find the queue, and nobody to wake
    loop_.unwatch(socket_);
    try {
        if (tls_ && tls_->established()) {
            tls_->close(); // close_notify, if the socket takes it now
            tls_->takeCiphertext(out_.tail());
            out_.sendTo(socket_);
        }
        socket_.shutdown();
    } catch (const Poco::Exception&) {
        // the peer has gone already: nothing left to release
    }
    socket_.close();
    if (counted_) {
        --context_.live;
    }
    closed_(*this);
}

} // namespace smppd
