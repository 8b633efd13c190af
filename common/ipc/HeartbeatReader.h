#pragma once

#include "common/ipc/Beat.h"
#include "common/ipc/HeartbeatPipe.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ipc {

/// The launcher's side of the heartbeat: owns the pipe (PipeServer), splits what arrives into
/// lines and parses them as beats. Never blocks; the launcher calls poll() from its loop.
class HeartbeatReader {
public:
    using Clock = std::chrono::steady_clock;

    /// Creates the pipe `pipe_name` (see PipeServer; throws std::system_error).
    explicit HeartbeatReader(std::string pipe_name);

    /// Reads what is available and returns the complete, well-formed beats in arrival order;
    /// when there is at least one, lastBeatAt() becomes `now`. A partial line is kept for the
    /// next call; malformed lines and lines longer than 512 bytes are dropped and counted.
    std::vector<Beat> poll(Clock::time_point now);

    /// When poll() last returned a beat; nullopt before the first.
    std::optional<Clock::time_point> lastBeatAt() const { return last_beat_at_; }

    /// Lines that were not beats.
    std::uint64_t malformedLines() const { return malformed_; }

    /// The name to pass to smppd as `--heartbeat`.
    const std::string& name() const { return pipe_.name(); }

private:
    void takeLines(std::vector<Beat>& beats);

    PipeServer pipe_;
    std::string pending_;
    std::optional<Clock::time_point> last_beat_at_;
    std::uint64_t malformed_ = 0;
};

} // namespace ipc
