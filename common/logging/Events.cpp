#include "common/logging/Events.h"

#include <array>
#include <stdexcept>
#include <string>

namespace logging {

namespace {

#define SMPPD_LOG_EVENT_REF(name, lvl, keys, meaning) ev::name,
constexpr std::array kEvents{SMPPD_LOG_EVENTS(SMPPD_LOG_EVENT_REF)};
#undef SMPPD_LOG_EVENT_REF

} // namespace

std::span<const Event> allEvents()
{
    return kEvents;
}

const Event& eventNamed(std::string_view name)
{
    for (const Event& e : kEvents) {
        if (e.name == name) {
            return e;
        }
    }
    throw std::out_of_range("no log event named " + std::string(name));
}

std::string eventTable()
{
    std::string out = "| event | level | keys | meaning |\n|---|---|---|---|\n";
    for (const Event& e : kEvents) {
        out.append("| `").append(e.name).append("` | ").append(e.level).append(" | ");
        out.append(e.keys.empty() ? "" : "`").append(e.keys).append(e.keys.empty() ? "" : "`");
        out.append(" | ").append(e.meaning).append(" |\n");
    }
    return out;
}

} // namespace logging
