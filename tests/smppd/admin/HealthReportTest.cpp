#include "smppd/admin/HealthReport.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("health report renders every field as JSON", "[admin]")
{
    smppd::HealthReport report;
    report.status = smppd::HealthReport::Status::Degraded;
    report.uptime = 37500ms;
    report.sessions = {{"admin", 2}, {"acme", 0}};
    report.queues = {{"outbound", 3}, {"pushes", 0}};
    report.hermes_enabled = true;
    report.hermes_reachable = false;
    report.hermes_last_error = "no_answer";
    report.store =
        smppd::StoreFaultReport{false, "SQLITE_FULL", "database or disk is full", 12, 1.5};

    REQUIRE(smppd::toJson(report)
        == R"({"status":"degraded","uptimeSeconds":37.5,"sessions":{"acme":0,"admin":2},)"
           R"("queues":{"outbound":3,"pushes":0},)"
           R"("hermes":{"enabled":true,"reachable":false,"lastError":"no_answer"},)"
           R"("store":{"ok":false,"reason":"SQLITE_FULL","error":"database or disk is full",)"
           R"("failedOperations":12,"faultSeconds":1.5},"warnings":[]})");
}

TEST_CASE("health report lists security warnings", "[admin]")
{
    smppd::HealthReport report;
    report.warnings.push_back({"default_password", "Authentication.Password", "change \"it\""});
    const std::string json = smppd::toJson(report);
    REQUIRE(json.find(R"("warnings":[{"event":"default_password","key":"Authentication.Password",)"
                      R"("message":"change \"it\""}])")
        != std::string::npos);
    const auto parsed = Poco::JSON::Parser().parse(json);
    REQUIRE(parsed.extract<Poco::JSON::Object::Ptr>()->getArray("warnings")->size() == 1);
}

TEST_CASE("health report is valid JSON with null reachability before any push", "[admin]")
{
    smppd::HealthReport report;
    report.hermes_last_error = "quote \" and \\ and \n";
    const auto parsed = Poco::JSON::Parser().parse(smppd::toJson(report));
    const auto object = parsed.extract<Poco::JSON::Object::Ptr>();
    REQUIRE(object->getValue<std::string>("status") == "ok");
    REQUIRE(object->getValue<double>("uptimeSeconds") == 0.0);
    REQUIRE(object->getObject("sessions")->size() == 0);
    const auto hermes = object->getObject("hermes");
    REQUIRE(hermes->getValue<bool>("enabled") == false);
    REQUIRE(hermes->isNull("reachable"));
    REQUIRE(hermes->getValue<std::string>("lastError") == "quote \" and \\ and \n");
}

TEST_CASE("health report from metrics", "[admin]")
{
    smppd::Metrics::Clock::time_point now{};
    smppd::Metrics metrics([&now] { return now; });
    now += 5s;
    metrics.sessionBound("admin", smppd::BindType::Transceiver);
    metrics.setQueueDepthProvider("outbound", [] { return 4.0; });

    SECTION("OPPORTUNITY: no Hermes, status ok")
    {
        const auto report = smppd::makeHealthReport(metrics, false);
        REQUIRE(report.status == smppd::HealthReport::Status::Ok);
        REQUIRE(report.uptime.count() == 5.0);
        REQUIRE(report.sessions == std::map<std::string, std::uint64_t>{{"admin", 1}});
        REQUIRE(report.queues == std::map<std::string, double>{{"outbound", 4.0}});
        REQUIRE_FALSE(report.hermes_reachable.has_value());
    }
    SECTION("VOCALCOM: an unanswered push degrades")
    {
        metrics.pushCompleted(smppd::PushOutcome::Retry, 0, 10s);
        const auto report = smppd::makeHealthReport(metrics, true);
        REQUIRE(report.status == smppd::HealthReport::Status::Degraded);
        REQUIRE(report.hermes_reachable == false);
        REQUIRE(report.hermes_last_error == "no_answer");
    }
    SECTION("a store fault degrades, with its reason; its end makes it ok again")
    {
        smppd::StoreFaultReport fault{false, "SQLITE_FULL", "database or disk is full", 7, 2.0};
        metrics.setStoreHealthProvider([&fault] { return fault; });
        auto report = smppd::makeHealthReport(metrics, false);
        REQUIRE(report.status == smppd::HealthReport::Status::Degraded);
        REQUIRE(report.store.reason == "SQLITE_FULL");
        REQUIRE(report.store.failed_operations == 7);
        fault = smppd::StoreFaultReport{};
        fault.failures_by_reason = {{"SQLITE_FULL", 7}};
        report = smppd::makeHealthReport(metrics, false);
        REQUIRE(report.status == smppd::HealthReport::Status::Ok);
        REQUIRE(report.store.ok);
        const auto text = metrics.renderPrometheus();
        REQUIRE(text.find("\nsmppd_store_failures_total{reason=\"SQLITE_FULL\"} 7\n")
            != std::string::npos);
        REQUIRE(text.find("\nsmppd_store_failing 0\n") != std::string::npos);
    }
    SECTION("VOCALCOM: an answered push is ok, even a refusal")
    {
        metrics.pushCompleted(smppd::PushOutcome::Rejected, 400, 10ms);
        const auto report = smppd::makeHealthReport(metrics, true);
        REQUIRE(report.status == smppd::HealthReport::Status::Ok);
        REQUIRE(report.hermes_reachable == true);
    }
}
