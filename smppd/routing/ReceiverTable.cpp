#include "smppd/routing/ReceiverTable.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"

#include <algorithm>

namespace smppd {
namespace {

std::optional<std::regex> compileRange(const std::string& range, Poco::Logger& log)
{
    if (range.empty()) {
        return std::nullopt;
    }
    try {
        return std::regex(range, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
        logging::log(log,
            logging::ev::bad_address_range,
            "range={} error={}",
            logging::quoted(range),
            logging::quoted(e.what()));
        return std::nullopt;
    }
}

} // namespace

void ReceiverTable::attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info)
{
    auto receiver =
        std::make_shared<Receiver>(Receiver{sink, info, compileRange(info.address_range, log_)});
    if (receiver->range) {
        ranged_.emplace_back(info.system_id, receiver);
    }
    sinks_[sink.get()] = info.system_id;
    accounts_[info.system_id].receivers.push_back(std::move(receiver));
}

std::optional<std::string> ReceiverTable::detach(const DeliverySink& sink)
{
    const auto owner = sinks_.find(&sink);
    if (owner == sinks_.end()) {
        return std::nullopt;
    }
    std::string account = std::move(owner->second);
    sinks_.erase(owner);
    std::erase_if(accounts_[account].receivers, [&](const auto& receiver) {
        const bool match = receiver->sink.get() == &sink;
        receiver->detached = receiver->detached || match;
        return match;
    });
    std::erase_if(ranged_, [&](const auto& entry) { return entry.second->sink.get() == &sink; });
    return account;
}

std::optional<std::string> ReceiverTable::accountByRange(const std::string& destination) const
{
    for (const auto& [account, receiver] : ranged_) { // the first bound, of those that match
        if (std::regex_search(destination, *receiver->range)) {
            return account;
        }
    }
    return std::nullopt;
}

bool ReceiverTable::hasReceivers(const std::string& account) const
{
    const auto it = accounts_.find(account);
    return it != accounts_.end() && !it->second.receivers.empty();
}

bool ReceiverTable::pickOrder(
    const std::string& account, const std::string* destination, bool range_only, Order& order)
{
    order.clear();
    const auto it = accounts_.find(account);
    if (it == accounts_.end() || it->second.receivers.empty()) {
        return false;
    }
    Account& entry = it->second;
    if (destination != nullptr) {
        // Architecture §1: a message goes to the receivers whose address_range matches its
        // destination; only when none does, to any receiver of the account.
        for (const auto& receiver : entry.receivers) {
            if (receiver->range && std::regex_search(*destination, *receiver->range)) {
                order.push_back(receiver);
            }
        }
        if (order.empty() && range_only) {
            return false;
        }
    }
    if (order.empty()) {
        order = entry.receivers;
    }
    // Round-robin (checklist §8): start with the receiver after the one used last time.
    const std::size_t first = entry.next % order.size();
    entry.next = first + 1;
    std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(first), order.end());
    return true;
}

} // namespace smppd
