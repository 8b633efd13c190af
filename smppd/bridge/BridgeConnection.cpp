#include "smppd/bridge/BridgeConnection.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/ThreadName.h"
#include "smppd/bridge/BridgeProtocol.h"

#include <Poco/Net/NetException.h>

#include <chrono>

namespace smppd {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMaxPendingReplies = 20000; ///< stop reading beyond: back-pressure
constexpr auto kIdlePoll = 200ms; ///< how often an idle connection checks for stop
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr auto kDrainLimit = 10s; ///< at close, how long to wait for pending commits
constexpr auto kTlsRecordTimeout = 10s; ///< a TLS handshake or record must complete within

} // namespace

BridgeConnection::BridgeConnection(const Poco::Net::StreamSocket& socket, BridgeContext& context)
    : Poco::Net::TCPServerConnection(socket),
      context_(context)
{
}

void BridgeConnection::run()
{
    smpp::platform::nameCurrentThread("bridge-conn"); // a pooled thread: named per connection
    try {
        const Poco::Net::SocketAddress peer = socket().peerAddress();
        peer_ = peer.toString();
        dispatcher_ = std::make_unique<BridgeDispatcher>(
            context_.backend, context_.auth, replies_, peer_, peer.host().toString());
        if (context_.tls) {
            // Reads follow a readable poll, so this bounds a stalled handshake or TLS record
            // (the handshake runs at the first read or write, a refusal's included).
            socket().setReceiveTimeout(Poco::Timespan(kTlsRecordTimeout.count(), 0));
            socket().setSendTimeout(Poco::Timespan(kTlsRecordTimeout.count(), 0));
        }
        if (!admitted()) {
            return;
        }
        socket().setNoDelay(true);
        logging::log(log_, logging::ev::bridge_connected, "peer={}", peer_);
        read_buffer_.resize(kReadChunk); // zeroed once here, not at every read
        replies_->setOnReady([waker = waker_] { waker->wake(); });
        poll_set_.add(socket(), Poco::Net::PollSet::POLL_READ | Poco::Net::PollSet::POLL_ERROR);
        poll_set_.add(waker_->socket(), Poco::Net::PollSet::POLL_READ);
        while (!closing_ && !context_.stopping.load()) {
            if (replies_->size() >= kMaxPendingReplies) {
                replies_->waitForReady(kIdlePoll); // back-pressure: no reading until replies go
            } else {
                waitAndRead();
            }
            flushReplies();
        }
        drain();
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::bridge_disconnected,
            "peer={} error={}",
            peer_,
            logging::quoted(e.displayText()));
    }
}

bool BridgeConnection::admitted()
{
    if (!context_.filter.allows(socket().peerAddress().host())) {
        logging::log(log_,
            logging::ev::bridge_client_refused,
            "peer={} reason=not_in_allowed_clients",
            peer_);
        replies_->push(formatBridgeError(
            {"forbidden", "client address not allowed (TcpServer.AllowedClients)"}));
    } else if (dispatcher_->admit(std::chrono::steady_clock::now())) {
        return true;
    }
    flushReplies();
    return false;
}

void BridgeConnection::waitAndRead()
{
    if (context_.tls && socket().available() > 0) {
        // decrypted bytes already buffered inside OpenSSL: poll would not see them
        closing_ = !readAvailable();
        return;
    }
    const auto ready = poll_set_.poll(
        Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(kIdlePoll).count()));
    if (ready.find(waker_->socket()) != ready.end()) {
        waker_->reset(); // before flushReplies(): a reply filled after it wakes us again
    }
    if (ready.find(socket()) != ready.end()) {
        closing_ = !readAvailable();
    }
}

bool BridgeConnection::readAvailable()
{
    const int n = socket().receiveBytes(read_buffer_.data(), static_cast<int>(read_buffer_.size()));
    if (n <= 0) {
        return false; // peer closed (maybe only its sending side): answer what is pending
    }
    return dispatcher_->onBytes(std::string_view(read_buffer_.data(), static_cast<std::size_t>(n)),
        std::chrono::steady_clock::now());
}

void BridgeConnection::flushReplies()
{
    const std::string out = replies_->takeReady();
    std::size_t sent = 0;
    while (sent < out.size()) {
        const int n = socket().sendBytes(out.data() + sent, static_cast<int>(out.size() - sent));
        if (n <= 0) {
            throw Poco::Net::ConnectionResetException("bridge peer stopped reading");
        }
        sent += static_cast<std::size_t>(n);
    }
}

void BridgeConnection::drain()
{
    const auto deadline = std::chrono::steady_clock::now() + kDrainLimit;
    while (replies_->size() > 0 && std::chrono::steady_clock::now() < deadline) {
        replies_->waitForReady(kIdlePoll);
        flushReplies();
    }
}

} // namespace smppd
