#include "smppd/net/LoopConnection.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/net/TlsTransport.h"
#include "smppd/session/SessionObserver.h"

#include <Poco/Exception.h>

#include <exception>
#include <span>
#include <utility>

namespace smppd {
LoopConnection::LoopConnection(EventLoop& loop,
    Poco::Net::StreamSocket socket,
    SessionEnvironment& env,
    ConnectionRegistry& registry,
    ConnectionClosed closed,
    std::unique_ptr<TlsTransport> tls)
    : loop_(loop),
      socket_(std::move(socket)),
      env_(env),
      registry_(registry),
      closed_(std::move(closed)),
      tls_(std::move(tls)),
      log_(Poco::Logger::get("smppd.net")),
      read_buffer_(kFirstReadChunk)
{
}

LoopConnection::~LoopConnection() = default;

template <typename Fn>
void LoopConnection::postToSelf(Fn fn)
{
    loop_.post([weak = weak_from_this(), fn = std::move(fn)] {
        if (const auto self = weak.lock()) {
            fn(*self);
        }
    });
}

/// Names the peer and registers the connection (Server.MaxConnections); false: refused.
bool LoopConnection::admit()
{
    try {
        peer_ = socket_.peerAddress().host().toString();
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::connection_lost_before_start,
            "error={}",
            logging::quoted(e.displayText()));
        return false;
    }
    number_ = registry_.tryAdd(this, env_.max_connections);
    if (number_ == 0) {
        logging::log(log_,
            logging::ev::connection_refused,
            "peer={} reason=max_connections_or_stopping",
            peer_);
        return false;
    }
    registered_ = true;
    logging::log(log_,
        logging::ev::connection_accepted,
        "session={} peer={} tls={}",
        number_,
        peer_,
        tls_ ? 1 : 0);
    return true;
}

void LoopConnection::start()
{
    if (!admit()) {
        finish();
        return;
    }
    if (env_.services.observer != nullptr) {
        env_.services.observer->connectionOpened();
    }
    session_ = Session::create(env_.config, env_.services, peer_, Session::Clock::now(), number_);
    // Called on the loop by a store answer or a Router offer: one post per batch of work
    // (finish() clears it before this connection can go away).
    session_->setWakeup([this] {
        if (!std::exchange(wake_pending_, true)) {
            postToSelf([](LoopConnection& c) { c.onWake(); });
        }
    });
    guarded([this] {
        socket_.setBlocking(false);
        socket_.setNoDelay(true);
        loop_.watch(socket_, *this, true, false);
        afterEvent();
    });
}

/// Errors of the environment (the socket) end this connection only (style.md §4c).
template <typename Fn>
void LoopConnection::guarded(Fn&& fn)
{
    try {
        fn();
    } catch (const Poco::Exception& e) {
        endOnError(logging::ev::connection_error, e.displayText());
    } catch (const std::exception& e) {
        endOnError(logging::ev::connection_failure, e.what());
    }
}

void LoopConnection::endOnError(const logging::Event& event, std::string_view error)
{
    logging::log(log_,
        event,
        "session={} peer={} account={} error={}",
        number_,
        peer_,
        session_ ? session_->systemId() : std::string(),
        logging::quoted(error));
    finish();
}

void LoopConnection::onReady(bool readable, bool writable, bool error)
{
    guarded([&] {
        if (writable) {
            sendPending();
        }
        if ((readable || error) && reading_ && !finished_) {
            readOnce(); // a pending socket error surfaces here, as an exception
        }
        if (!finished_) {
            afterEvent();
        }
    });
}

void LoopConnection::readOnce()
{
    const int n = socket_.receiveBytes(read_buffer_.data(), static_cast<int>(read_buffer_.size()));
    if (n < 0) {
        return; // would block: nothing after all
    }
    if (n == 0) {
        endOnPeerClosed();
        return;
    }
    const std::span bytes(read_buffer_.data(), static_cast<std::size_t>(n));
    if (tls_) {
        receiveTls(bytes);
    } else {
        session_->onBytes(bytes, Session::Clock::now());
    }
    if (static_cast<std::size_t>(n) == read_buffer_.size()) {
        read_buffer_.resize(kBusyReadChunk);
    }
}

void LoopConnection::receiveTls(std::span<const std::uint8_t> ciphertext)
{
    plain_.clear();
    try {
        tls_->receive(ciphertext, plain_);
    } catch (const TlsError& e) {
        endOnTlsError(e.what());
        return;
    }
    if (!plain_.empty()) {
        session_->onBytes(plain_, Session::Clock::now());
    }
    if (tls_->peerClosed()) { // close_notify: as a TCP close
        endOnPeerClosed();
    }
}

void LoopConnection::endOnPeerClosed()
{
    logging::log(log_,
        logging::ev::peer_closed,
        "session={} peer={} account={}",
        number_,
        peer_,
        session_->systemId());
    finish();
}

/// A refused handshake or a bad record: one line with OpenSSL's reason; the alert that tells the
/// peer why goes out if the socket takes it now, and the connection ends.
void LoopConnection::endOnTlsError(std::string_view error)
{
    tls_->takeCiphertext(out_.tail());
    try {
        sendPending();
    } catch (const Poco::Exception&) {
        // the peer has gone already: the error below is what matters
    }
    endOnError(logging::ev::connection_error, error);
}

/// The Session's output into the output buffer: as it is, or encrypted (with whatever the TLS
/// handshake has to send).
void LoopConnection::takeOutput()
{
    if (!tls_) {
        session_->takeOutput(out_.tail());
        return;
    }
    plain_.clear();
    if (session_->takeOutput(plain_)) {
        tls_->send(plain_);
    }
    tls_->takeCiphertext(out_.tail());
}

/// After anything happened: timers, output, close, what to wait for next.
void LoopConnection::afterEvent()
{
    const auto now = Session::Clock::now();
    if (stop_requested_.load() && !stop_sent_) {
        stop_sent_ = true;
        session_->stop(now);
    }
    session_->onTick(now);
    takeOutput();
    sendPending();
    if (!closing_ && session_->closeDue(now)) {
        beginClosing(now);
    }
    if (finished_) {
        return;
    }
    if (closing_ && (out_.empty() || now >= close_by_)) {
        finish();
        return;
    }
    updateInterest();
    armTimer(closing_ ? close_by_ : session_->nextDeadline());
}

void LoopConnection::sendPending()
{
    out_.sendTo(socket_);
}

void LoopConnection::updateInterest()
{
    const std::size_t waiting = out_.waiting();
    bool read = reading_;
    if (closing_ || waiting > kHighWater) {
        read = false;
    } else if (waiting <= kLowWater) {
        read = true;
    }
    const bool write = waiting > 0;
    if (read != reading_ && !closing_) {
        logging::log(log_,
            read ? logging::ev::input_resumed : logging::ev::input_paused,
            "session={} account={} waiting_bytes={}",
            number_,
            session_->systemId(),
            waiting);
    }
    if (read != reading_ || write != writing_) {
        reading_ = read;
        writing_ = write;
        loop_.update(socket_, read, write);
    }
}

void LoopConnection::armTimer(Session::TimePoint next)
{
    if (next >= armed_) {
        return; // an earlier timer is set: it re-arms for whatever is due then
    }
    armed_ = next;
    loop_.runAt(next, [weak = weak_from_this()] {
        if (const auto self = weak.lock()) {
            self->onTimer();
        }
    });
}

void LoopConnection::onTimer()
{
    if (finished_) {
        return;
    }
    armed_ = Session::TimePoint::max();
    guarded([this] { afterEvent(); });
}

void LoopConnection::onWake()
{
    wake_pending_ = false; // before the work: a wake-up meanwhile posts again
    if (!finished_) {
        guarded([this] { afterEvent(); });
    }
}

void LoopConnection::beginClosing(Session::TimePoint now)
{
    closing_ = true;
    if (tls_) {
        if (!tls_->established()) {
            endOnError(logging::ev::connection_error, "closed before the TLS handshake completed");
            return;
        }
        tls_->close(); // close_notify, sent with what is left
        tls_->takeCiphertext(out_.tail());
    }
    // What is left to send (an unbind_resp, a generic_nack) gets the response timer to leave.
    close_by_ = now + env_.config.response_timeout;
}

void LoopConnection::requestStop() noexcept
{
    stop_requested_.store(true);
    try {
        postToSelf([](LoopConnection& c) {
            if (!c.finished_) {
                c.guarded([&c] { c.afterEvent(); });
            }
        });
    } catch (const std::exception&) {
        // no memory for the task: the next event of this connection sends the unbind
    }
}

void LoopConnection::requestAbort() noexcept
{
    try {
        postToSelf([](LoopConnection& c) { c.finish(); });
    } catch (const std::exception&) {
        // no memory for the task: the stop's second wait gives up on this connection
    }
}

void LoopConnection::close()
{
    finish();
}

void LoopConnection::finish()
{
    if (finished_) {
        return;
    }
    finished_ = true;
    loop_.unwatch(socket_);
    if (session_) {
        session_->setWakeup(nullptr); // no wake-up runs after this
        session_->onDisconnected();
    }
    try {
        socket_.shutdown();
    } catch (const Poco::Exception&) {
        // already closed by the peer: nothing left to release
    }
    socket_.close();
    if (registered_) {
        registry_.remove(this);
        if (env_.services.observer != nullptr) {
            env_.services.observer->connectionClosed();
        }
        logging::log(log_, logging::ev::connection_closed, "session={} peer={}", number_, peer_);
    }
    closed_(*this);
}

} // namespace smppd
