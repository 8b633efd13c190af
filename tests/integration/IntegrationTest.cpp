// Checklist §9 rows that need a live server, against the real build/bin/smppd.
#include "common/smpp/Receipt.h"
#include "tests/integration/ClientSteps.h"
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <future>
#include <memory>
#include <thread>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

/// OpenSSL for the TLS client, once per test process.
struct SslInit {
    SslInit() { Poco::Net::initializeSSL(); }
    ~SslInit() { Poco::Net::uninitializeSSL(); }
} ssl_init;

CommandId idOf(const smpp::Pdu& pdu)
{
    return smpp::commandId(pdu);
}

/// A started server with default settings plus `keys`.
struct Server {
    explicit Server(SmppdProcess::Keys keys = {}) : process(std::move(keys)) { process.start(); }
    SmppClient connect(bool tls = false) { return SmppClient(process.port(), tls); }
    SmppdProcess process;
};

void checkAlive(SmppClient& c)
{
    const auto seq = c.request(smpp::EnquireLink{});
    const auto r = expectId(c, CommandId::EnquireLinkResp);
    CHECK(r.sequence_number == seq);
    CHECK(r.command_status == CommandStatus::Ok);
}

} // namespace

TEST_CASE("bind, enquire_link, submit_sm and unbind end to end", "[integration]")
{
    Server s;
    auto c = s.connect();
    SECTION("rows 12, 13: enquire_link in OPEN; bind_transceiver 0x34 with sc_interface_version")
    {
        checkAlive(c);
        const auto r = c.bind(CommandId::BindTransceiver);
        CHECK(r.command_status == CommandStatus::Ok);
        const auto& body = std::get<smpp::BindTransceiverResp>(r.body);
        CHECK(body.system_id == "opportunity-sms"); // 16-character default cut to 15 + NUL
        CHECK(body.sc_interface_version == std::optional<std::uint8_t>(0x34));
        const auto id = submitOk(c, makeSubmit());
        CHECK(id == "1");
        const auto unbind_seq = c.request(smpp::Unbind{});
        const auto u = expectId(c, CommandId::UnbindResp);
        CHECK(u.sequence_number == unbind_seq);
        CHECK(c.waitClosed(3s));
    }
}

TEST_CASE("framing rows 1, 2, 4, 7, 8, 9", "[integration]")
{
    Server s;
    SECTION("row 1: command_length 15 -> generic_nack 0x02 and close")
    {
        auto c = s.connect();
        c.bind(CommandId::BindTransceiver);
        c.sendRaw(rawHeader(15, 0x15, 0, 9));
        const auto r = c.expect();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(c.waitClosed(3s));
    }
    SECTION("row 2: command_length 0xFFFFFFFF and one over the cap -> generic_nack 0x02, close")
    {
        const std::uint32_t len = GENERATE(0xFFFFFFFFU, 65536U + 1024U + 1U);
        auto c = s.connect();
        c.bind(CommandId::BindTransceiver);
        c.sendRaw(rawHeader(len, 0x04, 0, 10));
        const auto r = c.expect();
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(c.waitClosed(3s));
    }
    SECTION("rows 4, 7, 8, 9 on one bound session")
    {
        auto c = s.connect();
        c.bind(CommandId::BindTransceiver);
        // row 4: two enquire_links in one write; a submit_sm one byte per write
        auto two = smpp::encode(smpp::Pdu{.sequence_number = 100, .body = smpp::EnquireLink{}});
        const auto second =
            smpp::encode(smpp::Pdu{.sequence_number = 101, .body = smpp::EnquireLink{}});
        two.insert(two.end(), second.begin(), second.end());
        c.sendRaw(two);
        CHECK(c.expect().sequence_number == 100);
        CHECK(c.expect().sequence_number == 101);
        for (const auto byte :
            smpp::encode(smpp::Pdu{.sequence_number = 102, .body = makeSubmit()})) {
            c.sendRaw({byte});
        }
        auto r = expectId(c, CommandId::SubmitSmResp);
        CHECK(r.sequence_number == 102);
        CHECK(r.command_status == CommandStatus::Ok);
        // row 7: submit_sm of 16 octets -> 16-octet submit_sm_resp 0x02
        c.sendRaw(rawHeader(16, 0x04, 0, 103));
        r = expectId(c, CommandId::SubmitSmResp);
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(c.lastFrame().size() == 16);
        // row 8: enquire_link with command_length 20, then a normal one
        auto padded = rawHeader(20, 0x15, 0, 104);
        padded.insert(padded.end(), {0, 0, 0, 0});
        const auto next =
            smpp::encode(smpp::Pdu{.sequence_number = 105, .body = smpp::EnquireLink{}});
        padded.insert(padded.end(), next.begin(), next.end());
        c.sendRaw(padded);
        CHECK(expectId(c, CommandId::EnquireLinkResp).sequence_number == 104);
        CHECK(expectId(c, CommandId::EnquireLinkResp).sequence_number == 105);
        // row 9: command_status 0x08, seq 0, seq 0xFFFFFFFF
        for (const std::uint32_t seq : {0U, 0xFFFFFFFFU}) {
            c.sendRaw(rawHeader(16, 0x15, 0x08, seq));
            r = expectId(c, CommandId::EnquireLinkResp);
            CHECK(r.sequence_number == seq);
            CHECK(r.command_status == CommandStatus::Ok);
        }
        checkAlive(c);
    }
}

TEST_CASE("row 3: a partial PDU is dropped after the 10 s read timer", "[integration][slow]")
{
    Server s;
    auto c = s.connect();
    c.bind(CommandId::BindTransceiver);
    auto bytes = rawHeader(40, 0x04, 0, 7);
    bytes.resize(20);
    c.sendRaw(bytes);
    std::vector<smpp::Pdu> drained;
    CHECK_FALSE(c.waitClosed(8s, &drained));
    CHECK(c.waitClosed(5s, &drained));
    for (const auto& pdu : drained) {
        CHECK(idOf(pdu) == CommandId::GenericNack); // only the 0x02 nack before the close
    }
}

TEST_CASE("decision order rows 5, 6, 10, 11, 12, 20, 22", "[integration]")
{
    Server s;
    SECTION("OPEN: rows 6, 11, 12")
    {
        auto c = s.connect();
        c.sendRaw(rawHeader(16, 0x99, 0, 5));
        auto r = c.expect();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandId);
        CHECK(r.sequence_number == 5);
        c.request(makeSubmit());
        r = c.expect();
        CHECK(idOf(r) == CommandId::SubmitSmResp);
        CHECK(r.command_status == CommandStatus::IncorrectBindStatus);
        checkAlive(c);
    }
    SECTION("bound TRX: rows 5, 10, 22")
    {
        auto c = s.connect();
        c.bind(CommandId::BindTransceiver);
        for (const std::uint32_t id : {0x99U, 0x0AU}) {
            c.sendRaw(rawHeader(16, id, 0, 6));
            const auto r = c.expect();
            CHECK(idOf(r) == CommandId::GenericNack);
            CHECK(r.command_status == CommandStatus::InvalidCommandId);
            CHECK(r.sequence_number == 6);
        }
        c.sendRaw(rawHeader(16, 0x80000000, 0, 77)); // row 10: unsolicited
        c.sendRaw(rawHeader(17, 0x80000004, 0, 78));
        c.sendRaw({0});
        c.request(smpp::DeliverSm{.source_addr = "1", .destination_addr = "2"}); // row 22
        const auto r = c.expect();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandId);
        checkAlive(c);
    }
    SECTION("row 20: message requests while BOUND_RX get 0x04")
    {
        auto c = s.connect();
        CHECK(c.bind(CommandId::BindReceiver).command_status == CommandStatus::Ok);
        c.request(makeSubmit());
        CHECK(c.expect().command_status == CommandStatus::IncorrectBindStatus);
        c.request(smpp::QuerySm{.message_id = "1"});
        CHECK(c.expect().command_status == CommandStatus::IncorrectBindStatus);
        c.request(smpp::CancelSm{.message_id = "1"});
        CHECK(c.expect().command_status == CommandStatus::IncorrectBindStatus);
        c.request(smpp::ReplaceSm{.message_id = "1"});
        CHECK(c.expect().command_status == CommandStatus::IncorrectBindStatus);
        c.request(smpp::DataSm{.source_addr = "1", .destination_addr = "2"});
        CHECK(c.expect().command_status == CommandStatus::IncorrectBindStatus);
        checkAlive(c);
    }
}

TEST_CASE("bind rows 14-19", "[integration][bind]")
{
    Server s(SmppdProcess::Keys{{"Server.BindTimeout", "1"}});
    SECTION("row 14: version 0x33 gets no TLV, and its receipts carry none")
    {
        auto c = s.connect();
        const auto r = c.bind(CommandId::BindTransceiver, "admin", "vocalcom", 0x33);
        CHECK(r.command_status == CommandStatus::Ok);
        CHECK_FALSE(std::get<smpp::BindTransceiverResp>(r.body).sc_interface_version.has_value());
        submitOk(c, makeSubmit("33612345678", "hi", 1));
        const auto receipt = expectId(c, CommandId::DeliverSm);
        CHECK(std::get<smpp::DeliverSm>(receipt.body).tlvs == smpp::Tlvs{});
        answer(c, receipt);
    }
    SECTION("row 15: second bind -> 0x05, first bind still works")
    {
        auto c = s.connect();
        c.bind(CommandId::BindTransceiver);
        CHECK(c.bind(CommandId::BindTransmitter).command_status == CommandStatus::AlreadyBound);
        submitOk(c, makeSubmit());
    }
    SECTION("row 16: wrong password 0x0E / unknown system_id 0x0F, then close")
    {
        auto c = s.connect();
        CHECK(c.bind(CommandId::BindTransceiver, "admin", "wrong").command_status
            == CommandStatus::InvalidPassword);
        CHECK(c.waitClosed(3s));
        auto d = s.connect();
        CHECK(d.bind(CommandId::BindTransceiver, "nobody", "x").command_status
            == CommandStatus::InvalidSystemId);
        CHECK(d.waitClosed(3s));
    }
    SECTION("row 17: system_id 16 / password 9 / system_type 13 characters")
    {
        auto c = s.connect();
        CHECK(c.bind(CommandId::BindTransceiver, std::string(16, 'a'), "x").command_status
            == CommandStatus::InvalidSystemId);
        auto d = s.connect();
        CHECK(d.bind(CommandId::BindTransceiver, "admin", std::string(9, 'p')).command_status
            == CommandStatus::InvalidPassword);
        auto e = s.connect();
        e.request(smpp::BindTransceiver{
            .system_id = "admin", .password = "vocalcom", .system_type = std::string(13, 't')});
        CHECK(e.expect().command_status == CommandStatus::InvalidSystemType);
        // Answered, then closed, as a wrong password is (row 16).
        CHECK(c.waitClosed(3s));
        CHECK(d.waitClosed(3s));
        CHECK(e.waitClosed(3s));
    }
    SECTION("row 18: third bind with a limit of 2 -> 0x0D and close; the others keep working")
    {
        auto a = s.connect();
        auto b = s.connect();
        auto c = s.connect();
        CHECK(a.bind(CommandId::BindTransmitter).command_status == CommandStatus::Ok);
        CHECK(b.bind(CommandId::BindReceiver).command_status == CommandStatus::Ok);
        CHECK(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::BindFailed);
        CHECK(c.waitClosed(3s));
        checkAlive(a);
        checkAlive(b);
        submitOk(a, makeSubmit());
    }
    SECTION("row 19: no bind within Server.BindTimeout -> closed")
    {
        auto c = s.connect();
        CHECK(c.waitClosed(4s));
    }
}

TEST_CASE("added keys reach the server: Authentication.HideUnknownLogin, Server.DeliverWindow",
    "[integration][config]")
{
    Server s(SmppdProcess::Keys{
        {"Authentication.HideUnknownLogin", "true"}, {"Server.DeliverWindow", "1"}});
    SECTION("HideUnknownLogin=true: an unknown system_id gets 0x0E like a wrong password")
    {
        auto c = s.connect();
        CHECK(c.bind(CommandId::BindTransceiver, "nobody", "x").command_status
            == CommandStatus::InvalidPassword);
        CHECK(c.waitClosed(3s));
    }
    SECTION("DeliverWindow=1: the second receipt waits for the first deliver_sm_resp")
    {
        auto c = s.connect();
        REQUIRE(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);
        c.request(makeSubmit("33612345678", "one", 1));
        c.request(makeSubmit("33612345678", "two", 1));
        int responses = 0;
        std::vector<smpp::Pdu> delivers;
        while (responses < 2 || delivers.empty()) {
            const auto pdu = c.read(5s);
            REQUIRE(pdu);
            if (idOf(*pdu) == CommandId::SubmitSmResp) {
                CHECK(pdu->command_status == CommandStatus::Ok);
                ++responses;
            } else if (idOf(*pdu) == CommandId::DeliverSm) {
                delivers.push_back(*pdu);
            }
        }
        REQUIRE(delivers.size() == 1);
        CHECK_FALSE(c.read(500ms).has_value()); // the window of 1 is full
        answer(c, delivers[0]);
        answer(c, expectId(c, CommandId::DeliverSm));
    }
}

TEST_CASE("row 23: unbind with 3 submits in flight", "[integration][unbind]")
{
    Server s;
    auto c = s.connect();
    c.bind(CommandId::BindTransmitter);
    std::vector<std::uint8_t> burst;
    for (std::uint32_t i = 0; i < 3; ++i) {
        const auto bytes = smpp::encode(smpp::Pdu{.sequence_number = 50 + i, .body = makeSubmit()});
        burst.insert(burst.end(), bytes.begin(), bytes.end());
    }
    const auto unbind = smpp::encode(smpp::Pdu{.sequence_number = 60, .body = smpp::Unbind{}});
    burst.insert(burst.end(), unbind.begin(), unbind.end());
    c.sendRaw(burst);
    for (int i = 0; i < 3; ++i) {
        const auto r = c.expect();
        CHECK(idOf(r) == CommandId::SubmitSmResp);
        CHECK(r.command_status == CommandStatus::Ok);
    }
    const auto u = c.expect();
    CHECK(idOf(u) == CommandId::UnbindResp);
    CHECK(u.sequence_number == 60);
    CHECK(c.waitClosed(3s));
}

TEST_CASE("row 45: query_sm, cancel_sm, replace_sm", "[integration][store]")
{
    Server s;
    auto c = s.connect();
    c.bind(CommandId::BindTransceiver);
    c.request(smpp::QuerySm{.message_id = "999999"});
    CHECK(c.expect().command_status == CommandStatus::QueryFailed);
    const auto id = submitOk(c, makeSubmit()); // OPPORTUNITY: the simulated handset delivers it
    smpp::Pdu q;
    for (int i = 0; i < 50; ++i) {
        c.request(smpp::QuerySm{.message_id = id});
        q = expectId(c, CommandId::QuerySmResp);
        if (std::get<smpp::QuerySmResp>(q.body).message_state == 2) {
            break;
        }
        std::this_thread::sleep_for(50ms);
    }
    REQUIRE(q.command_status == CommandStatus::Ok);
    CHECK(std::get<smpp::QuerySmResp>(q.body).message_state == 2);
    CHECK(std::get<smpp::QuerySmResp>(q.body).final_date.size() == 16);
    c.request(smpp::CancelSm{.message_id = id, .destination_addr = "33612345678"});
    CHECK(expectId(c, CommandId::CancelSmResp).command_status == CommandStatus::CancelFailed);
    c.request(smpp::ReplaceSm{.message_id = id, .short_message = "new"});
    CHECK(expectId(c, CommandId::ReplaceSmResp).command_status == CommandStatus::ReplaceFailed);
}

TEST_CASE("cancel_sm with a NULL message_id cancels by addresses", "[integration][store]")
{
    Server s;
    auto c = s.connect();
    c.bind(CommandId::BindTransceiver);
    auto scheduled = makeSubmit("33699000001");
    scheduled.schedule_delivery_time = "000001000000000R"; // in a day: stays open
    const auto first = submitOk(c, scheduled);
    const auto second = submitOk(c, scheduled);
    auto other = makeSubmit("33699000002");
    other.schedule_delivery_time = "000001000000000R";
    const auto kept = submitOk(c, other);

    c.request(
        smpp::CancelSm{.source_addr = scheduled.source_addr, .destination_addr = "33699000001"});
    CHECK(expectId(c, CommandId::CancelSmResp).command_status == CommandStatus::Ok);
    const auto stateOf = [&c](const std::string& id) {
        c.request(smpp::QuerySm{.message_id = id});
        return std::get<smpp::QuerySmResp>(expectId(c, CommandId::QuerySmResp).body).message_state;
    };
    CHECK(stateOf(first) == 4); // DELETED
    CHECK(stateOf(second) == 4);
    CHECK(stateOf(kept) == 1); // ENROUTE: other destination
    c.request(
        smpp::CancelSm{.source_addr = scheduled.source_addr, .destination_addr = "33699000001"});
    CHECK(expectId(c, CommandId::CancelSmResp).command_status == CommandStatus::CancelFailed);
}

TEST_CASE("row 46: throttle and window answer 0x58", "[integration][window]")
{
    SECTION("11 submits in one second at Server.ThrottleRate 10")
    {
        Server s(SmppdProcess::Keys{{"Server.ThrottleRate", "10"}});
        auto c = s.connect();
        c.bind(CommandId::BindTransmitter);
        std::vector<std::uint8_t> burst;
        for (std::uint32_t i = 0; i < 11; ++i) {
            const auto bytes =
                smpp::encode(smpp::Pdu{.sequence_number = 100 + i, .body = makeSubmit()});
            burst.insert(burst.end(), bytes.begin(), bytes.end());
        }
        c.sendRaw(burst);
        int throttled = 0;
        for (int i = 0; i < 11; ++i) {
            const auto r = c.expect();
            if (r.command_status == CommandStatus::Throttled) {
                ++throttled;
                CHECK(r.sequence_number == 110);
            }
        }
        CHECK(throttled == 1);
    }
    SECTION("11 outstanding with Server.WindowSize 10")
    {
        Server s(SmppdProcess::Keys{{"Server.WindowSize", "10"}});
        auto c = s.connect();
        c.bind(CommandId::BindTransmitter);
        std::vector<std::uint8_t> burst;
        for (std::uint32_t i = 0; i < 11; ++i) {
            const auto bytes =
                smpp::encode(smpp::Pdu{.sequence_number = 200 + i, .body = makeSubmit()});
            burst.insert(burst.end(), bytes.begin(), bytes.end());
        }
        c.sendRaw(burst); // one read: the 11th is refused before any commit completes
        int throttled = 0;
        for (int i = 0; i < 11; ++i) {
            throttled += c.expect().command_status == CommandStatus::Throttled ? 1 : 0;
        }
        CHECK(throttled == 1);
        checkAlive(c);
    }
}

TEST_CASE("rows 48-50: deliver_sm retries, statuses and response forms", "[integration][deliver]")
{
    Server s(SmppdProcess::Keys{{"Server.ResponseTimeout", "1"}});
    auto c = s.connect();
    c.bind(CommandId::BindTransceiver);
    const auto id = submitOk(c, makeSubmit("33612345678", "x", 1));
    SECTION("row 48: never answered -> sent again with a new seq; row 50: 16 octets accepted")
    {
        const auto first = expectId(c, CommandId::DeliverSm);
        const auto again = expectId(c, CommandId::DeliverSm, 8s);
        CHECK(again.sequence_number != first.sequence_number);
        c.sendRaw(rawHeader(16, 0x80000005, 0, again.sequence_number));
        CHECK_FALSE(c.read(3s).has_value()); // delivered: no more retries
    }
    SECTION("row 49: 0x64 is retried; 17-octet and with-id responses accepted")
    {
        const auto first = expectId(c, CommandId::DeliverSm);
        answer(c, first, CommandStatus::TemporaryAppError);
        const auto again = expectId(c, CommandId::DeliverSm, 8s);
        CHECK(again.sequence_number != first.sequence_number);
        auto bytes = rawHeader(17, 0x80000005, 0, again.sequence_number);
        bytes.push_back(0);
        c.sendRaw(bytes);
        CHECK_FALSE(c.read(3s).has_value());
    }
    SECTION("row 49: 0x66 fails for good (no retry)")
    {
        const auto first = expectId(c, CommandId::DeliverSm);
        c.send(smpp::Pdu{.command_status = CommandStatus::RejectAppError,
            .sequence_number = first.sequence_number,
            .body = smpp::DeliverSmResp{.message_id = id}});
        CHECK_FALSE(c.read(3s).has_value());
    }
    checkAlive(c);
}

TEST_CASE("row 51: idle link -> server enquire_link, no answer -> close", "[integration][timer]")
{
    Server s(
        SmppdProcess::Keys{{"Server.KeepAliveInterval", "1"}, {"Server.ResponseTimeout", "1"}});
    auto c = s.connect();
    c.bind(CommandId::BindTransceiver);
    const auto el = c.expect(3s);
    CHECK(idOf(el) == CommandId::EnquireLink);
    SECTION("answered: still open")
    {
        c.send(smpp::Pdu{.sequence_number = el.sequence_number, .body = smpp::EnquireLinkResp{}});
        checkAlive(c);
    }
    SECTION("not answered: closed")
    {
        CHECK(c.waitClosed(4s));
    }
}

TEST_CASE("rows 52-54: delivery receipts", "[integration][receipt]")
{
    Server s;
    auto c = s.connect();
    c.bind(CommandId::BindTransceiver);
    SECTION("row 52: registered_delivery 1 -> DELIVRD receipt with the same id and TLVs")
    {
        const auto id = submitOk(c, makeSubmit("33612345678", "hello", 1));
        const auto r = expectId(c, CommandId::DeliverSm);
        const auto& d = std::get<smpp::DeliverSm>(r.body);
        CHECK(d.esm_class == 0x04);
        const auto receipt = smpp::parseReceipt(d.short_message);
        REQUIRE(receipt);
        CHECK(receipt->id == id);
        CHECK(receipt->stat == smpp::MessageState::Delivered);
        CHECK(d.tlvs.message_state == std::optional<std::uint8_t>(2));
        CHECK(d.tlvs.receipted_message_id == std::optional<std::string>(id));
        answer(c, r);
    }
    SECTION("row 53: registered_delivery 2 and delivered -> no receipt")
    {
        submitOk(c, makeSubmit("33612345678", "hello", 2));
        CHECK_FALSE(c.read(1500ms).has_value());
    }
    SECTION("row 53: registered_delivery 2 and failed -> UNDELIV, state 5")
    {
        // OPPORTUNITY routes a destination equal to a system_id to that account: here ourselves.
        const auto id = submitOk(c, makeSubmit("admin", "mo", 2));
        const auto mo = expectId(c, CommandId::DeliverSm);
        CHECK(std::get<smpp::DeliverSm>(mo.body).esm_class == 0x00);
        answer(c, mo, CommandStatus::RejectAppError);
        const auto r = expectId(c, CommandId::DeliverSm);
        const auto& d = std::get<smpp::DeliverSm>(r.body);
        CHECK(d.esm_class == 0x04);
        CHECK(d.tlvs.message_state == std::optional<std::uint8_t>(5));
        const auto receipt = smpp::parseReceipt(d.short_message);
        REQUIRE(receipt);
        CHECK(receipt->id == id);
        CHECK(receipt->stat == smpp::MessageState::Undeliverable);
        answer(c, r);
    }
    SECTION("registered_delivery 0x11 and a transient failure -> an ENROUTE notification first")
    {
        const auto id = submitOk(c, makeSubmit("admin", "mo", 0x11));
        const auto mo = expectId(c, CommandId::DeliverSm);
        answer(c, mo, CommandStatus::Throttled); // retried later; meanwhile the notification
        const auto r = expectId(c, CommandId::DeliverSm);
        const auto& d = std::get<smpp::DeliverSm>(r.body);
        CHECK(d.esm_class == 0x20);
        CHECK(d.tlvs.message_state == std::optional<std::uint8_t>(1));
        CHECK(d.tlvs.receipted_message_id == std::optional<std::string>(id));
        const auto receipt = smpp::parseReceipt(d.short_message);
        REQUIRE(receipt);
        CHECK(receipt->id == id);
        CHECK(receipt->stat == smpp::MessageState::Enroute);
        CHECK(receipt->err == "088");
        answer(c, r);
    }
    SECTION("row 54: a 3-part message -> 3 receipts, one per part id")
    {
        std::vector<std::string> ids;
        for (std::uint8_t part = 1; part <= 3; ++part) {
            auto submit = makeSubmit("33612345678",
                std::string{"\x05\x00\x03\x2a\x03", 5} + static_cast<char>(part) + "part",
                1);
            submit.short_message[5] = static_cast<char>(part);
            submit.short_message[4] = 3;
            submit.esm_class = 0x40;
            ids.push_back(submitOk(c, submit));
        }
        std::vector<std::string> receipted;
        for (int i = 0; i < 3; ++i) {
            const auto r = expectId(c, CommandId::DeliverSm);
            receipted.push_back(
                std::get<smpp::DeliverSm>(r.body).tlvs.receipted_message_id.value_or(""));
            answer(c, r);
        }
        std::sort(receipted.begin(), receipted.end());
        std::sort(ids.begin(), ids.end());
        CHECK(receipted == ids);
    }
}

TEST_CASE("row 21 + restart: MO waits while only TX is bound and survives a restart",
    "[integration][restart]")
{
    SmppdProcess p;
    p.start();
    {
        SmppClient tx(p.port());
        tx.bind(CommandId::BindTransmitter);
        submitOk(tx, makeSubmit("admin", "queued mo"));
        CHECK_FALSE(tx.read(1s).has_value()); // row 21: nothing to a TX session
    }
    CHECK(p.stop() == 0);
    SmppdProcess again(SmppdProcess::Keys{}, p.dir()); // same folder and store, a new free port
    again.start();
    {
        SmppClient rx(again.port());
        CHECK(rx.bind(CommandId::BindReceiver).command_status == CommandStatus::Ok);
        const auto mo = expectId(rx, CommandId::DeliverSm);
        CHECK(std::get<smpp::DeliverSm>(mo.body).short_message == "queued mo");
        CHECK(std::get<smpp::DeliverSm>(mo.body).destination_addr == "admin");
        answer(rx, mo);
    }
    CHECK(again.stop() == 0);
}

TEST_CASE("listen host empty: IPv4 and IPv6 loopback both served", "[integration][net]")
{
    Server s(SmppdProcess::Keys{{"Server.ListenHost", ""}});
    SmppClient v4(s.process.port(), false, "127.0.0.1");
    checkAlive(v4);
    try {
        SmppClient v6(s.process.port(), false, "::1");
        checkAlive(v6);
    } catch (const Poco::Exception& e) {
        WARN("no IPv6 loopback here: " << e.displayText());
    }
}

TEST_CASE(
    "Server.MaxConnections: connections over the limit are closed at once", "[integration][net]")
{
    Server s(SmppdProcess::Keys{{"Server.MaxConnections", "2"}});
    // The start-up probe's connection may still count until the server sees it closed: retry
    // until two connections are served, then a third must be closed at once.
    const auto served = [&s]() -> std::unique_ptr<SmppClient> {
        for (int attempt = 0; attempt < 30; ++attempt) {
            auto x = std::make_unique<SmppClient>(s.process.port(), false);
            x->request(smpp::EnquireLink{});
            const auto r = x->read(1s);
            if (r && idOf(*r) == CommandId::EnquireLinkResp) {
                return x;
            }
            std::this_thread::sleep_for(100ms);
        }
        return nullptr;
    };
    auto a = served();
    REQUIRE(a);
    auto b = served();
    REQUIRE(b);
    auto c = s.connect();
    CHECK(c.waitClosed(3s));
    checkAlive(*a);
}

TEST_CASE("listen host ::1: an IPv6 listener", "[integration][net]")
{
    try {
        Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("::1", 0));
    } catch (const Poco::Exception& e) {
        WARN("no IPv6 loopback here: " << e.displayText());
        return;
    }
    SmppdProcess p(SmppdProcess::Keys{{"Server.ListenHost", "::1"}});
    p.start();
    SmppClient v6(p.port(), false, "::1");
    checkAlive(v6);
    CHECK_THROWS(SmppClient(p.port(), false, "127.0.0.1")); // IPv6 only
}

TEST_CASE("graceful stop unbinds sessions and exits 0", "[integration][app]")
{
    SmppdProcess p;
    p.start();
    SmppClient c(p.port());
    c.bind(CommandId::BindTransceiver);
    // stop() waits for the exit on its own thread; its code is checked here, on the test's
    // thread (Catch 2 is not thread-safe).
    auto exit_code = std::async(std::launch::async, [&] { return p.stop(); });
    const auto u = expectId(c, CommandId::Unbind);
    c.send(smpp::Pdu{.sequence_number = u.sequence_number, .body = smpp::UnbindResp{}});
    CHECK(c.waitClosed(3s));
    CHECK(exit_code.get() == 0);
}

TEST_CASE("exit codes: 64 bad config, 69 port in use, 0 version/check-config", "[integration][app]")
{
    std::string out;
    CHECK(SmppdProcess::runToExit({"--version"}, 5s, &out) == 0);
    CHECK(out.find("smppd") != std::string::npos);
    SmppdProcess bad(SmppdProcess::Keys{{"Server.ListenPort", "70000"}});
    CHECK(SmppdProcess::runToExit({"--config", bad.configPath()}, 10s, &out) == 64);
    CHECK(out.find("Server.ListenPort") != std::string::npos);
    CHECK(SmppdProcess::runToExit({"--check-config", bad.configPath()}, 10s, &out) == 64);
    SmppdProcess good;
    CHECK(SmppdProcess::runToExit({"--check-config", good.configPath()}, 10s, &out) == 0);
    CHECK(out.find("Server.ListenPort=") != std::string::npos);
    CHECK(SmppdProcess::runToExit({"--no-such-option"}, 5s, &out) == 64);
    Server running;
    SmppdProcess clash(
        SmppdProcess::Keys{{"Server.ListenPort", std::to_string(running.process.port())}});
    CHECK(SmppdProcess::runToExit({"--config", clash.configPath()}, 10s, &out) == 69);
}

TEST_CASE("exit 69 when the admin or the bridge port is taken, even by another smppd",
    "[integration][app]")
{
    // Poco's two-argument bind() sets SO_REUSEPORT, with which two smppd could share a port
    // and split its connections between them.
    const SmppdProcess::Keys vocalcom{{"Mode", "VOCALCOM"},
        {"UrlHermes", "https://127.0.0.1:9/sms/{campaign}"},
        {"TcpServer.ListenHost", "127.0.0.1"},
        {"TcpServer.ListenPort", SmppdProcess::kFreePort},
        {"Admin.ListenPort", SmppdProcess::kFreePort}};
    Server running(vocalcom);
    for (const std::string key : {"Admin.ListenPort", "TcpServer.ListenPort"}) {
        INFO(key);
        auto keys = vocalcom;
        keys[key] = std::to_string(running.process.portOf(key));
        SmppdProcess clash(keys);
        std::string out;
        CHECK(SmppdProcess::runToExit({"--config", clash.configPath()}, 10s, &out) == 69);
        CHECK(out.find(key) != std::string::npos);
    }
}

namespace {

/// GET `path` from smppd's admin endpoint on loopback.
std::string adminGet(std::uint16_t port, const std::string& path)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    REQUIRE(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
    return std::string((std::istreambuf_iterator<char>(body)), {});
}

/// The value of the Prometheus sample that starts with `series` ("name{labels} "), 0 if absent.
double sampleValue(const std::string& text, const std::string& series)
{
    const auto at = text.find("\n" + series);
    return at == std::string::npos ? 0.0 : std::stod(text.substr(at + 1 + series.size()));
}

} // namespace

TEST_CASE("admin /health and /metrics move with traffic", "[integration][admin]")
{
    Server s(SmppdProcess::Keys{{"Admin.ListenPort", SmppdProcess::kFreePort}});
    const std::uint16_t admin_port = s.process.portOf("Admin.ListenPort");
    const std::string submits_ok =
        R"(smppd_pdus_total{direction="in",command="submit_sm",status="ESME_ROK"} )";
    const std::string bound_trx = R"(smppd_sessions{account="admin",bind="transceiver"} )";

    const std::string before = adminGet(admin_port, "/metrics");
    CHECK(sampleValue(before, submits_ok) == 0.0);
    CHECK(sampleValue(before, bound_trx) == 0.0);
    CHECK(adminGet(admin_port, "/health").find(R"("status":"ok")") != std::string::npos);

    const std::string receipts_sent = R"(smppd_receipts_total{outcome="sent"} )";
    CHECK(sampleValue(before, receipts_sent) == 0.0);

    auto c = s.connect();
    REQUIRE(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);
    for (int i = 0; i < 3; ++i) {
        submitOk(c, makeSubmit());
    }
    submitOk(c, makeSubmit("33612345678", "hi", 1)); // the handset delivers it: a receipt
    answer(c, expectId(c, CommandId::DeliverSm));
    std::string after = adminGet(admin_port, "/metrics");
    for (int i = 0; i < 100 && sampleValue(after, receipts_sent) < 1.0; ++i) {
        std::this_thread::sleep_for(20ms); // counted once the receipt's new state is decided
        after = adminGet(admin_port, "/metrics");
    }
    CHECK(sampleValue(after, submits_ok) == 4.0);
    CHECK(sampleValue(after, bound_trx) == 1.0);
    CHECK(sampleValue(after, receipts_sent) == 1.0);
    CHECK(adminGet(admin_port, "/health").find(R"("sessions":{"admin":1})") != std::string::npos);

    // The router's own series: present from the start, the notification counted once answered.
    const std::string notifications = "smppd_router_notifications_total ";
    for (const std::string& series : {notifications,
             std::string("smppd_router_receipts_deferred_total "),
             std::string("smppd_router_receipts_held "),
             std::string("smppd_store_receipts_pending ")}) {
        INFO(series);
        CHECK(before.find("\n" + series + "0\n") != std::string::npos);
    }
    submitOk(c, makeSubmit("admin", "mo", 0x10)); // to ourselves: an MO
    answer(c, expectId(c, CommandId::DeliverSm), CommandStatus::Throttled);
    answer(c, expectId(c, CommandId::DeliverSm)); // its intermediate notification
    after = adminGet(admin_port, "/metrics");
    for (int i = 0; i < 100 && sampleValue(after, notifications) < 1.0; ++i) {
        std::this_thread::sleep_for(20ms);
        after = adminGet(admin_port, "/metrics");
    }
    CHECK(sampleValue(after, notifications) == 1.0);
}
