#pragma once

#include "config/Settings.h"

#include <string>
#include <string_view>
#include <vector>

namespace smppd::config_detail {

/// Reads the `Accounts.File` document:
/// ```xml
/// <accounts>
///   <account systemId="esme1" password="secret" maxSessions="2" throttleRate="50"
///            allowedIps="10.0.0.0/8, 192.168.1.20" addressRange="^33612"/>
/// </accounts>
/// ```
/// systemId is required, and either password or passwordHash (a string from
/// `smppd --hash-password`), never both; maxSessions and throttleRate default to
/// Server.MaxSessionsPerAccount and Server.ThrottleRate; allowedIps (IPs or CIDR, comma
/// separated) defaults to any; addressRange (a regular expression over the campaign numbers the
/// account owns: see Account::address_range) defaults to every number. An addressRange after an
/// account without one is never used: that adds a warning. Throws ConfigError naming the file,
/// line, account and attribute for a missing file, malformed XML, a bad or duplicate value, or no
/// account at all. Values the SMPP 3.4 wire format cannot carry (system_id > 15, password > 8
/// characters) add a warning.
std::vector<Account> loadAccounts(
    const std::string& path, const ServerSettings& defaults, std::vector<std::string>& warnings);

/// Same as loadAccounts() for an in-memory document; `source` names it in errors. Fuzzed
/// (tests/fuzz/FuzzAccounts.cpp).
std::vector<Account> parseAccountsDocument(std::string_view xml,
    const std::string& source,
    const ServerSettings& defaults,
    std::vector<std::string>& warnings);

} // namespace smppd::config_detail
