#pragma once

#include <atomic>
#include <barrier>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace bench {

/// What the event-loop threads share: the barrier after binding (its completion step stamps the
/// common start of the load), the stop request, and per-loop progress published during the
/// drain so every loop can tell when all receipts are in.
struct RunControl {
    /// loops: number of event-loop threads; on_bound: runs once when all loops have bound.
    RunControl(unsigned loops, std::function<void()> on_bound);

    /// Called by each loop when its sessions are bound (or failed): waits for the others.
    void arriveBound() { barrier_->arrive_and_wait(); }

    /// Monotonic clock in nanoseconds (steady_clock).
    static std::int64_t nowNs();

    std::atomic<std::int64_t> start_ns{0}; ///< set when every loop has bound
    std::atomic<bool> stop{false}; ///< set by SIGINT/SIGTERM: end the load or the hold early
    std::vector<std::atomic<std::uint64_t>> responses_ok; ///< per loop, published in the drain
    std::vector<std::atomic<std::uint64_t>> receipts; ///< per loop, distinct receipt ids, published
                                                      ///< in the drain

    /// Sum of responses_ok over the loops.
    std::uint64_t totalResponses() const;
    /// Sum of receipts over the loops.
    std::uint64_t totalReceipts() const;

private:
    struct Completion {
        RunControl* control;
        void operator()() noexcept;
    };
    std::function<void()> on_bound_;
    std::unique_ptr<std::barrier<Completion>> barrier_;
};

} // namespace bench
