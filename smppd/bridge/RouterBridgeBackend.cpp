#include "smppd/bridge/RouterBridgeBackend.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/text/Encoding.h"
#include "common/text/Segmenter.h"
#include "config/Settings.h"

#include <utility>

namespace smppd {
namespace {

constexpr std::uint8_t kTonUnknown = 0;
constexpr std::uint8_t kTonInternational = 1;
constexpr std::uint8_t kTonAlphanumeric = 5;
constexpr std::uint8_t kNpiIsdn = 1;

/// Sets address, TON and NPI from a phone number or a campaign (sender) name.
void setAddress(const std::string& raw, std::string& addr, std::uint8_t& ton, std::uint8_t& npi)
{
    if (!raw.empty() && raw[0] == '+') {
        addr = raw.substr(1);
        ton = kTonInternational;
        npi = kNpiIsdn;
        return;
    }
    addr = raw;
    const bool digits = !raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos;
    ton = digits ? kTonUnknown : kTonAlphanumeric;
    npi = digits ? kNpiIsdn : 0;
}

BridgeBackend::Result refusal(std::string code, std::string message)
{
    return {false, "", BridgeError{std::move(code), std::move(message)}};
}

} // namespace

Message bridgeMessage(const BridgeSend& send, const std::string& account)
{
    Message m;
    m.origin = std::string(kBridgeOrigin);
    m.target = RouteTarget{TargetKind::Account, account};
    setAddress(send.campaign, m.source_addr, m.source_addr_ton, m.source_addr_npi);
    setAddress(send.to, m.destination_addr, m.dest_addr_ton, m.dest_addr_npi);
    const auto encoded = smpp::text::encodeBest(send.text);
    m.payload.assign(encoded.octets.begin(), encoded.octets.end());
    m.data_coding = encoded.data_coding;
    m.campaign = send.campaign;
    m.bridge_ref = send.ref;
    return m;
}

RouterBridgeBackend::RouterBridgeBackend(
    Router& router, const std::vector<Account>& accounts, MessageIdFormat id_format)
    : router_(router),
      routes_(accounts),
      id_format_(id_format)
{
}

void RouterBridgeBackend::submit(const BridgeSend& send, Done done)
{
    if (!send.account.empty() && !routes_.contains(send.account)) {
        done(refusal("invalid_argument", "unknown account '" + send.account + "'"));
        return;
    }
    if (smpp::text::countParts(send.text) > smpp::text::kMaxParts) {
        done(refusal("invalid_argument", "'text' needs more than 255 SMS parts"));
        return;
    }
    Message message = bridgeMessage(send, send.account);
    if (send.account.empty() && !routeByCampaign(send, message)) {
        done(refusal("invalid_argument",
            "no account's addressRange matches campaign '" + send.campaign + "'"));
        return;
    }
    const std::string account = message.target.account;
    router_.submit(std::move(message),
        [this, done = std::move(done), account, campaign = send.campaign, to = send.to](
            const StoreResult& result) {
            if (result.ok()) {
                logging::log(log_,
                    logging::ev::bridge_accepted,
                    FMT_COMPILE("account={} campaign={} message_id={} dest={}"),
                    account,
                    logging::quoted(campaign),
                    result.id,
                    logging::quoted(to));
                done({true, formatMessageId(result.id, id_format_), {}});
            } else if (result.status == StoreStatus::QueueFull) {
                done(refusal("unavailable", "the store is busy; retry later"));
            } else {
                // The store cannot write (disk full, I/O error...): logged once by the store.
                done(refusal("unavailable", "the store cannot write now; retry later"));
            }
        });
}

bool RouterBridgeBackend::routeByCampaign(const BridgeSend& send, Message& message) const
{
    // Matched against source_addr: the campaign number as the receiver will see it.
    const auto owner = routes_.owner(message.source_addr);
    if (!owner) {
        // Refused rather than given to a default account: see CampaignRoutes.
        logging::log(log_,
            logging::ev::bridge_no_account,
            "campaign={} ref={}",
            logging::quoted(send.campaign),
            logging::quoted(send.ref));
        return false;
    }
    message.target.account = *owner;
    return true;
}

} // namespace smppd
