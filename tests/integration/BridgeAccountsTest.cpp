// Issue #15, against the real smppd: with Accounts.File, a message of the Hermes plugin goes to
// the account whose addressRange matches its campaign number, through the real bridge listener,
// router and SMPP sessions.
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"

#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

/// One bridge request line and its reply line (<= 5 s).
std::string bridgeRequest(std::uint16_t port, const std::string& line)
{
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    const std::string text = line + "\n";
    socket.sendBytes(text.data(), static_cast<int>(text.size()));
    std::string reply;
    char c = 0;
    while (socket.receiveBytes(&c, 1) == 1 && c != '\n') {
        reply.push_back(c);
    }
    return reply;
}

std::string sendLine(const std::string& campaign)
{
    return R"({"op":"send","campaign":")" + campaign
        + R"(","to":"33698765432","text":"hello","ref":"c15"})";
}

/// The next deliver_sm within `timeout`, answered ESME_ROK; nullopt if none came.
std::optional<smpp::DeliverSm> nextDeliver(SmppClient& c, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto pdu = c.read(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
        if (pdu && smpp::commandId(*pdu) == CommandId::DeliverSm) {
            c.send(
                smpp::Pdu{.sequence_number = pdu->sequence_number, .body = smpp::DeliverSmResp{}});
            return std::get<smpp::DeliverSm>(pdu->body);
        }
    }
    return std::nullopt;
}

/// Waits (<= 5 s) until smppd.log holds `text`.
bool logShows(const SmppdProcess& p, const std::string& text)
{
    for (int i = 0; i < 50; ++i) {
        if (p.log().find(text) != std::string::npos) {
            return true;
        }
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

} // namespace

TEST_CASE("a bridge campaign reaches the receiver of the account whose addressRange owns it",
    "[integration][bridge]")
{
    SmppdProcess p({{"Mode", "VOCALCOM"},
        {"UrlHermes", "https://127.0.0.1:9/sms/{campaign}"},
        {"TcpServer.ListenHost", "127.0.0.1"},
        {"TcpServer.ListenPort", SmppdProcess::kFreePort},
        {"Accounts.File", "accounts.xml"}});
    std::ofstream(p.dir() + "/accounts.xml")
        << "<accounts>\n"
           "  <account systemId=\"acme\" password=\"pw-a\" addressRange=\"^3361\"/>\n"
           "  <account systemId=\"globex\" password=\"pw-b\" addressRange=\"^3362\"/>\n"
           "</accounts>\n";
    p.start();
    SmppClient acme(p.port());
    REQUIRE(acme.bind(CommandId::BindReceiver, "acme", "pw-a").command_status == CommandStatus::Ok);
    SmppClient globex(p.port());
    REQUIRE(
        globex.bind(CommandId::BindReceiver, "globex", "pw-b").command_status == CommandStatus::Ok);
    const auto bridge = p.portOf("TcpServer.ListenPort");

    // Owned by globex (the second account): globex's receiver gets it, acme's does not.
    CHECK(bridgeRequest(bridge, sendLine("33620000001")).rfind(R"({"ok":true,"id":")", 0) == 0);
    const auto delivered = nextDeliver(globex, 5s);
    REQUIRE(delivered);
    CHECK(delivered->source_addr == "33620000001");
    CHECK(delivered->destination_addr == "33698765432");
    CHECK_FALSE(nextDeliver(acme, 1s));

    // Owned by acme, written with a '+': acme's receiver.
    CHECK(bridgeRequest(bridge, sendLine("+33610000002")).rfind(R"({"ok":true,"id":")", 0) == 0);
    const auto to_acme = nextDeliver(acme, 5s);
    REQUIRE(to_acme);
    CHECK(to_acme->source_addr == "33610000002");
    CHECK_FALSE(nextDeliver(globex, 1s));

    // Owned by nobody: refused to the plugin, logged, delivered to no one.
    CHECK(bridgeRequest(bridge, sendLine("44700000003"))
        == R"({"ok":false,"error":"invalid_argument","message":"no account's addressRange matches campaign '44700000003'"})");
    CHECK(logShows(p, "event=bridge_no_account campaign=44700000003 ref=c15"));
    CHECK_FALSE(nextDeliver(acme, 500ms));
    CHECK_FALSE(nextDeliver(globex, 500ms));
}
