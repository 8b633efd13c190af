#include "smppd/net/SmppConnection.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/ThreadName.h"
#include "smppd/net/ConnectionRegistry.h"
#include "smppd/session/SessionObserver.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/Socket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <exception>
#include <span>

namespace smppd {
namespace {

constexpr auto kMaxPollWait = std::chrono::milliseconds(250);

} // namespace

SmppConnection::SmppConnection(const Poco::Net::StreamSocket& socket,
    SessionEnvironment& env,
    ConnectionRegistry& registry,
    bool tls)
    : Poco::Net::TCPServerConnection(socket),
      env_(env),
      registry_(registry),
      tls_(tls),
      log_(Poco::Logger::get("smppd.net")),
      waker_(std::make_shared<Waker>()),
      read_buffer_(kFirstReadChunk)
{
}

SmppConnection::~SmppConnection() = default;

void SmppConnection::requestStop() noexcept
{
    stop_requested_.store(true);
    waker_->wake();
}

void SmppConnection::requestAbort() noexcept
{
    abort_requested_.store(true);
    waker_->wake();
}

void SmppConnection::run()
{
    smpp::platform::nameCurrentThread("smpp-session"); // a pooled thread: named per connection
    std::string peer = "?";
    try {
        peer = socket().peerAddress().host().toString();
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::connection_lost_before_start,
            "error={}",
            logging::quoted(e.displayText()));
        return;
    }
    const auto number = registry_.tryAdd(this, env_.max_connections);
    if (number == 0) {
        logging::log(log_,
            logging::ev::connection_refused,
            "peer={} reason=max_connections_or_stopping",
            peer);
        return;
    }
    logging::log(log_,
        logging::ev::connection_accepted,
        "session={} peer={} tls={}",
        number,
        peer,
        tls_ ? 1 : 0);
    auto* observer = env_.services.observer;
    if (observer != nullptr) {
        observer->connectionOpened();
    }
    auto session = Session::create(env_.config, env_.services, peer, Session::Clock::now(), number);
    session->setWakeup([waker = waker_] { waker->wake(); });
    // Errors of the environment (socket, TLS) end this connection only (style.md §4c).
    try {
        serve(*session);
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::connection_error,
            "session={} peer={} account={} error={}",
            number,
            peer,
            session->systemId(),
            logging::quoted(e.displayText()));
    } catch (const std::exception& e) {
        logging::log(log_,
            logging::ev::connection_failure,
            "session={} peer={} account={} error={}",
            number,
            peer,
            session->systemId(),
            logging::quoted(e.what()));
    }
    session->onDisconnected();
    try {
        socket().shutdown();
    } catch (const Poco::Exception&) {
        // already closed by the peer: nothing left to release
    }
    registry_.remove(this);
    if (observer != nullptr) {
        observer->connectionClosed();
    }
    logging::log(log_, logging::ev::connection_closed, "session={} peer={}", number, peer);
}

namespace {

/// Poco::Timespan of a duration, in microseconds (its seconds argument is a long, 32-bit on
/// Windows).
Poco::Timespan timespanOf(std::chrono::steady_clock::duration d)
{
    return Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

} // namespace

void SmppConnection::serve(Session& session)
{
    auto& sock = socket();
    sock.setNoDelay(true);
    sock.setBlocking(true);
    sock.setSendTimeout(timespanOf(env_.config.response_timeout));
    // Reads only follow a readable select, so this bounds only a stalled TLS handshake or record.
    sock.setReceiveTimeout(timespanOf(env_.config.partial_pdu_timeout));
    poll_set_.add(sock, Poco::Net::PollSet::POLL_READ | Poco::Net::PollSet::POLL_ERROR);
    poll_set_.add(waker_->socket(), Poco::Net::PollSet::POLL_READ);
    for (;;) {
        auto now = Session::Clock::now();
        if (stop_requested_.load() && !stop_sent_) {
            stop_sent_ = true;
            session.stop(now);
        }
        if (!flush(session) || session.closeDue(now) || abort_requested_.load()) {
            return;
        }
        const bool readable = waitForInput(session);
        now = Session::Clock::now();
        if (readable) {
            const int n =
                sock.receiveBytes(read_buffer_.data(), static_cast<int>(read_buffer_.size()));
            if (n <= 0) {
                logging::log(log_,
                    logging::ev::peer_closed,
                    "session={} peer={} account={}",
                    session.number(),
                    session.peer(),
                    session.systemId());
                return;
            }
            session.onBytes(std::span(read_buffer_.data(), static_cast<std::size_t>(n)), now);
            if (static_cast<std::size_t>(n) == read_buffer_.size()) {
                read_buffer_.resize(kBusyReadChunk);
            }
        }
        session.onTick(now);
    }
}

bool SmppConnection::waitForInput(Session& session)
{
    if (tls_ && socket().available() > 0) {
        // decrypted bytes already buffered inside OpenSSL: select would not see them
        return true;
    }
    const auto now = Session::Clock::now();
    const auto wait = std::clamp(
        std::chrono::duration_cast<std::chrono::milliseconds>(session.nextDeadline() - now),
        std::chrono::milliseconds(0),
        kMaxPollWait);
    // PollSet keeps this portable (epoll on Linux, Poco's own on Windows). The +1 ms makes up for
    // the truncating duration_cast, so the wait does not end just before a deadline. poll()
    // retries EINTR itself and throws on a real error, which ends this connection only (caught
    // in run()). A pending socket error ends the wait as POLL_ERROR: the read then reports it.
    const auto ready = poll_set_.poll(
        Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(wait.count() + 1) * 1000));
    if (ready.find(waker_->socket()) != ready.end()) {
        waker_->reset();
    }
    return ready.find(socket()) != ready.end();
}

bool SmppConnection::flush(Session& session)
{
    if (!session.takeOutput(write_buffer_)) {
        return true;
    }
    std::size_t sent = 0;
    while (sent < write_buffer_.size()) {
        const int n = socket().sendBytes(
            write_buffer_.data() + sent, static_cast<int>(write_buffer_.size() - sent));
        if (n <= 0) {
            write_buffer_.clear();
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    write_buffer_.clear();
    return true;
}

} // namespace smppd
