#pragma once

#include <Poco/Process.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace smppd::itest {

/// The real smppd executable (SMPPD_EXE) run with a generated config in a temporary folder, on a
/// free loopback port. Every wait is bounded.
class SmppdProcess {
public:
    using Keys = std::map<std::string, std::string>;

    /// A key given this value gets a free loopback port (see portOf); Server.ListenPort does
    /// unless the test names one.
    static constexpr const char* kFreePort = "<free port>";
    /// A key given this value is left out of the config (e.g. Authentication.Password).
    static constexpr const char* kOmit = "<omit>";

    /// Writes <dir>/smppd.config from the defaults below overridden by `keys`. A new temporary
    /// folder is made when dir is empty (removed by the destructor).
    explicit SmppdProcess(Keys keys = {}, std::string dir = {});
    ~SmppdProcess();
    SmppdProcess(const SmppdProcess&) = delete;
    SmppdProcess& operator=(const SmppdProcess&) = delete;

    /// Launches smppd and waits (<= 15 s) until it logs that it started, every listener open.
    /// A free port is only free until smppd binds it: another test may take it first. When smppd
    /// then exits 69 (port in use), the ports this class chose are chosen again and smppd is
    /// launched again, up to 3 times.
    void start();

    /// Launches smppd with these arguments and waits for it to exit (<= timeout); its exit code.
    static int runToExit(const std::vector<std::string>& args,
        std::chrono::milliseconds timeout,
        std::string* output = nullptr);

    /// SIGKILL: no flush, no graceful stop. Waits for the process to be gone; start() may
    /// follow, on the same folder and store.
    void kill();

    /// SIGTERM, then waits (<= timeout) for the exit code; kills it after the timeout (-1).
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /// Waits (<= timeout) for the process to exit on its own; nullopt if still running.
    std::optional<int> waitExit(std::chrono::milliseconds timeout);

    std::uint16_t port() const { return portOf("Server.ListenPort"); }

    /// The port written for `key`: the test's own value, or the free port chosen for it.
    std::uint16_t portOf(const std::string& key) const;
    const std::string& dir() const { return dir_; }
    /// The running process's id (0 when it is not running).
    int pid() const;
    std::string configPath() const { return dir_ + "/smppd.config"; }

    /// The current content of smppd.log (empty if missing).
    std::string log() const;

private:
    /// A free loopback TCP port (bound to port 0 and released).
    static std::uint16_t freePort();

    /// Chooses a free port for every kFreePort key, then writes the config.
    void writeConfig();

    /// Launches smppd once; nullopt once it logs that it started, else its exit code.
    std::optional<int> launchOnce();

    /// How many times smppd.log says "started" (a folder may be started again).
    std::size_t startedLines() const;

    Keys keys_; ///< as the test gave them, kFreePort included
    Keys written_; ///< as last written to the config
    std::string dir_;
    bool own_dir_ = false;
    std::unique_ptr<Poco::ProcessHandle> handle_;
};

} // namespace smppd::itest
