#include "smppd/routing/ReceiverTable.h"

#include "RoutingFakes.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

using smppd::ReceiverTable;
using smppd::test::FakeSink;

std::vector<const smppd::DeliverySink*> sinksOf(const ReceiverTable::Order& order)
{
    std::vector<const smppd::DeliverySink*> out;
    for (const auto& receiver : order) {
        out.push_back(receiver->sink.get());
    }
    return out;
}

struct Table {
    ReceiverTable table{Poco::Logger::get("test.receivers")};
    std::shared_ptr<FakeSink> bind(const std::string& account, const std::string& range = "")
    {
        auto sink = std::make_shared<FakeSink>();
        table.attach(sink, smppd::ReceiverInfo{account, 0x34, range});
        return sink;
    }
};

} // namespace

TEST_CASE("receivers take turns, each order starting one further", "[routing]")
{
    Table t;
    const auto a = t.bind("esme");
    const auto b = t.bind("esme");
    const auto c = t.bind("esme");
    ReceiverTable::Order order;
    REQUIRE(t.table.pickOrder("esme", nullptr, false, order));
    CHECK(sinksOf(order) == std::vector<const smppd::DeliverySink*>{a.get(), b.get(), c.get()});
    REQUIRE(t.table.pickOrder("esme", nullptr, false, order));
    CHECK(sinksOf(order) == std::vector<const smppd::DeliverySink*>{b.get(), c.get(), a.get()});
    REQUIRE(t.table.pickOrder("esme", nullptr, false, order));
    CHECK(sinksOf(order).front() == c.get());
    CHECK_FALSE(t.table.pickOrder("other", nullptr, false, order));
    CHECK(t.table.size() == 3);
}

TEST_CASE("a destination goes to the receivers whose range matches it", "[routing]")
{
    Table t;
    const auto any = t.bind("esme");
    const auto french = t.bind("esme", "^33");
    const std::string paris = "33612345678";
    const std::string london = "447700900123";
    ReceiverTable::Order order;
    REQUIRE(t.table.pickOrder("esme", &paris, true, order));
    CHECK(sinksOf(order) == std::vector<const smppd::DeliverySink*>{french.get()});
    SECTION("no range matches: every receiver, unless the message was routed by range")
    {
        REQUIRE(t.table.pickOrder("esme", &london, false, order));
        CHECK(order.size() == 2);
        CHECK_FALSE(t.table.pickOrder("esme", &london, true, order));
    }
    SECTION("route(): the first-bound receiver whose range matches names the account")
    {
        t.bind("late", "^336");
        CHECK(t.table.accountByRange(paris) == "esme");
        CHECK(t.table.accountByRange(london) == std::nullopt);
    }
}

TEST_CASE("a detached receiver leaves the table and is marked for orders taken before", "[routing]")
{
    Table t;
    const auto a = t.bind("esme", "^33");
    const auto b = t.bind("esme");
    ReceiverTable::Order before;
    REQUIRE(t.table.pickOrder("esme", nullptr, false, before));
    CHECK(t.table.detach(*a) == "esme");
    CHECK(before.front()->detached); // the order taken before still holds it: skip it
    CHECK(t.table.accountByRange("33612345678") == std::nullopt);
    CHECK(t.table.detach(*a) == std::nullopt); // once only
    CHECK(t.table.hasReceivers("esme"));
    CHECK(t.table.detach(*b) == "esme");
    CHECK_FALSE(t.table.hasReceivers("esme"));
    CHECK(t.table.size() == 0);
}

TEST_CASE("a range that does not compile is logged and takes any destination", "[routing]")
{
    Table t;
    const auto broken = t.bind("esme", "([");
    const std::string dest = "33612345678";
    ReceiverTable::Order order;
    CHECK(t.table.accountByRange(dest) == std::nullopt);
    REQUIRE(t.table.pickOrder("esme", &dest, false, order));
    CHECK(sinksOf(order) == std::vector<const smppd::DeliverySink*>{broken.get()});
}
