#pragma once

#include "launcher/Supervisor.h"

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace launcher {

/// The launcher process: `launcher --config FILE` (architecture §2).
/// A Poco ServerApplication, so on Windows it runs as a service when the SCM starts it; on POSIX
/// it runs in the foreground (under systemd or a terminal). Options are Unix-style (`--config`)
/// on every platform; the Windows service commands keep their Windows form and are carried out
/// by the launcher itself (ServiceCommand, platform::runServiceCommand), not by Poco:
///     launcher.exe /registerService [/displayName=NAME] [/description=TEXT] [/startup=auto]
///     launcher.exe /unregisterService
/// Registration also sets the SCM failure actions (ServiceRecovery) and the Event Log source. It
/// reads only the Launcher.* and Log.* keys (through smppd::loadSettings; if the file is bad it
/// still starts smppd, which exits 64 and says why, and the launcher repeats the reason in
/// launcher.log and exits 64), logs to
/// `<Log.Directory>/launcher.log`, creates the heartbeat pipe and hands over to Supervisor.
///
/// Options: --config FILE (default: smppd.config beside the launcher, which is what a Windows
/// service started without arguments uses), --run-dir DIR (where the POSIX FIFO goes; default
/// $RUNTIME_DIRECTORY, else the temp dir), --version, --help.
class LauncherApp : public Poco::Util::ServerApplication {
public:
    LauncherApp();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void onHelp(const std::string& name, const std::string& value);
    void onVersion(const std::string& name, const std::string& value);
    void onConfig(const std::string& name, const std::string& value);
    void onRunDir(const std::string& name, const std::string& value);

    int runLauncher();
    std::string smppdPath() const;
    std::string runDir() const;
    int supervise(SupervisorOptions options);

    std::string config_path_;
    std::string run_dir_;
    bool help_ = false;
    bool version_ = false;
};

} // namespace launcher
