#pragma once

#include "config/Settings.h"
#include "smppd/admin/AdminRequestHandler.h"
#include "smppd/admin/Metrics.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <memory>
#include <string>

namespace smppd {

/// Where the admin endpoint listens (from AdminSettings: `Admin.ListenHost`/`Admin.ListenPort`).
struct AdminServerOptions {
    std::string host = "127.0.0.1"; ///< loopback by default: the endpoint has no authentication
                                    ///< ("" = all IPv4 interfaces, logged as a warning)
    std::uint16_t port = 0; ///< 0 binds an ephemeral port (tests); the app skips the server when
                            ///< Admin.ListenPort is 0
    int threads = 2; ///< request threads
};

/// Options from `Admin.ListenHost` / `Admin.ListenPort`. The caller starts no server when
/// settings.listen_port is 0 (the endpoint is off by default).
AdminServerOptions adminServerOptionsFrom(const AdminSettings& settings);

/// The admin HTTP endpoint (architecture §4.6): Poco HTTPServer with a small thread pool of its
/// own serving `GET /health` and `GET /metrics` (see AdminRequestHandler).
/// metrics and what `health` captures must outlive the server.
class AdminServer {
public:
    AdminServer(AdminServerOptions options, const Metrics& metrics, HealthProvider health);
    ~AdminServer();
    AdminServer(const AdminServer&) = delete;
    AdminServer& operator=(const AdminServer&) = delete;

    /// Binds host:port and starts serving. Throws Poco::Net::NetException (e.g. address in use)
    /// when the socket cannot be bound; the app maps that to exit code 69.
    void start();

    /// Stops accepting, aborts open connections and joins the threads. Idempotent.
    void stop();

    /// The bound port (the ephemeral one when options.port was 0); 0 before start().
    std::uint16_t port() const noexcept { return port_; }

private:
    AdminServerOptions options_;
    const Metrics& metrics_;
    HealthProvider health_;
    Poco::ThreadPool pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    std::uint16_t port_ = 0;
    Poco::Logger& log_ = Poco::Logger::get("smppd.admin");
};

} // namespace smppd
