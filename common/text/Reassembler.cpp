#include "common/text/Reassembler.h"

#include <algorithm>

namespace smpp::text {

namespace {

Reassembled standalone(std::span<const std::uint8_t> body, std::uint8_t data_coding)
{
    return Reassembled{std::vector<std::uint8_t>(body.begin(), body.end()), data_coding, 1};
}

bool isMultipart(const ConcatInfo& info) noexcept
{
    return info.total > 1 && info.seq >= 1 && info.seq <= info.total;
}

} // namespace

Reassembler::Reassembler(std::size_t max_pending_sets)
    : max_pending_sets_(std::max<std::size_t>(max_pending_sets, 1))
{
}

std::optional<Reassembled> Reassembler::acceptUdh(const std::string& key,
    std::span<const std::uint8_t> short_message,
    bool udhi,
    std::uint8_t data_coding,
    TimePoint now)
{
    if (!udhi) {
        return standalone(short_message, data_coding);
    }
    const UdhInfo udh = parseUdh(short_message);
    if (!udh.valid) {
        return standalone(short_message, data_coding);
    }
    const auto body = short_message.subspan(udh.body_offset);
    if (!udh.concat) {
        return standalone(body, data_coding);
    }
    return acceptPart(key, *udh.concat, body, data_coding, now);
}

std::optional<Reassembled> Reassembler::acceptSar(const std::string& key,
    std::uint16_t reference,
    std::uint8_t total,
    std::uint8_t seq,
    std::span<const std::uint8_t> body,
    std::uint8_t data_coding,
    TimePoint now)
{
    const ConcatInfo info{reference, total, seq, ConcatRef::Bits16};
    return acceptPart(key, info, body, data_coding, now);
}

std::optional<Reassembled> Reassembler::acceptPart(const std::string& key,
    const ConcatInfo& info,
    std::span<const std::uint8_t> body,
    std::uint8_t data_coding,
    TimePoint now)
{
    if (!isMultipart(info)) {
        return standalone(body, data_coding);
    }
    const SetKey set_key{key, info.reference};
    PendingSet& set = findOrCreate(set_key, info, data_coding, now);
    const std::size_t index = info.seq - 1U;
    if (set.have[index]) {
        return std::nullopt; // duplicate: the first copy wins
    }
    set.have[index] = true;
    set.bodies[index].assign(body.begin(), body.end());
    ++set.received;
    if (set.received < set.total) {
        return std::nullopt;
    }
    Reassembled done = join(set);
    sets_.erase(set_key);
    return done;
}

std::size_t Reassembler::evictOlderThan(TimePoint cutoff)
{
    return std::erase_if(
        sets_, [cutoff](const auto& entry) { return entry.second.first_seen < cutoff; });
}

Reassembler::PendingSet& Reassembler::findOrCreate(
    const SetKey& key, const ConcatInfo& info, std::uint8_t dc, TimePoint now)
{
    auto it = sets_.find(key);
    if (it != sets_.end() && it->second.total == info.total) {
        return it->second;
    }
    if (it != sets_.end()) {
        sets_.erase(it); // same reference, different TT: a new message reused the reference
    } else if (sets_.size() >= max_pending_sets_) {
        evictOldest();
    }
    PendingSet fresh;
    fresh.total = info.total;
    fresh.data_coding = dc;
    fresh.first_seen = now;
    fresh.bodies.resize(info.total);
    fresh.have.assign(info.total, false);
    return sets_.insert_or_assign(key, std::move(fresh)).first->second;
}

void Reassembler::evictOldest()
{
    const auto oldest = std::min_element(sets_.begin(),
        sets_.end(),
        [](const auto& a, const auto& b) { return a.second.first_seen < b.second.first_seen; });
    if (oldest != sets_.end()) {
        sets_.erase(oldest);
    }
}

Reassembled Reassembler::join(PendingSet& set)
{
    Reassembled out;
    out.data_coding = set.data_coding;
    out.parts = set.total;
    std::size_t size = 0;
    for (const auto& b : set.bodies) {
        size += b.size();
    }
    out.payload.reserve(size);
    for (const auto& b : set.bodies) {
        out.payload.insert(out.payload.end(), b.begin(), b.end());
    }
    return out;
}

} // namespace smpp::text
