#include "common/logging/Fields.h"

#include <fmt/format.h>

#include <algorithm>

namespace logging {

namespace {

bool needsQuotes(std::string_view value)
{
    if (value.empty()) {
        return true;
    }
    return std::any_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f || c == '"' || c == '\\' || c == '=';
    });
}

void appendEscaped(std::string& out, char c)
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
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
}

} // namespace

std::string quoted(std::string_view value)
{
    if (!needsQuotes(value)) {
        return std::string(value);
    }
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (const char c : value) {
        appendEscaped(out, c);
    }
    out += '"';
    return out;
}

} // namespace logging
