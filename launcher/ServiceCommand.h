#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace launcher {

/// The service name the launcher registers under and the SCM starts (the executable's base
/// name, as Poco's ServerApplication expects; install.ps1 and uninstall.ps1 use it too).
inline constexpr const char* kServiceName = "launcher";

/// The Event Log source the launcher writes its start, stop, restart, restart-storm and
/// config-error events to (Windows only).
inline constexpr const char* kEventSource = "smppd";

/// The Windows service command found among the launcher's arguments (the Windows-style ones
/// Poco's Unix-style option parser leaves over):
///     /registerService [/displayName=NAME] [/description=TEXT] [/startup=auto|manual]
///     /unregisterService
/// Names are case-insensitive and values may also follow a ':' (Poco's Windows style). Pure: parsed
/// on every platform, carried out only on Windows (LauncherPlatform.h).
struct ServiceCommand {
    enum class Action { None, Register, Unregister };
    enum class Startup { Manual, Auto };

    Action action = Action::None;
    std::string display_name; ///< "" = the service name
    std::string description;
    Startup startup = Startup::Manual;
    std::string error; ///< non-empty: a usage error (unknown argument, bad value, conflict)

    /// Parses the arguments left after option processing (no program name).
    static ServiceCommand parse(const std::vector<std::string>& args);
};

/// The SCM failure actions the launcher sets on its service at registration: restart after
/// 5 s, 5 s, then 30 s for each later failure; the failure count resets after a day without
/// one. The failure-actions flag stays OFF, so the SCM applies them only when the launcher
/// process ends without reporting SERVICE_STOPPED (a crash, a kill), never after a clean stop
/// with a non-zero exit code such as 64 (config error), which a restart cannot fix.
struct ServiceRecovery {
    static constexpr std::chrono::milliseconds kRestartDelays[] = {std::chrono::milliseconds(5000),
        std::chrono::milliseconds(5000),
        std::chrono::milliseconds(30000)};
    static constexpr std::chrono::seconds kResetPeriod{86400};
    static constexpr bool kFailureActionsOnNonCrashFailures = false;
};

} // namespace launcher
