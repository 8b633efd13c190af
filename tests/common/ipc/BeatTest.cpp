#include "common/ipc/Beat.h"

#include <catch2/catch.hpp>

using ipc::Beat;

TEST_CASE("a beat has the documented wire form and round-trips", "[ipc]")
{
    const Beat beat{.pid = 1234, .uptime = 37, .sessions = 2, .queued = 15};
    const auto line = ipc::formatBeat(beat);
    REQUIRE(line == "beat pid=1234 uptime=37 sessions=2 queued=15\n");
    REQUIRE(ipc::parseBeat(std::string_view(line).substr(0, line.size() - 1)) == beat);
}

TEST_CASE("beat parsing is tolerant where it should be", "[ipc]")
{
    REQUIRE(ipc::parseBeat("beat uptime=1 pid=7\r") == Beat{.pid = 7, .uptime = 1});
    REQUIRE(ipc::parseBeat("beat pid=7 uptime=1 cpu=3 sessions=4")
        == Beat{.pid = 7, .uptime = 1, .sessions = 4});
    REQUIRE(ipc::parseBeat("beat  pid=7   uptime=1 ") == Beat{.pid = 7, .uptime = 1});
}

TEST_CASE("malformed beats are rejected", "[ipc]")
{
    const std::string line = GENERATE(as<std::string>{},
        "",
        "beat",
        "beat pid=1",
        "beat uptime=1",
        "beet pid=1 uptime=1",
        "beat pid=x uptime=1",
        "beat pid=-1 uptime=1",
        "beat pid=1 uptime=1 sessions=",
        "beat pid=1 uptime=1 =3",
        "beat pid=1 uptime=1 junk",
        "beat pid=99999999999999999999 uptime=1");
    REQUIRE_FALSE(ipc::parseBeat(line).has_value());
}
