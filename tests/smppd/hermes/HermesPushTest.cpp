#include "smppd/hermes/HermesPush.h"

#include <catch2/catch.hpp>

namespace {

smppd::HermesPush sample()
{
    smppd::HermesPush push;
    push.id = "1042";
    push.campaign = "33612345678";
    push.from = "33698765432";
    push.to = "33612345678";
    push.text = "Bonjour";
    push.system_id = "admin";
    push.received_at = std::chrono::system_clock::time_point(std::chrono::seconds(1795601700));
    push.parts = 1;
    return push;
}

} // namespace

TEST_CASE("JSON body has the fields of architecture 4.3 in order", "[hermes]")
{
    const auto body = smppd::buildPushBody(sample(), smppd::PushFormat::Json);
    REQUIRE(body.content_type == "application/json; charset=utf-8");
    REQUIRE(body.body
        == R"({"id":"1042","campaign":"33612345678","from":"33698765432","to":"33612345678",)"
           R"("text":"Bonjour","systemId":"admin","receivedAt":"2026-11-25T10:15:00Z","parts":1})");
}

TEST_CASE("JSON body escapes quotes, backslashes and control characters, keeps UTF-8", "[hermes]")
{
    auto push = sample();
    push.text = "a\"b\\c\nd\x01 é€😀";
    const auto body = smppd::buildPushBody(push, smppd::PushFormat::Json).body;
    REQUIRE(body.find(R"("text":"a\"b\\c\nd\u0001 é€😀")") != std::string::npos);
    REQUIRE(smppd::jsonString("\t\r\x7f") == R"("\t\r\u007f")");
}

TEST_CASE("form body percent-encodes every field", "[hermes]")
{
    auto push = sample();
    push.text = "RDV à 10h & co=1+1";
    push.parts = 2;
    const auto body = smppd::buildPushBody(push, smppd::PushFormat::Form);
    REQUIRE(body.content_type == "application/x-www-form-urlencoded; charset=utf-8");
    REQUIRE(body.body
        == "id=1042&campaign=33612345678&from=33698765432&to=33612345678"
           "&text=RDV%20%C3%A0%2010h%20%26%20co%3D1%2B1&systemId=admin"
           "&receivedAt=2026-11-25T10%3A15%3A00Z&parts=2");
}

TEST_CASE("URL placeholders are filled and encoded", "[hermes]")
{
    auto push = sample();
    push.from = "+33 6";
    REQUIRE(smppd::fillUrl("https://h/sms/{campaign}?from={from}&to={to}&id={id}&x={other}", push)
        == "https://h/sms/33612345678?from=%2B33%206&to=33612345678&id=1042&x={other}");
    REQUIRE(smppd::fillUrl("https://h/{id}/{id}", push) == "https://h/1042/1042");
    REQUIRE(smppd::fillUrl("https://h/plain", push) == "https://h/plain");
}

TEST_CASE("formatUtc is RFC 3339 UTC", "[hermes]")
{
    REQUIRE(smppd::formatUtc(std::chrono::system_clock::time_point{}) == "1970-01-01T00:00:00Z");
    REQUIRE(smppd::formatUtc(
                std::chrono::system_clock::time_point(std::chrono::milliseconds(1795601700999)))
        == "2026-11-25T10:15:00Z");
}
