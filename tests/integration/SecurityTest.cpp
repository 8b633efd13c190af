// Issue #17, against the real smppd: the bridge's exposure rule and token, hashed passwords,
// the default-password warning.
#include "config/PasswordHash.h"
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <thread>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

SmppdProcess::Keys vocalcom(SmppdProcess::Keys extra = {})
{
    SmppdProcess::Keys keys{{"Mode", "VOCALCOM"},
        {"UrlHermes", "https://127.0.0.1:9/sms/{campaign}"},
        {"TcpServer.ListenHost", "127.0.0.1"},
        {"TcpServer.ListenPort", SmppdProcess::kFreePort}};
    for (auto& [k, v] : extra) {
        keys[k] = v;
    }
    return keys;
}

/// One bridge connection on loopback: sends lines, reads reply lines.
class BridgeLine {
public:
    explicit BridgeLine(std::uint16_t port) : socket_(Poco::Net::SocketAddress("127.0.0.1", port))
    {
        socket_.setReceiveTimeout(Poco::Timespan(5, 0));
    }
    void send(const std::string& line)
    {
        const std::string text = line + "\n";
        socket_.sendBytes(text.data(), static_cast<int>(text.size()));
    }
    /// The next line, or "<eof>" when smppd closed the connection.
    std::string line()
    {
        for (;;) {
            const auto nl = buffer_.find('\n');
            if (nl != std::string::npos) {
                std::string out = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                return out;
            }
            char chunk[4096];
            int n = 0;
            try {
                n = socket_.receiveBytes(chunk, sizeof chunk);
            } catch (const Poco::Net::ConnectionResetException&) {
                n = 0;
            }
            if (n <= 0) {
                return "<eof>";
            }
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

private:
    Poco::Net::StreamSocket socket_;
    std::string buffer_;
};

std::string sendLine(const std::string& token)
{
    return R"({"op":"send","campaign":"33612345678","to":"33698765432","text":"hello","token":")"
        + token + "\"}";
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

std::string healthOf(std::uint16_t port)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/health");
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    return std::string((std::istreambuf_iterator<char>(body)), {});
}

} // namespace

TEST_CASE("a bridge beyond loopback without token or allow-list: exit 64 naming both keys",
    "[integration][security]")
{
    for (const std::string host : {"", "0.0.0.0", "::", "192.0.2.10"}) {
        INFO("TcpServer.ListenHost=" << host);
        SmppdProcess p(vocalcom({{"TcpServer.ListenHost", host}}));
        std::string out;
        CHECK(SmppdProcess::runToExit({"--config", p.configPath()}, 10s, &out) == 64);
        CHECK(out.find("TcpServer.Token") != std::string::npos);
        CHECK(out.find("TcpServer.AllowedClients") != std::string::npos);
        CHECK(std::count(out.begin(), out.end(), '\n') == 1); // one line
    }
    SECTION("a token, or an allow-list, is enough; OPPORTUNITY mode opens no bridge")
    {
        for (const auto& extra : {SmppdProcess::Keys{{"TcpServer.Token", "s3cret"}},
                 SmppdProcess::Keys{{"TcpServer.AllowedClients", "127.0.0.1"}}}) {
            auto keys = vocalcom(extra);
            keys["TcpServer.ListenHost"] = "";
            SmppdProcess p(keys);
            std::string out;
            CHECK(SmppdProcess::runToExit({"--check-config", p.configPath()}, 10s, &out) == 0);
        }
        SmppdProcess opportunity(SmppdProcess::Keys{{"TcpServer.ListenHost", ""}});
        std::string out;
        CHECK(
            SmppdProcess::runToExit({"--check-config", opportunity.configPath()}, 10s, &out) == 0);
    }
}

TEST_CASE("bridge token: the right one sends, a wrong one is answered, logged and closed",
    "[integration][security]")
{
    SmppdProcess p(vocalcom({{"TcpServer.Token", "s3cret"}}));
    p.start();
    const auto port = p.portOf("TcpServer.ListenPort");
    BridgeLine good(port);
    good.send(sendLine("s3cret"));
    CHECK(good.line().rfind(R"({"ok":true,"id":")", 0) == 0);

    for (const std::string token : {"wrong", ""}) {
        BridgeLine bad(port);
        bad.send(token.empty() ? std::string(R"({"op":"ping"})") : sendLine(token));
        CHECK(bad.line().rfind(R"({"ok":false,"error":"unauthorized")", 0) == 0);
        CHECK(bad.line() == "<eof>");
    }
    CHECK(logShows(p, "event=bridge_auth_failed peer=127.0.0.1:"));
    CHECK(logShows(p, "reason=wrong_token"));
    CHECK(logShows(p, "reason=missing_token"));
    CHECK(p.log().find("wrong\"") == std::string::npos); // the token given is not logged

    // the open, authenticated connection is not affected
    good.send(sendLine("s3cret"));
    CHECK(good.line().rfind(R"({"ok":true,"id":")", 0) == 0);

    SECTION("five failures from one address lock it out, as binds do")
    {
        for (int i = 0; i < 3; ++i) { // 2 failures above
            BridgeLine bad(port);
            bad.send(sendLine("wrong"));
            CHECK(bad.line().find("unauthorized") != std::string::npos);
        }
        BridgeLine locked(port);
        CHECK(locked.line().rfind(R"({"ok":false,"error":"locked_out")", 0) == 0);
        CHECK(locked.line() == "<eof>");
        CHECK(logShows(p, "event=bridge_locked_out peer=127.0.0.1:"));
    }
}

TEST_CASE("a hashed bridge token", "[integration][security]")
{
    const std::string hash = smppd::hashPassword("s3cret", smppd::HashAlgorithm::Scrypt, 12);
    SmppdProcess p(vocalcom({{"TcpServer.Token", hash}}));
    p.start();
    const auto port = p.portOf("TcpServer.ListenPort");
    BridgeLine good(port);
    good.send(sendLine("s3cret"));
    CHECK(good.line().rfind(R"({"ok":true,"id":")", 0) == 0);
    good.send(sendLine("s3cret")); // the second line is checked against the remembered token
    CHECK(good.line().rfind(R"({"ok":true,"id":")", 0) == 0);
    BridgeLine bad(port);
    bad.send(sendLine("s3cre"));
    CHECK(bad.line().find("unauthorized") != std::string::npos);
    CHECK(p.log().find(hash) == std::string::npos);
    CHECK(p.log().find(hash.substr(hash.rfind('$'))) == std::string::npos);
}

TEST_CASE("Authentication.PasswordHash: the right password binds, a wrong one does not",
    "[integration][security]")
{
    const auto algorithm =
        GENERATE(smppd::HashAlgorithm::Scrypt, smppd::HashAlgorithm::Pbkdf2Sha256);
    const std::string hash = smppd::hashPassword(
        "n3wpass", algorithm, algorithm == smppd::HashAlgorithm::Scrypt ? 12 : 20000);
    SmppdProcess p(SmppdProcess::Keys{
        {"Authentication.Password", SmppdProcess::kOmit}, {"Authentication.PasswordHash", hash}});
    p.start();
    {
        SmppClient c(p.port());
        CHECK(c.bind(CommandId::BindTransceiver, "admin", "n3wpass").command_status
            == CommandStatus::Ok);
    }
    {
        SmppClient c(p.port());
        CHECK(c.bind(CommandId::BindTransceiver, "admin", "vocalcom").command_status
            == CommandStatus::InvalidPassword);
    }
    {
        SmppClient c(p.port()); // again: served from the remembered digest
        CHECK(c.bind(CommandId::BindTransmitter, "admin", "n3wpass").command_status
            == CommandStatus::Ok);
    }
    std::string out;
    CHECK(SmppdProcess::runToExit({"--check-config", p.configPath()}, 10s, &out) == 0);
    CHECK(out.find("Authentication.PasswordHash=****") != std::string::npos);
    CHECK(out.find(hash) == std::string::npos);
    CHECK(p.log().find(hash) == std::string::npos);
    CHECK(p.log().find(hash.substr(hash.rfind('$') + 1)) == std::string::npos);
}

TEST_CASE("a password and its hash together, or a malformed hash: exit 64, the hash not shown",
    "[integration][security]")
{
    const std::string hash = smppd::hashPassword("x", smppd::HashAlgorithm::Scrypt, 10);
    SmppdProcess both(SmppdProcess::Keys{{"Authentication.PasswordHash", hash}});
    std::string out;
    CHECK(SmppdProcess::runToExit({"--config", both.configPath()}, 10s, &out) == 64);
    CHECK(out.find("Authentication.PasswordHash") != std::string::npos);
    const std::string broken = hash.substr(0, hash.size() - 3) + "!!!";
    SmppdProcess bad(SmppdProcess::Keys{
        {"Authentication.Password", SmppdProcess::kOmit}, {"Authentication.PasswordHash", broken}});
    CHECK(SmppdProcess::runToExit({"--config", bad.configPath()}, 10s, &out) == 64);
    CHECK(out.find("Authentication.PasswordHash") != std::string::npos);
    CHECK(out.find(broken) == std::string::npos);
}

TEST_CASE(
    "smppd --hash-password prints a string that smppd then accepts", "[integration][security]")
{
    SmppdProcess probe; // for its folder
    const std::string file = probe.dir() + "/hash.txt";
    const std::string cmd =
        std::string("printf 'pw1\\n' | ") + SMPPD_EXE + " --hash-password > " + file;
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(file);
    std::string hash;
    std::getline(in, hash);
    CHECK(hash.rfind("$scrypt$ln=15,r=8,p=1$", 0) == 0);
    CHECK(smppd::verifyPassword(hash, "pw1"));
    CHECK_FALSE(smppd::verifyPassword(hash, "pw2"));
    const std::string pbkdf2 =
        std::string("printf 'pw1' | ") + SMPPD_EXE + " --hash-password=pbkdf2 > " + file;
    REQUIRE(std::system(pbkdf2.c_str()) == 0);
    std::ifstream again(file);
    std::getline(again, hash);
    CHECK(hash.rfind("$pbkdf2-sha256$i=600000$", 0) == 0);
    CHECK(smppd::verifyPassword(hash, "pw1"));
}

TEST_CASE("the default password is warned about when the SMPP listener is not loopback, only then",
    "[integration][security]")
{
    SmppdProcess exposed(SmppdProcess::Keys{
        {"Server.ListenHost", ""}, {"Admin.ListenPort", SmppdProcess::kFreePort}});
    exposed.start();
    CHECK(logShows(exposed, "event=default_password key=Authentication.Password message="));
    const std::string health = healthOf(exposed.portOf("Admin.ListenPort"));
    CHECK(health.find(R"("warnings":[{"event":"default_password","key":"Authentication.Password")")
        != std::string::npos);
    SmppClient c(exposed.port()); // still served: a warning, not a refusal
    CHECK(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);

    SmppdProcess loopback(SmppdProcess::Keys{{"Admin.ListenPort", SmppdProcess::kFreePort}});
    loopback.start();
    CHECK(loopback.log().find("default_password") == std::string::npos);
    CHECK(healthOf(loopback.portOf("Admin.ListenPort")).find(R"("warnings":[])")
        != std::string::npos);

    SmppdProcess changed(
        SmppdProcess::Keys{{"Server.ListenHost", ""}, {"Authentication.Password", "0ther"}});
    changed.start();
    CHECK(changed.log().find("default_password") == std::string::npos);
}
