#include "smppd/hermes/PushAssembly.h"

#include <catch2/catch.hpp>

namespace {

smppd::Message message(std::int64_t id, std::string payload, std::uint8_t dc, std::uint8_t esm = 0)
{
    smppd::Message m;
    m.id = id;
    m.origin = "admin";
    m.source_addr = "33698765432";
    m.destination_addr = "33612345678";
    m.payload = std::move(payload);
    m.data_coding = dc;
    m.esm_class = esm;
    m.submit_time = smppd::TimePoint(std::chrono::seconds(1795601700));
    return m;
}

} // namespace

TEST_CASE("a GSM message becomes one UTF-8 push", "[hermes]")
{
    // GSM 03.38 unpacked: 0x40 is '@'... here plain ASCII letters plus 0x7F (a-grave) and ESC e
    // (euro)
    const auto push =
        smppd::assemblePush({message(1042, std::string("Bonjour \x7f\x1b\x65", 11), 0)},
            smppd::MessageIdFormat::Decimal);
    REQUIRE(push.id == "1042");
    REQUIRE(push.campaign == "33612345678");
    REQUIRE(push.from == "33698765432");
    REQUIRE(push.to == "33612345678");
    REQUIRE(push.text == "Bonjour à€");
    REQUIRE(push.system_id == "admin");
    REQUIRE(push.parts == 1);
    REQUIRE(smppd::formatUtc(push.received_at) == "2026-11-25T10:15:00Z");
}

TEST_CASE("UCS-2 parts with UDH are stripped, joined, decoded", "[hermes]")
{
    const std::string udh1("\x05\x00\x03\x2a\x02\x01", 6);
    const std::string udh2("\x05\x00\x03\x2a\x02\x02", 6);
    const std::string body1("\x00\x48\x00\xe9", 4); // "Hé"
    const std::string body2("\xd8\x3d\xde\x00", 4); // U+1F600
    const auto push =
        smppd::assemblePush({message(7, udh1 + body1, 8, 0x40), message(8, udh2 + body2, 8, 0x40)},
            smppd::MessageIdFormat::Decimal);
    REQUIRE(push.id == "7");
    REQUIRE(push.text == "Hé😀");
    REQUIRE(push.parts == 2);
}

TEST_CASE("campaign field wins over destination_addr, hex ids", "[hermes]")
{
    auto m = message(255, "x", 1);
    m.campaign = "999";
    const auto push = smppd::assemblePush({m}, smppd::MessageIdFormat::Hex);
    REQUIRE(push.campaign == "999");
    REQUIRE(push.id == "ff");
    REQUIRE(push.text == "x");
}

TEST_CASE("Latin-1 and binary payloads give valid UTF-8", "[hermes]")
{
    REQUIRE(smppd::assemblePush({message(1, "caf\xe9", 3)}, smppd::MessageIdFormat::Decimal).text
        == "café");
    REQUIRE(smppd::assemblePush({message(1, "a\xff", 4)}, smppd::MessageIdFormat::Decimal).text
        == "a\xef\xbf\xbd");
}
