#include "launcher/StopRequest.h"

#include <atomic>
#include <csignal>

namespace launcher {

namespace {

std::atomic<bool> g_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs lock-free");

#ifndef _WIN32
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGQUIT};

extern "C" void onStopSignal(int /*sig*/)
{
    g_requested.store(true);
}

void setHandler(void (*handler)(int))
{
    struct sigaction action { };
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int sig : kStopSignals) {
        sigaction(sig, &action, nullptr);
    }
}
#endif

} // namespace

StopRequest::StopRequest()
{
    g_requested.store(false);
#ifndef _WIN32
    setHandler(onStopSignal);
#endif
}

StopRequest::~StopRequest()
{
#ifndef _WIN32
    setHandler(SIG_DFL);
#endif
}

void StopRequest::request()
{
    g_requested.store(true);
}

bool StopRequest::requested()
{
    return g_requested.load();
}

} // namespace launcher
