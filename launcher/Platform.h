#pragma once

// The launcher's OS-specific pieces, one implementation file per platform:
// PlatformPosix.cpp and PlatformWindows.cpp (architecture §2). StopRequest (StopRequest.h) is
// implemented there too.

#include "launcher/ServiceCommand.h"

#include <iosfwd>
#include <string>

namespace launcher::platform {

/// Carries out /registerService or /unregisterService for the launcher at `launcher_path`
/// (Windows: with the service control manager; the service runs `"<launcher_path>"` without
/// arguments, so it reads smppd.config beside launcher.exe). Registration also sets the
/// failure actions of ServiceRecovery (flag off) and the Event Log source kEventSource.
/// Says what it did on `out` and what failed on `err`. Returns the launcher's exit code:
/// 0 done, 64 not supported here (POSIX), 70 a service-manager call failed (the message names
/// the call and the Windows error).
int runServiceCommand(const ServiceCommand& command,
    const std::string& launcher_path,
    std::ostream& out,
    std::ostream& err);

/// Ties smppd's lifetime to the launcher's. Windows: smppd joins a job object that kills it
/// when the launcher's handle closes (the launcher crashed or was killed), so the launcher the
/// SCM restarts does not find an unwatched smppd holding the ports. POSIX: nothing (systemd's
/// KillMode=mixed and the terminal's process group cover it). Returns "" or why it failed.
std::string tieChildToLauncher(int pid);

enum class EventType { Information, Warning, Error };

/// The launcher's start, stop, restart, restart-storm and config-error events for the OS's
/// event log. Windows: the Application log, source kEventSource (Poco::EventLogChannel); a
/// failure to write is reported once to the `launcher` logger, never thrown. POSIX: nothing
/// (launcher.log and the journal already have them).
void reportEvent(EventType type, const std::string& text);

} // namespace launcher::platform
