#pragma once

#include "common/smpp/CommandStatus.h"
#include "config/Settings.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

/// Checks bind credentials against the configured accounts (checklist §2 "Failed binds").
/// Refusals are values (style.md error kind (b)), as osmo's `_process_bind` does. Thread-safe.
/// An account with a password hash (scrypt/PBKDF2, costly on purpose) is checked by one thread
/// at a time, so a flood of binds cannot take N x 32 MiB; a password once verified is
/// remembered (as a SHA-256 under a per-process random key), so a client that rebinds with
/// the right password does not pay the hash again.
class Authenticator {
public:
    /// How an unknown system_id is answered: InvalidSystemId (0x0F, the spec's choice) or
    /// InvalidPassword (0x0E, Jasmin's choice, which does not reveal which accounts exist).
    struct Options {
        bool hide_unknown_system_id = false;

        /// From `Authentication.HideUnknownLogin`.
        static Options fromSettings(const AuthSettings& auth)
        {
            return Options{.hide_unknown_system_id = auth.hide_unknown_login};
        }
    };

    /// The outcome of authenticate(): status Ok and the matched account, or a refusal.
    struct Result {
        smpp::CommandStatus status = smpp::CommandStatus::Ok;
        const Account* account = nullptr; ///< points into this Authenticator; null on refusal
    };

    Authenticator(std::vector<Account> accounts, Options options);

    /// Ok + account when system_id exists, the password matches (constant-time compare) and
    /// peer_ip is allowed; InvalidSystemId/InvalidPassword (see Options) for an unknown
    /// system_id, InvalidPassword for a wrong password, BindFailed for a peer not allowed.
    Result authenticate(
        std::string_view system_id, std::string_view password, std::string_view peer_ip) const;

    /// The account named system_id, or null.
    const Account* find(std::string_view system_id) const;

private:
    bool passwordMatches(const Account& account, std::string_view password) const;

    std::vector<Account> accounts_;
    Options options_;
    std::string cache_key_; ///< random, for the digests of verified passwords
    mutable std::mutex hash_mutex_; ///< one costly hash check at a time
    mutable std::mutex cache_mutex_;
    mutable std::map<std::string, std::string, std::less<>> verified_; ///< system_id -> digest
};

/// Compares two secrets in time that depends only on their lengths, not on where they differ.
bool constantTimeEquals(std::string_view a, std::string_view b) noexcept;

/// True if ip (dotted IPv4 or IPv6 text) matches one entry of allowed (exact address or
/// IPv4 CIDR "a.b.c.d/n"); an empty list allows everything.
bool ipAllowed(std::string_view ip, const std::vector<std::string>& allowed);

} // namespace smppd
