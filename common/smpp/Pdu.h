#pragma once

#include "common/smpp/CommandId.h"
#include "common/smpp/CommandStatus.h"
#include "common/smpp/Tlvs.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace smpp {

// PDU bodies (SMPP 3.4 §4; checklist §2-§3). Plain aggregates with the spec's field names.
// C-string fields hold the text without its NUL. short_message holds raw octets (it may contain
// 0x00, GSM '@'): its sm_length is short_message.size() on the wire. Each body names its
// command_id in kId. Where two PDUs share a layout, one template serves both.

/// bind_transmitter / bind_receiver / bind_transceiver (SMPP 3.4 §4.1).
template <CommandId Id>
struct BindRequest {
    static constexpr CommandId kId = Id;
    std::string system_id{}; ///< max 16 with NUL, else 0x0F
    std::string password{}; ///< max 9 with NUL, else 0x0E
    std::string system_type{}; ///< max 13 with NUL, else 0x53
    std::uint8_t interface_version = 0x34;
    std::uint8_t addr_ton = 0;
    std::uint8_t addr_npi = 0;
    std::string address_range{}; ///< max 41 with NUL
    bool operator==(const BindRequest&) const = default;
};
using BindTransmitter = BindRequest<CommandId::BindTransmitter>;
using BindReceiver = BindRequest<CommandId::BindReceiver>;
using BindTransceiver = BindRequest<CommandId::BindTransceiver>;

/// bind_*_resp: system_id, then TLV sc_interface_version if set (checklist §2).
template <CommandId Id>
struct BindResponse {
    static constexpr CommandId kId = Id;
    std::string system_id{};
    std::optional<std::uint8_t> sc_interface_version{};
    bool operator==(const BindResponse&) const = default;
};
using BindTransmitterResp = BindResponse<CommandId::BindTransmitterResp>;
using BindReceiverResp = BindResponse<CommandId::BindReceiverResp>;
using BindTransceiverResp = BindResponse<CommandId::BindTransceiverResp>;

/// The header-only PDUs: unbind, unbind_resp, enquire_link, enquire_link_resp, generic_nack,
/// cancel_sm_resp, replace_sm_resp.
template <CommandId Id>
struct HeaderOnly {
    static constexpr CommandId kId = Id;
    bool operator==(const HeaderOnly&) const = default;
};
using GenericNack = HeaderOnly<CommandId::GenericNack>;
using Unbind = HeaderOnly<CommandId::Unbind>;
using UnbindResp = HeaderOnly<CommandId::UnbindResp>;
using EnquireLink = HeaderOnly<CommandId::EnquireLink>;
using EnquireLinkResp = HeaderOnly<CommandId::EnquireLinkResp>;
using CancelSmResp = HeaderOnly<CommandId::CancelSmResp>;
using ReplaceSmResp = HeaderOnly<CommandId::ReplaceSmResp>;

/// outbind (SMPP 3.4 §4.1.7).
struct Outbind {
    static constexpr CommandId kId = CommandId::Outbind;
    std::string system_id{};
    std::string password{};
    bool operator==(const Outbind&) const = default;
};

/// submit_sm / deliver_sm: the same layout (SMPP 3.4 §4.4.1, §4.6.1).
template <CommandId Id>
struct ShortMessage {
    static constexpr CommandId kId = Id;
    std::string service_type{}; ///< max 6 with NUL, else 0x15
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{}; ///< max 21 with NUL, else 0x0A
    std::uint8_t dest_addr_ton = 0;
    std::uint8_t dest_addr_npi = 0;
    std::string destination_addr{}; ///< max 21 with NUL, else 0x0B
    std::uint8_t esm_class = 0;
    std::uint8_t protocol_id = 0;
    std::uint8_t priority_flag = 0;
    std::string schedule_delivery_time{}; ///< "" or 16 characters, max 17 with NUL, else 0x61
    std::string validity_period{}; ///< "" or 16 characters, max 17 with NUL, else 0x62
    std::uint8_t registered_delivery = 0;
    std::uint8_t replace_if_present_flag = 0;
    std::uint8_t data_coding = 0;
    std::uint8_t sm_default_msg_id = 0;
    std::string short_message{}; ///< raw octets, 0..254; sm_length = size()
    Tlvs tlvs{};
    bool operator==(const ShortMessage&) const = default;
};
using SubmitSm = ShortMessage<CommandId::SubmitSm>;
using DeliverSm = ShortMessage<CommandId::DeliverSm>;

/// submit_sm_resp / deliver_sm_resp: message_id (max 65 with NUL).
/// An empty body (16-octet PDU) decodes as message_id "". Trailing octets are skipped.
template <CommandId Id>
struct MessageIdResponse {
    static constexpr CommandId kId = Id;
    std::string message_id{};
    bool operator==(const MessageIdResponse&) const = default;
};
using SubmitSmResp = MessageIdResponse<CommandId::SubmitSmResp>;
using DeliverSmResp = MessageIdResponse<CommandId::DeliverSmResp>;

/// data_sm (SMPP 3.4 §4.7.1): addresses up to 65 with NUL; content in tlvs.message_payload.
struct DataSm {
    static constexpr CommandId kId = CommandId::DataSm;
    std::string service_type{};
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{};
    std::uint8_t dest_addr_ton = 0;
    std::uint8_t dest_addr_npi = 0;
    std::string destination_addr{};
    std::uint8_t esm_class = 0;
    std::uint8_t registered_delivery = 0;
    std::uint8_t data_coding = 0;
    Tlvs tlvs{};
    bool operator==(const DataSm&) const = default;
};

/// data_sm_resp (SMPP 3.4 §4.7.2): message_id, then TLVs such as delivery_failure_reason,
/// network_error_code, additional_status_info_text, dpf_result.
struct DataSmResp {
    static constexpr CommandId kId = CommandId::DataSmResp;
    std::string message_id{};
    Tlvs tlvs{};
    bool operator==(const DataSmResp&) const = default;
};

/// One dest_address of submit_multi (SMPP 3.4 §4.5.1.1).
/// dest_flag 1 = SME (ton, npi, destination_addr); 2 = distribution list, whose name is held in
/// destination_addr (max 21 with NUL) and ton/npi are not on the wire (decode leaves them 0).
struct DestAddress {
    static constexpr std::uint8_t kSme = 1;
    static constexpr std::uint8_t kDistributionList = 2;
    std::uint8_t dest_flag = kSme;
    std::uint8_t dest_addr_ton = 0;
    std::uint8_t dest_addr_npi = 0;
    std::string destination_addr{};
    bool operator==(const DestAddress&) const = default;
};

/// submit_multi (SMPP 3.4 §4.5.1). number_of_dests = dest_addresses.size().
struct SubmitMulti {
    static constexpr CommandId kId = CommandId::SubmitMulti;
    std::string service_type{};
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{};
    std::vector<DestAddress> dest_addresses{};
    std::uint8_t esm_class = 0;
    std::uint8_t protocol_id = 0;
    std::uint8_t priority_flag = 0;
    std::string schedule_delivery_time{};
    std::string validity_period{};
    std::uint8_t registered_delivery = 0;
    std::uint8_t replace_if_present_flag = 0;
    std::uint8_t data_coding = 0;
    std::uint8_t sm_default_msg_id = 0;
    std::string short_message{};
    Tlvs tlvs{};
    bool operator==(const SubmitMulti&) const = default;
};

/// One unsuccess_sme entry of submit_multi_resp (SMPP 3.4 §4.5.2.1).
struct UnsuccessSme {
    std::uint8_t dest_addr_ton = 0;
    std::uint8_t dest_addr_npi = 0;
    std::string destination_addr{};
    std::uint32_t error_status_code = 0;
    bool operator==(const UnsuccessSme&) const = default;
};

/// submit_multi_resp (SMPP 3.4 §4.5.2). no_unsuccess = unsuccess_smes.size().
struct SubmitMultiResp {
    static constexpr CommandId kId = CommandId::SubmitMultiResp;
    std::string message_id{};
    std::vector<UnsuccessSme> unsuccess_smes{};
    bool operator==(const SubmitMultiResp&) const = default;
};

/// query_sm (SMPP 3.4 §4.8.1).
struct QuerySm {
    static constexpr CommandId kId = CommandId::QuerySm;
    std::string message_id{};
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{};
    bool operator==(const QuerySm&) const = default;
};

/// query_sm_resp (SMPP 3.4 §4.8.2). final_date is "" while the message is not final.
struct QuerySmResp {
    static constexpr CommandId kId = CommandId::QuerySmResp;
    std::string message_id{};
    std::string final_date{};
    std::uint8_t message_state = 0;
    std::uint8_t error_code = 0;
    bool operator==(const QuerySmResp&) const = default;
};

/// cancel_sm (SMPP 3.4 §4.9.1). An empty message_id cancels by service_type + addresses.
struct CancelSm {
    static constexpr CommandId kId = CommandId::CancelSm;
    std::string service_type{};
    std::string message_id{};
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{};
    std::uint8_t dest_addr_ton = 0;
    std::uint8_t dest_addr_npi = 0;
    std::string destination_addr{};
    bool operator==(const CancelSm&) const = default;
};

/// replace_sm (SMPP 3.4 §4.10.1). No service_type (Kannel's .def is wrong there).
struct ReplaceSm {
    static constexpr CommandId kId = CommandId::ReplaceSm;
    std::string message_id{};
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{};
    std::string schedule_delivery_time{};
    std::string validity_period{};
    std::uint8_t registered_delivery = 0;
    std::uint8_t sm_default_msg_id = 0;
    std::string short_message{};
    bool operator==(const ReplaceSm&) const = default;
};

/// alert_notification (SMPP 3.4 §4.12.1); ms_availability_status is in tlvs.
struct AlertNotification {
    static constexpr CommandId kId = CommandId::AlertNotification;
    std::uint8_t source_addr_ton = 0;
    std::uint8_t source_addr_npi = 0;
    std::string source_addr{};
    std::uint8_t esme_addr_ton = 0;
    std::uint8_t esme_addr_npi = 0;
    std::string esme_addr{};
    Tlvs tlvs{};
    bool operator==(const AlertNotification&) const = default;
};

/// Every PDU body this codec knows. GenericNack first, so a default Body is a generic_nack.
using Body = std::variant<GenericNack,
    BindReceiver,
    BindReceiverResp,
    BindTransmitter,
    BindTransmitterResp,
    BindTransceiver,
    BindTransceiverResp,
    Outbind,
    Unbind,
    UnbindResp,
    EnquireLink,
    EnquireLinkResp,
    SubmitSm,
    SubmitSmResp,
    DeliverSm,
    DeliverSmResp,
    DataSm,
    DataSmResp,
    SubmitMulti,
    SubmitMultiResp,
    QuerySm,
    QuerySmResp,
    CancelSm,
    CancelSmResp,
    ReplaceSm,
    ReplaceSmResp,
    AlertNotification>;

/// One whole PDU: header fields plus body; command_id and command_length come from the body.
/// Build with designated initializers:
///   smpp::Pdu{.sequence_number = 7, .body = smpp::EnquireLink{}}
struct Pdu {
    CommandStatus command_status = CommandStatus::Ok;
    std::uint32_t sequence_number = 0;
    Body body{};
    bool operator==(const Pdu&) const = default;
};

/// The command_id of a body / PDU.
CommandId commandId(const Body& body) noexcept;

/// The command_id of a PDU.
inline CommandId commandId(const Pdu& pdu) noexcept
{
    return commandId(pdu.body);
}

} // namespace smpp
