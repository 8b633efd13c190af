#pragma once

#include "common/smpp/Receipt.h"
#include "common/smpp/SmppTime.h"
#include "config/Settings.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smppd {

/// Wall-clock time of the store (UTC based; persisted as milliseconds since the epoch).
using TimePoint = smpp::TimePoint;

/// Where a receipt stands (architecture §4.5: receipts none | pending | sent).
enum class ReceiptState : std::uint8_t {
    None = 0, ///< no receipt asked, or not yet due (message not final)
    Pending = 1, ///< due: the message is final and registered_delivery asked for one
    Sent = 2, ///< the origin ESME answered the receipt deliver_sm with ESME_ROK
    Failed = 3, ///< the origin ESME refused it for good (0x65/0x66...); not retried
};

/// Which back end delivers a message (architecture §1).
enum class TargetKind : std::uint8_t {
    Unrouted = 0, ///< not decided yet: Router::submit() chooses
    Hermes = 1, ///< VOCALCOM: pushed to Hermes over HTTPS (a Forwarder)
    Handset = 2, ///< OPPORTUNITY: the simulated handset, which marks it DELIVERED
    Account = 3, ///< deliver_sm to a bound RX/TRX session of `account`
};

/// A message's destination back end; `account` is the system_id for TargetKind::Account.
struct RouteTarget {
    TargetKind kind = TargetKind::Unrouted;
    std::string account;
    bool operator==(const RouteTarget&) const = default;
};

/// Concatenation of one part (UDH IE 0x00/0x08 or SAR TLVs), as submitted.
struct ConcatInfo {
    std::uint16_t ref = 0;
    std::uint8_t total = 1;
    std::uint8_t seq = 1;
    bool operator==(const ConcatInfo&) const = default;
};

/// One stored message: a submit_sm part (or a bridge "send") with its life cycle.
/// Field names follow SMPP where there is one. Times are UTC; optional times are absent when the
/// submit left them NULL (schedule) or the message is not final (done_at).
struct Message {
    std::int64_t id = 0; ///< allocated by the store (> 0, unique across restarts, monotonic)
    std::string origin; ///< system_id of the submitter; "" or "bridge" for Hermes-originated
    RouteTarget target;

    std::string service_type;
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr;
    std::uint8_t dest_addr_ton = 0;
    std::uint8_t dest_addr_npi = 0;
    std::string destination_addr;
    std::uint8_t esm_class = 0; ///< as submitted (UDHI bit 0x40 kept)
    std::uint8_t protocol_id = 0;
    std::uint8_t priority_flag = 0;
    std::uint8_t data_coding = 0;
    std::uint8_t registered_delivery = 0;
    std::string payload; ///< raw octets: short_message incl. UDH, or message_payload
    std::optional<ConcatInfo> concat;

    TimePoint submit_time{}; ///< Router::submit() sets it when left at the epoch
    std::optional<TimePoint> schedule_time; ///< deliver not before
    std::optional<TimePoint> expiry_time; ///< validity end; Router::submit() fills the default
    std::optional<TimePoint> done_time; ///< when it reached a final state

    smpp::MessageState state = smpp::MessageState::Enroute;
    int error_code = 0; ///< HTTP status (Hermes) or SMPP command_status that made it final
    ReceiptState receipt = ReceiptState::None;
    int attempts = 0; ///< delivery attempts so far
    std::optional<TimePoint> next_attempt_at; ///< retry not before (backoff)

    std::string campaign; ///< VOCALCOM: Hermes campaign number
    std::string bridge_ref; ///< VOCALCOM: the plugin's "ref"

    bool operator==(const Message&) const = default;

    /// True once the state is final (everything but Scheduled and Enroute).
    bool isFinal() const noexcept { return smpp::isFinal(state); }
};

/// registered_delivery bits 1-0 (checklist §6, §10: test `& 0x03`, never `== 1`):
/// true when a message that ended in `state` must produce a receipt.
/// 1 = on any final outcome; 2 = on failure only (not for Delivered); 0 and 3 = never.
bool wantsReceipt(std::uint8_t registered_delivery, smpp::MessageState state) noexcept;

/// Whether registered_delivery asks for an intermediate notification (bit 4, 0x10): a word
/// that the message could not be delivered at once and waits, still ENROUTE.
constexpr bool wantsNotification(std::uint8_t registered_delivery) noexcept
{
    return (registered_delivery & 0x10) != 0;
}

/// The wire message_id of `id` (architecture §4.2): decimal without leading zeros by default,
/// lower-case hex for MessageIdFormat::Hex. Identical in submit_sm_resp, receipts and TLVs.
std::string formatMessageId(std::int64_t id, MessageIdFormat format = MessageIdFormat::Decimal);

/// Parses a message_id written by formatMessageId(); nullopt if malformed or <= 0.
std::optional<std::int64_t> parseMessageId(
    std::string_view text, MessageIdFormat format = MessageIdFormat::Decimal);

} // namespace smppd
