#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace smppd {

/// Slows down password guessing: after `max_failures` failed binds from one peer address within
/// `window`, binds from that address are refused (ESME_RBINDFAIL) until `lockout` has passed.
/// Thread-safe; shared by all sessions. Time is injected (steady clock).
class BindGuard {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    struct Options {
        std::uint32_t max_failures = 5;
        std::chrono::seconds window{60};
        std::chrono::seconds lockout{60};
    };

    BindGuard();
    explicit BindGuard(Options options);

    /// True if binds from peer are currently refused.
    bool isLockedOut(std::string_view peer, TimePoint now);

    /// Records one failed bind from peer (may start a lockout).
    void recordFailure(std::string_view peer, TimePoint now);

    /// Forgets the failures of peer (after a successful bind).
    void recordSuccess(std::string_view peer);

private:
    struct Entry {
        std::uint32_t failures = 0;
        TimePoint first_failure{};
        TimePoint locked_until{};
    };

    void prune(TimePoint now);

    Options options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

} // namespace smppd
