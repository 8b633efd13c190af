#include "common/platform/ThreadName.h"

#include <cstring>
#include <pthread.h>
#include <sched.h>

namespace smpp::platform {

void nameCurrentThread(const char* name) noexcept
{
    // pthread_setname_np refuses (ERANGE) a name of more than 15 characters: cut it instead.
    char cut[16] = {};
    std::strncpy(cut, name, sizeof(cut) - 1);
#if defined(__APPLE__)
    pthread_setname_np(cut);
#else
    pthread_setname_np(pthread_self(), cut);
#endif
}

void idleCurrentThread() noexcept
{
#if defined(__linux__)
    const sched_param param{};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &param);
#endif
}

} // namespace smpp::platform
