#pragma once

#include "config/Settings.h"

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

/// Which account owns a message of the Hermes plugin (architecture §4.4), decided from its
/// campaign number alone, so that the answer is the same whoever is bound and after a restart:
/// the FIRST account, in Accounts.File order, whose `addressRange` matches the campaign number;
/// an account without `addressRange` matches every number. So the single account of
/// Authentication.*, and an accounts file without ranges, own everything as before (the first
/// account), and a range-less account placed last is the explicit default of a file with ranges.
/// When every account has a range and none matches there is no owner: the bridge refuses the
/// message rather than hand one customer's campaign to another customer's account.
/// Pure: no I/O, no logging.
class CampaignRoutes {
public:
    /// `accounts` in file order (Settings::accounts). Throws ConfigError naming the account when
    /// an address_range is not a valid regular expression (the config library refuses it first).
    explicit CampaignRoutes(const std::vector<Account>& accounts);

    /// The system_id owning `number`: the campaign number as the deliver_sm carries it in
    /// source_addr (a leading '+' is not part of it). Matched like a bind's address_range:
    /// std::regex_search, so anchor a prefix (`^336`). nullopt when no account's range matches.
    std::optional<std::string> owner(std::string_view number) const;

    /// True when `system_id` is one of the accounts (a `send` may name its account).
    bool contains(std::string_view system_id) const;

private:
    struct Route {
        std::string system_id;
        std::optional<std::regex> range; ///< nullopt = every number
    };
    std::vector<Route> routes_;
};

} // namespace smppd
