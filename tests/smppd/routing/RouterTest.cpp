#include "smppd/routing/Router.h"

#include "smppd/store/SqliteMessageStore.h"
#include "tests/smppd/routing/RoutingFakes.h"
#include "tests/support/ManualLoop.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using smpp::MessageState;
using smppd::Message;
using smppd::OutboundItem;
using smppd::OutboundKind;
using smppd::ReceiptState;
using smppd::ReceiverInfo;
using smppd::StoreResult;
using smppd::TargetKind;
using smppd::test::FakeSink;

namespace {

constexpr std::uint32_t kOk = 0x00;
constexpr std::uint32_t kThrottled = 0x58;
constexpr std::uint32_t kRejectApp = 0x66;

/// A router on an in-memory store with a fake clock; accounts esme1, esme2, esme3. The test's
/// thread is the loop, as smppd's event loop is the Router's one thread: the store's answers
/// run on it, in settle().
struct Fixture {
    smppd::test::FakeClock clock;
    smppd::test::ManualLoop loop;
    smppd::SqliteStoreOptions store_options{
        .path = ":memory:", .max_queue = 10000, .sync_full = true, .answer_on = loop.poster()};
    smppd::SqliteMessageStore store{store_options};
    smppd::RouterOptions options = [] {
        smppd::RouterOptions o;
        o.accounts = {"esme1", "esme2", "esme3"};
        o.min_backoff = 5s;
        o.max_backoff = 60s;
        return o;
    }();
    std::unique_ptr<smppd::Router> router;

    explicit Fixture(smppd::Mode mode = smppd::Mode::Opportunity)
    {
        options.mode = mode;
        router = std::make_unique<smppd::Router>(store, options, clock.wallClock());
    }
    ~Fixture()
    {
        try {
            settle(); // the answers still reference the router; close() waits for them
        } catch (const std::exception&) {
            // a test that failed left work that never ends: close() will say so by hanging
        }
        store.close();
    }

    /// Runs the loop until every chain of commit -> answer -> new write has run to its end.
    void settle()
    {
        loop.runUntil([this] { return store.answeredAll(); });
    }

    std::shared_ptr<FakeSink> bind(const std::string& system_id,
        std::uint8_t version = 0x34,
        const std::string& range = "",
        std::size_t window = 10)
    {
        auto sink = std::make_shared<FakeSink>(window);
        router->attach(sink, ReceiverInfo{system_id, version, range});
        settle();
        return sink;
    }

    std::int64_t submit(Message m)
    {
        // The completion runs on the store's thread and Catch 2 is not thread-safe: it only
        // records, the assertion runs here after settle().
        std::optional<StoreResult> result;
        router->submit(std::move(m), [&](const StoreResult& r) { result = r; });
        settle();
        REQUIRE(result);
        REQUIRE(result->ok());
        return result->id;
    }

    void answer(FakeSink& sink, const OutboundItem& item, std::uint32_t status)
    {
        sink.answered();
        router->onDeliveryResponse(item.delivery_id, smpp::CommandStatus{status});
        settle();
    }

    void tick(std::chrono::milliseconds elapsed)
    {
        clock.now += elapsed;
        router->onTick();
        settle();
    }

    /// A handset message from esme1 whose receipt went out to `origin` (not answered yet), and
    /// what a status-report pass reads from the store now (that receipt, still Pending).
    std::pair<std::int64_t, std::vector<Message>> receiptOutAndSnapshot(FakeSink& origin);

    /// A whole status-report pass over `receipts`, as one page.
    void receiptPass(const std::vector<Message>& receipts)
    {
        router->beginReceiptPass();
        router->resumeReceipts(receipts);
        router->endReceiptPass();
    }

    std::vector<Message> pendingReceipts() { return store.pendingReceipts(0, 100000); }
};

Message fromEsme1(const std::string& destination, std::uint8_t registered_delivery = 1)
{
    Message m;
    m.origin = "esme1";
    m.source_addr_ton = 1;
    m.source_addr_npi = 1;
    m.source_addr = "33698765432";
    m.dest_addr_ton = 1;
    m.dest_addr_npi = 1;
    m.destination_addr = destination;
    m.registered_delivery = registered_delivery;
    m.payload = "Hello from esme1, this is a test";
    return m;
}

/// The message ids the items carry, each once.
std::set<std::int64_t> distinctMessageIds(const std::vector<OutboundItem>& items)
{
    std::set<std::int64_t> ids;
    for (const auto& item : items) {
        ids.insert(item.message_id);
    }
    return ids;
}

std::pair<std::int64_t, std::vector<Message>> Fixture::receiptOutAndSnapshot(FakeSink& origin)
{
    const auto id = submit(fromEsme1("4912345"));
    tick(50ms);
    REQUIRE(origin.items().size() == 1);
    auto snapshot = pendingReceipts();
    REQUIRE(snapshot.size() == 1);
    return {id, std::move(snapshot)};
}

} // namespace

TEST_CASE("OPPORTUNITY routing: address_range, then system_id, then the handset", "[routing]")
{
    Fixture f;
    f.bind("esme2", 0x34, "^336");
    CHECK(f.router->route(fromEsme1("33612345678")).account == "esme2");
    CHECK(f.router->route(fromEsme1("33612345678")).kind == TargetKind::Account);
    CHECK(f.router->route(fromEsme1("esme3")) == smppd::RouteTarget{TargetKind::Account, "esme3"});
    CHECK(f.router->route(fromEsme1("4912345")).kind == TargetKind::Handset);
    CHECK(f.router->route(fromEsme1("unknown")).kind == TargetKind::Handset);
    SECTION("a bad address_range regex is ignored")
    {
        f.bind("esme3", 0x34, "([");
        CHECK(f.router->route(fromEsme1("4912345")).kind == TargetKind::Handset);
    }
}

TEST_CASE("OPPORTUNITY routing by address_range: the first receiver bound wins, until it unbinds",
    "[routing]")
{
    Fixture f;
    for (int i = 0; i < 100; ++i) { // receivers without a range take no part in it
        f.bind("bulk", 0x34, "");
    }
    auto first = f.bind("esme2", 0x34, "^336");
    auto second = f.bind("esme3", 0x34, "^33");
    CHECK(f.router->route(fromEsme1("33612345678")).account == "esme2");
    CHECK(f.router->route(fromEsme1("33712345678")).account == "esme3");
    f.router->detach(*first);
    CHECK(f.router->route(fromEsme1("33612345678")).account == "esme3");
    f.router->detach(*second);
    CHECK(f.router->route(fromEsme1("33612345678")).kind == TargetKind::Handset);
}

TEST_CASE("VOCALCOM routes every submit to Hermes", "[routing]")
{
    Fixture f(smppd::Mode::Vocalcom);
    CHECK(f.router->route(fromEsme1("esme2")).kind == TargetKind::Hermes);
}

TEST_CASE("handset delivery: DELIVRD receipt to the origin, after the submit response", "[routing]")
{
    Fixture f;
    auto rx = f.bind("esme1", 0x34);
    std::vector<std::string> events;
    std::int64_t id = 0;
    bool sent_before_response = false; // asserted on the test thread: Catch 2 is not thread-safe
    f.router->submit(fromEsme1("4912345"), [&](const StoreResult& r) {
        events.push_back("submit_sm_resp");
        id = r.id;
        sent_before_response = !rx->items().empty();
    });
    f.settle();
    CHECK_FALSE(sent_before_response); // nothing sent before the response
    CHECK(rx->items().empty()); // the handset answers after handset_delay
    f.tick(50ms);
    const auto items = rx->items();
    REQUIRE(items.size() == 1);
    const auto& receipt = items[0];
    CHECK(receipt.kind == OutboundKind::Receipt);
    CHECK(receipt.message_id == id);
    CHECK(receipt.pdu.esm_class == 0x04);
    CHECK(receipt.pdu.source_addr == "4912345"); // swapped
    CHECK(receipt.pdu.destination_addr == "33698765432");
    CHECK(receipt.pdu.data_coding == 0);
    const std::string text = receipt.pdu.short_message;
    CHECK(text.rfind("id:" + std::to_string(id) + " sub:001 dlvrd:001 submit date:", 0) == 0);
    CHECK(text.find(" stat:DELIVRD err:000 text:Hello from esme1, th") != std::string::npos);
    CHECK(receipt.pdu.tlvs.receipted_message_id == std::to_string(id));
    CHECK(receipt.pdu.tlvs.message_state == 2);
    CHECK_FALSE(receipt.pdu.tlvs.network_error_code);
    CHECK(f.store.find(id)->state == MessageState::Delivered);
    CHECK(f.store.find(id)->receipt == ReceiptState::Pending);
    f.answer(*rx, receipt, kOk);
    CHECK(f.store.find(id)->receipt == ReceiptState::Sent);
    CHECK(f.router->counters().receipts_sent == 1);
}

TEST_CASE(
    "a handset message is committed DELIVERED by its insert: one write, no update", "[routing]")
{
    Fixture f;
    const auto before = f.store.counters().committed;
    const auto id = f.submit(fromEsme1("4912345", 0));
    CHECK(f.store.counters().committed == before + 1);
    const auto stored = f.store.find(id);
    REQUIRE(stored);
    CHECK(stored->state == MessageState::Delivered);
    CHECK(stored->receipt == ReceiptState::None); // registered_delivery 0
    CHECK(stored->attempts == 1);
    CHECK(f.router->counters().delivered == 1);
    SECTION("a scheduled one still waits, then is updated")
    {
        auto m = fromEsme1("4912345", 0);
        m.schedule_time = f.clock.now + 10s;
        const auto later = f.submit(m);
        CHECK(f.store.find(later)->state == MessageState::Enroute);
        f.tick(11s);
        CHECK(f.store.find(later)->state == MessageState::Delivered);
    }
}

TEST_CASE("a receipt to a session bound below 0x34 carries no TLVs", "[routing]")
{
    Fixture f;
    auto rx = f.bind("esme1", 0x33);
    f.submit(fromEsme1("4912345"));
    f.tick(50ms);
    const auto items = rx->items();
    REQUIRE(items.size() == 1);
    CHECK(items[0].pdu.tlvs == smpp::Tlvs{});
    CHECK(items[0].pdu.short_message.find("stat:DELIVRD") != std::string::npos);
}

TEST_CASE("routed messages go round-robin over the receivers of the account", "[routing]")
{
    Fixture f;
    auto a = f.bind("esme2");
    auto b = f.bind("esme2");
    for (int i = 0; i < 4; ++i) {
        f.submit(fromEsme1("esme2", 0));
    }
    const auto to_a = a->items();
    const auto to_b = b->items();
    REQUIRE(to_a.size() == 2);
    REQUIRE(to_b.size() == 2);
    CHECK(to_a[0].message_id < to_b[0].message_id);
    CHECK(to_b[0].message_id < to_a[1].message_id);
    const auto& mo = to_a[0];
    CHECK(mo.kind == OutboundKind::Message);
    CHECK(mo.pdu.source_addr == "33698765432");
    CHECK(mo.pdu.destination_addr == "esme2");
    CHECK(mo.pdu.esm_class == 0x00);
    CHECK(mo.pdu.short_message == "Hello from esme1, this is a test");
}

TEST_CASE(
    "a message routed by address_range goes only to the sessions whose range matches", "[routing]")
{
    Fixture f;
    auto a = f.bind("esme2", 0x34, "^33621");
    auto b = f.bind("esme2", 0x34, "^33622");
    auto b2 = f.bind("esme2", 0x34, "^3362[2-9]");
    for (int i = 0; i < 6; ++i) {
        f.submit(fromEsme1("33622000000", 0));
    }
    CHECK(a->items().empty());
    CHECK(b->items().size() == 3); // round-robin among the matching sessions only
    CHECK(b2->items().size() == 3);
    f.submit(fromEsme1("esme2", 0)); // routed by system_id: any receiver of the account
    CHECK(a->items().size() + b->items().size() + b2->items().size() == 7);
    SECTION("when the matching sessions unbind, their messages wait for the next one that binds")
    {
        f.router->detach(*b); // b and b2 never answered: their messages are requeued
        f.router->detach(*b2);
        for (const auto& item : a->items()) { // only the one routed by system_id may go to a
            CHECK(item.pdu.destination_addr == "esme2");
        }
        CHECK(f.router->counters().queued >= 6);
        auto c = f.bind("esme2", 0x34, "^33622");
        const auto items = c->items();
        REQUIRE(items.size() >= 6);
        for (const auto& item : items) {
            CHECK(item.pdu.destination_addr.rfind("33622", 0) == 0);
            f.answer(*c, item, kOk);
        }
        CHECK(f.store.find(items[0].message_id)->state == MessageState::Delivered);
        CHECK(f.router->counters().queued == 0);
    }
}

TEST_CASE("checklist row 21: queued while no receiver is bound, sent when one binds", "[routing]")
{
    Fixture f;
    const auto id = f.submit(fromEsme1("esme2", 0)); // esme2 has only a TX session: not attached
    CHECK(f.router->counters().queued == 1);
    CHECK(f.store.find(id)->state == MessageState::Enroute);
    auto rx = f.bind("esme2");
    REQUIRE(rx->items().size() == 1);
    CHECK(rx->items()[0].message_id == id);
    CHECK(f.router->counters().queued == 0);
    f.answer(*rx, rx->items()[0], kOk);
    CHECK(f.store.find(id)->state == MessageState::Delivered);
}

TEST_CASE(
    "registered_delivery 0x10: one intermediate notification while the message waits", "[routing]")
{
    Fixture f;
    auto origin = f.bind("esme1");
    SECTION("no receiver is bound: ENROUTE err:000, then the final receipt once delivered")
    {
        const auto id = f.submit(fromEsme1("esme2", 0x11));
        REQUIRE(origin->items().size() == 1);
        const auto note = origin->items()[0];
        CHECK(note.kind == OutboundKind::Notification);
        CHECK(note.message_id == id);
        CHECK(note.pdu.esm_class == 0x20);
        CHECK(note.pdu.source_addr == "esme2"); // swapped, as in a receipt
        CHECK(note.pdu.short_message.find("dlvrd:000") != std::string::npos);
        CHECK(note.pdu.short_message.find("stat:ENROUTE err:000 ") != std::string::npos);
        CHECK(note.pdu.tlvs.message_state == 1);
        CHECK(note.pdu.tlvs.receipted_message_id == std::to_string(id));
        f.answer(*origin, note, kOk);
        CHECK(f.router->counters().notifications_sent == 1);
        CHECK(f.store.find(id)->receipt == ReceiptState::None); // not the final receipt
        auto rx = f.bind("esme2");
        REQUIRE(rx->items().size() == 1);
        f.answer(*rx, rx->items()[0], kOk);
        REQUIRE(origin->items().size() == 2);
        CHECK(origin->items()[1].kind == OutboundKind::Receipt);
        CHECK(origin->items()[1].pdu.esm_class == 0x04);
        f.answer(*origin, origin->items()[1], kOk);
        CHECK(f.store.find(id)->receipt == ReceiptState::Sent);
    }
    SECTION("a transient failure: ENROUTE with the status as err, once however many retries")
    {
        auto rx = f.bind("esme2");
        const auto id = f.submit(fromEsme1("esme2", 0x10));
        REQUIRE(rx->items().size() == 1);
        CHECK(origin->items().empty()); // delivered at once: nothing to tell
        f.answer(*rx, rx->items()[0], kThrottled);
        REQUIRE(origin->items().size() == 1);
        CHECK(origin->items()[0].kind == OutboundKind::Notification);
        CHECK(origin->items()[0].pdu.short_message.find("stat:ENROUTE err:088 ")
            != std::string::npos);
        CHECK(origin->items()[0].pdu.tlvs.network_error_code);
        f.tick(5s);
        REQUIRE(rx->items().size() == 2);
        f.answer(*rx, rx->items()[1], kThrottled);
        f.tick(10s);
        REQUIRE(rx->items().size() == 3);
        f.answer(*rx, rx->items()[2], kOk);
        CHECK(origin->items().size() == 1); // 0x10 alone: no final receipt
        CHECK(f.store.find(id)->state == MessageState::Delivered);
    }
    SECTION("a notification refused or timed out is dropped, never retried")
    {
        f.submit(fromEsme1("esme2", 0x10));
        REQUIRE(origin->items().size() == 1);
        f.answer(*origin, origin->items()[0], kThrottled);
        f.tick(1h);
        CHECK(origin->items().size() == 1);
    }
    SECTION("without bit 4 nothing is sent before the final receipt")
    {
        f.submit(fromEsme1("esme2", 0x01));
        CHECK(origin->items().empty());
    }
}

TEST_CASE("receipts beyond an account's room stay in the store until it has drained", "[routing]")
{
    // A client bound as a transmitter only, asking for receipts: the router holds 4 of its
    // receipts, the others wait in the store; once a receiver drains half, the next pass brings
    // them back. Each goes out exactly once.
    Fixture f;
    f.options.max_held_receipts_per_account = 4;
    f.router = std::make_unique<smppd::Router>(f.store, f.options, f.clock.wallClock());
    constexpr int kCount = 10;
    for (int i = 0; i < kCount; ++i) {
        f.submit(fromEsme1("4912345"));
    }
    f.tick(50ms); // the handset answers: 10 receipts due, nobody to send them to
    CHECK(f.router->counters().queued == 4);
    CHECK(f.router->counters().receipts_held == 4);
    CHECK(f.router->counters().receipts_deferred == 6);
    REQUIRE(f.pendingReceipts().size() == kCount);
    f.router->beginReceiptPass();
    CHECK_FALSE(f.router->resumeReceipts(f.pendingReceipts())); // still no room
    f.router->endReceiptPass();
    CHECK(f.router->counters().queued == 4);
    CHECK_FALSE(f.router->takeReceiptPassRequest());

    auto origin = f.bind("esme1", 0x34, "", 2);
    std::size_t answered = 0;
    for (int round = 0; round < 20 && answered < kCount; ++round) {
        if (f.router->takeReceiptPassRequest()) {
            f.receiptPass(f.pendingReceipts());
        }
        const auto items = origin->items();
        for (; answered < items.size(); ++answered) {
            f.answer(*origin, items[answered], kOk);
        }
    }
    const auto items = origin->items();
    CHECK(items.size() == kCount);
    CHECK(distinctMessageIds(items).size() == kCount);
    CHECK(f.pendingReceipts().empty());
    CHECK(f.router->counters().receipts_held == 0);
}

TEST_CASE("the outbound window bounds what is in flight", "[routing]")
{
    Fixture f;
    auto rx = f.bind("esme2", 0x34, "", 2);
    for (int i = 0; i < 3; ++i) {
        f.submit(fromEsme1("esme2", 0));
    }
    REQUIRE(rx->items().size() == 2);
    CHECK(f.router->counters().in_flight == 2);
    f.answer(*rx, rx->items()[0], kOk); // frees a slot: the third goes out
    CHECK(rx->items().size() == 3);
}

TEST_CASE("a receiver whose window is full is not offered anything", "[routing]")
{
    Fixture f;
    auto full = f.bind("esme2", 0x34, "", 1);
    auto open = f.bind("esme2", 0x34, "", 100);
    f.submit(fromEsme1("esme2", 0)); // round-robin: the first goes to `full`, filling it
    REQUIRE(full->items().size() == 1);
    const auto offers_when_full = full->offers();
    for (int i = 0; i < 5; ++i) {
        f.submit(fromEsme1("esme2", 0));
    }
    CHECK(open->items().size() == 5);
    CHECK(full->offers() == offers_when_full); // no deliver_sm built for a full window
    f.answer(*full, full->items()[0], kOk);
    f.submit(fromEsme1("esme2", 0));
    CHECK(full->items().size() + open->items().size() == 7);
}

TEST_CASE("transient statuses and timeouts retry with backoff and a new delivery id, "
          "0x66 fails for good",
    "[routing]")
{
    Fixture f;
    auto origin = f.bind("esme1");
    auto rx = f.bind("esme2");
    const auto id = f.submit(fromEsme1("esme2", 1));
    REQUIRE(rx->items().size() == 1);
    const auto first = rx->items()[0];
    const std::uint32_t transient = GENERATE(0x08u, 0x14u, 0x58u, 0x64u);
    f.answer(*rx, first, transient);
    CHECK(rx->items().size() == 1); // not before the backoff
    CHECK(f.store.find(id)->attempts == 1);
    CHECK(f.store.find(id)->next_attempt_at == f.clock.now + 5s);
    f.tick(4s);
    CHECK(rx->items().size() == 1);
    f.tick(1s);
    REQUIRE(rx->items().size() == 2);
    const auto second = rx->items()[1];
    CHECK(second.delivery_id != first.delivery_id);
    CHECK(second.pdu == first.pdu);

    SECTION("a timeout retries too, after a doubled backoff")
    {
        rx->answered();
        f.router->onDeliveryTimeout(second.delivery_id);
        f.settle();
        f.tick(9s);
        CHECK(rx->items().size() == 2);
        f.tick(1s);
        CHECK(rx->items().size() == 3);
    }
    SECTION("0x66 is final: UNDELIV receipt with the status as err")
    {
        f.answer(*rx, second, kRejectApp);
        const auto stored = f.store.find(id);
        CHECK(stored->state == MessageState::Undeliverable);
        CHECK(stored->error_code == 0x66);
        const auto receipts = origin->items();
        REQUIRE(receipts.size() == 1);
        CHECK(receipts[0].pdu.short_message.find("stat:UNDELIV err:102") != std::string::npos);
        CHECK(receipts[0].pdu.tlvs.message_state == 5);
        CHECK(receipts[0].pdu.tlvs.network_error_code);
        f.tick(1h);
        CHECK(rx->items().size() == 2); // never again
    }
}

TEST_CASE("registered_delivery 0x02: no receipt on success, UNDELIV on failure", "[routing]")
{
    Fixture f;
    auto origin = f.bind("esme1");
    auto rx = f.bind("esme2");
    f.submit(fromEsme1("esme2", 0x02));
    f.submit(fromEsme1("esme2", 0x02));
    REQUIRE(rx->items().size() == 2);
    f.answer(*rx, rx->items()[0], kOk);
    CHECK(origin->items().empty());
    f.answer(*rx, rx->items()[1], 0x65);
    REQUIRE(origin->items().size() == 1);
    CHECK(origin->items()[0].message_id == rx->items()[1].message_id);
    CHECK(origin->items()[0].pdu.tlvs.message_state == 5);
}

TEST_CASE("an unbind requeues what was in flight to another receiver", "[routing]")
{
    Fixture f;
    auto a = f.bind("esme2");
    const auto id = f.submit(fromEsme1("esme2", 0));
    REQUIRE(a->items().size() == 1);
    auto b = f.bind("esme2");
    CHECK(b->items().empty());
    f.router->detach(*a);
    f.settle();
    REQUIRE(b->items().size() == 1);
    CHECK(b->items()[0].message_id == id);
    f.router->onDeliveryResponse(
        a->items()[0].delivery_id, smpp::CommandStatus{kOk}); // late: ignored
    f.settle();
    CHECK(f.store.find(id)->state == MessageState::Enroute);
    f.answer(*b, b->items()[0], kOk);
    CHECK(f.store.find(id)->state == MessageState::Delivered);
}

TEST_CASE("cancel drops the queued message and sends a DELETED receipt", "[routing]")
{
    Fixture f;
    auto origin = f.bind("esme1");
    const auto id = f.submit(fromEsme1("esme2", 1));
    StoreResult result;
    f.router->cancel(id, [&](const StoreResult& r) { result = r; });
    f.settle();
    CHECK(result.ok());
    REQUIRE(origin->items().size() == 1);
    CHECK(origin->items()[0].pdu.tlvs.message_state == 4);
    auto rx = f.bind("esme2");
    CHECK(rx->items().empty());
    f.router->cancel(id, [&](const StoreResult& r) { result = r; });
    f.settle();
    CHECK(result.status == smppd::StoreStatus::AlreadyFinal);
}

TEST_CASE("replace changes what a queued message delivers", "[routing]")
{
    Fixture f;
    const auto id = f.submit(fromEsme1("esme2", 0));
    StoreResult result;
    f.router->replace(
        {id, "replaced", std::nullopt, std::nullopt, 0}, [&](const StoreResult& r) { result = r; });
    f.settle();
    CHECK(result.ok());
    auto rx = f.bind("esme2");
    REQUIRE(rx->items().size() == 1);
    CHECK(rx->items()[0].pdu.short_message == "replaced");
}

TEST_CASE("a scheduled message waits for its schedule time", "[routing]")
{
    Fixture f;
    auto rx = f.bind("esme2");
    auto m = fromEsme1("esme2", 0);
    m.schedule_time = f.clock.now + 1min;
    f.submit(m);
    CHECK(rx->items().empty());
    f.tick(1min);
    CHECK(rx->items().size() == 1);
}

TEST_CASE(
    "a long bridge text is split with UDH and delivered when every part is acked", "[routing]")
{
    Fixture f;
    auto rx = f.bind("esme2", 0x33);
    Message m;
    m.origin = "bridge";
    m.target = {TargetKind::Account, "esme2"};
    m.source_addr = "33612345678";
    m.destination_addr = "33698765432";
    m.payload = std::string(200, 'a'); // GSM 7-bit: 2 parts of <= 153
    const auto id = f.submit(m);
    const auto items = rx->items();
    REQUIRE(items.size() == 2);
    for (const auto& item : items) {
        CHECK(item.pdu.esm_class == 0x40);
        CHECK(item.pdu.short_message.substr(0, 3) == std::string("\x05\x00\x03", 3));
        CHECK(item.pdu.tlvs == smpp::Tlvs{});
    }
    CHECK(items[0].pdu.short_message.size() == 6 + 153);
    f.answer(*rx, items[0], kOk);
    CHECK(f.store.find(id)->state == MessageState::Enroute);
    f.answer(*rx, items[1], kOk);
    CHECK(f.store.find(id)->state == MessageState::Delivered);
    CHECK(f.router->counters().delivered == 1);
}

TEST_CASE(
    "VOCALCOM: the forwarder's outcome makes the message final, with its receipt", "[routing]")
{
    Fixture f(smppd::Mode::Vocalcom);
    smppd::test::FakeForwarder hermes;
    f.router->setForwarder(&hermes);
    auto origin = f.bind("esme1");
    const auto accepted = f.submit(fromEsme1("33612345678"));
    const auto rejected = f.submit(fromEsme1("33612345678"));
    const auto later = f.submit(fromEsme1("33612345678"));
    auto requests = hermes.take();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].message.id == accepted);
    CHECK(requests[0].message.target.kind == TargetKind::Hermes);
    using Kind = smppd::ForwardOutcome::Kind;
    requests[0].done({Kind::Delivered, MessageState::Delivered, 200});
    requests[1].done({Kind::Failed, MessageState::Rejected, 400});
    requests[2].done({Kind::Retry, MessageState::Enroute, 503});
    f.settle();
    CHECK(f.store.find(accepted)->state == MessageState::Delivered);
    CHECK(f.store.find(rejected)->state == MessageState::Rejected);
    CHECK(f.store.find(rejected)->error_code == 400);
    CHECK(f.store.find(later)->state == MessageState::Enroute);
    const auto receipts = origin->items();
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[0].pdu.short_message.find("stat:DELIVRD err:000") != std::string::npos);
    CHECK(receipts[1].pdu.short_message.find("stat:REJECTD err:400") != std::string::npos);
    f.tick(5s);
    requests = hermes.take();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].message.id == later);
}

TEST_CASE("VOCALCOM: a push to retry sends the intermediate notification asked for", "[routing]")
{
    Fixture f(smppd::Mode::Vocalcom);
    smppd::test::FakeForwarder hermes;
    f.router->setForwarder(&hermes);
    auto origin = f.bind("esme1");
    const auto id = f.submit(fromEsme1("33612345678", 0x11));
    auto requests = hermes.take();
    REQUIRE(requests.size() == 1);
    using Kind = smppd::ForwardOutcome::Kind;
    requests[0].done({Kind::Retry, MessageState::Enroute, 503});
    f.settle();
    REQUIRE(origin->items().size() == 1);
    CHECK(origin->items()[0].kind == OutboundKind::Notification);
    CHECK(origin->items()[0].message_id == id);
    CHECK(origin->items()[0].pdu.short_message.find("stat:ENROUTE err:503") != std::string::npos);
    f.tick(5s);
    requests = hermes.take();
    REQUIRE(requests.size() == 1);
    requests[0].done({Kind::Delivered, MessageState::Delivered, 200});
    f.settle();
    REQUIRE(origin->items().size() == 2);
    CHECK(origin->items()[1].pdu.short_message.find("stat:DELIVRD") != std::string::npos);
}

TEST_CASE("resume hands stored work to the router once", "[routing]")
{
    Fixture f;
    Message m = fromEsme1("esme2", 0);
    m.target = {TargetKind::Account, "esme2"};
    m.submit_time = f.clock.now;
    m.id = 77;
    Message receipt = fromEsme1("4912345", 1);
    receipt.id = 78;
    receipt.state = MessageState::Delivered;
    receipt.done_time = f.clock.now;
    receipt.receipt = ReceiptState::Pending;
    f.router->resume({m});
    f.receiptPass({receipt});
    f.router->resume({m});
    f.receiptPass({receipt}); // the status-report pass: already known
    auto origin = f.bind("esme1");
    auto rx = f.bind("esme2");
    REQUIRE(rx->items().size() == 1);
    CHECK(rx->items()[0].message_id == 77);
    REQUIRE(origin->items().size() == 1);
    CHECK(origin->items()[0].message_id == 78);
}

TEST_CASE(
    "a status-report snapshot taken before a receipt was settled does not resend it", "[routing]")
{
    Fixture f;
    auto origin = f.bind("esme1");
    f.router->beginReceiptPass();
    const auto [id, snapshot] = f.receiptOutAndSnapshot(*origin); // a page of the pass
    origin->answered();
    f.router->onDeliveryResponse(origin->items()[0].delivery_id, smpp::CommandStatus{kOk});
    SECTION("the settle is still being committed")
    {
    }
    SECTION("the settle is committed")
    {
        f.settle();
    }
    f.router->resumeReceipts(snapshot);
    f.router->endReceiptPass();
    f.settle();
    f.receiptPass(f.pendingReceipts()); // the next pass
    f.settle();
    CHECK(origin->items().size() == 1);
    CHECK(f.store.find(id)->receipt == ReceiptState::Sent);
    CHECK(f.pendingReceipts().empty());
}

TEST_CASE(
    "a receipt settled between a status-report page's read and its hand-over is not sent again",
    "[routing]")
{
    // On the Router's one thread the settle's answer runs between two of the pass's steps,
    // never inside one: the page was read (off the loop) before the commit, and handed over
    // after it, together with a receipt the Router has not seen.
    Fixture f;
    auto origin = f.bind("esme1");
    f.router->beginReceiptPass();
    auto [receipt_id, snapshot] = f.receiptOutAndSnapshot(*origin);
    const std::int64_t id = receipt_id;
    Message unknown = snapshot.front(); // a receipt the router has not seen, read before it
    unknown.id = id - 1;
    snapshot.insert(snapshot.begin(), unknown);
    origin->answered();
    f.router->onDeliveryResponse(
        origin->items()[0].delivery_id, smpp::CommandStatus{kOk}); // queues markReceipt(Sent)
    f.settle(); // its answer runs: the receipt is settled
    f.router->resumeReceipts(snapshot);
    f.router->endReceiptPass();
    f.settle();

    const auto items = origin->items();
    CHECK(std::count_if(items.begin(), items.end(), [&](const OutboundItem& item) {
        return item.message_id == id;
    }) == 1);
    CHECK(std::count_if(items.begin(), items.end(), [&](const OutboundItem& item) {
        return item.message_id == id - 1;
    }) == 1);
    CHECK(f.store.find(id)->receipt == ReceiptState::Sent);
}

TEST_CASE(
    "a status-report pass longer than one lock's chunk queues every receipt once", "[routing]")
{
    // 1500 receipts: two chunks of the pass (1024 a lock), read by a router that has not seen them
    // (as after a restart), and sent once the client's receiver binds.
    Fixture f;
    constexpr int kCount = 1500;
    for (int i = 0; i < kCount; ++i) {
        f.router->submit(fromEsme1("4912345"), {});
    }
    f.settle();
    f.tick(50ms); // the handset delivers: every receipt is Pending, no receiver is bound
    f.router = std::make_unique<smppd::Router>(f.store, f.options, f.clock.wallClock());
    const auto pending = f.pendingReceipts();
    REQUIRE(pending.size() == kCount);
    f.receiptPass(pending);
    f.receiptPass(pending); // a second pass over the same snapshot adds nothing
    auto origin = f.bind("esme1", 0x34, "", 2 * kCount);
    const auto items = origin->items();
    CHECK(items.size() == kCount);
    CHECK(distinctMessageIds(items).size() == kCount);
}

TEST_CASE(
    "a message no deliver_sm can carry fails at once instead of blocking the queue", "[routing]")
{
    Fixture f;
    auto origin = f.bind("esme1");
    auto rx = f.bind("esme2");
    Message huge;
    huge.origin = "bridge";
    huge.target = {TargetKind::Account, "esme2"};
    huge.destination_addr = "33698765432";
    huge.payload = std::string(153 * 256, 'a'); // 256 parts: over the 255 limit
    const auto bad = f.submit(huge);
    const auto good = f.submit(fromEsme1("esme2", 0));
    CHECK(f.store.find(bad)->state == MessageState::Undeliverable);
    CHECK(f.store.find(bad)->error_code == 0x01);
    REQUIRE(rx->items().size() == 1);
    CHECK(rx->items()[0].message_id == good);
}

TEST_CASE("a full destination queue refuses the submit with QueueFull", "[routing]")
{
    Fixture f;
    f.options.max_queued_per_account = 2;
    f.router = std::make_unique<smppd::Router>(f.store, f.options, f.clock.wallClock());
    f.submit(fromEsme1("esme2", 0));
    const auto second = f.submit(fromEsme1("esme2", 0));
    StoreResult refused;
    CHECK(f.router->submit(fromEsme1("esme2", 0), [&](const StoreResult& r) { refused = r; }) == 0);
    CHECK(refused.status == smppd::StoreStatus::QueueFull);
    CHECK(f.router->submit(fromEsme1("4912345", 0), {}) > 0); // the handset is not limited
    f.router->cancel(second, {});
    f.settle();
    CHECK(f.submit(fromEsme1("esme2", 0)) > 0); // room again
}

TEST_CASE(
    "Message.HandsetDelay, MaxQueuedPerAccount and MaxHeldReceiptsPerAccount reach the router",
    "[routing][config]")
{
    const auto defaults = smppd::routerOptionsFrom(smppd::parseSettings("<appSettings/>", "/b"));
    CHECK(defaults.handset_delay == 50ms);
    CHECK(defaults.max_queued_per_account == 500000);
    CHECK(defaults.max_held_receipts_per_account == 100000);
    const auto mapped = smppd::routerOptionsFrom(
        smppd::parseSettings("<appSettings>"
                             "<add key=\"Message.HandsetDelay\" value=\"200\"/>"
                             "<add key=\"Message.MaxQueuedPerAccount\" value=\"1\"/>"
                             "<add key=\"Message.MaxHeldReceiptsPerAccount\" value=\"3\"/>"
                             "</appSettings>",
            "/b"));
    REQUIRE(mapped.handset_delay == 200ms);
    REQUIRE(mapped.max_queued_per_account == 1);
    CHECK(mapped.max_held_receipts_per_account == 3);

    Fixture f;
    f.options.handset_delay = mapped.handset_delay;
    f.options.max_queued_per_account = mapped.max_queued_per_account;
    f.router = std::make_unique<smppd::Router>(f.store, f.options, f.clock.wallClock());
    auto rx = f.bind("esme1", 0x34);

    SECTION("the simulated handset answers after HandsetDelay")
    {
        f.submit(fromEsme1("4912345"));
        f.tick(199ms);
        CHECK(rx->items().empty());
        f.tick(1ms);
        REQUIRE(rx->items().size() == 1);
        CHECK(rx->items()[0].kind == OutboundKind::Receipt);
    }
    SECTION("the second message for an unbound account is refused QueueFull")
    {
        f.submit(fromEsme1("esme2", 0));
        StoreResult refused;
        CHECK(f.router->submit(fromEsme1("esme2", 0), [&](const StoreResult& r) { refused = r; })
            == 0);
        CHECK(refused.status == smppd::StoreStatus::QueueFull);
    }
}
