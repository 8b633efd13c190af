// POSIX end points of the heartbeat pipe: a FIFO in the run directory.
#include "common/ipc/HeartbeatPipe.h"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace ipc {

namespace {

[[noreturn]] void throwErrno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

/// Removes a stale FIFO left by a launcher that died; refuses to touch anything else.
void removeStaleFifo(const std::string& name)
{
    struct stat st { };
    if (::lstat(name.c_str(), &st) != 0) {
        return;
    }
    if (!S_ISFIFO(st.st_mode)) {
        errno = EEXIST;
        throwErrno("heartbeat pipe path exists and is not a FIFO: " + name);
    }
    ::unlink(name.c_str());
}

/// write() with SIGPIPE blocked on this thread, a pending SIGPIPE we caused consumed, and
/// the mask restored, so a departed reader never kills the process. Returns write()'s result
/// and leaves its errno.
ssize_t writeWithoutSigpipe(int fd, std::string_view data)
{
    sigset_t pipe_set;
    sigset_t old_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
    const ssize_t written = ::write(fd, data.data(), data.size());
    const int saved = errno;
    if (written < 0 && saved == EPIPE && !was_pending) {
        const timespec zero{};
        sigtimedwait(&pipe_set, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
    errno = saved;
    return written;
}

} // namespace

std::string heartbeatPipeName(const std::string& run_dir, std::uint64_t id)
{
    std::string dir = run_dir.empty() ? std::string(".") : run_dir;
    if (dir.back() != '/') {
        dir += '/';
    }
    return dir + "smppd-" + std::to_string(id) + ".hb";
}

std::uint64_t currentProcessId()
{
    return static_cast<std::uint64_t>(::getpid());
}

struct PipeServer::Impl {
    int fd = -1;
    ~Impl()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

PipeServer::PipeServer(std::string name) : name_(std::move(name)), impl_(std::make_unique<Impl>())
{
    removeStaleFifo(name_);
    if (::mkfifo(name_.c_str(), 0600) != 0) {
        throwErrno("mkfifo " + name_);
    }
    // O_RDWR: we are also a writer, so the FIFO never reports EOF when smppd goes away.
    impl_->fd = ::open(name_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (impl_->fd < 0) {
        const int saved = errno;
        ::unlink(name_.c_str());
        errno = saved;
        throwErrno("open " + name_);
    }
}

PipeServer::~PipeServer()
{
    impl_.reset();
    ::unlink(name_.c_str());
}

std::size_t PipeServer::readAvailable(std::string& out)
{
    std::size_t total = 0;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(impl_->fd, buffer, sizeof buffer);
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
            total += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n == 0 || errno == EAGAIN || errno == EWOULDBLOCK) {
            return total;
        }
        throwErrno("read " + name_);
    }
}

struct PipeClient::Impl {
    int fd = -1;
    void close()
    {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ~Impl() { close(); }
};

PipeClient::PipeClient(std::string name) : name_(std::move(name)), impl_(std::make_unique<Impl>())
{
}

PipeClient::~PipeClient() = default;

bool PipeClient::isOpen() const
{
    return impl_->fd >= 0;
}

bool PipeClient::write(std::string_view data)
{
    if (impl_->fd < 0) {
        // O_NONBLOCK: fails with ENXIO instead of waiting when nobody reads.
        impl_->fd = ::open(name_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (impl_->fd < 0) {
            return false;
        }
        struct stat st { };
        if (::fstat(impl_->fd, &st) != 0 || !S_ISFIFO(st.st_mode)) {
            impl_->close();
            return false;
        }
    }
    ssize_t written = -1;
    do {
        written = writeWithoutSigpipe(impl_->fd, data);
    } while (written < 0 && errno == EINTR);
    if (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        impl_->close(); // EPIPE: the reader is gone; reopen by name next time
    }
    return written == static_cast<ssize_t>(data.size());
}

} // namespace ipc
