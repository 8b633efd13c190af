#pragma once

#include <string_view>

namespace smppd {

/// The C name of a SQLite result code, e.g. "SQLITE_FULL", "SQLITE_IOERR_WRITE": the extended
/// code's name when it is one of the common ones, else its primary code's. A bounded set (it is a
/// metric label); "SQLITE_UNKNOWN" for a code SQLite does not define, "none" for 0.
std::string_view sqliteCodeName(int code) noexcept;

} // namespace smppd
