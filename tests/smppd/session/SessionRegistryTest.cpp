#include "smppd/session/SessionRegistry.h"

#include <catch2/catch.hpp>

using namespace smppd;

TEST_CASE("SessionRegistry counts sessions per account", "[registry]")
{
    SessionRegistry r;
    CHECK(r.tryAcquire("a", 2));
    CHECK(r.tryAcquire("a", 2));
    CHECK_FALSE(r.tryAcquire("a", 2));
    CHECK(r.tryAcquire("b", 1));
    CHECK(r.total() == 3);
    r.release("a");
    CHECK(r.count("a") == 1);
    CHECK(r.tryAcquire("a", 2));
    r.release("zzz");
    CHECK(r.total() == 3);
}
