#include "common/platform/ThreadName.h"

#include <catch2/catch.hpp>

#include <pthread.h>
#include <string>
#include <thread>

namespace {

/// The name the operating system reports for a new thread that named itself `name`.
std::string nameSeenBy(const char* name)
{
    std::string seen;
    std::thread thread([&] {
        smpp::platform::nameCurrentThread(name);
        char buffer[64] = {};
        REQUIRE(pthread_getname_np(pthread_self(), buffer, sizeof(buffer)) == 0);
        seen = buffer;
    });
    thread.join();
    return seen;
}

} // namespace

TEST_CASE("a thread's name is what ps and top show, cut to 15 characters", "[platform]")
{
    CHECK(nameSeenBy("store-writer") == "store-writer");
    CHECK(nameSeenBy("a-name-longer-than-15") == "a-name-longer-t"); // refused whole by Linux
}
