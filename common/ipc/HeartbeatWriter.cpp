#include "common/ipc/HeartbeatWriter.h"

#include "common/ipc/Beat.h"
#include "common/platform/ThreadName.h"

#include <exception>
#include <utility>

namespace ipc {

namespace {
constexpr std::chrono::milliseconds kMinInterval{10};
}

HeartbeatWriter::HeartbeatWriter(
    std::string pipe_name, std::chrono::milliseconds interval, StatsSource stats)
    : pipe_(std::move(pipe_name)),
      interval_(interval < kMinInterval ? kMinInterval : interval),
      stats_(std::move(stats)),
      created_(std::chrono::steady_clock::now())
{
}

HeartbeatWriter::~HeartbeatWriter()
{
    stop();
}

void HeartbeatWriter::start()
{
    const std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) {
        return;
    }
    thread_ = std::thread([this] { run(); });
}

void HeartbeatWriter::stop()
{
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
        thread_.join();
    }
}

bool HeartbeatWriter::beatOnce()
{
    BeatStats stats;
    try {
        if (stats_) {
            stats = stats_();
        }
    } catch (const std::exception&) {
        return false; // documented: a throwing callback skips this beat
    }
    const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - created_);
    const Beat beat{.pid = currentProcessId(),
        .uptime = static_cast<std::uint64_t>(uptime.count()),
        .sessions = stats.sessions,
        .queued = stats.queued};
    const auto line = formatBeat(beat);
    const std::lock_guard lock(mutex_);
    if (!pipe_.write(line)) {
        return false;
    }
    ++written_;
    return true;
}

void HeartbeatWriter::run()
{
    smpp::platform::nameCurrentThread("heartbeat");
    auto next = std::chrono::steady_clock::now();
    for (;;) {
        beatOnce();
        next += interval_;
        std::unique_lock lock(mutex_);
        if (wake_.wait_until(lock, next, [this] { return stopping_; })) {
            return;
        }
    }
}

} // namespace ipc
