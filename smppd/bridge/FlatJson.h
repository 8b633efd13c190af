#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smppd {

/// A JSON object whose values are all strings or null, e.g. a bridge request line.
struct FlatJsonObject {
    /// name -> value (std::nullopt = JSON null), in the order of the line.
    std::vector<std::pair<std::string, std::optional<std::string>>> fields;

    /// The field `name`: nullptr when absent.
    const std::optional<std::string>* find(std::string_view name) const;
};

/// The fast path of the bridge parser (a general JSON parser cost more than the rest of a
/// bridge send): parses `text` when it is exactly one JSON object (RFC 8259) whose keys are
/// plain (no escapes), distinct, and whose values are strings (escapes and surrogate pairs
/// decoded to UTF-8) or null. Anything else, valid or not (a number, a nested value, a
/// duplicate key, \u0000, invalid UTF-8, a syntax error), gives std::nullopt: the caller falls
/// back to a general parser, which accepts or refuses it with its own message. Never throws.
std::optional<FlatJsonObject> parseFlatJsonObject(std::string_view text);

} // namespace smppd
