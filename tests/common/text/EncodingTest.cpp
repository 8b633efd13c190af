#include "common/text/Encoding.h"

#include "tests/common/text/TextTestUtil.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

using namespace smpp::text;
using smpp::text::test::bytes;
using smpp::text::test::bytesOf;

TEST_CASE("alphabetOf follows SMPP and the GSM DCS groups", "[text][encoding]")
{
    struct Case {
        int dc;
        Alphabet alphabet;
    };
    const Case c = GENERATE(Case{0x00, Alphabet::Gsm7},
        Case{0x01, Alphabet::Ascii},
        Case{0x02, Alphabet::Binary},
        Case{0x03, Alphabet::Latin1},
        Case{0x04, Alphabet::Binary},
        Case{0x05, Alphabet::Unknown},
        Case{0x08, Alphabet::Ucs2},
        Case{0x0B, Alphabet::Unknown},
        Case{0xBF, Alphabet::Unknown},
        Case{0xC0, Alphabet::Gsm7},
        Case{0xD8, Alphabet::Gsm7},
        Case{0xE0, Alphabet::Ucs2},
        Case{0xF0, Alphabet::Gsm7},
        Case{0xF1, Alphabet::Gsm7},
        Case{0xF4, Alphabet::Binary},
        Case{0xF6, Alphabet::Binary});
    CAPTURE(c.dc);
    REQUIRE(alphabetOf(static_cast<std::uint8_t>(c.dc)) == c.alphabet);
}

TEST_CASE("decodeToUtf8 converts per data_coding", "[text][encoding]")
{
    REQUIRE(decodeToUtf8(bytes({0x48, 0x69, 0x00, 0x1B, 0x65}), 0x00) == "Hi@\xE2\x82\xAC");
    REQUIRE(decodeToUtf8(bytes({0x48, 0x69, 0x40}), 0x01) == "Hi@");
    REQUIRE(decodeToUtf8(bytes({0x43, 0x61, 0x66, 0xE9}), 0x03) == "Caf\xC3\xA9");
    REQUIRE(decodeToUtf8(bytes({0x00, 0x48, 0xD8, 0x3D, 0xDE, 0x00}), 0x08) == "H\xF0\x9F\x98\x80");
    REQUIRE(decodeToUtf8(bytes({0x00, 0x48}), 0xE0) == "H");
    REQUIRE(decodeToUtf8(bytes({0x00, 0x1B, 0x65}), 0xF0) == "@\xE2\x82\xAC");
    SECTION("8-bit data passes through unchanged")
    {
        const auto raw = bytes({0x01, 0xFF, 0x00, 0x80});
        REQUIRE(bytesOf(decodeToUtf8(raw, 0x02)) == raw);
        REQUIRE(bytesOf(decodeToUtf8(raw, 0x04)) == raw);
        REQUIRE(bytesOf(decodeToUtf8(raw, 0xF4)) == raw);
    }
    SECTION("unsupported codings read as Latin-1")
    {
        REQUIRE(decodeToUtf8(bytes({0x41, 0xE9}), 0x06) == "A\xC3\xA9");
    }
    REQUIRE(decodeToUtf8({}, 0x08).empty());
}

TEST_CASE("encodeBest picks GSM when every character maps", "[text][encoding]")
{
    const std::string text = GENERATE(std::string("\xE2\x82\xAC$\xC2\xA3\xC2\xA1@\xC2\xA4"),
        std::string("{}[]~\\|^"),
        std::string("Votre RDV est confirm\xC3\xA9"));
    const EncodedText e = encodeBest(text);
    REQUIRE(e.data_coding == kDataCodingDefault);
    REQUIRE(decodeToUtf8(e.octets, e.data_coding) == text);
}

TEST_CASE("encodeBest golden bytes", "[text][encoding]")
{
    REQUIRE(encodeBest("@\xE2\x82\xAC") == EncodedText{bytes({0x00, 0x1B, 0x65}), 0x00});
    REQUIRE(encodeBest("") == EncodedText{{}, 0x00});
    SECTION("a backtick forces UCS-2")
    {
        REQUIRE(encodeBest("a`") == EncodedText{bytes({0x00, 0x61, 0x00, 0x60}), 0x08});
    }
    SECTION("an emoji forces UCS-2 with a surrogate pair")
    {
        REQUIRE(encodeBest("hi\xF0\x9F\x98\x80")
            == EncodedText{bytes({0x00, 0x68, 0x00, 0x69, 0xD8, 0x3D, 0xDE, 0x00}), 0x08});
    }
    SECTION("malformed UTF-8 becomes U+FFFD in UCS-2")
    {
        REQUIRE(encodeBest("a\xC3") == EncodedText{bytes({0x00, 0x61, 0xFF, 0xFD}), 0x08});
    }
}
