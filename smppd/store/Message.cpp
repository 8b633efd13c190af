#include "smppd/store/Message.h"

#include <charconv>
#include <cstdio>

namespace smppd {

bool wantsReceipt(std::uint8_t registered_delivery, smpp::MessageState state) noexcept
{
    if (!smpp::isFinal(state)) {
        return false;
    }
    switch (registered_delivery & 0x03) {
    case 0x01:
        return true;
    case 0x02:
        return state != smpp::MessageState::Delivered;
    default:
        return false; // 0: none; 3: reserved in 3.4 (refused at submit), success-only in v5
    }
}

std::string formatMessageId(std::int64_t id, MessageIdFormat format)
{
    char buffer[32];
    const int base = format == MessageIdFormat::Hex ? 16 : 10;
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, id, base);
    static_cast<void>(ec); // 32 characters always hold an int64
    return std::string(buffer, end);
}

std::optional<std::int64_t> parseMessageId(std::string_view text, MessageIdFormat format)
{
    if (text.empty() || text.size() > 18) {
        return std::nullopt;
    }
    const int base = format == MessageIdFormat::Hex ? 16 : 10;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
        return std::nullopt;
    }
    return value;
}

} // namespace smppd
