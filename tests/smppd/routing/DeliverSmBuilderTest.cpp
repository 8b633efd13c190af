#include "smppd/routing/DeliverSmBuilder.h"

#include <catch2/catch.hpp>

using smppd::Message;
namespace deliver = smppd::deliver;

namespace {

Message ucs2Part()
{
    Message m;
    m.id = 1042;
    m.origin = "esme1";
    m.source_addr = "111";
    m.destination_addr = "222";
    m.esm_class = 0x43; // UDHI + store-and-forward mode bits
    m.data_coding = 8;
    m.payload = std::string("\x05\x00\x03\x2a\x02\x01\x00H\x00i", 10);
    return m;
}

} // namespace

TEST_CASE("a routed part keeps its UDH, UDHI and data_coding but not the mode bits", "[routing]")
{
    const auto parts = deliver::messageParts(ucs2Part(), 7);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].esm_class == 0x40);
    CHECK(parts[0].data_coding == 8);
    CHECK(parts[0].short_message == ucs2Part().payload);
}

TEST_CASE("SAR parts keep SAR TLVs on 3.4 and get a UDH below 3.4", "[routing]")
{
    Message m;
    m.origin = "esme1";
    m.payload = "part one";
    m.concat = smppd::ConcatInfo{0x2a, 2, 1};
    auto parts = deliver::messageParts(m, 0);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].tlvs.sar_msg_ref_num == 0x2a);
    CHECK(parts[0].tlvs.sar_total_segments == 2);
    CHECK(parts[0].tlvs.sar_segment_seqnum == 1);
    auto v33 = parts[0];
    deliver::adaptToVersion(v33, 0x33);
    CHECK(v33.tlvs == smpp::Tlvs{});
    CHECK(v33.esm_class == 0x40);
    CHECK(v33.short_message == std::string("\x05\x00\x03\x2a\x02\x01part one", 14));
    auto v34 = parts[0];
    deliver::adaptToVersion(v34, 0x34);
    CHECK(v34 == parts[0]);
}

TEST_CASE("message_payload is never sent below 3.4", "[routing]")
{
    Message m = ucs2Part();
    m.payload.append(300, 'x'); // a UDH part over 254 octets
    auto parts = deliver::messageParts(m, 0);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].tlvs.message_payload == m.payload);
    CHECK(parts[0].short_message.empty());
    deliver::adaptToVersion(parts[0], 0x33);
    CHECK_FALSE(parts[0].tlvs.message_payload);
    CHECK(parts[0].short_message.size() == 254);
}

TEST_CASE("a payload without UDH over 254 octets is split", "[routing]")
{
    Message m;
    m.origin = "esme1";
    m.data_coding = 4;
    m.payload = std::string(300, 'b');
    const auto parts = deliver::messageParts(m, 0x1234);
    REQUIRE(parts.size() == 3); // 8-bit: 134 per part
    CHECK(parts[0].esm_class == 0x40);
    CHECK(parts[0].short_message.substr(0, 6) == std::string("\x05\x00\x03\x34\x03\x01", 6));
}

TEST_CASE("receipt text: ASCII of the body, empty for UCS-2", "[routing]")
{
    Message m;
    m.payload = "Caf\x7f\x05 au lait, s'il vous plait!"; // GSM: DEL->a-grave, 0x05 e-acute
    CHECK(deliver::receiptText(m) == "Caf au lait, s'il vo");
    CHECK(deliver::receiptText(ucs2Part()).empty());
}

TEST_CASE("receipt for a hex message id uses the same id everywhere", "[routing]")
{
    Message m = ucs2Part();
    m.state = smpp::MessageState::Expired;
    m.submit_time = smppd::TimePoint{std::chrono::seconds(1'764'065'700)}; // 2025-11-25 10:15 UTC
    m.done_time = m.submit_time + std::chrono::hours(48);
    const auto pdu = deliver::receipt(m, smppd::MessageIdFormat::Hex, 0x34);
    CHECK(pdu.short_message
        == "id:412 sub:001 dlvrd:000 submit date:2511251015 done date:2511271015 stat:EXPIRED "
           "err:000 text:");
    CHECK(pdu.tlvs.receipted_message_id == "412");
    CHECK(pdu.tlvs.message_state == 3);
}
