#include "smppd/bridge/AddressFilter.h"

#include <catch2/catch.hpp>

using Poco::Net::IPAddress;

TEST_CASE("an empty list allows everyone", "[bridge]")
{
    const smppd::AddressFilter filter({});
    REQUIRE(filter.allows(IPAddress("192.0.2.1")));
    REQUIRE(filter.allows(IPAddress("::1")));
}

TEST_CASE("addresses and CIDR blocks, IPv4 and IPv6", "[bridge]")
{
    const smppd::AddressFilter filter({"127.0.0.1", "10.1.0.0/16", "192.168.1.128/25", "fd00::/8"});
    REQUIRE(filter.allows(IPAddress("127.0.0.1")));
    REQUIRE_FALSE(filter.allows(IPAddress("127.0.0.2")));
    REQUIRE(filter.allows(IPAddress("10.1.255.3")));
    REQUIRE_FALSE(filter.allows(IPAddress("10.2.0.1")));
    REQUIRE(filter.allows(IPAddress("192.168.1.200")));
    REQUIRE_FALSE(filter.allows(IPAddress("192.168.1.127")));
    REQUIRE(filter.allows(IPAddress("fd12::1")));
    REQUIRE_FALSE(filter.allows(IPAddress("fe80::1")));
    REQUIRE_FALSE(filter.allows(IPAddress("::1")));
}

TEST_CASE("IPv4-mapped IPv6 peers match IPv4 entries", "[bridge]")
{
    const smppd::AddressFilter filter({"127.0.0.0/8"});
    REQUIRE(filter.allows(IPAddress("::ffff:127.0.0.1")));
    REQUIRE_FALSE(filter.allows(IPAddress("::ffff:10.0.0.1")));
}

TEST_CASE("malformed entries are refused at start", "[bridge]")
{
    const std::string entry =
        GENERATE(as<std::string>{}, "nope", "10.0.0.0/33", "::1/129", "1.2.3.4/x");
    REQUIRE_THROWS_AS(smppd::AddressFilter({entry}), std::invalid_argument);
}
