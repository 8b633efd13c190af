#pragma once

#include "common/smpp/Pdu.h"

#include <cstdint>

namespace smppd {

/// What a deliver_sm carries: a routed/MO message, a delivery receipt (esm_class 0x04), or an
/// intermediate notification (esm_class 0x20, registered_delivery bit 4).
enum class OutboundKind : std::uint8_t { Message, Receipt, Notification };

/// "message", "receipt" or "notification" (logs).
constexpr const char* kindName(OutboundKind kind) noexcept
{
    switch (kind) {
    case OutboundKind::Receipt:
        return "receipt";
    case OutboundKind::Notification:
        return "notification";
    default:
        return "message";
    }
}

/// One deliver_sm the Router asks a session to send. The pdu is complete for the session's
/// interface_version (no TLVs below 0x34, never message_payload below 0x34); the session only
/// assigns a fresh sequence_number and encodes it.
struct OutboundItem {
    std::uint64_t delivery_id = 0; ///< unique per attempt; echo it in Router::onDelivery*()
    OutboundKind kind = OutboundKind::Message;
    std::int64_t message_id = 0; ///< store id of the message (of the original, for a receipt)
    smpp::DeliverSm pdu;
};

} // namespace smppd
