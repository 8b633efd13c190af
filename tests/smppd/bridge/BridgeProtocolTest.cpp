#include "smppd/bridge/BridgeProtocol.h"

#include <catch2/catch.hpp>

namespace {

smppd::BridgeError errorOf(std::string_view line)
{
    const auto parsed = smppd::parseBridgeLine(line);
    REQUIRE(std::holds_alternative<smppd::BridgeError>(parsed));
    return std::get<smppd::BridgeError>(parsed);
}

} // namespace

TEST_CASE("the send of architecture 4.4 parses", "[bridge]")
{
    const auto parsed = smppd::parseBridgeLine(
        R"({"op":"send","campaign":"33612345678","to":"33698765432","text":"Votre RDV est confirmé","ref":"c42-1"})");
    REQUIRE(std::holds_alternative<smppd::BridgeSend>(parsed));
    const auto& send = std::get<smppd::BridgeSend>(parsed);
    REQUIRE(send
        == smppd::BridgeSend{
            "33612345678", "33698765432", "Votre RDV est confirmé", "c42-1", "", ""});
}

TEST_CASE("optional fields, escapes, CRLF and phone normalisation", "[bridge]")
{
    const auto parsed =
        smppd::parseBridgeLine("{\"op\":\"send\",\"campaign\":\"SHOP\",\"to\":\"+33 "
                               "6-12.34\",\"text\":\"a\\u00e9\\n\\ud83d\\ude00\","
                               "\"account\":\"acme\",\"token\":\"t\"}\r");
    REQUIRE(std::holds_alternative<smppd::BridgeSend>(parsed));
    const auto& send = std::get<smppd::BridgeSend>(parsed);
    REQUIRE(send.to == "+3361234");
    REQUIRE(send.text == "aé\n😀");
    REQUIRE(send.account == "acme");
    REQUIRE(send.token == "t");
    REQUIRE(send.ref.empty());
}

TEST_CASE("ping parses with or without token", "[bridge]")
{
    REQUIRE(
        smppd::parseBridgeLine(R"({"op":"ping"})") == smppd::BridgeParsed{smppd::BridgePing{""}});
    REQUIRE(smppd::parseBridgeLine(R"({"token":"x","op":"ping"})")
        == smppd::BridgeParsed{smppd::BridgePing{"x"}});
}

TEST_CASE("bad JSON is bad_json", "[bridge]")
{
    const std::string line = GENERATE(as<std::string>{},
        "",
        "{",
        "not json",
        R"({"op":"send",})",
        "[1,2]",
        "42",
        R"("op")",
        "{\"op\":\"send\"}}garbage{");
    REQUIRE(errorOf(line).code == "bad_json");
}

TEST_CASE("missing or invalid fields are invalid_argument with a clear message", "[bridge]")
{
    using Row = std::pair<std::string, std::string>;
    const auto [line, message] = GENERATE(
        Row{R"({"to":"1","text":"x"})", "'op' is required (send or ping)"},
        Row{R"({"op":"fly"})", "unknown op 'fly' (send or ping)"},
        Row{R"({"op":7})", "'op' must be a string"},
        Row{R"({"op":"send","campaign":"1","to":"","text":"x"})", "'to' must be a phone number"},
        Row{R"({"op":"send","campaign":"1","text":"x"})", "'to' must be a phone number"},
        Row{R"({"op":"send","campaign":"1","to":"06abc","text":"x"})",
            "'to' must be a phone number"},
        Row{R"({"op":"send","campaign":"1","to":"+","text":"x"})", "'to' must be a phone number"},
        Row{R"({"op":"send","campaign":"1","to":"123456789012345678901","text":"x"})",
            "'to' must be a phone number"},
        Row{R"({"op":"send","campaign":"1","to":336,"text":"x"})", "'to' must be a string"},
        Row{R"({"op":"send","to":"336","text":"x"})", "'campaign' must be 1 to 20 characters"},
        Row{R"({"op":"send","campaign":"","to":"336","text":"x"})",
            "'campaign' must be 1 to 20 characters"},
        Row{R"({"op":"send","campaign":"a\tb","to":"336","text":"x"})",
            "'campaign' must be printable ASCII"},
        Row{R"({"op":"send","campaign":"1","to":"336","text":""})", "'text' must not be empty"},
        Row{R"({"op":"send","campaign":"1","to":"336"})", "'text' must not be empty"},
        Row{R"({"op":"send","campaign":"1","to":"336","text":["x"]})", "'text' must be a string"});
    const auto error = errorOf(line);
    REQUIRE(error.code == "invalid_argument");
    REQUIRE(error.message == message);
}

TEST_CASE("a line over 64 KiB is line_too_long", "[bridge]")
{
    std::string line = R"({"op":"send","campaign":"1","to":"336","text":")";
    line += std::string(smppd::kMaxBridgeLine, 'x');
    line += "\"}";
    REQUIRE(errorOf(line).code == "line_too_long");
}

TEST_CASE("replies are single-line JSON", "[bridge]")
{
    REQUIRE(smppd::formatBridgeOk() == R"({"ok":true})");
    REQUIRE(smppd::formatBridgeOk("1043") == R"({"ok":true,"id":"1043"})");
    REQUIRE(smppd::formatBridgeError({"invalid_argument", "'to' must be a \"phone\"\nnumber"})
        == R"({"ok":false,"error":"invalid_argument","message":"'to' must be a \"phone\"\nnumber"})");
}

TEST_CASE("tokenMatches compares whole strings", "[bridge]")
{
    REQUIRE(smppd::tokenMatches("secret", "secret"));
    REQUIRE_FALSE(smppd::tokenMatches("secret", "secreT"));
    REQUIRE_FALSE(smppd::tokenMatches("secret", "secret2"));
    REQUIRE_FALSE(smppd::tokenMatches("secret", ""));
    REQUIRE_FALSE(smppd::tokenMatches("secret", "sec"));
}
