#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace smpp {

/// Internal to the codec: appends big-endian fields to a caller-owned buffer.
class WireWriter {
public:
    explicit WireWriter(std::vector<std::uint8_t>& out) noexcept : out_(out) { }

    void u8(std::uint8_t value) { out_.push_back(value); }
    void u16(std::uint16_t value)
    {
        out_.push_back(static_cast<std::uint8_t>(value >> 8));
        out_.push_back(static_cast<std::uint8_t>(value));
    }
    void u32(std::uint32_t value)
    {
        u16(static_cast<std::uint16_t>(value >> 16));
        u16(static_cast<std::uint16_t>(value));
    }
    /// The text then a NUL.
    void cString(std::string_view text)
    {
        octets(text);
        out_.push_back(0);
    }
    /// Raw octets, no terminator.
    void octets(std::string_view bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }

    /// Overwrites 4 octets at offset with value (big-endian).
    void patchU32(std::size_t offset, std::uint32_t value) noexcept
    {
        out_[offset] = static_cast<std::uint8_t>(value >> 24);
        out_[offset + 1] = static_cast<std::uint8_t>(value >> 16);
        out_[offset + 2] = static_cast<std::uint8_t>(value >> 8);
        out_[offset + 3] = static_cast<std::uint8_t>(value);
    }

private:
    std::vector<std::uint8_t>& out_;
};

} // namespace smpp
