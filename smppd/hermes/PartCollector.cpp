#include "smppd/hermes/PartCollector.h"

#include <utility>

namespace smppd {

std::optional<PartGroup> PartCollector::add(
    const Message& part, Forwarder::Completion done, TimePoint now)
{
    if (!part.concat || part.concat->total <= 1) {
        PartGroup single;
        single.parts.push_back(part);
        single.completions.push_back(std::move(done));
        single.complete = true;
        return single;
    }
    const std::string key = keyOf(part);
    auto [it, inserted] = groups_.try_emplace(key);
    Pending& pending = it->second;
    if (inserted) {
        pending.first_seen = now;
    }
    pending.parts.try_emplace(part.concat->seq, part);
    pending.completions.push_back(std::move(done));
    if (pending.parts.size() < part.concat->total) {
        return std::nullopt;
    }
    PartGroup group = release(pending, true);
    groups_.erase(it);
    return group;
}

std::vector<PartGroup> PartCollector::takeOlderThan(TimePoint cutoff)
{
    std::vector<PartGroup> out;
    for (auto it = groups_.begin(); it != groups_.end();) {
        if (it->second.first_seen < cutoff) {
            out.push_back(release(it->second, false));
            it = groups_.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

std::vector<PartGroup> PartCollector::takeAll()
{
    return takeOlderThan(TimePoint::max());
}

std::string PartCollector::keyOf(const Message& part)
{
    return part.origin + '\x1f' + part.source_addr + '\x1f' + part.destination_addr + '\x1f'
        + std::to_string(part.concat->ref) + '\x1f' + std::to_string(part.concat->total);
}

PartGroup PartCollector::release(Pending& pending, bool complete)
{
    PartGroup group;
    group.complete = complete;
    for (auto& [seq, message] : pending.parts) {
        group.parts.push_back(std::move(message));
    }
    group.completions = std::move(pending.completions);
    return group;
}

} // namespace smppd
