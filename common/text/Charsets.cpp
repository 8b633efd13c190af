#include "common/text/Charsets.h"

#include "common/text/Utf8.h"

namespace smpp::text {

namespace {

constexpr char32_t kHighFirst = 0xD800;
constexpr char32_t kLowFirst = 0xDC00;
constexpr char32_t kLowLast = 0xDFFF;

/// UTF-8 to single-byte code points up to `max_cp`; std::nullopt if one is out of range.
std::optional<std::vector<std::uint8_t>> utf8ToSingleByte(std::string_view utf8, char32_t max_cp)
{
    std::vector<std::uint8_t> out;
    out.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const char32_t cp = nextCodePoint(utf8, pos);
        if (cp > max_cp) {
            return std::nullopt;
        }
        out.push_back(static_cast<std::uint8_t>(cp));
    }
    return out;
}

void putUnit(std::vector<std::uint8_t>& out, std::uint32_t unit)
{
    out.push_back(static_cast<std::uint8_t>(unit >> 8U));
    out.push_back(static_cast<std::uint8_t>(unit & 0xFFU));
}

char32_t unitAt(std::span<const std::uint8_t> octets, std::size_t i) noexcept
{
    return static_cast<char32_t>((static_cast<unsigned>(octets[i]) << 8U) | octets[i + 1]);
}

} // namespace

std::string latin1ToUtf8(std::span<const std::uint8_t> octets)
{
    std::string out;
    out.reserve(octets.size() * 2);
    for (const std::uint8_t b : octets) {
        appendUtf8(out, b);
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> utf8ToLatin1(std::string_view utf8)
{
    return utf8ToSingleByte(utf8, 0xFF);
}

std::string asciiToUtf8(std::span<const std::uint8_t> octets)
{
    std::string out;
    out.reserve(octets.size());
    for (const std::uint8_t b : octets) {
        appendUtf8(out, b < 0x80 ? char32_t{b} : kReplacementChar);
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> utf8ToAscii(std::string_view utf8)
{
    return utf8ToSingleByte(utf8, 0x7F);
}

std::string ucs2ToUtf8(std::span<const std::uint8_t> octets)
{
    std::string out;
    out.reserve(octets.size() * 2);
    const std::size_t whole = octets.size() & ~std::size_t{1};
    for (std::size_t i = 0; i < whole; i += 2) {
        const char32_t unit = unitAt(octets, i);
        if (unit < kHighFirst || unit > kLowLast) {
            appendUtf8(out, unit);
            continue;
        }
        const bool high = unit < kLowFirst;
        if (high && i + 3 < whole) {
            const char32_t low = unitAt(octets, i + 2);
            if (low >= kLowFirst && low <= kLowLast) {
                appendUtf8(out, 0x10000 + ((unit - kHighFirst) << 10U) + (low - kLowFirst));
                i += 2;
                continue;
            }
        }
        appendUtf8(out, kReplacementChar);
    }
    if (whole != octets.size()) {
        appendUtf8(out, kReplacementChar);
    }
    return out;
}

std::vector<std::uint8_t> utf8ToUcs2(std::string_view utf8)
{
    std::vector<std::uint8_t> out;
    out.reserve(utf8.size() * 2);
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::uint32_t cp = nextCodePoint(utf8, pos);
        if (cp < 0x10000) {
            putUnit(out, cp);
        } else {
            const std::uint32_t v = cp - 0x10000;
            putUnit(out, kHighFirst + (v >> 10U));
            putUnit(out, kLowFirst + (v & 0x3FFU));
        }
    }
    return out;
}

} // namespace smpp::text
