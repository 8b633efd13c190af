#include "common/text/Utf8.h"

#include <catch2/catch.hpp>

#include <string>

using smpp::text::appendUtf8;
using smpp::text::kReplacementChar;
using smpp::text::nextCodePoint;
using smpp::text::sanitizeUtf8;

namespace {

std::u32string decodeAll(std::string_view s)
{
    std::u32string out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        out.push_back(nextCodePoint(s, pos));
    }
    return out;
}

} // namespace

TEST_CASE("valid UTF-8 decodes to its code points", "[text][utf8]")
{
    REQUIRE(decodeAll("A") == U"A");
    REQUIRE(decodeAll("\xC3\xA9") == U"\u00E9"); // é
    REQUIRE(decodeAll("\xE2\x82\xAC") == U"\u20AC"); // €
    REQUIRE(decodeAll("\xF0\x9F\x98\x80") == U"\U0001F600"); // 😀
    REQUIRE(decodeAll("\xF4\x8F\xBF\xBF") == U"\U0010FFFF");
    REQUIRE(decodeAll(std::string_view("a\0b", 3)) == std::u32string(U"a\0b", 3));
}

TEST_CASE("malformed UTF-8 becomes one U+FFFD per maximal subpart", "[text][utf8]")
{
    struct Case {
        std::string input;
        std::u32string expected;
    };
    const Case c = GENERATE(Case{"\xFF", U"\uFFFD"},
        Case{"\x80", U"\uFFFD"},
        Case{"\xC0\xAF", U"\uFFFD\uFFFD"}, // overlong '/'
        Case{"\xE2\x82", U"\uFFFD"}, // truncated €
        Case{"\xE2\x82x", U"\uFFFDx"}, // bad continuation
        Case{"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"}, // surrogate D800
        Case{"\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"}, // > 10FFFF
        Case{"\xE0\x80\x80", U"\uFFFD\uFFFD\uFFFD"}, // overlong
        Case{"a\xF0\x9F\x98", U"a\uFFFD"}); // truncated emoji
    CAPTURE(c.input);
    REQUIRE(decodeAll(c.input) == c.expected);
    REQUIRE(sanitizeUtf8(c.input).find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("appendUtf8 encodes and refuses surrogates", "[text][utf8]")
{
    std::string out;
    appendUtf8(out, U'\u00A3');
    appendUtf8(out, U'\U0001F600');
    appendUtf8(out, 0xD800);
    appendUtf8(out, 0x110000);
    REQUIRE(out == "\xC2\xA3\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD");
    REQUIRE(kReplacementChar == U'\uFFFD');
}

TEST_CASE("sanitizeUtf8 keeps valid text unchanged", "[text][utf8]")
{
    const std::string valid = "Votre RDV est confirm\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";
    REQUIRE(sanitizeUtf8(valid) == valid);
    REQUIRE(sanitizeUtf8("ok\xFFok") == "ok\xEF\xBF\xBDok");
}
