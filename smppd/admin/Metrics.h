#pragma once

#include "common/smpp/CommandId.h"
#include "common/smpp/CommandStatus.h"
#include "smppd/admin/LatencyHistogram.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

class PrometheusWriter;

/// Which way a PDU went, seen from smppd.
enum class PduDirection : std::uint8_t { In, Out };

/// The kind of bind a session holds.
enum class BindType : std::uint8_t { Transmitter, Receiver, Transceiver };

/// The outcome of one Hermes push attempt (routing's ForwardOutcome::Kind).
enum class PushOutcome : std::uint8_t {
    Delivered, ///< 2xx
    Rejected, ///< refused for good (4xx other than 408/429)
    Retry, ///< 408/429/5xx/timeout/connection failure
};

/// Receipt totals, when another component (the Router) already counts them.
struct ReceiptCounts {
    std::uint64_t sent = 0; ///< acknowledged by the ESME with ESME_ROK
    std::uint64_t failed = 0; ///< refused for good
};

/// What /health says about Hermes, from the last push attempts.
struct HermesHealth {
    std::uint64_t attempts = 0; ///< pushes completed since start
    std::optional<bool> reachable{}; ///< unset until the first push; false = last got no answer
    std::string last_error{}; ///< last non-2xx outcome, e.g. "http_status=503"; "" = none yet
};

/// What the store says about its faults (SqliteMessageStore::health()), for /health and
/// /metrics.
struct StoreFaultReport {
    bool ok = true; ///< false during a fault: from a failed commit to the next good one
    std::string reason{}; ///< the fault's cause, e.g. "SQLITE_FULL"; "" when ok
    std::string error{}; ///< SQLite's words, e.g. "database or disk is full"
    std::uint64_t failed_operations = 0; ///< failed or refused since the fault began
    double fault_seconds = 0; ///< how long the fault has lasted
    std::map<std::string, std::uint64_t> failures_by_reason{}; ///< since start
};

/// The metrics registry of one smppd process (architecture §4.6). No global state: the app owns
/// one instance and passes it by reference. The per-PDU path (countPdu) is an array index and one
/// relaxed atomic add, safe from any thread. Session gauges and providers take a mutex (rare
/// events and scrapes only). renderPrometheus() may run concurrently with every update.
class Metrics {
public:
    using Clock = std::chrono::steady_clock;
    using Now = std::function<Clock::time_point()>;
    using Provider = std::function<double()>;

    /// `now` gives the time (injected for tests); uptime counts from construction.
    explicit Metrics(Now now = &Clock::now);
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    /// Counts one PDU from its raw header values (unknown ids count as command="unknown",
    /// statuses not in smpp::CommandStatus as status="other"). Lock-free, noexcept.
    void countPdu(
        PduDirection direction, std::uint32_t command_id, std::uint32_t command_status) noexcept;

    /// Same, for typed values.
    void countPdu(PduDirection direction,
        smpp::CommandId command_id,
        smpp::CommandStatus command_status) noexcept
    {
        countPdu(direction, smpp::toWire(command_id), smpp::toWire(command_status));
    }

    /// The count so far for one (direction, command, status) cell.
    std::uint64_t pduCount(PduDirection direction,
        std::uint32_t command_id,
        std::uint32_t command_status) const noexcept;

    /// A session of `account` became bound as `type` / left that bound state.
    void sessionBound(std::string_view account, BindType type);
    void sessionUnbound(std::string_view account, BindType type);

    /// Bound sessions per account (all bind types), for /health.
    std::map<std::string, std::uint64_t> sessionsPerAccount() const;

    /// A delivery receipt was acknowledged by the ESME / failed for good.
    void receiptSent() noexcept;
    void receiptFailed() noexcept;

    /// Reads `smppd_receipts_total` from `provider` at scrape time instead of from
    /// receiptSent()/receiptFailed() (e.g. from Router::counters()). Same rules as the queue
    /// depth providers.
    void setReceiptProvider(std::function<ReceiptCounts()> provider);

    /// One Hermes push attempt ended after `latency`. http_status is the HTTP status, 0 when no
    /// answer came (timeout, connection failure): that makes Hermes unreachable in /health.
    void pushCompleted(PushOutcome outcome, int http_status, std::chrono::nanoseconds latency);

    /// One store group commit: its oldest operation waited `queue_wait` to be taken, and the
    /// transaction took `commit` (BEGIN to the end of COMMIT, fsync included). Lock-free: the
    /// store's writer thread calls it after every batch.
    void storeCommitted(
        std::chrono::nanoseconds queue_wait, std::chrono::nanoseconds commit) noexcept;

    /// Reads the store's fault state at scrape time: `smppd_store_failures_total{reason}` and
    /// `smppd_store_failing`, and the "store" object of /health. Same rules as the queue depth
    /// providers. Without one, the store counts as ok.
    void setStoreHealthProvider(std::function<StoreFaultReport()> provider);

    /// The store's fault state, read now from the provider.
    StoreFaultReport storeHealth() const;

    /// What the push attempts say about Hermes.
    HermesHealth hermesHealth() const;

    /// The launcher's restart count for this run (smppd `--restarts N`).
    void setLauncherRestarts(std::uint64_t restarts) noexcept;

    /// Registers (or replaces) the provider of queue `queue`'s depth, read at scrape time as
    /// `smppd_queue_depth{queue="..."}`. Providers run on the admin thread, without the registry
    /// lock: they must be thread-safe, and what they capture must outlive the AdminServer.
    /// An exception from a provider fails that scrape (HTTP 500).
    void setQueueDepthProvider(std::string queue, Provider provider);

    /// Registers (or replaces) a free-form gauge `name` read at scrape time. Throws
    /// std::invalid_argument when name is not a valid metric name or starts with the name of a
    /// built-in family (e.g. smppd_sessions, smppd_queue_depth).
    void setGaugeProvider(std::string name, std::string help, Provider provider);

    /// Registers (or replaces) a free-form counter `name` (a valid metric name ending in
    /// `_total`) read at scrape time, for totals another component keeps (Router::counters()).
    /// Throws std::invalid_argument like setGaugeProvider().
    void setCounterProvider(std::string name, std::string help, Provider provider);

    /// Every queue depth, read now from the providers.
    std::map<std::string, double> queueDepths() const;

    /// Time since construction, by the injected clock.
    std::chrono::duration<double> uptime() const;

    /// The whole registry in Prometheus text exposition format 0.0.4. PDU cells that are still 0
    /// are left out; every family always has its HELP and TYPE lines.
    std::string renderPrometheus() const;

private:
    static constexpr std::size_t kCommandSlots = 32; ///< slot 0 = unknown
    static constexpr std::size_t kStatusSlots = 64; ///< slot 0 = other
    static constexpr std::uint32_t kLowIds = 0x104; ///< command ids without bit 31 are below
    static constexpr std::uint32_t kStatusTable = 0x105; ///< statuses looked up by table

    struct NamedProvider {
        std::string help;
        std::string_view type; ///< "gauge" or "counter"
        Provider provider;
    };

    void buildTables();
    std::size_t commandSlot(std::uint32_t command_id) const noexcept;
    std::size_t statusSlot(std::uint32_t command_status) const noexcept;
    static std::size_t cell(
        PduDirection direction, std::size_t command, std::size_t status) noexcept;
    void renderPdus(PrometheusWriter& out) const;
    void renderPduRow(PrometheusWriter& out, PduDirection direction, std::size_t command) const;
    void renderSessions(PrometheusWriter& out) const;
    void renderCounters(PrometheusWriter& out) const;
    void renderStore(PrometheusWriter& out) const;
    void renderHistograms(PrometheusWriter& out) const;
    static void renderHistogram(PrometheusWriter& out,
        const std::string& name,
        std::string_view help,
        const LatencyHistogram& histogram);
    void renderProviders(PrometheusWriter& out) const;
    std::map<std::string, Provider> copyQueueProviders() const;
    ReceiptCounts receiptCounts() const;

    Now now_;
    Clock::time_point started_;

    // Lookup tables, filled once by the constructor, read-only afterwards.
    std::array<std::array<std::uint8_t, kLowIds>, 2> command_slot_of_{}; ///< [bit 31][low bits]
    std::array<std::uint8_t, kStatusTable> status_slot_of_{};
    std::vector<std::uint32_t> command_of_slot_; ///< slot -> command id (slot 0 unused)
    std::vector<std::uint32_t> status_of_slot_; ///< slot -> status (slot 0 unused)

    std::array<std::atomic<std::uint64_t>, 2 * kCommandSlots * kStatusSlots> pdus_{};
    std::atomic<std::uint64_t> receipts_sent_{0};
    std::atomic<std::uint64_t> receipts_failed_{0};
    std::array<std::atomic<std::uint64_t>, 3> pushes_{};
    std::atomic<std::uint64_t> launcher_restarts_{0};
    LatencyHistogram push_latency_;
    LatencyHistogram store_commit_{LatencyHistogram::kFineBoundsNs};
    LatencyHistogram store_queue_wait_{LatencyHistogram::kFineBoundsNs};

    mutable std::mutex mutex_; ///< guards the members below
    std::map<std::string, std::array<std::int64_t, 3>, std::less<>> sessions_;
    std::map<std::string, Provider> queue_providers_;
    std::map<std::string, NamedProvider> named_providers_;
    std::function<ReceiptCounts()> receipt_provider_;
    std::function<StoreFaultReport()> store_provider_;
    HermesHealth hermes_;
};

} // namespace smppd
