#include "common/text/Reassembler.h"

#include "tests/common/text/TextTestUtil.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace smpp::text;
using smpp::text::test::bytes;
using smpp::text::test::bytesOf;

namespace {

using Time = Reassembler::TimePoint;
const Time kT0 = Time{} + std::chrono::hours(1);

/// short_message for part `seq` of `total` with an 8-bit reference and body "<seq>".
std::vector<std::uint8_t> part8(int ref, int total, int seq)
{
    auto sm = bytes({0x05, 0x00, 0x03, ref, total, seq});
    sm.push_back(static_cast<std::uint8_t>('0' + seq));
    return sm;
}

std::optional<Reassembled> feed8(
    Reassembler& r, const std::string& key, int ref, int total, int seq)
{
    return r.acceptUdh(key, part8(ref, total, seq), true, 0x00, kT0);
}

} // namespace

TEST_CASE("parts in order complete on the last one", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(feed8(r, "k", 5, 3, 1));
    REQUIRE_FALSE(feed8(r, "k", 5, 3, 2));
    REQUIRE(r.pendingSets() == 1);
    const auto done = feed8(r, "k", 5, 3, 3);
    REQUIRE(done == Reassembled{bytesOf("123"), 0x00, 3});
    REQUIRE(r.pendingSets() == 0);
}

TEST_CASE("parts in reverse order", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(feed8(r, "k", 5, 4, 4));
    REQUIRE_FALSE(feed8(r, "k", 5, 4, 3));
    REQUIRE_FALSE(feed8(r, "k", 5, 4, 2));
    REQUIRE(feed8(r, "k", 5, 4, 1) == Reassembled{bytesOf("1234"), 0x00, 4});
}

TEST_CASE("shuffled parts with duplicates", "[text][reassembly]")
{
    Reassembler r;
    const std::vector<int> order = GENERATE(std::vector<int>{3, 1, 3, 5, 2, 1, 4},
        std::vector<int>{5, 5, 4, 4, 1, 2, 3},
        std::vector<int>{2, 4, 2, 1, 3, 3, 5});
    std::optional<Reassembled> done;
    for (std::size_t i = 0; i < order.size(); ++i) {
        done = feed8(r, "k", 200, 5, order[i]);
        REQUIRE(done.has_value() == (i + 1 == order.size()));
    }
    REQUIRE(done->payload == bytesOf("12345"));
    REQUIRE(r.pendingSets() == 0);
}

TEST_CASE("a duplicate keeps the first copy", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(r.acceptUdh("k", bytes({5, 0, 3, 1, 2, 1, 'A'}), true, 0, kT0));
    REQUIRE_FALSE(r.acceptUdh("k", bytes({5, 0, 3, 1, 2, 1, 'Z'}), true, 0, kT0));
    REQUIRE(
        r.acceptUdh("k", bytes({5, 0, 3, 1, 2, 2, 'B'}), true, 0, kT0)->payload == bytesOf("AB"));
}

TEST_CASE("keys and references keep sets apart", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(feed8(r, "alice|33600|33700", 1, 2, 1));
    REQUIRE_FALSE(feed8(r, "bob|33600|33700", 1, 2, 2));
    REQUIRE_FALSE(feed8(r, "alice|33600|33700", 2, 2, 2));
    REQUIRE(r.pendingSets() == 3);
    REQUIRE(feed8(r, "alice|33600|33700", 1, 2, 2)->payload == bytesOf("12"));
    REQUIRE(r.pendingSets() == 2);
}

TEST_CASE("16-bit references", "[text][reassembly]")
{
    Reassembler r;
    const auto p1 = bytes({0x06, 0x08, 0x04, 0xAB, 0xCD, 0x02, 0x01, 0x00, 0x48});
    const auto p2 = bytes({0x06, 0x08, 0x04, 0xAB, 0xCD, 0x02, 0x02, 0x00, 0x69});
    const auto other = bytes({0x06, 0x08, 0x04, 0xAB, 0xCE, 0x02, 0x01, 0x00, 0x21});
    REQUIRE_FALSE(r.acceptUdh("k", p2, true, 0x08, kT0));
    REQUIRE_FALSE(r.acceptUdh("k", other, true, 0x08, kT0));
    const auto done = r.acceptUdh("k", p1, true, 0x08, kT0);
    REQUIRE(done == Reassembled{bytes({0x00, 0x48, 0x00, 0x69}), 0x08, 2});
    REQUIRE(r.pendingSets() == 1);
}

TEST_CASE("SAR TLV parts", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(r.acceptSar("k", 0x0102, 3, 2, bytesOf("lo "), 0x00, kT0));
    REQUIRE_FALSE(r.acceptSar("k", 0x0102, 3, 3, bytesOf("world"), 0x00, kT0));
    REQUIRE_FALSE(r.acceptSar("k", 0x0102, 3, 3, bytesOf("WORLD"), 0x00, kT0));
    const auto done = r.acceptSar("k", 0x0102, 3, 1, bytesOf("hel"), 0x00, kT0);
    REQUIRE(done == Reassembled{bytesOf("hello world"), 0x00, 3});
    SECTION("out-of-range SAR values are standalone")
    {
        REQUIRE(r.acceptSar("k", 9, 0, 1, bytesOf("a"), 0, kT0) == Reassembled{bytesOf("a"), 0, 1});
        REQUIRE(r.acceptSar("k", 9, 2, 0, bytesOf("b"), 0, kT0) == Reassembled{bytesOf("b"), 0, 1});
        REQUIRE(r.acceptSar("k", 9, 2, 3, bytesOf("c"), 0, kT0) == Reassembled{bytesOf("c"), 0, 1});
        REQUIRE(r.acceptSar("k", 9, 1, 1, bytesOf("d"), 0, kT0) == Reassembled{bytesOf("d"), 0, 1});
        REQUIRE(r.pendingSets() == 0);
    }
}

TEST_CASE("messages that are not parts pass through", "[text][reassembly]")
{
    Reassembler r;
    SECTION("no UDHI: the octets as they are")
    {
        const auto sm = bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x01, 0x41});
        REQUIRE(r.acceptUdh("k", sm, false, 0x00, kT0) == Reassembled{sm, 0x00, 1});
    }
    SECTION("TT = 0 or SS out of range: standalone, UDH stripped")
    {
        const auto sm = GENERATE(bytes({0x05, 0x00, 0x03, 0x01, 0x00, 0x01, 0x41}),
            bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x03, 0x41}),
            bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x00, 0x41}),
            bytes({0x05, 0x00, 0x03, 0x01, 0x01, 0x01, 0x41}));
        REQUIRE(r.acceptUdh("k", sm, true, 0x00, kT0) == Reassembled{bytes({0x41}), 0x00, 1});
    }
    SECTION("UDH without concat IE: body only")
    {
        const auto sm = bytes({0x06, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x41});
        REQUIRE(r.acceptUdh("k", sm, true, 0x04, kT0) == Reassembled{bytes({0x41}), 0x04, 1});
    }
    SECTION("UDHL beyond the message: octets as they are")
    {
        const auto sm = bytes({0x09, 0x00, 0x03});
        REQUIRE(r.acceptUdh("k", sm, true, 0x00, kT0) == Reassembled{sm, 0x00, 1});
    }
    REQUIRE(r.pendingSets() == 0);
}

TEST_CASE("a different total with the same reference starts a new set", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(feed8(r, "k", 1, 3, 1));
    REQUIRE_FALSE(feed8(r, "k", 1, 2, 2));
    REQUIRE(r.pendingSets() == 1);
    REQUIRE(feed8(r, "k", 1, 2, 1)->payload == bytesOf("12"));
}

TEST_CASE("the first part's data_coding is reported", "[text][reassembly]")
{
    Reassembler r;
    REQUIRE_FALSE(r.acceptUdh("k", part8(1, 2, 2), true, 0x08, kT0));
    REQUIRE(r.acceptUdh("k", part8(1, 2, 1), true, 0x00, kT0)->data_coding == 0x08);
}

TEST_CASE("eviction is driven by the injected time", "[text][reassembly]")
{
    using std::chrono::minutes;
    Reassembler r;
    REQUIRE_FALSE(r.acceptUdh("k", part8(1, 2, 1), true, 0, kT0));
    REQUIRE_FALSE(r.acceptUdh("k", part8(2, 2, 1), true, 0, kT0 + minutes(5)));
    REQUIRE(r.evictOlderThan(kT0) == 0);
    REQUIRE(r.evictOlderThan(kT0 + minutes(1)) == 1);
    REQUIRE(r.pendingSets() == 1);
    // the evicted set's last part now starts a new, incomplete set
    REQUIRE_FALSE(r.acceptUdh("k", part8(1, 2, 2), true, 0, kT0 + minutes(6)));
    REQUIRE(r.acceptUdh("k", part8(2, 2, 2), true, 0, kT0 + minutes(6))->payload == bytesOf("12"));
    REQUIRE(r.evictOlderThan(kT0 + minutes(60)) == 1);
    REQUIRE(r.pendingSets() == 0);
}

TEST_CASE("the pending-set cap drops the oldest set", "[text][reassembly]")
{
    using std::chrono::seconds;
    Reassembler r(2);
    REQUIRE_FALSE(r.acceptUdh("a", part8(1, 2, 1), true, 0, kT0 + seconds(2)));
    REQUIRE_FALSE(r.acceptUdh("b", part8(1, 2, 1), true, 0, kT0 + seconds(1)));
    REQUIRE_FALSE(r.acceptUdh("c", part8(1, 2, 1), true, 0, kT0 + seconds(3)));
    REQUIRE(r.pendingSets() == 2);
    REQUIRE(r.acceptUdh("a", part8(1, 2, 2), true, 0, kT0)->payload == bytesOf("12"));
    REQUIRE_FALSE(r.acceptUdh("b", part8(1, 2, 2), true, 0, kT0)); // "b" was dropped
}
