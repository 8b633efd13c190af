#pragma once

#include "smppd/admin/HealthReport.h"
#include "smppd/admin/Metrics.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>

namespace smppd {

/// Builds the /health report on demand (runs on an admin thread).
using HealthProvider = std::function<HealthReport()>;

/// Answers one admin request: `GET /health` -> application/json, `GET /metrics` ->
/// `text/plain; version=0.0.4`; another path -> 404; another method on those paths -> 405 with
/// `Allow: GET`. A failing provider gives 500 and an error line in smppd.log.
class AdminRequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    AdminRequestHandler(const Metrics& metrics, const HealthProvider& health);

    void handleRequest(
        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    void respond(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    const Metrics& metrics_;
    const HealthProvider& health_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.admin");
};

/// Makes an AdminRequestHandler per request; the metrics and provider outlive the server.
class AdminRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    AdminRequestHandlerFactory(const Metrics& metrics, HealthProvider health);

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

private:
    const Metrics& metrics_;
    HealthProvider health_;
};

} // namespace smppd
