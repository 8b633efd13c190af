#include "config/AccountsFile.h"
#include "config/AppSettingsReader.h"
#include "config/KeyTable.h"
#include "config/Settings.h"
#include "config/ValueParsers.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace smppd {

namespace {

using config_detail::KeyValue;

void applyEntries(Settings& s, const std::vector<KeyValue>& entries)
{
    std::set<std::string> seen;
    for (const KeyValue& kv : entries) {
        const std::string canonical = config_detail::lower(kv.key);
        if (!seen.insert(canonical).second) {
            s.warnings.push_back(fmt::format(
                "config: key '{}' (line {}) appears more than once; the last value wins",
                kv.key,
                kv.line));
        }
        const config_detail::KeySetter* setter = config_detail::findKey(kv.key);
        if (setter == nullptr) {
            s.warnings.push_back(
                fmt::format("config: unknown key '{}' (line {}) is ignored", kv.key, kv.line));
            continue;
        }
        (*setter)(s, kv.key, kv.value);
    }
}

void applyDefaultPaths(Settings& s, const std::set<std::string>& given)
{
    if (!given.contains("store.path")) {
        s.store.path = config_detail::resolvePath(s.base_dir, "data/smppd.db");
    }
    if (!given.contains("log.directory")) {
        s.log.directory = config_detail::resolvePath(s.base_dir, "logs");
    }
}

std::set<std::string> givenKeys(const std::vector<KeyValue>& entries)
{
    std::set<std::string> keys;
    for (const KeyValue& kv : entries) {
        keys.insert(config_detail::lower(kv.key));
    }
    return keys;
}

void fillAccounts(Settings& s, const std::set<std::string>& given)
{
    if (!s.accounts_file.empty()) {
        s.accounts = config_detail::loadAccounts(s.accounts_file, s.server, s.warnings);
        return;
    }
    if (!s.auth.password_hash.empty()) {
        if (given.contains("authentication.password") && !s.auth.password.empty()) {
            throw ConfigError(
                "config: Authentication.Password and Authentication.PasswordHash "
                "are both set: expected one of them (remove the password, or leave it empty)");
        }
        s.auth.password.clear(); // the default "vocalcom" does not apply beside a hash
    }
    if (s.auth.password.size() > 8) {
        s.warnings.push_back("config: Authentication.Password is longer than the 8 characters "
                             "SMPP 3.4 allows; strict clients cannot bind with it");
    }
    s.accounts.push_back(Account{.system_id = s.auth.login,
        .password = s.auth.password,
        .password_hash = s.auth.password_hash,
        .max_sessions = s.server.max_sessions_per_account,
        .throttle_rate = s.server.throttle_rate,
        .allowed_ips = {},
        .address_range = {}}); // owns every campaign number of the bridge, as before
}

Settings parseDocument(std::string_view xml, const std::string& base_dir, const std::string& source)
{
    Settings s;
    s.base_dir = config_detail::resolvePath(base_dir, ".");
    const std::vector<KeyValue> entries = config_detail::readAppSettings(xml, source);
    applyEntries(s, entries);
    applyDefaultPaths(s, givenKeys(entries));
    config_detail::validateCrossKeys(s);
    fillAccounts(s, givenKeys(entries));
    s.security_warnings = securityWarnings(s);
    return s;
}

} // namespace

Settings parseSettings(std::string_view xml, const std::string& base_dir)
{
    return parseDocument(xml, base_dir, "<memory>");
}

Settings loadSettings(const std::string& path)
{
    std::error_code ec;
    const std::filesystem::path file = std::filesystem::absolute(path, ec);
    if (ec || !std::filesystem::is_regular_file(file, ec)) {
        throw ConfigError(fmt::format("config: file '{}' does not exist or is not a file", path));
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ConfigError(fmt::format("config: file '{}' cannot be read", path));
    }
    std::ostringstream text;
    text << in.rdbuf();
    Settings s = parseDocument(text.str(), file.parent_path().string(), file.string());
    s.config_path = file.lexically_normal().string();
    return s;
}

std::string_view toString(Mode mode)
{
    return mode == Mode::Vocalcom ? "VOCALCOM" : "OPPORTUNITY";
}

} // namespace smppd
