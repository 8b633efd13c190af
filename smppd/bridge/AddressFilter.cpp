#include "smppd/bridge/AddressFilter.h"

#include <Poco/Exception.h>

#include <cstring>
#include <stdexcept>

namespace smppd {
namespace {

/// `peer` as IPv4 when it is IPv4-mapped IPv6, else unchanged.
Poco::Net::IPAddress unmapped(const Poco::Net::IPAddress& peer)
{
    if (peer.family() == Poco::Net::IPAddress::IPv6 && peer.isIPv4Mapped()) {
        const auto* bytes = static_cast<const unsigned char*>(peer.addr());
        return Poco::Net::IPAddress(bytes + 12, 4);
    }
    return peer;
}

} // namespace

AddressFilter::AddressFilter(const std::vector<std::string>& entries)
{
    for (const auto& entry : entries) {
        const auto slash = entry.find('/');
        try {
            Block block;
            block.network = Poco::Net::IPAddress(entry.substr(0, slash));
            const unsigned max_prefix = block.network.length() * 8;
            block.prefix = slash == std::string::npos
                ? max_prefix
                : static_cast<unsigned>(std::stoul(entry.substr(slash + 1)));
            if (block.prefix > max_prefix) {
                throw std::invalid_argument("prefix");
            }
            blocks_.push_back(block);
        } catch (const std::exception&) { // Poco::Exception is one too
            throw std::invalid_argument("TcpServer.AllowedClients: bad entry '" + entry + "'");
        }
    }
}

bool AddressFilter::allows(const Poco::Net::IPAddress& peer) const
{
    if (blocks_.empty()) {
        return true;
    }
    const Poco::Net::IPAddress address = unmapped(peer);
    for (const auto& block : blocks_) {
        if (inBlock(block, address)) {
            return true;
        }
    }
    return false;
}

bool AddressFilter::inBlock(const Block& block, const Poco::Net::IPAddress& peer)
{
    if (block.network.family() != peer.family()) {
        return false;
    }
    const auto* a = static_cast<const unsigned char*>(block.network.addr());
    const auto* b = static_cast<const unsigned char*>(peer.addr());
    const unsigned whole = block.prefix / 8;
    if (std::memcmp(a, b, whole) != 0) {
        return false;
    }
    const unsigned rest = block.prefix % 8;
    if (rest == 0) {
        return true;
    }
    const auto mask = static_cast<unsigned char>(0xFFu << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

} // namespace smppd
