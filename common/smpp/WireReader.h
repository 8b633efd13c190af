#pragma once

#include "common/smpp/CommandStatus.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace smpp {

/// The big-endian 32-bit integer at bytes[offset..offset+4); the caller checks the bounds.
/// The one reader of SMPP's 4-octet integers: header fields, framing and WireReader::u32.
constexpr std::uint32_t bigEndianU32(
    std::span<const std::uint8_t> bytes, std::size_t offset) noexcept
{
    return (std::uint32_t{bytes[offset]} << 24) | (std::uint32_t{bytes[offset + 1]} << 16)
        | (std::uint32_t{bytes[offset + 2]} << 8) | std::uint32_t{bytes[offset + 3]};
}

/// Internal to the codec: a bounds-checked big-endian cursor over one PDU body.
/// Every failure throws DecodeError carrying the PDU's command_id and sequence_number.
class WireReader {
public:
    WireReader(std::span<const std::uint8_t> body,
        std::uint32_t command_id,
        std::uint32_t sequence_number) noexcept
        : data_(body),
          command_id_(command_id),
          sequence_number_(sequence_number)
    {
    }

    /// Octets left in the body.
    std::size_t remaining() const noexcept { return data_.size() - pos_; }
    /// True when the whole body has been read.
    bool atEnd() const noexcept { return pos_ == data_.size(); }

    /// Integers; a body too short for them is InvalidCommandLength (checklist §1 row 7).
    std::uint8_t u8()
    {
        need(1);
        return data_[pos_++];
    }
    std::uint16_t u16()
    {
        need(2);
        const auto value = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
        pos_ += 2;
        return value;
    }
    std::uint32_t u32()
    {
        need(4);
        const std::uint32_t value = bigEndianU32(data_, pos_);
        pos_ += 4;
        return value;
    }

    /// A C-string of at most max_size octets including its NUL, returned without the NUL.
    /// No NUL within max_size octets: too_long; no NUL before a shorter end: InvalidCommandLength.
    std::string cString(std::size_t max_size, CommandStatus too_long, const char* field);

    /// The next n octets; fewer left: fails with status.
    std::string octets(std::size_t n, CommandStatus status, const char* field);

    /// Throws DecodeError(status) naming this PDU.
    [[noreturn]] void fail(CommandStatus status, const std::string& what) const;

private:
    void need(std::size_t n) const
    {
        if (remaining() < n) {
            fail(CommandStatus::InvalidCommandLength, "body shorter than its mandatory fields");
        }
    }

    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
    std::uint32_t command_id_;
    std::uint32_t sequence_number_;
};

} // namespace smpp
