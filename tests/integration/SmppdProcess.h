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

    /// Writes <dir>/smppd.config from the defaults below overridden by `keys`. A new temporary
    /// folder is made when dir is empty (removed by the destructor).
    explicit SmppdProcess(Keys keys = {}, std::string dir = {});
    ~SmppdProcess();
    SmppdProcess(const SmppdProcess&) = delete;
    SmppdProcess& operator=(const SmppdProcess&) = delete;

    /// Launches smppd and waits (<= 10 s) until the port accepts connections.
    void start();

    /// Launches smppd with these arguments and waits for it to exit (<= timeout); its exit code.
    static int runToExit(const std::vector<std::string>& args,
        std::chrono::milliseconds timeout,
        std::string* output = nullptr);

    /// SIGTERM, then waits (<= timeout) for the exit code; kills it after the timeout (-1).
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /// Waits (<= timeout) for the process to exit on its own; nullopt if still running.
    std::optional<int> waitExit(std::chrono::milliseconds timeout);

    std::uint16_t port() const { return port_; }
    const std::string& dir() const { return dir_; }
    std::string configPath() const { return dir_ + "/smppd.config"; }

    /// The current content of smppd.log (empty if missing).
    std::string log() const;

    /// A free loopback TCP port (bound to port 0 and released).
    static std::uint16_t freePort();

private:
    void writeConfig(const Keys& keys);

    std::string dir_;
    bool own_dir_ = false;
    std::uint16_t port_ = 0;
    std::string probe_host_ = "127.0.0.1"; ///< where start() checks that smppd listens
    std::unique_ptr<Poco::ProcessHandle> handle_;
};

} // namespace smppd::itest
