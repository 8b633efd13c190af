#pragma once

#include "common/ipc/HeartbeatPipe.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace ipc {

/// The figures smppd puts in each beat, supplied by the application.
struct BeatStats {
    std::uint64_t sessions = 0; ///< bound SMPP sessions
    std::uint64_t queued = 0; ///< messages not yet final
};

/// smppd's side of the launcher heartbeat (architecture §2).
///
/// Usage in smppd, when `--heartbeat NAME` is given (NAME comes from the launcher verbatim):
///
///     ipc::HeartbeatWriter heartbeat(name, settings.launcher.heartbeat_interval,
///         [&] { return ipc::BeatStats{sessions.count(), store.queuedCount()}; });
///     heartbeat.start();            // after the listeners are up
///     ...waitForTerminationRequest()...
///     heartbeat.stop();             // or let the destructor do it
///
/// Contract:
/// - start() runs one background thread that writes `beat pid=.. uptime=.. sessions=..
///   queued=..` (see Beat.h) at once and then every `interval`.
/// - The stats callback runs on that thread, so it must be thread-safe. Make it touch the
///   server's core (the same locks the sessions and store use): a deadlocked core then blocks
///   the callback, the beats stop, and the launcher restarts the hung process. It must not throw;
///   if it does, that beat is skipped.
/// - Writing never blocks and never throws: a missing pipe, an absent reader (the launcher went
///   away) or a full pipe drops that beat and the next beat retries (reopening the pipe). On POSIX
///   no SIGPIPE is raised. So smppd can always create a writer, even for a bogus name.
/// - The constructor does no I/O and never throws (except std::bad_alloc).
class HeartbeatWriter {
public:
    using StatsSource = std::function<BeatStats()>;

    /// `pipe_name`: the value of `--heartbeat` (a FIFO path on POSIX, `\\.\pipe\smppd-<id>` on
    /// Windows). `interval`: `Launcher.HeartbeatInterval` (values below 10 ms are raised to it).
    /// Uptime in each beat counts from this constructor.
    HeartbeatWriter(std::string pipe_name, std::chrono::milliseconds interval, StatsSource stats);

    /// Calls stop().
    ~HeartbeatWriter();

    HeartbeatWriter(const HeartbeatWriter&) = delete;
    HeartbeatWriter& operator=(const HeartbeatWriter&) = delete;

    /// Starts the beating thread (first beat immediately). A second call does nothing.
    void start();

    /// Stops and joins the thread within about one write; idempotent; safe without start().
    void stop();

    /// Writes one beat now from the calling thread, for applications that drive the beat from
    /// their own timer instead of start(). Returns true when the whole line was written.
    bool beatOnce();

    /// Beats written successfully so far.
    std::uint64_t beatsWritten() const { return written_.load(); }

private:
    void run();

    PipeClient pipe_;
    std::chrono::milliseconds interval_;
    StatsSource stats_;
    std::chrono::steady_clock::time_point created_;
    std::mutex mutex_; ///< guards stopping_ and serialises writes
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
    std::atomic<std::uint64_t> written_{0};
};

} // namespace ipc
