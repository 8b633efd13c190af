#pragma once

#include <string>
#include <variant>

namespace smppd {

/// `{"op":"send",...}` (architecture §4.4), validated: campaign and to are address strings,
/// text is non-empty UTF-8.
struct BridgeSend {
    std::string campaign; ///< becomes source_addr of the deliver_sm
    std::string to; ///< phone number, normalised ("+" kept as international), destination_addr
    std::string text; ///< UTF-8
    std::string ref; ///< the plugin's reference, stored as bridge_ref ("" when absent)
    std::string account; ///< system_id to deliver to; "" = the owner of the campaign number
    std::string token; ///< "" when absent
    bool operator==(const BridgeSend&) const = default;
};

/// `{"op":"ping"}`.
struct BridgePing {
    std::string token;
    bool operator==(const BridgePing&) const = default;
};

/// A refused line: `{"ok":false,"error":code,"message":message}`.
struct BridgeError {
    std::string code; ///< bad_json, invalid_argument, unauthorized, forbidden, line_too_long,
                      ///< unavailable, internal
    std::string message;
    bool operator==(const BridgeError&) const = default;
};

using BridgeRequest = std::variant<BridgeSend, BridgePing>;

/// What one request line parses into.
using BridgeParsed = std::variant<BridgeSend, BridgePing, BridgeError>;

} // namespace smppd
