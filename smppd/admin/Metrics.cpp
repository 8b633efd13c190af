#include "smppd/admin/Metrics.h"

#include "smppd/admin/PrometheusWriter.h"

#include <fmt/format.h>

#include <stdexcept>

namespace smppd {

namespace {

constexpr std::string_view kPdusName = "smppd_pdus_total";

std::string_view directionName(PduDirection direction) noexcept
{
    return direction == PduDirection::In ? "in" : "out";
}

std::string_view bindTypeName(std::size_t type) noexcept
{
    static constexpr std::array<std::string_view, 3> kNames{
        "transmitter", "receiver", "transceiver"};
    return kNames.at(type);
}

std::string_view outcomeName(std::size_t outcome) noexcept
{
    static constexpr std::array<std::string_view, 3> kNames{"delivered", "rejected", "retry"};
    return kNames.at(outcome);
}

/// Every family renderPrometheus() writes itself: a provider may not take one of these names.
constexpr std::array<std::string_view, 12> kBuiltInFamilies{"smppd_uptime_seconds",
    "smppd_store_failures_total",
    "smppd_store_failing",
    kPdusName,
    "smppd_sessions",
    "smppd_receipts_total",
    "smppd_hermes_pushes_total",
    "smppd_launcher_restarts_total",
    "smppd_hermes_push_seconds",
    "smppd_store_commit_seconds",
    "smppd_store_queue_wait_seconds",
    "smppd_queue_depth"};

/// Throws std::invalid_argument unless `name` is a valid metric name not used by a built-in family.
void checkProviderName(std::string_view name)
{
    const auto valid_char = [](char c, bool first) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        return alpha || (!first && c >= '0' && c <= '9');
    };
    bool valid = !name.empty();
    for (std::size_t i = 0; i < name.size(); ++i) {
        valid = valid && valid_char(name[i], i == 0);
    }
    if (!valid) {
        throw std::invalid_argument(fmt::format("invalid metric name '{}'", name));
    }
    for (const auto built_in : kBuiltInFamilies) {
        if (name.starts_with(built_in)) {
            throw std::invalid_argument(fmt::format("metric name '{}' is built in", name));
        }
    }
}

} // namespace

Metrics::Metrics(Now now) : now_(std::move(now)), started_(now_())
{
    buildTables();
}

void Metrics::buildTables()
{
    command_of_slot_.assign(1, 0);
    for (std::uint32_t high = 0; high < 2; ++high) {
        for (std::uint32_t low = 0; low < kLowIds; ++low) {
            const std::uint32_t id = (high << 31) | low;
            if (smpp::isKnown(id) && command_of_slot_.size() < kCommandSlots) {
                command_slot_of_[high][low] = static_cast<std::uint8_t>(command_of_slot_.size());
                command_of_slot_.push_back(id);
            }
        }
    }
    status_of_slot_.assign(1, 0);
    for (std::uint32_t status = 0; status < kStatusTable; ++status) {
        const bool known = smpp::isKnown(static_cast<smpp::CommandStatus>(status));
        if (known && status_of_slot_.size() < kStatusSlots) {
            status_slot_of_[status] = static_cast<std::uint8_t>(status_of_slot_.size());
            status_of_slot_.push_back(status);
        }
    }
}

std::size_t Metrics::commandSlot(std::uint32_t command_id) const noexcept
{
    const std::uint32_t low = command_id & 0x7FFFFFFFU;
    if (low >= kLowIds) {
        return 0;
    }
    return command_slot_of_[command_id >> 31][low];
}

std::size_t Metrics::statusSlot(std::uint32_t command_status) const noexcept
{
    return command_status < kStatusTable ? status_slot_of_[command_status] : 0;
}

std::size_t Metrics::cell(PduDirection direction, std::size_t command, std::size_t status) noexcept
{
    const std::size_t dir = direction == PduDirection::In ? 0 : 1;
    return (dir * kCommandSlots + command) * kStatusSlots + status;
}

void Metrics::countPdu(
    PduDirection direction, std::uint32_t command_id, std::uint32_t command_status) noexcept
{
    pdus_[cell(direction, commandSlot(command_id), statusSlot(command_status))].fetch_add(
        1, std::memory_order_relaxed);
}

std::uint64_t Metrics::pduCount(
    PduDirection direction, std::uint32_t command_id, std::uint32_t command_status) const noexcept
{
    return pdus_[cell(direction, commandSlot(command_id), statusSlot(command_status))].load(
        std::memory_order_relaxed);
}

void Metrics::sessionBound(std::string_view account, BindType type)
{
    const std::lock_guard lock(mutex_);
    auto it = sessions_.find(account);
    if (it == sessions_.end()) {
        it = sessions_.emplace(std::string(account), std::array<std::int64_t, 3>{}).first;
    }
    ++it->second.at(static_cast<std::size_t>(type));
}

void Metrics::sessionUnbound(std::string_view account, BindType type)
{
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(account);
    if (it != sessions_.end() && it->second.at(static_cast<std::size_t>(type)) > 0) {
        --it->second.at(static_cast<std::size_t>(type));
    }
}

std::map<std::string, std::uint64_t> Metrics::sessionsPerAccount() const
{
    const std::lock_guard lock(mutex_);
    std::map<std::string, std::uint64_t> result;
    for (const auto& [account, by_type] : sessions_) {
        result[account] = static_cast<std::uint64_t>(by_type[0] + by_type[1] + by_type[2]);
    }
    return result;
}

void Metrics::receiptSent() noexcept
{
    receipts_sent_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::receiptFailed() noexcept
{
    receipts_failed_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::storeCommitted(
    std::chrono::nanoseconds queue_wait, std::chrono::nanoseconds commit) noexcept
{
    store_queue_wait_.observe(queue_wait);
    store_commit_.observe(commit);
}

void Metrics::pushCompleted(PushOutcome outcome, int http_status, std::chrono::nanoseconds latency)
{
    pushes_.at(static_cast<std::size_t>(outcome)).fetch_add(1, std::memory_order_relaxed);
    push_latency_.observe(latency);
    const std::lock_guard lock(mutex_);
    ++hermes_.attempts;
    hermes_.reachable = http_status != 0;
    if (outcome != PushOutcome::Delivered) {
        hermes_.last_error = http_status == 0 ? std::string("no_answer")
                                              : fmt::format("http_status={}", http_status);
    }
}

HermesHealth Metrics::hermesHealth() const
{
    const std::lock_guard lock(mutex_);
    return hermes_;
}

void Metrics::setLauncherRestarts(std::uint64_t restarts) noexcept
{
    launcher_restarts_.store(restarts, std::memory_order_relaxed);
}

void Metrics::setQueueDepthProvider(std::string queue, Provider provider)
{
    const std::lock_guard lock(mutex_);
    queue_providers_[std::move(queue)] = std::move(provider);
}

void Metrics::setGaugeProvider(std::string name, std::string help, Provider provider)
{
    checkProviderName(name);
    const std::lock_guard lock(mutex_);
    named_providers_[std::move(name)] =
        NamedProvider{std::move(help), "gauge", std::move(provider)};
}

void Metrics::setCounterProvider(std::string name, std::string help, Provider provider)
{
    checkProviderName(name);
    const std::lock_guard lock(mutex_);
    named_providers_[std::move(name)] =
        NamedProvider{std::move(help), "counter", std::move(provider)};
}

void Metrics::setReceiptProvider(std::function<ReceiptCounts()> provider)
{
    const std::lock_guard lock(mutex_);
    receipt_provider_ = std::move(provider);
}

void Metrics::setStoreHealthProvider(std::function<StoreFaultReport()> provider)
{
    const std::lock_guard lock(mutex_);
    store_provider_ = std::move(provider);
}

StoreFaultReport Metrics::storeHealth() const
{
    std::function<StoreFaultReport()> provider;
    {
        const std::lock_guard lock(mutex_);
        provider = store_provider_;
    }
    return provider ? provider() : StoreFaultReport{};
}

ReceiptCounts Metrics::receiptCounts() const
{
    std::function<ReceiptCounts()> provider;
    {
        const std::lock_guard lock(mutex_);
        provider = receipt_provider_;
    }
    if (provider) {
        return provider();
    }
    return ReceiptCounts{receipts_sent_.load(std::memory_order_relaxed),
        receipts_failed_.load(std::memory_order_relaxed)};
}

std::map<std::string, double> Metrics::queueDepths() const
{
    std::map<std::string, double> depths;
    for (const auto& [queue, provider] : copyQueueProviders()) {
        depths[queue] = provider();
    }
    return depths;
}

std::map<std::string, Metrics::Provider> Metrics::copyQueueProviders() const
{
    const std::lock_guard lock(mutex_);
    return queue_providers_;
}

std::chrono::duration<double> Metrics::uptime() const
{
    return now_() - started_;
}

std::string Metrics::renderPrometheus() const
{
    PrometheusWriter out;
    out.family("smppd_uptime_seconds", "Seconds since smppd started.", "gauge");
    out.sample("smppd_uptime_seconds", {}, uptime().count());
    renderPdus(out);
    renderSessions(out);
    renderCounters(out);
    renderStore(out);
    renderHistograms(out);
    renderProviders(out);
    return out.text();
}

void Metrics::renderPdus(PrometheusWriter& out) const
{
    out.family(kPdusName, "SMPP PDUs by direction, command and command_status.", "counter");
    for (const auto direction : {PduDirection::In, PduDirection::Out}) {
        for (std::size_t command = 0; command < command_of_slot_.size(); ++command) {
            renderPduRow(out, direction, command);
        }
    }
}

void Metrics::renderPduRow(PrometheusWriter& out, PduDirection direction, std::size_t command) const
{
    const std::string_view command_name = command == 0
        ? std::string_view("unknown")
        : smpp::name(static_cast<smpp::CommandId>(command_of_slot_[command]));
    for (std::size_t status = 0; status < status_of_slot_.size(); ++status) {
        const auto value = pdus_[cell(direction, command, status)].load(std::memory_order_relaxed);
        if (value == 0) {
            continue;
        }
        const std::string_view status_name = status == 0
            ? std::string_view("other")
            : smpp::name(static_cast<smpp::CommandStatus>(status_of_slot_[status]));
        out.sample(kPdusName,
            {{"direction", directionName(direction)},
                {"command", command_name},
                {"status", status_name}},
            value);
    }
}

void Metrics::renderSessions(PrometheusWriter& out) const
{
    constexpr std::string_view kName = "smppd_sessions";
    out.family(kName, "Bound SMPP sessions by account and bind type.", "gauge");
    const std::lock_guard lock(mutex_);
    for (const auto& [account, by_type] : sessions_) {
        for (std::size_t type = 0; type < by_type.size(); ++type) {
            out.sample(kName,
                {{"account", account}, {"bind", bindTypeName(type)}},
                static_cast<double>(by_type.at(type)));
        }
    }
}

void Metrics::renderCounters(PrometheusWriter& out) const
{
    constexpr std::string_view kReceipts = "smppd_receipts_total";
    out.family(
        kReceipts, "Delivery receipts acknowledged by the ESME or failed for good.", "counter");
    const ReceiptCounts receipts = receiptCounts();
    out.sample(kReceipts, {{"outcome", "sent"}}, receipts.sent);
    out.sample(kReceipts, {{"outcome", "failed"}}, receipts.failed);
    constexpr std::string_view kPushes = "smppd_hermes_pushes_total";
    out.family(kPushes, "Hermes push attempts by outcome.", "counter");
    for (std::size_t outcome = 0; outcome < pushes_.size(); ++outcome) {
        out.sample(kPushes,
            {{"outcome", outcomeName(outcome)}},
            pushes_.at(outcome).load(std::memory_order_relaxed));
    }
    constexpr std::string_view kRestarts = "smppd_launcher_restarts_total";
    out.family(kRestarts, "Restarts of smppd seen by the launcher.", "counter");
    out.sample(kRestarts, {}, launcher_restarts_.load(std::memory_order_relaxed));
}

void Metrics::renderStore(PrometheusWriter& out) const
{
    const StoreFaultReport store = storeHealth();
    constexpr std::string_view kFailures = "smppd_store_failures_total";
    out.family(kFailures,
        "Store operations not committed (failed, or refused at once during a fault), by SQLite's "
        "reason.",
        "counter");
    for (const auto& [reason, count] : store.failures_by_reason) {
        out.sample(kFailures, {{"reason", reason}}, count);
    }
    constexpr std::string_view kFailing = "smppd_store_failing";
    out.family(kFailing, "1 while the store cannot commit (see /health), else 0.", "gauge");
    out.sample(kFailing, {}, std::uint64_t{store.ok ? 0U : 1U});
}

void Metrics::renderHistograms(PrometheusWriter& out) const
{
    renderHistogram(
        out, "smppd_hermes_push_seconds", "Latency of Hermes push attempts.", push_latency_);
    renderHistogram(out,
        "smppd_store_commit_seconds",
        "Store group commits: BEGIN to the end of COMMIT (with its fsync), one per batch.",
        store_commit_);
    renderHistogram(out,
        "smppd_store_queue_wait_seconds",
        "Store group commits: how long the oldest operation of the batch waited to be taken.",
        store_queue_wait_);
}

void Metrics::renderHistogram(PrometheusWriter& out,
    const std::string& name,
    std::string_view help,
    const LatencyHistogram& histogram)
{
    const auto snap = histogram.snapshot();
    const std::string bucket = name + "_bucket";
    out.family(name, help, "histogram");
    for (std::size_t i = 0; i < LatencyHistogram::kBounds; ++i) {
        const auto le = PrometheusWriter::formatValue(histogram.boundSeconds(i));
        out.sample(bucket, {{"le", le}}, snap.cumulative.at(i));
    }
    out.sample(bucket, {{"le", "+Inf"}}, snap.count);
    out.sample(name + "_sum", {}, snap.sum_seconds);
    out.sample(name + "_count", {}, snap.count);
}

void Metrics::renderProviders(PrometheusWriter& out) const
{
    // Providers run without the lock, so they may call back into this registry.
    out.family("smppd_queue_depth", "Messages waiting, by queue.", "gauge");
    for (const auto& [queue, provider] : copyQueueProviders()) {
        out.sample("smppd_queue_depth", {{"queue", queue}}, provider());
    }
    std::map<std::string, NamedProvider> named;
    {
        const std::lock_guard lock(mutex_);
        named = named_providers_;
    }
    for (const auto& [name, entry] : named) {
        out.family(name, entry.help, entry.type);
        out.sample(name, {}, entry.provider());
    }
}

} // namespace smppd
