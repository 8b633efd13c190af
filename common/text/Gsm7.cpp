#include "common/text/Gsm7.h"

#include "common/text/Utf8.h"

#include <array>

namespace smpp::text {

namespace {

// TS 23.038 §6.2.1: the default alphabet, indexed by septet. 0x1B (ESC) decodes as a space
// when it cannot start an escape sequence.
// clang-format off
constexpr std::array<char32_t, 128> kBasic = {
    U'@', U'\u00A3', U'$', U'\u00A5', U'\u00E8', U'\u00E9', U'\u00F9', U'\u00EC', // 0x00
    U'\u00F2', U'\u00C7', U'\n', U'\u00D8', U'\u00F8', U'\r', U'\u00C5', U'\u00E5', // 0x08
    U'\u0394', U'_', U'\u03A6', U'\u0393', U'\u039B', U'\u03A9', U'\u03A0', U'\u03A8', // 0x10
    U'\u03A3', U'\u0398', U'\u039E', U' ', U'\u00C6', U'\u00E6', U'\u00DF', U'\u00C9', // 0x18
    U' ', U'!', U'"', U'#', U'\u00A4', U'%', U'&', U'\'', // 0x20
    U'(', U')', U'*', U'+', U',', U'-', U'.', U'/', // 0x28
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', // 0x30
    U'8', U'9', U':', U';', U'<', U'=', U'>', U'?', // 0x38
    U'\u00A1', U'A', U'B', U'C', U'D', U'E', U'F', U'G', // 0x40
    U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O', // 0x48
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', // 0x50
    U'X', U'Y', U'Z', U'\u00C4', U'\u00D6', U'\u00D1', U'\u00DC', U'\u00A7', // 0x58
    U'\u00BF', U'a', U'b', U'c', U'd', U'e', U'f', U'g', // 0x60
    U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o', // 0x68
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', // 0x70
    U'x', U'y', U'z', U'\u00E4', U'\u00F6', U'\u00F1', U'\u00FC', U'\u00E0', // 0x78
};
// clang-format on

struct ExtEntry {
    std::uint8_t code;
    char32_t cp;
};

// TS 23.038 §6.2.1.1: the extension table (after ESC).
constexpr std::array<ExtEntry, 10> kExtension = {{
    {0x0A, U'\f'},
    {0x14, U'^'},
    {0x28, U'{'},
    {0x29, U'}'},
    {0x2F, U'\\'},
    {0x3C, U'['},
    {0x3D, U'~'},
    {0x3E, U']'},
    {0x40, U'|'},
    {0x65, U'\u20AC'},
}};

constexpr std::uint16_t kNoMapping = 0xFFFF;
constexpr std::uint16_t kExtFlag = 0x1B00;
constexpr char32_t kEuro = U'\u20AC';
constexpr std::size_t kReverseSize = 0x400; // covers Latin-1 and the Greek capitals

/// Reverse table: code point -> septet, or kExtFlag | code for extension characters.
constexpr std::array<std::uint16_t, kReverseSize> buildReverse()
{
    std::array<std::uint16_t, kReverseSize> table{};
    table.fill(kNoMapping);
    for (std::size_t i = 0; i < kBasic.size(); ++i) {
        if (i != kGsmEscape) {
            table[kBasic[i]] = static_cast<std::uint16_t>(i);
        }
    }
    for (const ExtEntry& e : kExtension) {
        if (e.cp < kReverseSize) {
            table[e.cp] = static_cast<std::uint16_t>(kExtFlag | e.code);
        }
    }
    return table;
}

constexpr std::array<std::uint16_t, kReverseSize> kReverse = buildReverse();

/// Code for `cp`: a septet, kExtFlag | code, or kNoMapping.
std::uint16_t lookup(char32_t cp) noexcept
{
    if (cp < kReverseSize) {
        return kReverse[cp];
    }
    if (cp == kEuro) {
        return kExtFlag | 0x65U;
    }
    return kNoMapping;
}

/// Code point of extension `code`, or 0 when the extension table has no such entry.
char32_t extensionChar(std::uint8_t code) noexcept
{
    for (const ExtEntry& e : kExtension) {
        if (e.code == code) {
            return e.cp;
        }
    }
    return 0;
}

char32_t decodeEscaped(std::uint8_t code) noexcept
{
    if (code > 0x7F) {
        return kReplacementChar;
    }
    if (code == kGsmEscape) {
        return U' ';
    }
    const char32_t ext = extensionChar(code);
    return ext != 0 ? ext : kBasic[code];
}

} // namespace

std::size_t gsm7SeptetsFor(char32_t cp) noexcept
{
    const std::uint16_t code = lookup(cp);
    if (code == kNoMapping) {
        return 0;
    }
    return (code & kExtFlag) == kExtFlag ? 2 : 1;
}

std::optional<std::vector<std::uint8_t>> utf8ToGsm7(std::string_view utf8)
{
    std::vector<std::uint8_t> out;
    out.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::uint16_t code = lookup(nextCodePoint(utf8, pos));
        if (code == kNoMapping) {
            return std::nullopt;
        }
        if ((code & kExtFlag) == kExtFlag) {
            out.push_back(kGsmEscape);
        }
        out.push_back(static_cast<std::uint8_t>(code & 0x7FU));
    }
    return out;
}

std::string gsm7ToUtf8(std::span<const std::uint8_t> septets)
{
    std::string out;
    out.reserve(septets.size());
    for (std::size_t i = 0; i < septets.size(); ++i) {
        const std::uint8_t s = septets[i];
        if (s > 0x7F) {
            appendUtf8(out, kReplacementChar);
        } else if (s != kGsmEscape) {
            appendUtf8(out, kBasic[s]);
        } else if (i + 1 < septets.size()) {
            ++i;
            appendUtf8(out, decodeEscaped(septets[i]));
        } else {
            out.push_back(' ');
        }
    }
    return out;
}

std::vector<std::uint8_t> packSeptets(std::span<const std::uint8_t> septets, unsigned fill_bits)
{
    fill_bits %= 7;
    const std::size_t total_bits = fill_bits + 7 * septets.size();
    std::vector<std::uint8_t> out((total_bits + 7) / 8, 0);
    std::size_t bit = fill_bits;
    for (const std::uint8_t raw : septets) {
        const unsigned s = raw & 0x7FU;
        const std::size_t byte = bit / 8;
        const unsigned shift = static_cast<unsigned>(bit % 8);
        out[byte] = static_cast<std::uint8_t>(out[byte] | (s << shift));
        if (shift > 1) {
            out[byte + 1] = static_cast<std::uint8_t>(out[byte + 1] | (s >> (8 - shift)));
        }
        bit += 7;
    }
    return out;
}

std::vector<std::uint8_t> unpackSeptets(
    std::span<const std::uint8_t> packed, std::size_t septet_count, unsigned fill_bits)
{
    fill_bits %= 7;
    const std::size_t available_bits = packed.size() * 8;
    std::vector<std::uint8_t> out;
    out.reserve(septet_count);
    std::size_t bit = fill_bits;
    for (std::size_t n = 0; n < septet_count && bit + 7 <= available_bits; ++n) {
        const std::size_t byte = bit / 8;
        const unsigned shift = static_cast<unsigned>(bit % 8);
        unsigned v = static_cast<unsigned>(packed[byte]) >> shift;
        if (shift > 1) {
            v |= static_cast<unsigned>(packed[byte + 1]) << (8 - shift);
        }
        out.push_back(static_cast<std::uint8_t>(v & 0x7FU));
        bit += 7;
    }
    return out;
}

unsigned gsmFillBits(std::size_t udh_octets) noexcept
{
    return static_cast<unsigned>((7 - (8 * udh_octets) % 7) % 7);
}

} // namespace smpp::text
