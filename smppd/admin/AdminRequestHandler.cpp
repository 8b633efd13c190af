#include "smppd/admin/AdminRequestHandler.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <exception>
#include <string>

namespace smppd {

namespace {

using Poco::Net::HTTPResponse;

void send(Poco::Net::HTTPServerResponse& response,
    HTTPResponse::HTTPStatus status,
    const std::string& content_type,
    const std::string& body)
{
    response.setStatusAndReason(status);
    response.setContentType(content_type);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.set("Cache-Control", "no-store");
    response.send() << body;
}

} // namespace

AdminRequestHandler::AdminRequestHandler(const Metrics& metrics, const HealthProvider& health)
    : metrics_(metrics),
      health_(health)
{
}

void AdminRequestHandler::handleRequest(
    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    try {
        respond(request, response);
    } catch (const std::exception& e) {
        logging::log(log_,
            logging::ev::admin_request_failed,
            "uri={} error={}",
            logging::quoted(request.getURI()),
            logging::quoted(e.what()));
        if (!response.sent()) {
            send(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "text/plain", "error\n");
        }
    }
}

void AdminRequestHandler::respond(
    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const std::string path = Poco::URI(request.getURI()).getPath();
    if (path != "/health" && path != "/metrics") {
        send(response, HTTPResponse::HTTP_NOT_FOUND, "text/plain", "not found\n");
        return;
    }
    if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_GET) {
        response.set("Allow", "GET");
        send(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "text/plain", "method not allowed\n");
        return;
    }
    if (path == "/health") {
        send(response, HTTPResponse::HTTP_OK, "application/json", toJson(health_()));
    } else {
        send(response,
            HTTPResponse::HTTP_OK,
            "text/plain; version=0.0.4; charset=utf-8",
            metrics_.renderPrometheus());
    }
}

AdminRequestHandlerFactory::AdminRequestHandlerFactory(
    const Metrics& metrics, HealthProvider health)
    : metrics_(metrics),
      health_(std::move(health))
{
}

Poco::Net::HTTPRequestHandler* AdminRequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest& /*request*/)
{
    // Poco takes ownership of the handler and deletes it after the request.
    return new AdminRequestHandler(metrics_, health_);
}

} // namespace smppd
