#include "common/ipc/Beat.h"

#include <charconv>

namespace ipc {

std::string formatBeat(const Beat& beat)
{
    return "beat pid=" + std::to_string(beat.pid) + " uptime=" + std::to_string(beat.uptime)
        + " sessions=" + std::to_string(beat.sessions) + " queued=" + std::to_string(beat.queued)
        + "\n";
}

namespace {

bool parseNumber(std::string_view text, std::uint64_t& value)
{
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return !text.empty() && ec == std::errc() && ptr == end;
}

/// Splits off the next space-separated token; returns false at the end.
bool nextToken(std::string_view& rest, std::string_view& token)
{
    while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
    }
    if (rest.empty()) {
        return false;
    }
    const auto space = rest.find(' ');
    token = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space);
    return true;
}

/// Applies one `k=v` field; unknown keys are accepted and ignored.
bool applyField(std::string_view field, Beat& beat, unsigned& required)
{
    const auto eq = field.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        return false;
    }
    const auto key = field.substr(0, eq);
    const auto text = field.substr(eq + 1);
    std::uint64_t* target = nullptr;
    if (key == "pid") {
        target = &beat.pid;
        required |= 1U;
    } else if (key == "uptime") {
        target = &beat.uptime;
        required |= 2U;
    } else if (key == "sessions") {
        target = &beat.sessions;
    } else if (key == "queued") {
        target = &beat.queued;
    }
    return target == nullptr || parseNumber(text, *target);
}

} // namespace

std::optional<Beat> parseBeat(std::string_view line)
{
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    std::string_view token;
    if (!nextToken(line, token) || token != "beat") {
        return std::nullopt;
    }
    Beat beat;
    unsigned required = 0;
    while (nextToken(line, token)) {
        if (!applyField(token, beat, required)) {
            return std::nullopt;
        }
    }
    if (required != 3U) {
        return std::nullopt;
    }
    return beat;
}

} // namespace ipc
