// End-to-end throughput of the OPPORTUNITY path (not a ctest: run by hand):
//   submit -> commit -> submit "response" -> simulated handset -> DELIVERED commit ->
//   receipt deliver_sm -> deliver_sm_resp -> receipt Sent commit.
//   smppd_router_bench [messages=100000] [window=1000] [db path]
// As in smppd, one event loop owns the Router: the store answers on it, the receiver answers
// each deliver_sm from it, and `window` submits are kept in flight from it.
#include "smppd/net/LoopThread.h"
#include "smppd/routing/Router.h"
#include "smppd/store/SqliteMessageStore.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

namespace {

/// An RX session that answers every deliver_sm with ESME_ROK, after the offer (on the loop).
class EchoSink : public smppd::DeliverySink {
public:
    EchoSink(smppd::Router& router, smppd::EventLoop& loop) : router_(router), loop_(loop) { }

    bool offer(const smppd::OutboundItem& item) override
    {
        loop_.post([this, id = item.delivery_id] {
            router_.onDeliveryResponse(id, smpp::CommandStatus{0});
        });
        return true;
    }

private:
    smppd::Router& router_;
    smppd::EventLoop& loop_;
};

smppd::Message sample()
{
    smppd::Message m;
    m.origin = "esme1";
    m.source_addr = "33698765432";
    m.destination_addr = "33612345678";
    m.registered_delivery = 1;
    m.payload = "Bonjour, votre rendez-vous est confirme pour demain 10h00.";
    return m;
}

/// Keeps `window` submits in flight until `total` were made (on the loop).
struct Feeder {
    smppd::Router& router;
    int total;
    int submitted = 0;

    void next()
    {
        if (submitted == total) {
            return;
        }
        ++submitted;
        router.submit(sample(), [this](const smppd::StoreResult&) { next(); });
    }
};

} // namespace

int main(int argc, char** argv)
{
    const int total = argc > 1 ? std::stoi(argv[1]) : 100000;
    const int window = argc > 2 ? std::stoi(argv[2]) : 1000;
    const std::string path = argc > 3 ? argv[3] : "/tmp/smppd-router-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
    smppd::LoopThread loop("router-loop");
    loop.start();
    smppd::SqliteMessageStore store({.path = path,
        .max_queue = 1'000'000,
        .sync_full = true,
        .answer_on = [&loop](std::function<void()> task) { loop.loop().post(std::move(task)); }});
    smppd::RouterOptions options;
    options.accounts = {"esme1"};
    options.handset_delay = std::chrono::milliseconds(0);
    smppd::Router router(store, options);
    auto rx = std::make_shared<EchoSink>(router, loop.loop());
    Feeder feeder{router, total};
    const auto start = std::chrono::steady_clock::now();
    loop.runAndWait([&] {
        router.attach(rx, smppd::ReceiverInfo{"esme1", 0x34, ""});
        for (int i = 0; i < window; ++i) {
            feeder.next();
        }
    });
    const auto expected = static_cast<std::uint64_t>(total);
    for (std::uint64_t sent = 0; sent < expected;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1)); // a bench, not a unit test
        loop.runAndWait([&] { sent = router.counters().receipts_sent; });
    }
    store.flush();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const auto c = store.counters();
    std::printf("messages=%llu seconds=%.3f rate=%.0f/s (each: insert + DELIVERED + receipt Sent "
                "= %llu writes in %llu batches)\n",
        static_cast<unsigned long long>(expected),
        elapsed.count(),
        static_cast<double>(expected) / elapsed.count(),
        static_cast<unsigned long long>(c.committed),
        static_cast<unsigned long long>(c.batches));
    loop.runAndWait([&] { router.detach(*rx); });
    store.close();
    return 0;
}
