#include "smppd/bridge/RouterBridgeBackend.h"

#include <catch2/catch.hpp>

TEST_CASE("a bridge send becomes a GSM or UCS-2 message for the account", "[bridge]")
{
    const smppd::BridgeSend gsm{
        "33612345678", "+33698765432", "Votre RDV est confirmé", "r1", "", ""};
    const auto m = smppd::bridgeMessage(gsm, "admin");
    REQUIRE(m.origin == "bridge");
    REQUIRE(m.target == smppd::RouteTarget{smppd::TargetKind::Account, "admin"});
    REQUIRE(m.source_addr == "33612345678");
    REQUIRE(m.source_addr_ton == 0);
    REQUIRE(m.source_addr_npi == 1);
    REQUIRE(m.destination_addr == "33698765432");
    REQUIRE(m.dest_addr_ton == 1);
    REQUIRE(m.data_coding == 0);
    REQUIRE(m.payload.size() == 22); // é is in the GSM basic table
    REQUIRE(m.campaign == "33612345678");
    REQUIRE(m.bridge_ref == "r1");
    REQUIRE(m.registered_delivery == 0);

    const smppd::BridgeSend ucs2{"SHOP", "0612", "Привет", "", "", ""};
    const auto u = smppd::bridgeMessage(ucs2, "acme");
    REQUIRE(u.data_coding == 8);
    REQUIRE(u.payload.size() == 12);
    REQUIRE(u.source_addr_ton == 5);
    REQUIRE(u.source_addr_npi == 0);
    REQUIRE(u.dest_addr_ton == 0);
}
