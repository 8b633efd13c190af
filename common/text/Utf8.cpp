#include "common/text/Utf8.h"

#include <cstdint>

namespace smpp::text {

namespace {

std::uint8_t byteAt(std::string_view s, std::size_t i) noexcept
{
    return static_cast<std::uint8_t>(s[i]);
}

bool isContinuation(std::uint8_t b) noexcept
{
    return (b & 0xC0U) == 0x80U;
}

/// Number of continuation bytes announced by `lead`, or -1 for a byte that cannot start a
/// sequence (continuation bytes, C0/C1 overlong leads, F5..FF).
int continuationCount(std::uint8_t lead) noexcept
{
    if (lead >= 0xC2 && lead <= 0xDF) {
        return 1;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        return 2;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        return 3;
    }
    return -1;
}

/// Valid range of the first continuation byte after `lead` (Unicode Table 3-7), which rules
/// out overlongs, surrogates and code points above U+10FFFF.
bool secondByteValid(std::uint8_t lead, std::uint8_t b) noexcept
{
    switch (lead) {
    case 0xE0:
        return b >= 0xA0 && b <= 0xBF;
    case 0xED:
        return b >= 0x80 && b <= 0x9F;
    case 0xF0:
        return b >= 0x90 && b <= 0xBF;
    case 0xF4:
        return b >= 0x80 && b <= 0x8F;
    default:
        return isContinuation(b);
    }
}

} // namespace

char32_t nextCodePoint(std::string_view utf8, std::size_t& pos) noexcept
{
    const std::uint8_t lead = byteAt(utf8, pos);
    ++pos;
    if (lead < 0x80) {
        return lead;
    }
    const int extra = continuationCount(lead);
    if (extra < 0) {
        return kReplacementChar;
    }
    const std::uint32_t lead_bits = lead & (0x7FU >> (extra + 1));
    std::uint32_t cp = lead_bits;
    for (int i = 0; i < extra; ++i) {
        if (pos >= utf8.size()) {
            return kReplacementChar;
        }
        const std::uint8_t b = byteAt(utf8, pos);
        const bool ok = (i == 0) ? secondByteValid(lead, b) : isContinuation(b);
        if (!ok) {
            return kReplacementChar;
        }
        cp = (cp << 6U) | (b & 0x3FU);
        ++pos;
    }
    return static_cast<char32_t>(cp);
}

void appendUtf8(std::string& out, char32_t cp)
{
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        cp = kReplacementChar;
    }
    const auto put = [&out](std::uint32_t v) { out.push_back(static_cast<char>(v)); };
    const std::uint32_t v = cp;
    if (v < 0x80) {
        put(v);
    } else if (v < 0x800) {
        put(0xC0U | (v >> 6U));
        put(0x80U | (v & 0x3FU));
    } else if (v < 0x10000) {
        put(0xE0U | (v >> 12U));
        put(0x80U | ((v >> 6U) & 0x3FU));
        put(0x80U | (v & 0x3FU));
    } else {
        put(0xF0U | (v >> 18U));
        put(0x80U | ((v >> 12U) & 0x3FU));
        put(0x80U | ((v >> 6U) & 0x3FU));
        put(0x80U | (v & 0x3FU));
    }
}

std::string sanitizeUtf8(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        appendUtf8(out, nextCodePoint(utf8, pos));
    }
    return out;
}

} // namespace smpp::text
