#include "smppd/app/SmppdApp.h"

#include "common/ipc/HeartbeatWriter.h"
#include "common/logging/Events.h"
#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/logging/Setup.h"
#include "config/ConfigError.h"
#include "config/PasswordHash.h"
#include "config/Settings.h"
#include "smppd/app/ExitCodes.h"
#include "smppd/app/SmppdServer.h"
#include "smppd/app/StartupChecks.h"
#include "smppd/app/StartupError.h"
#include "smppd/store/StoreError.h"

#include <Poco/File.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Path.h>
#include <Poco/Process.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <optional>

#ifndef SMPPD_VERSION
#define SMPPD_VERSION "0.0.0"
#endif

namespace smppd {
namespace {

/// Initialises OpenSSL for Poco NetSSL for the lifetime of the object.
struct SslScope {
    SslScope() { Poco::Net::initializeSSL(); }
    ~SslScope() { Poco::Net::uninitializeSSL(); }
    SslScope(const SslScope&) = delete;
    SslScope& operator=(const SslScope&) = delete;
};

void setupLogs(const Settings& settings)
{
    prepareLogDirectory(settings.log.directory);
    logging::LogOptions options;
    options.directory = settings.log.directory;
    options.level = settings.log.level;
    options.rotate_size = settings.log.rotate_size;
    options.retention_days = settings.log.retention_days;
    options.keep = settings.log.keep;
    options.compress = settings.log.compress;
    logging::setupLogging(options);
    if (settings.log.pdu_trace) {
        logging::setupPduTraceLog(options);
    }
}

/// One line on stderr and, when logging is up, one event=startup_failed line in smppd.log.
void reportFatal(Poco::Logger& log, const std::string& line)
{
    std::cerr << "smppd: " << line << std::endl;
    logging::log(log, logging::ev::startup_failed, "error={}", logging::quoted(line));
}

} // namespace

SmppdApp::SmppdApp()
{
    setUnixOptions(true);
}

void SmppdApp::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("config", "c", "the appSettings config file")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE"));
    options.addOption(
        Poco::Util::Option("check-config", "", "validate FILE, print it, exit 0 or 64")
            .required(false)
            .repeatable(false)
            .argument("FILE"));
    support::defineSupportOptions(options);
    options.addOption(Poco::Util::Option("heartbeat", "", "launcher heartbeat pipe name")
                          .required(false)
                          .repeatable(false)
                          .argument("NAME"));
    options.addOption(
        Poco::Util::Option("restarts", "", "restarts seen by the launcher (for /metrics)")
            .required(false)
            .repeatable(false)
            .argument("N")
            .validator(new Poco::Util::IntValidator(0, 1000000000))); // Poco takes ownership
    options.addOption(Poco::Util::Option("hash-password",
        "",
        "read a password (or token) on stdin, print its hash string for "
        "Authentication.PasswordHash, passwordHash or TcpServer.Token; ALGORITHM scrypt "
        "(default) or pbkdf2")
                          .required(false)
                          .repeatable(false)
                          .argument("ALGORITHM", false));
    options.addOption(
        Poco::Util::Option("list-events", "", "print the log's event table (Markdown) and exit")
            .required(false));
    options.addOption(
        Poco::Util::Option("version", "v", "print the version and exit").required(false));
    options.addOption(Poco::Util::Option("help", "h", "print this help and exit").required(false));
}

void SmppdApp::handleOption(const std::string& name, const std::string& value)
{
    ServerApplication::handleOption(name, value);
    if (support_args_.take(name, value)) {
        return;
    }
    if (name == "config") {
        config_path_ = value;
    } else if (name == "check-config") {
        check_config_path_ = value;
    } else if (name == "heartbeat") {
        heartbeat_name_ = value;
    } else if (name == "restarts") {
        launcher_restarts_ = std::stoull(value);
    } else if (name == "hash-password") {
        hash_password_ = true;
        hash_algorithm_ = value;
        stopOptionsProcessing();
    } else if (name == "list-events") {
        list_events_ = true;
        stopOptionsProcessing();
    } else if (name == "version") {
        show_version_ = true;
        stopOptionsProcessing();
    } else if (name == "help") {
        show_help_ = true;
        stopOptionsProcessing();
    }
}

std::string SmppdApp::defaultConfigPath() const
{
    const std::string relative = "config/smppd.config";
    if (Poco::File(relative).exists()) {
        return relative;
    }
    Poco::Path beside(config().getString("application.dir", "."));
    beside.append(relative);
    return beside.toString();
}

int SmppdApp::checkConfig(const std::string& path) const
{
    try {
        const auto settings = loadSettings(path);
        std::cout << describe(settings);
        std::cout << "# mode: " << modeMeaning(settings) << '\n';
        for (const auto& w : settings.warnings) {
            std::cerr << "smppd: warning: " << w << '\n';
        }
        for (const auto& w : settings.security_warnings) {
            std::cerr << "smppd: warning: " << w.message << '\n';
        }
        for (const auto& notice : startupNotices(settings)) {
            std::cerr << "smppd: warning: " << notice << '\n';
        }
        return kExitOk;
    } catch (const ConfigError& e) {
        std::cerr << "smppd: " << e.what() << std::endl;
        return kExitConfig;
    }
}

int SmppdApp::hashPasswordCommand(const std::string& algorithm_name) const
{
    HashAlgorithm algorithm = HashAlgorithm::Scrypt;
    if (algorithm_name == "pbkdf2" || algorithm_name == "pbkdf2-sha256") {
        algorithm = HashAlgorithm::Pbkdf2Sha256;
    } else if (!algorithm_name.empty() && algorithm_name != "scrypt") {
        std::cerr << "smppd: --hash-password: unknown algorithm '" << algorithm_name
                  << "' (scrypt or pbkdf2)" << std::endl;
        return kExitConfig;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    if (password.empty()) {
        std::cerr << "smppd: --hash-password: no password on stdin" << std::endl;
        return kExitConfig;
    }
    std::cout << hashPassword(password, algorithm) << std::endl;
    return kExitOk;
}

int SmppdApp::main(const std::vector<std::string>& args)
{
    if (show_help_) {
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setUsage("[--config FILE] [--check-config FILE] [--hash-password[=ALGORITHM]] "
                      "[--trace ID] [--find-address NUMBER [--since TIME] [--until TIME] "
                      "[--limit N]] [--heartbeat NAME] "
                      "[--restarts N] [--version]");
        help.setHeader("smppd: SMPP 3.4 server (SMSC)");
        help.format(std::cout);
        return kExitOk;
    }
    if (list_events_) {
        std::cout << logging::eventTable();
        return kExitOk;
    }
    if (show_version_) {
        std::cout << "smppd " << SMPPD_VERSION << std::endl;
        return kExitOk;
    }
    if (!args.empty()) {
        std::cerr << "smppd: unexpected argument '" << args.front() << "' (see --help)"
                  << std::endl;
        return kExitConfig;
    }
    if (!check_config_path_.empty()) {
        return checkConfig(check_config_path_);
    }
    if (hash_password_) {
        return hashPasswordCommand(hash_algorithm_);
    }
    if (support_args_.any()) {
        return support::runSupportCommand(support_args_,
            config_path_.empty() ? defaultConfigPath() : config_path_,
            std::cout,
            std::cerr);
    }
    return serve();
}

int SmppdApp::serve()
{
    auto& log = Poco::Logger::get("smppd.app");
    const std::string path = config_path_.empty() ? defaultConfigPath() : config_path_;
    std::optional<Settings> settings;
    try {
        settings = loadSettings(path);
        setupLogs(*settings);
    } catch (const ConfigError& e) {
        // Logging is not set up yet: one line, on stderr only (Poco's default channel would
        // print it a second time).
        std::cerr << "smppd: " << e.what() << std::endl;
        return kExitConfig;
    } catch (const std::exception& e) {
        // The log files (their folder was made, or the ConfigError above named it): Poco's
        // displayText() has the file and the OS error, what() only the exception's name.
        // Logging is not set up: one line, on stderr only.
        const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
        std::cerr << "smppd: config: Log.Directory="
                  << logging::quoted(settings ? settings->log.directory : std::string())
                  << ": cannot open the log files: "
                  << (poco != nullptr ? poco->displayText() : std::string(e.what())) << std::endl;
        return kExitConfig;
    }
    for (const auto& w : settings->warnings) {
        logging::log(log, logging::ev::config_warning, "warning={}", logging::quoted(w));
    }
    for (const auto& w : settings->security_warnings) {
        logging::log(log,
            logging::eventNamed(w.event),
            "key={} message={}",
            logging::quoted(w.key),
            logging::quoted(w.message));
    }
    for (const auto& notice : startupNotices(*settings)) {
        logging::log(log, logging::ev::config_notice, "notice={}", logging::quoted(notice));
    }
    logging::log(log,
        logging::ev::mode,
        "mode={} meaning={}",
        toString(settings->mode),
        logging::quoted(modeMeaning(*settings)));
    logging::log(log,
        logging::ev::starting,
        "version={} config={} pid={}",
        SMPPD_VERSION,
        logging::quoted(path),
        Poco::Process::id());
    int rc = kExitOk;
    try {
        const SslScope ssl;
        SmppdServer server(*settings);
        server.setLauncherRestarts(launcher_restarts_);
        server.start();
        std::unique_ptr<ipc::HeartbeatWriter> heartbeat;
        if (!heartbeat_name_.empty()) {
            heartbeat = std::make_unique<ipc::HeartbeatWriter>(heartbeat_name_,
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    settings->launcher.heartbeat_interval),
                [&server] {
                    return ipc::BeatStats{server.boundSessions(), server.queued()};
                });
            heartbeat->start();
        }
        waitForTerminationRequest();
        logging::log(log, logging::ev::stop_requested);
        if (heartbeat) {
            heartbeat->stop();
        }
        server.stop();
    } catch (const PortBindError& e) {
        reportFatal(log, e.what());
        rc = kExitUnavailable;
    } catch (const StoreOpenError& e) {
        std::cerr << "smppd: event=store_open_failed key=Store.Path " << e.what() << std::endl;
        logging::log(log, logging::ev::store_open_failed, "key=Store.Path {}", e.what());
        rc = kExitStore;
    } catch (const ConfigError& e) {
        reportFatal(log, e.what());
        rc = kExitConfig;
    } catch (const Poco::Net::SSLException& e) {
        reportFatal(
            log, "config: Server.ListenParams: TLS certificate/key unusable: " + e.displayText());
        rc = kExitConfig;
    } catch (const Poco::Exception& e) {
        reportFatal(log, "fatal: " + e.displayText());
        rc = kExitSoftware;
    } catch (const std::exception& e) {
        reportFatal(log, std::string("fatal: ") + e.what());
        rc = kExitSoftware;
    }
    logging::log(log, logging::ev::exit, "code={}", rc);
    logging::shutdownLogging();
    return rc;
}

} // namespace smppd
