#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace smppd::support {

/// The token a message's log lines carry: "message_id=<decimal id>" (architecture §4.6).
std::string messageIdToken(std::int64_t id);

/// True when `line` holds `token` as a whole space-separated token: preceded by the start of the
/// line or a space, followed by a space or the end. So "message_id=4" is not found in
/// "... message_id=42 ..." nor in "... old_message_id=4".
bool hasToken(std::string_view line, std::string_view token);

} // namespace smppd::support
