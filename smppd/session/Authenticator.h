#pragma once

#include "common/smpp/CommandStatus.h"
#include "config/Settings.h"

#include <string_view>
#include <vector>

namespace smppd {

/// Checks bind credentials against the configured accounts (checklist §2 "Failed binds").
/// Refusals are values (style.md error kind (b)), as osmo's `_process_bind` does. Thread-safe
/// (immutable after construction).
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
    std::vector<Account> accounts_;
    Options options_;
};

/// Compares two secrets in time that depends only on their lengths, not on where they differ.
bool constantTimeEquals(std::string_view a, std::string_view b) noexcept;

/// True if ip (dotted IPv4 or IPv6 text) matches one entry of allowed (exact address or
/// IPv4 CIDR "a.b.c.d/n"); an empty list allows everything.
bool ipAllowed(std::string_view ip, const std::vector<std::string>& allowed);

} // namespace smppd
