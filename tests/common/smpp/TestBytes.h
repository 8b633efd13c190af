#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace smpp::test {

/// Bytes from hex text; spaces are ignored ("0000001d 80000009").
inline std::vector<std::uint8_t> hex(std::string_view text)
{
    std::vector<std::uint8_t> out;
    int high = -1;
    for (const char c : text) {
        if (c == ' ') {
            continue;
        }
        const int nibble = (c >= '0' && c <= '9') ? c - '0'
            : (c >= 'a' && c <= 'f')              ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')              ? c - 'A' + 10
                                                  : throw std::invalid_argument("bad hex");
        if (high < 0) {
            high = nibble;
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + nibble));
            high = -1;
        }
    }
    return out;
}

/// Builds a PDU body field by field, then frames it with a header (command_length computed
/// unless given), for hand-made malformed inputs.
class BodyBuilder {
public:
    BodyBuilder& u8(std::uint8_t v)
    {
        body_.push_back(v);
        return *this;
    }
    BodyBuilder& u16(std::uint16_t v)
    {
        u8(static_cast<std::uint8_t>(v >> 8));
        return u8(static_cast<std::uint8_t>(v));
    }
    BodyBuilder& u32(std::uint32_t v)
    {
        u16(static_cast<std::uint16_t>(v >> 16));
        return u16(static_cast<std::uint16_t>(v));
    }
    /// Text plus NUL.
    BodyBuilder& cstr(std::string_view text)
    {
        raw(text);
        return u8(0);
    }
    /// Text without NUL.
    BodyBuilder& raw(std::string_view text)
    {
        body_.insert(body_.end(), text.begin(), text.end());
        return *this;
    }
    BodyBuilder& tlv(std::uint16_t tag, std::string_view value)
    {
        u16(tag);
        u16(static_cast<std::uint16_t>(value.size()));
        return raw(value);
    }

    /// The whole frame: header (command_length = 16 + body unless overridden) + body.
    std::vector<std::uint8_t> frame(std::uint32_t command_id,
        std::uint32_t sequence_number = 1,
        std::uint32_t command_status = 0) const
    {
        BodyBuilder header;
        header.u32(static_cast<std::uint32_t>(16 + body_.size()))
            .u32(command_id)
            .u32(command_status)
            .u32(sequence_number);
        std::vector<std::uint8_t> out = header.body_;
        out.insert(out.end(), body_.begin(), body_.end());
        return out;
    }

private:
    std::vector<std::uint8_t> body_;
};

} // namespace smpp::test
