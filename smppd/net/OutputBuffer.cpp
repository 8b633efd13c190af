#include "smppd/net/OutputBuffer.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketDefs.h>

namespace smppd {
namespace {

/// "Would block" from a non-blocking socket, which Poco reports as an exception on send.
bool wouldBlock(const Poco::Exception& e)
{
    return e.code() == POCO_EWOULDBLOCK || e.code() == POCO_EAGAIN;
}

/// Sends what the socket takes now: the count, 0 when its buffer is full.
std::size_t sendSome(Poco::Net::StreamSocket& socket, const std::uint8_t* data, std::size_t size)
{
    try {
        const int n = socket.sendBytes(data, static_cast<int>(size));
        return n > 0 ? static_cast<std::size_t>(n) : 0;
    } catch (const Poco::IOException& e) {
        if (wouldBlock(e)) {
            return 0;
        }
        throw;
    }
}

} // namespace

void OutputBuffer::sendTo(Poco::Net::StreamSocket& socket)
{
    while (sent_ < bytes_.size()) {
        const auto n = sendSome(socket, bytes_.data() + sent_, bytes_.size() - sent_);
        if (n == 0) {
            break; // the socket's buffer is full: wait until it is writable
        }
        sent_ += n;
    }
    if (sent_ == bytes_.size()) {
        bytes_.clear();
        sent_ = 0;
    } else if (sent_ > bytes_.size() / 2) { // keep the buffer from growing at the front
        bytes_.erase(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(sent_));
        sent_ = 0;
    }
}

} // namespace smppd
