#pragma once

#include <string>
#include <string_view>

namespace smpp::text {

/// What appendEscaped() does with the octets that have no short escape: the C0 controls and
/// DEL always, and for AsciiLog also every octet >= 0x80.
enum class EscapeStyle {
    /// `key=value` log values: controls and DEL as \xHH; octets >= 0x80 (UTF-8) kept as they are.
    Log,
    /// `key=value` lines that must stay ASCII whatever the data (the PDU trace, where text may be
    /// in any data_coding): controls, DEL and every octet >= 0x80 as \xHH.
    AsciiLog,
    /// JSON string contents (RFC 8259 §7): controls and DEL as \u00HH; UTF-8 kept raw (so unlike
    /// Poco::UTF8::escape, which \u-escapes every non-ASCII character).
    Json,
};

/// Appends `value` to `out` with `"` and `\` backslash-escaped, newline, CR and tab written as
/// \n \r \t, the other octets that `style` names written as \xHH or \u00HH (lowercase hex) and
/// every remaining octet copied. No surrounding quotes.
void appendEscaped(std::string& out, std::string_view value, EscapeStyle style);

/// Appends `value` as the value of one `key=value` log field (style Log or AsciiLog): as it is
/// when it is non-empty and holds no space, `"`, `\`, `=` or octet that `style` escapes;
/// otherwise in double quotes, escaped by appendEscaped(). So lines stay one per event and
/// grep-able: `text="hello world"`, `id=42`, `empty=""`.
void appendLogValue(std::string& out, std::string_view value, EscapeStyle style);

} // namespace smpp::text
