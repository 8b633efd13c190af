#pragma once

#include "common/smpp/CommandStatus.h"
#include "common/smpp/Pdu.h"
#include "common/smpp/Tlvs.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace smpp {

// The one table of every PDU's fields, in the spirit of Kannel's gw/smsc/smpp_pdu.def:
// Layout<Body>::fields lists each body's mandatory fields in wire order, kTlvFields every known
// TLV. The codec (Codec.cpp, TlvCodec.cpp) reads and writes from these tables and the PDU trace
// (PduTrace.cpp) prints from them, so adding a field is one edit here plus its member in Pdu.h or
// Tlvs.h. Internal to the codec and the trace; the rest of the server uses the PDU structs.

/// What a value means, so the trace can show it: a number, a bit-field octet (shown in hex),
/// text, a message (shown with its length, truncated) or a secret (masked).
enum class Display : std::uint8_t { Number, BitField, Text, Message, Secret };

/// The field descriptors a Layout is made of. Each names its member in body type B.
namespace field {

/// An Integer(1) (SMPP 3.4 §3.1).
template <typename B>
struct Octet {
    const char* name;
    std::uint8_t B::*member;
    Display display = Display::Number;
};

/// A C-Octet String of at most max octets including its NUL; no NUL within max is too_long.
template <typename B>
struct CString {
    const char* name;
    std::string B::*member;
    std::size_t max;
    CommandStatus too_long;
    Display display = Display::Text;
};

/// sm_length, then short_message: 0..254 raw octets (SMPP 3.4 §5.2.21-22).
template <typename B>
struct Message {
    static constexpr const char* length_name = "sm_length";
    static constexpr const char* name = "short_message";
    std::string B::*member;
};

/// A count octet, then that many entries (submit_multi dest_address, submit_multi_resp
/// unsuccess_sme). Entries have their own wire form, which the codec and the trace each know.
template <typename B, typename Entry>
struct List {
    const char* count_name;
    const char* name;
    std::vector<Entry> B::*member;
};

/// The TLVs up to the end of the body (kTlvFields).
template <typename B>
struct TlvSet {
    Tlvs B::*member;
};

/// bind_*_resp's sc_interface_version: the one TLV that body holds as a plain member.
template <typename B>
struct ScInterfaceVersion {
    static constexpr const char* name = "sc_interface_version";
    std::optional<std::uint8_t> B::*member;
};

} // namespace field

// Maximum sizes including the NUL (checklist §2-§3).
inline constexpr std::size_t kSystemIdMax = 16;
inline constexpr std::size_t kPasswordMax = 9;
inline constexpr std::size_t kSystemTypeMax = 13;
inline constexpr std::size_t kAddressRangeMax = 41;
inline constexpr std::size_t kServiceTypeMax = 6;
inline constexpr std::size_t kAddrMax = 21;
inline constexpr std::size_t kLongAddrMax = 65;
inline constexpr std::size_t kMessageIdMax = 65;
inline constexpr std::size_t kTimeMax = 17;

/// Layout<B>::fields: a tuple of the mandatory fields of body B, in wire order (SMPP 3.4 §4).
template <typename B>
struct Layout;

/// Calls f(descriptor) for each mandatory field of body B, in wire order.
template <typename B, typename F>
constexpr void forEachField(F&& f)
{
    std::apply([&](const auto&... descriptor) { (f(descriptor), ...); }, Layout<B>::fields);
}

// Field groups several layouts share.
namespace group {

template <typename B>
constexpr auto serviceType()
{
    return std::tuple{field::CString<B>{
        "service_type", &B::service_type, kServiceTypeMax, CommandStatus::InvalidServiceType}};
}

template <typename B>
constexpr auto messageId()
{
    return std::tuple{field::CString<B>{
        "message_id", &B::message_id, kMessageIdMax, CommandStatus::InvalidMessageId}};
}

template <typename B>
constexpr auto source(std::size_t max)
{
    return std::tuple{field::Octet<B>{"source_addr_ton", &B::source_addr_ton},
        field::Octet<B>{"source_addr_npi", &B::source_addr_npi},
        field::CString<B>{
            "source_addr", &B::source_addr, max, CommandStatus::InvalidSourceAddress}};
}

template <typename B>
constexpr auto dest(std::size_t max)
{
    return std::tuple{field::Octet<B>{"dest_addr_ton", &B::dest_addr_ton},
        field::Octet<B>{"dest_addr_npi", &B::dest_addr_npi},
        field::CString<B>{
            "destination_addr", &B::destination_addr, max, CommandStatus::InvalidDestAddress}};
}

template <typename B>
constexpr auto schedule()
{
    return std::tuple{field::CString<B>{"schedule_delivery_time",
                          &B::schedule_delivery_time,
                          kTimeMax,
                          CommandStatus::InvalidScheduleTime},
        field::CString<B>{
            "validity_period", &B::validity_period, kTimeMax, CommandStatus::InvalidExpiry}};
}

/// submit_sm, deliver_sm and submit_multi from esm_class to the end (SMPP 3.4 §4.4.1, §4.5.1).
template <typename B>
constexpr auto messageTail()
{
    return std::tuple_cat(std::tuple{field::Octet<B>{"esm_class", &B::esm_class, Display::BitField},
                              field::Octet<B>{"protocol_id", &B::protocol_id},
                              field::Octet<B>{"priority_flag", &B::priority_flag}},
        schedule<B>(),
        std::tuple{
            field::Octet<B>{"registered_delivery", &B::registered_delivery, Display::BitField},
            field::Octet<B>{"replace_if_present_flag", &B::replace_if_present_flag},
            field::Octet<B>{"data_coding", &B::data_coding, Display::BitField},
            field::Octet<B>{"sm_default_msg_id", &B::sm_default_msg_id},
            field::Message<B>{&B::short_message},
            field::TlvSet<B>{&B::tlvs}});
}

} // namespace group

/// SMPP 3.4 §4.1.1, §4.1.3, §4.1.5.
template <CommandId Id>
struct Layout<BindRequest<Id>> {
    using B = BindRequest<Id>;
    static constexpr auto fields = std::tuple{
        field::CString<B>{"system_id", &B::system_id, kSystemIdMax, CommandStatus::InvalidSystemId},
        field::CString<B>{"password",
            &B::password,
            kPasswordMax,
            CommandStatus::InvalidPassword,
            Display::Secret},
        field::CString<B>{
            "system_type", &B::system_type, kSystemTypeMax, CommandStatus::InvalidSystemType},
        field::Octet<B>{"interface_version", &B::interface_version, Display::BitField},
        field::Octet<B>{"addr_ton", &B::addr_ton},
        field::Octet<B>{"addr_npi", &B::addr_npi},
        field::CString<B>{
            "address_range", &B::address_range, kAddressRangeMax, CommandStatus::BindFailed}};
};

/// SMPP 3.4 §4.1.2, §4.1.4, §4.1.6.
template <CommandId Id>
struct Layout<BindResponse<Id>> {
    using B = BindResponse<Id>;
    static constexpr auto fields = std::tuple{
        field::CString<B>{"system_id", &B::system_id, kSystemIdMax, CommandStatus::InvalidSystemId},
        field::ScInterfaceVersion<B>{&B::sc_interface_version}};
};

/// No body: trailing octets are skipped (command_length is authoritative, checklist §9 row 8).
template <CommandId Id>
struct Layout<HeaderOnly<Id>> {
    static constexpr std::tuple<> fields{};
};

/// SMPP 3.4 §4.1.7.
template <>
struct Layout<Outbind> {
    using B = Outbind;
    static constexpr auto fields = std::tuple{
        field::CString<B>{"system_id", &B::system_id, kSystemIdMax, CommandStatus::InvalidSystemId},
        field::CString<B>{"password",
            &B::password,
            kPasswordMax,
            CommandStatus::InvalidPassword,
            Display::Secret}};
};

/// SMPP 3.4 §4.4.1, §4.6.1.
template <CommandId Id>
struct Layout<ShortMessage<Id>> {
    using B = ShortMessage<Id>;
    static constexpr auto fields = std::tuple_cat(group::serviceType<B>(),
        group::source<B>(kAddrMax),
        group::dest<B>(kAddrMax),
        group::messageTail<B>());
};

/// SMPP 3.4 §4.4.2, §4.6.2.
template <CommandId Id>
struct Layout<MessageIdResponse<Id>> {
    static constexpr auto fields = group::messageId<MessageIdResponse<Id>>();
};

/// SMPP 3.4 §4.7.1.
template <>
struct Layout<DataSm> {
    using B = DataSm;
    static constexpr auto fields = std::tuple_cat(group::serviceType<B>(),
        group::source<B>(kLongAddrMax),
        group::dest<B>(kLongAddrMax),
        std::tuple{field::Octet<B>{"esm_class", &B::esm_class, Display::BitField},
            field::Octet<B>{"registered_delivery", &B::registered_delivery, Display::BitField},
            field::Octet<B>{"data_coding", &B::data_coding, Display::BitField},
            field::TlvSet<B>{&B::tlvs}});
};

/// SMPP 3.4 §4.7.2.
template <>
struct Layout<DataSmResp> {
    using B = DataSmResp;
    static constexpr auto fields =
        std::tuple_cat(group::messageId<B>(), std::tuple{field::TlvSet<B>{&B::tlvs}});
};

/// SMPP 3.4 §4.5.1.
template <>
struct Layout<SubmitMulti> {
    using B = SubmitMulti;
    static constexpr auto fields = std::tuple_cat(group::serviceType<B>(),
        group::source<B>(kAddrMax),
        std::tuple{
            field::List<B, DestAddress>{"number_of_dests", "dest_addresses", &B::dest_addresses}},
        group::messageTail<B>());
};

/// SMPP 3.4 §4.5.2.
template <>
struct Layout<SubmitMultiResp> {
    using B = SubmitMultiResp;
    static constexpr auto fields = std::tuple_cat(group::messageId<B>(),
        std::tuple{
            field::List<B, UnsuccessSme>{"no_unsuccess", "unsuccess_smes", &B::unsuccess_smes}});
};

/// SMPP 3.4 §4.8.1.
template <>
struct Layout<QuerySm> {
    static constexpr auto fields =
        std::tuple_cat(group::messageId<QuerySm>(), group::source<QuerySm>(kAddrMax));
};

/// SMPP 3.4 §4.8.2. final_date has no status of its own: too long is InvalidCommandLength.
template <>
struct Layout<QuerySmResp> {
    using B = QuerySmResp;
    static constexpr auto fields = std::tuple_cat(group::messageId<B>(),
        std::tuple{field::CString<B>{
                       "final_date", &B::final_date, kTimeMax, CommandStatus::InvalidCommandLength},
            field::Octet<B>{"message_state", &B::message_state},
            field::Octet<B>{"error_code", &B::error_code}});
};

/// SMPP 3.4 §4.9.1.
template <>
struct Layout<CancelSm> {
    using B = CancelSm;
    static constexpr auto fields = std::tuple_cat(group::serviceType<B>(),
        group::messageId<B>(),
        group::source<B>(kAddrMax),
        group::dest<B>(kAddrMax));
};

/// SMPP 3.4 §4.10.1 (no service_type).
template <>
struct Layout<ReplaceSm> {
    using B = ReplaceSm;
    static constexpr auto fields = std::tuple_cat(group::messageId<B>(),
        group::source<B>(kAddrMax),
        group::schedule<B>(),
        std::tuple{
            field::Octet<B>{"registered_delivery", &B::registered_delivery, Display::BitField},
            field::Octet<B>{"sm_default_msg_id", &B::sm_default_msg_id},
            field::Message<B>{&B::short_message}});
};

/// SMPP 3.4 §4.12.1. esme_addr has no status of its own: too long is InvalidDestAddress.
template <>
struct Layout<AlertNotification> {
    using B = AlertNotification;
    static constexpr auto fields = std::tuple_cat(group::source<B>(kLongAddrMax),
        std::tuple{field::Octet<B>{"esme_addr_ton", &B::esme_addr_ton},
            field::Octet<B>{"esme_addr_npi", &B::esme_addr_npi},
            field::CString<B>{
                "esme_addr", &B::esme_addr, kLongAddrMax, CommandStatus::InvalidDestAddress},
            field::TlvSet<B>{&B::tlvs}});
};

// ---- TLVs ----------------------------------------------------------------------------------

/// Where a known TLV lives in Tlvs; the alternative gives its value type.
using TlvMember = std::variant<std::optional<std::uint8_t> Tlvs::*,
    std::optional<std::uint16_t> Tlvs::*,
    std::optional<std::uint32_t> Tlvs::*,
    std::optional<std::string> Tlvs::*,
    std::optional<NetworkErrorCode> Tlvs::*,
    bool Tlvs::*>;

/// One known TLV: tag, spec name, member, allowed value length (checklist §5; for C-strings,
/// max_length counts the NUL), and how the trace shows it.
struct TlvField {
    std::uint16_t tag;
    const char* name;
    TlvMember member;
    std::uint16_t min_length;
    std::uint16_t max_length;
    bool c_string;
    Display display = Display::Number;
};

// Sorted by tag: encoding walks it in order (and so does the trace), decoding binary-searches it.
inline constexpr std::array<TlvField, 37> kTlvFields{{
    {tag::kDestAddrSubunit, "dest_addr_subunit", &Tlvs::dest_addr_subunit, 1, 1, false},
    {tag::kSourceAddrSubunit, "source_addr_subunit", &Tlvs::source_addr_subunit, 1, 1, false},
    {tag::kQosTimeToLive, "qos_time_to_live", &Tlvs::qos_time_to_live, 4, 4, false},
    {tag::kPayloadType, "payload_type", &Tlvs::payload_type, 1, 1, false},
    {tag::kAdditionalStatusInfoText,
        "additional_status_info_text",
        &Tlvs::additional_status_info_text,
        0,
        256,
        true,
        Display::Text},
    {tag::kReceiptedMessageId,
        "receipted_message_id",
        &Tlvs::receipted_message_id,
        0,
        65,
        true,
        Display::Text},
    {tag::kPrivacyIndicator, "privacy_indicator", &Tlvs::privacy_indicator, 1, 1, false},
    {tag::kSourceSubaddress,
        "source_subaddress",
        &Tlvs::source_subaddress,
        2,
        23,
        false,
        Display::Text},
    {tag::kDestSubaddress, "dest_subaddress", &Tlvs::dest_subaddress, 2, 23, false, Display::Text},
    {tag::kUserMessageReference,
        "user_message_reference",
        &Tlvs::user_message_reference,
        2,
        2,
        false},
    {tag::kUserResponseCode, "user_response_code", &Tlvs::user_response_code, 1, 1, false},
    {tag::kSourcePort, "source_port", &Tlvs::source_port, 2, 2, false},
    {tag::kDestinationPort, "destination_port", &Tlvs::destination_port, 2, 2, false},
    {tag::kSarMsgRefNum, "sar_msg_ref_num", &Tlvs::sar_msg_ref_num, 2, 2, false},
    {tag::kLanguageIndicator, "language_indicator", &Tlvs::language_indicator, 1, 1, false},
    {tag::kSarTotalSegments, "sar_total_segments", &Tlvs::sar_total_segments, 1, 1, false},
    {tag::kSarSegmentSeqnum, "sar_segment_seqnum", &Tlvs::sar_segment_seqnum, 1, 1, false},
    {tag::kScInterfaceVersion,
        "sc_interface_version",
        &Tlvs::sc_interface_version,
        1,
        1,
        false,
        Display::BitField},
    {tag::kCallbackNumPresInd, "callback_num_pres_ind", &Tlvs::callback_num_pres_ind, 1, 1, false},
    {tag::kCallbackNumAtag,
        "callback_num_atag",
        &Tlvs::callback_num_atag,
        0,
        65,
        false,
        Display::Text},
    {tag::kCallbackNum, "callback_num", &Tlvs::callback_num, 4, 19, false, Display::Text},
    {tag::kDpfResult, "dpf_result", &Tlvs::dpf_result, 1, 1, false},
    {tag::kSetDpf, "set_dpf", &Tlvs::set_dpf, 1, 1, false},
    {tag::kMsAvailabilityStatus,
        "ms_availability_status",
        &Tlvs::ms_availability_status,
        1,
        1,
        false},
    {tag::kNetworkErrorCode, "network_error_code", &Tlvs::network_error_code, 3, 3, false},
    {tag::kMessagePayload,
        "message_payload",
        &Tlvs::message_payload,
        0,
        65535,
        false,
        Display::Message},
    {tag::kDeliveryFailureReason,
        "delivery_failure_reason",
        &Tlvs::delivery_failure_reason,
        1,
        1,
        false},
    {tag::kMoreMessagesToSend, "more_messages_to_send", &Tlvs::more_messages_to_send, 1, 1, false},
    {tag::kMessageState, "message_state", &Tlvs::message_state, 1, 1, false},
    {tag::kCongestionState, "congestion_state", &Tlvs::congestion_state, 1, 1, false},
    {tag::kUssdServiceOp, "ussd_service_op", &Tlvs::ussd_service_op, 1, 1, false},
    {tag::kDisplayTime, "display_time", &Tlvs::display_time, 1, 1, false},
    {tag::kSmsSignal, "sms_signal", &Tlvs::sms_signal, 2, 2, false},
    {tag::kMsValidity, "ms_validity", &Tlvs::ms_validity, 1, 1, false},
    {tag::kAlertOnMessageDelivery,
        "alert_on_message_delivery",
        &Tlvs::alert_on_message_delivery,
        0,
        0,
        false},
    {tag::kItsReplyType, "its_reply_type", &Tlvs::its_reply_type, 1, 1, false},
    {tag::kItsSessionInfo, "its_session_info", &Tlvs::its_session_info, 2, 2, false},
}};

static_assert(std::is_sorted(kTlvFields.begin(),
                  kTlvFields.end(),
                  [](const TlvField& a, const TlvField& b) { return a.tag < b.tag; }),
    "kTlvFields must be sorted by tag");

} // namespace smpp
