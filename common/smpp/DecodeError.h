#pragma once

#include "common/smpp/CommandStatus.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace smpp {

/// Untrusted bytes that do not form a valid PDU (style.md error kind (a)).
/// Carries the status to answer with and, when the header was readable, the command_id and
/// sequence_number, so the connection can send the matching *_resp (or generic_nack) and go on.
class DecodeError : public std::runtime_error {
public:
    /// what: a short reason for logs, e.g. "source_addr: no NUL within 21 octets".
    DecodeError(CommandStatus status,
        std::uint32_t command_id,
        std::uint32_t sequence_number,
        const std::string& what);

    /// The command_status to answer with (e.g. InvalidCommandLength, InvalidTlvStream).
    CommandStatus status() const noexcept { return status_; }
    /// The command_id from the header (0 if the header was not readable).
    std::uint32_t commandId() const noexcept { return command_id_; }
    /// The sequence_number from the header (0 if the header was not readable).
    std::uint32_t sequenceNumber() const noexcept { return sequence_number_; }

private:
    CommandStatus status_;
    std::uint32_t command_id_;
    std::uint32_t sequence_number_;
};

} // namespace smpp
