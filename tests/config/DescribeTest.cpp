#include "config/Settings.h"
#include "tests/support/NativePath.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

/// The value printed for `key`, or "<absent>".
std::string valueOf(const std::string& text, const std::string& key)
{
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(key + "=", 0) == 0) {
            return line.substr(key.size() + 1);
        }
    }
    return "<absent>";
}

} // namespace

TEST_CASE("describe() prints every key and masks secrets", "[config][describe]")
{
    const smppd::Settings s = smppd::parseSettings(
        "<appSettings>"
        "<add key=\"Mode\" value=\"VOCALCOM\"/>"
        "<add key=\"UrlHermes\" value=\"https://user:s3cret@hermes.example/sms\"/>"
        "<add key=\"Hermes.AuthHeader\" value=\"Bearer abc123\"/>"
        "<add key=\"TcpServer.Token\" value=\"tok-987\"/>"
        "<add key=\"Authentication.Password\" value=\"pw-654\"/>"
        "<add key=\"Log.RotateSize\" value=\"512 K\"/>"
        "</appSettings>",
        "/base");
    const std::string text = smppd::describe(s);
    for (const char* secret : {"s3cret", "abc123", "tok-987", "pw-654"}) {
        CAPTURE(secret);
        CHECK(text.find(secret) == std::string::npos);
    }
    CHECK(valueOf(text, "Mode") == "VOCALCOM");
    CHECK(valueOf(text, "UrlHermes") == "https://user:****@hermes.example/sms");
    CHECK(valueOf(text, "Hermes.AuthHeader") == "****");
    CHECK(valueOf(text, "TcpServer.Token") == "****");
    CHECK(valueOf(text, "Authentication.Password") == "****");
    CHECK(valueOf(text, "Accounts[0]")
        == "systemId=admin password=**** passwordHash= maxSessions=2 throttleRate=0 allowedIps= "
           "addressRange=");
    CHECK(valueOf(text, "Server.ListenPort") == "2346");
    CHECK(valueOf(text, "Server.MaxPduLength") == "66560");
    CHECK(valueOf(text, "Log.RotateSize") == "524288");
    CHECK(valueOf(text, "Store.Path") == testsupport::native("/base/data/smppd.db"));
    CHECK(valueOf(text, "Launcher.MaxBackoff") == "30");
}

TEST_CASE("describe() prints the added tuning keys", "[config][describe]")
{
    const smppd::Settings s =
        smppd::parseSettings("<appSettings>"
                             "<add key=\"Server.DeliverWindow\" value=\"25\"/>"
                             "<add key=\"Message.HandsetDelay\" value=\"200\"/>"
                             "<add key=\"Authentication.HideUnknownLogin\" value=\"on\"/>"
                             "<add key=\"Launcher.StartTimeout\" value=\"300\"/>"
                             "</appSettings>",
            "/base");
    const std::string text = smppd::describe(s);
    CHECK(valueOf(text, "Server.DeliverWindow") == "25");
    CHECK(valueOf(text, "Message.HandsetDelay") == "200");
    CHECK(valueOf(text, "Message.MaxQueuedPerAccount") == "500000");
    CHECK(valueOf(text, "Message.MaxHeldReceiptsPerAccount") == "100000");
    CHECK(valueOf(text, "Authentication.HideUnknownLogin") == "true");
    CHECK(valueOf(text, "Launcher.StopGrace") == "30");
    CHECK(valueOf(text, "Launcher.StartTimeout") == "300");
}

TEST_CASE("describe() leaves empty secrets empty", "[config][describe]")
{
    const std::string text = smppd::describe(smppd::parseSettings("<appSettings/>", "/base"));
    CHECK(valueOf(text, "TcpServer.Token").empty());
    CHECK(valueOf(text, "Hermes.AuthHeader").empty());
    CHECK(valueOf(text, "Authentication.Password") == "****");
}

TEST_CASE("the mode is stated in one sentence", "[config]")
{
    smppd::Settings s;
    s.mode = smppd::Mode::Opportunity;
    CHECK(
        smppd::modeMeaning(s).find("the built-in handset simulator answers") != std::string::npos);
    CHECK(smppd::modeMeaning(s).find("nothing is sent to Hermes") != std::string::npos);
    s.mode = smppd::Mode::Vocalcom;
    s.hermes.url = "https://user:pw@hermes.example/sms";
    s.tcp_server.listen_host = "127.0.0.1";
    s.tcp_server.listen_port = 18182;
    const auto vocalcom = smppd::modeMeaning(s);
    CHECK(vocalcom.find("pushed to Hermes at https://user:****@hermes.example/sms")
        != std::string::npos);
    CHECK(vocalcom.find("127.0.0.1:18182") != std::string::npos);
    CHECK(vocalcom.find("pw") == std::string::npos);
}

TEST_CASE("a 16-character SMSCIdentifier is noticed: bind responses carry 15", "[config]")
{
    smppd::Settings s;
    s.server.smsc_identifier = "opportunity-smsc";
    const auto notices = smppd::startupNotices(s);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].find("Server.SMSCIdentifier='opportunity-smsc' has 16 characters") == 0);
    CHECK(notices[0].find("'opportunity-sms'") != std::string::npos);
    s.server.smsc_identifier = "smsc";
    CHECK(smppd::startupNotices(s).empty());
}
