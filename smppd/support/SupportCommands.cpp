#include "smppd/support/SupportCommands.h"

#include "config/ConfigError.h"
#include "config/Settings.h"
#include "smppd/app/ExitCodes.h"
#include "smppd/support/FindAddressCommand.h"
#include "smppd/support/TraceCommand.h"

#include <Poco/Util/Option.h>

#include <chrono>

namespace smppd::support {

namespace {

/// The arguments' mistakes, in one line; "" when they make one command.
std::string misuse(const SupportArgs& args)
{
    if (args.trace && args.find_address) {
        return "--trace and --find-address go one at a time";
    }
    if (!args.find_address && (args.since || args.until || args.limit)) {
        return "--since, --until and --limit go with --find-address";
    }
    return {};
}

/// One option that takes a value, given at most once.
Poco::Util::Option valueOption(const char* name, const char* description, const char* argument)
{
    return Poco::Util::Option(name, "", description)
        .required(false)
        .repeatable(false)
        .argument(argument);
}

} // namespace

bool SupportArgs::take(const std::string& name, const std::string& value)
{
    if (name == "trace") {
        trace = value;
    } else if (name == "find-address") {
        find_address = value;
    } else if (name == "since") {
        since = value;
    } else if (name == "until") {
        until = value;
    } else if (name == "limit") {
        limit = value;
    } else {
        return false;
    }
    return true;
}

void defineSupportOptions(Poco::Util::OptionSet& options)
{
    options.addOption(valueOption("trace",
        "print message ID's store record and its log lines (rotated and gzip archives "
        "included) in time order; exit 0, or 1 if not found",
        "ID"));
    options.addOption(valueOption("find-address",
        "list the messages to or from NUMBER (+33..., 0033... and 33... match), newest first; "
        "exit 0, or 1 if none",
        "NUMBER"));
    options.addOption(valueOption("since",
        "with --find-address: submitted at or after TIME (UTC: 2026-12-06, 2026-12-06T14:02, "
        "2026-12-06T14:02:00Z)",
        "TIME"));
    options.addOption(
        valueOption("until", "with --find-address: submitted before TIME (UTC)", "TIME"));
    options.addOption(valueOption("limit", "with --find-address: at most N results [100]", "N"));
}

int runSupportCommand(
    const SupportArgs& args, const std::string& config_path, std::ostream& out, std::ostream& err)
{
    if (const auto problem = misuse(args); !problem.empty()) {
        err << "smppd: " << problem << " (see --help)" << std::endl;
        return kExitConfig;
    }
    std::optional<Settings> settings;
    try {
        settings = loadSettings(config_path);
    } catch (const ConfigError& e) {
        err << "smppd: " << e.what() << std::endl;
        return kExitConfig;
    }
    if (args.trace) {
        return runTrace(TraceRequest{settings->store.path,
                            settings->log.directory,
                            *args.trace,
                            std::chrono::system_clock::now(),
                            settings->server.message_id_format},
            out,
            err);
    }
    return runFindAddress(
        FindAddressRequest{
            settings->store.path, *args.find_address, args.since, args.until, args.limit},
        out,
        err);
}

} // namespace smppd::support
