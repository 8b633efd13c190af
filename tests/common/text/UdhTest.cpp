#include "common/text/Udh.h"

#include "tests/common/text/TextTestUtil.h"

#include <catch2/catch.hpp>

using namespace smpp::text;
using smpp::text::test::bytes;

TEST_CASE("parseUdh reads the 8-bit concat IE", "[text][udh]")
{
    const auto sm = bytes({0x05, 0x00, 0x03, 0x2A, 0x03, 0x02, 0x41, 0x42});
    const UdhInfo info = parseUdh(sm);
    REQUIRE(info.valid);
    REQUIRE(info.body_offset == 6);
    REQUIRE(info.concat == ConcatInfo{0x2A, 3, 2, ConcatRef::Bits8});
}

TEST_CASE("parseUdh reads the 16-bit concat IE", "[text][udh]")
{
    const auto sm = bytes({0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 0x41});
    const UdhInfo info = parseUdh(sm);
    REQUIRE(info.valid);
    REQUIRE(info.body_offset == 7);
    REQUIRE(info.concat == ConcatInfo{0x1234, 2, 1, ConcatRef::Bits16});
}

TEST_CASE("parseUdh skips other IEs", "[text][udh]")
{
    // port addressing (IE 05, 4 octets) then concat
    const auto sm =
        bytes({0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, 0x07, 0x02, 0x02, 0x41});
    const UdhInfo info = parseUdh(sm);
    REQUIRE(info.body_offset == 12);
    REQUIRE(info.concat == ConcatInfo{7, 2, 2, ConcatRef::Bits8});
    const UdhInfo only_port = parseUdh(bytes({0x06, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x41}));
    REQUIRE(only_port.valid);
    REQUIRE(only_port.body_offset == 7);
    REQUIRE_FALSE(only_port.concat.has_value());
}

TEST_CASE("parseUdh ignores out-of-range concat IEs", "[text][udh]")
{
    const auto sm = GENERATE(bytes({0x05, 0x00, 0x03, 0x01, 0x00, 0x01}), // TT = 0
        bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x00}), // SS = 0
        bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x03}), // SS > TT
        bytes({0x04, 0x00, 0x02, 0x01, 0x02}), // wrong IE length
        bytes({0x05, 0x00, 0x07, 0x01, 0x02, 0x01})); // IE overruns UDH
    const UdhInfo info = parseUdh(sm);
    REQUIRE(info.valid);
    REQUIRE(info.body_offset == sm.size());
    REQUIRE_FALSE(info.concat.has_value());
}

TEST_CASE("parseUdh flags a header longer than the message", "[text][udh]")
{
    REQUIRE_FALSE(parseUdh(bytes({})).valid);
    REQUIRE_FALSE(parseUdh(bytes({0x05, 0x00, 0x03, 0x01})).valid);
    REQUIRE(parseUdh(bytes({0x05, 0x00, 0x03, 0x01})).body_offset == 0);
    REQUIRE(parseUdh(bytes({0x00})).valid); // empty UDH
}

TEST_CASE("buildConcatUdh golden bytes", "[text][udh]")
{
    REQUIRE(buildConcatUdh({0x1234, 3, 1, ConcatRef::Bits8})
        == bytes({0x05, 0x00, 0x03, 0x34, 0x03, 0x01}));
    REQUIRE(buildConcatUdh({0x1234, 3, 1, ConcatRef::Bits16})
        == bytes({0x06, 0x08, 0x04, 0x12, 0x34, 0x03, 0x01}));
}
