#include "common/smpp/Codec.h"

#include "tests/common/smpp/GoldenPdus.h"
#include "tests/common/smpp/TestBytes.h"

#include <catch2/catch.hpp>

#include <set>

using smpp::CommandStatus;
using smpp::DecodeError;
using smpp::test::BodyBuilder;
using smpp::test::hex;

namespace {

constexpr std::uint32_t kSubmitSm = 0x00000004;

/// A valid submit_sm body up to (not including) sm_length.
BodyBuilder submitSmHead()
{
    BodyBuilder b;
    b.cstr("").u8(1).u8(1).cstr("447700900123").u8(1).u8(1).cstr("447700900456");
    b.u8(0).u8(0).u8(0).cstr("").cstr("").u8(0).u8(0).u8(0).u8(0);
    return b;
}

/// Decodes frame, expecting a DecodeError; returns its status.
CommandStatus decodeStatus(const std::vector<std::uint8_t>& frame)
{
    try {
        smpp::decode(frame);
    } catch (const DecodeError& e) {
        return e.status();
    }
    return CommandStatus::Ok;
}

} // namespace

TEST_CASE("every golden PDU encodes to its golden bytes", "[codec][golden]")
{
    for (const auto& golden : smpp::test::goldenPdus()) {
        INFO(golden.name);
        CHECK(smpp::encode(golden.pdu) == hex(golden.hex));
    }
}

TEST_CASE("every golden frame decodes to its PDU", "[codec][golden]")
{
    for (const auto& golden : smpp::test::goldenPdus()) {
        INFO(golden.name);
        CHECK(smpp::decode(hex(golden.hex)) == golden.pdu);
    }
}

TEST_CASE("every PDU type round-trips through encode and decode", "[codec][roundtrip]")
{
    std::set<std::size_t> covered;
    for (const auto& golden : smpp::test::goldenPdus()) {
        INFO(golden.name);
        CHECK(smpp::decode(smpp::encode(golden.pdu)) == golden.pdu);
        covered.insert(golden.pdu.body.index());
    }
    CHECK(covered.size() == std::variant_size_v<smpp::Body>);
}

TEST_CASE("round trip keeps binary short_message, every TLV and unknown TLVs in order", "[codec]")
{
    smpp::SubmitSm sm;
    sm.destination_addr = "1";
    sm.short_message = std::string("\0\x01\xff@", 4);
    smpp::Tlvs& t = sm.tlvs;
    t.dest_addr_subunit = 1;
    t.source_addr_subunit = 2;
    t.qos_time_to_live = 0xA1B2C3D4;
    t.payload_type = 1;
    t.additional_status_info_text = "status";
    t.receipted_message_id = std::string(64, '9');
    t.privacy_indicator = 3;
    t.source_subaddress = std::string("\xa0\x01", 2);
    t.dest_subaddress = std::string(23, 'x');
    t.user_message_reference = 0xBEEF;
    t.user_response_code = 7;
    t.source_port = 1;
    t.destination_port = 65535;
    t.language_indicator = 2;
    t.sc_interface_version = 0x34;
    t.callback_num_pres_ind = 1;
    t.callback_num_atag = "atag";
    t.callback_num = std::string("\x00\x01\x01"
                                 "123",
        6);
    t.dpf_result = 1;
    t.set_dpf = 0;
    t.ms_availability_status = 2;
    t.network_error_code = smpp::NetworkErrorCode{3, 0x0102};
    t.delivery_failure_reason = 3;
    t.more_messages_to_send = 1;
    t.message_state = 5;
    t.congestion_state = 90;
    t.ussd_service_op = 17;
    t.display_time = 1;
    t.sms_signal = 0x0102;
    t.ms_validity = 3;
    t.alert_on_message_delivery = true;
    t.its_reply_type = 4;
    t.its_session_info = 0x0A0B;
    t.unknown = {{0x3FFF, "b"}, {0x1400, ""}, {0x7777, std::string("\0", 1)}};
    const smpp::Pdu pdu{CommandStatus::Ok, 0x7FFFFFFF, sm};
    CHECK(smpp::decode(smpp::encode(pdu)) == pdu);
}

TEST_CASE("encodeTo appends to a reused buffer", "[codec]")
{
    std::vector<std::uint8_t> out{0xAA};
    smpp::encodeTo(smpp::Pdu{.sequence_number = 1, .body = smpp::EnquireLink{}}, out);
    smpp::encodeTo(smpp::Pdu{.sequence_number = 2, .body = smpp::EnquireLinkResp{}}, out);
    CHECK(out == hex("aa 00000010 00000015 00000000 00000001 00000010 80000015 00000000 00000002"));
}

TEST_CASE("peekHeader reads the four header fields without the body", "[codec]")
{
    const auto frame = hex("0000001d 80000009 00000000 00039943 536d736320475700 0210 0001 34");
    CHECK(smpp::peekHeader(frame) == smpp::Header{0x1d, 0x80000009, 0, 0x39943});
    CHECK_THROWS_AS(smpp::peekHeader(std::span(frame).first(15)), DecodeError);
}

TEST_CASE("commandId names the body's command", "[codec]")
{
    CHECK(smpp::commandId(smpp::Pdu{.body = smpp::SubmitSm{}}) == smpp::CommandId::SubmitSm);
    CHECK(smpp::commandId(smpp::Pdu{}) == smpp::CommandId::GenericNack);
}

TEST_CASE("error responses: default body goes header-only, empty body decodes", "[codec]")
{
    const smpp::Pdu error{CommandStatus::SystemError, 9, smpp::DataSmResp{}};
    CHECK(smpp::encode(error).size() == 16);
    CHECK(smpp::decode(smpp::encode(error)) == error);
    const smpp::Pdu ok{CommandStatus::Ok, 9, smpp::SubmitSmResp{}};
    CHECK(smpp::encode(ok) == hex("00000011 80000004 00000000 00000009 00"));
}

TEST_CASE("decode rejects a frame whose size differs from command_length", "[codec]")
{
    auto frame = hex("00000010 00000015 00000000 00000001");
    frame.push_back(0);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidCommandLength);
    CHECK(decodeStatus(hex("0000000f 00000015 00000000 000000"))
        == CommandStatus::InvalidCommandLength);
}

TEST_CASE("§9.5 command_id 0x99 or 0x0A -> 0x03 with the same seq", "[codec][checklist]")
{
    const std::uint32_t id = GENERATE(0x00000099U, 0x0000000AU, 0x00000111U, 0x80000099U);
    CHECK_FALSE(smpp::isKnown(id));
    try {
        smpp::decode(BodyBuilder{}.frame(id, 42));
        FAIL("no DecodeError");
    } catch (const DecodeError& e) {
        CHECK(e.status() == CommandStatus::InvalidCommandId);
        CHECK(e.sequenceNumber() == 42);
        CHECK(e.commandId() == id);
    }
}

TEST_CASE("§9.7 submit_sm with command_length 16 -> 0x02", "[codec][checklist]")
{
    try {
        smpp::decode(BodyBuilder{}.frame(kSubmitSm, 77));
        FAIL("no DecodeError");
    } catch (const DecodeError& e) {
        CHECK(e.status() == CommandStatus::InvalidCommandLength);
        CHECK(e.commandId() == kSubmitSm);
        CHECK(e.sequenceNumber() == 77);
    }
}

TEST_CASE("§9.8 enquire_link with command_length 20 decodes, octets skipped", "[codec][checklist]")
{
    const auto frame = BodyBuilder{}.u32(0xDEADBEEF).frame(0x15, 3);
    REQUIRE(frame.size() == 20);
    CHECK(smpp::decode(frame) == smpp::Pdu{CommandStatus::Ok, 3, smpp::EnquireLink{}});
}

TEST_CASE(
    "§9.9 request with command_status 0x08, seq 0 or 0xFFFFFFFF is decoded", "[codec][checklist]")
{
    const std::uint32_t seq = GENERATE(0U, 0xFFFFFFFFU, 1U);
    const auto pdu = smpp::decode(BodyBuilder{}.frame(0x15, seq, 0x08));
    CHECK(pdu.sequence_number == seq);
    CHECK(pdu.command_status == CommandStatus::SystemError);
    CHECK(std::holds_alternative<smpp::EnquireLink>(pdu.body));
}

TEST_CASE("§9.17 bind system_id 16 chars / password 9 / system_type 13", "[codec][checklist]")
{
    const auto bind = [](std::string_view id, std::string_view pw, std::string_view type) {
        return BodyBuilder{}.cstr(id).cstr(pw).cstr(type).u8(0x34).u8(0).u8(0).cstr("").frame(9);
    };
    CHECK(decodeStatus(bind(std::string(16, 'a'), "pw", "")) == CommandStatus::InvalidSystemId);
    CHECK(decodeStatus(bind("id", std::string(9, 'p'), "")) == CommandStatus::InvalidPassword);
    CHECK(decodeStatus(bind("id", "pw", std::string(13, 't'))) == CommandStatus::InvalidSystemType);
    CHECK(decodeStatus(bind(std::string(15, 'a'), std::string(8, 'p'), std::string(12, 't')))
        == CommandStatus::Ok);
}

TEST_CASE("§9.24 sm_length 255 with 255 octets -> 0x01", "[codec][checklist]")
{
    const auto frame = submitSmHead().u8(255).raw(std::string(255, 'a')).frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidMessageLength);
}

TEST_CASE("§9.25 sm_length 60 with 61 octets left -> 0xC0", "[codec][checklist]")
{
    const auto frame = submitSmHead().u8(60).raw(std::string(61, 'a')).frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidTlvStream);
    for (int stray = 1; stray <= 3; ++stray) {
        INFO(stray);
        const auto more = submitSmHead().u8(1).raw(std::string(1 + stray, 'a')).frame(kSubmitSm);
        CHECK(decodeStatus(more) == CommandStatus::InvalidTlvStream);
    }
}

TEST_CASE("§9.26 sm_length 100 with only 50 octets left -> 0x01", "[codec][checklist]")
{
    const auto frame = submitSmHead().u8(100).raw(std::string(50, 'a')).frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidMessageLength);
}

TEST_CASE("§9.27 sm_length 10 plus message_payload -> 0x01", "[codec][checklist]")
{
    const auto frame =
        submitSmHead().u8(10).raw("0123456789").tlv(0x0424, "payload").frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidMessageLength);
}

TEST_CASE(
    "§9.28 sm_length 0 plus a 1000-character message_payload -> decoded", "[codec][checklist]")
{
    const std::string text(1000, 'x');
    const auto pdu = smpp::decode(submitSmHead().u8(0).tlv(0x0424, text).frame(kSubmitSm));
    const auto& sm = std::get<smpp::SubmitSm>(pdu.body);
    CHECK(sm.short_message.empty());
    CHECK(sm.tlvs.message_payload == text);
}

TEST_CASE("§9.29 body ends inside service_type -> 0x02", "[codec][checklist]")
{
    CHECK(decodeStatus(BodyBuilder{}.raw("abc").frame(kSubmitSm))
        == CommandStatus::InvalidCommandLength);
    // every truncation of a valid submit_sm is 0x02 (or 0x01 inside the short_message)
    const auto whole = submitSmHead().u8(3).raw("abc").frame(kSubmitSm);
    for (std::size_t cut = 16; cut < whole.size(); ++cut) {
        auto frame = whole;
        frame.resize(cut);
        frame[3] = static_cast<std::uint8_t>(cut);
        const auto status = decodeStatus(frame);
        INFO(cut);
        CHECK((status == CommandStatus::InvalidCommandLength
            || status == CommandStatus::InvalidMessageLength));
    }
}

TEST_CASE("§9.30 destination_addr 21 chars / source_addr 21 / service_type 6", "[codec][checklist]")
{
    const std::string a21(21, '1');
    auto frame =
        BodyBuilder{}.cstr("").u8(1).u8(1).cstr("1").u8(1).u8(1).cstr(a21).frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidDestAddress);
    frame = BodyBuilder{}.cstr("").u8(1).u8(1).cstr(a21).frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidSourceAddress);
    frame = BodyBuilder{}.cstr("ABCDEF").u8(1).u8(1).cstr("1").frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidServiceType);
}

TEST_CASE("§9.32/33 over-long schedule / validity strings -> 0x61 / 0x62", "[codec][checklist]")
{
    BodyBuilder b;
    b.cstr("").u8(1).u8(1).cstr("1").u8(1).u8(1).cstr("2").u8(0).u8(0).u8(0);
    auto sched = b;
    sched.cstr(std::string(17, '0'));
    CHECK(decodeStatus(sched.frame(kSubmitSm)) == CommandStatus::InvalidScheduleTime);
    auto valid = b;
    valid.cstr("").cstr(std::string(17, '0'));
    CHECK(decodeStatus(valid.frame(kSubmitSm)) == CommandStatus::InvalidExpiry);
}

TEST_CASE("§9.40 TLVs 0x1400/len 2 and 0x7777/len 0 are accepted and ignored", "[codec][checklist]")
{
    const auto frame =
        submitSmHead().u8(2).raw("hi").tlv(0x1400, "ab").tlv(0x7777, "").frame(kSubmitSm);
    const auto pdu = smpp::decode(frame);
    const auto& tlvs = std::get<smpp::SubmitSm>(pdu.body).tlvs;
    CHECK(tlvs.unknown == std::vector<smpp::RawTlv>{{0x1400, "ab"}, {0x7777, ""}});
    smpp::Tlvs known_only = tlvs;
    known_only.unknown.clear();
    CHECK(known_only == smpp::Tlvs{});
}

TEST_CASE("§9.41 sar_msg_ref_num with length 1 -> 0xC2", "[codec][checklist]")
{
    const auto frame = submitSmHead()
                           .u8(0)
                           .tlv(0x020C, "\x01")
                           .tlv(0x020E, "\x02")
                           .tlv(0x020F, "\x01")
                           .frame(kSubmitSm);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidTlvLength);
    SECTION("other known tags with a wrong length")
    {
        const std::uint16_t tag =
            GENERATE(as<std::uint16_t>{}, 0x0427, 0x0423, 0x0204, 0x0210, 0x130C, 0x0202, 0x0381);
        const auto bad = submitSmHead().u8(0).tlv(tag, std::string(30, 'z')).frame(kSubmitSm);
        CHECK(decodeStatus(bad) == CommandStatus::InvalidTlvLength);
    }
    SECTION("receipted_message_id of 65 octets without NUL")
    {
        const auto bad = submitSmHead().u8(0).tlv(0x001E, std::string(65, '1')).frame(kSubmitSm);
        CHECK(decodeStatus(bad) == CommandStatus::InvalidTlvLength);
    }
}

TEST_CASE("§9.42 TLV length runs past the end of the PDU -> 0xC0", "[codec][checklist]")
{
    auto b = submitSmHead().u8(0);
    b.u16(0x1400).u16(10).raw("abc");
    CHECK(decodeStatus(b.frame(kSubmitSm)) == CommandStatus::InvalidTlvStream);
}

TEST_CASE("§9.43 only sar_total_segments -> 0xC3, seqnum 0 -> 0xC4", "[codec][checklist]")
{
    const auto only_total = submitSmHead().u8(0).tlv(0x020E, "\x02").frame(kSubmitSm);
    CHECK(decodeStatus(only_total) == CommandStatus::MissingTlv);
    const auto sar = [](char total, char seqnum) {
        return submitSmHead()
            .u8(0)
            .tlv(0x020C, std::string("\x00\x01", 2))
            .tlv(0x020E, std::string(1, total))
            .tlv(0x020F, std::string(1, seqnum))
            .frame(kSubmitSm);
    };
    CHECK(decodeStatus(sar(2, 0)) == CommandStatus::InvalidTlvValue);
    CHECK(decodeStatus(sar(2, 3)) == CommandStatus::InvalidTlvValue);
    CHECK(decodeStatus(sar(0, 0)) == CommandStatus::InvalidTlvValue);
    CHECK(decodeStatus(sar(2, 2)) == CommandStatus::Ok);
}

TEST_CASE("§9.44 submit_multi with dest_flag 3 -> 0x40", "[codec][checklist]")
{
    const auto frame =
        BodyBuilder{}.cstr("").u8(1).u8(1).cstr("1").u8(1).u8(3).cstr("x").frame(0x21, 5);
    CHECK(decodeStatus(frame) == CommandStatus::InvalidDestFlag);
    const auto dl =
        BodyBuilder{}.cstr("").u8(1).u8(1).cstr("1").u8(1).u8(2).cstr(std::string(21, 'd'));
    CHECK(decodeStatus(dl.frame(0x21)) == CommandStatus::InvalidDistributionListName);
}

TEST_CASE("§9.50 deliver_sm_resp of 16 octets, 17 octets, or with an id", "[codec][checklist]")
{
    constexpr std::uint32_t kResp = 0x80000005;
    CHECK(smpp::decode(BodyBuilder{}.frame(kResp, 4)).body == smpp::Body{smpp::DeliverSmResp{}});
    CHECK(smpp::decode(BodyBuilder{}.u8(0).frame(kResp, 4)).body
        == smpp::Body{smpp::DeliverSmResp{}});
    CHECK(smpp::decode(BodyBuilder{}.cstr("abc").frame(kResp, 4)).body
        == smpp::Body{smpp::DeliverSmResp{"abc"}});
}

TEST_CASE("encode refuses values that do not fit the wire", "[codec]")
{
    smpp::SubmitSm sm;
    sm.short_message = std::string(255, 'a');
    CHECK_THROWS_AS(smpp::encode(smpp::Pdu{.body = sm}), std::invalid_argument);
    smpp::SubmitMulti multi;
    multi.dest_addresses = {smpp::DestAddress{.dest_flag = 3}};
    CHECK_THROWS_AS(smpp::encode(smpp::Pdu{.body = multi}), std::invalid_argument);
    smpp::DataSm data;
    data.tlvs.receipted_message_id = std::string(65, '1');
    CHECK_THROWS_AS(smpp::encode(smpp::Pdu{.body = data}), std::invalid_argument);
}

TEST_CASE("TLV details: repeated tag, C-string values, vendor tags kept in order", "[codec][tlv]")
{
    SECTION("a repeated known tag: the last one wins")
    {
        const auto frame =
            submitSmHead().u8(0).tlv(0x0427, "\x01").tlv(0x0427, "\x02").frame(kSubmitSm);
        CHECK(std::get<smpp::SubmitSm>(smpp::decode(frame).body).tlvs.message_state == 2);
    }
    SECTION("receipted_message_id: NUL ends the text; a missing NUL is tolerated below the max")
    {
        const auto with_nul =
            submitSmHead().u8(0).tlv(0x001E, std::string("ab\0cd\0", 6)).frame(kSubmitSm);
        CHECK(std::get<smpp::SubmitSm>(smpp::decode(with_nul).body).tlvs.receipted_message_id
            == "ab");
        const auto without = submitSmHead().u8(0).tlv(0x001E, "abc").frame(kSubmitSm);
        CHECK(std::get<smpp::SubmitSm>(smpp::decode(without).body).tlvs.receipted_message_id
            == "abc");
    }
    SECTION("network_error_code is type + 2-octet code")
    {
        const auto frame =
            submitSmHead().u8(0).tlv(0x0423, std::string("\x03\x01\x02", 3)).frame(kSubmitSm);
        CHECK(std::get<smpp::SubmitSm>(smpp::decode(frame).body).tlvs.network_error_code
            == smpp::NetworkErrorCode{3, 0x0102});
    }
    SECTION("encoding writes known tags ascending, then unknown tags in their order")
    {
        smpp::DataSmResp resp{.message_id = "1"};
        resp.tlvs.unknown = {{0x2000, "z"}, {0x1400, "y"}};
        resp.tlvs.network_error_code = smpp::NetworkErrorCode{3, 1};
        resp.tlvs.delivery_failure_reason = 2;
        CHECK(smpp::encode(smpp::Pdu{.sequence_number = 1, .body = resp})
            == hex("00000028 80000103 00000000 00000001 3100 0423 0003 030001 0425 0001 02"
                   "2000 0001 7a 1400 0001 79"));
    }
    SECTION("bind_*_resp with a TLV other than sc_interface_version decodes, keeping only it")
    {
        const auto frame =
            BodyBuilder{}.cstr("smsc").tlv(0x1401, "x").tlv(0x0210, "\x34").frame(0x80000002);
        CHECK(smpp::decode(frame).body == smpp::Body{smpp::BindTransmitterResp{"smsc", 0x34}});
    }
}
