#pragma once

#include "common/smpp/Pdu.h"
#include "config/Settings.h"
#include "smppd/store/Message.h"

#include <cstdint>
#include <vector>

namespace smppd::deliver {

/// short_message holds at most this many octets (SMPP 3.4 §4.4.1 sm_length 0..254).
inline constexpr std::size_t kMaxShortMessage = 254;

/// True when `message` came from the Hermes bridge rather than an SMPP account.
bool isBridgeOrigin(const Message& message) noexcept;

/// The deliver_sm of a routed or bridge message, before adaptToVersion(): source and
/// destination as stored, esm_class with only UDHI (0x40) kept (MO: bits 5-2 clear, checklist
/// §3), data_coding and payload as stored. Split with a concat UDH (common/text segmenting)
/// when a bridge text does not fit one SMS or a payload without UDH exceeds 254 octets;
/// `reference` is the concat reference of those parts. A stored SAR part keeps its SAR TLVs.
std::vector<smpp::DeliverSm> messageParts(const Message& message, std::uint16_t reference);

/// True when the codec can encode `pdu`: short_message <= 254 octets, message_payload <= 65535.
/// A part that does not fit is failed for good instead of blocking its account's queue.
bool fitsWire(const smpp::DeliverSm& pdu) noexcept;

/// Makes `pdu` legal for a session bound with `interface_version` (checklist §2, §3): below
/// 0x34 no TLV at all is sent, SAR TLVs become a concat UDH and message_payload moves into
/// short_message.
void adaptToVersion(smpp::DeliverSm& pdu, std::uint8_t interface_version);

/// The delivery receipt of a final `message` (checklist §6): esm_class 0x04, source and
/// destination swapped, data_coding 0, the Appendix B text, and for interface_version >= 0x34
/// the TLVs receipted_message_id and message_state (+ network_error_code when error_code != 0).
smpp::DeliverSm receipt(
    const Message& message, MessageIdFormat id_format, std::uint8_t interface_version);

/// The intermediate notification of a `message` still ENROUTE (its state, error_code and
/// done_time say why and when): the receipt's shape with esm_class 0x20.
smpp::DeliverSm notification(
    const Message& message, MessageIdFormat id_format, std::uint8_t interface_version);

/// The receipt text: field of `message`: up to 20 printable ASCII characters of its content,
/// empty for UCS-2 and binary content (checklist §6 recommendation).
std::string receiptText(const Message& message);

} // namespace smppd::deliver
