#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace smpp::text {

/// U+FFFD, substituted for every malformed input sequence by the decoders of this library.
inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Decodes the code point starting at `pos` in `utf8` and advances `pos` past it.
/// Precondition: pos < utf8.size().
/// Malformed input (bad lead byte, truncated or bad continuation, overlong form, UTF-16
/// surrogate, value above U+10FFFF) yields kReplacementChar and advances past the maximal
/// invalid subpart (Unicode §3.9 "U+FFFD substitution of maximal subparts"), so one bad
/// sequence gives exactly one U+FFFD and the scan always makes progress. Never reads past
/// the end of `utf8`.
char32_t nextCodePoint(std::string_view utf8, std::size_t& pos) noexcept;

/// Appends the UTF-8 form of `cp` to `out`. Surrogates and values above U+10FFFF are
/// appended as U+FFFD, so the output is always valid UTF-8.
void appendUtf8(std::string& out, char32_t cp);

/// Returns `utf8` with every malformed sequence replaced by U+FFFD (valid input is returned
/// unchanged). Useful before handing pass-through 8-bit payloads to a JSON encoder.
std::string sanitizeUtf8(std::string_view utf8);

} // namespace smpp::text
