#include "smppd/bridge/RouterBridgeBackend.h"

#include "smppd/store/SqliteMessageStore.h"
#include "tests/smppd/routing/RoutingFakes.h"

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

TEST_CASE("a bridge send becomes a GSM or UCS-2 message for the account", "[bridge]")
{
    const smppd::BridgeSend gsm{
        "33612345678", "+33698765432", "Votre RDV est confirmé", "r1", "", ""};
    const auto m = smppd::bridgeMessage(gsm, "admin");
    REQUIRE(m.origin == "bridge");
    REQUIRE(m.target == smppd::RouteTarget{smppd::TargetKind::Account, "admin"});
    REQUIRE(m.source_addr == "33612345678");
    REQUIRE(m.source_addr_ton == 0);
    REQUIRE(m.source_addr_npi == 1);
    REQUIRE(m.destination_addr == "33698765432");
    REQUIRE(m.dest_addr_ton == 1);
    REQUIRE(m.data_coding == 0);
    REQUIRE(m.payload.size() == 22); // é is in the GSM basic table
    REQUIRE(m.campaign == "33612345678");
    REQUIRE(m.bridge_ref == "r1");
    REQUIRE(m.registered_delivery == 0);

    const smppd::BridgeSend ucs2{"SHOP", "0612", "Привет", "", "", ""};
    const auto u = smppd::bridgeMessage(ucs2, "acme");
    REQUIRE(u.data_coding == 8);
    REQUIRE(u.payload.size() == 12);
    REQUIRE(u.source_addr_ton == 5);
    REQUIRE(u.source_addr_npi == 0);
    REQUIRE(u.dest_addr_ton == 0);
}

namespace {

using namespace std::chrono_literals;

smppd::Account account(std::string system_id, std::string range = "")
{
    smppd::Account a;
    a.system_id = std::move(system_id);
    a.password = "pw";
    a.address_range = std::move(range);
    return a;
}

/// The backend over a real Router on an in-memory store, a receiver bound for every account.
struct BackendFixture {
    explicit BackendFixture(std::vector<smppd::Account> accounts) : accounts_(std::move(accounts))
    {
        smppd::RouterOptions options;
        options.mode = smppd::Mode::Vocalcom;
        for (const auto& a : accounts_) {
            options.accounts.push_back(a.system_id);
        }
        router = std::make_unique<smppd::Router>(store, options, clock.wallClock());
        backend = std::make_unique<smppd::RouterBridgeBackend>(
            *router, accounts_, smppd::MessageIdFormat::Decimal);
        for (const auto& a : accounts_) {
            sinks[a.system_id] = std::make_shared<smppd::test::FakeSink>();
            router->attach(sinks[a.system_id], smppd::ReceiverInfo{a.system_id, 0x34, ""});
        }
    }
    ~BackendFixture() { store.close(); } // completions still reference the router

    /// Submits one send; the reply once committed (or refused).
    smppd::BridgeBackend::Result send(const std::string& campaign, const std::string& to_account)
    {
        smppd::BridgeBackend::Result out;
        backend->submit(
            smppd::BridgeSend{campaign, "33698765432", "hello", "ref-1", to_account, ""},
            [&out](const smppd::BridgeBackend::Result& r) { out = r; });
        for (int i = 0; i < 4; ++i) {
            store.flush();
        }
        return out;
    }

    /// The source_addr of every deliver_sm each account's receiver got.
    std::map<std::string, std::vector<std::string>> delivered()
    {
        std::map<std::string, std::vector<std::string>> out;
        for (auto& [id, sink] : sinks) {
            for (const auto& item : sink->items()) {
                out[id].push_back(item.pdu.source_addr);
            }
        }
        return out;
    }

    std::vector<smppd::Account> accounts_;
    smppd::test::FakeClock clock;
    smppd::SqliteMessageStore store{
        smppd::SqliteStoreOptions{.path = ":memory:", .max_queue = 1000, .sync_full = true}};
    std::unique_ptr<smppd::Router> router;
    std::unique_ptr<smppd::RouterBridgeBackend> backend;
    std::map<std::string, std::shared_ptr<smppd::test::FakeSink>> sinks;
};

using Delivered = std::map<std::string, std::vector<std::string>>;

} // namespace

TEST_CASE("a bridge send goes to the account whose addressRange matches its campaign",
    "[bridge][campaign]")
{
    BackendFixture f({account("acme", "^3361"), account("globex", "^3362")});
    REQUIRE(f.send("33620000001", "").ok);
    REQUIRE(f.send("+33610000002", "").ok); // matched without its '+', as source_addr
    REQUIRE(f.send("33620000003", "").ok);
    CHECK(f.delivered()
        == Delivered{{"acme", {"33610000002"}}, {"globex", {"33620000001", "33620000003"}}});

    SECTION("a send naming its account goes there, whatever the campaign")
    {
        REQUIRE(f.send("33620000004", "acme").ok);
        CHECK(f.delivered().at("acme").back() == "33620000004");
    }
    SECTION("a campaign no range matches is refused and not stored")
    {
        const auto before = f.store.counters();
        const auto refused = f.send("44712345678", "");
        CHECK_FALSE(refused.ok);
        CHECK(refused.error
            == smppd::BridgeError{
                "invalid_argument", "no account's addressRange matches campaign '44712345678'"});
        CHECK(f.store.counters().inserts == before.inserts);
        CHECK(f.delivered().size() == 2);
    }
    SECTION("an unknown account is still refused")
    {
        const auto refused = f.send("33620000004", "initech");
        CHECK(refused.error == smppd::BridgeError{"invalid_argument", "unknown account 'initech'"});
    }
}

TEST_CASE(
    "an account without addressRange takes the campaigns no range claims", "[bridge][campaign]")
{
    SECTION("the single Authentication.* account: every campaign, as before")
    {
        BackendFixture f({account("admin")});
        REQUIRE(f.send("33612345678", "").ok);
        REQUIRE(f.send("SHOP", "").ok);
        CHECK(f.delivered() == Delivered{{"admin", {"33612345678", "SHOP"}}});
    }
    SECTION("a default account placed last")
    {
        BackendFixture f({account("acme", "^3361"), account("fallback")});
        REQUIRE(f.send("33612345678", "").ok);
        REQUIRE(f.send("44712345678", "").ok);
        CHECK(f.delivered() == Delivered{{"acme", {"33612345678"}}, {"fallback", {"44712345678"}}});
    }
}
