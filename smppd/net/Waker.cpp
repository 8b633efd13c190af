#include "smppd/net/Waker.h"

#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>
#if defined(__linux__)
#include <sys/eventfd.h>
#endif

namespace smppd {

Waker::Waker()
{
#if defined(__linux__)
    read_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (read_fd_ < 0) {
        throw std::system_error(errno, std::generic_category(), "eventfd");
    }
    write_fd_ = read_fd_;
#else
    int fds[2];
    if (::pipe(fds) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe");
    }
    for (const int fd : fds) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    read_fd_ = fds[0];
    write_fd_ = fds[1];
#endif
}

Waker::~Waker()
{
    ::close(read_fd_);
    if (write_fd_ != read_fd_) {
        ::close(write_fd_);
    }
}

void Waker::wake() noexcept
{
    if (pending_.exchange(true, std::memory_order_acq_rel)) {
        return; // already woken and not yet reset: no syscall
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n =
        ::write(write_fd_, &one, write_fd_ == read_fd_ ? sizeof(one) : 1);
}

void Waker::reset() noexcept
{
    std::uint64_t value = 0;
    while (::read(read_fd_, &value, sizeof(value)) > 0) { }
    pending_.store(false, std::memory_order_release);
}

} // namespace smppd
