#pragma once

namespace launcher {

/// A stop request (Ctrl-C, SIGTERM, a Windows service stop) as a flag the supervisor polls.
/// Implemented per platform (PlatformPosix.cpp, PlatformWindows.cpp).
/// POSIX: while an instance lives, SIGINT, SIGTERM and SIGQUIT only set the flag (the handler
/// is async-signal-safe: one lock-free atomic store); exec() gives smppd default handlers back.
/// Windows: a console control handler sets it on Ctrl-C, Ctrl-Break, console close and system
/// shutdown (for the last two it holds the process until the instance ends, i.e. until smppd
/// has stopped), and a thread sets it when ServerApplication's termination event POCOTRM<pid>
/// is set: by ServerApplication::terminate() on a service stop or shutdown, or by
/// Poco::Process::requestTermination(launcher pid) from another process.
/// One instance at a time (process-wide state, as signals are).
class StopRequest {
public:
    StopRequest();
    /// Restores the default signal dispositions (POSIX); removes the console handler and
    /// releases a waiting console close (Windows).
    ~StopRequest();

    StopRequest(const StopRequest&) = delete;
    StopRequest& operator=(const StopRequest&) = delete;

    /// Sets the flag (safe from a signal handler or any thread).
    static void request();

    /// True once a stop was requested.
    static bool requested();
};

} // namespace launcher
