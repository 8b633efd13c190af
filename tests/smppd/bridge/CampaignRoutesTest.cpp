#include "smppd/bridge/CampaignRoutes.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

smppd::Account account(std::string system_id, std::string range = "")
{
    smppd::Account a;
    a.system_id = std::move(system_id);
    a.password = "pw";
    a.address_range = std::move(range);
    return a;
}

} // namespace

TEST_CASE("the first account in file order whose addressRange matches owns the campaign",
    "[bridge][campaign]")
{
    const smppd::CampaignRoutes routes({account("acme", "^3361"),
        account("globex", "^336"),
        account("initech", "^(3362|3363)"),
        account("shop", "^SHOP$")});
    const auto [number, owner] = GENERATE(table<std::string, std::optional<std::string>>({
        {"33612345678", "acme"}, // both acme and globex match: file order decides
        {"33698765432", "globex"},
        {"33620000000", "globex"}, // globex comes before initech
        {"SHOP", "shop"},
        {"SHOPPING", std::nullopt},
        {"44712345678", std::nullopt}, // no range matches: no owner
        {"", std::nullopt},
    }));
    CAPTURE(number);
    CHECK(routes.owner(number) == owner);
}

TEST_CASE("a range is searched, as a bind's address_range: unanchored it matches anywhere",
    "[bridge][campaign]")
{
    const smppd::CampaignRoutes routes({account("acme", "1234")});
    CHECK(routes.owner("33612345678") == "acme");
    CHECK(routes.owner("1234") == "acme");
    CHECK(routes.owner("33698765432") == std::nullopt);
}

TEST_CASE("an account without addressRange owns every campaign number", "[bridge][campaign]")
{
    SECTION("the single account of Authentication.*: every campaign, as before ranges existed")
    {
        const smppd::CampaignRoutes routes({account("admin")});
        for (const char* number : {"33612345678", "SHOP", "1", ""}) {
            CHECK(routes.owner(number) == "admin");
        }
    }
    SECTION("an accounts file without ranges: the first account, as before ranges existed")
    {
        const smppd::CampaignRoutes routes({account("esme1"), account("esme2")});
        CHECK(routes.owner("33612345678") == "esme1");
    }
    SECTION("placed last, it is the default of the accounts with ranges")
    {
        const smppd::CampaignRoutes routes(
            {account("acme", "^3361"), account("globex", "^3362"), account("fallback")});
        CHECK(routes.owner("33612345678") == "acme");
        CHECK(routes.owner("33620000000") == "globex");
        CHECK(routes.owner("44712345678") == "fallback");
    }
    SECTION("placed first, it takes everything: the ranges after it are never used")
    {
        const smppd::CampaignRoutes routes({account("fallback"), account("acme", "^3361")});
        CHECK(routes.owner("33612345678") == "fallback");
    }
}

TEST_CASE("contains() knows the configured accounts only", "[bridge][campaign]")
{
    const smppd::CampaignRoutes routes({account("acme", "^3361"), account("globex")});
    CHECK(routes.contains("acme"));
    CHECK(routes.contains("globex"));
    CHECK_FALSE(routes.contains("initech"));
    CHECK_FALSE(routes.contains(""));
}

TEST_CASE("a range that does not compile is a ConfigError naming the account", "[bridge][campaign]")
{
    try {
        smppd::CampaignRoutes routes({account("acme", "^(336")});
        FAIL("no error");
    } catch (const smppd::ConfigError& e) {
        CHECK(std::string(e.what()).find("account 'acme' addressRange='^(336' is not valid")
            != std::string::npos);
    }
}
