#include "smppd/admin/LatencyHistogram.h"

#include <algorithm>

namespace smppd {

void LatencyHistogram::observe(std::chrono::nanoseconds latency) noexcept
{
    const std::int64_t ns = std::max<std::int64_t>(latency.count(), 0);
    const auto* bound = std::lower_bound(bounds_ns_.begin(), bounds_ns_.end(), ns);
    const auto bucket = static_cast<std::size_t>(bound - bounds_ns_.begin());
    buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
}

LatencyHistogram::Snapshot LatencyHistogram::snapshot() const noexcept
{
    Snapshot snap;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        snap.cumulative[i] = running;
    }
    snap.count = running;
    snap.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
    return snap;
}

double LatencyHistogram::boundSeconds(std::size_t i) const
{
    return static_cast<double>(bounds_ns_.at(i)) / 1e9;
}

} // namespace smppd
