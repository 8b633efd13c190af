#pragma once

#include <Poco/Net/StreamSocket.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace smppd {

/// The bytes a non-blocking connection owes its peer: appended whole, written as far as the
/// socket takes them, the rest kept for when it is writable again. Never blocks. One thread
/// (the connection's loop).
class OutputBuffer {
public:
    void append(std::span<const std::uint8_t> bytes)
    {
        bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    }
    /// The buffer to append to directly (Session::takeOutput, TlsTransport::takeCiphertext).
    std::vector<std::uint8_t>& tail() { return bytes_; }

    /// Writes what `socket` takes now. Throws Poco::Exception when the socket fails (not when
    /// it would block).
    void sendTo(Poco::Net::StreamSocket& socket);

    /// Bytes not written yet.
    std::size_t waiting() const { return bytes_.size() - sent_; }
    bool empty() const { return waiting() == 0; }

private:
    std::vector<std::uint8_t> bytes_;
    std::size_t sent_ = 0; ///< bytes at the front of bytes_ already written
};

} // namespace smppd
