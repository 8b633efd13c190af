#include "smppd/hermes/PushAssembly.h"

#include "common/text/Encoding.h"
#include "common/text/Udh.h"
#include "common/text/Utf8.h"

#include <fmt/format.h>

#include <cstdint>
#include <span>

namespace smppd {
namespace {

constexpr std::uint8_t kUdhi = 0x40;

std::span<const std::uint8_t> bodyOf(const Message& part)
{
    const std::span<const std::uint8_t> octets(
        reinterpret_cast<const std::uint8_t*>(part.payload.data()), part.payload.size());
    if ((part.esm_class & kUdhi) == 0) {
        return octets;
    }
    const auto udh = smpp::text::parseUdh(octets);
    return udh.valid ? octets.subspan(udh.body_offset) : octets;
}

/// Same text as formatMessageId() (store/Message.h), kept here so the pusher has no link
/// dependency on the store.
std::string wireId(std::int64_t id, MessageIdFormat format)
{
    return format == MessageIdFormat::Hex ? fmt::format("{:x}", id) : std::to_string(id);
}

} // namespace

HermesPush assemblePush(const std::vector<Message>& parts, MessageIdFormat id_format)
{
    const Message& first = parts.front();
    std::vector<std::uint8_t> joined;
    for (const Message& part : parts) {
        const auto body = bodyOf(part);
        joined.insert(joined.end(), body.begin(), body.end());
    }
    HermesPush push;
    push.id = wireId(first.id, id_format);
    push.campaign = first.campaign.empty() ? first.destination_addr : first.campaign;
    push.from = first.source_addr;
    push.to = first.destination_addr;
    push.text = smpp::text::sanitizeUtf8(smpp::text::decodeToUtf8(joined, first.data_coding));
    push.system_id = first.origin;
    push.received_at =
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(first.submit_time);
    push.parts = static_cast<int>(parts.size());
    return push;
}

} // namespace smppd
