#include "smppd/bridge/ReplyQueue.h"

#include <catch2/catch.hpp>

TEST_CASE("replies come out in request order whatever the completion order", "[bridge]")
{
    smppd::ReplyQueue queue;
    const auto a = queue.reserve();
    const auto b = queue.reserve();
    queue.push("c");
    REQUIRE(queue.takeReady().empty());
    queue.fill(b, "b");
    REQUIRE(queue.takeReady().empty());
    queue.fill(a, "a");
    REQUIRE(queue.takeReady() == "a\nb\nc\n");
    REQUIRE(queue.size() == 0);
    const auto d = queue.reserve();
    REQUIRE(d == 3);
    queue.fill(d, "d");
    queue.fill(a, "stale"); // already taken: ignored
    REQUIRE(queue.takeReady() == "d\n");
}

TEST_CASE("the ready callback runs when the front reply is filled, not before", "[bridge]")
{
    smppd::ReplyQueue queue;
    int calls = 0;
    queue.setOnReady([&] { ++calls; });
    const auto a = queue.reserve();
    const auto b = queue.reserve();
    queue.fill(b, "b");
    REQUIRE(calls == 0); // "b" waits behind "a": nothing new for takeReady()
    queue.fill(a, "a");
    REQUIRE(calls == 1);
    REQUIRE(queue.takeReady() == "a\nb\n");
    queue.push("c");
    REQUIRE(calls == 2);
}
