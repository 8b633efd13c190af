#pragma once

#include "config/Settings.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/CampaignRoutes.h"
#include "smppd/routing/Router.h"

#include <Poco/Logger.h>

#include <string>
#include <vector>

namespace smppd {

/// The message stored for a bridge `send` for delivery to `account` (architecture §1 flow 2):
/// origin "bridge", source_addr = campaign, destination_addr = phone (a leading '+' becomes
/// TON international), text encoded with encodeBest() (GSM 7-bit when it maps, else UCS-2);
/// the Router splits it into concatenated deliver_sm when long.
Message bridgeMessage(const BridgeSend& send, const std::string& account);

/// BridgeBackend over the Router: Router::submit() commits the message, answers, then queues
/// it for the bound RX/TRX sessions of its account: the request's `account` when it names one,
/// else the owner of its campaign number (CampaignRoutes: the first account in file order whose
/// addressRange matches). A campaign no account owns is refused (`invalid_argument`, logged as
/// `event=bridge_no_account`) and nothing is stored.
class RouterBridgeBackend : public BridgeBackend {
public:
    /// `accounts`: Settings::accounts, in file order; never empty. Throws ConfigError for an
    /// addressRange that does not compile. Runs on the Router's thread (the server's event
    /// loop, where the bridge's connections run), and answers there, once committed.
    RouterBridgeBackend(
        Router& router, const std::vector<Account>& accounts, MessageIdFormat id_format);

    void submit(const BridgeSend& send, Done done) override;

private:
    /// Sets the target account of `message` to the owner of its campaign number; false (logged)
    /// when no account owns it.
    bool routeByCampaign(const BridgeSend& send, Message& message) const;

    Router& router_;
    CampaignRoutes routes_;
    MessageIdFormat id_format_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
