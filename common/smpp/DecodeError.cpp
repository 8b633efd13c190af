#include "common/smpp/DecodeError.h"

namespace smpp {

DecodeError::DecodeError(CommandStatus status,
    std::uint32_t command_id,
    std::uint32_t sequence_number,
    const std::string& what)
    : std::runtime_error(what),
      status_(status),
      command_id_(command_id),
      sequence_number_(sequence_number)
{
}

} // namespace smpp
