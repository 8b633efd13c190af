#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace smpp::text {

/// Size of the concatenation reference in the UDH (TS 23.040 §9.2.3.24.1 and .8).
enum class ConcatRef {
    Bits8, ///< IE 0x00: 05 00 03 RR TT SS
    Bits16 ///< IE 0x08: 06 08 04 RH RL TT SS
};

/// One part of a concatenated message, from a UDH IE or from the SAR TLVs.
struct ConcatInfo {
    std::uint16_t reference = 0;
    std::uint8_t total = 0; ///< TT, 1..255
    std::uint8_t seq = 0; ///< SS, 1..TT
    ConcatRef ref_size = ConcatRef::Bits8;

    bool operator==(const ConcatInfo&) const = default;
};

/// What parseUdh() found at the start of a short_message.
struct UdhInfo {
    bool valid = false; ///< false: UDHL + 1 exceeds the message (SMPP answers 0x01)
    std::size_t body_offset = 0; ///< UDHL + 1 when valid, else 0
    std::optional<ConcatInfo> concat; ///< set only for a well-formed, in-range concat IE

    bool operator==(const UdhInfo&) const = default;
};

/// Parses the UDH at the start of `short_message` (call it only when esm_class has UDHI
/// 0x40). Walks the IEs; the last concatenation IE (0x00 with length 3, or 0x08 with
/// length 4) decides. If it has TT = 0 or SS outside 1..TT it is ignored (TS 23.040) and
/// `concat` stays empty, so the message is standalone. Other IEs are skipped; an IE
/// overrunning the header ends the walk. Never throws and never reads outside the span.
UdhInfo parseUdh(std::span<const std::uint8_t> short_message) noexcept;

/// Builds the concatenation UDH: 05 00 03 RR TT SS (8-bit, RR = low byte of the reference)
/// or 06 08 04 RH RL TT SS (16-bit).
std::vector<std::uint8_t> buildConcatUdh(const ConcatInfo& info);

} // namespace smpp::text
