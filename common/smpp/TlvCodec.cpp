#include "common/smpp/TlvCodec.h"

#include "common/smpp/PduFields.h"

#include <algorithm>
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
        kTlvFields.begin(), kTlvFields.end(), tag, [](const TlvField& field, std::uint16_t wanted) {
            return field.tag < wanted;
        });
    return (it != kTlvFields.end() && it->tag == tag) ? &*it : nullptr;
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
    for (const TlvField& field : kTlvFields) {
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
