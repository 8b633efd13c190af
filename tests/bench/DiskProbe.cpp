// disk-probe: the latency floor a durable commit meets on one disk, for scripts/bench.sh.
//
// A group commit of smppd writes a few WAL pages in place and fdatasyncs them, while the WAL
// checkpointer now and then writes pages at random places of the database file and fsyncs it.
// This probe does the same without SQLite: 40 KiB written in place + fdatasync, 3000 times,
// first alone, then with a second thread writing 250 random 4 KiB pages + fdatasync every
// 50 ms into another file. It prints the p50 / p99 / max of each run (milliseconds):
//   RESULT alone_p50_ms=... alone_p99_ms=... alone_max_ms=... shared_p50_ms=... ...
// Linux (POSIX I/O); usage: disk-probe DIRECTORY (two files are created there and removed).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kCommitBytes = 40 * 1024;
constexpr int kCommitSlots = 256; ///< the commits cycle over 10 MiB written in place
constexpr int kCommits = 3000;
constexpr std::size_t kPage = 4096;
constexpr int kPagesPerCheckpoint = 250;
constexpr int kDatabasePages = 4000;

struct Percentiles {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Percentiles percentiles(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back()};
}

bool writeAll(int fd, const std::vector<char>& data, off_t offset)
{
    return pwrite(fd, data.data(), data.size(), offset) == static_cast<ssize_t>(data.size());
}

/// The checkpoint-like load: random pages of `path`, then fdatasync, every 50 ms until `stop`.
void checkpointLoad(const std::string& path, const std::atomic<bool>& stop)
{
    const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        return;
    }
    const std::vector<char> page(kPage, 'd');
    std::mt19937 random(7);
    while (!stop.load()) {
        for (int i = 0; i < kPagesPerCheckpoint; ++i) {
            writeAll(fd, page, static_cast<off_t>(random() % kDatabasePages * kPage));
        }
        fdatasync(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    close(fd);
}

/// kCommits in-place writes + fdatasync on `fd`; their latencies in milliseconds.
std::vector<double> commits(int fd)
{
    const std::vector<char> data(kCommitBytes, 'w');
    std::vector<double> ms;
    ms.reserve(kCommits);
    for (int i = 0; i < kCommits; ++i) {
        const auto started = Clock::now();
        writeAll(fd, data, static_cast<off_t>(i % kCommitSlots * kCommitBytes));
        fdatasync(fd);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    }
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: disk-probe DIRECTORY\n");
        return 64;
    }
    const std::string wal = std::string(argv[1]) + "/disk-probe.wal";
    const std::string db = std::string(argv[1]) + "/disk-probe.db";
    const int fd = open(wal.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        std::perror("disk-probe: open");
        return 1;
    }
    commits(fd); // allocates the file's blocks, as a WAL in use has them: later runs overwrite
    const Percentiles alone = percentiles(commits(fd));
    std::atomic<bool> stop{false};
    std::thread checkpointer([&] { checkpointLoad(db, stop); });
    const Percentiles shared = percentiles(commits(fd));
    stop.store(true);
    checkpointer.join();
    close(fd);
    unlink(wal.c_str());
    unlink(db.c_str());
    std::printf("RESULT alone_p50_ms=%.3f alone_p99_ms=%.3f alone_max_ms=%.3f "
                "shared_p50_ms=%.3f shared_p99_ms=%.3f shared_max_ms=%.3f\n",
        alone.p50,
        alone.p99,
        alone.max,
        shared.p50,
        shared.p99,
        shared.max);
    return 0;
}
