#pragma once

#include "config/Settings.h"

#include <functional>
#include <string_view>

namespace smppd::config_detail {

/// Parses one key's value into the settings; throws ConfigError naming `key` on a bad value.
using KeySetter = std::function<void(Settings&, std::string_view key, std::string_view value)>;

/// The setter of a §4.1 key (matched case-insensitively, as .NET appSettings does), or nullptr
/// for an unknown key.
const KeySetter* findKey(std::string_view key);

/// Rules that span keys (UrlHermes required in VOCALCOM, heartbeat timeout > interval, TLS
/// files present...). Throws ConfigError naming the key.
void validateCrossKeys(const Settings& settings);

} // namespace smppd::config_detail
