#include "common/smpp/PduTrace.h"

#include "common/smpp/Codec.h"
#include "common/smpp/PduFields.h"
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

    /// 0x and all sizeof(T) octets of value, e.g. 0x34 for an octet, 0x00000400 for a status.
    template <typename T>
    void hex(std::string_view key, T value)
    {
        raw(key, "0x");
        for (int shift = 8 * (int{sizeof(T)} - 1); shift >= 0; shift -= 8) {
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

// --- TLVs (kTlvFields) ----------------------------------------------------------------------

template <typename T>
void traceTlv(TraceLine& line, const TlvField& field, const std::optional<T>& value)
{
    if (!value) {
        return;
    }
    if (field.display == Display::BitField) {
        line.hex(field.name, *value);
    } else {
        line.number(field.name, *value);
    }
}

void traceTlv(TraceLine& line, const TlvField& field, const std::optional<std::string>& value)
{
    if (!value) {
        return;
    }
    if (field.display == Display::Message) {
        line.number(std::string(field.name) + "_length", value->size());
        line.text(field.name, *value, kMaxTraceText);
    } else {
        line.text(field.name, *value);
    }
}

void traceTlv(TraceLine& line, const TlvField& field, const std::optional<NetworkErrorCode>& value)
{
    if (value) {
        line.raw(field.name,
            std::to_string(value->network_type) + ":" + std::to_string(value->error_code));
    }
}

void traceTlv(TraceLine& line, const TlvField& field, bool present)
{
    if (present) {
        line.number(field.name, 1);
    }
}

void appendTlvs(TraceLine& line, const Tlvs& tlvs)
{
    for (const TlvField& field : kTlvFields) {
        std::visit([&](auto member) { traceTlv(line, field, tlvs.*member); }, field.member);
    }
    for (const RawTlv& unknown : tlvs.unknown) {
        std::string key = "tlv_0x";
        appendHexOctet(key, static_cast<unsigned char>(unknown.tag >> 8));
        appendHexOctet(key, static_cast<unsigned char>(unknown.tag & 0xFF));
        line.octets(key, unknown.value, 64);
    }
}

// --- bodies (Layout<Body>::fields) ---------------------------------------------------------

std::string entryList(const std::vector<DestAddress>& dests)
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

std::string entryList(const std::vector<UnsuccessSme>& smes)
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

template <typename B>
void traceField(TraceLine& line, const B& b, const field::Octet<B>& f)
{
    if (f.display == Display::BitField) {
        line.hex(f.name, b.*f.member);
    } else {
        line.number(f.name, b.*f.member);
    }
}

template <typename B>
void traceField(TraceLine& line, const B& b, const field::CString<B>& f)
{
    if (f.display == Display::Secret) {
        line.raw(f.name, "****");
    } else {
        line.text(f.name, b.*f.member);
    }
}

template <typename B>
void traceField(TraceLine& line, const B& b, const field::Message<B>& f)
{
    line.number(f.length_name, (b.*f.member).size());
    line.text(f.name, b.*f.member, kMaxTraceText);
}

template <typename B, typename Entry>
void traceField(TraceLine& line, const B& b, const field::List<B, Entry>& f)
{
    line.number(f.count_name, (b.*f.member).size());
    line.text(f.name, entryList(b.*f.member));
}

template <typename B>
void traceField(TraceLine& line, const B& b, const field::TlvSet<B>& f)
{
    appendTlvs(line, b.*f.member);
}

template <typename B>
void traceField(TraceLine& line, const B& b, const field::ScInterfaceVersion<B>& f)
{
    if (const auto& version = b.*f.member) {
        line.hex(f.name, *version);
    }
}

/// Appends the body's mandatory fields (and TLVs), in wire order.
struct BodyTracer {
    TraceLine& line;

    template <typename B>
    void operator()(const B& b) const
    {
        forEachField<B>([&](const auto& f) { traceField(line, b, f); });
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
        line.hex("status", status);
    }
}

void appendCommand(TraceLine& line, std::uint32_t command_id)
{
    if (isKnown(command_id)) {
        line.raw("cmd", name(static_cast<CommandId>(command_id)));
    } else {
        line.hex("cmd", command_id);
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
