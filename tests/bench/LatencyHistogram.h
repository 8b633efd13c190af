#pragma once

#include <cstdint>
#include <vector>

namespace bench {

/// Latencies in microseconds: 1 µs buckets up to kLimitUs, one overflow bucket above it, and the
/// exact maximum. Recording is O(1) and allocation-free; merge() combines per-thread histograms.
class LatencyHistogram {
public:
    static constexpr std::uint32_t kLimitUs = 1000000; ///< 1 s at 1 µs resolution

    LatencyHistogram();

    /// Adds one sample.
    void record(std::uint64_t micros);

    /// Adds the samples of other.
    void merge(const LatencyHistogram& other);

    /// Number of samples.
    std::uint64_t count() const noexcept { return count_; }

    /// The smallest value v such that at least fraction q (0..1) of the samples are <= v;
    /// kLimitUs if that falls in the overflow bucket; 0 without samples.
    std::uint64_t percentile(double q) const;

    /// The largest sample (0 without samples).
    std::uint64_t max() const noexcept { return max_; }

private:
    std::vector<std::uint32_t> buckets_; ///< [0, kLimitUs) then overflow
    std::uint64_t count_ = 0;
    std::uint64_t max_ = 0;
};

} // namespace bench
