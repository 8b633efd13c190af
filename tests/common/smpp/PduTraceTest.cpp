#include "common/smpp/PduTrace.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

std::vector<std::uint8_t> bytes(std::string_view octets)
{
    return {octets.begin(), octets.end()};
}

// bind_transceiver seq=1 system_id=esme1 password=secret, SMPP 3.4 §4.1.5 (34 octets).
const std::vector<std::uint8_t> kBindFrame =
    bytes(std::string_view("\x00\x00\x00\x22\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00\x01"
                           "esme1\0secret\0\0\x34\x00\x00\0",
        34));

} // namespace

TEST_CASE("trace of a bind masks the password, also in the hex", "[trace]")
{
    const smpp::Pdu pdu{.sequence_number = 1,
        .body = smpp::BindTransceiver{.system_id = "esme1", .password = "secret"}};

    REQUIRE(smpp::tracePdu(pdu, "in", false, kBindFrame)
        == "dir=in cmd=bind_transceiver seq=1 status=ESME_ROK system_id=esme1 password=**** "
           "system_type=\"\" interface_version=0x34 addr_ton=0 addr_npi=0 address_range=\"\"");

    const std::string with_hex = smpp::tracePdu(pdu, "in", true, kBindFrame);
    REQUIRE(with_hex
        == "dir=in cmd=bind_transceiver seq=1 status=ESME_ROK system_id=esme1 password=**** "
           "system_type=\"\" interface_version=0x34 addr_ton=0 addr_npi=0 address_range=\"\" "
           "hex=00000022000000090000000000000001"
           "65736d653100************000034000000");
    REQUIRE(with_hex.find("secret") == std::string::npos);
    REQUIRE(with_hex.find("736563726574") == std::string::npos); // "secret" in hex
}

TEST_CASE("trace of outbind masks the password", "[trace]")
{
    const auto frame = bytes(std::string_view(
        "\x00\x00\x00\x18\x00\x00\x00\x0b\x00\x00\x00\x00\x00\x00\x00\x02smsc\0pw\0", 24));
    const smpp::Pdu pdu{
        .sequence_number = 2, .body = smpp::Outbind{.system_id = "smsc", .password = "pw"}};
    REQUIRE(smpp::tracePdu(pdu, "out", true, frame)
        == "dir=out cmd=outbind seq=2 status=ESME_ROK system_id=smsc password=**** "
           "hex=000000180000000b0000000000000002736d736300****00");
}

TEST_CASE("trace of submit_sm lists fields and TLVs", "[trace]")
{
    smpp::SubmitSm submit{.source_addr_ton = 1,
        .source_addr_npi = 1,
        .source_addr = "33698765432",
        .dest_addr_ton = 1,
        .dest_addr_npi = 1,
        .destination_addr = "33612345678",
        .registered_delivery = 0x01,
        .short_message = "Hello world"};
    submit.tlvs.sar_msg_ref_num = 42;
    submit.tlvs.sar_total_segments = 2;
    submit.tlvs.sar_segment_seqnum = 1;
    submit.tlvs.unknown.push_back({.tag = 0x1400, .value = std::string("\x01\xAB", 2)});
    const smpp::Pdu pdu{.sequence_number = 7, .body = submit};

    REQUIRE(smpp::tracePdu(pdu, "in", false, {})
        == "dir=in cmd=submit_sm seq=7 status=ESME_ROK service_type=\"\" source_addr_ton=1 "
           "source_addr_npi=1 source_addr=33698765432 dest_addr_ton=1 dest_addr_npi=1 "
           "destination_addr=33612345678 esm_class=0x00 protocol_id=0 priority_flag=0 "
           "schedule_delivery_time=\"\" validity_period=\"\" registered_delivery=0x01 "
           "replace_if_present_flag=0 data_coding=0x00 sm_default_msg_id=0 sm_length=11 "
           "short_message=\"Hello world\" sar_msg_ref_num=42 sar_total_segments=2 "
           "sar_segment_seqnum=1 tlv_0x1400=01ab");

    SECTION("hex is left out when no raw frame is given")
    {
        REQUIRE(smpp::tracePdu(pdu, "in", true, {}).find("hex=") == std::string::npos);
    }
}

TEST_CASE("trace of alert_notification lists its TLVs like every body with TLVs", "[trace]")
{
    const smpp::AlertNotification alert{.source_addr = "447700900123",
        .esme_addr = "esme",
        .tlvs = smpp::Tlvs{.ms_availability_status = 1}};
    REQUIRE(smpp::tracePdu(smpp::Pdu{.sequence_number = 18, .body = alert}, "out", false, {})
        == "dir=out cmd=alert_notification seq=18 status=ESME_ROK source_addr_ton=0 "
           "source_addr_npi=0 source_addr=447700900123 esme_addr_ton=0 esme_addr_npi=0 "
           "esme_addr=esme ms_availability_status=1");
}

TEST_CASE("trace escapes and truncates message text", "[trace]")
{
    smpp::DeliverSm deliver{.esm_class = 0x04, .data_coding = 0x03};
    const std::string message =
        GENERATE(std::string("caf\xE9 \"x\"\\\n\x00!", 12), std::string(200, 'a'));
    deliver.short_message = message;
    const auto line =
        smpp::tracePdu(smpp::Pdu{.sequence_number = 9, .body = deliver}, "out", false, {});
    if (message.size() == 12) {
        REQUIRE(line.ends_with(
            "esm_class=0x04 protocol_id=0 priority_flag=0 schedule_delivery_time=\"\" "
            "validity_period=\"\" registered_delivery=0x00 replace_if_present_flag=0 "
            "data_coding=0x03 sm_default_msg_id=0 sm_length=12 "
            "short_message=\"caf\\xe9 \\\"x\\\"\\\\\\n\\x00!\""));
    } else {
        REQUIRE(line.ends_with("sm_length=200 short_message=" + std::string(160, 'a') + "..."));
    }
}

TEST_CASE("trace of generic_nack and responses", "[trace]")
{
    const auto frame = bytes(
        std::string_view("\x00\x00\x00\x10\x80\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x03", 16));
    const smpp::Pdu nack{.command_status = smpp::CommandStatus::InvalidCommandLength,
        .sequence_number = 3,
        .body = smpp::GenericNack{}};
    REQUIRE(smpp::tracePdu(nack, "out", true, frame)
        == "dir=out cmd=generic_nack seq=3 status=ESME_RINVCMDLEN "
           "hex=00000010800000000000000200000003");

    const smpp::Pdu resp{.command_status = static_cast<smpp::CommandStatus>(0x400),
        .sequence_number = 8,
        .body = smpp::SubmitSmResp{.message_id = "1042"}};
    REQUIRE(smpp::tracePdu(resp, "out", false, {})
        == "dir=out cmd=submit_sm_resp seq=8 status=0x00000400 message_id=1042");
}

TEST_CASE("trace of an undecodable frame keeps the header and masks the password", "[trace]")
{
    std::vector<std::uint8_t> frame = kBindFrame;
    frame.resize(24); // cut inside the password
    REQUIRE(smpp::traceFrame(frame, "in", "truncated frame", true)
        == "dir=in cmd=bind_transceiver seq=1 status=ESME_ROK len=24 error=\"truncated frame\" "
           "hex=0000002200000009000000000000000165736d653100****");
    REQUIRE(smpp::traceFrame(bytes(std::string_view("\x00\x00\x00", 3)), "in", "short", false)
        == "dir=in len=3 error=short");
    const auto unknown = bytes(
        std::string_view("\x00\x00\x00\x10\x00\x00\x01\x99\x00\x00\x00\x00\x00\x00\x00\x05", 16));
    REQUIRE(smpp::traceFrame(unknown, "in", "unknown_command_id", false)
        == "dir=in cmd=0x00000199 seq=5 status=ESME_ROK len=16 error=unknown_command_id");
}

TEST_CASE("trace of a wire frame decodes it, or says why not", "[trace]")
{
    const smpp::Pdu bind{.sequence_number = 1,
        .body = smpp::BindTransceiver{.system_id = "esme1", .password = "secret"}};
    REQUIRE(
        smpp::traceWire(kBindFrame, "in", true) == smpp::tracePdu(bind, "in", true, kBindFrame));

    std::vector<std::uint8_t> cut = kBindFrame;
    cut.resize(24); // command_length says 34
    const auto line = smpp::traceWire(cut, "in", false);
    REQUIRE(line.starts_with("dir=in cmd=bind_transceiver seq=1 status=ESME_ROK len=24 error="));
    REQUIRE(line.find("secret") == std::string::npos);
}
