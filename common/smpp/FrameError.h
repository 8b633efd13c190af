#pragma once

#include "common/smpp/CommandStatus.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace smpp {

/// The byte stream cannot be framed any further: command_length < 16 or over the cap
/// (checklist §1 rows 1-2). The connection answers generic_nack status() with sequenceNumber()
/// and closes; the FrameSplitter that threw stays in the failed state.
class FrameError : public std::runtime_error {
public:
    FrameError(CommandStatus status, std::uint32_t sequence_number, const std::string& what);

    /// Always InvalidCommandLength (0x02) today.
    CommandStatus status() const noexcept { return status_; }
    /// The header's sequence_number if 16 octets were buffered, else 0.
    std::uint32_t sequenceNumber() const noexcept { return sequence_number_; }

private:
    CommandStatus status_;
    std::uint32_t sequence_number_;
};

} // namespace smpp
