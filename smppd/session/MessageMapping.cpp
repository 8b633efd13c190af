#include "smppd/session/MessageMapping.h"

#include "common/smpp/SmppTime.h"
#include "common/text/Udh.h"

#include <span>

namespace smppd {
namespace {

constexpr std::uint8_t kUdhi = 0x40;

std::optional<TimePoint> parseOptionalTime(const std::string& text, TimePoint now)
{
    if (text.empty()) {
        return std::nullopt;
    }
    return smpp::parseSmppTime(text, now);
}

std::optional<ConcatInfo> concatOf(
    std::uint8_t esm_class, const std::string& payload, const smpp::Tlvs& tlvs)
{
    if ((esm_class & kUdhi) != 0) {
        const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
        const auto udh = smpp::text::parseUdh(std::span(data, payload.size()));
        if (udh.concat) {
            return ConcatInfo{udh.concat->reference, udh.concat->total, udh.concat->seq};
        }
    }
    if (tlvs.sar_msg_ref_num && tlvs.sar_total_segments && tlvs.sar_segment_seqnum) {
        return ConcatInfo{
            *tlvs.sar_msg_ref_num, *tlvs.sar_total_segments, *tlvs.sar_segment_seqnum};
    }
    return std::nullopt;
}

template <typename Request>
void copyCommon(const Request& pdu, Message& m)
{
    m.service_type = pdu.service_type;
    m.source_addr_ton = pdu.source_addr_ton;
    m.source_addr_npi = pdu.source_addr_npi;
    m.source_addr = pdu.source_addr;
    m.esm_class = pdu.esm_class;
    m.data_coding = pdu.data_coding;
    m.registered_delivery = pdu.registered_delivery;
}

} // namespace

Message messageFromSubmitSm(const smpp::SubmitSm& pdu, const std::string& origin, TimePoint now)
{
    Message m;
    m.origin = origin;
    copyCommon(pdu, m);
    m.dest_addr_ton = pdu.dest_addr_ton;
    m.dest_addr_npi = pdu.dest_addr_npi;
    m.destination_addr = pdu.destination_addr;
    m.protocol_id = pdu.protocol_id;
    m.priority_flag = pdu.priority_flag;
    m.payload = pdu.tlvs.message_payload ? *pdu.tlvs.message_payload : pdu.short_message;
    m.concat = concatOf(pdu.esm_class, m.payload, pdu.tlvs);
    m.submit_time = now;
    m.schedule_time = parseOptionalTime(pdu.schedule_delivery_time, now);
    m.expiry_time = parseOptionalTime(pdu.validity_period, now);
    return m;
}

Message messageFromDataSm(const smpp::DataSm& pdu, const std::string& origin, TimePoint now)
{
    Message m;
    m.origin = origin;
    copyCommon(pdu, m);
    m.dest_addr_ton = pdu.dest_addr_ton;
    m.dest_addr_npi = pdu.dest_addr_npi;
    m.destination_addr = pdu.destination_addr;
    m.payload = pdu.tlvs.message_payload.value_or(std::string{});
    m.concat = concatOf(pdu.esm_class, m.payload, pdu.tlvs);
    m.submit_time = now;
    return m;
}

std::vector<Message> messagesFromSubmitMulti(
    const smpp::SubmitMulti& pdu, const std::string& origin, TimePoint now)
{
    Message base;
    base.origin = origin;
    copyCommon(pdu, base);
    base.protocol_id = pdu.protocol_id;
    base.priority_flag = pdu.priority_flag;
    base.payload = pdu.tlvs.message_payload ? *pdu.tlvs.message_payload : pdu.short_message;
    base.concat = concatOf(pdu.esm_class, base.payload, pdu.tlvs);
    base.submit_time = now;
    base.schedule_time = parseOptionalTime(pdu.schedule_delivery_time, now);
    base.expiry_time = parseOptionalTime(pdu.validity_period, now);
    std::vector<Message> out;
    for (const auto& dest : pdu.dest_addresses) {
        if (dest.dest_flag != smpp::DestAddress::kSme) {
            continue;
        }
        Message m = base;
        m.dest_addr_ton = dest.dest_addr_ton;
        m.dest_addr_npi = dest.dest_addr_npi;
        m.destination_addr = dest.destination_addr;
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace smppd
