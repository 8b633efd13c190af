#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smpp::text {

/// GSM 03.38 / 3GPP TS 23.038 §6.2.1 default alphabet with its extension table.
/// "Unpacked" septets are one septet per octet (what SMPP data_coding 0 carries in
/// short_message); "packed" septets are the 7-bit packing used on the air interface.

/// The escape septet announcing a character of the extension table.
inline constexpr std::uint8_t kGsmEscape = 0x1B;

/// Number of septets `cp` takes in the default alphabet: 1 for a basic character, 2 for an
/// extension character (ESC + code), 0 when it cannot be encoded (e.g. the backtick).
std::size_t gsm7SeptetsFor(char32_t cp) noexcept;

/// Encodes UTF-8 into unpacked septets. Returns std::nullopt as soon as one character has no
/// GSM mapping (malformed UTF-8 decodes to U+FFFD, which has none either). Extension
/// characters become two septets, e.g. "€" -> 1B 65, "@" -> 00.
std::optional<std::vector<std::uint8_t>> utf8ToGsm7(std::string_view utf8);

/// Decodes unpacked septets to UTF-8. Never throws:
/// - an octet above 0x7F becomes U+FFFD;
/// - ESC followed by a code missing from the extension table yields the basic character of
///   that code (TS 23.038 §6.2.1.1), except ESC ESC which yields a space;
/// - a trailing lone ESC yields a space.
std::string gsm7ToUtf8(std::span<const std::uint8_t> septets);

/// Packs septets (low 7 bits of each input octet) LSB-first, after `fill_bits` (0..6) zero
/// bits. Use fill_bits = gsmFillBits(udh_length) when a UDH precedes the text so the text
/// starts on a septet boundary (TS 23.040 §9.2.3.24). "hellohello" packs to
/// E8 32 9B FD 46 97 D9 EC 37. Output length is ceil((fill_bits + 7 * n) / 8).
std::vector<std::uint8_t> packSeptets(
    std::span<const std::uint8_t> septets, unsigned fill_bits = 0);

/// Inverse of packSeptets: extracts `septet_count` septets starting after `fill_bits` bits.
/// Septets the input is too short for are not produced (the result is then shorter than
/// septet_count), so truncated input is safe.
std::vector<std::uint8_t> unpackSeptets(
    std::span<const std::uint8_t> packed, std::size_t septet_count, unsigned fill_bits = 0);

/// Fill bits needed after a UDH of `udh_octets` octets (including the UDHL octet) so the
/// following text starts on a septet boundary: (7 - (8 * udh_octets) % 7) % 7.
unsigned gsmFillBits(std::size_t udh_octets) noexcept;

} // namespace smpp::text
