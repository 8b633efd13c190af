#pragma once

#include "tests/bench/BenchOptions.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bench {

/// The PDUs smpp-bench sends, encoded once with smpp::encode; each send copies one and patches
/// its sequence_number, so the hot path does no encoding and no allocation.
struct PduTemplates {
    std::vector<std::uint8_t> bind; ///< bind_transceiver
    std::vector<std::uint8_t> submit; ///< submit_sm (registered_delivery 1 with --receipts)
    std::vector<std::uint8_t> deliver_resp; ///< deliver_sm_resp, empty message_id
    std::vector<std::uint8_t> enquire_link_resp;
    std::vector<std::uint8_t> unbind;
    std::vector<std::uint8_t> unbind_resp;

    /// Encodes the templates for these options.
    static PduTemplates make(const BenchOptions& options);

    /// Appends tmpl to out with its sequence_number set to seq.
    static void append(
        std::vector<std::uint8_t>& out, const std::vector<std::uint8_t>& tmpl, std::uint32_t seq);
};

} // namespace bench
