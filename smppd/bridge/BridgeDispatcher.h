#pragma once

#include "smppd/bridge/BridgeAuth.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/BridgeRequest.h"
#include "smppd/bridge/ReplyQueue.h"

#include <Poco/Logger.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace smppd {

/// The socket-free half of one bridge connection (architecture §4.4): splits the received bytes
/// into request lines, parses them, checks the token, submits sends to the back end without
/// waiting (pipelining) and queues one reply per request, in request order, on `replies`.
/// A refused line gets an ok:false reply and the connection stays up, except:
/// - a line over kMaxBridgeLine (line_too_long);
/// - a missing or wrong token when TcpServer.Token is set (unauthorized): logged as
///   `event=bridge_auth_failed`, counted against the peer address;
/// after which closing() is true and nothing more is read. Fuzzed (tests/fuzz/FuzzBridge.cpp).
class BridgeDispatcher {
public:
    using TimePoint = BridgeAuth::TimePoint;

    /// `peer`: address:port for the log; `peer_host`: the address alone, the lockout's key.
    BridgeDispatcher(BridgeBackend& backend,
        BridgeAuth& auth,
        std::shared_ptr<ReplyQueue> replies,
        std::string peer,
        std::string peer_host);

    /// Call once, before any bytes: false (with one error line queued, `event=bridge_locked_out`
    /// logged) when the peer address is locked out; the connection then closes.
    bool admit(TimePoint now);

    /// Handles every complete line in `bytes` (appended to what came before). Returns false
    /// once the connection must close, after its queued replies are sent.
    bool onBytes(std::string_view bytes, TimePoint now);

    /// True after a fatal line: the caller sends what is queued and closes.
    bool closing() const noexcept { return closing_; }

private:
    void handleLine(std::string_view line, TimePoint now);
    bool authorize(std::string_view token, TimePoint now);
    void handleSend(const BridgeSend& send);
    void rejectLongLine();

    BridgeBackend& backend_;
    BridgeAuth& auth_;
    std::shared_ptr<ReplyQueue> replies_;
    std::string peer_;
    std::string peer_host_;
    std::string input_;
    bool closing_ = false;
    bool authenticated_ = false;
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
