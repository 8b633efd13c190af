#include "common/smpp/Codec.h"

#include <stdexcept>

namespace smpp {

Header peekHeader(std::span<const std::uint8_t>)
{
    throw std::logic_error("smpp::peekHeader: not implemented yet");
}

Pdu decode(std::span<const std::uint8_t>)
{
    throw std::logic_error("smpp::decode: not implemented yet");
}

void encodeTo(const Pdu&, std::vector<std::uint8_t>&)
{
    throw std::logic_error("smpp::encodeTo: not implemented yet");
}

std::vector<std::uint8_t> encode(const Pdu& pdu)
{
    std::vector<std::uint8_t> out;
    encodeTo(pdu, out);
    return out;
}

} // namespace smpp
