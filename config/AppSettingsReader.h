#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smppd::config_detail {

/// One `<add key=".." value=".."/>` entry, with its line in the document.
struct KeyValue {
    std::string key;
    std::string value;
    int line = 0;
};

/// The `<add>` entries of a .NET appSettings document, in document order. The root is
/// `<configuration>` (entries under its `<appSettings>`) or `<appSettings>`; other sections are
/// ignored, XML comments are allowed, `<clear/>` and `<remove key=".."/>` work as in .NET.
/// `source` names the document in errors (the file path, or "<memory>").
/// Throws ConfigError for malformed XML (with line and column), a wrong root element, or an
/// `<add>` without a key attribute.
std::vector<KeyValue> readAppSettings(std::string_view xml, const std::string& source);

} // namespace smppd::config_detail
