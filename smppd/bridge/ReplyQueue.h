#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace smppd {

/// Keeps the replies of one bridge connection in request order while they complete out of
/// order (pipelining, architecture §4.4): reserve() a slot per request, fill() it from any
/// thread, takeReady() the leading run of filled slots. Thread-safe.
class ReplyQueue {
public:
    /// A new slot at the back; returns its number.
    std::uint64_t reserve();
    /// Calls `on_ready` (from the filling thread, without the lock) whenever the front slot gets
    /// filled, i.e. whenever takeReady() has something new. Set it once, before the first
    /// reserve().
    void setOnReady(std::function<void()> on_ready);
    /// Fills slot `slot` with one reply line (no '\n'); wakes waitForReady() and on_ready.
    void fill(std::uint64_t slot, std::string reply);
    /// Reserves and fills at once (a reply known immediately).
    void push(std::string reply);
    /// The filled replies at the front, each followed by '\n', removed from the queue.
    std::string takeReady();
    /// Slots not yet taken (filled or not).
    std::size_t size() const;
    /// Waits until the front slot is filled or `timeout` passed; true when it is filled.
    bool waitForReady(std::chrono::milliseconds timeout);

private:
    mutable std::mutex mutex_;
    std::condition_variable filled_;
    std::function<void()> on_ready_;
    std::deque<std::optional<std::string>> slots_;
    std::uint64_t first_ = 0; ///< number of slots_.front()
};

} // namespace smppd
