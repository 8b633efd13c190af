#pragma once

#include "smppd/bridge/BridgeRequest.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace smppd {

/// Longest request line accepted (architecture §4.4); a longer one is refused and the
/// connection closed.
inline constexpr std::size_t kMaxBridgeLine = 64 * 1024;

/// Parses and validates one request line (without its '\n'; a trailing '\r' is ignored).
/// Pure: no I/O, never throws. Refusals are BridgeError values:
/// - bad_json: not a JSON object;
/// - invalid_argument: unknown or missing op, a field of the wrong type, an empty or malformed
///   `to` (digits, optional leading '+', 1-20 digits; spaces, dots and dashes are dropped),
///   an empty or over-long `campaign` (1-20 printable ASCII characters), an empty `text`,
///   a `ref` over 64 characters.
BridgeParsed parseBridgeLine(std::string_view line);

/// `{"ok":true}`.
std::string formatBridgeOk();
/// `{"ok":true,"id":"<id>"}`.
std::string formatBridgeOk(std::string_view id);
/// `{"ok":false,"error":"<code>","message":"<message>"}`.
std::string formatBridgeError(const BridgeError& error);

/// True when `given` equals `expected`, in time independent of where they differ.
bool tokenMatches(std::string_view expected, std::string_view given) noexcept;

} // namespace smppd
