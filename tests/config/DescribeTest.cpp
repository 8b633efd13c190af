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
        == "systemId=admin password=**** passwordHash= maxSessions=2 throttleRate=0 allowedIps=");
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
