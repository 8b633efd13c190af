#include "smppd/bridge/BridgeDispatcher.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/bridge/BridgeProtocol.h"

#include <utility>

namespace smppd {

BridgeDispatcher::BridgeDispatcher(BridgeBackend& backend,
    BridgeAuth& auth,
    std::shared_ptr<ReplyQueue> replies,
    std::string peer,
    std::string peer_host)
    : backend_(backend),
      auth_(auth),
      replies_(std::move(replies)),
      peer_(std::move(peer)),
      peer_host_(std::move(peer_host))
{
}

bool BridgeDispatcher::admit(TimePoint now)
{
    if (!auth_.isLockedOut(peer_host_, now)) {
        return true;
    }
    logging::log(log_, logging::ev::bridge_locked_out, "peer={}", peer_);
    replies_->push(formatBridgeError(
        {"locked_out", "too many failed attempts from this address; try again later"}));
    closing_ = true;
    return false;
}

bool BridgeDispatcher::onBytes(std::string_view bytes, TimePoint now)
{
    if (closing_) {
        return false;
    }
    input_.append(bytes);
    std::size_t start = 0;
    for (auto end = input_.find('\n'); end != std::string::npos; end = input_.find('\n', start)) {
        handleLine(std::string_view(input_).substr(start, end - start), now);
        start = end + 1;
    }
    input_.erase(0, start);
    if (!closing_ && input_.size() > kMaxBridgeLine) {
        rejectLongLine();
    }
    if (closing_) {
        input_.clear();
    }
    return !closing_;
}

void BridgeDispatcher::handleLine(std::string_view line, TimePoint now)
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
        logging::log(log_,
            logging::ev::bridge_refused,
            "peer={} error={} message={}",
            peer_,
            error->code,
            logging::quoted(error->message));
        replies_->push(formatBridgeError(*error));
        return;
    }
    const std::string& token = std::holds_alternative<BridgeSend>(parsed)
        ? std::get<BridgeSend>(parsed).token
        : std::get<BridgePing>(parsed).token;
    if (!authorize(token, now)) {
        return;
    }
    if (const auto* send = std::get_if<BridgeSend>(&parsed)) {
        handleSend(*send);
    } else {
        replies_->push(formatBridgeOk());
    }
}

bool BridgeDispatcher::authorize(std::string_view token, TimePoint now)
{
    if (auth_.accepts(token)) {
        if (!authenticated_ && auth_.required()) {
            authenticated_ = true;
            auth_.recordSuccess(peer_host_);
        }
        return true;
    }
    // The token itself is never logged, right or wrong.
    logging::log(log_,
        logging::ev::bridge_auth_failed,
        "peer={} reason={}",
        peer_,
        token.empty() ? "missing_token" : "wrong_token");
    auth_.recordFailure(peer_host_, now);
    replies_->push(formatBridgeError({"unauthorized", "missing or wrong token; closing"}));
    closing_ = true;
    return false;
}

void BridgeDispatcher::handleSend(const BridgeSend& send)
{
    const std::uint64_t slot = replies_->reserve();
    std::weak_ptr<ReplyQueue> weak = replies_;
    backend_.submit(send, [weak, slot](const BridgeBackend::Result& result) {
        if (auto replies = weak.lock()) {
            replies->fill(
                slot, result.ok ? formatBridgeOk(result.id) : formatBridgeError(result.error));
        }
    });
}

void BridgeDispatcher::rejectLongLine()
{
    logging::log(log_, logging::ev::bridge_line_too_long, "peer={}", peer_);
    replies_->push(
        formatBridgeError({"line_too_long", "request lines are limited to 65536 bytes; closing"}));
    closing_ = true;
}

} // namespace smppd
