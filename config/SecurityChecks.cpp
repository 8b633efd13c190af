#include "config/PasswordHash.h"
#include "config/Settings.h"

#include <Poco/Net/IPAddress.h>
#include <fmt/format.h>

namespace smppd {
namespace {

/// A hash costs a scrypt/PBKDF2 run (~0.2 s) at startup: it is checked for the single
/// Authentication.* account and for an accounts file's "admin" (the spec's default login) only,
/// so a file of many hashed accounts does not slow the start down.
bool isDefaultPassword(const Account& account, bool single_account)
{
    if (!account.password_hash.empty()) {
        return (single_account || account.system_id == kSpecDefaultLogin)
            && verifyPassword(account.password_hash, kSpecDefaultPassword);
    }
    return account.password == kSpecDefaultPassword;
}

} // namespace

bool isLoopbackHost(std::string_view host)
{
    if (host == "localhost") {
        return true;
    }
    Poco::Net::IPAddress address;
    if (host.empty() || !Poco::Net::IPAddress::tryParse(std::string(host), address)) {
        return false;
    }
    if (address.isLoopback()) {
        return true;
    }
    // ::ffff:127.0.0.1 (IPv4-mapped loopback)
    return address.isIPv4Mapped() && std::string(host).find("::ffff:127.") == 0;
}

std::vector<SecurityWarning> securityWarnings(const Settings& settings)
{
    std::vector<SecurityWarning> out;
    if (isLoopbackHost(settings.server.listen_host)) {
        return out;
    }
    const std::string where = settings.server.listen_host.empty() ? std::string("every interface")
                                                                  : settings.server.listen_host;
    for (const Account& account : settings.accounts) {
        if (!isDefaultPassword(account, settings.accounts_file.empty())) {
            continue;
        }
        const std::string key = settings.accounts_file.empty()
            ? (account.password_hash.empty() ? "Authentication.Password"
                                             : "Authentication.PasswordHash")
            : fmt::format("Accounts.File account '{}' password", account.system_id);
        out.push_back(SecurityWarning{"default_password",
            key,
            fmt::format("account '{}' uses the SMPP spec's default password while the SMPP "
                        "listener is reachable on {} (Server.ListenHost): change {}",
                account.system_id,
                where,
                key)});
    }
    return out;
}

} // namespace smppd
