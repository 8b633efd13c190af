#include "config/ValueParsers.h"

#include "config/ConfigError.h"
#include "config/Settings.h"

#include <Poco/Net/IPAddress.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace smppd::config_detail {

namespace {

std::string visible(std::string_view value)
{
    std::string out;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            out += fmt::format("\\x{:02x}", u);
        } else {
            out += c;
        }
    }
    return out;
}

bool parseDigits(std::string_view text, std::uint64_t& out)
{
    if (text.empty()) {
        return false;
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

std::uint64_t unitMultiplier(std::string unit, bool& ok)
{
    ok = true;
    if (unit.size() == 2 && unit[1] == 'b') {
        unit.pop_back();
    }
    if (unit.empty() || unit == "b") {
        return 1;
    }
    if (unit == "k") {
        return 1024;
    }
    if (unit == "m") {
        return 1024ULL * 1024;
    }
    if (unit == "g") {
        return 1024ULL * 1024 * 1024;
    }
    ok = false;
    return 0;
}

} // namespace

void fail(std::string_view key, std::string_view value, std::string_view expected)
{
    throw ConfigError(fmt::format(
        "config: {}='{}' is not valid: expected {}", key, visible(value), visible(expected)));
}

std::string_view trim(std::string_view value)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!value.empty() && blank(value.front())) {
        value.remove_prefix(1);
    }
    while (!value.empty() && blank(value.back())) {
        value.remove_suffix(1);
    }
    return value;
}

std::string lower(std::string_view value)
{
    std::string out(value);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

std::uint64_t parseInteger(
    std::string_view key, std::string_view value, std::uint64_t min, std::uint64_t max)
{
    std::uint64_t n = 0;
    if (!parseDigits(trim(value), n) || n < min || n > max) {
        fail(key, value, fmt::format("an integer {}..{}", min, max));
    }
    return n;
}

bool parseBool(std::string_view key, std::string_view value)
{
    const std::string v = lower(trim(value));
    if (v == "true" || v == "1" || v == "yes" || v == "on") {
        return true;
    }
    if (v == "false" || v == "0" || v == "no" || v == "off") {
        return false;
    }
    fail(key, value, "true or false");
}

std::uint64_t parseByteSize(
    std::string_view key, std::string_view value, std::uint64_t min, std::uint64_t max)
{
    const std::string_view text = trim(value);
    const auto digits_end = std::find_if(text.begin(), text.end(), [](char c) {
        return !std::isdigit(static_cast<unsigned char>(c));
    });
    const auto split = static_cast<std::size_t>(digits_end - text.begin());
    std::uint64_t n = 0;
    bool unit_ok = false;
    const std::uint64_t multiplier = unitMultiplier(lower(trim(text.substr(split))), unit_ok);
    const std::string expected =
        fmt::format("a size in bytes {}..{}, or with a unit like '10 M' or '512 K'", min, max);
    if (!parseDigits(text.substr(0, split), n) || !unit_ok || n > max / multiplier) {
        fail(key, value, expected);
    }
    n *= multiplier;
    if (n < min || n > max) {
        fail(key, value, expected);
    }
    return n;
}

bool isAddressOrCidr(std::string_view text)
{
    const auto slash = text.find('/');
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(std::string(text.substr(0, slash)), address)) {
        return false;
    }
    if (slash == std::string_view::npos) {
        return true;
    }
    std::uint64_t prefix = 0;
    const std::uint64_t max_prefix = address.family() == Poco::Net::IPAddress::IPv4 ? 32 : 128;
    return parseDigits(text.substr(slash + 1), prefix) && prefix <= max_prefix;
}

std::vector<std::string> parseAddressList(std::string_view key, std::string_view value)
{
    std::vector<std::string> out;
    std::string_view rest = value;
    while (!trim(rest).empty()) {
        const auto sep = rest.find_first_of(",;");
        const std::string_view item = trim(rest.substr(0, sep));
        if (!isAddressOrCidr(item)) {
            fail(key, value, "a comma-separated list of IP addresses or CIDR blocks (10.0.0.0/8)");
        }
        out.emplace_back(item);
        rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
    }
    return out;
}

namespace {

bool isSeparator(char c)
{
    return c == '/' || c == '\\';
}

/// `\\server\share\...` (or `//server/share/...`): a network path, absolute. libstdc++'s
/// Windows path sees no root name in it, so it would be resolved against the config's drive.
bool isNetworkPath(std::string_view text)
{
    return text.size() > 2 && isSeparator(text[0]) && isSeparator(text[1]) && !isSeparator(text[2]);
}

std::string networkPath(std::string_view text)
{
    const auto rest = std::filesystem::path(std::string(text.substr(2))).lexically_normal();
    return std::string(2, static_cast<char>(std::filesystem::path::preferred_separator))
        + rest.string();
}

} // namespace

void checkNotReserved(std::string_view key, std::string_view system_id)
{
    if (system_id == kBridgeOrigin) {
        fail(key,
            system_id,
            "a system id other than 'bridge' (smppd's name for the messages of the Hermes plugin)");
    }
}

std::string resolvePath(const std::string& base_dir, std::string_view value)
{
    const std::string_view text = trim(value);
    if (text.empty() || text == ":memory:") {
        return std::string(text);
    }
    if (isNetworkPath(text)) {
        return networkPath(text);
    }
    std::filesystem::path path{std::string(text)};
    if (path.is_relative()) {
        const std::filesystem::path base =
            base_dir.empty() ? std::filesystem::current_path() : std::filesystem::path(base_dir);
        path = base / path;
    }
    path = path.lexically_normal();
    if (!path.has_filename() && path.has_relative_path()) {
        path = path.parent_path(); // "/etc/smppd/" -> "/etc/smppd"
    }
    return path.string();
}

} // namespace smppd::config_detail
