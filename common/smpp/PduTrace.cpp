#include "common/smpp/PduTrace.h"

#include "common/smpp/Codec.h"
#include "common/smpp/WireReader.h"
#include "common/text/Escape.h"

#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace smpp {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void appendHexOctet(std::string& out, unsigned char c)
{
    out += kHexDigits[c >> 4];
    out += kHexDigits[c & 0x0F];
}

/// Builds one `key=value` line.
class TraceLine {
public:
    void raw(std::string_view key, std::string_view value)
    {
        separate();
        line_ += key;
        line_ += '=';
        line_ += value;
    }

    void text(std::string_view key, std::string_view value, std::size_t max = std::string::npos)
    {
        raw(key, {});
        const std::string_view shown = value.substr(0, max);
        text::appendLogValue(line_, shown, text::EscapeStyle::AsciiLog);
        if (shown.size() < value.size()) {
            line_ += "...";
        }
    }

    void number(std::string_view key, std::uint64_t value) { raw(key, std::to_string(value)); }

    void hex8(std::string_view key, std::uint8_t value)
    {
        raw(key, "0x");
        appendHexOctet(line_, value);
    }

    void hex32(std::string_view key, std::uint32_t value)
    {
        raw(key, "0x");
        for (int shift = 24; shift >= 0; shift -= 8) {
            appendHexOctet(line_, static_cast<unsigned char>((value >> shift) & 0xFF));
        }
    }

    void octets(std::string_view key, std::string_view value, std::size_t max)
    {
        raw(key, {});
        const std::string_view shown = value.substr(0, max);
        for (const char c : shown) {
            appendHexOctet(line_, static_cast<unsigned char>(c));
        }
        if (shown.size() < value.size()) {
            line_ += "...";
        }
    }

    std::string& str() noexcept { return line_; }

    void separate()
    {
        if (!line_.empty()) {
            line_ += ' ';
        }
    }

private:
    std::string line_;
};

// --- TLVs ----------------------------------------------------------------------------------

template <typename T>
void optionalNumber(TraceLine& line, std::string_view key, const std::optional<T>& value)
{
    if (value) {
        line.number(key, *value);
    }
}

void optionalText(TraceLine& line,
    std::string_view key,
    const std::optional<std::string>& value,
    std::size_t max = std::string::npos)
{
    if (value) {
        line.text(key, *value, max);
    }
}

void addressTlvs(TraceLine& line, const Tlvs& t)
{
    optionalNumber(line, "dest_addr_subunit", t.dest_addr_subunit);
    optionalNumber(line, "source_addr_subunit", t.source_addr_subunit);
    optionalNumber(line, "qos_time_to_live", t.qos_time_to_live);
    optionalNumber(line, "payload_type", t.payload_type);
    optionalText(line, "additional_status_info_text", t.additional_status_info_text);
    optionalText(line, "receipted_message_id", t.receipted_message_id);
    optionalNumber(line, "privacy_indicator", t.privacy_indicator);
    optionalText(line, "source_subaddress", t.source_subaddress);
    optionalText(line, "dest_subaddress", t.dest_subaddress);
    optionalNumber(line, "user_message_reference", t.user_message_reference);
    optionalNumber(line, "user_response_code", t.user_response_code);
    optionalNumber(line, "source_port", t.source_port);
    optionalNumber(line, "destination_port", t.destination_port);
}

void sarAndCallbackTlvs(TraceLine& line, const Tlvs& t)
{
    optionalNumber(line, "sar_msg_ref_num", t.sar_msg_ref_num);
    optionalNumber(line, "language_indicator", t.language_indicator);
    optionalNumber(line, "sar_total_segments", t.sar_total_segments);
    optionalNumber(line, "sar_segment_seqnum", t.sar_segment_seqnum);
    if (t.sc_interface_version) {
        line.hex8("sc_interface_version", *t.sc_interface_version);
    }
    optionalNumber(line, "callback_num_pres_ind", t.callback_num_pres_ind);
    optionalText(line, "callback_num_atag", t.callback_num_atag);
    optionalText(line, "callback_num", t.callback_num);
    optionalNumber(line, "dpf_result", t.dpf_result);
    optionalNumber(line, "set_dpf", t.set_dpf);
    optionalNumber(line, "ms_availability_status", t.ms_availability_status);
    if (t.network_error_code) {
        line.raw("network_error_code",
            std::to_string(t.network_error_code->network_type) + ":"
                + std::to_string(t.network_error_code->error_code));
    }
}

void deliveryTlvs(TraceLine& line, const Tlvs& t)
{
    if (t.message_payload) {
        line.number("message_payload_length", t.message_payload->size());
        line.text("message_payload", *t.message_payload, kMaxTraceText);
    }
    optionalNumber(line, "delivery_failure_reason", t.delivery_failure_reason);
    optionalNumber(line, "more_messages_to_send", t.more_messages_to_send);
    optionalNumber(line, "message_state", t.message_state);
    optionalNumber(line, "congestion_state", t.congestion_state);
    optionalNumber(line, "ussd_service_op", t.ussd_service_op);
    optionalNumber(line, "display_time", t.display_time);
    optionalNumber(line, "sms_signal", t.sms_signal);
    optionalNumber(line, "ms_validity", t.ms_validity);
    if (t.alert_on_message_delivery) {
        line.number("alert_on_message_delivery", 1);
    }
    optionalNumber(line, "its_reply_type", t.its_reply_type);
    optionalNumber(line, "its_session_info", t.its_session_info);
}

void appendTlvs(TraceLine& line, const Tlvs& tlvs)
{
    addressTlvs(line, tlvs);
    sarAndCallbackTlvs(line, tlvs);
    deliveryTlvs(line, tlvs);
    for (const RawTlv& unknown : tlvs.unknown) {
        std::string key = "tlv_0x";
        appendHexOctet(key, static_cast<unsigned char>(unknown.tag >> 8));
        appendHexOctet(key, static_cast<unsigned char>(unknown.tag & 0xFF));
        line.octets(key, unknown.value, 64);
    }
}

// --- bodies --------------------------------------------------------------------------------

void sourceAddress(TraceLine& line, std::uint8_t ton, std::uint8_t npi, const std::string& addr)
{
    line.number("source_addr_ton", ton);
    line.number("source_addr_npi", npi);
    line.text("source_addr", addr);
}

void destAddress(TraceLine& line, std::uint8_t ton, std::uint8_t npi, const std::string& addr)
{
    line.number("dest_addr_ton", ton);
    line.number("dest_addr_npi", npi);
    line.text("destination_addr", addr);
}

void shortMessage(TraceLine& line, const std::string& message)
{
    line.number("sm_length", message.size());
    line.text("short_message", message, kMaxTraceText);
}

/// The fields from esm_class to short_message shared by submit_sm, deliver_sm, submit_multi.
template <typename Body>
void messageFields(TraceLine& line, const Body& b)
{
    line.hex8("esm_class", b.esm_class);
    line.number("protocol_id", b.protocol_id);
    line.number("priority_flag", b.priority_flag);
    line.text("schedule_delivery_time", b.schedule_delivery_time);
    line.text("validity_period", b.validity_period);
    line.hex8("registered_delivery", b.registered_delivery);
    line.number("replace_if_present_flag", b.replace_if_present_flag);
    line.hex8("data_coding", b.data_coding);
    line.number("sm_default_msg_id", b.sm_default_msg_id);
    shortMessage(line, b.short_message);
    appendTlvs(line, b.tlvs);
}

std::string destList(const std::vector<DestAddress>& dests)
{
    std::string list;
    for (const DestAddress& d : dests) {
        list += list.empty() ? "" : ",";
        if (d.dest_flag == DestAddress::kDistributionList) {
            list += "dl:" + d.destination_addr;
        } else {
            list += std::to_string(d.dest_addr_ton) + "/" + std::to_string(d.dest_addr_npi) + "/"
                + d.destination_addr;
        }
    }
    return list;
}

std::string unsuccessList(const std::vector<UnsuccessSme>& smes)
{
    std::string list;
    for (const UnsuccessSme& s : smes) {
        list += list.empty() ? "" : ",";
        list += std::to_string(s.dest_addr_ton) + "/" + std::to_string(s.dest_addr_npi) + "/"
            + s.destination_addr + ":"
            + std::string(name(static_cast<CommandStatus>(s.error_status_code)));
    }
    return list;
}

/// Appends the body fields of each PDU type (one overload per layout).
struct BodyTracer {
    TraceLine& line;

    template <CommandId Id>
    void operator()(const BindRequest<Id>& b) const
    {
        line.text("system_id", b.system_id);
        line.raw("password", "****");
        line.text("system_type", b.system_type);
        line.hex8("interface_version", b.interface_version);
        line.number("addr_ton", b.addr_ton);
        line.number("addr_npi", b.addr_npi);
        line.text("address_range", b.address_range);
    }

    template <CommandId Id>
    void operator()(const BindResponse<Id>& b) const
    {
        line.text("system_id", b.system_id);
        if (b.sc_interface_version) {
            line.hex8("sc_interface_version", *b.sc_interface_version);
        }
    }

    template <CommandId Id>
    void operator()(const HeaderOnly<Id>& /*b*/) const
    {
    }

    void operator()(const Outbind& b) const
    {
        line.text("system_id", b.system_id);
        line.raw("password", "****");
    }

    template <CommandId Id>
    void operator()(const ShortMessage<Id>& b) const
    {
        line.text("service_type", b.service_type);
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
        destAddress(line, b.dest_addr_ton, b.dest_addr_npi, b.destination_addr);
        messageFields(line, b);
    }

    template <CommandId Id>
    void operator()(const MessageIdResponse<Id>& b) const
    {
        line.text("message_id", b.message_id);
    }

    void operator()(const DataSm& b) const
    {
        line.text("service_type", b.service_type);
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
        destAddress(line, b.dest_addr_ton, b.dest_addr_npi, b.destination_addr);
        line.hex8("esm_class", b.esm_class);
        line.hex8("registered_delivery", b.registered_delivery);
        line.hex8("data_coding", b.data_coding);
        appendTlvs(line, b.tlvs);
    }

    void operator()(const DataSmResp& b) const
    {
        line.text("message_id", b.message_id);
        appendTlvs(line, b.tlvs);
    }

    void operator()(const SubmitMulti& b) const
    {
        line.text("service_type", b.service_type);
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
        line.number("number_of_dests", b.dest_addresses.size());
        line.text("dest_addresses", destList(b.dest_addresses));
        messageFields(line, b);
    }

    void operator()(const SubmitMultiResp& b) const
    {
        line.text("message_id", b.message_id);
        line.number("no_unsuccess", b.unsuccess_smes.size());
        line.text("unsuccess_smes", unsuccessList(b.unsuccess_smes));
    }

    void operator()(const QuerySm& b) const
    {
        line.text("message_id", b.message_id);
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
    }

    void operator()(const QuerySmResp& b) const
    {
        line.text("message_id", b.message_id);
        line.text("final_date", b.final_date);
        line.number("message_state", b.message_state);
        line.number("error_code", b.error_code);
    }

    void operator()(const CancelSm& b) const
    {
        line.text("service_type", b.service_type);
        line.text("message_id", b.message_id);
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
        destAddress(line, b.dest_addr_ton, b.dest_addr_npi, b.destination_addr);
    }

    void operator()(const ReplaceSm& b) const
    {
        line.text("message_id", b.message_id);
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
        line.text("schedule_delivery_time", b.schedule_delivery_time);
        line.text("validity_period", b.validity_period);
        line.hex8("registered_delivery", b.registered_delivery);
        line.number("sm_default_msg_id", b.sm_default_msg_id);
        shortMessage(line, b.short_message);
    }

    void operator()(const AlertNotification& b) const
    {
        sourceAddress(line, b.source_addr_ton, b.source_addr_npi, b.source_addr);
        line.number("esme_addr_ton", b.esme_addr_ton);
        line.number("esme_addr_npi", b.esme_addr_npi);
        line.text("esme_addr", b.esme_addr);
    }
};

// --- header and hex ------------------------------------------------------------------------

bool carriesPassword(std::uint32_t command_id) noexcept
{
    return command_id == toWire(CommandId::BindTransmitter)
        || command_id == toWire(CommandId::BindReceiver)
        || command_id == toWire(CommandId::BindTransceiver)
        || command_id == toWire(CommandId::Outbind);
}

/// [begin, end) of the password octets in a bind/outbind frame (SMPP 3.4 §4.1: system_id is the
/// first C-string of the body, password the second); empty when raw carries no password.
std::pair<std::size_t, std::size_t> passwordRange(std::span<const std::uint8_t> raw)
{
    constexpr std::size_t kBody = 16;
    if (raw.size() <= kBody || !carriesPassword(bigEndianU32(raw, 4))) {
        return {0, 0};
    }
    std::size_t begin = kBody;
    while (begin < raw.size() && raw[begin] != 0) {
        ++begin;
    }
    ++begin; // past system_id's NUL
    std::size_t end = begin;
    while (end < raw.size() && raw[end] != 0) {
        ++end;
    }
    return {std::min(begin, raw.size()), end};
}

void appendMaskedHex(TraceLine& line, std::span<const std::uint8_t> raw)
{
    const auto [begin, end] = passwordRange(raw);
    line.raw("hex", {});
    std::string& out = line.str();
    const std::size_t shown = std::min(raw.size(), kMaxTraceHex);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i >= begin && i < end) {
            out += "**";
        } else {
            appendHexOctet(out, raw[i]);
        }
    }
    if (shown < raw.size()) {
        out += "...";
    }
}

void appendStatus(TraceLine& line, std::uint32_t status)
{
    const auto command_status = static_cast<CommandStatus>(status);
    if (isKnown(command_status)) {
        line.raw("status", name(command_status));
    } else {
        line.hex32("status", status);
    }
}

void appendCommand(TraceLine& line, std::uint32_t command_id)
{
    if (isKnown(command_id)) {
        line.raw("cmd", name(static_cast<CommandId>(command_id)));
    } else {
        line.hex32("cmd", command_id);
    }
}

} // namespace

std::string tracePdu(
    const Pdu& pdu, std::string_view direction, bool with_hex, std::span<const std::uint8_t> raw)
{
    TraceLine line;
    line.text("dir", direction);
    line.raw("cmd", name(commandId(pdu)));
    line.number("seq", pdu.sequence_number);
    appendStatus(line, toWire(pdu.command_status));
    std::visit(BodyTracer{line}, pdu.body);
    if (with_hex && !raw.empty()) {
        appendMaskedHex(line, raw);
    }
    return std::move(line.str());
}

std::string traceFrame(std::span<const std::uint8_t> raw,
    std::string_view direction,
    std::string_view error,
    bool with_hex)
{
    TraceLine line;
    line.text("dir", direction);
    if (raw.size() >= 16) {
        appendCommand(line, bigEndianU32(raw, 4));
        line.number("seq", bigEndianU32(raw, 12));
        appendStatus(line, bigEndianU32(raw, 8));
    }
    line.number("len", raw.size());
    line.text("error", error);
    if (with_hex && !raw.empty()) {
        appendMaskedHex(line, raw);
    }
    return std::move(line.str());
}

std::string traceWire(
    std::span<const std::uint8_t> frame, std::string_view direction, bool with_hex)
{
    try {
        return tracePdu(decode(frame), direction, with_hex, frame);
    } catch (const DecodeError& e) {
        return traceFrame(frame, direction, e.what(), with_hex);
    }
}

} // namespace smpp
