#include "common/text/Charsets.h"

#include "tests/common/text/TextTestUtil.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace smpp::text;
using smpp::text::test::bytes;
using smpp::text::test::bytesOf;

TEST_CASE("Latin-1 round-trips all 256 octets", "[text][latin1]")
{
    std::vector<std::uint8_t> all;
    for (int b = 0; b < 256; ++b) {
        all.push_back(static_cast<std::uint8_t>(b));
    }
    const std::string utf8 = latin1ToUtf8(all);
    REQUIRE(utf8.size() == 128 + 2 * 128);
    REQUIRE(utf8ToLatin1(utf8) == all);
}

TEST_CASE("Latin-1 golden bytes", "[text][latin1]")
{
    REQUIRE(latin1ToUtf8(bytes({0x43, 0x61, 0x66, 0xE9})) == "Caf\xC3\xA9");
    REQUIRE(utf8ToLatin1("Caf\xC3\xA9") == bytes({0x43, 0x61, 0x66, 0xE9}));
    REQUIRE(utf8ToLatin1("\xC2\xA3\xC3\xBF") == bytes({0xA3, 0xFF}));
    REQUIRE_FALSE(utf8ToLatin1("\xE2\x82\xAC").has_value()); // € is not Latin-1
    REQUIRE_FALSE(utf8ToLatin1("\xFF").has_value()); // malformed
}

TEST_CASE("IA5 keeps ASCII and flags high octets", "[text][ascii]")
{
    REQUIRE(asciiToUtf8(bytesOf("Hello {world}")) == "Hello {world}");
    REQUIRE(asciiToUtf8(bytes({0x41, 0xE9})) == "A\xEF\xBF\xBD");
    REQUIRE(utf8ToAscii("abc`~") == bytesOf("abc`~"));
    REQUIRE_FALSE(utf8ToAscii("\xC3\xA9").has_value());
}

TEST_CASE("UCS-2 golden bytes", "[text][ucs2]")
{
    struct Case {
        std::string utf8;
        std::vector<std::uint8_t> ucs2;
    };
    const Case c = GENERATE(Case{"A", bytes({0x00, 0x41})},
        Case{"`", bytes({0x00, 0x60})},
        Case{"\xC3\xA9", bytes({0x00, 0xE9})},
        Case{"\xE2\x82\xAC", bytes({0x20, 0xAC})},
        Case{"\xD0\x96", bytes({0x04, 0x16})},
        Case{"\xF0\x9F\x98\x80", bytes({0xD8, 0x3D, 0xDE, 0x00})},
        Case{"\xF0\x9F\x91\x8D", bytes({0xD8, 0x3D, 0xDC, 0x4D})},
        Case{"\xF4\x8F\xBF\xBF", bytes({0xDB, 0xFF, 0xDF, 0xFF})},
        Case{"\xEF\xBF\xBF", bytes({0xFF, 0xFF})},
        Case{"", bytes({})});
    CAPTURE(c.utf8);
    REQUIRE(utf8ToUcs2(c.utf8) == c.ucs2);
    REQUIRE(ucs2ToUtf8(c.ucs2) == c.utf8);
}

TEST_CASE("UCS-2 decoding replaces broken surrogates and odd octets", "[text][ucs2]")
{
    REQUIRE(ucs2ToUtf8(bytes({0xD8, 0x3D, 0x00, 0x41}))
        == "\xEF\xBF\xBD"
           "A"); // high then non-low
    REQUIRE(ucs2ToUtf8(bytes({0xDE, 0x00, 0x00, 0x41}))
        == "\xEF\xBF\xBD"
           "A"); // lone low
    REQUIRE(ucs2ToUtf8(bytes({0x00, 0x41, 0xD8, 0x3D})) == "A\xEF\xBF\xBD"); // high at end
    REQUIRE(ucs2ToUtf8(bytes({0x00, 0x41, 0x00})) == "A\xEF\xBF\xBD"); // odd length
    REQUIRE(utf8ToUcs2("a\xFF") == bytes({0x00, 0x61, 0xFF, 0xFD})); // malformed
}

TEST_CASE("UCS-2 round-trips a mixed text", "[text][ucs2]")
{
    const std::string text = "Votre RDV est confirm\xC3\xA9 \xF0\x9F\x98\x80 \xD0\x96 `x`";
    REQUIRE(ucs2ToUtf8(utf8ToUcs2(text)) == text);
}
