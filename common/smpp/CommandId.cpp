#include "common/smpp/CommandId.h"

namespace smpp {

namespace {

std::string_view requestName(CommandId id) noexcept
{
    switch (id) {
    case CommandId::BindReceiver:
        return "bind_receiver";
    case CommandId::BindTransmitter:
        return "bind_transmitter";
    case CommandId::QuerySm:
        return "query_sm";
    case CommandId::SubmitSm:
        return "submit_sm";
    case CommandId::DeliverSm:
        return "deliver_sm";
    case CommandId::Unbind:
        return "unbind";
    case CommandId::ReplaceSm:
        return "replace_sm";
    case CommandId::CancelSm:
        return "cancel_sm";
    case CommandId::BindTransceiver:
        return "bind_transceiver";
    case CommandId::Outbind:
        return "outbind";
    case CommandId::EnquireLink:
        return "enquire_link";
    case CommandId::SubmitMulti:
        return "submit_multi";
    case CommandId::AlertNotification:
        return "alert_notification";
    case CommandId::DataSm:
        return "data_sm";
    default:
        return {};
    }
}

std::string_view responseName(CommandId id) noexcept
{
    switch (id) {
    case CommandId::GenericNack:
        return "generic_nack";
    case CommandId::BindReceiverResp:
        return "bind_receiver_resp";
    case CommandId::BindTransmitterResp:
        return "bind_transmitter_resp";
    case CommandId::QuerySmResp:
        return "query_sm_resp";
    case CommandId::SubmitSmResp:
        return "submit_sm_resp";
    case CommandId::DeliverSmResp:
        return "deliver_sm_resp";
    case CommandId::UnbindResp:
        return "unbind_resp";
    case CommandId::ReplaceSmResp:
        return "replace_sm_resp";
    case CommandId::CancelSmResp:
        return "cancel_sm_resp";
    case CommandId::BindTransceiverResp:
        return "bind_transceiver_resp";
    case CommandId::EnquireLinkResp:
        return "enquire_link_resp";
    case CommandId::SubmitMultiResp:
        return "submit_multi_resp";
    case CommandId::DataSmResp:
        return "data_sm_resp";
    default:
        return {};
    }
}

} // namespace

std::string_view name(CommandId id) noexcept
{
    const auto found = isResponse(id) ? responseName(id) : requestName(id);
    return found.empty() ? std::string_view{"unknown"} : found;
}

bool isKnown(std::uint32_t command_id) noexcept
{
    return name(static_cast<CommandId>(command_id)) != "unknown";
}

} // namespace smpp
