#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace smppd {

/// What the store says about itself in /health and /metrics.
struct StoreHealth {
    bool ok = true; ///< false from a failed commit until the next good one
    std::string reason; ///< the fault's cause, e.g. "SQLITE_FULL" ("" when ok)
    std::string error; ///< SQLite's words for it, e.g. "database or disk is full"
    std::uint64_t failed_operations = 0; ///< operations refused or failed since the fault began
    std::chrono::steady_clock::duration duration{}; ///< how long the fault has lasted
    /// Operations failed since start, by reason (smppd_store_failures_total).
    std::map<std::string, std::uint64_t, std::less<>> failures_by_reason;
};

/// The fault state of one store (architecture §4.6: a fault is logged once when it starts,
/// with its cause, and once when it ends; counted meanwhile). A fault begins with the first
/// failed operation and ends with the next committed one. Pure: the caller brings the time,
/// logs what the calls return, and serialises the calls (the store's queue mutex).
class StoreFaults {
public:
    using Clock = std::chrono::steady_clock;

    /// How a fault ended.
    struct Ended {
        std::string reason;
        std::uint64_t failed_operations = 0;
        Clock::duration duration{};
    };

    /// `operations` failed because of `reason` (its text `error`). True when this begins a
    /// fault (the caller logs it); during one, only counted. A new reason during a fault is
    /// counted under its own name, but the fault keeps the reason it began with.
    bool failed(std::string_view reason,
        std::string_view error,
        std::uint64_t operations,
        Clock::time_point now);

    /// An operation committed: the fault that this ends, if one was going on.
    std::optional<Ended> succeeded(Clock::time_point now);

    /// True during a fault.
    bool failing() const noexcept { return failing_; }

    /// The reason of the current fault ("" when none).
    const std::string& reason() const noexcept { return reason_; }

    /// A snapshot for /health and /metrics.
    StoreHealth health(Clock::time_point now) const;

private:
    bool failing_ = false;
    std::string reason_;
    std::string error_;
    std::uint64_t failed_operations_ = 0;
    Clock::time_point since_{};
    std::map<std::string, std::uint64_t, std::less<>> by_reason_;
};

} // namespace smppd
