#include "smppd/jobs/Jobs.h"

#include "smppd/jobs/JobScheduler.h"
#include "smppd/store/SqliteMessageStore.h"
#include "tests/smppd/routing/RoutingFakes.h"
#include "tests/support/CapturingChannel.h"
#include "tests/support/TempDir.h"

#include <Poco/AutoPtr.h>
#include <Poco/LocalDateTime.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>
#include <catch2/catch.hpp>

#include <ctime>
#include <memory>
#include <set>

using namespace std::chrono_literals;
using smpp::MessageState;
using smppd::Message;
using smppd::ReceiptState;
using smppd::ReceiverInfo;
using smppd::StoreResult;

namespace {

/// Store + router + jobs on a fake clock.
struct Fixture {
    smppd::test::FakeClock clock;
    std::unique_ptr<smppd::SqliteMessageStore> store;
    std::unique_ptr<smppd::Router> router;
    std::unique_ptr<smppd::Jobs> jobs;
    int memory_releases = 0;
    std::size_t held_receipts = 100000; ///< RouterOptions::max_held_receipts_per_account

    explicit Fixture(const std::string& path = ":memory:") { open(path); }
    ~Fixture() { close(); }

    void open(const std::string& path)
    {
        store = std::make_unique<smppd::SqliteMessageStore>(
            smppd::SqliteStoreOptions{.path = path, .max_queue = 1000, .sync_full = true});
        smppd::RouterOptions options;
        options.accounts = {"esme1", "esme2"};
        options.default_validity = 1h;
        options.max_held_receipts_per_account = held_receipts;
        router = std::make_unique<smppd::Router>(*store, options, clock.wallClock());
        smppd::JobOptions job_options;
        job_options.retention = std::chrono::days(7);
        job_options.purge_chunk = 2;
        job_options.memory_interval = 5s;
        job_options.burst_operations = 3;
        job_options.receipt_page = 2;
        jobs = std::make_unique<smppd::Jobs>(
            *store, *router, job_options, [this] { ++memory_releases; });
    }
    void close()
    {
        if (store) {
            store->close();
        }
        jobs.reset();
        router.reset();
        store.reset();
    }
    void settle()
    {
        for (int i = 0; i < 4; ++i) {
            store->flush();
        }
    }
    std::int64_t submit(Message m)
    {
        std::int64_t id = 0;
        router->submit(std::move(m), [&](const StoreResult& r) { id = r.id; });
        settle();
        return id;
    }
};

Message toEsme2(std::uint8_t registered_delivery)
{
    Message m;
    m.origin = "esme1";
    m.source_addr = "111";
    m.destination_addr = "esme2";
    m.registered_delivery = registered_delivery;
    m.payload = "hi";
    return m;
}

/// Submits `count` messages asking for a receipt to the simulated handset (delivered at once),
/// then restarts store, router and jobs on `path` with room for `room` held receipts: the
/// receipts are Pending in the store, and none is held yet.
void restartWithPendingReceipts(Fixture& f, const std::string& path, int count, std::size_t room)
{
    for (int i = 0; i < count; ++i) {
        Message m = toEsme2(1);
        m.destination_addr = "4912345";
        f.submit(m);
    }
    f.close();
    f.held_receipts = room;
    f.open(path);
}

/// Binds a receiver of esme1 with room for `window` unanswered deliveries, then acknowledges
/// the `window` receipts it gets (and lets the store commit that).
std::shared_ptr<smppd::test::FakeSink> receiveAndAcknowledge(Fixture& f, std::size_t window)
{
    auto origin = std::make_shared<smppd::test::FakeSink>(window);
    f.router->attach(origin, ReceiverInfo{"esme1", 0x34, ""});
    f.settle();
    const auto items = origin->items();
    REQUIRE(items.size() == window);
    for (const auto& item : items) {
        origin->answered();
        f.router->onDeliveryResponse(item.delivery_id, smpp::CommandStatus{0});
    }
    f.settle();
    return origin;
}

} // namespace

TEST_CASE("expiry pass: past validity -> EXPIRED and a receipt, no delivery afterwards", "[jobs]")
{
    Fixture f;
    auto origin = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(origin, ReceiverInfo{"esme1", 0x34, ""});
    auto m = toEsme2(1);
    m.expiry_time = f.clock.now + 10min; // the submit's validity_period
    const auto id = f.submit(m);
    const auto lasting = f.submit(toEsme2(1)); // default validity: 1 h
    f.jobs->expiryPass(f.clock.now + 9min);
    f.settle();
    CHECK(f.store->find(id)->state == MessageState::Enroute);
    f.jobs->expiryPass(f.clock.now + 10min);
    f.settle();
    CHECK(f.store->find(id)->state == MessageState::Expired);
    CHECK(f.store->find(lasting)->state == MessageState::Enroute);
    REQUIRE(origin->items().size() == 1);
    CHECK(origin->items()[0].pdu.short_message.find("stat:EXPIRED") != std::string::npos);
    auto rx = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(rx, ReceiverInfo{"esme2", 0x34, ""});
    f.settle();
    REQUIRE(rx->items().size() == 1);
    CHECK(rx->items()[0].message_id == lasting);
}

TEST_CASE("purge pass deletes final messages older than the retention, in chunks", "[jobs]")
{
    Fixture f;
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(f.submit(toEsme2(0)));
    }
    for (int i = 0; i < 3; ++i) {
        f.router->cancel(ids[static_cast<std::size_t>(i)], {});
    }
    f.settle();
    CHECK(f.jobs->purgePass(f.clock.now + 6 * 24h) == 0);
    CHECK(f.jobs->purgePass(f.clock.now + 7 * 24h + 1s) == 3); // chunks of 2: 2 + 1
    CHECK_FALSE(f.store->find(ids[0]));
    CHECK(f.store->find(ids[3])); // not final: kept
}

TEST_CASE("a purge pass logs one purge_done line with its count, not one per message", "[jobs]")
{
    Poco::AutoPtr<smppd::test::CapturingChannel> channel(new smppd::test::CapturingChannel);
    auto& logger = Poco::Logger::get("smppd.jobs");
    logger.setChannel(channel);
    logger.setLevel(Poco::Message::PRIO_INFORMATION);
    Fixture f;
    for (int i = 0; i < 3; ++i) {
        f.router->cancel(f.submit(toEsme2(0)), {});
    }
    f.settle();
    REQUIRE(f.jobs->purgePass(f.clock.now + 7 * 24h + 1s) == 3); // two chunks: 2 + 1
    logger.setChannel(nullptr);
    const auto lines = channel->lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines.front().rfind("6 event=purge_done purged=3 cutoff=", 0) == 0); // 6 = info
}

TEST_CASE("the purge runs at Purge.Messages.Hour local time", "[jobs]")
{
    Fixture f;
    const auto now = std::chrono::system_clock::now();
    const auto next = f.jobs->nextPurgeTime(now);
    CHECK(next > now);
    CHECK(next <= now + 25h);
    // Poco's local calendar time, as Jobs.cpp uses (localtime_r is POSIX only).
    const Poco::LocalDateTime local(
        Poco::Timestamp::fromEpochTime(std::chrono::system_clock::to_time_t(next)));
    CHECK(local.hour() == 1);
    CHECK(local.minute() == 0);
    CHECK(f.jobs->nextPurgeTime(next) > next + 22h);
}

TEST_CASE("runDue: status reports and retries happen on their periods", "[jobs]")
{
    Fixture f;
    const auto id = f.submit(toEsme2(0));
    auto rx = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(rx, ReceiverInfo{"esme2", 0x34, ""});
    f.settle();
    REQUIRE(rx->items().size() == 1);
    rx->answered();
    f.router->onDeliveryResponse(
        rx->items()[0].delivery_id, smpp::CommandStatus{0x58}); // retry after 1 s
    f.settle();
    f.jobs->runDue(f.clock.now);
    f.settle();
    CHECK(rx->items().size() == 1);
    f.clock.now += 1s;
    f.jobs->runDue(f.clock.now);
    f.settle();
    REQUIRE(rx->items().size() == 2);
    CHECK(rx->items()[1].message_id == id);
}

TEST_CASE("memory is given back once, in the first quiet interval after a burst", "[jobs]")
{
    Fixture f;
    f.jobs->runDue(f.clock.now); // first pass: nothing committed, nothing to give back
    CHECK(f.memory_releases == 0);

    for (int i = 0; i < 3; ++i) { // a burst: 3 store operations (burst_operations) or more
        f.submit(toEsme2(0));
    }
    f.clock.now += 5s;
    f.jobs->runDue(f.clock.now);
    CHECK(f.memory_releases == 0); // not while the traffic needs the allocator

    f.clock.now += 4s;
    f.jobs->runDue(f.clock.now); // not yet the next memory pass
    CHECK(f.memory_releases == 0);
    f.clock.now += 1s;
    f.jobs->runDue(f.clock.now); // quiet interval after the burst
    CHECK(f.memory_releases == 1);

    f.clock.now += 5s;
    f.jobs->runDue(f.clock.now); // still quiet: already given back
    CHECK(f.memory_releases == 1);

    f.submit(toEsme2(0)); // light traffic is no burst
    f.clock.now += 5s;
    f.jobs->runDue(f.clock.now);
    f.clock.now += 5s;
    f.jobs->runDue(f.clock.now);
    CHECK(f.memory_releases == 1);
}

TEST_CASE("on start, unfinished messages and pending receipts are resumed from the store", "[jobs]")
{
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    Fixture f(path);
    const auto queued = f.submit(toEsme2(1));
    const auto delivered = f.submit(toEsme2(1));
    auto rx = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(rx, ReceiverInfo{"esme2", 0x34, ""});
    f.settle();
    REQUIRE(rx->items().size() == 2);
    f.router->onDeliveryResponse(
        rx->items()[1].delivery_id, smpp::CommandStatus{0}); // receipt due, esme1 not bound
    f.settle();
    CHECK(f.store->find(delivered)->receipt == ReceiptState::Pending);
    f.close(); // "crash" with one message in flight and one receipt pending

    f.open(path);
    f.jobs->resume();
    auto origin = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(origin, ReceiverInfo{"esme1", 0x34, ""});
    auto rx2 = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(rx2, ReceiverInfo{"esme2", 0x34, ""});
    f.settle();
    REQUIRE(rx2->items().size() == 1);
    CHECK(rx2->items()[0].message_id == queued);
    REQUIRE(origin->items().size() == 1);
    CHECK(origin->items()[0].message_id == delivered);
    f.router->onDeliveryResponse(origin->items()[0].delivery_id, smpp::CommandStatus{0});
    f.settle();
    CHECK(f.store->find(delivered)->receipt == ReceiptState::Sent);
}

TEST_CASE("the status-report pass reads the pending receipts a page at a time", "[jobs]")
{
    // 5 pending receipts over pages of 2 (2, 2, 1), read by a router that has not seen them (as
    // after a restart): each goes out once, however many passes run.
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    Fixture f(path);
    std::set<std::int64_t> submitted;
    for (int i = 0; i < 5; ++i) {
        Message m = toEsme2(1);
        m.destination_addr = "4912345"; // the simulated handset: delivered at once
        submitted.insert(f.submit(m));
    }
    f.close();
    f.open(path);
    f.jobs->statusReportPass(); // unknown to the router: whole rows read, receipts queued
    f.jobs->statusReportPass(); // held by the router: ids read only, nothing queued again
    auto origin = std::make_shared<smppd::test::FakeSink>();
    f.router->attach(origin, ReceiverInfo{"esme1", 0x34, ""});
    f.settle();
    std::multiset<std::int64_t> sent;
    for (const auto& item : origin->items()) {
        sent.insert(item.message_id);
    }
    CHECK(sent == std::multiset<std::int64_t>(submitted.begin(), submitted.end()));
}

TEST_CASE("receipts left in the store for want of room come back as the account drains", "[jobs]")
{
    // Restarted with 5 pending receipts and room for 2: the pass stops at the first refusal;
    // each time the receiver has drained half, runDue runs the pass again at once.
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    Fixture f(path);
    restartWithPendingReceipts(f, path, 5, 2);
    f.jobs->runDue(f.clock.now); // the first status-report pass
    CHECK(f.router->counters().queued == 2);
    auto origin = std::make_shared<smppd::test::FakeSink>(1);
    f.router->attach(origin, ReceiverInfo{"esme1", 0x34, ""});
    std::size_t answered = 0;
    for (int round = 0; round < 20 && answered < 5; ++round) {
        f.settle();
        const auto items = origin->items();
        for (; answered < items.size(); ++answered) {
            origin->answered();
            f.router->onDeliveryResponse(items[answered].delivery_id, smpp::CommandStatus{0});
        }
        f.settle();
        f.jobs->runDue(f.clock.now); // not the period: only a pass the router asked for
    }
    std::multiset<std::int64_t> sent;
    for (const auto& item : origin->items()) {
        sent.insert(item.message_id);
    }
    CHECK(sent.size() == 5);
    CHECK(std::set<std::int64_t>(sent.begin(), sent.end()).size() == 5);
}

TEST_CASE("the status-report pass counts every pending receipt, held in memory or not", "[jobs]")
{
    // 5 pending receipts, room for 2, pages of 2: the pass stops resuming at the second page
    // but counts on to the last.
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    Fixture f(path);
    restartWithPendingReceipts(f, path, 5, 2);
    f.jobs->statusReportPass();
    CHECK(f.router->counters().queued == 2);
    CHECK(f.jobs->pendingReceiptsInStore() == 5);

    receiveAndAcknowledge(f, 2); // Delivered in the store
    f.jobs->statusReportPass();
    CHECK(f.jobs->pendingReceiptsInStore() == 3);
}

TEST_CASE(
    "a status-report pass due on its period also answers the router's request for one", "[jobs]")
{
    // 4 pending receipts, room for 2: once the receiver has drained them, the router asks for
    // a pass. When the period is due at the same tick, that one pass answers the request
    // (before, the request stayed and ran a second pass a tick later).
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    Fixture f(path);
    restartWithPendingReceipts(f, path, 4, 2);
    f.jobs->runDue(f.clock.now); // the first status-report pass: 2 receipts held
    const auto origin = receiveAndAcknowledge(f, 2); // drained: the router has asked for a pass

    f.clock.now += 10s; // Job.StatusReport.Interval
    f.jobs->runDue(f.clock.now);
    f.settle();
    CHECK(origin->items().size() == 4); // the pass brought the other 2
    CHECK_FALSE(f.router->takeReceiptPassRequest());
}

TEST_CASE("the scheduler thread starts and stops", "[jobs]")
{
    Fixture f;
    smppd::JobScheduler scheduler(*f.jobs, 1ms, f.clock.wallClock());
    scheduler.start();
    scheduler.stop();
    scheduler.stop(); // idempotent
}
