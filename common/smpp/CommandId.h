#pragma once

#include <cstdint>
#include <string_view>

namespace smpp {

/// SMPP 3.4 command_id values (checklist §1). Bit 31 marks a response.
/// v5 broadcast ids are deliberately absent: this codec treats them as unknown.
enum class CommandId : std::uint32_t {
    GenericNack = 0x80000000,
    BindReceiver = 0x00000001,
    BindReceiverResp = 0x80000001,
    BindTransmitter = 0x00000002,
    BindTransmitterResp = 0x80000002,
    QuerySm = 0x00000003,
    QuerySmResp = 0x80000003,
    SubmitSm = 0x00000004,
    SubmitSmResp = 0x80000004,
    DeliverSm = 0x00000005,
    DeliverSmResp = 0x80000005,
    Unbind = 0x00000006,
    UnbindResp = 0x80000006,
    ReplaceSm = 0x00000007,
    ReplaceSmResp = 0x80000007,
    CancelSm = 0x00000008,
    CancelSmResp = 0x80000008,
    BindTransceiver = 0x00000009,
    BindTransceiverResp = 0x80000009,
    Outbind = 0x0000000B,
    EnquireLink = 0x00000015,
    EnquireLinkResp = 0x80000015,
    SubmitMulti = 0x00000021,
    SubmitMultiResp = 0x80000021,
    AlertNotification = 0x00000102,
    DataSm = 0x00000103,
    DataSmResp = 0x80000103,
};

/// True if the raw id is one of the CommandId values above (checklist §1 check 3).
bool isKnown(std::uint32_t command_id) noexcept;

/// True if bit 31 is set (responses and generic_nack).
constexpr bool isResponse(std::uint32_t command_id) noexcept
{
    return (command_id & 0x80000000U) != 0;
}

/// True if bit 31 is set (responses and generic_nack).
constexpr bool isResponse(CommandId id) noexcept
{
    return isResponse(static_cast<std::uint32_t>(id));
}

/// The response id for a request id (sets bit 31); e.g. SubmitSm -> SubmitSmResp.
/// Meaningless for outbind/alert_notification, which have no response.
constexpr std::uint32_t responseIdFor(std::uint32_t request_id) noexcept
{
    return request_id | 0x80000000U;
}

/// The spec name, e.g. "submit_sm_resp"; "unknown" for a value not in CommandId.
std::string_view name(CommandId id) noexcept;

/// The wire value of an id.
constexpr std::uint32_t toWire(CommandId id) noexcept
{
    return static_cast<std::uint32_t>(id);
}

} // namespace smpp
