#include "common/smpp/Codec.h"

#include "common/smpp/TlvCodec.h"
#include "common/smpp/WireReader.h"
#include "common/smpp/WireWriter.h"

#include <stdexcept>
#include <string>
#include <type_traits>

namespace smpp {

namespace {

// Maximum sizes including the NUL (checklist §2-§3).
constexpr std::size_t kSystemIdMax = 16;
constexpr std::size_t kPasswordMax = 9;
constexpr std::size_t kSystemTypeMax = 13;
constexpr std::size_t kAddressRangeMax = 41;
constexpr std::size_t kServiceTypeMax = 6;
constexpr std::size_t kAddrMax = 21;
constexpr std::size_t kLongAddrMax = 65;
constexpr std::size_t kMessageIdMax = 65;
constexpr std::size_t kTimeMax = 17;
constexpr std::size_t kMaxSmLength = 254;

using S = CommandStatus;

// ---- decoding: one readBody overload per PDU layout (SMPP 3.4 §4) ----

template <CommandId Id>
void readBody(WireReader& r, BindRequest<Id>& b)
{
    b.system_id = r.cString(kSystemIdMax, S::InvalidSystemId, "system_id");
    b.password = r.cString(kPasswordMax, S::InvalidPassword, "password");
    b.system_type = r.cString(kSystemTypeMax, S::InvalidSystemType, "system_type");
    b.interface_version = r.u8();
    b.addr_ton = r.u8();
    b.addr_npi = r.u8();
    b.address_range = r.cString(kAddressRangeMax, S::BindFailed, "address_range");
}

template <CommandId Id>
void readBody(WireReader& r, BindResponse<Id>& b)
{
    b.system_id = r.cString(kSystemIdMax, S::InvalidSystemId, "system_id");
    Tlvs tlvs;
    readTlvs(r, tlvs);
    b.sc_interface_version = tlvs.sc_interface_version;
}

template <CommandId Id>
void readBody(WireReader&, HeaderOnly<Id>&)
{
    // Header-only: trailing octets are skipped (command_length is authoritative, §9 row 8).
}

void readBody(WireReader& r, Outbind& b)
{
    b.system_id = r.cString(kSystemIdMax, S::InvalidSystemId, "system_id");
    b.password = r.cString(kPasswordMax, S::InvalidPassword, "password");
}

/// sm_length then short_message: 255 or more than the body holds is 0x01 (§3, §9 rows 24, 26).
std::string readShortMessage(WireReader& r)
{
    const std::uint8_t sm_length = r.u8();
    if (sm_length > kMaxSmLength) {
        r.fail(S::InvalidMessageLength, "sm_length 255");
    }
    return r.octets(sm_length, S::InvalidMessageLength, "short_message");
}

/// message_payload replaces short_message: both present is 0x01 (POLICY, §9 row 27).
void checkPayload(WireReader& r, const std::string& short_message, const Tlvs& tlvs)
{
    if (tlvs.message_payload && !short_message.empty()) {
        r.fail(S::InvalidMessageLength, "message_payload with sm_length > 0");
    }
}

template <typename T>
void readSource(WireReader& r, T& b, std::size_t max)
{
    b.source_addr_ton = r.u8();
    b.source_addr_npi = r.u8();
    b.source_addr = r.cString(max, S::InvalidSourceAddress, "source_addr");
}

template <typename T>
void readDest(WireReader& r, T& b, std::size_t max)
{
    b.dest_addr_ton = r.u8();
    b.dest_addr_npi = r.u8();
    b.destination_addr = r.cString(max, S::InvalidDestAddress, "destination_addr");
}

/// The part submit_sm and submit_multi share after the destination(s).
template <typename T>
void readMessageTail(WireReader& r, T& b)
{
    b.esm_class = r.u8();
    b.protocol_id = r.u8();
    b.priority_flag = r.u8();
    b.schedule_delivery_time =
        r.cString(kTimeMax, S::InvalidScheduleTime, "schedule_delivery_time");
    b.validity_period = r.cString(kTimeMax, S::InvalidExpiry, "validity_period");
    b.registered_delivery = r.u8();
    b.replace_if_present_flag = r.u8();
    b.data_coding = r.u8();
    b.sm_default_msg_id = r.u8();
    b.short_message = readShortMessage(r);
    readTlvs(r, b.tlvs);
    checkPayload(r, b.short_message, b.tlvs);
}

template <CommandId Id>
void readBody(WireReader& r, ShortMessage<Id>& b)
{
    b.service_type = r.cString(kServiceTypeMax, S::InvalidServiceType, "service_type");
    readSource(r, b, kAddrMax);
    readDest(r, b, kAddrMax);
    readMessageTail(r, b);
}

template <CommandId Id>
void readBody(WireReader& r, MessageIdResponse<Id>& b)
{
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
}

void readBody(WireReader& r, DataSm& b)
{
    b.service_type = r.cString(kServiceTypeMax, S::InvalidServiceType, "service_type");
    readSource(r, b, kLongAddrMax);
    readDest(r, b, kLongAddrMax);
    b.esm_class = r.u8();
    b.registered_delivery = r.u8();
    b.data_coding = r.u8();
    readTlvs(r, b.tlvs);
}

void readBody(WireReader& r, DataSmResp& b)
{
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
    readTlvs(r, b.tlvs);
}

DestAddress readDestAddress(WireReader& r)
{
    DestAddress d;
    d.dest_flag = r.u8();
    if (d.dest_flag == DestAddress::kSme) {
        readDest(r, d, kAddrMax);
    } else if (d.dest_flag == DestAddress::kDistributionList) {
        d.destination_addr = r.cString(kAddrMax, S::InvalidDistributionListName, "dl_name");
    } else {
        r.fail(S::InvalidDestFlag, "dest_flag " + std::to_string(d.dest_flag));
    }
    return d;
}

void readBody(WireReader& r, SubmitMulti& b)
{
    b.service_type = r.cString(kServiceTypeMax, S::InvalidServiceType, "service_type");
    readSource(r, b, kAddrMax);
    const std::uint8_t number_of_dests = r.u8();
    b.dest_addresses.reserve(number_of_dests);
    for (unsigned i = 0; i < number_of_dests; ++i) {
        b.dest_addresses.push_back(readDestAddress(r));
    }
    readMessageTail(r, b);
}

void readBody(WireReader& r, SubmitMultiResp& b)
{
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
    const std::uint8_t no_unsuccess = r.u8();
    b.unsuccess_smes.reserve(no_unsuccess);
    for (unsigned i = 0; i < no_unsuccess; ++i) {
        UnsuccessSme sme;
        readDest(r, sme, kAddrMax);
        sme.error_status_code = r.u32();
        b.unsuccess_smes.push_back(std::move(sme));
    }
}

void readBody(WireReader& r, QuerySm& b)
{
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
    readSource(r, b, kAddrMax);
}

void readBody(WireReader& r, QuerySmResp& b)
{
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
    b.final_date = r.cString(kTimeMax, S::InvalidCommandLength, "final_date");
    b.message_state = r.u8();
    b.error_code = r.u8();
}

void readBody(WireReader& r, CancelSm& b)
{
    b.service_type = r.cString(kServiceTypeMax, S::InvalidServiceType, "service_type");
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
    readSource(r, b, kAddrMax);
    readDest(r, b, kAddrMax);
}

void readBody(WireReader& r, ReplaceSm& b)
{
    b.message_id = r.cString(kMessageIdMax, S::InvalidMessageId, "message_id");
    readSource(r, b, kAddrMax);
    b.schedule_delivery_time =
        r.cString(kTimeMax, S::InvalidScheduleTime, "schedule_delivery_time");
    b.validity_period = r.cString(kTimeMax, S::InvalidExpiry, "validity_period");
    b.registered_delivery = r.u8();
    b.sm_default_msg_id = r.u8();
    b.short_message = readShortMessage(r);
}

void readBody(WireReader& r, AlertNotification& b)
{
    readSource(r, b, kLongAddrMax);
    b.esme_addr_ton = r.u8();
    b.esme_addr_npi = r.u8();
    b.esme_addr = r.cString(kLongAddrMax, S::InvalidDestAddress, "esme_addr");
    readTlvs(r, b.tlvs);
}

template <typename T>
Body decodeBody(WireReader& r)
{
    T body{};
    if constexpr (isResponse(T::kId)) {
        if (r.atEnd()) {
            return body; // error responses may omit their body (3.4 §4.4.2)
        }
    }
    readBody(r, body);
    return body;
}

/// Finds the Body alternative whose kId matches, at compile time.
template <std::size_t I = 0>
Body decodeById(std::uint32_t command_id, WireReader& r)
{
    if constexpr (I < std::variant_size_v<Body>) {
        using T = std::variant_alternative_t<I, Body>;
        if (command_id == toWire(T::kId)) {
            return decodeBody<T>(r);
        }
        return decodeById<I + 1>(command_id, r);
    } else {
        r.fail(S::InvalidCommandId, "unknown command_id " + std::to_string(command_id));
    }
}

// ---- encoding: one writeBody overload per PDU layout ----

template <CommandId Id>
void writeBody(WireWriter& w, const BindRequest<Id>& b)
{
    w.cString(b.system_id);
    w.cString(b.password);
    w.cString(b.system_type);
    w.u8(b.interface_version);
    w.u8(b.addr_ton);
    w.u8(b.addr_npi);
    w.cString(b.address_range);
}

template <CommandId Id>
void writeBody(WireWriter& w, const BindResponse<Id>& b)
{
    w.cString(b.system_id);
    if (b.sc_interface_version) {
        w.u16(tag::kScInterfaceVersion);
        w.u16(1);
        w.u8(*b.sc_interface_version);
    }
}

template <CommandId Id>
void writeBody(WireWriter&, const HeaderOnly<Id>&)
{
}

void writeBody(WireWriter& w, const Outbind& b)
{
    w.cString(b.system_id);
    w.cString(b.password);
}

void writeShortMessage(WireWriter& w, const std::string& short_message)
{
    if (short_message.size() > kMaxSmLength) {
        throw std::invalid_argument("short_message longer than 254 octets");
    }
    w.u8(static_cast<std::uint8_t>(short_message.size()));
    w.octets(short_message);
}

template <typename T>
void writeSource(WireWriter& w, const T& b)
{
    w.u8(b.source_addr_ton);
    w.u8(b.source_addr_npi);
    w.cString(b.source_addr);
}

template <typename T>
void writeDest(WireWriter& w, const T& b)
{
    w.u8(b.dest_addr_ton);
    w.u8(b.dest_addr_npi);
    w.cString(b.destination_addr);
}

template <typename T>
void writeMessageTail(WireWriter& w, const T& b)
{
    w.u8(b.esm_class);
    w.u8(b.protocol_id);
    w.u8(b.priority_flag);
    w.cString(b.schedule_delivery_time);
    w.cString(b.validity_period);
    w.u8(b.registered_delivery);
    w.u8(b.replace_if_present_flag);
    w.u8(b.data_coding);
    w.u8(b.sm_default_msg_id);
    writeShortMessage(w, b.short_message);
    writeTlvs(w, b.tlvs);
}

template <CommandId Id>
void writeBody(WireWriter& w, const ShortMessage<Id>& b)
{
    w.cString(b.service_type);
    writeSource(w, b);
    writeDest(w, b);
    writeMessageTail(w, b);
}

template <CommandId Id>
void writeBody(WireWriter& w, const MessageIdResponse<Id>& b)
{
    w.cString(b.message_id);
}

void writeBody(WireWriter& w, const DataSm& b)
{
    w.cString(b.service_type);
    writeSource(w, b);
    writeDest(w, b);
    w.u8(b.esm_class);
    w.u8(b.registered_delivery);
    w.u8(b.data_coding);
    writeTlvs(w, b.tlvs);
}

void writeBody(WireWriter& w, const DataSmResp& b)
{
    w.cString(b.message_id);
    writeTlvs(w, b.tlvs);
}

void writeBody(WireWriter& w, const SubmitMulti& b)
{
    if (b.dest_addresses.size() > 255) {
        throw std::invalid_argument("submit_multi with more than 255 destinations");
    }
    w.cString(b.service_type);
    writeSource(w, b);
    w.u8(static_cast<std::uint8_t>(b.dest_addresses.size()));
    for (const DestAddress& d : b.dest_addresses) {
        w.u8(d.dest_flag);
        if (d.dest_flag == DestAddress::kSme) {
            writeDest(w, d);
        } else if (d.dest_flag == DestAddress::kDistributionList) {
            w.cString(d.destination_addr);
        } else {
            throw std::invalid_argument("dest_flag must be 1 or 2");
        }
    }
    writeMessageTail(w, b);
}

void writeBody(WireWriter& w, const SubmitMultiResp& b)
{
    if (b.unsuccess_smes.size() > 255) {
        throw std::invalid_argument("submit_multi_resp with more than 255 unsuccess_smes");
    }
    w.cString(b.message_id);
    w.u8(static_cast<std::uint8_t>(b.unsuccess_smes.size()));
    for (const UnsuccessSme& sme : b.unsuccess_smes) {
        writeDest(w, sme);
        w.u32(sme.error_status_code);
    }
}

void writeBody(WireWriter& w, const QuerySm& b)
{
    w.cString(b.message_id);
    writeSource(w, b);
}

void writeBody(WireWriter& w, const QuerySmResp& b)
{
    w.cString(b.message_id);
    w.cString(b.final_date);
    w.u8(b.message_state);
    w.u8(b.error_code);
}

void writeBody(WireWriter& w, const CancelSm& b)
{
    w.cString(b.service_type);
    w.cString(b.message_id);
    writeSource(w, b);
    writeDest(w, b);
}

void writeBody(WireWriter& w, const ReplaceSm& b)
{
    w.cString(b.message_id);
    writeSource(w, b);
    w.cString(b.schedule_delivery_time);
    w.cString(b.validity_period);
    w.u8(b.registered_delivery);
    w.u8(b.sm_default_msg_id);
    writeShortMessage(w, b.short_message);
}

void writeBody(WireWriter& w, const AlertNotification& b)
{
    writeSource(w, b);
    w.u8(b.esme_addr_ton);
    w.u8(b.esme_addr_npi);
    w.cString(b.esme_addr);
    writeTlvs(w, b.tlvs);
}

} // namespace

Header peekHeader(std::span<const std::uint8_t> frame)
{
    if (frame.size() < Header::kSize) {
        throw DecodeError(S::InvalidCommandLength, 0, 0, "frame shorter than the 16-octet header");
    }
    return Header{bigEndianU32(frame, 0),
        bigEndianU32(frame, 4),
        bigEndianU32(frame, 8),
        bigEndianU32(frame, 12)};
}

Pdu decode(std::span<const std::uint8_t> frame)
{
    const Header header = peekHeader(frame);
    WireReader reader(frame.subspan(Header::kSize), header.command_id, header.sequence_number);
    if (header.command_length != frame.size()) {
        reader.fail(S::InvalidCommandLength, "command_length does not match the frame size");
    }
    Body body = decodeById(header.command_id, reader);
    return Pdu{
        static_cast<CommandStatus>(header.command_status), header.sequence_number, std::move(body)};
}

void encodeTo(const Pdu& pdu, std::vector<std::uint8_t>& out)
{
    const std::size_t start = out.size();
    WireWriter writer(out);
    writer.u32(0); // command_length, patched below
    writer.u32(toWire(commandId(pdu)));
    writer.u32(toWire(pdu.command_status));
    writer.u32(pdu.sequence_number);
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (isResponse(T::kId)) {
                if (pdu.command_status != S::Ok && body == T{}) {
                    return; // error response without a body (3.4 §4.4.2)
                }
            }
            writeBody(writer, body);
        },
        pdu.body);
    writer.patchU32(start, static_cast<std::uint32_t>(out.size() - start));
}

std::vector<std::uint8_t> encode(const Pdu& pdu)
{
    std::vector<std::uint8_t> out;
    out.reserve(64);
    encodeTo(pdu, out);
    return out;
}

} // namespace smpp
