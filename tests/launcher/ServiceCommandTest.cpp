#include "launcher/ServiceCommand.h"

#include <catch2/catch.hpp>

#include <iterator>
#include <string>
#include <vector>

using launcher::ServiceCommand;
using Action = ServiceCommand::Action;
using Startup = ServiceCommand::Startup;

TEST_CASE("no leftover arguments: no service command", "[launcher][service]")
{
    const auto command = ServiceCommand::parse({});
    REQUIRE(command.error.empty());
    REQUIRE(command.action == Action::None);
}

TEST_CASE(
    "/registerService with a display name, description and automatic start", "[launcher][service]")
{
    const auto command = ServiceCommand::parse({"/registerService",
        "/displayName=smppd SMPP server",
        "/description=\"SMPP 3.4 server\"",
        "/startup=auto"});
    INFO(command.error);
    REQUIRE(command.error.empty());
    REQUIRE(command.action == Action::Register);
    REQUIRE(command.display_name == "smppd SMPP server");
    REQUIRE(command.description == "SMPP 3.4 server");
    REQUIRE(command.startup == Startup::Auto);
}

TEST_CASE("service options are case-insensitive and take Poco's ':' form", "[launcher][service]")
{
    const auto command =
        ServiceCommand::parse({"/REGISTERSERVICE", "/startup:Automatic", "/displayname:x"});
    REQUIRE(command.error.empty());
    REQUIRE(command.action == Action::Register);
    REQUIRE(command.startup == Startup::Auto);
    REQUIRE(command.display_name == "x");
    REQUIRE(ServiceCommand::parse({"/registerService"}).startup == Startup::Manual);
    REQUIRE(ServiceCommand::parse({"/unregisterService"}).action == Action::Unregister);
}

TEST_CASE("bad service command lines are usage errors", "[launcher][service]")
{
    const auto bad = GENERATE(as<std::vector<std::string>>{},
        std::vector<std::string>{"stray"},
        std::vector<std::string>{"/etc/smppd.config"},
        std::vector<std::string>{"/registerService", "/startup=sometimes"},
        std::vector<std::string>{"/registerService", "/startup"},
        std::vector<std::string>{"/registerService=yes"},
        std::vector<std::string>{"/registerService", "/unregisterService"},
        std::vector<std::string>{"/unregisterService", "/displayName=x"},
        std::vector<std::string>{"/startup=auto"});
    CAPTURE(bad);
    REQUIRE_FALSE(ServiceCommand::parse(bad).error.empty());
}

TEST_CASE(
    "the service recovery plan: 5 s, 5 s, 30 s, reset after a day, flag off", "[launcher][service]")
{
    using launcher::ServiceRecovery;
    using namespace std::chrono_literals;
    REQUIRE(std::size(ServiceRecovery::kRestartDelays) == 3);
    REQUIRE(ServiceRecovery::kRestartDelays[0] == 5s);
    REQUIRE(ServiceRecovery::kRestartDelays[1] == 5s);
    REQUIRE(ServiceRecovery::kRestartDelays[2] == 30s);
    REQUIRE(ServiceRecovery::kResetPeriod == 24h);
    // Off: a clean stop with exit 64 (config error) must not be restarted by the SCM.
    REQUIRE_FALSE(ServiceRecovery::kFailureActionsOnNonCrashFailures);
}
