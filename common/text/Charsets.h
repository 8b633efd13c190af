#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smpp::text {

/// Conversions between UTF-8 and the single-byte and UCS-2 alphabets SMPP carries.
/// Decoders never throw and always return valid UTF-8 (malformed input -> U+FFFD).

/// ISO-8859-1 (data_coding 3) to UTF-8: every octet is the code point of the same value.
std::string latin1ToUtf8(std::span<const std::uint8_t> octets);

/// UTF-8 to ISO-8859-1. Returns std::nullopt if a character is above U+00FF (or the input is
/// malformed UTF-8).
std::optional<std::vector<std::uint8_t>> utf8ToLatin1(std::string_view utf8);

/// IA5 / ASCII (data_coding 1) to UTF-8. Octets above 0x7F become U+FFFD.
std::string asciiToUtf8(std::span<const std::uint8_t> octets);

/// UTF-8 to ASCII. Returns std::nullopt if a character is above U+007F or malformed.
std::optional<std::vector<std::uint8_t>> utf8ToAscii(std::string_view utf8);

/// UCS-2 / UTF-16 big-endian (data_coding 8) to UTF-8. A surrogate pair decodes to its
/// supplementary code point (D83D DE00 -> U+1F600). A lone surrogate, or a trailing odd
/// octet, becomes U+FFFD.
std::string ucs2ToUtf8(std::span<const std::uint8_t> octets);

/// UTF-8 to UTF-16 big-endian. Never fails: characters beyond the BMP become surrogate pairs
/// and malformed UTF-8 becomes FF FD. Output length is always even.
std::vector<std::uint8_t> utf8ToUcs2(std::string_view utf8);

} // namespace smpp::text
