// POSIX side of launcher/Platform.h and StopRequest: signals; no service manager calls (systemd
// runs the launcher from a unit file), no event log.
#include "launcher/Platform.h"
#include "launcher/StopRequest.h"

#include <atomic>
#include <csignal>
#include <ostream>

namespace launcher {

namespace {

std::atomic<bool> g_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs lock-free");

constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGQUIT};
constexpr int kExitUsage = 64;

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

} // namespace

StopRequest::StopRequest()
{
    g_requested.store(false);
    setHandler(onStopSignal);
}

StopRequest::~StopRequest()
{
    setHandler(SIG_DFL);
}

void StopRequest::request()
{
    g_requested.store(true);
}

bool StopRequest::requested()
{
    return g_requested.load();
}

namespace platform {

int runServiceCommand(const ServiceCommand& /*command*/,
    const std::string& /*launcher_path*/,
    std::ostream& /*out*/,
    std::ostream& err)
{
    err << "launcher: /registerService and /unregisterService are for Windows; on Linux use "
           "scripts/install/linux/install.sh (systemd)\n";
    return kExitUsage;
}

std::string tieChildToLauncher(int /*pid*/)
{
    return {};
}

void reportEvent(EventType /*type*/, const std::string& /*text*/)
{
}

} // namespace platform

} // namespace launcher
