#pragma once

#include <Poco/Util/OptionSet.h>

#include <optional>
#include <ostream>
#include <string>

namespace smppd::support {

/// The support commands' options as given on smppd's command line.
struct SupportArgs {
    std::optional<std::string> trace{}; ///< --trace ID
    std::optional<std::string> find_address{}; ///< --find-address NUMBER
    std::optional<std::string> since{}; ///< --since TIME
    std::optional<std::string> until{}; ///< --until TIME
    std::optional<std::string> limit{}; ///< --limit N

    /// True when any of them was given: smppd runs the command instead of serving.
    bool any() const { return trace || find_address || since || until || limit; }

    /// Keeps option `name`'s value when it is one of the above; false when it is not.
    bool take(const std::string& name, const std::string& value);
};

/// Adds --trace, --find-address, --since, --until and --limit to smppd's options.
void defineSupportOptions(Poco::Util::OptionSet& options);

/// Runs --trace or --find-address with Store.Path and Log.Directory of the config at
/// `config_path`, then returns the exit code: 0 found, 1 not found, 64 a bad config or
/// arguments (one line on `err`), 65 an unreadable store (--find-address).
int runSupportCommand(
    const SupportArgs& args, const std::string& config_path, std::ostream& out, std::ostream& err);

} // namespace smppd::support
