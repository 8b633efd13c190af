#pragma once

#include "common/text/Encoding.h"
#include "common/text/Udh.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace smpp::text {

/// At most 255 parts: TT is one octet (TS 23.040 §9.2.3.24.1).
inline constexpr std::size_t kMaxParts = 255;

/// Options of split() / countParts().
struct SplitOptions {
    ConcatRef ref_size = ConcatRef::Bits8; ///< Bits16 lowers the part size by one unit
};

/// One SMPP short_message ready to send.
struct Segment {
    std::vector<std::uint8_t> short_message; ///< UDH (if udhi) followed by the body
    std::uint8_t data_coding = kDataCodingDefault;
    bool udhi = false; ///< set esm_class 0x40 when true
    std::uint8_t seq = 1; ///< SS, 1-based
    std::uint8_t total = 1; ///< TT

    bool operator==(const Segment&) const = default;
};

/// Splits an already encoded body. Limits depend on the alphabet of its data_coding
/// (checklist §7): GSM 160 septets single / 153 (152 with Bits16) per part; UCS-2 70 / 67 (66)
/// code units; anything else 140 / 134 (133) octets. Never splits an ESC pair (GSM) or a
/// surrogate pair (UCS-2); such a pair moves whole to the next part. A text that fits is one
/// Segment without UDH (udhi false); an empty text is one empty Segment. Parts carry the
/// concat UDH with `reference` (its low byte for Bits8).
/// Throws TooManyPartsError when more than kMaxParts parts would be needed.
std::vector<Segment> splitEncoded(
    const EncodedText& text, std::uint16_t reference, const SplitOptions& options = {});

/// encodeBest(utf8) then splitEncoded(): GSM 7-bit when every character maps, else UCS-2.
/// Throws TooManyPartsError when more than kMaxParts parts would be needed.
std::vector<Segment> split(
    std::string_view utf8, std::uint16_t reference, const SplitOptions& options = {});

/// Number of parts split() would produce for `utf8`, without building them. Never throws;
/// the count may exceed kMaxParts so the caller can report it.
std::size_t countParts(std::string_view utf8, const SplitOptions& options = {});

/// Number of parts splitEncoded() would produce. Never throws.
std::size_t countPartsEncoded(const EncodedText& text, const SplitOptions& options = {});

} // namespace smpp::text
