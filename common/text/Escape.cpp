#include "common/text/Escape.h"

#include <algorithm>

namespace smpp::text {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

/// True when `style` writes `c` as a numeric escape (\xHH or \u00HH) unless it has a short one.
bool isNumericEscaped(unsigned char c, EscapeStyle style) noexcept
{
    return c < 0x20 || c == 0x7f || (style == EscapeStyle::AsciiLog && c >= 0x80);
}

void appendNumeric(std::string& out, unsigned char c, EscapeStyle style)
{
    out += style == EscapeStyle::Json ? "\\u00" : "\\x";
    out += kHexDigits[c >> 4];
    out += kHexDigits[c & 0x0F];
}

void appendOne(std::string& out, unsigned char c, EscapeStyle style)
{
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default:
        if (isNumericEscaped(c, style)) {
            appendNumeric(out, c, style);
        } else {
            out += static_cast<char>(c);
        }
    }
}

/// True when `c` may stand in an unquoted log value.
bool isBare(unsigned char c, EscapeStyle style) noexcept
{
    return c != ' ' && c != '"' && c != '\\' && c != '=' && !isNumericEscaped(c, style);
}

} // namespace

void appendEscaped(std::string& out, std::string_view value, EscapeStyle style)
{
    for (const char c : value) {
        appendOne(out, static_cast<unsigned char>(c), style);
    }
}

void appendLogValue(std::string& out, std::string_view value, EscapeStyle style)
{
    const bool bare = !value.empty() && std::all_of(value.begin(), value.end(), [style](char c) {
        return isBare(static_cast<unsigned char>(c), style);
    });
    if (bare) {
        out += value;
        return;
    }
    out += '"';
    appendEscaped(out, value, style);
    out += '"';
}

} // namespace smpp::text
