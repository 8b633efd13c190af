#include "config/PasswordHash.h"
#include "config/Settings.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <string>

using smppd::test::TempDir;

namespace {

std::string doc(const std::string& adds)
{
    return "<configuration><appSettings>" + adds + "</appSettings></configuration>";
}

std::string add(const std::string& key, const std::string& value)
{
    return "<add key=\"" + key + "\" value=\"" + value + "\"/>";
}

std::string errorOf(const std::string& xml)
{
    try {
        smppd::parseSettings(xml, "/base");
    } catch (const smppd::ConfigError& e) {
        return e.what();
    }
    return "<no error>";
}

const std::string kVocalcom = add("Mode", "VOCALCOM") + add("UrlHermes", "https://h/sms");

} // namespace

TEST_CASE("isLoopbackHost", "[config][security]")
{
    for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"}) {
        INFO(host);
        REQUIRE(smppd::isLoopbackHost(host));
    }
    for (const char* host : {"", "0.0.0.0", "::", "10.0.0.5", "myhost", "128.0.0.1"}) {
        INFO(host);
        REQUIRE_FALSE(smppd::isLoopbackHost(host));
    }
}

TEST_CASE("a VOCALCOM bridge beyond loopback needs a token or an allow-list", "[config][security]")
{
    const std::string host = GENERATE("", "*", "0.0.0.0", "::", "10.1.2.3");
    INFO("TcpServer.ListenHost=" << host);
    const std::string error = errorOf(doc(kVocalcom + add("TcpServer.ListenHost", host)));
    REQUIRE(error.find("TcpServer.Token") != std::string::npos);
    REQUIRE(error.find("TcpServer.AllowedClients") != std::string::npos);
    REQUIRE(error.find('\n') == std::string::npos);
    REQUIRE_NOTHROW(smppd::parseSettings(
        doc(kVocalcom + add("TcpServer.ListenHost", host) + add("TcpServer.Token", "t")), "/b"));
    REQUIRE_NOTHROW(smppd::parseSettings(doc(kVocalcom + add("TcpServer.ListenHost", host)
                                             + add("TcpServer.AllowedClients", "10.0.0.0/8")),
        "/b"));
    // OPPORTUNITY opens no bridge
    REQUIRE_NOTHROW(smppd::parseSettings(doc(add("TcpServer.ListenHost", host)), "/b"));
}

TEST_CASE("the shipped VOCALCOM config keeps the bridge on loopback", "[config][security]")
{
    const auto s =
        smppd::loadSettings(std::string(SMPPD_SOURCE_DIR) + "/config/smppd.vocalcom.config");
    REQUIRE(smppd::isLoopbackHost(s.tcp_server.listen_host));
}

TEST_CASE("Authentication.PasswordHash replaces the password, never both", "[config][security]")
{
    const std::string hash = smppd::hashPassword("pw", smppd::HashAlgorithm::Scrypt, 10);
    const auto s = smppd::parseSettings(doc(add("Authentication.PasswordHash", hash)), "/b");
    REQUIRE(s.accounts.size() == 1);
    REQUIRE(s.accounts[0].password.empty());
    REQUIRE(s.accounts[0].password_hash == hash);
    const std::string both = errorOf(
        doc(add("Authentication.Password", "pw") + add("Authentication.PasswordHash", hash)));
    REQUIRE(both.find("Authentication.PasswordHash") != std::string::npos);
    const std::string broken = hash.substr(0, hash.size() - 4) + "@@@@";
    const std::string bad = errorOf(doc(add("Authentication.PasswordHash", broken)));
    REQUIRE(bad.find("Authentication.PasswordHash") != std::string::npos);
    REQUIRE(bad.find(broken) == std::string::npos); // not echoed
    REQUIRE(errorOf(doc(add("TcpServer.Token", "$scrypt$ln=10"))).find("TcpServer.Token")
        != std::string::npos);
}

TEST_CASE("describe() masks passwords, hashes and the token", "[config][security]")
{
    const std::string hash = smppd::hashPassword("pw", smppd::HashAlgorithm::Scrypt, 10);
    const auto s = smppd::parseSettings(
        doc(add("Authentication.PasswordHash", hash) + add("TcpServer.Token", hash)), "/b");
    const std::string text = smppd::describe(s);
    REQUIRE(text.find(hash) == std::string::npos);
    REQUIRE(text.find("Authentication.PasswordHash=****") != std::string::npos);
    REQUIRE(text.find("TcpServer.Token=****") != std::string::npos);
    REQUIRE(text.find("passwordHash=****") != std::string::npos);
}

TEST_CASE("accounts file: passwordHash, or password, never both", "[config][security]")
{
    TempDir dir;
    const std::string hash = smppd::hashPassword("pw", smppd::HashAlgorithm::Pbkdf2Sha256, 1000);
    const std::string good = dir.write("good.xml",
        "<accounts><account systemId=\"a\" passwordHash=\"" + hash
            + "\"/><account systemId=\"b\" password=\"x\"/></accounts>");
    const auto s = smppd::parseSettings(doc(add("Accounts.File", good)), "/b");
    REQUIRE(s.accounts.size() == 2);
    REQUIRE(s.accounts[0].password_hash == hash);
    REQUIRE(s.accounts[0].password.empty());
    const std::string both = dir.write("both.xml",
        "<accounts><account systemId=\"a\" password=\"x\" passwordHash=\"" + hash
            + "\"/></accounts>");
    REQUIRE(errorOf(doc(add("Accounts.File", both))).find("not both") != std::string::npos);
    const std::string bad = dir.write(
        "bad.xml", "<accounts><account systemId=\"a\" passwordHash=\"$scrypt$x\"/></accounts>");
    const std::string error = errorOf(doc(add("Accounts.File", bad)));
    REQUIRE(error.find("passwordHash") != std::string::npos);
    REQUIRE(error.find("$scrypt$x") == std::string::npos);
}

TEST_CASE("the default password is a security warning beyond loopback only", "[config][security]")
{
    SECTION("single account, SMPP on every interface")
    {
        const auto s = smppd::parseSettings(doc(""), "/b");
        REQUIRE(s.security_warnings.size() == 1);
        REQUIRE(s.security_warnings[0].event == "default_password");
        REQUIRE(s.security_warnings[0].key == "Authentication.Password");
    }
    SECTION("on loopback: none")
    {
        REQUIRE(smppd::parseSettings(doc(add("Server.ListenHost", "127.0.0.1")), "/b")
                    .security_warnings.empty());
    }
    SECTION("another password: none")
    {
        REQUIRE(smppd::parseSettings(doc(add("Authentication.Password", "other")), "/b")
                    .security_warnings.empty());
    }
    SECTION("the default password as a hash still counts")
    {
        const std::string hash = smppd::hashPassword("vocalcom", smppd::HashAlgorithm::Scrypt, 10);
        const auto s = smppd::parseSettings(doc(add("Authentication.PasswordHash", hash)), "/b");
        REQUIRE(s.security_warnings.size() == 1);
        REQUIRE(s.security_warnings[0].key == "Authentication.PasswordHash");
    }
    SECTION("an accounts file names the account")
    {
        TempDir dir;
        const std::string file = dir.write("a.xml",
            "<accounts><account systemId=\"esme1\" password=\"vocalcom\"/>"
            "<account systemId=\"esme2\" password=\"x\"/></accounts>");
        const auto s = smppd::parseSettings(
            doc(add("Server.ListenHost", "10.0.0.1") + add("Accounts.File", file)), "/b");
        REQUIRE(s.security_warnings.size() == 1);
        REQUIRE(s.security_warnings[0].key == "Accounts.File account 'esme1' password");
    }
    SECTION("an accounts file: a hash is checked for 'admin' only (a hash run each)")
    {
        TempDir dir;
        const std::string hash = smppd::hashPassword("vocalcom", smppd::HashAlgorithm::Scrypt, 10);
        const std::string file = dir.write("a.xml",
            "<accounts><account systemId=\"admin\" passwordHash=\"" + hash
                + "\"/><account systemId=\"esme2\" passwordHash=\"" + hash + "\"/></accounts>");
        const auto s = smppd::parseSettings(doc(add("Accounts.File", file)), "/b");
        REQUIRE(s.security_warnings.size() == 1);
        REQUIRE(s.security_warnings[0].key == "Accounts.File account 'admin' password");
    }
}
