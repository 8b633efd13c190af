#include "common/text/Gsm7.h"

#include "tests/common/text/TextTestUtil.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using smpp::text::gsm7SeptetsFor;
using smpp::text::gsm7ToUtf8;
using smpp::text::gsmFillBits;
using smpp::text::packSeptets;
using smpp::text::unpackSeptets;
using smpp::text::utf8ToGsm7;
using smpp::text::test::bytes;
using smpp::text::test::bytesOf;

TEST_CASE("GSM 03.38 characters map to their septets both ways", "[text][gsm]")
{
    struct Case {
        std::string utf8;
        std::vector<std::uint8_t> septets;
    };
    const Case c = GENERATE(Case{"\xE2\x82\xAC", bytes({0x1B, 0x65})}, // €
        Case{"$", bytes({0x02})},
        Case{"\xC2\xA3", bytes({0x01})}, // £
        Case{"\xC2\xA1", bytes({0x40})}, // ¡
        Case{"@", bytes({0x00})},
        Case{"\xC2\xA4", bytes({0x24})}, // ¤
        Case{"{", bytes({0x1B, 0x28})},
        Case{"}", bytes({0x1B, 0x29})},
        Case{"[", bytes({0x1B, 0x3C})},
        Case{"]", bytes({0x1B, 0x3E})},
        Case{"~", bytes({0x1B, 0x3D})},
        Case{"\\", bytes({0x1B, 0x2F})},
        Case{"|", bytes({0x1B, 0x40})},
        Case{"^", bytes({0x1B, 0x14})},
        Case{"\f", bytes({0x1B, 0x0A})},
        Case{"\xC2\xA5", bytes({0x03})}, // ¥
        Case{"\xC3\xA8", bytes({0x04})}, // è
        Case{"\xC3\x87", bytes({0x09})}, // Ç
        Case{"\n", bytes({0x0A})},
        Case{"\r", bytes({0x0D})},
        Case{"\xCE\x94", bytes({0x10})}, // Δ
        Case{"_", bytes({0x11})},
        Case{"\xCE\x9E", bytes({0x1A})}, // Ξ
        Case{"\xC3\x9F", bytes({0x1E})}, // ß
        Case{"\xC3\x89", bytes({0x1F})}, // É
        Case{" ", bytes({0x20})},
        Case{"\xC2\xA7", bytes({0x5F})}, // §
        Case{"\xC2\xBF", bytes({0x60})}, // ¿
        Case{"\xC3\xBC", bytes({0x7E})}, // ü
        Case{"\xC3\xA0", bytes({0x7F})}, // à
        Case{"A", bytes({0x41})},
        Case{"z", bytes({0x7A})});
    CAPTURE(c.utf8);
    REQUIRE(utf8ToGsm7(c.utf8) == c.septets);
    REQUIRE(gsm7ToUtf8(c.septets) == c.utf8);
    REQUIRE(gsm7SeptetsFor(U'\u20AC') == 2);
}

TEST_CASE("every basic septet round-trips through UTF-8", "[text][gsm]")
{
    for (int s = 0; s < 0x80; ++s) {
        if (s == 0x1B) {
            continue;
        }
        const std::vector<std::uint8_t> one{static_cast<std::uint8_t>(s)};
        CAPTURE(s);
        REQUIRE(utf8ToGsm7(gsm7ToUtf8(one)) == one);
    }
}

TEST_CASE("characters outside GSM 03.38 are refused", "[text][gsm]")
{
    const std::string text = GENERATE(std::string("`"),
        std::string("\xC3\xA7"), // ç (only Ç maps)
        std::string("\xF0\x9F\x98\x80"), // 😀
        std::string("\xD0\x96"), // Ж
        std::string("ok\xFF")); // malformed UTF-8
    CAPTURE(text);
    REQUIRE_FALSE(utf8ToGsm7(text).has_value());
    REQUIRE(gsm7SeptetsFor(U'`') == 0);
    REQUIRE(gsm7SeptetsFor(U'a') == 1);
}

TEST_CASE("GSM decoding tolerates odd escape sequences and high octets", "[text][gsm]")
{
    REQUIRE(gsm7ToUtf8(bytes({0x41, 0x1B})) == "A "); // trailing ESC
    REQUIRE(gsm7ToUtf8(bytes({0x1B, 0x1B, 0x41})) == " A"); // ESC ESC
    REQUIRE(gsm7ToUtf8(bytes({0x1B, 0x41})) == "A"); // unknown extension
    REQUIRE(gsm7ToUtf8(bytes({0x80})) == "\xEF\xBF\xBD");
    REQUIRE(gsm7ToUtf8(bytes({0x00, 0x00})) == "@@"); // @ is 0x00: not a C string
    REQUIRE(gsm7ToUtf8({}).empty());
}

TEST_CASE("septet packing golden vectors", "[text][gsm]")
{
    REQUIRE(packSeptets(bytesOf("hellohello"))
        == bytes({0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37}));
    REQUIRE(packSeptets(bytesOf("12345678")) == bytes({0x31, 0xD9, 0x8C, 0x56, 0xB3, 0xDD, 0x70}));
    SECTION("fill bits after a UDH")
    {
        REQUIRE(packSeptets(bytesOf("hello"), 1) == bytes({0xD0, 0x65, 0x36, 0xFB, 0x0D}));
        REQUIRE(packSeptets(bytesOf("Hi"), 2) == bytes({0x20, 0xD3}));
        REQUIRE(unpackSeptets(bytes({0xD0, 0x65, 0x36, 0xFB, 0x0D}), 5, 1) == bytesOf("hello"));
    }
    REQUIRE(unpackSeptets(bytes({0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37}), 10)
        == bytesOf("hellohello"));
    REQUIRE(packSeptets({}).empty());
}

TEST_CASE("fill bits for common UDH lengths", "[text][gsm]")
{
    REQUIRE(gsmFillBits(0) == 0);
    REQUIRE(gsmFillBits(6) == 1); // 05 00 03 RR TT SS
    REQUIRE(gsmFillBits(7) == 0); // 06 08 04 RH RL TT SS
    REQUIRE(gsmFillBits(5) == 2);
    REQUIRE(gsmFillBits(1) == 6);
}

TEST_CASE("pack and unpack round-trip for every length and fill", "[text][gsm]")
{
    const unsigned fill = GENERATE(0U, 1U, 2U, 3U, 4U, 5U, 6U);
    for (std::size_t n = 0; n <= 24; ++n) {
        std::vector<std::uint8_t> septets;
        for (std::size_t i = 0; i < n; ++i) {
            septets.push_back(static_cast<std::uint8_t>((i * 37 + 11) & 0x7F));
        }
        const auto packed = packSeptets(septets, fill);
        CAPTURE(fill, n);
        REQUIRE(packed.size() == (fill + 7 * n + 7) / 8);
        REQUIRE(unpackSeptets(packed, n, fill) == septets);
    }
}

TEST_CASE("unpacking truncated input stops without overreading", "[text][gsm]")
{
    const auto packed = bytes({0xE8, 0x32, 0x9B});
    REQUIRE(unpackSeptets(packed, 10) == bytesOf("hel"));
    REQUIRE(unpackSeptets({}, 5).empty());
}
