#include "smppd/routing/DeliverSmBuilder.h"

#include "common/smpp/Receipt.h"
#include "common/smpp/SmppTime.h"
#include "common/text/Encoding.h"
#include "common/text/Segmenter.h"
#include "common/text/Udh.h"

#include <span>

namespace smppd::deliver {

namespace {

constexpr std::uint8_t kUdhi = 0x40;
constexpr std::uint8_t kReceiptEsmClass = 0x04;
constexpr std::uint8_t kNotificationEsmClass = 0x20; // SMPP 3.4 §5.2.12, checklist §6
constexpr std::uint8_t kVersion34 = 0x34;
constexpr std::uint8_t kNetworkTypeGsm = 3;
constexpr std::size_t kReceiptTextLength = 20;

std::span<const std::uint8_t> octets(const std::string& s)
{
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

smpp::DeliverSm header(const Message& m)
{
    smpp::DeliverSm pdu;
    pdu.service_type = m.service_type;
    pdu.source_addr_ton = m.source_addr_ton;
    pdu.source_addr_npi = m.source_addr_npi;
    pdu.source_addr = m.source_addr;
    pdu.dest_addr_ton = m.dest_addr_ton;
    pdu.dest_addr_npi = m.dest_addr_npi;
    pdu.destination_addr = m.destination_addr;
    pdu.esm_class = static_cast<std::uint8_t>(m.esm_class & kUdhi);
    pdu.protocol_id = m.protocol_id;
    pdu.priority_flag = m.priority_flag;
    pdu.data_coding = m.data_coding;
    return pdu;
}

bool needsSplit(const Message& m)
{
    if ((m.esm_class & kUdhi) != 0) {
        return false; // already a part with its own UDH
    }
    return isBridgeOrigin(m) || m.payload.size() > kMaxShortMessage;
}

std::vector<smpp::DeliverSm> split(const Message& m, std::uint16_t reference)
{
    const smpp::text::EncodedText text{{m.payload.begin(), m.payload.end()}, m.data_coding};
    std::vector<smpp::DeliverSm> parts;
    for (const auto& segment : smpp::text::splitEncoded(text, reference)) {
        auto pdu = header(m);
        pdu.short_message.assign(segment.short_message.begin(), segment.short_message.end());
        if (segment.udhi) {
            pdu.esm_class = static_cast<std::uint8_t>(pdu.esm_class | kUdhi);
        }
        parts.push_back(std::move(pdu));
    }
    return parts;
}

void moveSarToUdh(smpp::DeliverSm& pdu)
{
    auto& t = pdu.tlvs;
    if (!t.sar_msg_ref_num || !t.sar_total_segments || !t.sar_segment_seqnum
        || (pdu.esm_class & kUdhi) != 0) {
        return;
    }
    const smpp::text::ConcatInfo info{*t.sar_msg_ref_num,
        *t.sar_total_segments,
        *t.sar_segment_seqnum,
        *t.sar_msg_ref_num > 0xFF ? smpp::text::ConcatRef::Bits16 : smpp::text::ConcatRef::Bits8};
    const auto udh = smpp::text::buildConcatUdh(info);
    if (udh.size() + pdu.short_message.size() <= kMaxShortMessage) {
        pdu.short_message.insert(0, std::string(udh.begin(), udh.end()));
        pdu.esm_class = static_cast<std::uint8_t>(pdu.esm_class | kUdhi);
    }
}

} // namespace

bool isBridgeOrigin(const Message& message) noexcept
{
    return message.origin.empty() || message.origin == "bridge";
}

std::vector<smpp::DeliverSm> messageParts(const Message& message, std::uint16_t reference)
{
    if (needsSplit(message)) {
        return split(message, reference);
    }
    auto pdu = header(message);
    if (message.payload.size() <= kMaxShortMessage) {
        pdu.short_message = message.payload;
    } else {
        pdu.tlvs.message_payload = message.payload; // a UDH part over 254 octets
    }
    if (message.concat && (message.esm_class & kUdhi) == 0) {
        pdu.tlvs.sar_msg_ref_num = message.concat->ref;
        pdu.tlvs.sar_total_segments = message.concat->total;
        pdu.tlvs.sar_segment_seqnum = message.concat->seq;
    }
    return {std::move(pdu)};
}

bool fitsWire(const smpp::DeliverSm& pdu) noexcept
{
    constexpr std::size_t kMaxTlvValue = 65535;
    return pdu.short_message.size() <= kMaxShortMessage
        && (!pdu.tlvs.message_payload || pdu.tlvs.message_payload->size() <= kMaxTlvValue);
}

void adaptToVersion(smpp::DeliverSm& pdu, std::uint8_t interface_version)
{
    if (interface_version >= kVersion34) {
        return;
    }
    if (pdu.tlvs.message_payload) {
        // Never message_payload below 0x34 (checklist §3): the 254 octets that fit.
        pdu.short_message = pdu.tlvs.message_payload->substr(0, kMaxShortMessage);
    }
    moveSarToUdh(pdu);
    pdu.tlvs = smpp::Tlvs{};
}

std::string receiptText(const Message& message)
{
    const auto alphabet = smpp::text::alphabetOf(message.data_coding);
    if (alphabet == smpp::text::Alphabet::Ucs2 || alphabet == smpp::text::Alphabet::Binary) {
        return {};
    }
    auto body = octets(message.payload);
    if ((message.esm_class & kUdhi) != 0) {
        const auto udh = smpp::text::parseUdh(body);
        body = udh.valid ? body.subspan(udh.body_offset) : std::span<const std::uint8_t>{};
    }
    std::string text;
    for (const char c : smpp::text::decodeToUtf8(body, message.data_coding)) {
        if (text.size() == kReceiptTextLength) {
            break;
        }
        if (c >= 0x20 && c <= 0x7E) {
            text.push_back(c);
        }
    }
    return text;
}

smpp::DeliverSm receipt(
    const Message& message, MessageIdFormat id_format, std::uint8_t interface_version)
{
    smpp::DeliverSm pdu;
    pdu.source_addr_ton = message.dest_addr_ton; // checklist §6: swapped
    pdu.source_addr_npi = message.dest_addr_npi;
    pdu.source_addr = message.destination_addr;
    pdu.dest_addr_ton = message.source_addr_ton;
    pdu.dest_addr_npi = message.source_addr_npi;
    pdu.destination_addr = message.source_addr;
    pdu.esm_class = kReceiptEsmClass;
    pdu.data_coding = 0;
    const auto id = formatMessageId(message.id, id_format);
    const auto done = message.done_time.value_or(message.submit_time);
    smpp::DeliveryReceipt text;
    text.id = id;
    text.sub = 1;
    text.dlvrd = message.state == smpp::MessageState::Delivered ? 1 : 0;
    text.submit_date = smpp::formatReceiptDate(message.submit_time);
    text.done_date = smpp::formatReceiptDate(done);
    text.stat = message.state;
    text.err = std::to_string(message.error_code);
    text.text = receiptText(message);
    pdu.short_message = smpp::formatReceipt(text);
    if (interface_version >= kVersion34) {
        pdu.tlvs.receipted_message_id = id;
        pdu.tlvs.message_state = static_cast<std::uint8_t>(message.state);
        if (message.error_code != 0) {
            pdu.tlvs.network_error_code = smpp::NetworkErrorCode{
                kNetworkTypeGsm, static_cast<std::uint16_t>(message.error_code)};
        }
    }
    return pdu;
}

smpp::DeliverSm notification(
    const Message& message, MessageIdFormat id_format, std::uint8_t interface_version)
{
    auto pdu = receipt(message, id_format, interface_version);
    pdu.esm_class = kNotificationEsmClass;
    return pdu;
}

} // namespace smppd::deliver
