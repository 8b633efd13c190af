#include "smppd/admin/Metrics.h"

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;
using smppd::BindType;
using smppd::Metrics;
using smppd::PduDirection;
using smppd::PushOutcome;

namespace {

/// A clock the test moves by hand.
struct FakeClock {
    Metrics::Clock::time_point now{};
    Metrics::Now fn()
    {
        return [this] { return now; };
    }
};

/// The names of the "# TYPE name type" lines of a Prometheus text exposition.
std::set<std::string> typedFamilies(const std::string& text)
{
    std::set<std::string> names;
    const std::string prefix = "# TYPE ";
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
        const auto start = at + prefix.size();
        names.insert(text.substr(start, text.find(' ', start) - start));
    }
    return names;
}

} // namespace

TEST_CASE("metrics render a small scenario exactly", "[admin]")
{
    FakeClock clock;
    Metrics metrics(clock.fn());
    clock.now += 12500ms;

    metrics.countPdu(PduDirection::In, CommandId::SubmitSm, CommandStatus::Ok);
    metrics.countPdu(PduDirection::In, CommandId::SubmitSm, CommandStatus::Ok);
    metrics.countPdu(PduDirection::In, 0x00012345U, 0U); // unknown command id
    metrics.countPdu(PduDirection::Out, CommandId::SubmitSmResp, CommandStatus::Ok);
    metrics.countPdu(PduDirection::Out, CommandId::SubmitSmResp, CommandStatus::Throttled);
    metrics.countPdu(PduDirection::Out, smpp::toWire(CommandId::GenericNack), 0x400U); // other
    metrics.sessionBound("admin", BindType::Transceiver);
    metrics.sessionBound("acme", BindType::Transmitter);
    metrics.sessionBound("acme", BindType::Receiver);
    metrics.sessionUnbound("acme", BindType::Receiver);
    metrics.receiptSent();
    metrics.pushCompleted(PushOutcome::Delivered, 200, 20ms);
    metrics.pushCompleted(PushOutcome::Retry, 0, 3s);
    metrics.setLauncherRestarts(2);
    metrics.setQueueDepthProvider("outbound", [] { return 3.0; });
    metrics.storeCommitted(50us, 400us);
    metrics.storeCommitted(3ms, 1500us);

    REQUIRE(
        metrics.renderPrometheus() == R"(# HELP smppd_uptime_seconds Seconds since smppd started.
# TYPE smppd_uptime_seconds gauge
smppd_uptime_seconds 12.5
# HELP smppd_pdus_total SMPP PDUs by direction, command and command_status.
# TYPE smppd_pdus_total counter
smppd_pdus_total{direction="in",command="unknown",status="ESME_ROK"} 1
smppd_pdus_total{direction="in",command="submit_sm",status="ESME_ROK"} 2
smppd_pdus_total{direction="out",command="generic_nack",status="other"} 1
smppd_pdus_total{direction="out",command="submit_sm_resp",status="ESME_ROK"} 1
smppd_pdus_total{direction="out",command="submit_sm_resp",status="ESME_RTHROTTLED"} 1
# HELP smppd_sessions Bound SMPP sessions by account and bind type.
# TYPE smppd_sessions gauge
smppd_sessions{account="acme",bind="transmitter"} 1
smppd_sessions{account="acme",bind="receiver"} 0
smppd_sessions{account="acme",bind="transceiver"} 0
smppd_sessions{account="admin",bind="transmitter"} 0
smppd_sessions{account="admin",bind="receiver"} 0
smppd_sessions{account="admin",bind="transceiver"} 1
# HELP smppd_receipts_total Delivery receipts acknowledged by the ESME or failed for good.
# TYPE smppd_receipts_total counter
smppd_receipts_total{outcome="sent"} 1
smppd_receipts_total{outcome="failed"} 0
# HELP smppd_hermes_pushes_total Hermes push attempts by outcome.
# TYPE smppd_hermes_pushes_total counter
smppd_hermes_pushes_total{outcome="delivered"} 1
smppd_hermes_pushes_total{outcome="rejected"} 0
smppd_hermes_pushes_total{outcome="retry"} 1
# HELP smppd_launcher_restarts_total Restarts of smppd seen by the launcher.
# TYPE smppd_launcher_restarts_total counter
smppd_launcher_restarts_total 2
# HELP smppd_store_failures_total Store operations not committed (failed, or refused at once during a fault), by SQLite's reason.
# TYPE smppd_store_failures_total counter
# HELP smppd_store_failing 1 while the store cannot commit (see /health), else 0.
# TYPE smppd_store_failing gauge
smppd_store_failing 0
# HELP smppd_hermes_push_seconds Latency of Hermes push attempts.
# TYPE smppd_hermes_push_seconds histogram
smppd_hermes_push_seconds_bucket{le="0.005"} 0
smppd_hermes_push_seconds_bucket{le="0.01"} 0
smppd_hermes_push_seconds_bucket{le="0.025"} 1
smppd_hermes_push_seconds_bucket{le="0.05"} 1
smppd_hermes_push_seconds_bucket{le="0.1"} 1
smppd_hermes_push_seconds_bucket{le="0.25"} 1
smppd_hermes_push_seconds_bucket{le="0.5"} 1
smppd_hermes_push_seconds_bucket{le="1"} 1
smppd_hermes_push_seconds_bucket{le="2.5"} 1
smppd_hermes_push_seconds_bucket{le="5"} 2
smppd_hermes_push_seconds_bucket{le="10"} 2
smppd_hermes_push_seconds_bucket{le="+Inf"} 2
smppd_hermes_push_seconds_sum 3.02
smppd_hermes_push_seconds_count 2
# HELP smppd_store_commit_seconds Store group commits: BEGIN to the end of COMMIT (with its fsync), one per batch.
# TYPE smppd_store_commit_seconds histogram
smppd_store_commit_seconds_bucket{le="0.0001"} 0
smppd_store_commit_seconds_bucket{le="0.00025"} 0
smppd_store_commit_seconds_bucket{le="0.0005"} 1
smppd_store_commit_seconds_bucket{le="0.001"} 1
smppd_store_commit_seconds_bucket{le="0.002"} 2
smppd_store_commit_seconds_bucket{le="0.005"} 2
smppd_store_commit_seconds_bucket{le="0.01"} 2
smppd_store_commit_seconds_bucket{le="0.025"} 2
smppd_store_commit_seconds_bucket{le="0.05"} 2
smppd_store_commit_seconds_bucket{le="0.1"} 2
smppd_store_commit_seconds_bucket{le="0.25"} 2
smppd_store_commit_seconds_bucket{le="+Inf"} 2
smppd_store_commit_seconds_sum 0.0019
smppd_store_commit_seconds_count 2
# HELP smppd_store_queue_wait_seconds Store group commits: how long the oldest operation of the batch waited to be taken.
# TYPE smppd_store_queue_wait_seconds histogram
smppd_store_queue_wait_seconds_bucket{le="0.0001"} 1
smppd_store_queue_wait_seconds_bucket{le="0.00025"} 1
smppd_store_queue_wait_seconds_bucket{le="0.0005"} 1
smppd_store_queue_wait_seconds_bucket{le="0.001"} 1
smppd_store_queue_wait_seconds_bucket{le="0.002"} 1
smppd_store_queue_wait_seconds_bucket{le="0.005"} 2
smppd_store_queue_wait_seconds_bucket{le="0.01"} 2
smppd_store_queue_wait_seconds_bucket{le="0.025"} 2
smppd_store_queue_wait_seconds_bucket{le="0.05"} 2
smppd_store_queue_wait_seconds_bucket{le="0.1"} 2
smppd_store_queue_wait_seconds_bucket{le="0.25"} 2
smppd_store_queue_wait_seconds_bucket{le="+Inf"} 2
smppd_store_queue_wait_seconds_sum 0.00305
smppd_store_queue_wait_seconds_count 2
# HELP smppd_queue_depth Messages waiting, by queue.
# TYPE smppd_queue_depth gauge
smppd_queue_depth{queue="outbound"} 3
)");
}

TEST_CASE("metrics count PDUs exactly from concurrent threads", "[admin]")
{
    Metrics metrics;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 100'000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&metrics] {
            for (int i = 0; i < kPerThread; ++i) {
                metrics.countPdu(PduDirection::In, CommandId::SubmitSm, CommandStatus::Ok);
                metrics.countPdu(PduDirection::Out, CommandId::SubmitSmResp, CommandStatus::Ok);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const auto in = metrics.pduCount(PduDirection::In, smpp::toWire(CommandId::SubmitSm), 0);
    const auto out = metrics.pduCount(PduDirection::Out, smpp::toWire(CommandId::SubmitSmResp), 0);
    REQUIRE(in == kThreads * kPerThread);
    REQUIRE(out == kThreads * kPerThread);
    REQUIRE(metrics.pduCount(PduDirection::Out, smpp::toWire(CommandId::SubmitSm), 0) == 0);
}

TEST_CASE("metrics keep every known command and status apart", "[admin]")
{
    Metrics metrics;
    const auto id = GENERATE(0x80000000U,
        0x00000001U,
        0x00000004U,
        0x80000009U,
        0x00000021U,
        0x00000102U,
        0x00000103U,
        0x80000103U);
    const auto status = GENERATE(0x00U, 0x0EU, 0x58U, 0xFFU, 0x104U);
    metrics.countPdu(PduDirection::In, id, status);
    REQUIRE(metrics.pduCount(PduDirection::In, id, status) == 1);
    REQUIRE(metrics.pduCount(PduDirection::Out, id, status) == 0);
    REQUIRE(metrics.pduCount(PduDirection::In, 0x00000015U, status) == 0);
}

TEST_CASE("metrics lump unknown ids and statuses together", "[admin]")
{
    Metrics metrics;
    metrics.countPdu(PduDirection::In, 0x00000013U, 0U); // not an SMPP 3.4 id
    metrics.countPdu(PduDirection::In, 0x80000102U, 0U); // alert_notification has no response
    metrics.countPdu(PduDirection::In, 0xFFFFFFFFU, 0U);
    REQUIRE(metrics.pduCount(PduDirection::In, 0x12345678U, 0U) == 3);
    metrics.countPdu(PduDirection::Out, 0x80000004U, 0x09U); // 0x09 is reserved
    metrics.countPdu(PduDirection::Out, 0x80000004U, 0xFFFFFFFFU);
    REQUIRE(metrics.pduCount(PduDirection::Out, 0x80000004U, 0x1000U) == 2);
}

TEST_CASE("metrics report sessions per account and Hermes health", "[admin]")
{
    Metrics metrics;
    metrics.sessionBound("admin", BindType::Transmitter);
    metrics.sessionBound("admin", BindType::Receiver);
    metrics.sessionUnbound("ghost", BindType::Receiver); // never bound: ignored
    metrics.sessionUnbound("admin", BindType::Transceiver); // not bound that way: stays >= 0
    REQUIRE(metrics.sessionsPerAccount() == std::map<std::string, std::uint64_t>{{"admin", 2}});

    REQUIRE_FALSE(metrics.hermesHealth().reachable.has_value());
    metrics.pushCompleted(PushOutcome::Rejected, 400, 1ms);
    REQUIRE(metrics.hermesHealth().reachable == true);
    REQUIRE(metrics.hermesHealth().last_error == "http_status=400");
    metrics.pushCompleted(PushOutcome::Retry, 0, 10s);
    REQUIRE(metrics.hermesHealth().reachable == false);
    REQUIRE(metrics.hermesHealth().last_error == "no_answer");
    metrics.pushCompleted(PushOutcome::Delivered, 201, 1ms);
    REQUIRE(metrics.hermesHealth().reachable == true);
    REQUIRE(metrics.hermesHealth().last_error == "no_answer"); // last error is kept
    REQUIRE(metrics.hermesHealth().attempts == 3);
}

TEST_CASE("metrics read gauge providers at scrape time", "[admin]")
{
    Metrics metrics;
    double depth = 1;
    metrics.setQueueDepthProvider("store", [&depth] { return depth; });
    metrics.setGaugeProvider("smppd_custom", "A custom gauge.", [] { return 0.5; });
    depth = 7;
    REQUIRE(metrics.queueDepths() == std::map<std::string, double>{{"store", 7.0}});
    const auto text = metrics.renderPrometheus();
    REQUIRE(text.find("smppd_queue_depth{queue=\"store\"} 7\n") != std::string::npos);
    REQUIRE(text.find("# TYPE smppd_custom gauge\nsmppd_custom 0.5\n") != std::string::npos);
}

TEST_CASE("metrics read counters from providers at scrape time", "[admin]")
{
    Metrics metrics;
    metrics.receiptSent();
    metrics.setCounterProvider("smppd_router_retries_total", "Retries.", [] { return 4.0; });
    REQUIRE(metrics.renderPrometheus().find("smppd_receipts_total{outcome=\"sent\"} 1\n")
        != std::string::npos);
    metrics.setReceiptProvider([] { return smppd::ReceiptCounts{.sent = 9, .failed = 2}; });
    const auto text = metrics.renderPrometheus();
    REQUIRE(text.find("smppd_receipts_total{outcome=\"sent\"} 9\n"
                      "smppd_receipts_total{outcome=\"failed\"} 2\n")
        != std::string::npos);
    REQUIRE(text.find("# TYPE smppd_router_retries_total counter\nsmppd_router_retries_total 4\n")
        != std::string::npos);
}

TEST_CASE("metrics refuse provider names that clash or are invalid", "[admin]")
{
    Metrics metrics;
    const auto one = [] { return 1.0; };
    REQUIRE_THROWS_AS(metrics.setGaugeProvider("smppd_sessions", "x", one), std::invalid_argument);
    REQUIRE_THROWS_AS(
        metrics.setCounterProvider("smppd_pdus_total", "x", one), std::invalid_argument);
    REQUIRE_THROWS_AS(metrics.setGaugeProvider("9lives", "x", one), std::invalid_argument);
    REQUIRE_THROWS_AS(metrics.setGaugeProvider("a-b", "x", one), std::invalid_argument);
    REQUIRE_THROWS_AS(metrics.setGaugeProvider("", "x", one), std::invalid_argument);
    REQUIRE_NOTHROW(metrics.setGaugeProvider("smppd_connections", "Live connections.", one));
}

TEST_CASE("every family the registry renders itself is refused as a provider name", "[admin]")
{
    Metrics metrics;
    const auto one = [] { return 1.0; };
    const auto families = typedFamilies(metrics.renderPrometheus());
    CHECK(families.count("smppd_store_commit_seconds") == 1);
    CHECK(families.count("smppd_store_queue_wait_seconds") == 1);
    for (const auto& name : families) {
        INFO(name);
        CHECK_THROWS_AS(metrics.setGaugeProvider(name, "x", one), std::invalid_argument);
        CHECK_THROWS_AS(
            metrics.setCounterProvider(name + "_total", "x", one), std::invalid_argument);
    }
}
