#pragma once

#include "tests/bench/BenchOptions.h"
#include "tests/bench/BenchSession.h"
#include "tests/bench/BenchStats.h"
#include "tests/bench/PduTemplates.h"
#include "tests/bench/RunControl.h"

#include <cstdint>
#include <memory>
#include <sys/socket.h>
#include <vector>

namespace bench {

/// One event-loop thread of smpp-bench: an epoll set over its share of the sessions, run in
/// phases: connect and bind (at most 200 handshakes at once), wait for the other loops, then
/// either load for --duration (keeping every window full, or paced to --rate) and drain, or
/// just hold the sessions (--bind-only); finally unbind.
class BenchLoop {
public:
    /// index: this loop's number (0..loops-1); sessions: how many it owns.
    BenchLoop(unsigned index,
        unsigned sessions,
        const BenchOptions& options,
        const PduTemplates& templates,
        const sockaddr_storage& server,
        socklen_t server_len,
        RunControl& control);
    ~BenchLoop();
    BenchLoop(const BenchLoop&) = delete;
    BenchLoop& operator=(const BenchLoop&) = delete;

    /// Runs every phase; returns when the sessions are closed.
    void run();

    /// The counters (read after run() returned).
    BenchStats& stats() noexcept { return stats_; }

private:
    void bindAll();
    bool openOne();
    void runFor(std::int64_t until_ns, bool loading);
    void drain(std::int64_t until_ns);
    void unbindAll();
    int poll(int timeout_ms, bool loading);
    void watch(std::size_t index);
    unsigned countState(BenchSession::State state) const;
    unsigned pending() const;
    unsigned inFlight() const;

    unsigned index_;
    unsigned wanted_;
    const BenchOptions& options_;
    const PduTemplates& templates_;
    sockaddr_storage server_;
    socklen_t server_len_;
    RunControl& control_;
    int epoll_fd_;
    double rate_per_session_;
    BenchStats stats_;
    std::vector<std::unique_ptr<BenchSession>> sessions_;
    std::vector<std::uint32_t> watched_; ///< epoll events registered per session
};

} // namespace bench
