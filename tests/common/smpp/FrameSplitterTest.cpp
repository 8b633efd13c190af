#include "common/smpp/FrameSplitter.h"

#include "common/smpp/Codec.h"
#include "tests/common/smpp/GoldenPdus.h"
#include "tests/common/smpp/TestBytes.h"

#include <catch2/catch.hpp>

using smpp::FrameError;
using smpp::FrameSplitter;
using smpp::test::hex;

namespace {

using Bytes = std::vector<std::uint8_t>;

/// All golden PDUs back to back, and the frames they are made of.
struct Stream {
    Bytes bytes;
    std::vector<Bytes> frames;
};

Stream goldenStream()
{
    Stream s;
    for (const auto& golden : smpp::test::goldenPdus()) {
        s.frames.push_back(hex(golden.hex));
        s.bytes.insert(s.bytes.end(), s.frames.back().begin(), s.frames.back().end());
    }
    return s;
}

std::vector<Bytes> drain(FrameSplitter& splitter)
{
    std::vector<Bytes> out;
    while (auto frame = splitter.next()) {
        out.push_back(std::move(*frame));
    }
    return out;
}

} // namespace

TEST_CASE("frames a multi-PDU stream fed one byte at a time", "[framer]")
{
    const Stream s = goldenStream();
    FrameSplitter splitter;
    std::vector<Bytes> frames;
    for (const std::uint8_t byte : s.bytes) {
        splitter.feed(std::span(&byte, 1));
        for (auto& f : drain(splitter)) {
            frames.push_back(std::move(f));
        }
    }
    CHECK(frames == s.frames);
    CHECK_FALSE(splitter.hasPartial());
}

TEST_CASE("frames a multi-PDU stream split at every offset", "[framer]")
{
    const Stream s = goldenStream();
    const std::span all(s.bytes);
    for (std::size_t cut = 0; cut <= all.size(); ++cut) {
        FrameSplitter splitter;
        splitter.feed(all.first(cut));
        auto frames = drain(splitter);
        splitter.feed(all.subspan(cut));
        for (auto& f : drain(splitter)) {
            frames.push_back(std::move(f));
        }
        INFO(cut);
        REQUIRE(frames == s.frames);
        REQUIRE(splitter.buffered() == 0);
    }
}

TEST_CASE("every framed golden PDU decodes", "[framer]")
{
    const Stream s = goldenStream();
    FrameSplitter splitter;
    splitter.feed(s.bytes);
    std::size_t count = 0;
    while (auto view = splitter.nextView()) {
        CHECK(smpp::decode(*view) == smpp::test::goldenPdus()[count].pdu);
        ++count;
    }
    CHECK(count == s.frames.size());
}

TEST_CASE(
    "§9.4 two enquire_links in one write, then a submit_sm 1 byte per write", "[framer][checklist]")
{
    FrameSplitter splitter;
    splitter.feed(hex("00000010 00000015 00000000 00000001 00000010 00000015 00000000 00000002"));
    CHECK(smpp::peekHeader(*splitter.next()).sequence_number == 1);
    CHECK(smpp::peekHeader(*splitter.next()).sequence_number == 2);
    CHECK_FALSE(splitter.next());
    const auto submit =
        smpp::encode(smpp::Pdu{.sequence_number = 3, .body = smpp::test::goldenSubmitSm()});
    for (std::size_t i = 0; i + 1 < submit.size(); ++i) {
        splitter.feed(std::span(&submit[i], 1));
        REQUIRE_FALSE(splitter.next());
        REQUIRE(splitter.hasPartial());
    }
    splitter.feed(std::span(&submit.back(), 1));
    CHECK(splitter.next() == submit);
}

TEST_CASE("§9.3 a partial PDU is reported for the read timer", "[framer][checklist]")
{
    FrameSplitter splitter;
    CHECK_FALSE(splitter.hasPartial());
    auto frame = hex("00000028 00000004 00000000 00000001 00000000");
    splitter.feed(frame);
    CHECK_FALSE(splitter.next());
    CHECK(splitter.hasPartial());
    CHECK(splitter.buffered() == 20);
}

TEST_CASE("§9.1 command_length 15 or 0 -> FrameError 0x02", "[framer][checklist]")
{
    const std::uint32_t length = GENERATE(0U, 1U, 15U);
    SECTION("seq readable")
    {
        FrameSplitter splitter;
        auto header = hex("00000000 00000015 00000000 00000063");
        header[3] = static_cast<std::uint8_t>(length);
        splitter.feed(header);
        try {
            splitter.next();
            FAIL("no FrameError");
        } catch (const FrameError& e) {
            CHECK(e.status() == smpp::CommandStatus::InvalidCommandLength);
            CHECK(e.sequenceNumber() == 99);
        }
        CHECK_THROWS_AS(splitter.next(), FrameError); // stays failed
    }
    SECTION("only the length is readable: seq 0, raised at once")
    {
        FrameSplitter splitter;
        auto four = hex("00000000");
        four[3] = static_cast<std::uint8_t>(length);
        splitter.feed(four);
        try {
            splitter.next();
            FAIL("no FrameError");
        } catch (const FrameError& e) {
            CHECK(e.sequenceNumber() == 0);
        }
    }
}

TEST_CASE("§9.2 command_length 65,537 or 0xFFFFFFFF -> FrameError without allocating",
    "[framer][checklist]")
{
    const auto header = GENERATE(as<std::string>{},
        "00010001 00000004 00000000 00000005",
        "ffffffff 00000004 00000000 00000005");
    FrameSplitter splitter;
    splitter.feed(hex(header));
    CHECK_THROWS_AS(splitter.nextView(), FrameError);
    CHECK(splitter.buffered() == 16); // nothing was reserved for the claimed length
}

TEST_CASE("the cap is the constructor argument, exactly the cap is accepted", "[framer]")
{
    FrameSplitter splitter(20);
    CHECK(splitter.maxFrameLength() == 20);
    auto frame = hex("00000014 00000015 00000000 00000001 00000000");
    splitter.feed(frame);
    CHECK(splitter.next() == frame);
    splitter.feed(hex("00000015 00000015 00000000 00000001"));
    CHECK_THROWS_AS(splitter.next(), FrameError);
    CHECK(FrameSplitter{}.maxFrameLength() == 65536);
}
