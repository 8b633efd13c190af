#include "tests/smppd/session/SessionHarness.h"

#include <catch2/catch.hpp>

using namespace smppd;
using namespace smppd::test;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

CommandId idOf(const smpp::Pdu& pdu)
{
    return smpp::commandId(pdu);
}

} // namespace

TEST_CASE("OPEN: enquire_link answered, unknown id nacked, submit refused", "[session]")
{
    Harness h;
    Peer p(h, h.open());

    SECTION("row 12: enquire_link in OPEN gets 0x00")
    {
        p.send(7, smpp::EnquireLink{});
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::EnquireLinkResp);
        CHECK(r.command_status == CommandStatus::Ok);
        CHECK(r.sequence_number == 7);
    }
    SECTION("row 6: unknown command_id in OPEN gets generic_nack 0x03 before the state check")
    {
        p.sendBytes(header(16, 0x00000099, 0, 42));
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandId);
        CHECK(r.sequence_number == 42);
        CHECK_FALSE(p.closing());
    }
    SECTION("row 11: submit_sm in OPEN gets 0x04 and nothing is stored")
    {
        p.send(3, validSubmit());
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::SubmitSmResp);
        CHECK(r.command_status == CommandStatus::IncorrectBindStatus);
        CHECK(h.messages.pending.empty());
        CHECK(p.frames().back().size() == 16);
    }
    SECTION("unbind in OPEN gets 0x04")
    {
        p.send(4, smpp::Unbind{});
        CHECK(p.one().command_status == CommandStatus::IncorrectBindStatus);
    }
}

TEST_CASE("bind: responses, versions and TLVs", "[session][bind]")
{
    Harness h;
    Peer p(h, h.open());

    SECTION("row 13: golden bind_transceiver_resp with sc_interface_version 0x34")
    {
        h.config.smsc_identifier = "Smsc GW";
        Peer q(h, h.open());
        q.send(0x39943, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
        q.received();
        const std::vector<std::uint8_t> golden{0x00,
            0x00,
            0x00,
            0x1d,
            0x80,
            0x00,
            0x00,
            0x09,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x03,
            0x99,
            0x43,
            'S',
            'm',
            's',
            'c',
            ' ',
            'G',
            'W',
            0x00,
            0x02,
            0x10,
            0x00,
            0x01,
            0x34};
        REQUIRE(q.frames().size() == 1);
        CHECK(q.frames()[0] == golden);
        CHECK(q.session().state() == SessionState::BoundTrx);
    }
    SECTION("row 14: version 0x33 gets no TLV")
    {
        p.send(2,
            smpp::BindTransceiver{
                .system_id = "esme1", .password = "secret", .interface_version = 0x33});
        const auto r = p.one();
        CHECK(r.command_status == CommandStatus::Ok);
        CHECK_FALSE(std::get<smpp::BindTransceiverResp>(r.body).sc_interface_version.has_value());
        CHECK(p.frames()[0].size() == 16 + 5);
    }
    SECTION("bind_transmitter / bind_receiver give TX / RX")
    {
        p.send(2, smpp::BindTransmitter{.system_id = "esme1", .password = "secret"});
        CHECK(idOf(p.one()) == CommandId::BindTransmitterResp);
        CHECK(p.session().state() == SessionState::BoundTx);
        CHECK(h.router.sinks.empty()); // row 21: a TX session is never a receiver
        Peer q(h, h.open());
        q.send(2, smpp::BindReceiver{.system_id = "esme1", .password = "secret"});
        CHECK(idOf(q.one()) == CommandId::BindReceiverResp);
        CHECK(q.session().state() == SessionState::BoundRx);
        CHECK(h.router.sinks.size() == 1);
    }
    SECTION("row 15: a second bind gets 0x05 and the first bind still works")
    {
        p.bindTrx();
        p.send(9, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
        const auto r = p.one();
        CHECK(r.command_status == CommandStatus::AlreadyBound);
        CHECK(p.session().state() == SessionState::BoundTrx);
        CHECK_FALSE(p.closing());
        p.send(10, smpp::EnquireLink{});
        CHECK(p.one().command_status == CommandStatus::Ok);
        CHECK(h.registry.count("esme1") == 1);
    }
}

TEST_CASE("row 16-18: failed binds answer then close", "[session][bind]")
{
    SECTION("wrong password 0x0E, unknown system_id 0x0F, system_id kept in the response")
    {
        Harness h;
        Peer p(h, h.open());
        p.send(5, smpp::BindTransceiver{.system_id = "esme1", .password = "wrong"});
        auto r = p.one();
        CHECK(r.command_status == CommandStatus::InvalidPassword);
        CHECK(std::get<smpp::BindTransceiverResp>(r.body).system_id == "SMSC");
        CHECK(p.closing());
        Peer q(h, h.open());
        q.send(5, smpp::BindTransmitter{.system_id = "nobody", .password = "secret"});
        r = q.one();
        CHECK(r.command_status == CommandStatus::InvalidSystemId);
        CHECK(q.closing());
        CHECK(h.registry.total() == 0);
    }
    SECTION("unknown system_id answered 0x0E when configured to hide accounts")
    {
        Harness h(Authenticator::Options{.hide_unknown_system_id = true});
        Peer p(h, h.open());
        p.send(5, smpp::BindTransmitter{.system_id = "nobody", .password = "secret"});
        CHECK(p.one().command_status == CommandStatus::InvalidPassword);
    }
    SECTION("row 17: over-long system_id / password / system_type: answered, then closed")
    {
        Harness h;
        Peer p(h, h.open());
        auto bytes = smpp::encode(smpp::Pdu{.sequence_number = 3,
            .body = smpp::BindTransceiver{.system_id = "esme1", .password = "secret"}});
        // system_id of 16 characters (17 with NUL): rebuild the body by hand.
        std::vector<std::uint8_t> body;
        const std::string long_id(16, 'a');
        body.insert(body.end(), long_id.begin(), long_id.end());
        body.push_back(0);
        for (const char c : std::string("secret")) {
            body.push_back(static_cast<std::uint8_t>(c));
        }
        body.push_back(0);
        body.push_back(0);
        body.insert(body.end(), {0x34, 0, 0, 0});
        auto frame = header(static_cast<std::uint32_t>(16 + body.size()), 0x00000009, 0, 3);
        frame.insert(frame.end(), body.begin(), body.end());
        p.sendBytes(frame);
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::BindTransceiverResp);
        CHECK(r.command_status == CommandStatus::InvalidSystemId);
        CHECK(p.closing()); // answered, then closed, as a wrong password is (row 16)
    }
    SECTION("row 18: a session over Server.MaxSessionsPerAccount gets 0x0D; others unaffected")
    {
        Harness h;
        Peer a(h, h.open());
        Peer b(h, h.open());
        Peer c(h, h.open());
        a.bindTrx();
        b.bindTrx();
        c.send(1, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
        CHECK(c.one().command_status == CommandStatus::BindFailed);
        CHECK(c.closing());
        CHECK(h.registry.count("esme1") == 2);
        a.send(2, smpp::EnquireLink{});
        CHECK(a.one().command_status == CommandStatus::Ok);
        CHECK_FALSE(a.closing());
        SECTION("a slot frees when a session goes away")
        {
            a.session().onDisconnected();
            Peer d(h, h.open());
            d.send(1, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
            CHECK(d.one().command_status == CommandStatus::Ok);
        }
    }
    SECTION("repeated failures from one address lock it out for a while")
    {
        Harness h;
        for (int i = 0; i < 5; ++i) {
            Peer p(h, h.open("10.0.0.9"));
            p.send(1, smpp::BindTransceiver{.system_id = "esme1", .password = "bad"});
            CHECK(p.one().command_status == CommandStatus::InvalidPassword);
        }
        Peer locked(h, h.open("10.0.0.9"));
        locked.send(1, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
        CHECK(locked.one().command_status == CommandStatus::BindFailed);
        Peer other(h, h.open("10.0.0.10"));
        other.send(1, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
        CHECK(other.one().command_status == CommandStatus::Ok);
        h.now += 61s;
        Peer later(h, h.open("10.0.0.9"));
        later.send(1, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
        CHECK(later.one().command_status == CommandStatus::Ok);
    }
}

TEST_CASE("row 19: no bind before the bind timer closes the session", "[session][timer]")
{
    Harness h;
    Peer p(h, h.open());
    h.now += 29s;
    p.session().onTick(h.now);
    CHECK_FALSE(p.closing());
    h.now += 1s;
    p.session().onTick(h.now);
    CHECK(p.closing());
    CHECK(p.received().empty());
}

TEST_CASE("framing: rows 1-4, 7-9", "[session][framing]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();

    SECTION("row 1: command_length 15 or 0 -> generic_nack 0x02, close")
    {
        const std::uint32_t len = GENERATE(15U, 0U);
        p.sendBytes(header(len, 0x00000015, 0, 5));
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(p.closing());
    }
    SECTION("row 2: command_length over the cap -> generic_nack 0x02, close")
    {
        const std::uint32_t len = GENERATE(65536U + 1024U + 1U, 0xFFFFFFFFU);
        p.sendBytes(header(len, 0x00000004, 0, 6));
        const auto r = p.one();
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(p.closing());
    }
    SECTION("row 3: a partial PDU still incomplete after 10 s -> generic_nack 0x02, close")
    {
        auto bytes = header(40, 0x00000004, 0, 7);
        bytes.resize(20);
        p.sendBytes(bytes);
        h.now += 9s;
        p.session().onTick(h.now);
        CHECK(p.received().empty());
        CHECK_FALSE(p.closing());
        h.now += 1s;
        p.session().onTick(h.now);
        const auto r = p.one();
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(p.closing());
    }
    SECTION("row 4: two enquire_links in one write; a submit_sm one byte per write")
    {
        auto two = smpp::encode(smpp::Pdu{.sequence_number = 11, .body = smpp::EnquireLink{}});
        const auto second =
            smpp::encode(smpp::Pdu{.sequence_number = 12, .body = smpp::EnquireLink{}});
        two.insert(two.end(), second.begin(), second.end());
        p.sendBytes(two);
        auto rs = p.received();
        REQUIRE(rs.size() == 2);
        CHECK(rs[0].sequence_number == 11);
        CHECK(rs[1].sequence_number == 12);
        h.messages.auto_status = CommandStatus::Ok;
        for (const auto octet :
            smpp::encode(smpp::Pdu{.sequence_number = 13, .body = validSubmit()})) {
            p.sendBytes({octet});
        }
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::SubmitSmResp);
        CHECK(r.sequence_number == 13);
        CHECK(std::get<smpp::SubmitSmResp>(r.body).message_id == "1000");
    }
    SECTION("row 7: submit_sm with command_length 16 -> 16-octet submit_sm_resp 0x02")
    {
        p.sendBytes(header(16, 0x00000004, 0, 14));
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::SubmitSmResp);
        CHECK(r.command_status == CommandStatus::InvalidCommandLength);
        CHECK(p.frames().back().size() == 16);
        CHECK_FALSE(p.closing());
    }
    SECTION("row 8: enquire_link with command_length 20; the next PDU parses")
    {
        auto bytes = header(20, 0x00000015, 0, 15);
        bytes.insert(bytes.end(), {1, 2, 3, 4});
        const auto next =
            smpp::encode(smpp::Pdu{.sequence_number = 16, .body = smpp::EnquireLink{}});
        bytes.insert(bytes.end(), next.begin(), next.end());
        p.sendBytes(bytes);
        const auto rs = p.received();
        REQUIRE(rs.size() == 2);
        CHECK(rs[0].command_status == CommandStatus::Ok);
        CHECK(rs[1].sequence_number == 16);
    }
    SECTION("row 9: request with command_status 0x08, seq 0, seq 0xFFFFFFFF are processed")
    {
        const std::uint32_t seq = GENERATE(0U, 0xFFFFFFFFU, 77U);
        p.sendBytes(header(16, 0x00000015, 0x08, seq));
        const auto r = p.one();
        CHECK(r.command_status == CommandStatus::Ok);
        CHECK(r.sequence_number == seq);
    }
}

TEST_CASE("decision order rows 5, 10, 20, 22", "[session]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();

    SECTION("row 5: 0x99 and 0x0A get generic_nack 0x03, session kept")
    {
        const std::uint32_t id = GENERATE(0x00000099U, 0x0000000AU);
        p.sendBytes(header(16, id, 0, 21));
        const auto r = p.one();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandId);
        CHECK(r.sequence_number == 21);
        CHECK_FALSE(p.closing());
    }
    SECTION("row 10: unsolicited generic_nack or submit_sm_resp get nothing")
    {
        p.sendBytes(header(16, 0x80000000, 0, 22));
        p.sendBytes(header(16, 0x80000004, 0, 23));
        CHECK(p.received().empty());
    }
    SECTION("row 22: deliver_sm, alert_notification, outbind from the ESME -> generic_nack 0x03")
    {
        p.send(24, smpp::DeliverSm{.source_addr = "1", .destination_addr = "2"});
        auto r = p.one();
        CHECK(idOf(r) == CommandId::GenericNack);
        CHECK(r.command_status == CommandStatus::InvalidCommandId);
        p.send(25, smpp::Outbind{.system_id = "x"});
        CHECK(p.one().command_status == CommandStatus::InvalidCommandId);
    }
    SECTION("a field error is answered with that field's code and the session is kept")
    {
        auto bad = validSubmit();
        bad.dest_addr_ton = 7;
        p.send(26, bad);
        CHECK(p.one().command_status == CommandStatus::InvalidDestTon);
        CHECK(h.messages.pending.empty());
    }
}

TEST_CASE("row 20: message requests while BOUND_RX get 0x04", "[session]")
{
    Harness h;
    Peer p(h, h.open());
    p.send(1, smpp::BindReceiver{.system_id = "esme1", .password = "secret"});
    p.received();
    p.send(2, validSubmit());
    CHECK(p.one().command_status == CommandStatus::IncorrectBindStatus);
    p.send(3, smpp::QuerySm{.message_id = "1"});
    CHECK(p.one().command_status == CommandStatus::IncorrectBindStatus);
    p.send(4, smpp::CancelSm{.message_id = "1"});
    CHECK(p.one().command_status == CommandStatus::IncorrectBindStatus);
    p.send(5, smpp::ReplaceSm{.message_id = "1"});
    CHECK(p.one().command_status == CommandStatus::IncorrectBindStatus);
    p.send(6, smpp::DataSm{.source_addr = "1", .destination_addr = "2"});
    const auto r = p.one();
    CHECK(idOf(r) == CommandId::DataSmResp);
    CHECK(r.command_status == CommandStatus::IncorrectBindStatus);
    CHECK(p.session().state() == SessionState::BoundRx);
}

TEST_CASE("submit_sm is answered after the store commit, out of order", "[session][submit]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();
    p.send(10, validSubmit("a"));
    p.send(11, validSubmit("b"));
    CHECK(p.received().empty()); // nothing before the commit
    REQUIRE(h.messages.pending.size() == 2);
    CHECK(h.messages.pending[0].message.origin == "esme1");
    CHECK(h.messages.pending[0].message.payload == "a");
    CHECK(h.messages.pending[0].message.destination_addr == "33612345678");
    CHECK(p.session().requestsInFlight() == 2);

    const auto id_b = h.messages.complete(1);
    auto r = p.one();
    CHECK(r.sequence_number == 11);
    CHECK(std::get<smpp::SubmitSmResp>(r.body).message_id == std::to_string(id_b));
    CHECK(h.wakeups >= 1);
    h.messages.complete(0);
    r = p.one();
    CHECK(r.sequence_number == 10);
    CHECK(p.session().requestsInFlight() == 0);

    SECTION("row 47 and store failures: 0x14 queue full, 0x08 system error")
    {
        p.send(12, validSubmit());
        p.send(13, validSubmit());
        h.messages.complete(0, CommandStatus::MessageQueueFull);
        h.messages.complete(0, CommandStatus::SystemError);
        const auto rs = p.received();
        REQUIRE(rs.size() == 2);
        CHECK(rs[0].command_status == CommandStatus::MessageQueueFull);
        CHECK(rs[1].command_status == CommandStatus::SystemError);
        CHECK(p.frames().back().size() == 16);
    }
    SECTION("a completion after the session is gone is dropped safely")
    {
        p.send(14, validSubmit());
        p.session().onDisconnected();
        h.messages.complete(0);
        CHECK(p.session().state() == SessionState::Closed);
    }
}

TEST_CASE("row 46: window and throttle answer 0x58", "[session][window]")
{
    Harness h;
    SECTION("11 outstanding with a window of 10")
    {
        Peer p(h, h.open());
        p.bindTrx();
        for (std::uint32_t i = 0; i < 11; ++i) {
            p.send(100 + i, validSubmit());
        }
        const auto r = p.one();
        CHECK(r.sequence_number == 110);
        CHECK(r.command_status == CommandStatus::Throttled);
        CHECK(h.messages.pending.size() == 10);
        h.messages.complete(0);
        p.received();
        p.send(111, validSubmit());
        CHECK(p.received().empty()); // room again
    }
    SECTION("11 submits in one second at 10 per second")
    {
        h.config.throttle_rate = 10;
        h.config.window_size = 100;
        h.messages.auto_status = CommandStatus::Ok;
        Peer p(h, h.open());
        p.bindTrx();
        for (std::uint32_t i = 0; i < 11; ++i) {
            p.send(200 + i, validSubmit());
            h.now += 1ms;
        }
        const auto rs = p.received();
        REQUIRE(rs.size() == 11);
        for (std::size_t i = 0; i < 10; ++i) {
            CHECK(rs[i].command_status == CommandStatus::Ok);
        }
        CHECK(rs[10].command_status == CommandStatus::Throttled);
        h.now += 1s;
        p.send(300, validSubmit());
        CHECK(p.one().command_status == CommandStatus::Ok);
    }
}

TEST_CASE("row 23: unbind with 3 submits in flight", "[session][unbind]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();
    for (std::uint32_t i = 0; i < 3; ++i) {
        p.send(30 + i, validSubmit());
    }
    p.send(40, smpp::Unbind{});
    CHECK(p.received().empty());
    CHECK(p.session().state() == SessionState::Unbound);
    p.send(41, validSubmit()); // new requests after unbind: 0x04
    CHECK(p.one().command_status == CommandStatus::IncorrectBindStatus);
    p.send(42, smpp::EnquireLink{});
    CHECK(p.one().command_status == CommandStatus::Ok);
    h.messages.complete(2);
    h.messages.complete(0);
    CHECK(p.received().size() == 2);
    h.messages.complete(0);
    const auto rs = p.received();
    REQUIRE(rs.size() == 2);
    CHECK(idOf(rs[0]) == CommandId::SubmitSmResp);
    CHECK(idOf(rs[1]) == CommandId::UnbindResp);
    CHECK(rs[1].sequence_number == 40);
    CHECK_FALSE(p.closing());
    h.now += 100ms; // Server.DisconnectAfterLogout
    CHECK(p.closing());
    CHECK(h.registry.count("esme1") == 0);
    CHECK(h.router.detached.size() == 1);
}

TEST_CASE("unbind with nothing in flight answers at once", "[session][unbind]")
{
    Harness h;
    // The most Server.DisconnectAfterLogout accepts, honoured as given (no silent cap).
    h.config.disconnect_after_logout = std::chrono::milliseconds(600000);
    Peer p(h, h.open());
    p.bindTrx();
    p.send(2, smpp::Unbind{});
    CHECK(idOf(p.one()) == CommandId::UnbindResp);
    h.now += 599s;
    CHECK_FALSE(p.closing());
    h.now += 1s;
    CHECK(p.closing());
}

TEST_CASE("query_sm, cancel_sm, replace_sm: row 45", "[session][store]")
{
    Harness h;
    Message delivered;
    delivered.id = 500;
    delivered.origin = "esme1";
    delivered.state = smpp::MessageState::Delivered;
    delivered.done_time = h.wall;
    Message queued;
    queued.id = 501;
    queued.origin = "esme1";
    h.messages.stored = {delivered, queued};
    Peer p(h, h.open());
    p.bindTrx();

    SECTION("query_sm of an unknown id -> 0x67; of a known one -> its state")
    {
        p.send(2, smpp::QuerySm{.message_id = "999"});
        CHECK(p.one().command_status == CommandStatus::QueryFailed);
        p.send(3, smpp::QuerySm{.message_id = "abc"});
        CHECK(p.one().command_status == CommandStatus::QueryFailed);
        p.send(4, smpp::QuerySm{.message_id = "500"});
        const auto r = p.one();
        CHECK(r.command_status == CommandStatus::Ok);
        const auto& body = std::get<smpp::QuerySmResp>(r.body);
        CHECK(body.message_id == "500");
        CHECK(body.message_state == 2);
        CHECK(body.final_date.size() == 16);
    }
    SECTION("cancel_sm: 0x11 for a delivered message, 0x00 for a queued one")
    {
        p.send(5, smpp::CancelSm{.message_id = "500", .destination_addr = "1"});
        CHECK(p.one().command_status == CommandStatus::CancelFailed);
        p.send(6, smpp::CancelSm{.message_id = "501", .destination_addr = "1"});
        CHECK(p.one().command_status == CommandStatus::Ok);
    }
    SECTION("replace_sm: 0x13 for a delivered message")
    {
        p.send(7, smpp::ReplaceSm{.message_id = "500", .short_message = "new"});
        CHECK(p.one().command_status == CommandStatus::ReplaceFailed);
        p.send(8, smpp::ReplaceSm{.message_id = "501", .short_message = "new"});
        CHECK(p.one().command_status == CommandStatus::Ok);
    }
}

TEST_CASE("data_sm and submit_multi are stored and answered", "[session][store]")
{
    Harness h;
    h.messages.auto_status = CommandStatus::Ok;
    Peer p(h, h.open());
    p.bindTrx();
    smpp::DataSm data{.source_addr = "1", .destination_addr = "33612345678"};
    data.tlvs.message_payload = "payload";
    p.send(2, data);
    auto r = p.one();
    CHECK(idOf(r) == CommandId::DataSmResp);
    CHECK(r.command_status == CommandStatus::Ok);
    CHECK(std::get<smpp::DataSmResp>(r.body).message_id == "1000");
    CHECK(h.messages.submitted.back().payload == "payload");

    smpp::SubmitMulti multi{.source_addr = "1",
        .dest_addresses = {smpp::DestAddress{
                               .dest_addr_ton = 1, .dest_addr_npi = 1, .destination_addr = "111"},
            smpp::DestAddress{.dest_addr_ton = 1, .dest_addr_npi = 1, .destination_addr = "222"},
            smpp::DestAddress{
                .dest_flag = smpp::DestAddress::kDistributionList, .destination_addr = "dl"}},
        .short_message = "hi"};
    p.send(3, multi);
    r = p.one();
    CHECK(idOf(r) == CommandId::SubmitMultiResp);
    CHECK(r.command_status == CommandStatus::Ok);
    const auto& body = std::get<smpp::SubmitMultiResp>(r.body);
    CHECK(body.message_id == "1001");
    REQUIRE(body.unsuccess_smes.size() == 1);
    CHECK(body.unsuccess_smes[0].error_status_code == 0x44);
    CHECK(h.messages.submitted.size() == 3);
}

TEST_CASE("row 51: keep-alive enquire_link and its response timer", "[session][timer]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();
    h.now += 59s;
    p.session().onTick(h.now);
    CHECK(p.received().empty());
    h.now += 1s;
    p.session().onTick(h.now);
    const auto el = p.one();
    CHECK(idOf(el) == CommandId::EnquireLink);
    p.session().onTick(h.now + 1s);
    CHECK(p.received().empty()); // one at a time

    SECTION("answered: the session stays")
    {
        p.sendBytes(header(16, 0x80000015, 0, el.sequence_number));
        h.now += 31s;
        p.session().onTick(h.now);
        CHECK_FALSE(p.closing());
    }
    SECTION("not answered within the response timer: close")
    {
        h.now += 30s;
        p.session().onTick(h.now);
        CHECK(p.closing());
    }
}

TEST_CASE("outbound deliver_sm window: rows 14, 21, 48-50", "[session][deliver]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();
    REQUIRE(h.router.sinks.size() == 1);
    CHECK(h.router.infos[0].system_id == "esme1");
    auto& sink = *h.router.sinks[0];
    OutboundItem item{.delivery_id = 1, .kind = OutboundKind::Receipt, .message_id = 9, .pdu = {}};
    item.pdu = smpp::DeliverSm{.source_addr = "a", .destination_addr = "b", .esm_class = 0x04};
    item.pdu.tlvs.message_state = 2;

    CHECK(sink.offer(item));
    item.delivery_id = 2;
    CHECK(sink.offer(item));
    item.delivery_id = 3;
    CHECK_FALSE(sink.offer(item)); // outbound window of 2 (row 48: never more than N)
    p.session().onTick(h.now); // the connection's tick as it sends them: their timers start
    const auto rs = p.received();
    REQUIRE(rs.size() == 2);
    CHECK(idOf(rs[0]) == CommandId::DeliverSm);
    CHECK(rs[0].sequence_number != rs[1].sequence_number);
    CHECK(std::get<smpp::DeliverSm>(rs[0].body).tlvs.message_state == 2);

    SECTION("row 50: 16-octet, 17-octet and with-id deliver_sm_resp are all accepted")
    {
        p.sendBytes(header(16, 0x80000005, 0, rs[0].sequence_number));
        auto bytes = header(17, 0x80000005, 0, rs[1].sequence_number);
        bytes.push_back(0);
        p.sendBytes(bytes);
        REQUIRE(h.router.responses.size() == 2);
        CHECK(
            h.router.responses[0] == std::pair<std::uint64_t, CommandStatus>{1, CommandStatus::Ok});
        CHECK(h.router.responses[1].first == 2);
        CHECK(sink.offer(item));
        const auto r = p.one();
        p.send(smpp::Pdu{
            .sequence_number = r.sequence_number, .body = smpp::DeliverSmResp{.message_id = "x1"}});
        CHECK(h.router.responses.size() == 3);
    }
    SECTION("row 49: the status is reported to the Router (which retries or fails)")
    {
        p.sendBytes(header(16, 0x80000005, 0x64, rs[0].sequence_number));
        p.sendBytes(header(16, 0x80000005, 0x66, rs[1].sequence_number));
        REQUIRE(h.router.responses.size() == 2);
        CHECK(h.router.responses[0].second == CommandStatus::TemporaryAppError);
        CHECK(h.router.responses[1].second == CommandStatus::RejectAppError);
    }
    SECTION("row 48: no response within the response timer -> timeout reported, window freed")
    {
        h.now += 30s;
        p.session().onTick(h.now);
        CHECK(h.router.timeouts == std::vector<std::uint64_t>{1, 2});
        CHECK(p.session().deliveriesInFlight() == 0);
        CHECK_FALSE(p.closing());
        CHECK(sink.offer(item));
        CHECK(p.one().sequence_number > rs[1].sequence_number); // a new seq for the retry
        SECTION("a late response for a timed-out seq is ignored")
        {
            p.sendBytes(header(16, 0x80000005, 0, rs[0].sequence_number));
            CHECK(h.router.responses.empty());
        }
    }
    SECTION("disconnect detaches; nothing more is reported for the items in flight")
    {
        p.session().onDisconnected();
        CHECK(h.router.detached.size() == 1);
        CHECK_FALSE(sink.offer(item));
    }
}

TEST_CASE("row 14: a 3.3 bind never gets TLVs in deliver_sm", "[session][deliver]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx(0x33);
    OutboundItem item{.delivery_id = 1, .kind = OutboundKind::Message, .message_id = 1, .pdu = {}};
    item.pdu = smpp::DeliverSm{.source_addr = "a", .destination_addr = "b"};
    item.pdu.tlvs.receipted_message_id = "12";
    REQUIRE(h.router.infos.size() == 1);
    CHECK(h.router.infos[0].interface_version == 0x33);
    CHECK(h.router.sinks[0]->offer(item));
    const auto r = p.one();
    CHECK(std::get<smpp::DeliverSm>(r.body).tlvs == smpp::Tlvs{});
}

TEST_CASE("graceful stop: unbind from the server", "[session][unbind]")
{
    Harness h;
    SECTION("bound: unbind sent, unbind_resp closes")
    {
        Peer p(h, h.open());
        p.bindTrx();
        p.session().stop(h.now);
        const auto u = p.one();
        CHECK(idOf(u) == CommandId::Unbind);
        CHECK_FALSE(p.closing());
        p.sendBytes(header(16, 0x80000006, 0, u.sequence_number));
        CHECK(p.closing());
        CHECK(h.router.detached.size() == 1);
    }
    SECTION("bound, no unbind_resp: close after the response timer")
    {
        Peer p(h, h.open());
        p.bindTrx();
        p.session().stop(h.now);
        p.received();
        h.now += 30s;
        p.session().onTick(h.now);
        CHECK(p.closing());
    }
    SECTION("not bound: close at once")
    {
        Peer p(h, h.open());
        p.session().stop(h.now);
        CHECK(p.closing());
    }
}

TEST_CASE("nextDeadline follows the timers", "[session][timer]")
{
    Harness h;
    Peer p(h, h.open());
    CHECK(p.session().nextDeadline() == h.now + 30s);
    p.bindTrx();
    CHECK(p.session().nextDeadline() == h.now + 60s);
}

TEST_CASE("the observer sees PDUs, binds and unbinds", "[session][metrics]")
{
    Harness h;
    Peer p(h, h.open());
    p.bindTrx();
    p.send(2, smpp::EnquireLink{});
    p.received();
    p.send(3, smpp::Unbind{});
    p.received();
    CHECK(h.observer.pdus_in == 3);
    CHECK(h.observer.pdus_out == 3);
    CHECK(h.observer.events
        == std::vector<std::string>{"bound esme1 BOUND_TRX", "unbound esme1 BOUND_TRX"});
    p.session().onDisconnected();
    CHECK(h.observer.events.size() == 2);
}

namespace {

Settings settingsWith(const std::string& key, const std::string& value)
{
    return parseSettings(
        "<appSettings><add key=\"" + key + "\" value=\"" + value + "\"/></appSettings>", "/base");
}

} // namespace

TEST_CASE("Authentication.HideUnknownLogin decides the status of an unknown system_id",
    "[session][bind][config]")
{
    SECTION("default (false): unknown system_id 0x0F, wrong password 0x0E")
    {
        Harness h(Authenticator::Options::fromSettings(parseSettings("<appSettings/>", "/b").auth));
        Peer p(h, h.open());
        p.send(5, smpp::BindTransmitter{.system_id = "nobody", .password = "secret"});
        CHECK(p.one().command_status == CommandStatus::InvalidSystemId);
        Peer q(h, h.open());
        q.send(5, smpp::BindTransmitter{.system_id = "esme1", .password = "wrong"});
        CHECK(q.one().command_status == CommandStatus::InvalidPassword);
    }
    SECTION("true: unknown system_id answered 0x0E exactly as a wrong password")
    {
        Harness h(Authenticator::Options::fromSettings(
            settingsWith("Authentication.HideUnknownLogin", "true").auth));
        Peer p(h, h.open());
        p.send(5, smpp::BindTransmitter{.system_id = "nobody", .password = "secret"});
        const auto unknown = p.one();
        Peer q(h, h.open());
        q.send(5, smpp::BindTransmitter{.system_id = "esme1", .password = "wrong"});
        const auto wrong = q.one();
        CHECK(unknown.command_status == CommandStatus::InvalidPassword);
        CHECK(wrong.command_status == CommandStatus::InvalidPassword);
        CHECK(smpp::encode(unknown) == smpp::encode(wrong)); // same bytes: nothing to tell apart
        CHECK(p.closing());
        CHECK(q.closing());
    }
}

TEST_CASE("Server.DeliverWindow bounds the deliver_sm in flight", "[session][deliver][config]")
{
    CHECK(SessionConfig::fromSettings(parseSettings("<appSettings/>", "/b").server).outbound_window
        == 10);
    Harness h;
    h.config.outbound_window =
        SessionConfig::fromSettings(settingsWith("Server.DeliverWindow", "3").server)
            .outbound_window;
    Peer p(h, h.open());
    p.bindTrx();
    REQUIRE(h.router.sinks.size() == 1);
    auto& sink = *h.router.sinks[0];
    OutboundItem item{.delivery_id = 1, .kind = OutboundKind::Receipt, .message_id = 9, .pdu = {}};
    item.pdu = smpp::DeliverSm{.source_addr = "a", .destination_addr = "b", .esm_class = 0x04};
    for (std::uint64_t id = 1; id <= 3; ++id) {
        item.delivery_id = id;
        CHECK(sink.offer(item));
    }
    item.delivery_id = 4;
    CHECK_FALSE(sink.offer(item));
    const auto sent = p.received();
    REQUIRE(sent.size() == 3);
    p.sendBytes(header(16, 0x80000005, 0, sent[0].sequence_number));
    CHECK(sink.offer(item)); // a response frees one slot
}
