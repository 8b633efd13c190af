#pragma once

#include "common/logging/Events.h"
#include "launcher/HeartbeatMonitor.h"
#include "launcher/RestartPolicy.h"

#include <Poco/Logger.h>
#include <Poco/Process.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace ipc {
class HeartbeatReader;
struct Beat;
} // namespace ipc

namespace launcher {

/// Launcher exit codes beyond smppd's own (sysexits.h values).
inline constexpr int kExitSoftware = 70; ///< smppd did not stop cleanly after a stop request

/// The supervisor's events worth more than a launcher.log line: a restart, the start of a
/// restart storm, a config error (the launcher stops). LauncherApp sends them to the OS's
/// event log (platform::reportEvent) too.
enum class SupervisorEvent { Restart, RestartStorm, ConfigError };

/// What the supervisor runs and how, resolved by LauncherApp.
struct SupervisorOptions {
    std::string smppd_path; ///< the smppd executable
    std::string config_path; ///< absolute, passed as `--config`
    std::chrono::milliseconds heartbeat_timeout{10000}; ///< `Launcher.HeartbeatTimeout`
    /// `Launcher.StartTimeout`: silence allowed from the launch to the first beat.
    std::chrono::milliseconds start_timeout{60000};
    RestartOptions restart; ///< max_backoff from `Launcher.MaxBackoff`
    /// `Launcher.StopGrace`: after a stop request, wait this long for unbind and flush.
    std::chrono::milliseconds stop_grace{30000};
    std::chrono::milliseconds hang_grace{300}; ///< a hung smppd: terminate, then kill after this
    std::chrono::milliseconds tick{50}; ///< loop period: heartbeat reads, exit checks
    /// After smppd exits 64: the config error text for the log (the launcher re-reads the file
    /// with the same library), or "" when the file looks fine (then smppd's output says why).
    std::function<std::string()> explain_config_error;
    /// Called (on the supervisor's thread) with each event and its launcher.log line; optional.
    std::function<void(SupervisorEvent, const std::string&)> on_event;
};

/// The watchdog loop (architecture §2): starts `smppd --config FILE --heartbeat NAME`, watches
/// its exit and its beats, and applies RestartPolicy. "Child exited" and "no first beat within
/// StartTimeout, or a beat older than HeartbeatTimeout" are treated alike: stop it (terminate, then
/// kill after hang_grace), back off, restart. A stop request is passed on as a graceful termination
/// (SIGTERM on POSIX, Poco::Process::requestTermination's POCOTRM event on Windows); after
/// stop_grace smppd is killed. Logs one line per start, exit, missed heartbeat, backoff and storm
/// to `launcher`.
class Supervisor {
public:
    using Clock = std::chrono::steady_clock;

    /// `stop_requested` is polled every tick; once true it must stay true.
    Supervisor(SupervisorOptions options,
        ipc::HeartbeatReader& heartbeat,
        std::function<bool()> stop_requested);

    /// Runs until a stop request, a clean exit (0) or a config error (64) of smppd.
    /// Returns the launcher's exit code: 0 (stopped), kExitConfig (smppd's config error),
    /// kExitStore (smppd found its store unusable) or
    /// kExitSoftware (smppd had to be killed or failed while stopping).
    int run();

private:
    enum class Ending { Exited, Hung, StopRequested };

    struct Run {
        Ending ending = Ending::Exited;
        ChildExit exit;
        bool killed = false; ///< the launcher had to kill it (TerminateProcess reports code 0)
        Clock::duration duration{};
    };

    Run runOnce();
    Ending watch(Poco::ProcessHandle& child, Run& run);
    /// Asks smppd to stop, kills it after `grace`; sets `killed` when it came to that.
    /// Kills smppd (SIGKILL, TerminateProcess); the caller waits for it.
    void killChild(Poco::ProcessHandle& child);
    ChildExit stopChild(Poco::ProcessHandle& child, std::chrono::milliseconds grace, bool& killed);
    /// Logs `keys` as `log_event` and sends the same line to emit().
    void report(
        SupervisorEvent event, const logging::Event& log_event, const std::string& keys) const;
    void emit(SupervisorEvent event, const std::string& line) const;
    void requestTermination(const Poco::ProcessHandle& child);
    void takeBeats(const Poco::ProcessHandle& child, Clock::time_point now);
    std::vector<ipc::Beat> pollHeartbeat(Clock::time_point now);
    bool pauseUnlessStopped(std::chrono::milliseconds delay);
    void logExit(const Run& run, const RestartDecision& decision);

    SupervisorOptions options_;
    ipc::HeartbeatReader& heartbeat_;
    std::function<bool()> stop_requested_;
    HeartbeatMonitor monitor_;
    RestartPolicy policy_;
    std::uint64_t starts_ = 0;
    Poco::Logger& log_ = Poco::Logger::get("launcher");
};

} // namespace launcher
