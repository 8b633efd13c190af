#pragma once

#include "common/smpp/DecodeError.h"
#include "common/smpp/Pdu.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace smpp {

/// The 16-octet SMPP header (SMPP 3.4 §3.2), read without interpreting the body.
struct Header {
    static constexpr std::size_t kSize = 16;
    std::uint32_t command_length = 0;
    std::uint32_t command_id = 0;
    std::uint32_t command_status = 0;
    std::uint32_t sequence_number = 0;
    bool operator==(const Header&) const = default;
};

/// Reads the header of a frame, so the server can run checklist §1 checks 3-6 (unknown id,
/// never-accepted request, wrong state) before decoding the body.
/// Throws DecodeError(InvalidCommandLength) if fewer than 16 octets are given.
Header peekHeader(std::span<const std::uint8_t> frame);

/// Decodes one whole frame (as produced by FrameSplitter: command_length == frame.size()).
/// Throws DecodeError with the status the peer should get (checklist §1 rows 7-8, §3, §5):
/// - frame shorter than 16, or command_length != frame.size(): InvalidCommandLength (0x02);
/// - unknown command_id: InvalidCommandId (0x03);
/// - body shorter than its mandatory fields: 0x02;
/// - a C-string with no NUL within its maximum size: that field's code (system_id 0x0F,
///   password 0x0E, system_type 0x53, service_type 0x15, source_addr 0x0A,
///   destination_addr 0x0B, message_id 0x0C, schedule 0x61, validity 0x62, dl_name 0x34);
///   no NUL before the end of a shorter body: 0x02;
/// - sm_length 255 or beyond the body, or message_payload with sm_length > 0: 0x01;
/// - submit_multi dest_flag not 1 or 2: 0x40;
/// - TLVs: overrun or 1-3 stray octets 0xC0, known tag of wrong length 0xC2, incomplete SAR
///   set 0xC3, SAR values outside 1 <= seqnum <= total 0xC4.
/// PDUs without TLVs skip trailing octets (command_length is authoritative); a response whose
/// body is empty decodes to its default body. Field semantics are checked by Validation.h.
Pdu decode(std::span<const std::uint8_t> frame);

/// Appends the wire form of pdu to out (reuse out across calls to avoid allocations).
/// An error response (command_status != 0) whose body equals its default is written header-only
/// (3.4 §4.4.2: submit_sm_resp and bind_*_resp may omit the body on error).
/// Throws std::invalid_argument for values that do not fit the wire format (short_message over
/// 254 octets, more than 255 destinations, a TLV over 65535 octets, dest_flag not 1 or 2).
void encodeTo(const Pdu& pdu, std::vector<std::uint8_t>& out);

/// The wire form of pdu in a new vector (see encodeTo).
std::vector<std::uint8_t> encode(const Pdu& pdu);

} // namespace smpp
