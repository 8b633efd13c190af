#pragma once

#include "tests/bench/LatencyHistogram.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_set>
#include <vector>

namespace bench {

/// What one event loop counted; merged over threads at the end of a run.
struct BenchStats {
    unsigned sessions_bound = 0;
    unsigned bind_failures = 0;
    std::uint64_t submitted = 0; ///< submit_sm written
    std::uint64_t responses_ok = 0; ///< submit_sm_resp with status 0
    std::uint64_t responses_in_load = 0; ///< submit_sm_resp (status 0) received during --duration
    std::uint64_t receipts = 0; ///< deliver_sm with esm_class 0x04 received
    std::uint64_t receipts_matched = 0; ///< receipts whose id matches a submit_sm_resp id (set by
                                        ///< matchReceipts() after the merge)
    std::uint64_t receipts_distinct = 0; ///< receipts with an id not seen before (in this loop)
    std::uint64_t receipts_duplicate = 0; ///< receipts minus distinct ids (set after the merge)
    std::uint64_t other_deliver = 0; ///< deliver_sm that are not receipts
    std::uint64_t generic_nacks = 0;
    std::uint64_t disconnects = 0; ///< sessions closed by the server or by an I/O error
    std::int64_t drained_ns = 0; ///< when the drain ended (all receipts in, or its deadline)
    std::map<std::uint32_t, std::uint64_t> errors; ///< submit_sm_resp command_status -> count
    std::map<std::uint32_t, std::uint64_t> bind_errors; ///< bind_*_resp command_status -> count
    LatencyHistogram latency; ///< submit_sm -> submit_sm_resp, microseconds
    std::vector<std::uint64_t> resp_ids; ///< keys of the submit_sm_resp ids (with --receipts)
    std::vector<std::uint64_t> receipt_ids; ///< keys of the receipted ids
    std::unordered_set<std::uint64_t>
        receipt_seen; ///< this loop's distinct receipt keys (not merged)

    /// Adds other's counts into this.
    void merge(const BenchStats& other)
    {
        sessions_bound += other.sessions_bound;
        bind_failures += other.bind_failures;
        submitted += other.submitted;
        responses_ok += other.responses_ok;
        responses_in_load += other.responses_in_load;
        receipts += other.receipts;
        receipts_distinct += other.receipts_distinct;
        receipts_matched += other.receipts_matched;
        other_deliver += other.other_deliver;
        generic_nacks += other.generic_nacks;
        disconnects += other.disconnects;
        drained_ns = std::max(drained_ns, other.drained_ns);
        for (const auto& [status, n] : other.errors) {
            errors[status] += n;
        }
        for (const auto& [status, n] : other.bind_errors) {
            bind_errors[status] += n;
        }
        latency.merge(other.latency);
        resp_ids.insert(resp_ids.end(), other.resp_ids.begin(), other.resp_ids.end());
        receipt_ids.insert(receipt_ids.end(), other.receipt_ids.begin(), other.receipt_ids.end());
    }
};

} // namespace bench
