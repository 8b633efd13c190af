#include "launcher/LauncherApp.h"

#include "common/ipc/HeartbeatPipe.h"
#include "common/ipc/HeartbeatReader.h"
#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/logging/Setup.h"
#include "config/Settings.h"
#include "launcher/Platform.h"
#include "launcher/ServiceCommand.h"
#include "launcher/StopRequest.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>

#include <algorithm>
#include <iostream>

#ifndef SMPPD_VERSION
#define SMPPD_VERSION "0.0.0"
#endif

namespace launcher {

namespace {

constexpr int kExitUnavailable69 = 69; // EX_UNAVAILABLE: smppd is not beside us

/// What the launcher takes from the config file.
struct Plan {
    SupervisorOptions supervisor;
    logging::LogOptions log;
    std::string config_problem; ///< the ConfigError text when the file is bad
};

/// The config error in `path`, or "" when it loads.
std::string configProblem(const std::string& path)
{
    try {
        smppd::loadSettings(path);
    } catch (const smppd::ConfigError& e) {
        return e.what();
    }
    return {};
}

Plan planFrom(const smppd::Settings& settings)
{
    Plan plan;
    plan.supervisor.heartbeat_timeout = settings.launcher.heartbeat_timeout;
    plan.supervisor.start_timeout = settings.launcher.start_timeout;
    plan.supervisor.stop_grace = settings.launcher.stop_grace;
    // A hung smppd rarely honours a termination request: give it 1/20 of the timeout
    // (0.1..1 s) before the kill, so a hang costs little more than HeartbeatTimeout.
    plan.supervisor.hang_grace = std::clamp(
        std::chrono::duration_cast<std::chrono::milliseconds>(settings.launcher.heartbeat_timeout)
            / 20,
        std::chrono::milliseconds(100),
        std::chrono::milliseconds(1000));
    plan.supervisor.restart.max_backoff = settings.launcher.max_backoff;
    plan.log.directory = settings.log.directory;
    plan.log.level = settings.log.level;
    plan.log.rotate_size = settings.log.rotate_size;
    plan.log.retention_days = settings.log.retention_days;
    plan.log.keep = settings.log.keep;
    plan.log.compress = settings.log.compress;
    return plan;
}

/// Launcher.* and Log.* from the file; on a config error, the defaults (logs beside the
/// file) and the error text, since smppd will refuse the same file with exit 64.
Plan loadPlan(const std::string& config_path)
{
    Plan plan;
    try {
        plan = planFrom(smppd::loadSettings(config_path));
    } catch (const smppd::ConfigError& e) {
        plan.config_problem = e.what();
        plan.log.directory = Poco::Path(config_path).parent().append("logs").toString();
    }
    plan.supervisor.config_path = config_path;
    plan.supervisor.explain_config_error = [config_path] { return configProblem(config_path); };
    plan.log.file_name = "launcher.log";
    return plan;
}

} // namespace

LauncherApp::LauncherApp()
{
    setUnixOptions(true);
}

void LauncherApp::defineOptions(Poco::Util::OptionSet& options)
{
#ifdef _WIN32
    // Not ServerApplication's: its /registerService path would register without the failure
    // actions; main() carries out the service commands (ServiceCommand).
    Application::defineOptions(options);
#else
    ServerApplication::defineOptions(options);
#endif
    using Poco::Util::Option;
    using Poco::Util::OptionCallback;
    options.addOption(Option("help", "h", "print this help and exit")
                          .callback(OptionCallback<LauncherApp>(this, &LauncherApp::onHelp)));
    options.addOption(Option("version", "v", "print the version and exit")
                          .callback(OptionCallback<LauncherApp>(this, &LauncherApp::onVersion)));
    options.addOption(Option("config", "c", "smppd config file (default: smppd.config beside us)")
                          .argument("FILE")
                          .callback(OptionCallback<LauncherApp>(this, &LauncherApp::onConfig)));
    options.addOption(Option("run-dir", "r", "folder for the heartbeat FIFO (POSIX)")
                          .argument("DIR")
                          .callback(OptionCallback<LauncherApp>(this, &LauncherApp::onRunDir)));
}

void LauncherApp::onHelp(const std::string& /*name*/, const std::string& /*value*/)
{
    help_ = true;
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("--config FILE");
    help.setHeader("Starts smppd, watches its heartbeat and restarts it when it fails.");
    help.setUnixStyle(true); // as the parser (setUnixOptions), on Windows too
    help.setFooter("Windows service (elevated prompt; it reads smppd.config beside us):\n"
                   "  /registerService [/displayName=NAME] [/description=TEXT]\n"
                   "                   [/startup=auto|manual]\n"
                   "  /unregisterService");
    help.format(std::cout);
    stopOptionsProcessing();
}

void LauncherApp::onVersion(const std::string& /*name*/, const std::string& /*value*/)
{
    version_ = true;
    std::cout << "launcher " << SMPPD_VERSION << '\n';
    stopOptionsProcessing();
}

void LauncherApp::onConfig(const std::string& /*name*/, const std::string& value)
{
    config_path_ = value;
}

void LauncherApp::onRunDir(const std::string& /*name*/, const std::string& value)
{
    run_dir_ = value;
}

int LauncherApp::main(const std::vector<std::string>& args)
{
    if (help_ || version_) {
        return EXIT_OK;
    }
    const auto service = ServiceCommand::parse(args);
    if (!service.error.empty()) {
        std::cerr << "launcher: " << service.error << " (see --help)\n";
        return EXIT_USAGE;
    }
    if (service.action != ServiceCommand::Action::None) {
        if (!config_path_.empty() || !run_dir_.empty()) {
            std::cerr << "launcher: --config and --run-dir do not apply to a service: it reads "
                         "smppd.config beside launcher.exe\n";
            return EXIT_USAGE;
        }
        return platform::runServiceCommand(
            service, config().getString("application.path"), std::cout, std::cerr);
    }
    try {
        return runLauncher();
    } catch (const std::exception& e) {
        logging::log(Poco::Logger::get("launcher"),
            logging::ev::launcher_failed,
            "error={}",
            logging::quoted(e.what()));
        logging::shutdownLogging();
        std::cerr << "launcher: " << e.what() << '\n';
        return kExitSoftware;
    }
}

std::string LauncherApp::smppdPath() const
{
    Poco::Path path(config().getString("application.dir"));
#ifdef _WIN32
    path.setFileName("smppd.exe");
#else
    path.setFileName("smppd");
#endif
    return path.toString();
}

std::string LauncherApp::runDir() const
{
    if (!run_dir_.empty()) {
        return run_dir_;
    }
    const auto systemd = Poco::Environment::get("RUNTIME_DIRECTORY", ""); // RuntimeDirectory=
    if (!systemd.empty()) {
        return systemd.substr(0, systemd.find(':'));
    }
    return Poco::Path::temp();
}

int LauncherApp::runLauncher()
{
    // From the start to the last log line: a console closing on Windows waits for all of it.
    StopRequest stop;
    const auto default_config = config().getString("application.dir") + "smppd.config";
    Poco::Path config_file(config_path_.empty() ? default_config : config_path_);
    Plan plan = loadPlan(config_file.makeAbsolute().toString());
    logging::setupLogging(plan.log);
    auto& log = Poco::Logger::get("launcher");
    plan.supervisor.smppd_path = smppdPath();
    plan.supervisor.on_event = [](SupervisorEvent event, const std::string& line) {
        platform::reportEvent(event == SupervisorEvent::Restart ? platform::EventType::Warning
                                                                : platform::EventType::Error,
            line);
    };
    const auto started = fmt::format("version={} pid={} config={} smppd={}",
        SMPPD_VERSION,
        ipc::currentProcessId(),
        logging::quoted(plan.supervisor.config_path),
        logging::quoted(plan.supervisor.smppd_path));
    logging::log(log, logging::ev::launcher_started, "{}", started);
    platform::reportEvent(platform::EventType::Information, "event=launcher_started " + started);
    if (!plan.config_problem.empty()) {
        logging::log(log,
            logging::ev::launcher_config_problem,
            "error={}",
            logging::quoted(plan.config_problem));
    }
    if (!Poco::File(plan.supervisor.smppd_path).exists()) {
        const auto missing =
            "event=smppd_missing path=" + logging::quoted(plan.supervisor.smppd_path);
        logging::log(log,
            logging::ev::smppd_missing,
            "path={}",
            logging::quoted(plan.supervisor.smppd_path));
        platform::reportEvent(platform::EventType::Error, missing);
        logging::shutdownLogging();
        std::cerr << "launcher: smppd not found at " << plan.supervisor.smppd_path << '\n';
        return kExitUnavailable69;
    }
    const int rc = supervise(plan.supervisor);
    const auto exiting = fmt::format("event=launcher_exiting code={}", rc);
    logging::log(log, logging::ev::launcher_exiting, "code={}", rc);
    platform::reportEvent(
        rc == kExitOk ? platform::EventType::Information : platform::EventType::Error, exiting);
    logging::shutdownLogging();
    if (rc == kExitConfig) {
        std::cerr << "launcher: smppd refused its config (exit 64), not restarting; see "
                  << plan.log.directory << "/launcher.log\n";
    } else if (rc == kExitStore) {
        std::cerr << "launcher: smppd cannot use its store (exit 65), not restarting; see "
                  << plan.log.directory << "/smppd.log\n";
    }
    return rc;
}

int LauncherApp::supervise(SupervisorOptions options)
{
    ipc::HeartbeatReader heartbeat(ipc::heartbeatPipeName(runDir(), ipc::currentProcessId()));
    Supervisor supervisor(std::move(options), heartbeat, &StopRequest::requested);
    return supervisor.run();
}

} // namespace launcher
