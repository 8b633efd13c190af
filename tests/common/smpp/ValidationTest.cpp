#include "common/smpp/Validation.h"

#include <catch2/catch.hpp>

using namespace std::chrono;
using smpp::CommandStatus;

namespace {

const smpp::TimePoint kNow{sys_days{year{2025} / 11 / 25} + hours{23} + minutes{10}};
constexpr std::uint8_t kV34 = 0x34;
constexpr std::uint8_t kV50 = 0x50;

smpp::SubmitSm validSubmit()
{
    smpp::SubmitSm sm;
    sm.source_addr_ton = 1;
    sm.source_addr_npi = 1;
    sm.source_addr = "447700900123";
    sm.dest_addr_ton = 1;
    sm.dest_addr_npi = 1;
    sm.destination_addr = "447700900456";
    sm.short_message = "hello";
    return sm;
}

CommandStatus check(const smpp::SubmitSm& sm, std::uint8_t version = kV34)
{
    return smpp::validateSubmitSm(sm, version, kNow);
}

} // namespace

TEST_CASE("a plain submit_sm is valid", "[validation]")
{
    CHECK(check(validSubmit()) == CommandStatus::Ok);
    auto kannel = validSubmit(); // Kannel: esm_class 0x03, registered_delivery 0x11, TON 2
    kannel.esm_class = 0x03;
    kannel.registered_delivery = 0x11;
    kannel.source_addr_ton = 2;
    CHECK(check(kannel) == CommandStatus::Ok);
}

TEST_CASE("§9.30 empty destination_addr -> 0x0B", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.destination_addr.clear();
    CHECK(check(sm) == CommandStatus::InvalidDestAddress);
}

TEST_CASE("§9.31 source TON 7 / destination TON 7 / destination NPI 2", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.source_addr_ton = 7;
    CHECK(check(sm) == CommandStatus::InvalidSourceTon);
    sm = validSubmit();
    sm.source_addr_npi = 2;
    CHECK(check(sm) == CommandStatus::InvalidSourceNpi);
    sm = validSubmit();
    sm.dest_addr_ton = 7;
    CHECK(check(sm) == CommandStatus::InvalidDestTon);
    sm = validSubmit();
    sm.dest_addr_npi = 2;
    CHECK(check(sm) == CommandStatus::InvalidDestNpi);
    for (int npi = 0; npi < 256; ++npi) {
        const bool valid = npi == 0 || npi == 1 || npi == 3 || npi == 4 || npi == 6 || npi == 8
            || npi == 9 || npi == 10 || npi == 14 || npi == 18;
        CHECK(smpp::isValidNpi(static_cast<std::uint8_t>(npi)) == valid);
    }
}

TEST_CASE("§9.32 schedule_delivery_time 2501011200 -> 0x61", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.schedule_delivery_time = "2501011200";
    CHECK(check(sm) == CommandStatus::InvalidScheduleTime);
    sm.schedule_delivery_time = "251126120000000+";
    CHECK(check(sm) == CommandStatus::Ok);
}

TEST_CASE("§9.33 validity with month 13, nn=49, or a past time -> 0x62", "[validation][checklist]")
{
    const std::string validity =
        GENERATE(as<std::string>{}, "251301120000000+", "251126120000049+", "251125230000000+");
    auto sm = validSubmit();
    sm.validity_period = validity;
    CHECK(check(sm) == CommandStatus::InvalidExpiry);
}

TEST_CASE("§9.34 validity 000001000000000R -> 0x00", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.validity_period = "000001000000000R";
    CHECK(check(sm) == CommandStatus::Ok);
}

TEST_CASE("§9.35 priority_flag 4 / replace_if_present_flag 2", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.priority_flag = 3;
    CHECK(check(sm) == CommandStatus::Ok);
    sm.priority_flag = 4;
    CHECK(check(sm) == CommandStatus::InvalidPriorityFlag);
    sm = validSubmit();
    sm.replace_if_present_flag = 2;
    CHECK(check(sm) == CommandStatus::InvalidReplaceFlag);
}

TEST_CASE("§9.36 registered_delivery 0x03: 0x07 on 3.4, accepted on v5", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.registered_delivery = 0x03;
    CHECK(check(sm, kV34) == CommandStatus::InvalidRegisteredDelivery);
    CHECK(check(sm, kV50) == CommandStatus::Ok);
    sm.registered_delivery = 0x1E; // acks + intermediate + failure-only
    CHECK(check(sm, kV34) == CommandStatus::Ok);
}

TEST_CASE("§9.37 esm_class 0x04 in a submit_sm -> 0x43", "[validation][checklist]")
{
    const std::uint8_t bad = GENERATE(as<std::uint8_t>{}, 0x04, 0x0C, 0x18, 0x20, 0x24);
    auto sm = validSubmit();
    sm.esm_class = bad;
    CHECK(check(sm) == CommandStatus::InvalidEsmClass);
    const std::uint8_t good = GENERATE(as<std::uint8_t>{}, 0x00, 0x03, 0x08, 0x10, 0x80);
    sm.esm_class = good;
    CHECK(check(sm) == CommandStatus::Ok);
}

TEST_CASE("§9.38 data_coding 0x0B -> 0x104", "[validation][checklist]")
{
    auto sm = validSubmit();
    for (int dc = 0; dc < 256; ++dc) {
        sm.data_coding = static_cast<std::uint8_t>(dc);
        sm.short_message = "ab";
        const bool reserved = dc == 0x0B || dc == 0x0C || (dc >= 0x0F && dc <= 0xBF);
        INFO(dc);
        CHECK((check(sm) == CommandStatus::InvalidDataCoding) == reserved);
    }
}

TEST_CASE(
    "§9.39 UCS-2 with sm_length 5, UDHI with UDHL >= sm_length -> 0x01", "[validation][checklist]")
{
    auto sm = validSubmit();
    sm.data_coding = 0x08;
    sm.short_message = std::string("\x00h\x00i\x00", 5);
    CHECK(check(sm) == CommandStatus::InvalidMessageLength);
    sm.short_message.pop_back();
    CHECK(check(sm) == CommandStatus::Ok);
    sm = validSubmit();
    sm.esm_class = 0x40;
    sm.short_message = std::string("\x05\x00\x03\x01\x02", 5); // UDHL 5 = sm_length
    CHECK(check(sm) == CommandStatus::InvalidMessageLength);
    sm.short_message = std::string("\x05\x00\x03\x01\x02\x01", 6);
    CHECK(check(sm) == CommandStatus::Ok);
    sm.short_message.clear();
    CHECK(check(sm) == CommandStatus::InvalidMessageLength);
    SECTION("UCS-2 after a 7-octet UDH (16-bit reference) is an even count")
    {
        sm.data_coding = 0x08;
        sm.short_message = std::string("\x06\x08\x04\x00\x01\x02\x01\x00h", 9);
        CHECK(check(sm) == CommandStatus::Ok);
    }
    SECTION("the checks apply to message_payload too")
    {
        sm = validSubmit();
        sm.short_message.clear();
        sm.data_coding = 0x08;
        sm.tlvs.message_payload = "abc";
        CHECK(check(sm) == CommandStatus::InvalidMessageLength);
    }
}

TEST_CASE("§9.44 submit_multi with 0 destinations -> 0x33", "[validation][checklist]")
{
    smpp::SubmitMulti multi;
    CHECK(smpp::validateSubmitMulti(multi, kV34, kNow) == CommandStatus::InvalidNumberOfDests);
    multi.dest_addresses = {smpp::DestAddress{1, 1, 1, "4477"}, smpp::DestAddress{2, 0, 0, "list"}};
    CHECK(smpp::validateSubmitMulti(multi, kV34, kNow) == CommandStatus::Ok);
    multi.dest_addresses.push_back(smpp::DestAddress{1, 1, 2, "4478"});
    CHECK(smpp::validateSubmitMulti(multi, kV34, kNow) == CommandStatus::InvalidDestNpi);
    multi.dest_addresses.back() = smpp::DestAddress{2, 0, 0, ""};
    CHECK(
        smpp::validateSubmitMulti(multi, kV34, kNow) == CommandStatus::InvalidDistributionListName);
    multi.dest_addresses.assign(255, smpp::DestAddress{1, 1, 1, "4477"});
    CHECK(smpp::validateSubmitMulti(multi, kV34, kNow) == CommandStatus::InvalidNumberOfDests);
}

TEST_CASE("data_sm, replace_sm, query_sm and cancel_sm checks", "[validation]")
{
    smpp::DataSm data;
    data.destination_addr = "1";
    CHECK(smpp::validateDataSm(data, kV34) == CommandStatus::Ok);
    data.esm_class = 0x04;
    CHECK(smpp::validateDataSm(data, kV34) == CommandStatus::InvalidEsmClass);
    data.esm_class = 0;
    data.data_coding = 0x0B;
    CHECK(smpp::validateDataSm(data, kV34) == CommandStatus::InvalidDataCoding);

    smpp::ReplaceSm replace;
    CHECK(smpp::validateReplaceSm(replace, kV34, kNow) == CommandStatus::InvalidMessageId);
    replace.message_id = "1";
    CHECK(smpp::validateReplaceSm(replace, kV34, kNow) == CommandStatus::Ok);
    replace.validity_period = "251125230000000+";
    CHECK(smpp::validateReplaceSm(replace, kV34, kNow) == CommandStatus::InvalidExpiry);

    smpp::QuerySm query;
    CHECK(smpp::validateQuerySm(query) == CommandStatus::InvalidMessageId);
    query.message_id = "1";
    query.source_addr_ton = 9;
    CHECK(smpp::validateQuerySm(query) == CommandStatus::InvalidSourceTon);

    smpp::CancelSm cancel;
    CHECK(smpp::validateCancelSm(cancel) == CommandStatus::InvalidDestAddress);
    cancel.message_id = "1";
    CHECK(smpp::validateCancelSm(cancel) == CommandStatus::Ok);
}
