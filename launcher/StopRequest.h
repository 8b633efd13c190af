#pragma once

namespace launcher {

/// A stop request (Ctrl-C, SIGTERM, a Windows service stop) as a flag the supervisor polls.
/// POSIX: while an instance lives, SIGINT, SIGTERM and SIGQUIT only set the flag (the handler
/// is async-signal-safe: one lock-free atomic store); exec() gives smppd default handlers back.
/// Windows: LauncherApp calls request() when ServerApplication's termination request arrives.
/// One instance at a time (process-wide state, as signals are).
class StopRequest {
public:
    StopRequest();
    /// Restores the default signal dispositions.
    ~StopRequest();

    StopRequest(const StopRequest&) = delete;
    StopRequest& operator=(const StopRequest&) = delete;

    /// Sets the flag (safe from a signal handler or any thread).
    static void request();

    /// True once a stop was requested.
    static bool requested();
};

} // namespace launcher
