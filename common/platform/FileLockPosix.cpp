#include "common/platform/FileLock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/file.h>
#include <unistd.h>

namespace smpp::platform {

FileLock::FileLock(const std::string& path)
{
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        throw FileLockError(std::strerror(errno), false);
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        throw FileLockError(std::strerror(error), error == EWOULDBLOCK);
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    // Best effort: the id only makes the next owner's message clearer.
    if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
        errno = 0;
    }
}

FileLock::~FileLock()
{
    if (fd_ >= 0) {
        ::close(fd_); // releases the flock
    }
}

std::string FileLock::owner(const std::string& path)
{
    std::ifstream in(path);
    std::string pid;
    std::getline(in, pid);
    return pid;
}

} // namespace smpp::platform
