#include "smppd/admin/HealthReport.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace smppd {

namespace {

Poco::JSON::Object::Ptr hermesJson(const HealthReport& report)
{
    Poco::JSON::Object::Ptr hermes = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    hermes->set("enabled", report.hermes_enabled);
    if (report.hermes_reachable.has_value()) {
        hermes->set("reachable", *report.hermes_reachable);
    } else {
        hermes->set("reachable", Poco::Dynamic::Var());
    }
    hermes->set("lastError", report.hermes_last_error);
    return hermes;
}

Poco::JSON::Object::Ptr storeJson(const StoreFaultReport& store)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    object->set("ok", store.ok);
    object->set("reason", store.reason);
    object->set("error", store.error);
    object->set("failedOperations", store.failed_operations);
    object->set("faultSeconds", store.fault_seconds);
    return object;
}

template <typename Map>
Poco::JSON::Object::Ptr mapJson(const Map& values)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [key, value] : values) {
        object->set(key, value);
    }
    return object;
}

} // namespace

std::string_view toString(HealthReport::Status status) noexcept
{
    return status == HealthReport::Status::Ok ? "ok" : "degraded";
}

std::string toJson(const HealthReport& report)
{
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("status", std::string(toString(report.status)));
    root.set("uptimeSeconds", report.uptime.count());
    root.set("sessions", mapJson(report.sessions));
    root.set("queues", mapJson(report.queues));
    root.set("hermes", hermesJson(report));
    root.set("store", storeJson(report.store));
    Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
    for (const auto& w : report.warnings) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("event", w.event);
        item->set("key", w.key);
        item->set("message", w.message);
        warnings->add(item);
    }
    root.set("warnings", warnings);
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

HealthReport makeHealthReport(const Metrics& metrics, bool hermes_enabled)
{
    HealthReport report;
    report.uptime = metrics.uptime();
    report.sessions = metrics.sessionsPerAccount();
    report.queues = metrics.queueDepths();
    report.hermes_enabled = hermes_enabled;
    report.store = metrics.storeHealth();
    if (!report.store.ok) {
        report.status = HealthReport::Status::Degraded;
    }
    if (hermes_enabled) {
        auto hermes = metrics.hermesHealth();
        report.hermes_reachable = hermes.reachable;
        report.hermes_last_error = std::move(hermes.last_error);
        if (hermes.reachable.has_value() && !*hermes.reachable) {
            report.status = HealthReport::Status::Degraded;
        }
    }
    return report;
}

} // namespace smppd
