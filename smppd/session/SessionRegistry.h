#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace smppd {

/// Counts the bound sessions of each system_id to enforce `Server.MaxSessionsPerAccount`
/// (checklist §2: over the limit -> ESME_RBINDFAIL, then close). Thread-safe; shared by all
/// sessions.
class SessionRegistry {
public:
    /// Takes one slot of system_id if fewer than max are taken; false otherwise.
    bool tryAcquire(std::string_view system_id, std::uint32_t max);

    /// Gives back one slot taken by tryAcquire().
    void release(std::string_view system_id);

    /// Bound sessions of system_id.
    std::uint32_t count(std::string_view system_id) const;

    /// Bound sessions over all accounts.
    std::uint32_t total() const;

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::uint32_t> counts_;
    std::uint32_t total_ = 0;
};

} // namespace smppd
