#include "smppd/hermes/PartCollector.h"

#include <catch2/catch.hpp>

namespace {

using Clock = std::chrono::steady_clock;

smppd::Message part(std::int64_t id, std::uint8_t seq, std::uint8_t total, std::uint16_t ref = 7)
{
    smppd::Message m;
    m.id = id;
    m.origin = "esme";
    m.source_addr = "111";
    m.destination_addr = "222";
    m.concat = smppd::ConcatInfo{.ref = ref, .total = total, .seq = seq};
    return m;
}

int calls = 0;
smppd::Forwarder::Completion counting()
{
    return [](const smppd::ForwardOutcome&) { ++calls; };
}

} // namespace

TEST_CASE("a message without concat is a complete group at once", "[hermes]")
{
    smppd::PartCollector collector;
    smppd::Message m;
    m.id = 5;
    const auto group = collector.add(m, counting(), Clock::now());
    REQUIRE(group);
    REQUIRE(group->complete);
    REQUIRE(group->parts.size() == 1);
    REQUIRE(group->completions.size() == 1);
    REQUIRE(collector.pendingGroups() == 0);
}

TEST_CASE("parts in any order complete one group, sorted by seq", "[hermes]")
{
    smppd::PartCollector collector;
    const auto now = Clock::now();
    REQUIRE_FALSE(collector.add(part(12, 3, 3), counting(), now));
    REQUIRE_FALSE(collector.add(part(10, 1, 3), counting(), now));
    REQUIRE_FALSE(collector.add(part(10, 1, 3), counting(), now)); // duplicate seq
    REQUIRE(collector.pendingGroups() == 1);
    const auto group = collector.add(part(11, 2, 3), counting(), now);
    REQUIRE(group);
    REQUIRE(group->complete);
    REQUIRE(group->parts.size() == 3);
    REQUIRE(group->parts[0].id == 10);
    REQUIRE(group->parts[1].id == 11);
    REQUIRE(group->parts[2].id == 12);
    REQUIRE(group->completions.size() == 4); // the duplicate's completion is answered too
    REQUIRE(collector.pendingGroups() == 0);
}

TEST_CASE("different references or addresses are different groups", "[hermes]")
{
    smppd::PartCollector collector;
    const auto now = Clock::now();
    REQUIRE_FALSE(collector.add(part(1, 1, 2, 7), counting(), now));
    REQUIRE_FALSE(collector.add(part(2, 2, 2, 8), counting(), now));
    auto other = part(3, 2, 2, 7);
    other.destination_addr = "333";
    REQUIRE_FALSE(collector.add(other, counting(), now));
    REQUIRE(collector.pendingGroups() == 3);
}

TEST_CASE("incomplete groups are released after the hold time", "[hermes]")
{
    smppd::PartCollector collector;
    const auto t0 = Clock::now();
    REQUIRE_FALSE(collector.add(part(1, 1, 3, 1), counting(), t0));
    REQUIRE_FALSE(collector.add(part(4, 1, 2, 2), counting(), t0 + std::chrono::seconds(10)));
    REQUIRE(collector.takeOlderThan(t0).empty());
    const auto old = collector.takeOlderThan(t0 + std::chrono::seconds(5));
    REQUIRE(old.size() == 1);
    REQUIRE_FALSE(old[0].complete);
    REQUIRE(old[0].parts.size() == 1);
    REQUIRE(collector.pendingGroups() == 1);
    REQUIRE(collector.takeAll().size() == 1);
    REQUIRE(collector.pendingGroups() == 0);
}
