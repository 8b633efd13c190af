#include "smppd/hermes/HttpHermesClient.h"
#include "tests/hermes-standin/HermesStandin.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Process.h>
#include <Poco/TemporaryFile.h>
#include <catch2/catch.hpp>

#include <filesystem>

namespace {

/// One self-signed certificate for the whole test run (generated with openssl at test time).
const std::string& certDir()
{
    static const std::string dir = [] {
        const auto path = std::filesystem::temp_directory_path()
            / ("smppd-hermes-test-" + std::to_string(Poco::Process::id()));
        standin::generateSelfSignedCert(path.string());
        return path.string();
    }();
    return dir;
}

standin::StandinOptions tlsOptions()
{
    standin::StandinOptions o;
    o.cert = certDir() + "/cert.pem";
    o.key = certDir() + "/key.pem";
    return o;
}

smppd::HermesPush push(const std::string& id)
{
    smppd::HermesPush p;
    p.id = id;
    p.campaign = "33612345678";
    p.from = "33698765432";
    p.to = "33612345678";
    p.text = "Votre RDV est confirmé";
    p.system_id = "admin";
    return p;
}

smppd::HermesSettings settingsFor(const standin::HermesStandin& hermes, bool with_ca)
{
    smppd::HermesSettings s;
    s.url = hermes.baseUrl() + "/sms/{campaign}";
    s.timeout = std::chrono::seconds(2);
    if (with_ca) {
        s.ca_file = certDir() + "/cert.pem";
    }
    return s;
}

} // namespace

TEST_CASE("HTTPS push with the CA file reaches Hermes with the exact JSON and headers", "[hermes]")
{
    Poco::Net::initializeSSL();
    standin::HermesStandin hermes(tlsOptions());
    hermes.start();
    auto s = settingsFor(hermes, true);
    s.auth_header = "Bearer s3cret";
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));

    const auto first = client.post(push("1042"));
    REQUIRE(first.status == 200);
    REQUIRE(client.post(push("1043")).status == 200); // same kept-alive connection

    const auto records = hermes.records();
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].method == "POST");
    REQUIRE(records[0].uri == "/sms/33612345678");
    REQUIRE(records[0].idempotency_key == "1042");
    REQUIRE(records[0].authorization == "Bearer s3cret");
    REQUIRE(records[0].content_type == "application/json; charset=utf-8");
    REQUIRE(records[0].body == smppd::buildPushBody(push("1042"), smppd::PushFormat::Json).body);
    Poco::JSON::Parser parser;
    const auto json = parser.parse(records[1].body).extract<Poco::JSON::Object::Ptr>();
    REQUIRE(json->getValue<std::string>("text") == "Votre RDV est confirmé");
    REQUIRE(json->getValue<std::string>("id") == "1043");
}

TEST_CASE("the status of Hermes comes back as it is", "[hermes]")
{
    Poco::Net::initializeSSL();
    standin::HermesStandin hermes(tlsOptions());
    hermes.start();
    const auto s = settingsFor(hermes, true);
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
    const auto mode = GENERATE(as<std::string>{}, "400", "503", "429", "201");
    hermes.setBehaviour(standin::parseBehaviour(mode));
    REQUIRE(client.post(push("1")).status == std::stoi(mode));
}

TEST_CASE("a certificate for another host name is refused, even on loopback", "[hermes]")
{
    // Poco skips the name check for a loopback host unless the mode is STRICT: Hermes on the
    // same server must have its name checked like any other.
    Poco::Net::initializeSSL();
    const auto dir = std::filesystem::path(certDir()) / "other-name";
    standin::generateSelfSignedCert(dir.string(), "DNS:hermes.invalid");
    standin::StandinOptions options;
    options.cert = (dir / "cert.pem").string();
    options.key = (dir / "key.pem").string();
    standin::HermesStandin hermes(options);
    hermes.start();
    auto s = settingsFor(hermes, false);
    s.ca_file = options.cert; // the issuer is trusted: only the name is wrong
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
    const auto attempt = client.post(push("1"));
    CHECK(attempt.status == 0);
    CHECK_FALSE(attempt.error.empty());
    CHECK(hermes.received() == 0);
}

TEST_CASE("an unknown certificate is refused unless TlsVerify=false", "[hermes]")
{
    Poco::Net::initializeSSL();
    standin::HermesStandin hermes(tlsOptions());
    hermes.start();
    auto s = settingsFor(hermes, false); // system store: the self-signed cert is unknown
    {
        smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
        const auto attempt = client.post(push("1"));
        REQUIRE(attempt.status == 0);
        REQUIRE_FALSE(attempt.error.empty());
        REQUIRE(hermes.received() == 0);
    }
    s.tls_verify = false;
    smppd::HttpHermesClient lax(s, smppd::HttpHermesClient::makeContext(s));
    REQUIRE(lax.post(push("2")).status == 200);
}

TEST_CASE("a hung Hermes times out, a stopped one is a connection failure", "[hermes]")
{
    Poco::Net::initializeSSL();
    auto hermes = std::make_unique<standin::HermesStandin>(tlsOptions());
    hermes->start();
    auto s = settingsFor(*hermes, true);
    s.timeout = std::chrono::seconds(1);
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
    hermes->setBehaviour(standin::parseBehaviour("hang"));
    const auto start = std::chrono::steady_clock::now();
    const auto hung = client.post(push("1"));
    REQUIRE(hung.status == 0);
    REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    hermes->stop();
    const auto down = client.post(push("2"));
    REQUIRE(down.status == 0);
}

TEST_CASE("plain http and form format work too", "[hermes]")
{
    standin::StandinOptions o;
    o.tls = false;
    standin::HermesStandin hermes(o);
    hermes.start();
    smppd::HermesSettings s;
    s.url = hermes.baseUrl() + "/in?id={id}";
    s.push_format = smppd::PushFormat::Form;
    s.auth_header = "X-Api-Key: abc";
    smppd::HttpHermesClient client(s, nullptr);
    REQUIRE(client.post(push("77")).status == 200);
    const auto records = hermes.records();
    REQUIRE(records.size() == 1);
    REQUIRE(records[0].uri == "/in?id=77");
    REQUIRE(records[0].content_type == "application/x-www-form-urlencoded; charset=utf-8");
    REQUIRE(records[0].body.rfind("id=77&campaign=33612345678&", 0) == 0);
}

TEST_CASE("postAll pipelines many pushes on one connection, answers in order", "[hermes]")
{
    Poco::Net::initializeSSL();
    standin::HermesStandin hermes(tlsOptions());
    hermes.start();
    const auto s = settingsFor(hermes, true);
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
    std::vector<smppd::HermesPush> pushes;
    for (int i = 0; i < 50; ++i) {
        pushes.push_back(push(std::to_string(100 + i)));
    }
    const auto attempts = client.postAll(pushes);
    REQUIRE(attempts.size() == 50);
    for (const auto& a : attempts) {
        REQUIRE(a.status == 200);
    }
    const auto records = hermes.records();
    REQUIRE(records.size() == 50);
    for (int i = 0; i < 50; ++i) {
        REQUIRE(records[static_cast<std::size_t>(i)].idempotency_key == std::to_string(100 + i));
    }
}

TEST_CASE("pipelined HTTPS requests share a TLS record only up to 4 KiB", "[hermes]")
{
    // Poco's HTTPServer reads 4096 bytes at a time and polls its socket when its buffer is
    // empty. A first request of exactly 4096 bytes sent in one record with the second would
    // leave the second decrypted inside OpenSSL, unseen by that poll: the second push would
    // time out. Packed up to 4 KiB, every record is read whole.
    Poco::Net::initializeSSL();
    standin::HermesStandin hermes(tlsOptions());
    hermes.start();
    const auto s = settingsFor(hermes, true);
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
    auto big = push("500");
    big.text = std::string(3000, 'a');
    const std::size_t unpadded = client.requestText(big).size();
    REQUIRE(unpadded < 4096);
    big.text.append(4096 - unpadded, 'b');
    REQUIRE(client.requestText(big).size() == 4096);
    const std::vector<smppd::HermesPush> pushes{big, push("501"), push("502")};
    const auto attempts = client.postAll(pushes);
    REQUIRE(attempts.size() == 3);
    for (const auto& a : attempts) {
        CHECK(a.status == 200);
        CHECK(a.error.empty());
    }
    CHECK(hermes.received() == 3);
}

TEST_CASE("a kept-alive connection the server dropped is replaced without a failure", "[hermes]")
{
    Poco::Net::initializeSSL();
    auto options = tlsOptions();
    auto first = std::make_unique<standin::HermesStandin>(options);
    first->start();
    options.port = first->port();
    const auto s = settingsFor(*first, true);
    smppd::HttpHermesClient client(s, smppd::HttpHermesClient::makeContext(s));
    REQUIRE(client.post(push("1")).status == 200);
    first->stop(); // closes the kept-alive connection
    first.reset();
    standin::HermesStandin second(options);
    second.start();
    REQUIRE(client.post(push("2")).status == 200);
    REQUIRE(second.received() == 1);
}
