#pragma once

#include "smppd/support/SupportCommands.h"

#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <cstdint>
#include <string>
#include <vector>

namespace smppd {

/// The smppd daemon (Poco ServerApplication). Options:
///   --config FILE        the appSettings file (default: config/smppd.config in the current
///                        directory, else beside the executable)
///   --check-config FILE  validate FILE, print the effective settings, exit 0 (or 64)
///   --hash-password[=ALGORITHM]  read a secret on stdin, print its hash string (scrypt|pbkdf2)
///   --trace ID           print message ID's store record and log lines, exit 0 (or 1)
///   --find-address NUMBER [--since TIME] [--until TIME] [--limit N]
///                        list the messages to or from NUMBER, exit 0 (or 1)
///   --heartbeat NAME     write launcher heartbeats to the pipe NAME
///   --version, --help
/// Exit codes (architecture §2): 0 stopped on request, 64 bad config/arguments, 69 a port could
/// not be bound, 70 anything else. SIGTERM/SIGINT stop gracefully (unbind every session, flush
/// the store).
class SmppdApp : public Poco::Util::ServerApplication {
public:
    SmppdApp();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    int checkConfig(const std::string& path) const;
    int hashPasswordCommand(const std::string& algorithm_name) const;
    int serve();
    std::string defaultConfigPath() const;

    std::string config_path_;
    std::string check_config_path_;
    std::string heartbeat_name_;
    std::uint64_t launcher_restarts_ = 0; ///< --restarts N, given by the launcher
    bool hash_password_ = false;
    std::string hash_algorithm_; ///< --hash-password=ALGORITHM; "" = scrypt
    support::SupportArgs support_args_; ///< --trace, --find-address and their options
    bool show_version_ = false;
    bool list_events_ = false;
    bool show_help_ = false;
};

} // namespace smppd
