#include "smppd/net/Waker.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>

namespace smppd {

Waker::Waker() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0), false)
{
    // Connected to itself: sendBytes() needs no address and only our own datagrams arrive.
    socket_.connect(socket_.address());
    // Neither side may block: wake() runs on the store writer / Router threads, and reset()
    // drains until "would block".
    socket_.setBlocking(false);
}

void Waker::wake() noexcept
{
    if (pending_.exchange(true, std::memory_order_acq_rel)) {
        return; // already woken and not yet reset: no syscall
    }
    const char one = 1;
    try {
        socket_.sendBytes(&one, 1);
    } catch (const Poco::Exception&) {
        // Only possible if the socket buffer is full, i.e. a wake-up is already pending anyway.
    }
}

void Waker::reset() noexcept
{
    char buffer[64];
    try {
        // Non-blocking: Poco returns a negative count (or throws) once the socket is empty.
        while (socket_.receiveBytes(buffer, static_cast<int>(sizeof(buffer))) > 0) { }
    } catch (const Poco::Exception&) {
        // "would block" reported as an exception: drained
    }
    pending_.store(false, std::memory_order_release);
}

} // namespace smppd
