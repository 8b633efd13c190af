#pragma once

#include <Poco/Process.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace smppd::crash {

/// The real smppd (SMPPD_EXE) started on an existing config, which the test can SIGKILL and
/// start again on the same folder (same store). Every wait is bounded.
class CrashServer {
public:
    /// `config` is the config file, `dir` the working folder, `port` its Server.ListenPort.
    CrashServer(std::string config, std::string dir, std::uint16_t port);
    /// Kills a still running smppd.
    ~CrashServer();

    CrashServer(const CrashServer&) = delete;
    CrashServer& operator=(const CrashServer&) = delete;

    /// Launches smppd and waits (<= timeout) until its port accepts connections.
    /// Throws std::runtime_error when it exits or does not listen in time.
    void start(std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /// SIGKILL: no flush, no graceful stop. Waits for the process to be gone.
    void kill();

    /// SIGTERM, then waits (<= timeout) for its exit code; SIGKILL and -1 after the timeout.
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));

private:
    std::string config_;
    std::string dir_;
    std::uint16_t port_;
    std::unique_ptr<Poco::ProcessHandle> handle_;
};

} // namespace smppd::crash
