#pragma once

#include "common/smpp/FrameError.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace smpp {

/// Splits an SMPP byte stream into whole frames by command_length (like muduo's
/// LengthHeaderCodec). Sans-I/O: the connection feeds whatever the socket returned, in any
/// chunking, then drains frames:
///
///     splitter.feed(bytes);
///     while (auto frame = splitter.nextView()) { handle(*frame); }
///
/// A command_length below 16 or above maxFrameLength() throws FrameError as soon as the
/// length field is readable, without reserving the claimed size. The buffer is reused
/// (amortised: consumed bytes are dropped by moving the tail down, no per-byte allocation).
class FrameSplitter {
public:
    /// Checklist §1 row 2 POLICY cap: 65,536 octets.
    static constexpr std::size_t kDefaultMaxFrameLength = 65536;

    /// max_frame_length: the largest command_length accepted (must be >= 16).
    explicit FrameSplitter(std::size_t max_frame_length = kDefaultMaxFrameLength);

    /// Appends received bytes. Does not parse; frames are extracted by next()/nextView().
    void feed(std::span<const std::uint8_t> bytes);

    /// The next whole frame as a copy (command_length == size()), or nullopt if none is complete.
    /// Throws FrameError for an invalid command_length (then every later call throws too).
    std::optional<std::vector<std::uint8_t>> next();

    /// Like next() but without copying: the span stays valid until the next call to feed(),
    /// next() or nextView().
    std::optional<std::span<const std::uint8_t>> nextView();

    /// True if some bytes of an incomplete frame are buffered (start the partial-PDU timer).
    bool hasPartial() const noexcept { return buffered() > 0; }

    /// Number of bytes buffered and not yet returned as a frame.
    std::size_t buffered() const noexcept { return buffer_.size() - read_pos_; }

    /// The configured cap on command_length.
    std::size_t maxFrameLength() const noexcept { return max_frame_length_; }

private:
    void compact();
    void checkLength(std::uint32_t command_length);

    std::vector<std::uint8_t> buffer_;
    std::size_t read_pos_ = 0;
    std::size_t max_frame_length_;
    bool failed_ = false;
    std::uint32_t failed_sequence_ = 0;
};

} // namespace smpp
