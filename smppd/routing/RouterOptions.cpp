#include "smppd/routing/RouterOptions.h"

namespace smppd {

WallClock systemWallClock()
{
    return [] { return std::chrono::system_clock::now(); };
}

RouterOptions routerOptionsFrom(const Settings& settings)
{
    RouterOptions options;
    options.mode = settings.mode;
    for (const auto& account : settings.accounts) {
        options.accounts.push_back(account.system_id);
    }
    options.id_format = settings.server.message_id_format;
    options.default_validity = settings.message.validity;
    options.handset_delay = settings.message.handset_delay;
    options.max_queued_per_account = settings.message.max_queued_per_account;
    options.max_held_receipts_per_account = settings.message.max_held_receipts_per_account;
    options.max_backoff = settings.hermes.max_retry_backoff;
    return options;
}

} // namespace smppd
