#include "smppd/bridge/BridgeConnection.h"

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
        peer_ = socket().peerAddress().toString();
        if (!admitted()) {
            return;
        }
        socket().setNoDelay(true);
        logging::debug(log_, "bridge_connected peer={}", peer_);
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
        logging::info(log_, "bridge_disconnected peer={} error={}", peer_, e.displayText());
    }
}

bool BridgeConnection::admitted()
{
    if (context_.filter.allows(socket().peerAddress().host())) {
        return true;
    }
    logging::warning(log_, "bridge_refused peer={} reason=not_in_allowed_clients", peer_);
    const std::string reply =
        formatBridgeError({"forbidden", "client address not allowed (TcpServer.AllowedClients)"})
        + "\n";
    socket().sendBytes(reply.data(), static_cast<int>(reply.size()));
    return false;
}

void BridgeConnection::waitAndRead()
{
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
    input_.append(read_buffer_.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (auto end = input_.find('\n'); end != std::string::npos; end = input_.find('\n', start)) {
        handleLine(std::string_view(input_).substr(start, end - start));
        start = end + 1;
    }
    input_.erase(0, start);
    if (input_.size() > kMaxBridgeLine) {
        rejectLongLine();
    }
    return !closing_;
}

void BridgeConnection::handleLine(std::string_view line)
{
    if (closing_) {
        return; // after a fatal line nothing more is read
    }
    if (line.size() > kMaxBridgeLine) {
        rejectLongLine();
        return;
    }
    BridgeParsed parsed = parseBridgeLine(line);
    if (const auto* error = std::get_if<BridgeError>(&parsed)) {
        logging::info(log_,
            "bridge_refused peer={} error={} message=\"{}\"",
            peer_,
            error->code,
            error->message);
        replies_->push(formatBridgeError(*error));
        return;
    }
    const std::string& token = std::holds_alternative<BridgeSend>(parsed)
        ? std::get<BridgeSend>(parsed).token
        : std::get<BridgePing>(parsed).token;
    if (!context_.token.empty() && !tokenMatches(context_.token, token)) {
        logging::warning(log_, "bridge_refused peer={} error=unauthorized", peer_);
        replies_->push(formatBridgeError({"unauthorized", "missing or wrong token"}));
        return;
    }
    if (const auto* send = std::get_if<BridgeSend>(&parsed)) {
        handleSend(*send);
    } else {
        replies_->push(formatBridgeOk());
    }
}

void BridgeConnection::handleSend(const BridgeSend& send)
{
    const std::uint64_t slot = replies_->reserve();
    std::weak_ptr<ReplyQueue> weak = replies_;
    context_.backend.submit(send, [weak, slot](const BridgeBackend::Result& result) {
        if (auto replies = weak.lock()) {
            replies->fill(
                slot, result.ok ? formatBridgeOk(result.id) : formatBridgeError(result.error));
        }
    });
}

void BridgeConnection::rejectLongLine()
{
    logging::warning(log_, "bridge_refused peer={} error=line_too_long", peer_);
    replies_->push(
        formatBridgeError({"line_too_long", "request lines are limited to 65536 bytes; closing"}));
    closing_ = true;
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
