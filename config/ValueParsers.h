#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// Value parsers shared by the config readers. Each throws ConfigError with the one-line
/// message `config: <key>='<value>' is not valid: expected <expected>`.
namespace smppd::config_detail {

/// Throws ConfigError naming the key, the value (control characters made visible) and what
/// is expected.
[[noreturn]] void fail(std::string_view key, std::string_view value, std::string_view expected);

/// Throws ConfigError when `system_id` is a name smppd keeps for itself: "bridge" is the origin
/// of the Hermes plugin's messages, so an account of that name would take their receipts.
void checkNotReserved(std::string_view key, std::string_view system_id);

/// A decimal integer in [min, max], surrounding blanks allowed.
std::uint64_t parseInteger(
    std::string_view key, std::string_view value, std::uint64_t min, std::uint64_t max);

/// true/false, 1/0, yes/no, on/off (case-insensitive).
bool parseBool(std::string_view key, std::string_view value);

/// Bytes: `10485760`, `10 M`, `10M`, `512 K`, `1 G` (K/M/G are 1024-based, case-insensitive,
/// optional trailing B as in `10 MB`), within [min, max].
std::uint64_t parseByteSize(
    std::string_view key, std::string_view value, std::uint64_t min, std::uint64_t max);

/// An IPv4/IPv6 address or a CIDR block (`10.0.0.0/8`, `fd00::/8`).
bool isAddressOrCidr(std::string_view text);

/// Comma- or semicolon-separated IPs/CIDR blocks, blanks trimmed; empty value = empty list.
std::vector<std::string> parseAddressList(std::string_view key, std::string_view value);

/// `value` trimmed of surrounding blanks.
std::string_view trim(std::string_view value);

/// ASCII lower case copy.
std::string lower(std::string_view value);

/// `value` resolved against `base_dir` when relative, lexically normalised; "" stays "".
std::string resolvePath(const std::string& base_dir, std::string_view value);

} // namespace smppd::config_detail
