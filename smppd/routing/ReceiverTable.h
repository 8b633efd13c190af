#pragma once

#include "smppd/routing/DeliverySink.h"

#include <Poco/Logger.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace smppd {

/// The Router's routing table: the bound receivers (RX/TRX sessions) of every account, in bind
/// order, with their address_range compiled. It answers the two questions of architecture §1:
/// which account a destination belongs to by range (route()), and in which order the receivers
/// of an account get the next deliver_sm (round-robin, those whose range matches first). One
/// thread, the Router's.
class ReceiverTable {
public:
    struct Receiver {
        std::shared_ptr<DeliverySink> sink;
        ReceiverInfo info;
        std::optional<std::regex> range; ///< none, or a range that does not compile (logged)
        bool detached = false; ///< set by detach(): an order taken before must skip it
    };
    using Order = std::vector<std::shared_ptr<Receiver>>;

    explicit ReceiverTable(Poco::Logger& log) : log_(log) { }

    /// A receiver bound as `info.system_id`. A range that does not compile is logged
    /// (`event=bad_address_range`) and the receiver takes any destination.
    void attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info);
    /// Forgets `sink`; its account, or nothing when it was not attached.
    std::optional<std::string> detach(const DeliverySink& sink);

    /// The account of the first-bound receiver whose range matches `destination`.
    std::optional<std::string> accountByRange(const std::string& destination) const;
    bool hasReceivers(const std::string& account) const;
    /// Bound receivers, all accounts.
    std::size_t size() const { return sinks_.size(); }

    /// The receivers of `account` to offer the next deliver_sm to, into `order`, rotated
    /// one further at every call (round-robin). With a `destination`, those whose range matches
    /// it come alone when there are any; when none does, `range_only` returns false (the
    /// message waits for a receiver that matches), else every receiver of the account is in
    /// `order`.
    bool pickOrder(
        const std::string& account, const std::string* destination, bool range_only, Order& order);

private:
    struct Account {
        Order receivers; ///< in bind order
        std::size_t next = 0; ///< round-robin: where the next order starts
    };

    std::unordered_map<std::string, Account> accounts_;
    /// The receivers with a range, in bind order, and their accounts: route() scans these alone
    /// (10,000 bound receivers without a range cost it nothing).
    std::vector<std::pair<std::string, std::shared_ptr<Receiver>>> ranged_;
    /// The account of each attached sink: detach() looks at that account's receivers only.
    std::unordered_map<const DeliverySink*, std::string> sinks_;
    Poco::Logger& log_;
};

} // namespace smppd
