#include "launcher/ServiceCommand.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace launcher {

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
            == std::tolower(static_cast<unsigned char>(y));
    });
}

/// Strips one matching pair of double quotes ("/displayName="smppd server"" from cmd.exe).
std::string unquote(std::string value)
{
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        return value.substr(1, value.size() - 2);
    }
    return value;
}

/// "/name" for messages (built by appending: GCC 12's -Wrestrict misfires on "lit" + string).
std::string option(std::string_view name)
{
    std::string text("/");
    text.append(name);
    return text;
}

} // namespace

ServiceCommand ServiceCommand::parse(const std::vector<std::string>& args)
{
    ServiceCommand command;
    bool has_display_name = false;
    bool has_description = false;
    bool has_startup = false;
    for (const auto& arg : args) {
        std::string_view text(arg);
        if (text.starts_with("/")) {
            text.remove_prefix(1);
        } else {
            command.error = "unexpected argument: " + arg;
            return command;
        }
        const auto separator = text.find_first_of("=:");
        const std::string_view name = text.substr(0, separator);
        const bool has_value = separator != std::string_view::npos;
        const std::string value =
            has_value ? unquote(std::string(text.substr(separator + 1))) : std::string();
        const bool takes_value = iequals(name, "displayName") || iequals(name, "description")
            || iequals(name, "startup");
        if (iequals(name, "registerService") || iequals(name, "unregisterService")) {
            if (has_value) {
                command.error = option(name) + " takes no value";
                return command;
            }
            const auto action =
                iequals(name, "registerService") ? Action::Register : Action::Unregister;
            if (command.action != Action::None && command.action != action) {
                command.error = "/registerService and /unregisterService exclude each other";
                return command;
            }
            command.action = action;
        } else if (takes_value && !has_value) {
            command.error = option(name) + " needs a value (" + option(name) + "=...)";
            return command;
        } else if (iequals(name, "displayName")) {
            command.display_name = value;
            has_display_name = true;
        } else if (iequals(name, "description")) {
            command.description = value;
            has_description = true;
        } else if (iequals(name, "startup")) {
            if (iequals(value, "auto") || iequals(value, "automatic")) {
                command.startup = Startup::Auto;
            } else if (iequals(value, "manual")) {
                command.startup = Startup::Manual;
            } else {
                command.error = "/startup must be auto or manual, not '" + value + "'";
                return command;
            }
            has_startup = true;
        } else {
            command.error = "unknown option: " + arg;
            return command;
        }
    }
    if (command.action != Action::Register
        && (has_display_name || has_description || has_startup)) {
        command.error = "/displayName, /description and /startup go with /registerService";
    }
    return command;
}

} // namespace launcher
