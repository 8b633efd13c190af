#pragma once

#include "smppd/routing/Forwarder.h"
#include "smppd/store/Message.h"

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smppd {

/// The stored parts of one message and the completions waiting for its push.
struct PartGroup {
    std::vector<Message> parts; ///< by seq (one entry per seq, first copy kept)
    std::vector<Forwarder::Completion> completions; ///< one per forward() call
    bool complete = false; ///< every seq 1..total is present
};

/// Gathers the parts of concatenated messages (Message::concat) so that Hermes receives one
/// push per message (architecture §4.2). Pure and single-threaded: time is injected and the
/// caller locks. Parts are grouped by (origin, source_addr, destination_addr, ref, total);
/// a seq seen twice keeps the first part and adds the completion to the group.
class PartCollector {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    /// Adds one part. Returns the group when it is now complete (and forgets it), else nullopt.
    /// A message without concat (or total 1) is a complete group of its own.
    std::optional<PartGroup> add(const Message& part, Forwarder::Completion done, TimePoint now);

    /// Takes the incomplete groups whose first part arrived before `cutoff` (they are pushed as
    /// they are rather than held for ever).
    std::vector<PartGroup> takeOlderThan(TimePoint cutoff);

    /// Takes every incomplete group (stop).
    std::vector<PartGroup> takeAll();

    std::size_t pendingGroups() const noexcept { return groups_.size(); }

private:
    struct Pending {
        TimePoint first_seen{};
        std::map<std::uint8_t, Message> parts;
        std::vector<Forwarder::Completion> completions;
    };
    static std::string keyOf(const Message& part);
    static PartGroup release(Pending& pending, bool complete);

    std::map<std::string, Pending> groups_;
};

} // namespace smppd
