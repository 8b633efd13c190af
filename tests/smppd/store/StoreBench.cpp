// Throughput of SqliteMessageStore::insert with group commit (not a ctest: run by hand).
//   smppd_store_bench [messages=200000] [threads=4] [full|normal] [window=1000] [db path]
// Each thread plays an SMPP session: at most `window` inserts unanswered (0 = unlimited).
// Prints the time until every completion ran, i.e. until every message was durable.
#include "smppd/store/SqliteMessageStore.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

/// CPU seconds (user + system) of every live thread of this process, largest first.
std::vector<double> threadCpuSeconds()
{
    std::vector<double> seconds;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream in(task.path() / "stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::istringstream fields(stat.substr(stat.rfind(')') + 2)); // after "pid (comm) "
        std::string field;
        double utime = 0;
        double stime = 0;
        for (int i = 3; i <= 15 && fields >> field; ++i) {
            utime = i == 14 ? std::stod(field) : utime;
            stime = i == 15 ? std::stod(field) : stime;
        }
        seconds.push_back((utime + stime) / tick);
    }
    std::sort(seconds.rbegin(), seconds.rend());
    return seconds;
}

smppd::Message sample()
{
    smppd::Message m;
    m.origin = "esme1";
    m.target = {smppd::TargetKind::Handset, ""};
    m.source_addr = "33698765432";
    m.destination_addr = "33612345678";
    m.registered_delivery = 1;
    m.payload = "Bonjour, votre rendez-vous est confirme pour demain 10h00.";
    m.submit_time = std::chrono::system_clock::now();
    m.expiry_time = m.submit_time + std::chrono::hours(48);
    return m;
}

} // namespace

int main(int argc, char** argv)
{
    const int total = argc > 1 ? std::stoi(argv[1]) : 200000;
    const int threads = argc > 2 ? std::stoi(argv[2]) : 4;
    const bool full = argc > 3 ? std::string(argv[3]) != "normal" : true;
    const int window = argc > 4 ? std::stoi(argv[4]) : 1000;
    const std::string path = argc > 5 ? argv[5] : "/tmp/smppd-store-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
    smppd::SqliteMessageStore store({path, static_cast<std::size_t>(total), full});
    std::atomic<int> ok{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            std::mutex mutex;
            std::condition_variable cv;
            int open = 0;
            for (int i = 0; i < total / threads; ++i) {
                if (window > 0) {
                    std::unique_lock lock(mutex);
                    cv.wait(lock, [&] { return open < window; });
                    ++open;
                }
                store.insert(sample(), [&](const smppd::StoreResult& r) {
                    ok += r.ok() ? 1 : 0;
                    if (window == 0) {
                        return; // nobody waits: this thread's mutex may be gone already
                    }
                    std::lock_guard lock(mutex);
                    --open;
                    cv.notify_one();
                });
            }
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return open <= 0 || window == 0; });
        });
    }
    for (auto& w : workers) {
        w.join();
    }
    store.flush();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const auto c = store.counters();
    std::printf("sync=%s window=%d messages=%d ok=%d seconds=%.3f rate=%.0f/s batches=%llu "
                "avg_batch=%.0f\n",
        full ? "FULL" : "NORMAL",
        window,
        total,
        ok.load(),
        elapsed.count(),
        ok.load() / elapsed.count(),
        static_cast<unsigned long long>(c.batches),
        c.batches > 0 ? static_cast<double>(c.inserts) / static_cast<double>(c.batches) : 0.0);
    // The writer is the busiest store thread: its CPU time bounds the throughput on idle cores.
    const auto cpu = threadCpuSeconds();
    if (cpu.size() >= 2) {
        std::printf("busiest threads cpu_seconds=%.3f,%.3f -> writer-bound rate=%.0f/s\n",
            cpu[0],
            cpu[1],
            ok.load() / cpu[0]);
    }
    return ok.load() == total / threads * threads ? 0 : 1;
}
