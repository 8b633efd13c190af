#include "smppd/support/SupportCommands.h"

#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <sstream>

using smppd::support::runSupportCommand;
using smppd::support::SupportArgs;

namespace {

int run(const SupportArgs& args, const std::string& config, std::string* err = nullptr)
{
    std::ostringstream out;
    std::ostringstream errors;
    const int rc = runSupportCommand(args, config, out, errors);
    if (err != nullptr) {
        *err = errors.str();
    }
    return rc;
}

const char* const kConfig = R"(<?xml version="1.0" encoding="utf-8"?>
<configuration><appSettings>
  <add key="Store.Path" value="data/smppd.db"/>
  <add key="Log.Directory" value="logs"/>
</appSettings></configuration>
)";

} // namespace

TEST_CASE("support commands take the store and logs of the config", "[support]")
{
    smppd::test::TempDir dir;
    const auto config = dir.write("smppd.config", kConfig);
    std::string err;
    CHECK(run(SupportArgs{.trace = "5"}, config, &err) == 1);
    CHECK_THAT(err, Catch::Contains("message 5 not found in "));
    CHECK_THAT(err, Catch::Contains("smppd.db or the logs in "));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "data")); // nothing created
    CHECK_FALSE(std::filesystem::exists(dir.path() / "logs"));
}

TEST_CASE("support commands exit 64 on a bad config or a misuse, in one line", "[support]")
{
    smppd::test::TempDir dir;
    const auto config = dir.write("smppd.config", kConfig);
    std::string err;
    CHECK(run(SupportArgs{.trace = "5"}, dir.file("missing.config"), &err) == 64);
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    CHECK(run(SupportArgs{.trace = "5", .find_address = "336"}, config, &err) == 64);
    CHECK(run(SupportArgs{.trace = "5", .since = "2026-12-06"}, config, &err) == 64);
    CHECK_THAT(err, Catch::Contains("--find-address"));
}

TEST_CASE("support options are recognised by name", "[support]")
{
    SupportArgs args;
    CHECK_FALSE(args.any());
    CHECK(args.take("find-address", "336"));
    CHECK(args.take("limit", "5"));
    CHECK_FALSE(args.take("config", "x"));
    CHECK(args.any());
    CHECK(args.find_address == "336");
    CHECK(args.limit == "5");
}
