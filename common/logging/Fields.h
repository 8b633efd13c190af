#pragma once

#include <string>
#include <string_view>

namespace logging {

/// A value made safe for one `key=value` log line: returned as is when it is non-empty and holds
/// no space, quote, backslash, '=' or control character; otherwise wrapped in double quotes with
/// `"` and `\` escaped and control characters written as \n, \r, \t or \xHH. So
/// `text={}` with quoted("hello world") gives `text="hello world"` and lines stay grep-able.
std::string quoted(std::string_view value);

} // namespace logging
