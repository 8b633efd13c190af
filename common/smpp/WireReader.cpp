#include "common/smpp/WireReader.h"

#include "common/smpp/DecodeError.h"

#include <algorithm>

namespace smpp {

std::string WireReader::cString(std::size_t max_size, CommandStatus too_long, const char* field)
{
    const std::size_t window = std::min(max_size, remaining());
    const auto begin = data_.begin() + static_cast<std::ptrdiff_t>(pos_);
    const auto end = begin + static_cast<std::ptrdiff_t>(window);
    const auto nul = std::find(begin, end, std::uint8_t{0});
    if (nul == end) {
        if (window < max_size) {
            fail(
                CommandStatus::InvalidCommandLength, std::string(field) + ": body ends before NUL");
        }
        fail(too_long,
            std::string(field) + ": no NUL within " + std::to_string(max_size) + " octets");
    }
    std::string value(begin, nul);
    pos_ += value.size() + 1;
    return value;
}

std::string WireReader::octets(std::size_t n, CommandStatus status, const char* field)
{
    if (remaining() < n) {
        fail(status, std::string(field) + ": length runs past the end of the PDU");
    }
    const auto begin = data_.begin() + static_cast<std::ptrdiff_t>(pos_);
    pos_ += n;
    return std::string(begin, begin + static_cast<std::ptrdiff_t>(n));
}

void WireReader::fail(CommandStatus status, const std::string& what) const
{
    throw DecodeError(status, command_id_, sequence_number_, what);
}

} // namespace smpp
