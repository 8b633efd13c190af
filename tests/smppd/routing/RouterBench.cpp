// End-to-end throughput of the OPPORTUNITY path (not a ctest: run by hand):
//   submit -> commit -> submit "response" -> simulated handset -> DELIVERED commit ->
//   receipt deliver_sm -> deliver_sm_resp -> receipt Sent commit.
//   smppd_router_bench [messages=100000] [threads=4] [window=1000] [db path]
#include "smppd/routing/Router.h"
#include "smppd/store/SqliteMessageStore.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

/// An RX session that answers every deliver_sm with ESME_ROK from its own thread.
class EchoSink : public smppd::DeliverySink {
public:
    explicit EchoSink(smppd::Router& router) : router_(router), thread_([this] { run(); }) { }
    ~EchoSink() override
    {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

    bool offer(const smppd::OutboundItem& item) override
    {
        std::lock_guard lock(mutex_);
        pending_.push_back(item.delivery_id);
        cv_.notify_one();
        return true;
    }

private:
    void run()
    {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            cv_.wait(lock, [this] { return stop_ || !pending_.empty(); });
            auto batch = std::move(pending_);
            pending_.clear();
            lock.unlock();
            for (const auto id : batch) {
                router_.onDeliveryResponse(id, 0);
            }
            lock.lock();
        }
    }

    smppd::Router& router_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::uint64_t> pending_;
    bool stop_ = false;
    std::thread thread_;
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

} // namespace

int main(int argc, char** argv)
{
    const int total = argc > 1 ? std::stoi(argv[1]) : 100000;
    const int threads = argc > 2 ? std::stoi(argv[2]) : 4;
    const int window = argc > 3 ? std::stoi(argv[3]) : 1000;
    const std::string path = argc > 4 ? argv[4] : "/tmp/smppd-router-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
    smppd::SqliteMessageStore store({path, 1'000'000, true});
    smppd::RouterOptions options;
    options.accounts = {"esme1"};
    options.handset_delay = std::chrono::milliseconds(0);
    smppd::Router router(store, options);
    auto rx = std::make_shared<EchoSink>(router);
    router.attach(rx, smppd::ReceiverInfo{"esme1", 0x34, ""});
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            std::mutex mutex;
            std::condition_variable cv;
            int open = 0;
            for (int i = 0; i < total / threads; ++i) {
                std::unique_lock lock(mutex);
                cv.wait(lock, [&] { return open < window; });
                ++open;
                lock.unlock();
                router.submit(sample(), [&](const smppd::StoreResult&) {
                    std::lock_guard guard(mutex);
                    --open;
                    cv.notify_one();
                });
            }
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return open == 0; });
        });
    }
    for (auto& w : workers) {
        w.join();
    }
    const std::uint64_t expected = static_cast<std::uint64_t>(total / threads * threads);
    while (router.counters().receipts_sent < expected) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1)); // a bench, not a unit test
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
    router.detach(rx.get());
    store.close();
    return 0;
}
