#pragma once

#include "config/Settings.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace smppd {

struct ServerParts;

/// Everything smppd runs, wired in order: store -> router -> (Hermes pusher) -> jobs -> SMPP
/// listener -> bridge -> admin. The ServerApplication owns one; so could a test.
class SmppdServer {
public:
    /// Builds the parts that do no I/O. `settings` must be valid (loadSettings()).
    explicit SmppdServer(Settings settings);
    /// stop().
    ~SmppdServer();
    SmppdServer(const SmppdServer&) = delete;
    SmppdServer& operator=(const SmppdServer&) = delete;

    /// Opens the store, resumes unfinished messages, starts the jobs, the Hermes pusher and the
    /// listeners. Throws PortBindError when a port cannot be bound, ConfigError or
    /// Poco::Net::SSLException for TLS files that cannot be used, StoreError when the database
    /// cannot be opened.
    void start();

    /// Graceful stop: stop accepting, unbind every session (waits up to the response timeout),
    /// stop the jobs and pushers, flush and close the store. Idempotent.
    void stop();

    /// The bound SMPP port (the ephemeral one with Server.ListenPort 0).
    std::uint16_t smppPort() const;

    /// Live SMPP connections.
    std::size_t connections() const;

    /// Bound SMPP sessions (all accounts).
    std::size_t boundSessions() const;

    /// Restarts of smppd seen by the launcher (its --restarts argument), shown in /metrics.
    void setLauncherRestarts(std::uint64_t restarts);

    /// Messages waiting in the store writer queue (for the heartbeat).
    std::uint64_t queued() const;

private:
    std::unique_ptr<ServerParts> parts_;
    bool started_ = false;
    bool stopped_ = false;
};

} // namespace smppd
