#include "common/ipc/HeartbeatReader.h"

#include <utility>

namespace ipc {

namespace {
constexpr std::size_t kMaxLine = 512;
}

HeartbeatReader::HeartbeatReader(std::string pipe_name) : pipe_(std::move(pipe_name))
{
}

std::vector<Beat> HeartbeatReader::poll(Clock::time_point now)
{
    std::vector<Beat> beats;
    pipe_.readAvailable(pending_);
    takeLines(beats);
    if (!beats.empty()) {
        last_beat_at_ = now;
    }
    return beats;
}

void HeartbeatReader::takeLines(std::vector<Beat>& beats)
{
    std::size_t start = 0;
    for (auto nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n', start)) {
        const std::string_view line(pending_.data() + start, nl - start);
        auto beat = line.size() <= kMaxLine ? parseBeat(line) : std::nullopt;
        if (beat) {
            beats.push_back(*beat);
        } else {
            ++malformed_;
        }
        start = nl + 1;
    }
    pending_.erase(0, start);
    if (pending_.size() > kMaxLine) { // a line that never ends: drop it
        pending_.clear();
        ++malformed_;
    }
}

} // namespace ipc
