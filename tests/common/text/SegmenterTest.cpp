#include "common/text/Segmenter.h"

#include "common/text/Reassembler.h"
#include "common/text/TextError.h"
#include "tests/common/text/TextTestUtil.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace smpp::text;
using smpp::text::test::bytes;
using smpp::text::test::repeat;

namespace {

const std::string kZhe = "\xD0\x96"; // Ж, UCS-2 only
const std::string kEmoji = "\xF0\x9F\x98\x80"; // 😀, D83D DE00
const std::string kEuro = "\xE2\x82\xAC"; // €, 1B 65

/// Body of a segment (after its UDH).
std::vector<std::uint8_t> body(const Segment& s)
{
    const std::size_t offset = s.udhi ? std::size_t{s.short_message[0]} + 1 : 0;
    return {s.short_message.begin() + static_cast<std::ptrdiff_t>(offset), s.short_message.end()};
}

std::vector<std::uint8_t> udh(const Segment& s)
{
    return {s.short_message.begin(),
        s.short_message.begin() + static_cast<std::ptrdiff_t>(s.short_message[0] + 1)};
}

} // namespace

TEST_CASE("GSM part counts at the 160/153 boundaries", "[text][split]")
{
    struct Case {
        std::size_t chars;
        std::size_t parts;
    };
    const Case c = GENERATE(Case{0, 1},
        Case{1, 1},
        Case{160, 1},
        Case{161, 2},
        Case{306, 2},
        Case{307, 3},
        Case{459, 3},
        Case{460, 4});
    const std::string text(c.chars, 'a');
    CAPTURE(c.chars);
    REQUIRE(countParts(text) == c.parts);
    const auto parts = split(text, 1);
    REQUIRE(parts.size() == c.parts);
    for (const Segment& s : parts) {
        REQUIRE(s.data_coding == kDataCodingDefault);
        REQUIRE(s.udhi == (c.parts > 1));
        REQUIRE(s.total == c.parts);
    }
}

TEST_CASE("extension characters count as two septets", "[text][split]")
{
    REQUIRE(countParts(repeat(kEuro, 80)) == 1);
    REQUIRE(countParts(repeat(kEuro, 80) + "a") == 2);
    REQUIRE(countParts(repeat("{", 153)) == 3); // 306 septets in pairs of 2: 76 pairs a part
}

TEST_CASE("a single GSM part has no UDH", "[text][split]")
{
    const auto parts = split("@Hi\xE2\x82\xAC", 9);
    REQUIRE(parts.size() == 1);
    REQUIRE(parts[0] == Segment{bytes({0x00, 0x48, 0x69, 0x1B, 0x65}), 0x00, false, 1, 1});
}

TEST_CASE("GSM parts carry the 8-bit concat UDH", "[text][split]")
{
    const auto parts = split(std::string(161, 'a'), 0x1234);
    REQUIRE(parts.size() == 2);
    REQUIRE(udh(parts[0]) == bytes({0x05, 0x00, 0x03, 0x34, 0x02, 0x01}));
    REQUIRE(udh(parts[1]) == bytes({0x05, 0x00, 0x03, 0x34, 0x02, 0x02}));
    REQUIRE(body(parts[0]) == std::vector<std::uint8_t>(153, 0x61));
    REQUIRE(body(parts[1]) == std::vector<std::uint8_t>(8, 0x61));
    REQUIRE(parts[0].short_message.size() == 159);
    REQUIRE(parts[0].udhi);
    REQUIRE(parts[1].seq == 2);
}

TEST_CASE("an ESC pair at the 153 boundary moves to the next part", "[text][split]")
{
    SECTION("ESC would be septet 153: the pair moves")
    {
        const auto parts = split(std::string(152, 'a') + kEuro + std::string(10, 'b'), 1);
        REQUIRE(parts.size() == 2);
        REQUIRE(body(parts[0]) == std::vector<std::uint8_t>(152, 0x61));
        REQUIRE(body(parts[1]).size() == 12);
        REQUIRE(body(parts[1])[0] == 0x1B);
        REQUIRE(body(parts[1])[1] == 0x65);
    }
    SECTION("pair ending exactly at septet 153 stays")
    {
        const auto parts = split(std::string(151, 'a') + kEuro + std::string(10, 'b'), 1);
        REQUIRE(parts.size() == 2);
        REQUIRE(body(parts[0]).size() == 153);
        REQUIRE(body(parts[0])[151] == 0x1B);
        REQUIRE(body(parts[0])[152] == 0x65);
        REQUIRE(body(parts[1]) == std::vector<std::uint8_t>(10, 0x62));
    }
}

TEST_CASE("UCS-2 part counts at the 70/67 boundaries", "[text][split]")
{
    struct Case {
        std::size_t chars;
        std::size_t parts;
    };
    const Case c = GENERATE(Case{70, 1}, Case{71, 2}, Case{134, 2}, Case{135, 3});
    const std::string text = repeat(kZhe, c.chars);
    CAPTURE(c.chars);
    REQUIRE(countParts(text) == c.parts);
    const auto parts = split(text, 1);
    REQUIRE(parts.size() == c.parts);
    REQUIRE(parts[0].data_coding == kDataCodingUcs2);
    if (c.parts > 1) {
        REQUIRE(body(parts[0]).size() == 134);
    }
}

TEST_CASE("a backtick makes the whole text UCS-2", "[text][split]")
{
    const auto parts = split(std::string(100, 'a') + "`", 1);
    REQUIRE(parts.size() == 2); // 101 code units > 70
    REQUIRE(parts[0].data_coding == kDataCodingUcs2);
    REQUIRE(body(parts[0]).size() == 134);
    REQUIRE(body(parts[1]).size() == 68);
}

TEST_CASE("a surrogate pair at the 67 boundary moves to the next part", "[text][split]")
{
    const auto parts = split(repeat(kZhe, 66) + kEmoji + repeat(kZhe, 5), 1);
    REQUIRE(parts.size() == 2);
    REQUIRE(body(parts[0]).size() == 132);
    const auto second = body(parts[1]);
    REQUIRE(second.size() == 14);
    REQUIRE(std::vector<std::uint8_t>(second.begin(), second.begin() + 4)
        == bytes({0xD8, 0x3D, 0xDE, 0x00}));
    SECTION("a pair ending at unit 67 stays")
    {
        const auto p = split(repeat(kZhe, 65) + kEmoji + repeat(kZhe, 5), 1);
        REQUIRE(body(p[0]).size() == 134);
        REQUIRE(body(p[0])[130] == 0xD8);
        REQUIRE(body(p[0])[132] == 0xDE);
    }
}

TEST_CASE("16-bit references shrink parts by one unit", "[text][split]")
{
    const SplitOptions ref16{ConcatRef::Bits16};
    const auto parts = split(std::string(161, 'a'), 0xBEEF, ref16);
    REQUIRE(parts.size() == 2);
    REQUIRE(udh(parts[0]) == bytes({0x06, 0x08, 0x04, 0xBE, 0xEF, 0x02, 0x01}));
    REQUIRE(body(parts[0]).size() == 152);
    REQUIRE(body(parts[1]).size() == 9);
    REQUIRE(countParts(std::string(304, 'a'), ref16) == 2);
    REQUIRE(countParts(std::string(305, 'a'), ref16) == 3);
    REQUIRE(countParts(std::string(306, 'a'), ref16) == 3);
    REQUIRE(countParts(repeat(kZhe, 132), ref16) == 2);
    REQUIRE(countParts(repeat(kZhe, 133), ref16) == 3);
}

TEST_CASE("8-bit bodies split at 140/134/133 octets", "[text][split]")
{
    const EncodedText fits{std::vector<std::uint8_t>(140, 0xFF), kDataCodingOctet};
    REQUIRE(countPartsEncoded(fits) == 1);
    const EncodedText longer{std::vector<std::uint8_t>(141, 0xFF), kDataCodingOctet};
    const auto parts = splitEncoded(longer, 7);
    REQUIRE(parts.size() == 2);
    REQUIRE(body(parts[0]).size() == 134);
    REQUIRE(body(parts[1]).size() == 7);
    REQUIRE(parts[1].data_coding == kDataCodingOctet);
    REQUIRE(splitEncoded(longer, 7, {ConcatRef::Bits16})[0].short_message.size() == 7 + 133);
}

TEST_CASE("at most 255 parts", "[text][split]")
{
    SECTION("GSM")
    {
        REQUIRE(split(std::string(153 * 255, 'a'), 1).size() == 255);
        const std::string too_long(153 * 255 + 1, 'a');
        REQUIRE(countParts(too_long) == 256);
        REQUIRE_THROWS_AS(split(too_long, 1), TooManyPartsError);
    }
    SECTION("UCS-2")
    {
        REQUIRE(split(repeat(kZhe, 67 * 255), 1).size() == 255);
        REQUIRE_THROWS_AS(split(repeat(kZhe, 67 * 255 + 1), 1), TooManyPartsError);
    }
    SECTION("the error is a TextError the caller can report")
    {
        REQUIRE_THROWS_AS(split(std::string(153 * 300, 'a'), 1), TextError);
    }
}

TEST_CASE("split then reassemble gives the text back", "[text][split]")
{
    const std::string text =
        GENERATE(repeat("Votre RDV {n1} [ok] ~ co\xC3\xBCt 5\xE2\x82\xAC. ", 20),
            repeat("Rendez-vous \xF0\x9F\x98\x80 confirm\xC3\xA9 ", 15),
            std::string(500, '@'));
    const auto parts = split(text, 77);
    REQUIRE(parts.size() == countParts(text));
    Reassembler r;
    std::optional<Reassembled> done;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        done = r.acceptUdh("k", it->short_message, it->udhi, it->data_coding, {});
    }
    REQUIRE(done.has_value());
    REQUIRE(decodeToUtf8(done->payload, done->data_coding) == text);
}
