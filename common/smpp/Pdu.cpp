#include "common/smpp/Pdu.h"

#include <type_traits>

namespace smpp {

CommandId commandId(const Body& body) noexcept
{
    return std::visit([](const auto& b) { return std::decay_t<decltype(b)>::kId; }, body);
}

} // namespace smpp
