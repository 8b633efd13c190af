#include "common/smpp/Validation.h"

namespace smpp {

bool isValidTon(std::uint8_t) noexcept
{
    return true;
}
bool isValidNpi(std::uint8_t) noexcept
{
    return true;
}
bool isReservedDataCoding(std::uint8_t) noexcept
{
    return false;
}
bool isValidEsmeEsmClass(std::uint8_t) noexcept
{
    return true;
}
bool isValidRegisteredDelivery(std::uint8_t, std::uint8_t) noexcept
{
    return true;
}
CommandStatus validateContent(std::uint8_t, std::uint8_t, std::string_view) noexcept
{
    return CommandStatus::Ok;
}
CommandStatus validateScheduleTime(std::string_view, TimePoint)
{
    return CommandStatus::Ok;
}
CommandStatus validateValidityPeriod(std::string_view, TimePoint)
{
    return CommandStatus::Ok;
}
CommandStatus validateSubmitSm(const SubmitSm&, std::uint8_t, TimePoint)
{
    return CommandStatus::Ok;
}
CommandStatus validateDataSm(const DataSm&, std::uint8_t)
{
    return CommandStatus::Ok;
}
CommandStatus validateSubmitMulti(const SubmitMulti&, std::uint8_t, TimePoint)
{
    return CommandStatus::Ok;
}
CommandStatus validateReplaceSm(const ReplaceSm&, std::uint8_t, TimePoint)
{
    return CommandStatus::Ok;
}
CommandStatus validateQuerySm(const QuerySm&)
{
    return CommandStatus::Ok;
}
CommandStatus validateCancelSm(const CancelSm&)
{
    return CommandStatus::Ok;
}

} // namespace smpp
