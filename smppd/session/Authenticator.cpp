#include "smppd/session/Authenticator.h"

#include "config/PasswordHash.h"

#include <charconv>
#include <cstdint>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <optional>
#include <stdexcept>
#include <utility>

namespace smppd {
namespace {

std::optional<std::uint32_t> parseIpv4(std::string_view text)
{
    std::uint32_t value = 0;
    int parts = 0;
    while (parts < 4) {
        unsigned octet = 0;
        const auto* begin = text.data();
        const auto [ptr, ec] = std::from_chars(begin, begin + text.size(), octet);
        if (ec != std::errc{} || ptr == begin || octet > 255) {
            return std::nullopt;
        }
        value = (value << 8) | octet;
        ++parts;
        text.remove_prefix(static_cast<std::size_t>(ptr - begin));
        if (parts < 4) {
            if (text.empty() || text.front() != '.') {
                return std::nullopt;
            }
            text.remove_prefix(1);
        }
    }
    if (!text.empty()) {
        return std::nullopt;
    }
    return value;
}

bool cidrMatches(std::string_view ip, std::string_view entry)
{
    const auto slash = entry.find('/');
    if (slash == std::string_view::npos) {
        return ip == entry;
    }
    const auto net = parseIpv4(entry.substr(0, slash));
    // An IPv4-mapped IPv6 peer (::ffff:a.b.c.d) is matched on its IPv4 part.
    if (ip.starts_with("::ffff:")) {
        ip.remove_prefix(7);
    }
    const auto addr = parseIpv4(ip);
    unsigned bits = 0;
    const auto prefix = entry.substr(slash + 1);
    const auto [ptr, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits);
    if (!net || !addr || ec != std::errc{} || ptr != prefix.data() + prefix.size() || bits > 32) {
        return false;
    }
    const std::uint32_t mask = bits == 0 ? 0U : ~std::uint32_t{0} << (32 - bits);
    return (*net & mask) == (*addr & mask);
}

/// HMAC-SHA256 of `password` under `key`: what the cache keeps instead of the password.
std::string digestOf(const std::string& key, std::string_view password)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(),
        key.data(),
        static_cast<int>(key.size()),
        reinterpret_cast<const unsigned char*>(password.data()),
        password.size(),
        out,
        &length);
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::string randomKey()
{
    std::string key(32, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size()))
        != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    }
    return key;
}

} // namespace

bool constantTimeEquals(std::string_view a, std::string_view b) noexcept
{
    // Walk the longer length so the time does not reveal the position of the first difference.
    const std::size_t n = a.size() > b.size() ? a.size() : b.size();
    unsigned diff = a.size() == b.size() ? 0U : 1U;
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0U;
        const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0U;
        diff |= x ^ y;
    }
    return diff == 0;
}

bool ipAllowed(std::string_view ip, const std::vector<std::string>& allowed)
{
    if (allowed.empty()) {
        return true;
    }
    for (const auto& entry : allowed) {
        if (cidrMatches(ip, entry)) {
            return true;
        }
    }
    return false;
}

Authenticator::Authenticator(std::vector<Account> accounts, Options options)
    : accounts_(std::move(accounts)),
      options_(options),
      cache_key_(randomKey())
{
}

bool Authenticator::passwordMatches(const Account& account, std::string_view password) const
{
    if (account.password_hash.empty()) {
        return constantTimeEquals(password, account.password);
    }
    const std::string digest = digestOf(cache_key_, password);
    {
        const std::lock_guard lock(cache_mutex_);
        const auto it = verified_.find(account.system_id);
        if (it != verified_.end() && constantTimeEquals(it->second, digest)) {
            return true;
        }
    }
    const std::lock_guard serial(hash_mutex_);
    if (!verifyPassword(account.password_hash, password)) {
        return false;
    }
    const std::lock_guard lock(cache_mutex_);
    verified_[account.system_id] = digest;
    return true;
}

const Account* Authenticator::find(std::string_view system_id) const
{
    for (const auto& account : accounts_) {
        if (account.system_id == system_id) {
            return &account;
        }
    }
    return nullptr;
}

Authenticator::Result Authenticator::authenticate(
    std::string_view system_id, std::string_view password, std::string_view peer_ip) const
{
    const Account* account = find(system_id);
    if (account == nullptr) {
        return {options_.hide_unknown_system_id ? smpp::CommandStatus::InvalidPassword
                                                : smpp::CommandStatus::InvalidSystemId,
            nullptr};
    }
    if (!passwordMatches(*account, password)) {
        return {smpp::CommandStatus::InvalidPassword, nullptr};
    }
    if (!ipAllowed(peer_ip, account->allowed_ips)) {
        return {smpp::CommandStatus::BindFailed, nullptr};
    }
    return {smpp::CommandStatus::Ok, account};
}

} // namespace smppd
