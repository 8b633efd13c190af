#include "tests/bench/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace bench {

LatencyHistogram::LatencyHistogram() : buckets_(kLimitUs + 1, 0)
{
}

void LatencyHistogram::record(std::uint64_t micros)
{
    ++buckets_[std::min<std::uint64_t>(micros, kLimitUs)];
    ++count_;
    max_ = std::max(max_, micros);
}

void LatencyHistogram::merge(const LatencyHistogram& other)
{
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        buckets_[i] += other.buckets_[i];
    }
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
}

std::uint64_t LatencyHistogram::percentile(double q) const
{
    if (count_ == 0) {
        return 0;
    }
    const auto wanted = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        seen += buckets_[i];
        if (seen >= wanted) {
            return i;
        }
    }
    return kLimitUs;
}

} // namespace bench
