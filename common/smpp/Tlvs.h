#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smpp {

/// Optional parameter tags (checklist §5; SMPP 3.4 §5.3.2).
namespace tag {
inline constexpr std::uint16_t kDestAddrSubunit = 0x0005;
inline constexpr std::uint16_t kSourceAddrSubunit = 0x000D;
inline constexpr std::uint16_t kQosTimeToLive = 0x0017;
inline constexpr std::uint16_t kPayloadType = 0x0019;
inline constexpr std::uint16_t kAdditionalStatusInfoText = 0x001D;
inline constexpr std::uint16_t kReceiptedMessageId = 0x001E;
inline constexpr std::uint16_t kPrivacyIndicator = 0x0201;
inline constexpr std::uint16_t kSourceSubaddress = 0x0202;
inline constexpr std::uint16_t kDestSubaddress = 0x0203;
inline constexpr std::uint16_t kUserMessageReference = 0x0204;
inline constexpr std::uint16_t kUserResponseCode = 0x0205;
inline constexpr std::uint16_t kSourcePort = 0x020A;
inline constexpr std::uint16_t kDestinationPort = 0x020B;
inline constexpr std::uint16_t kSarMsgRefNum = 0x020C;
inline constexpr std::uint16_t kLanguageIndicator = 0x020D;
inline constexpr std::uint16_t kSarTotalSegments = 0x020E;
inline constexpr std::uint16_t kSarSegmentSeqnum = 0x020F;
inline constexpr std::uint16_t kScInterfaceVersion = 0x0210;
inline constexpr std::uint16_t kCallbackNumPresInd = 0x0302;
inline constexpr std::uint16_t kCallbackNumAtag = 0x0303;
inline constexpr std::uint16_t kCallbackNum = 0x0381;
inline constexpr std::uint16_t kDpfResult = 0x0420;
inline constexpr std::uint16_t kSetDpf = 0x0421;
inline constexpr std::uint16_t kMsAvailabilityStatus = 0x0422;
inline constexpr std::uint16_t kNetworkErrorCode = 0x0423;
inline constexpr std::uint16_t kMessagePayload = 0x0424;
inline constexpr std::uint16_t kDeliveryFailureReason = 0x0425;
inline constexpr std::uint16_t kMoreMessagesToSend = 0x0426;
inline constexpr std::uint16_t kMessageState = 0x0427;
inline constexpr std::uint16_t kCongestionState = 0x0428;
inline constexpr std::uint16_t kUssdServiceOp = 0x0501;
inline constexpr std::uint16_t kDisplayTime = 0x1201;
inline constexpr std::uint16_t kSmsSignal = 0x1203;
inline constexpr std::uint16_t kMsValidity = 0x1204;
inline constexpr std::uint16_t kAlertOnMessageDelivery = 0x130C;
inline constexpr std::uint16_t kItsReplyType = 0x1380;
inline constexpr std::uint16_t kItsSessionInfo = 0x1383;
} // namespace tag

/// A TLV whose tag this codec does not know (vendor range, or anything else): kept verbatim.
struct RawTlv {
    std::uint16_t tag = 0;
    std::string value{}; ///< raw octets
    bool operator==(const RawTlv&) const = default;
};

/// network_error_code (0x0423): network type (e.g. 3 = GSM) and a 2-octet error code.
struct NetworkErrorCode {
    std::uint8_t network_type = 0;
    std::uint16_t error_code = 0;
    bool operator==(const NetworkErrorCode&) const = default;
};

/// The optional parameters of one PDU. Known tags are typed members (unset = absent);
/// unknown tags are kept in `unknown`, in arrival order. Encoding writes the known members in
/// ascending tag order, then `unknown`. A known tag repeated on the wire: the last one wins.
/// C-string TLVs (receipted_message_id, additional_status_info_text) hold the text without
/// its NUL; octet TLVs hold raw octets in a std::string (may contain 0x00).
struct Tlvs {
    std::optional<std::uint8_t> dest_addr_subunit{};
    std::optional<std::uint8_t> source_addr_subunit{};
    std::optional<std::uint32_t> qos_time_to_live{};
    std::optional<std::uint8_t> payload_type{};
    std::optional<std::string> additional_status_info_text{}; ///< C-string, <= 256 with NUL
    std::optional<std::string> receipted_message_id{}; ///< C-string, <= 65 with NUL
    std::optional<std::uint8_t> privacy_indicator{};
    std::optional<std::string> source_subaddress{}; ///< 2..23 octets
    std::optional<std::string> dest_subaddress{}; ///< 2..23 octets
    std::optional<std::uint16_t> user_message_reference{};
    std::optional<std::uint8_t> user_response_code{};
    std::optional<std::uint16_t> source_port{};
    std::optional<std::uint16_t> destination_port{};
    std::optional<std::uint16_t> sar_msg_ref_num{};
    std::optional<std::uint8_t> language_indicator{};
    std::optional<std::uint8_t> sar_total_segments{};
    std::optional<std::uint8_t> sar_segment_seqnum{};
    std::optional<std::uint8_t> sc_interface_version{};
    std::optional<std::uint8_t> callback_num_pres_ind{};
    std::optional<std::string> callback_num_atag{}; ///< <= 65 octets
    std::optional<std::string> callback_num{}; ///< 4..19 octets
    std::optional<std::uint8_t> dpf_result{};
    std::optional<std::uint8_t> set_dpf{};
    std::optional<std::uint8_t> ms_availability_status{};
    std::optional<NetworkErrorCode> network_error_code{};
    std::optional<std::string> message_payload{}; ///< 0..65535 raw octets
    std::optional<std::uint8_t> delivery_failure_reason{};
    std::optional<std::uint8_t> more_messages_to_send{};
    std::optional<std::uint8_t> message_state{};
    std::optional<std::uint8_t> congestion_state{};
    std::optional<std::uint8_t> ussd_service_op{};
    std::optional<std::uint8_t> display_time{};
    std::optional<std::uint16_t> sms_signal{};
    std::optional<std::uint8_t> ms_validity{};
    bool alert_on_message_delivery = false; ///< zero-length TLV: present or not
    std::optional<std::uint8_t> its_reply_type{};
    std::optional<std::uint16_t> its_session_info{};
    std::vector<RawTlv> unknown{}; ///< unknown tags, in arrival order

    bool operator==(const Tlvs&) const = default;
};

} // namespace smpp
