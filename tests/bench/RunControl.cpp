#include "tests/bench/RunControl.h"

#include <chrono>

namespace bench {

RunControl::RunControl(unsigned loops, std::function<void()> on_bound)
    : responses_ok(loops),
      receipts(loops),
      on_bound_(std::move(on_bound)),
      barrier_(std::make_unique<std::barrier<Completion>>(loops, Completion{this}))
{
}

void RunControl::Completion::operator()() noexcept
{
    control->start_ns.store(nowNs());
    if (control->on_bound_) {
        control->on_bound_();
    }
}

std::int64_t RunControl::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::uint64_t RunControl::totalResponses() const
{
    std::uint64_t sum = 0;
    for (const auto& n : responses_ok) {
        sum += n.load(std::memory_order_relaxed);
    }
    return sum;
}

std::uint64_t RunControl::totalReceipts() const
{
    std::uint64_t sum = 0;
    for (const auto& n : receipts) {
        sum += n.load(std::memory_order_relaxed);
    }
    return sum;
}

} // namespace bench
