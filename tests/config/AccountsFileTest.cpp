#include "config/AccountsFile.h"

#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

using smppd::test::TempDir;

namespace {

std::string loadError(const std::string& path)
{
    std::vector<std::string> warnings;
    try {
        smppd::config_detail::loadAccounts(path, smppd::ServerSettings{}, warnings);
    } catch (const smppd::ConfigError& e) {
        return e.what();
    }
    return "<no error>";
}

} // namespace

TEST_CASE("an accounts file gives one Account per element", "[config][accounts]")
{
    TempDir dir;
    const std::string path = dir.write("accounts.xml",
        "<?xml version=\"1.0\"?>\n<accounts>\n  <!-- two clients -->\n"
        "  <account systemId=\"esme1\" password=\"pw1\" maxSessions=\"5\" throttleRate=\"100\"\n"
        "           allowedIps=\"10.0.0.0/8, 192.168.1.20;::1\"/>\n"
        "  <account systemId=\"esme2\" password=\"pw2\"/>\n</accounts>\n");
    smppd::ServerSettings defaults;
    defaults.max_sessions_per_account = 3;
    defaults.throttle_rate = 7;
    std::vector<std::string> warnings;
    const auto accounts = smppd::config_detail::loadAccounts(path, defaults, warnings);
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0].system_id == "esme1");
    CHECK(accounts[0].password == "pw1");
    CHECK(accounts[0].max_sessions == 5);
    CHECK(accounts[0].throttle_rate == 100);
    CHECK(accounts[0].allowed_ips == std::vector<std::string>{"10.0.0.0/8", "192.168.1.20", "::1"});
    CHECK(accounts[1].system_id == "esme2");
    CHECK(accounts[1].max_sessions == 3);
    CHECK(accounts[1].throttle_rate == 7);
    CHECK(accounts[1].allowed_ips.empty());
    CHECK(warnings.empty());
}

TEST_CASE("a bad accounts file names file, line, account and attribute", "[config][accounts]")
{
    TempDir dir;
    SECTION("the reserved system id 'bridge' (the Hermes plugin's messages)")
    {
        const std::string path = dir.write(
            "a.xml", "<accounts>\n<account systemId=\"bridge\" password=\"p\"/>\n</accounts>");
        CHECK(loadError(path)
            == "config: Accounts.File=" + path
                + " line 2: account systemId='bridge' is not valid: expected a system id other "
                  "than 'bridge' (smppd's name for the messages of the Hermes plugin)");
    }
    SECTION("bad maxSessions")
    {
        const std::string path = dir.write("a.xml",
            "<accounts>\n<account systemId=\"e1\" password=\"p\" "
            "maxSessions=\"lots\"/>\n</accounts>");
        CHECK(loadError(path)
            == "config: Accounts.File=" + path
                + " line 2: account 'e1' maxSessions='lots' is not valid: expected an integer "
                  "1..1000");
    }
    SECTION("bad allowedIps")
    {
        const std::string path = dir.write("a.xml",
            "<accounts><account systemId=\"e1\" password=\"p\" allowedIps=\"host\"/></accounts>");
        CHECK(loadError(path).find("account 'e1' allowedIps='host' is not valid")
            != std::string::npos);
    }
    SECTION("missing password")
    {
        const std::string path =
            dir.write("a.xml", "<accounts><account systemId=\"e1\"/></accounts>");
        CHECK(loadError(path).find("account 'e1' password='' is not valid: expected a non-empty")
            != std::string::npos);
    }
    SECTION("duplicate systemId")
    {
        const std::string path = dir.write("a.xml",
            "<accounts><account systemId=\"e1\" password=\"p\"/>"
            "<account systemId=\"e1\" password=\"q\"/></accounts>");
        CHECK(loadError(path).find("systemId='e1' is not valid: expected each systemId once")
            != std::string::npos);
    }
    SECTION("no account")
    {
        const std::string path = dir.write("a.xml", "<accounts></accounts>");
        CHECK(loadError(path).find("no account") != std::string::npos);
    }
    SECTION("wrong root")
    {
        const std::string path = dir.write("a.xml", "<users/>");
        CHECK(loadError(path).find("root element <users>") != std::string::npos);
    }
    SECTION("malformed XML")
    {
        const std::string path = dir.write("a.xml", "<accounts>\n<account\n</accounts>");
        CHECK(loadError(path).find("malformed XML at line") != std::string::npos);
    }
    SECTION("missing file")
    {
        CHECK(loadError((dir.path() / "none.xml").string()).find("expected a readable file")
            != std::string::npos);
    }
}

TEST_CASE("credentials too long for SMPP 3.4 are a warning", "[config][accounts]")
{
    TempDir dir;
    const std::string path = dir.write(
        "a.xml", "<accounts><account systemId=\"e1\" password=\"longer-than-8\"/></accounts>");
    std::vector<std::string> warnings;
    const auto accounts = smppd::config_detail::loadAccounts(path, {}, warnings);
    CHECK(accounts.size() == 1);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("account 'e1'") != std::string::npos);
}

TEST_CASE("addressRange: the campaign numbers an account owns on the bridge", "[config][accounts]")
{
    TempDir dir;
    std::vector<std::string> warnings;
    SECTION("read, trimmed; absent = every number")
    {
        const std::string path = dir.write("a.xml",
            "<accounts><account systemId=\"e1\" password=\"p\" addressRange=\" ^3361 \"/>"
            "<account systemId=\"e2\" password=\"p\"/></accounts>");
        const auto accounts = smppd::config_detail::loadAccounts(path, {}, warnings);
        CHECK(accounts[0].address_range == "^3361");
        CHECK(accounts[1].address_range.empty());
        CHECK(warnings.empty());
    }
    SECTION("a range that does not compile stops startup, naming the account and attribute")
    {
        const std::string path = dir.write("a.xml",
            "<accounts>\n<account systemId=\"e1\" password=\"p\" addressRange=\"^(336\"/>\n"
            "</accounts>");
        CHECK(loadError(path).rfind("config: Accounts.File=" + path
                      + " line 2: account 'e1' addressRange='^(336' is not valid: expected a "
                        "regular expression such as ^336 (",
                  0)
            == 0);
    }
    SECTION("longer than 256 characters")
    {
        const std::string path = dir.write("a.xml",
            "<accounts><account systemId=\"e1\" password=\"p\" addressRange=\""
                + std::string(257, '1') + "\"/></accounts>");
        CHECK(loadError(path).find("expected a regular expression of at most 256 characters")
            != std::string::npos);
    }
    SECTION("a range after an account without one is never used: a warning")
    {
        const std::string path = dir.write("a.xml",
            "<accounts><account systemId=\"all\" password=\"p\"/>"
            "<account systemId=\"e1\" password=\"p\" addressRange=\"^3361\"/></accounts>");
        const auto accounts = smppd::config_detail::loadAccounts(path, {}, warnings);
        CHECK(accounts.size() == 2);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find("account 'e1' addressRange is never used: account 'all' comes "
                               "first")
            != std::string::npos);
    }
}
