#include "smppd/hermes/HermesPusher.h"

#include "tests/support/CapturingChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace {

using Kind = smppd::ForwardOutcome::Kind;
using namespace std::chrono_literals;

/// Shared state of the fake Hermes: what was posted, what to answer, an optional gate.
struct FakeHermes {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<smppd::HermesPush> posted;
    int status = 200;
    bool gate_open = true;
    int in_flight = 0;
    int max_in_flight = 0;
    std::vector<std::size_t> batches; ///< sizes of the postAll() calls

    void open()
    {
        {
            const std::lock_guard lock(mutex);
            gate_open = true;
        }
        changed.notify_all();
    }
};

class FakeClient : public smppd::HermesClient {
public:
    explicit FakeClient(FakeHermes& hermes) : hermes_(hermes) { }
    smppd::HttpAttempt post(const smppd::HermesPush& push) override
    {
        std::unique_lock lock(hermes_.mutex);
        ++hermes_.in_flight;
        hermes_.max_in_flight = std::max(hermes_.max_in_flight, hermes_.in_flight);
        hermes_.changed.notify_all();
        hermes_.changed.wait(lock, [&] { return hermes_.gate_open; });
        --hermes_.in_flight;
        hermes_.posted.push_back(push);
        return {hermes_.status, ""};
    }

    std::vector<smppd::HttpAttempt> postAll(const std::vector<smppd::HermesPush>& pushes) override
    {
        {
            const std::lock_guard lock(hermes_.mutex);
            hermes_.batches.push_back(pushes.size());
        }
        return HermesClient::postAll(pushes);
    }

private:
    FakeHermes& hermes_;
};

/// Collects outcomes; wait() blocks (bounded) until `n` arrived.
struct Outcomes {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<smppd::ForwardOutcome> got;

    smppd::Forwarder::Completion completion()
    {
        return [this](const smppd::ForwardOutcome& o) {
            const std::lock_guard lock(mutex);
            got.push_back(o);
            changed.notify_all();
        };
    }
    std::size_t wait(std::size_t n)
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return got.size() >= n; });
        return got.size();
    }
};

smppd::Message message(std::int64_t id, std::string text)
{
    smppd::Message m;
    m.id = id;
    m.origin = "admin";
    m.source_addr = "336";
    m.destination_addr = "3361";
    m.data_coding = 1;
    m.payload = std::move(text);
    return m;
}

smppd::HermesSettings settings(std::uint32_t concurrency)
{
    smppd::HermesSettings s;
    s.url = "http://127.0.0.1:9/unused";
    s.concurrency = concurrency;
    return s;
}

smppd::HermesPusher::ClientFactory factory(FakeHermes& hermes)
{
    return [&hermes] { return std::make_unique<FakeClient>(hermes); };
}

} // namespace

TEST_CASE("each forward is one post and one outcome", "[hermes]")
{
    FakeHermes hermes;
    Outcomes outcomes;
    smppd::HermesPusher pusher(settings(2), smppd::MessageIdFormat::Decimal, factory(hermes));
    pusher.start();
    const int status = GENERATE(200, 400, 503);
    hermes.status = status;
    for (int i = 1; i <= 20; ++i) {
        pusher.forward(message(i, "hello"), outcomes.completion());
    }
    REQUIRE(outcomes.wait(20) == 20);
    const Kind expected = status == 200 ? Kind::Delivered
        : status == 400                 ? Kind::Failed
                                        : Kind::Retry;
    for (const auto& o : outcomes.got) {
        REQUIRE(o.kind == expected);
        REQUIRE(o.error_code == status);
    }
    pusher.stop();
    REQUIRE(hermes.posted.size() == 20);
    REQUIRE(pusher.counters().posts == 20);
}

TEST_CASE("pushes run in parallel up to Hermes.Concurrency and forward never waits", "[hermes]")
{
    FakeHermes hermes;
    hermes.gate_open = false;
    Outcomes outcomes;
    smppd::HermesPusher pusher(settings(4), smppd::MessageIdFormat::Decimal, factory(hermes));
    pusher.start();
    for (int i = 1; i <= 100; ++i) {
        pusher.forward(message(i, "x"), outcomes.completion()); // returns although Hermes hangs
    }
    {
        std::unique_lock lock(hermes.mutex);
        hermes.changed.wait_for(lock, 10s, [&] { return hermes.in_flight == 4; });
        REQUIRE(hermes.in_flight == 4);
    }
    REQUIRE(pusher.counters().queued <= 96); // each worker holds a share of the backlog
    hermes.open();
    REQUIRE(outcomes.wait(100) == 100);
    REQUIRE(hermes.max_in_flight == 4);
}

TEST_CASE("the parts of a long message make one push and every part gets the outcome", "[hermes]")
{
    FakeHermes hermes;
    Outcomes outcomes;
    smppd::HermesPusher pusher(settings(2), smppd::MessageIdFormat::Decimal, factory(hermes));
    pusher.start();
    auto p1 = message(30, std::string("\x05\x00\x03\x09\x02\x01Hello ", 12));
    auto p2 = message(31, std::string("\x05\x00\x03\x09\x02\x02world", 11));
    p1.esm_class = p2.esm_class = 0x40;
    p1.concat = smppd::ConcatInfo{.ref = 9, .total = 2, .seq = 1};
    p2.concat = smppd::ConcatInfo{.ref = 9, .total = 2, .seq = 2};
    pusher.forward(p2, outcomes.completion());
    pusher.forward(p1, outcomes.completion());
    REQUIRE(outcomes.wait(2) == 2);
    pusher.stop();
    REQUIRE(hermes.posted.size() == 1);
    REQUIRE(hermes.posted[0].text == "Hello world");
    REQUIRE(hermes.posted[0].id == "30");
    REQUIRE(hermes.posted[0].parts == 2);
}

TEST_CASE("stop answers what is still queued with Retry", "[hermes]")
{
    FakeHermes hermes;
    Outcomes outcomes;
    smppd::HermesPusher pusher(settings(1), smppd::MessageIdFormat::Decimal, factory(hermes));
    // not started: everything stays queued
    pusher.forward(message(1, "a"), outcomes.completion());
    auto part = message(2, "b");
    part.concat = smppd::ConcatInfo{.ref = 1, .total = 2, .seq = 1};
    pusher.forward(part, outcomes.completion());
    pusher.stop();
    REQUIRE(outcomes.got.size() == 2);
    REQUIRE(outcomes.got[0].kind == Kind::Retry);
    REQUIRE(outcomes.got[1].kind == Kind::Retry);
    REQUIRE(hermes.posted.empty());
}

TEST_CASE("a backlog is shared between the workers and pipelined, at most 32 a batch", "[hermes]")
{
    FakeHermes hermes;
    hermes.gate_open = false;
    Outcomes outcomes;
    smppd::HermesPusher pusher(settings(2), smppd::MessageIdFormat::Decimal, factory(hermes));
    pusher.start();
    pusher.forward(message(1, "first"), outcomes.completion()); // these two occupy both workers
    pusher.forward(message(2, "second"), outcomes.completion());
    {
        std::unique_lock lock(hermes.mutex);
        hermes.changed.wait_for(lock, 10s, [&] { return hermes.in_flight == 2; });
    }
    for (int i = 3; i <= 202; ++i) {
        pusher.forward(message(i, "x"), outcomes.completion());
    }
    hermes.open();
    REQUIRE(outcomes.wait(202) == 202);
    pusher.stop();
    REQUIRE(hermes.posted.size() == 202);
    const auto largest = *std::max_element(hermes.batches.begin(), hermes.batches.end());
    REQUIRE(largest > 1);
    REQUIRE(largest <= 32);
    std::size_t total = 0;
    for (const auto size : hermes.batches) {
        total += size;
    }
    REQUIRE(total == 202);
}

namespace {

/// Keeps the text of every message logged to it.

} // namespace

TEST_CASE("Hermes.TlsVerify=false is logged as a warning at start", "[hermes]")
{
    Poco::AutoPtr<smppd::test::CapturingChannel> channel(new smppd::test::CapturingChannel);
    auto& logger = Poco::Logger::get("smppd.hermes");
    logger.setChannel(channel);
    logger.setLevel(Poco::Message::PRIO_INFORMATION);
    FakeHermes hermes;
    auto s = settings(1);
    const bool verify = GENERATE(true, false);
    s.tls_verify = verify;
    {
        smppd::HermesPusher pusher(s, smppd::MessageIdFormat::Decimal, factory(hermes));
        pusher.start();
    }
    const auto lines = channel->lines();
    const auto warned = std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l.rfind("4 event=hermes_tls_verify_off ", 0) == 0; // PRIO_WARNING = 4
    });
    REQUIRE(warned == (verify ? 0 : 1));
    logger.setChannel(nullptr);
}

TEST_CASE("after stop, forward answers Retry at once", "[hermes]")
{
    FakeHermes hermes;
    Outcomes outcomes;
    smppd::HermesPusher pusher(settings(1), smppd::MessageIdFormat::Decimal, factory(hermes));
    pusher.start();
    pusher.stop();
    pusher.forward(message(1, "late"), outcomes.completion());
    REQUIRE(outcomes.got.size() == 1);
    REQUIRE(outcomes.got[0].kind == Kind::Retry);
    REQUIRE(hermes.posted.empty());
}
