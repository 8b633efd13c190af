#include "launcher/ChildExit.h"

#include <catch2/catch.hpp>

using launcher::ChildExit;

TEST_CASE("wait status decodes exit codes and signals", "[launcher]")
{
    REQUIRE(ChildExit::fromWaitStatus(0) == ChildExit{ChildExit::Kind::Exited, 0});
    REQUIRE(ChildExit::fromWaitStatus(64) == ChildExit{ChildExit::Kind::Exited, 64});
    REQUIRE(ChildExit::fromWaitStatus(255) == ChildExit{ChildExit::Kind::Exited, 255});
#ifndef _WIN32
    // Poco reports a signal death as 256 + signal.
    REQUIRE(ChildExit::fromWaitStatus(256 + 9) == ChildExit{ChildExit::Kind::Signaled, 9});
    REQUIRE(ChildExit::fromWaitStatus(256 + 15) == ChildExit{ChildExit::Kind::Signaled, 15});
#endif
}

TEST_CASE("exits describe themselves for the log", "[launcher]")
{
    REQUIRE(ChildExit{ChildExit::Kind::Exited, 69}.describe() == "code=69");
    REQUIRE(ChildExit{ChildExit::Kind::Hung, 0}.describe() == "exit=hung");
    REQUIRE(ChildExit{ChildExit::Kind::LaunchFailed, 0}.describe() == "exit=launch-failed");
#ifndef _WIN32
    REQUIRE(ChildExit{ChildExit::Kind::Signaled, 9}.describe() == "signal=9 signal_name=SIGKILL");
    REQUIRE(ChildExit{ChildExit::Kind::Signaled, 11}.describe() == "signal=11 signal_name=SIGSEGV");
    REQUIRE(ChildExit{ChildExit::Kind::Signaled, 63}.describe() == "signal=63 signal_name=?");
#endif
}
