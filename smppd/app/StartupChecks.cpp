#include "smppd/app/StartupChecks.h"

#include "common/logging/Fields.h"
#include "config/ConfigError.h"

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace smppd {

namespace {

[[noreturn]] void fail(std::string_view key, const std::string& path, std::string_view what)
{
    throw ConfigError(fmt::format("config: {}={}: {}", key, logging::quoted(path), what));
}

/// The file `key` names must be a readable regular file.
void checkReadable(std::string_view key, const std::string& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(std::filesystem::path(path), ec);
    if (ec) {
        fail(key, path, "cannot read the file: " + ec.message());
    }
    if (!std::filesystem::is_regular_file(status)) {
        fail(key, path, "cannot read the file: not a regular file");
    }
    errno = 0;
    const std::ifstream in(std::filesystem::path(path), std::ios::binary);
    if (!in) {
        const int error = errno;
        fail(key,
            path,
            "cannot read the file: "
                + (error != 0 ? std::generic_category().message(error) : "open failed"));
    }
}

} // namespace

void prepareLogDirectory(const std::string& directory)
{
    std::error_code ec;
    const auto folder = std::filesystem::path(directory);
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        fail("Log.Directory", directory, "cannot create the folder: " + ec.message());
    }
    if (!std::filesystem::is_directory(folder, ec)) {
        fail("Log.Directory",
            directory,
            "not a folder" + (ec ? ": " + ec.message() : std::string()));
    }
}

void checkStartupFiles(const Settings& settings)
{
    const auto& params = settings.server.listen_params;
    if (params.tls) {
        checkReadable("Server.ListenParams cert", params.cert);
        checkReadable("Server.ListenParams key", params.key);
        if (!params.ca.empty()) {
            checkReadable("Server.ListenParams ca", params.ca);
        }
    }
    if (settings.mode == Mode::Vocalcom && !settings.hermes.ca_file.empty()) {
        checkReadable("Hermes.CaFile", settings.hermes.ca_file);
    }
}

} // namespace smppd
