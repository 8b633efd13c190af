#include "common/smpp/FrameError.h"

namespace smpp {

FrameError::FrameError(CommandStatus status, std::uint32_t sequence_number, const std::string& what)
    : std::runtime_error(what),
      status_(status),
      sequence_number_(sequence_number)
{
}

} // namespace smpp
