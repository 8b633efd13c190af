#include "smppd/bridge/FlatJson.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

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

namespace {

/// A random bridge-like line: mostly well-formed flat objects with awkward strings, then
/// mutated (bytes dropped, duplicated or replaced) so that invalid near-misses come too.
std::string randomLine(std::mt19937& random)
{
    static const std::vector<std::string> kPieces = {"a",
        "é",
        "😀",
        "\\\"",
        "\\\\",
        "\\/",
        "\\n",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\ud83d",
        "\\u0041",
        "\\x",
        " ",
        "\x01",
        "\xff",
        "\"",
        "{",
        "}",
        ":",
        ",",
        "null",
        "1",
        "true"};
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n)(random);
    };
    std::string line = "{";
    const std::size_t fields = pick(3);
    for (std::size_t f = 0; f < fields; ++f) {
        line += (f > 0 ? "," : "");
        line += "\"k" + std::to_string(pick(3)) + "\":";
        if (pick(4) == 0) {
            line += "null";
            continue;
        }
        line += '"';
        for (std::size_t p = pick(4); p > 0; --p) {
            line += kPieces[pick(kPieces.size() - 1)];
        }
        line += '"';
    }
    line += "}";
    for (std::size_t m = pick(2); m > 0 && !line.empty(); --m) {
        const std::size_t at = pick(line.size() - 1);
        switch (pick(2)) {
        case 0:
            line.erase(at, 1);
            break;
        case 1:
            line.insert(at, 1, line[at]);
            break;
        default:
            line[at] = static_cast<char>(pick(255));
            break;
        }
    }
    return line;
}

/// Poco's reading of `line` as name -> value (nullopt for null), or nullopt when Poco refuses it
/// or it is not an object of strings and nulls.
std::optional<std::map<std::string, std::optional<std::string>>> pocoFields(const std::string& line)
{
    try {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var parsed = parser.parse(line);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
            return std::nullopt;
        }
        const auto object = parsed.extract<Poco::JSON::Object::Ptr>();
        std::map<std::string, std::optional<std::string>> fields;
        for (const auto& [name, value] : *object) {
            if (value.isEmpty()) {
                fields[name] = std::nullopt;
            } else if (value.isString()) {
                fields[name] = value.extract<std::string>();
            } else {
                return std::nullopt;
            }
        }
        return fields;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

} // namespace

TEST_CASE("flat JSON: whatever the fast path accepts, Poco's parser reads the same", "[bridge]")
{
    std::mt19937 random(20261126); // fixed seed: the same 50,000 lines every run
    int accepted = 0;
    for (int i = 0; i < 50000; ++i) {
        const std::string line = randomLine(random);
        const auto flat = parseFlatJsonObject(line);
        if (!flat) {
            continue; // the general parser decides: nothing to compare
        }
        ++accepted;
        const auto poco = pocoFields(line);
        INFO("line: " << line);
        REQUIRE(poco);
        std::map<std::string, std::optional<std::string>> fast(
            flat->fields.begin(), flat->fields.end());
        CHECK(fast == *poco);
    }
    CHECK(accepted > 10000); // the generator reaches the fast path, not only its refusals
}
