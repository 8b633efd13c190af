#include "launcher/ChildExit.h"

#include <csignal>

namespace launcher {

namespace {

const char* signalName(int sig)
{
    switch (sig) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGABRT:
        return "SIGABRT";
    case SIGSEGV:
        return "SIGSEGV";
    case SIGFPE:
        return "SIGFPE";
    case SIGILL:
        return "SIGILL";
#ifndef _WIN32
    case SIGKILL:
        return "SIGKILL";
    case SIGBUS:
        return "SIGBUS";
    case SIGQUIT:
        return "SIGQUIT";
    case SIGHUP:
        return "SIGHUP";
    case SIGPIPE:
        return "SIGPIPE";
#endif
    default:
        return "?";
    }
}

} // namespace

ChildExit ChildExit::fromWaitStatus(int status)
{
#ifdef _WIN32
    return ChildExit{Kind::Exited, status};
#else
    if (status >= 256) {
        return ChildExit{Kind::Signaled, status - 256};
    }
    return ChildExit{Kind::Exited, status};
#endif
}

std::string ChildExit::describe() const
{
    switch (kind) {
    case Kind::Exited:
        return "code=" + std::to_string(code);
    case Kind::Signaled:
        return "signal=" + std::to_string(code) + " signal_name=" + signalName(code);
    case Kind::Hung:
        return "exit=hung";
    case Kind::LaunchFailed:
        return "exit=launch-failed";
    }
    return "?";
}

} // namespace launcher
