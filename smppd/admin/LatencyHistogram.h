#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace smppd {

/// A fixed-bucket latency histogram (Prometheus `histogram`) that any thread may update without
/// locks: observe() is one bucket search over 11 bounds plus three relaxed atomic adds. The
/// bounds are chosen at construction: the Prometheus client defaults, or a finer set for
/// sub-millisecond latencies (store commits). An observation equal to a bound counts in that
/// bound's bucket (`le`).
class LatencyHistogram {
public:
    static constexpr std::size_t kBounds = 11;
    using Bounds = std::array<std::int64_t, kBounds>; ///< upper bounds in nanoseconds, ascending

    /// The Prometheus client defaults, in seconds: 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10.
    static constexpr Bounds kDefaultBoundsNs{5'000'000,
        10'000'000,
        25'000'000,
        50'000'000,
        100'000'000,
        250'000'000,
        500'000'000,
        1'000'000'000,
        2'500'000'000,
        5'000'000'000,
        10'000'000'000};

    /// For latencies of a fraction of a millisecond (a group commit with its fsync), in seconds:
    /// 0.0001 0.00025 0.0005 0.001 0.002 0.005 0.01 0.025 0.05 0.1 0.25.
    static constexpr Bounds kFineBoundsNs{100'000,
        250'000,
        500'000,
        1'000'000,
        2'000'000,
        5'000'000,
        10'000'000,
        25'000'000,
        50'000'000,
        100'000'000,
        250'000'000};

    explicit LatencyHistogram(const Bounds& bounds_ns = kDefaultBoundsNs)
        : bounds_ns_(bounds_ns) { }

    /// A consistent-enough copy for rendering: `cumulative[i]` counts observations <= bound i,
    /// `cumulative[kBounds]` (+Inf) equals `count`.
    struct Snapshot {
        std::array<std::uint64_t, kBounds + 1> cumulative{};
        std::uint64_t count = 0;
        double sum_seconds = 0.0;
    };

    /// Records one latency; negative durations count as 0.
    void observe(std::chrono::nanoseconds latency) noexcept;

    /// Reads the buckets. Concurrent observe() calls may or may not be included, but the +Inf
    /// bucket always equals count (both come from the same bucket reads).
    Snapshot snapshot() const noexcept;

    /// The bound of bucket i in seconds (i < kBounds).
    double boundSeconds(std::size_t i) const;

private:
    Bounds bounds_ns_;
    std::array<std::atomic<std::uint64_t>, kBounds + 1> buckets_{}; ///< not cumulative
    std::atomic<std::uint64_t> sum_ns_{0};
};

} // namespace smppd
