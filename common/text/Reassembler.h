#pragma once

#include "common/text/Udh.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace smpp::text {

/// A complete message: the bodies of all parts in order (UDH stripped), ready for
/// decodeToUtf8(payload, data_coding).
struct Reassembled {
    std::vector<std::uint8_t> payload;
    std::uint8_t data_coding = 0;
    std::uint8_t parts = 1; ///< 1 for a standalone message

    bool operator==(const Reassembled&) const = default;
};

/// Collects the parts of concatenated messages until a set is complete. Pure: no clock, no
/// I/O, not thread-safe (one per session or guarded by the caller).
///
/// Sets are keyed by (caller key, reference); the key should identify the conversation, e.g.
/// "system_id|source_addr|destination_addr". Parts may arrive in any order; a duplicate
/// (same SS) is ignored, the first copy wins. A part whose TT differs from the pending set's
/// starts a new set (the old one is abandoned). The data_coding of the first part received
/// is reported for the whole message.
class Reassembler {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    /// `max_pending_sets` bounds memory: when a new set would exceed it, the set whose first
    /// part is oldest is dropped.
    explicit Reassembler(std::size_t max_pending_sets = 10000);

    /// Accepts a short_message whose concatenation, if any, is in its UDH. `udhi` is
    /// esm_class & 0x40. Returns the message when it is standalone or completes a set,
    /// std::nullopt while parts are missing. Standalone cases: udhi false (octets returned
    /// as they are); a UDH with no concat IE, or one with TT = 0, SS out of range or TT = 1
    /// (body after the UDH); a UDH longer than the message (octets returned as they are; the
    /// codec should have refused it with 0x01 already). `now` stamps a new set for eviction.
    std::optional<Reassembled> acceptUdh(const std::string& key,
        std::span<const std::uint8_t> short_message,
        bool udhi,
        std::uint8_t data_coding,
        TimePoint now);

    /// Accepts a part described by the SAR TLVs (sar_msg_ref_num, sar_total_segments,
    /// sar_segment_seqnum) given as plain integers; `body` has no UDH. TT = 0, SS = 0 or
    /// SS > TT (or TT = 1) make the part standalone. Same return contract as acceptUdh().
    std::optional<Reassembled> acceptSar(const std::string& key,
        std::uint16_t reference,
        std::uint8_t total,
        std::uint8_t seq,
        std::span<const std::uint8_t> body,
        std::uint8_t data_coding,
        TimePoint now);

    /// Accepts one part already described by `info` (validated by the caller or parseUdh).
    /// Same return contract as acceptUdh().
    std::optional<Reassembled> acceptPart(const std::string& key,
        const ConcatInfo& info,
        std::span<const std::uint8_t> body,
        std::uint8_t data_coding,
        TimePoint now);

    /// Drops every incomplete set whose first part arrived before `cutoff` (e.g.
    /// now - 10 min). Returns how many were dropped.
    std::size_t evictOlderThan(TimePoint cutoff);

    /// Number of incomplete sets held.
    std::size_t pendingSets() const noexcept { return sets_.size(); }

private:
    struct PendingSet {
        std::uint8_t total = 0;
        std::uint8_t data_coding = 0;
        TimePoint first_seen{};
        std::size_t received = 0;
        std::vector<std::vector<std::uint8_t>> bodies;
        std::vector<bool> have;
    };
    using SetKey = std::pair<std::string, std::uint16_t>;

    PendingSet& findOrCreate(
        const SetKey& key, const ConcatInfo& info, std::uint8_t dc, TimePoint now);
    void evictOldest();
    static Reassembled join(PendingSet& set);

    std::size_t max_pending_sets_;
    std::map<SetKey, PendingSet> sets_;
};

} // namespace smpp::text
