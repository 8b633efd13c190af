#include "smppd/admin/MeteredForwarder.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace std::chrono_literals;

namespace {

/// Keeps the completions so the test decides when and how each push ends.
struct ManualForwarder : smppd::Forwarder {
    std::vector<Completion> pending;
    std::vector<std::int64_t> ids;
    void forward(const smppd::Message& message, Completion done) override
    {
        ids.push_back(message.id);
        pending.push_back(std::move(done));
    }
};

smppd::ForwardOutcome outcome(smppd::ForwardOutcome::Kind kind, int code)
{
    smppd::ForwardOutcome o;
    o.kind = kind;
    o.error_code = code;
    return o;
}

} // namespace

TEST_CASE("metered forwarder times pushes and passes outcomes on", "[admin]")
{
    std::chrono::steady_clock::time_point now{};
    smppd::Metrics metrics;
    ManualForwarder inner;
    smppd::MeteredForwarder metered(inner, metrics, [&now] { return now; });

    std::vector<smppd::ForwardOutcome::Kind> seen;
    smppd::Message message;
    message.id = 1042;
    metered.forward(message, [&seen](const smppd::ForwardOutcome& o) { seen.push_back(o.kind); });
    metered.forward(message, [&seen](const smppd::ForwardOutcome& o) { seen.push_back(o.kind); });
    REQUIRE(inner.ids == std::vector<std::int64_t>{1042, 1042});
    REQUIRE(seen.empty());

    now += 30ms;
    inner.pending[0](outcome(smppd::ForwardOutcome::Kind::Delivered, 200));
    REQUIRE(metrics.hermesHealth().reachable == true);
    now += 12s;
    inner.pending[1](outcome(smppd::ForwardOutcome::Kind::Retry, 0));

    REQUIRE(seen
        == std::vector{smppd::ForwardOutcome::Kind::Delivered, smppd::ForwardOutcome::Kind::Retry});
    const auto health = metrics.hermesHealth();
    REQUIRE(health.attempts == 2);
    REQUIRE(health.reachable == false);
    REQUIRE(health.last_error == "no_answer");
    const auto text = metrics.renderPrometheus();
    REQUIRE(text.find("smppd_hermes_push_seconds_bucket{le=\"0.05\"} 1\n") != std::string::npos);
    REQUIRE(text.find("smppd_hermes_push_seconds_bucket{le=\"10\"} 1\n") != std::string::npos);
    REQUIRE(text.find("smppd_hermes_push_seconds_count 2\n") != std::string::npos);
    REQUIRE(text.find("smppd_hermes_pushes_total{outcome=\"retry\"} 1\n") != std::string::npos);
}

TEST_CASE("forward outcomes map onto push outcomes", "[admin]")
{
    using Kind = smppd::ForwardOutcome::Kind;
    REQUIRE(smppd::toPushOutcome(outcome(Kind::Delivered, 200)) == smppd::PushOutcome::Delivered);
    REQUIRE(smppd::toPushOutcome(outcome(Kind::Failed, 404)) == smppd::PushOutcome::Rejected);
    REQUIRE(smppd::toPushOutcome(outcome(Kind::Retry, 503)) == smppd::PushOutcome::Retry);
}
