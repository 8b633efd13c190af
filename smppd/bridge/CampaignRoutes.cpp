#include "smppd/bridge/CampaignRoutes.h"

#include <fmt/format.h>

#include <algorithm>

namespace smppd {

CampaignRoutes::CampaignRoutes(const std::vector<Account>& accounts)
{
    routes_.reserve(accounts.size());
    for (const Account& account : accounts) {
        Route route{account.system_id, std::nullopt};
        if (!account.address_range.empty()) {
            try {
                route.range.emplace(
                    account.address_range, std::regex::ECMAScript | std::regex::optimize);
            } catch (const std::regex_error& e) {
                throw ConfigError(fmt::format("config: Accounts.File: account '{}' "
                                              "addressRange='{}' is not valid: {}",
                    account.system_id,
                    account.address_range,
                    e.what()));
            }
        }
        routes_.push_back(std::move(route));
    }
}

std::optional<std::string> CampaignRoutes::owner(std::string_view number) const
{
    for (const Route& route : routes_) {
        if (!route.range || std::regex_search(number.begin(), number.end(), *route.range)) {
            return route.system_id;
        }
    }
    return std::nullopt;
}

bool CampaignRoutes::contains(std::string_view system_id) const
{
    return std::any_of(routes_.begin(), routes_.end(), [system_id](const Route& route) {
        return route.system_id == system_id;
    });
}

} // namespace smppd
