#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace smppd {

/// Keeps the replies of one bridge connection in request order while they complete out of
/// order (pipelining, architecture §4.4): reserve() a slot per request, fill() it when its answer
/// comes, takeReady() the leading run of filled slots. One thread: the connection's loop, on
/// which the back end answers too.
class ReplyQueue {
public:
    /// A new slot at the back; returns its number.
    std::uint64_t reserve();
    /// Calls `on_ready` whenever the front slot gets filled, i.e. whenever takeReady() has
    /// something new; null for no calls.
    void setOnReady(std::function<void()> on_ready) { on_ready_ = std::move(on_ready); }
    /// Fills slot `slot` with one reply line (no '\n'); a slot already taken is ignored.
    void fill(std::uint64_t slot, std::string reply);
    /// Reserves and fills at once (a reply known immediately).
    void push(std::string reply);
    /// The filled replies at the front, each followed by '\n', removed from the queue.
    std::string takeReady();
    /// Slots not yet taken (filled or not).
    std::size_t size() const { return slots_.size(); }

private:
    std::function<void()> on_ready_;
    std::deque<std::optional<std::string>> slots_;
    std::uint64_t first_ = 0; ///< number of slots_.front()
};

} // namespace smppd
