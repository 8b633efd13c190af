#include "common/smpp/FrameSplitter.h"

#include "common/smpp/WireReader.h"

#include <algorithm>
#include <string>

namespace smpp {

namespace {

constexpr std::size_t kHeaderSize = 16;

} // namespace

FrameSplitter::FrameSplitter(std::size_t max_frame_length)
    : max_frame_length_(std::max(max_frame_length, kHeaderSize))
{
}

void FrameSplitter::feed(std::span<const std::uint8_t> bytes)
{
    compact();
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<std::vector<std::uint8_t>> FrameSplitter::next()
{
    const auto view = nextView();
    if (!view) {
        return std::nullopt;
    }
    return std::vector<std::uint8_t>(view->begin(), view->end());
}

std::optional<std::span<const std::uint8_t>> FrameSplitter::nextView()
{
    if (failed_) {
        throw FrameError(
            CommandStatus::InvalidCommandLength, failed_sequence_, "stream already failed framing");
    }
    const std::size_t available = buffered();
    if (available < 4) {
        return std::nullopt;
    }
    const std::uint32_t command_length = bigEndianU32(buffer_, read_pos_);
    checkLength(command_length);
    if (available < command_length) {
        return std::nullopt;
    }
    const auto frame = std::span<const std::uint8_t>(buffer_).subspan(read_pos_, command_length);
    read_pos_ += command_length;
    return frame;
}

void FrameSplitter::checkLength(std::uint32_t command_length)
{
    if (command_length >= kHeaderSize && command_length <= max_frame_length_) {
        return;
    }
    failed_ = true;
    failed_sequence_ = buffered() >= kHeaderSize ? bigEndianU32(buffer_, read_pos_ + 12) : 0;
    throw FrameError(CommandStatus::InvalidCommandLength,
        failed_sequence_,
        "invalid command_length " + std::to_string(command_length));
}

void FrameSplitter::compact()
{
    // Drop consumed bytes before appending: the vector's capacity is reused, so a steady stream
    // of frames costs no allocation. Spans from nextView() are invalidated here, as documented.
    if (read_pos_ == 0) {
        return;
    }
    if (read_pos_ == buffer_.size()) {
        buffer_.clear();
    } else {
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_pos_));
    }
    read_pos_ = 0;
}

} // namespace smpp
