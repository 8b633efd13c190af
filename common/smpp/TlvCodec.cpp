#include "common/smpp/TlvCodec.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <variant>

namespace smpp {

namespace {

using U8 = std::optional<std::uint8_t> Tlvs::*;
using U16 = std::optional<std::uint16_t> Tlvs::*;
using U32 = std::optional<std::uint32_t> Tlvs::*;
using Octets = std::optional<std::string> Tlvs::*;
using Network = std::optional<NetworkErrorCode> Tlvs::*;
using Flag = bool Tlvs::*;
using Member = std::variant<U8, U16, U32, Octets, Network, Flag>;

/// One known TLV: where it lives in Tlvs and its allowed value length (checklist §5).
/// For C-strings, max_length counts the NUL.
struct TlvField {
    std::uint16_t tag;
    Member member;
    std::uint16_t min_length;
    std::uint16_t max_length;
    bool c_string;
};

// Sorted by tag: encoding walks it in order, decoding binary-searches it.
const std::array<TlvField, 37> kFields{{
    {tag::kDestAddrSubunit, &Tlvs::dest_addr_subunit, 1, 1, false},
    {tag::kSourceAddrSubunit, &Tlvs::source_addr_subunit, 1, 1, false},
    {tag::kQosTimeToLive, &Tlvs::qos_time_to_live, 4, 4, false},
    {tag::kPayloadType, &Tlvs::payload_type, 1, 1, false},
    {tag::kAdditionalStatusInfoText, &Tlvs::additional_status_info_text, 0, 256, true},
    {tag::kReceiptedMessageId, &Tlvs::receipted_message_id, 0, 65, true},
    {tag::kPrivacyIndicator, &Tlvs::privacy_indicator, 1, 1, false},
    {tag::kSourceSubaddress, &Tlvs::source_subaddress, 2, 23, false},
    {tag::kDestSubaddress, &Tlvs::dest_subaddress, 2, 23, false},
    {tag::kUserMessageReference, &Tlvs::user_message_reference, 2, 2, false},
    {tag::kUserResponseCode, &Tlvs::user_response_code, 1, 1, false},
    {tag::kSourcePort, &Tlvs::source_port, 2, 2, false},
    {tag::kDestinationPort, &Tlvs::destination_port, 2, 2, false},
    {tag::kSarMsgRefNum, &Tlvs::sar_msg_ref_num, 2, 2, false},
    {tag::kLanguageIndicator, &Tlvs::language_indicator, 1, 1, false},
    {tag::kSarTotalSegments, &Tlvs::sar_total_segments, 1, 1, false},
    {tag::kSarSegmentSeqnum, &Tlvs::sar_segment_seqnum, 1, 1, false},
    {tag::kScInterfaceVersion, &Tlvs::sc_interface_version, 1, 1, false},
    {tag::kCallbackNumPresInd, &Tlvs::callback_num_pres_ind, 1, 1, false},
    {tag::kCallbackNumAtag, &Tlvs::callback_num_atag, 0, 65, false},
    {tag::kCallbackNum, &Tlvs::callback_num, 4, 19, false},
    {tag::kDpfResult, &Tlvs::dpf_result, 1, 1, false},
    {tag::kSetDpf, &Tlvs::set_dpf, 1, 1, false},
    {tag::kMsAvailabilityStatus, &Tlvs::ms_availability_status, 1, 1, false},
    {tag::kNetworkErrorCode, &Tlvs::network_error_code, 3, 3, false},
    {tag::kMessagePayload, &Tlvs::message_payload, 0, 65535, false},
    {tag::kDeliveryFailureReason, &Tlvs::delivery_failure_reason, 1, 1, false},
    {tag::kMoreMessagesToSend, &Tlvs::more_messages_to_send, 1, 1, false},
    {tag::kMessageState, &Tlvs::message_state, 1, 1, false},
    {tag::kCongestionState, &Tlvs::congestion_state, 1, 1, false},
    {tag::kUssdServiceOp, &Tlvs::ussd_service_op, 1, 1, false},
    {tag::kDisplayTime, &Tlvs::display_time, 1, 1, false},
    {tag::kSmsSignal, &Tlvs::sms_signal, 2, 2, false},
    {tag::kMsValidity, &Tlvs::ms_validity, 1, 1, false},
    {tag::kAlertOnMessageDelivery, &Tlvs::alert_on_message_delivery, 0, 0, false},
    {tag::kItsReplyType, &Tlvs::its_reply_type, 1, 1, false},
    {tag::kItsSessionInfo, &Tlvs::its_session_info, 2, 2, false},
}};

std::string hexTag(std::uint16_t tag)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = "TLV 0x0000";
    for (int i = 0; i < 4; ++i) {
        out[out.size() - 1 - static_cast<std::size_t>(i)] = kDigits[(tag >> (4 * i)) & 0xF];
    }
    return out;
}

const TlvField* findField(std::uint16_t tag) noexcept
{
    const auto it = std::lower_bound(
        kFields.begin(), kFields.end(), tag, [](const TlvField& field, std::uint16_t wanted) {
            return field.tag < wanted;
        });
    return (it != kFields.end() && it->tag == tag) ? &*it : nullptr;
}

std::uint32_t bigEndian(const std::string& value) noexcept
{
    std::uint32_t result = 0;
    for (const char c : value) {
        result = (result << 8) | static_cast<std::uint8_t>(c);
    }
    return result;
}

/// Stores one known TLV's value (length already checked) into its member.
void store(Tlvs& tlvs, const TlvField& field, std::string value)
{
    std::visit(
        [&](auto member) {
            using M = decltype(member);
            if constexpr (std::is_same_v<M, U8>) {
                tlvs.*member = static_cast<std::uint8_t>(bigEndian(value));
            } else if constexpr (std::is_same_v<M, U16>) {
                tlvs.*member = static_cast<std::uint16_t>(bigEndian(value));
            } else if constexpr (std::is_same_v<M, U32>) {
                tlvs.*member = bigEndian(value);
            } else if constexpr (std::is_same_v<M, Network>) {
                tlvs.*member = NetworkErrorCode{static_cast<std::uint8_t>(value[0]),
                    static_cast<std::uint16_t>(bigEndian(value.substr(1)))};
            } else if constexpr (std::is_same_v<M, Flag>) {
                tlvs.*member = true;
            } else {
                if (field.c_string) {
                    value.resize(std::min(value.size(), value.find('\0')));
                }
                tlvs.*member = std::move(value);
            }
        },
        field.member);
}

/// Length rules of checklist §5; a C-string must leave room for its NUL when re-encoded.
bool lengthFits(const TlvField& field, const std::string& value) noexcept
{
    if (value.size() < field.min_length || value.size() > field.max_length) {
        return false;
    }
    const bool has_nul = value.find('\0') != std::string::npos;
    return !field.c_string || has_nul || value.size() < field.max_length;
}

void checkSar(WireReader& reader, const Tlvs& tlvs)
{
    const int present = int{tlvs.sar_msg_ref_num.has_value()}
        + int{tlvs.sar_total_segments.has_value()} + int{tlvs.sar_segment_seqnum.has_value()};
    if (present == 0) {
        return;
    }
    if (present != 3) {
        reader.fail(CommandStatus::MissingTlv, "SAR TLVs must appear together");
    }
    const unsigned total = *tlvs.sar_total_segments;
    const unsigned seqnum = *tlvs.sar_segment_seqnum;
    if (seqnum < 1 || seqnum > total) {
        reader.fail(CommandStatus::InvalidTlvValue, "SAR needs 1 <= seqnum <= total");
    }
}

template <typename T>
void writeInteger(WireWriter& writer, std::uint16_t tag, T value)
{
    writer.u16(tag);
    writer.u16(static_cast<std::uint16_t>(sizeof(T)));
    if constexpr (sizeof(T) == 1) {
        writer.u8(value);
    } else if constexpr (sizeof(T) == 2) {
        writer.u16(value);
    } else {
        writer.u32(value);
    }
}

void writeOctets(WireWriter& writer, const TlvField& field, const std::string& value)
{
    const std::size_t length = value.size() + (field.c_string ? 1 : 0);
    if (length < field.min_length || length > field.max_length) {
        throw std::invalid_argument(hexTag(field.tag) + ": length out of range");
    }
    writer.u16(field.tag);
    writer.u16(static_cast<std::uint16_t>(length));
    if (field.c_string) {
        writer.cString(value);
    } else {
        writer.octets(value);
    }
}

void writeValue(WireWriter& writer, const TlvField& field, bool present)
{
    if (present) {
        writer.u16(field.tag);
        writer.u16(0);
    }
}

void writeValue(
    WireWriter& writer, const TlvField& field, const std::optional<NetworkErrorCode>& value)
{
    if (value) {
        writer.u16(field.tag);
        writer.u16(3);
        writer.u8(value->network_type);
        writer.u16(value->error_code);
    }
}

void writeValue(WireWriter& writer, const TlvField& field, const std::optional<std::string>& value)
{
    if (value) {
        writeOctets(writer, field, *value);
    }
}

template <typename T>
void writeValue(WireWriter& writer, const TlvField& field, const std::optional<T>& value)
{
    if (value) {
        writeInteger(writer, field.tag, *value);
    }
}

void writeField(WireWriter& writer, const Tlvs& tlvs, const TlvField& field)
{
    std::visit([&](auto member) { writeValue(writer, field, tlvs.*member); }, field.member);
}

} // namespace

void readTlvs(WireReader& reader, Tlvs& tlvs)
{
    while (!reader.atEnd()) {
        if (reader.remaining() < 4) {
            reader.fail(CommandStatus::InvalidTlvStream, "stray octets after the last TLV");
        }
        const std::uint16_t tag = reader.u16();
        const std::uint16_t length = reader.u16();
        std::string value = reader.octets(length, CommandStatus::InvalidTlvStream, "TLV");
        const TlvField* field = findField(tag);
        if (field == nullptr) {
            tlvs.unknown.push_back(RawTlv{tag, std::move(value)});
            continue;
        }
        if (!lengthFits(*field, value)) {
            reader.fail(CommandStatus::InvalidTlvLength,
                hexTag(tag) + ": wrong length " + std::to_string(length));
        }
        store(tlvs, *field, std::move(value));
    }
    checkSar(reader, tlvs);
}

void writeTlvs(WireWriter& writer, const Tlvs& tlvs)
{
    for (const TlvField& field : kFields) {
        writeField(writer, tlvs, field);
    }
    for (const RawTlv& raw : tlvs.unknown) {
        if (raw.value.size() > 0xFFFF) {
            throw std::invalid_argument("unknown TLV longer than 65535 octets");
        }
        writer.u16(raw.tag);
        writer.u16(static_cast<std::uint16_t>(raw.value.size()));
        writer.octets(raw.value);
    }
}

} // namespace smpp
