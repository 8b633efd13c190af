#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smpp::text {

/// SMPP 3.4 §5.2.19 data_coding values this library converts.
inline constexpr std::uint8_t kDataCodingDefault = 0x00; ///< GSM 7-bit, unpacked septets
inline constexpr std::uint8_t kDataCodingIa5 = 0x01; ///< IA5 / ASCII
inline constexpr std::uint8_t kDataCodingBinary = 0x02; ///< 8-bit binary
inline constexpr std::uint8_t kDataCodingLatin1 = 0x03; ///< ISO-8859-1
inline constexpr std::uint8_t kDataCodingOctet = 0x04; ///< 8-bit binary
inline constexpr std::uint8_t kDataCodingUcs2 = 0x08; ///< UCS-2 / UTF-16 big-endian

/// How the octets of a short_message are to be read.
enum class Alphabet {
    Gsm7, ///< unpacked GSM 03.38 septets, one per octet
    Ascii, ///< IA5
    Latin1, ///< ISO-8859-1
    Binary, ///< 8-bit data, no conversion
    Ucs2, ///< UTF-16BE
    Unknown ///< JIS, Cyrillic, Hebrew, Kanji... and reserved values: read as Latin-1
};

/// Maps a data_coding value to its alphabet: the SMPP table for 0x00..0x0F and the GSM
/// TS 23.038 §4 groups for 0xC0..0xFF (0xC0..0xDF GSM 7-bit, 0xE0..0xEF UCS-2,
/// 0xF0..0xFF GSM 7-bit or 8-bit by bit 2). Everything else is Alphabet::Unknown.
Alphabet alphabetOf(std::uint8_t data_coding) noexcept;

/// Decodes a short_message / message_payload body (UDH already stripped) to UTF-8.
/// Never throws. Policy, per alphabet:
/// - Gsm7, Ascii, Latin1, Ucs2: converted; malformed input becomes U+FFFD, so the result is
///   valid UTF-8;
/// - Binary (2, 4, 0xF4..): octets copied unchanged ("no conversion"); the result is valid
///   UTF-8 only if the sender put UTF-8 there (use sanitizeUtf8() before JSON if needed);
/// - Unknown: read as Latin-1, which is lossless and always valid UTF-8.
std::string decodeToUtf8(std::span<const std::uint8_t> octets, std::uint8_t data_coding);

/// A text encoded for SMPP: the octets of the body and the data_coding that describes them.
struct EncodedText {
    std::vector<std::uint8_t> octets;
    std::uint8_t data_coding = kDataCodingDefault;

    bool operator==(const EncodedText&) const = default;
};

/// Chooses the cheapest encoding a handset displays: GSM 7-bit (data_coding 0, unpacked
/// septets, extension characters as ESC pairs) when every character maps; otherwise UCS-2
/// (data_coding 8, UTF-16BE with surrogate pairs). One unmappable character (e.g. a backtick,
/// an emoji, or U+FFFD from malformed UTF-8) chooses UCS-2. Empty input gives GSM, no octets.
EncodedText encodeBest(std::string_view utf8);

} // namespace smpp::text
