#include "common/text/Udh.h"

namespace smpp::text {

namespace {

constexpr std::uint8_t kIeConcat8 = 0x00;
constexpr std::uint8_t kIeConcat16 = 0x08;

/// Decodes a concat IE body, or std::nullopt if its length or values are out of range.
std::optional<ConcatInfo> concatFromIe(std::uint8_t iei, std::span<const std::uint8_t> data)
{
    ConcatInfo info;
    if (iei == kIeConcat8 && data.size() == 3) {
        info = ConcatInfo{data[0], data[1], data[2], ConcatRef::Bits8};
    } else if (iei == kIeConcat16 && data.size() == 4) {
        const auto ref = static_cast<std::uint16_t>((data[0] << 8U) | data[1]);
        info = ConcatInfo{ref, data[2], data[3], ConcatRef::Bits16};
    } else {
        return std::nullopt;
    }
    if (info.total == 0 || info.seq == 0 || info.seq > info.total) {
        return std::nullopt;
    }
    return info;
}

} // namespace

UdhInfo parseUdh(std::span<const std::uint8_t> short_message) noexcept
{
    UdhInfo result;
    if (short_message.empty() || std::size_t{short_message[0]} + 1 > short_message.size()) {
        return result;
    }
    result.valid = true;
    result.body_offset = std::size_t{short_message[0]} + 1;
    const auto header = short_message.subspan(1, short_message[0]);
    std::size_t i = 0;
    while (i + 2 <= header.size()) {
        const std::uint8_t iei = header[i];
        const std::size_t len = header[i + 1];
        if (i + 2 + len > header.size()) {
            break;
        }
        if (auto c = concatFromIe(iei, header.subspan(i + 2, len))) {
            result.concat = c;
        } else if (iei == kIeConcat8 || iei == kIeConcat16) {
            result.concat.reset();
        }
        i += 2 + len;
    }
    return result;
}

std::vector<std::uint8_t> buildConcatUdh(const ConcatInfo& info)
{
    if (info.ref_size == ConcatRef::Bits8) {
        return {0x05,
            kIeConcat8,
            0x03,
            static_cast<std::uint8_t>(info.reference & 0xFFU),
            info.total,
            info.seq};
    }
    return {0x06,
        kIeConcat16,
        0x04,
        static_cast<std::uint8_t>(info.reference >> 8U),
        static_cast<std::uint8_t>(info.reference & 0xFFU),
        info.total,
        info.seq};
}

} // namespace smpp::text
