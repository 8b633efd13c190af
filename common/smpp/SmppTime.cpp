#include "common/smpp/SmppTime.h"

#include <stdexcept>

namespace smpp {

std::optional<TimePoint> parseSmppTime(std::string_view, TimePoint)
{
    throw std::logic_error("not implemented yet");
}
bool isRelativeSmppTime(std::string_view) noexcept
{
    return false;
}
std::string formatSmppTime(TimePoint)
{
    throw std::logic_error("not implemented yet");
}
std::string formatSmppRelative(std::chrono::seconds)
{
    throw std::logic_error("not implemented yet");
}
std::string formatReceiptDate(TimePoint, bool)
{
    throw std::logic_error("not implemented yet");
}
std::optional<TimePoint> parseReceiptDate(std::string_view)
{
    throw std::logic_error("not implemented yet");
}

} // namespace smpp
