#pragma once

#include <Poco/Net/IPAddress.h>

#include <string>
#include <vector>

namespace smppd {

/// `TcpServer.AllowedClients`: addresses and CIDR blocks (`10.0.0.0/8`, `::1`, `fd00::/8`)
/// a bridge client may connect from. Empty = everyone. IPv4-mapped IPv6 peers
/// (`::ffff:10.1.2.3`) match IPv4 entries.
class AddressFilter {
public:
    /// Throws std::invalid_argument naming the first malformed entry.
    explicit AddressFilter(const std::vector<std::string>& entries);

    bool allows(const Poco::Net::IPAddress& peer) const;

private:
    struct Block {
        Poco::Net::IPAddress network;
        unsigned prefix = 0;
    };
    static bool inBlock(const Block& block, const Poco::Net::IPAddress& peer);

    std::vector<Block> blocks_;
};

} // namespace smppd
