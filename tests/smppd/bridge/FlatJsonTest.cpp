#include "smppd/bridge/FlatJson.h"

#include <catch2/catch.hpp>

#include <string>

using smppd::parseFlatJsonObject;

TEST_CASE("flat JSON: string and null values, in order, escapes decoded", "[bridge]")
{
    const auto object = parseFlatJsonObject(
        " {\"op\" : \"send\",\"text\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 é\","
        "\"ref\":null}\t");
    REQUIRE(object);
    REQUIRE(object->fields.size() == 3);
    CHECK(object->fields[0].first == "op");
    CHECK(*object->find("op") == std::optional<std::string>("send"));
    CHECK(*object->find("text") == std::optional<std::string>("a\"b\\c/d\b\f\n\r\té😀 é"));
    CHECK(*object->find("ref") == std::nullopt);
    CHECK(object->find("token") == nullptr);
    REQUIRE(parseFlatJsonObject("{}"));
    CHECK(parseFlatJsonObject("{ }")->fields.empty());
}

TEST_CASE("flat JSON: anything else is left to the general parser", "[bridge]")
{
    const std::string line = GENERATE(as<std::string>{},
        "",
        "{",
        "[]",
        "\"op\"",
        R"({"op":"send",})",
        R"({"op":"send"}x)",
        R"({"op":"send"}})",
        R"({"op":7})",
        R"({"op":true})",
        R"({"op":nullx})",
        R"({"text":["x"]})",
        R"({"text":{"a":"b"}})",
        R"({"op":"send","op":"ping"})",
        R"({"o\u0070":"send"})",
        R"({'op':'send'})",
        R"({"op":"send" "to":"1"})",
        R"({"op" "send"})",
        R"({"text":"\u0000"})",
        R"({"text":"\ud83d"})",
        R"({"text":"\ude00"})",
        R"({"text":"\ud83dx"})",
        R"({"text":"\u12G4"})",
        R"({"text":"\u12"})",
        R"({"text":"\x"})",
        R"({"text":"abc)",
        "{\"text\":\"a\tb\"}",
        "{\"text\":\"\xC3\"}",
        "{\"text\":\"\xFF\"}",
        "{\"text\":\"\xED\xA0\x80\"}");
    CHECK_FALSE(parseFlatJsonObject(line));
}

TEST_CASE("flat JSON: a literal U+FFFD is kept", "[bridge]")
{
    const auto object = parseFlatJsonObject("{\"text\":\"\xEF\xBF\xBD\"}");
    REQUIRE(object);
    CHECK(*object->find("text") == std::optional<std::string>("\xEF\xBF\xBD"));
}
