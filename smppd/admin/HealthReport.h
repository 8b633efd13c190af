#pragma once

#include "smppd/admin/Metrics.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

/// What `GET /health` answers (architecture §4.6), filled by the app's provider at request time.
struct HealthReport {
    enum class Status { Ok, Degraded };

    Status status = Status::Ok;
    std::chrono::duration<double> uptime{0};
    std::map<std::string, std::uint64_t> sessions{}; ///< bound sessions per account
    std::map<std::string, double> queues{}; ///< depth per queue name
    bool hermes_enabled = false; ///< Mode VOCALCOM
    std::optional<bool> hermes_reachable{}; ///< unset until the first push
    std::string hermes_last_error{}; ///< "" = none
    StoreFaultReport store{}; ///< the store's fault state; a fault degrades the status
    /// Insecure settings still in use (e.g. the default password on a non-loopback listener).
    struct Warning {
        std::string event; ///< e.g. default_password
        std::string key; ///< the config key to change
        std::string message;
    };
    std::vector<Warning> warnings{};
};

/// "ok" / "degraded".
std::string_view toString(HealthReport::Status status) noexcept;

/// The report as one JSON object, keys in this order:
/// `{"status":"ok","uptimeSeconds":12.5,"sessions":{"admin":2},"queues":{"outbound":3},
///   "hermes":{"enabled":true,"reachable":true,"lastError":""},
///   "store":{"ok":false,"reason":"SQLITE_FULL","error":"database or disk is full",
///            "failedOperations":1200,"faultSeconds":3.5},
///   "warnings":[{"event":"default_password","key":"Authentication.Password","message":".."}]}`
/// (`reachable` is null before the first push).
std::string toJson(const HealthReport& report);

/// A report from the registry: uptime, sessions, queue depths and what the pushes say about
/// Hermes, and the store's fault state. Status is Degraded when Hermes is enabled and the last
/// push got no answer, or while the store cannot commit.
HealthReport makeHealthReport(const Metrics& metrics, bool hermes_enabled);

} // namespace smppd
