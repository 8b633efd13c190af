#include "common/smpp/Codec.h"

#include "common/smpp/PduFields.h"
#include "common/smpp/TlvCodec.h"
#include "common/smpp/WireReader.h"
#include "common/smpp/WireWriter.h"

#include <stdexcept>
#include <string>
#include <type_traits>

namespace smpp {

namespace {

constexpr std::size_t kMaxSmLength = 254;
constexpr std::size_t kMaxListEntries = 255;

using S = CommandStatus;

// ---- decoding: one readField overload per kind of field in PduFields.h ----

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

/// dest_addr_ton, dest_addr_npi, destination_addr of a list entry (SMPP 3.4 §4.5.1.1, §4.5.2.1).
template <typename Entry>
void readEntryDest(WireReader& r, Entry& e)
{
    e.dest_addr_ton = r.u8();
    e.dest_addr_npi = r.u8();
    e.destination_addr = r.cString(kAddrMax, S::InvalidDestAddress, "destination_addr");
}

void readEntry(WireReader& r, DestAddress& d)
{
    d.dest_flag = r.u8();
    if (d.dest_flag == DestAddress::kSme) {
        readEntryDest(r, d);
    } else if (d.dest_flag == DestAddress::kDistributionList) {
        d.destination_addr = r.cString(kAddrMax, S::InvalidDistributionListName, "dl_name");
    } else {
        r.fail(S::InvalidDestFlag, "dest_flag " + std::to_string(d.dest_flag));
    }
}

void readEntry(WireReader& r, UnsuccessSme& sme)
{
    readEntryDest(r, sme);
    sme.error_status_code = r.u32();
}

template <typename B>
void readField(WireReader& r, B& b, const field::Octet<B>& f)
{
    b.*f.member = r.u8();
}

template <typename B>
void readField(WireReader& r, B& b, const field::CString<B>& f)
{
    b.*f.member = r.cString(f.max, f.too_long, f.name);
}

template <typename B>
void readField(WireReader& r, B& b, const field::Message<B>& f)
{
    b.*f.member = readShortMessage(r);
}

template <typename B, typename Entry>
void readField(WireReader& r, B& b, const field::List<B, Entry>& f)
{
    const std::uint8_t count = r.u8();
    std::vector<Entry>& entries = b.*f.member;
    entries.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        readEntry(r, entries.emplace_back());
    }
}

template <typename B>
void readField(WireReader& r, B& b, const field::TlvSet<B>& f)
{
    readTlvs(r, b.*f.member);
}

template <typename B>
void readField(WireReader& r, B& b, const field::ScInterfaceVersion<B>& f)
{
    Tlvs tlvs;
    readTlvs(r, tlvs);
    b.*f.member = tlvs.sc_interface_version;
}

template <typename B>
void readBody(WireReader& r, B& b)
{
    forEachField<B>([&](const auto& f) { readField(r, b, f); });
    // Checked after the TLVs, since either may come first in a body's fields.
    if constexpr (requires {
                      b.short_message;
                      b.tlvs;
                  }) {
        checkPayload(r, b.short_message, b.tlvs);
    }
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

// ---- encoding: one writeField overload per kind of field ----

void writeShortMessage(WireWriter& w, const std::string& short_message)
{
    if (short_message.size() > kMaxSmLength) {
        throw std::invalid_argument("short_message longer than 254 octets");
    }
    w.u8(static_cast<std::uint8_t>(short_message.size()));
    w.octets(short_message);
}

template <typename Entry>
void writeEntryDest(WireWriter& w, const Entry& e)
{
    w.u8(e.dest_addr_ton);
    w.u8(e.dest_addr_npi);
    w.cString(e.destination_addr);
}

void writeEntry(WireWriter& w, const DestAddress& d)
{
    w.u8(d.dest_flag);
    if (d.dest_flag == DestAddress::kSme) {
        writeEntryDest(w, d);
    } else if (d.dest_flag == DestAddress::kDistributionList) {
        w.cString(d.destination_addr);
    } else {
        throw std::invalid_argument("dest_flag must be 1 or 2");
    }
}

void writeEntry(WireWriter& w, const UnsuccessSme& sme)
{
    writeEntryDest(w, sme);
    w.u32(sme.error_status_code);
}

template <typename B>
void writeField(WireWriter& w, const B& b, const field::Octet<B>& f)
{
    w.u8(b.*f.member);
}

template <typename B>
void writeField(WireWriter& w, const B& b, const field::CString<B>& f)
{
    w.cString(b.*f.member);
}

template <typename B>
void writeField(WireWriter& w, const B& b, const field::Message<B>& f)
{
    writeShortMessage(w, b.*f.member);
}

template <typename B, typename Entry>
void writeField(WireWriter& w, const B& b, const field::List<B, Entry>& f)
{
    const std::vector<Entry>& entries = b.*f.member;
    if (entries.size() > kMaxListEntries) {
        throw std::invalid_argument(std::string(f.name) + ": more than 255 entries");
    }
    w.u8(static_cast<std::uint8_t>(entries.size()));
    for (const Entry& entry : entries) {
        writeEntry(w, entry);
    }
}

template <typename B>
void writeField(WireWriter& w, const B& b, const field::TlvSet<B>& f)
{
    writeTlvs(w, b.*f.member);
}

template <typename B>
void writeField(WireWriter& w, const B& b, const field::ScInterfaceVersion<B>& f)
{
    if (const auto& version = b.*f.member) {
        w.u16(tag::kScInterfaceVersion);
        w.u16(1);
        w.u8(*version);
    }
}

template <typename B>
void writeBody(WireWriter& w, const B& b)
{
    forEachField<B>([&](const auto& f) { writeField(w, b, f); });
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
