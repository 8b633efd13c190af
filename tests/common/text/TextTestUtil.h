#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace smpp::text::test {

/// Octets from a list of integers: bytes({0x1B, 0x65}).
inline std::vector<std::uint8_t> bytes(std::initializer_list<int> values)
{
    std::vector<std::uint8_t> out;
    out.reserve(values.size());
    for (const int v : values) {
        out.push_back(static_cast<std::uint8_t>(v));
    }
    return out;
}

/// Octets of a string, byte for byte.
inline std::vector<std::uint8_t> bytesOf(std::string_view s)
{
    return std::vector<std::uint8_t>(s.begin(), s.end());
}

/// `text` repeated `n` times.
inline std::string repeat(std::string_view text, std::size_t n)
{
    std::string out;
    out.reserve(text.size() * n);
    for (std::size_t i = 0; i < n; ++i) {
        out.append(text);
    }
    return out;
}

} // namespace smpp::text::test
