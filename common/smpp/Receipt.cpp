#include "common/smpp/Receipt.h"

#include <stdexcept>

namespace smpp {

std::string_view statName(MessageState) noexcept
{
    return "UNKNOWN";
}
std::optional<MessageState> parseStat(std::string_view) noexcept
{
    return std::nullopt;
}
bool isFinal(MessageState) noexcept
{
    return false;
}
std::string formatReceipt(const DeliveryReceipt&)
{
    throw std::logic_error("not implemented yet");
}
std::optional<DeliveryReceipt> parseReceipt(std::string_view)
{
    throw std::logic_error("not implemented yet");
}

} // namespace smpp
