#pragma once

#include "config/Settings.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/routing/Router.h"

#include <string>
#include <vector>

namespace smppd {

/// The message stored for a bridge `send` for delivery to `account` (architecture §1 flow 2):
/// origin "bridge", source_addr = campaign, destination_addr = phone (a leading '+' becomes
/// TON international), text encoded with encodeBest() (GSM 7-bit when it maps, else UCS-2);
/// the Router splits it into concatenated deliver_sm when long.
Message bridgeMessage(const BridgeSend& send, const std::string& account);

/// BridgeBackend over the Router: Router::submit() commits the message, answers, then queues
/// it for the bound RX/TRX sessions of the account (the request's `account`, else the first
/// configured account).
class RouterBridgeBackend : public BridgeBackend {
public:
    /// `accounts`: the system_ids a send may name (Settings::accounts); never empty.
    RouterBridgeBackend(
        Router& router, std::vector<std::string> accounts, MessageIdFormat id_format);

    void submit(const BridgeSend& send, Done done) override;

private:
    Router& router_;
    std::vector<std::string> accounts_;
    MessageIdFormat id_format_;
};

} // namespace smppd
