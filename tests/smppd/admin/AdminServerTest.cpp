#include "smppd/admin/AdminServer.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>

namespace {

struct Reply {
    int status = 0;
    std::string content_type;
    std::string allow;
    std::string body;
};

Reply call(std::uint16_t port, const std::string& method, const std::string& uri)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentLength(0);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply;
    reply.status = static_cast<int>(response.getStatus());
    reply.content_type = response.getContentType();
    reply.allow = response.get("Allow", "");
    std::ostringstream body;
    Poco::StreamCopier::copyStream(in, body);
    reply.body = body.str();
    return reply;
}

} // namespace

TEST_CASE("admin server answers /health and /metrics on loopback", "[admin][integration]")
{
    smppd::Metrics metrics;
    metrics.countPdu(
        smppd::PduDirection::In, smpp::CommandId::EnquireLink, smpp::CommandStatus::Ok);
    metrics.sessionBound("admin", smppd::BindType::Transceiver);
    smppd::AdminServer server({.host = "127.0.0.1", .port = 0, .threads = 2}, metrics, [&metrics] {
        return smppd::makeHealthReport(metrics, false);
    });
    server.start();
    REQUIRE(server.port() != 0);

    SECTION("GET /health is JSON")
    {
        const auto reply = call(server.port(), "GET", "/health");
        REQUIRE(reply.status == 200);
        REQUIRE(reply.content_type == "application/json");
        REQUIRE(reply.body.rfind(R"({"status":"ok","uptimeSeconds":)", 0) == 0);
        REQUIRE(reply.body.find(R"("sessions":{"admin":1})") != std::string::npos);
    }
    SECTION("GET /metrics is Prometheus text, query string ignored")
    {
        const auto reply = call(server.port(), "GET", "/metrics?x=1");
        REQUIRE(reply.status == 200);
        REQUIRE(reply.content_type == "text/plain; version=0.0.4; charset=utf-8");
        REQUIRE(reply.body.find("smppd_pdus_total{direction=\"in\",command=\"enquire_link\",status="
                                "\"ESME_ROK\"} 1\n")
            != std::string::npos);
        REQUIRE(reply.body.rfind("# HELP smppd_uptime_seconds ", 0) == 0); // uptime moves on
    }
    SECTION("unknown path is 404")
    {
        REQUIRE(call(server.port(), "GET", "/").status == 404);
        REQUIRE(call(server.port(), "GET", "/healthz").status == 404);
    }
    SECTION("other methods are 405 with Allow: GET")
    {
        const auto reply = call(server.port(), "POST", "/metrics");
        REQUIRE(reply.status == 405);
        REQUIRE(reply.allow == "GET");
        REQUIRE(call(server.port(), "DELETE", "/health").status == 405);
    }
    server.stop();
    server.stop(); // idempotent
}

TEST_CASE("admin server turns a failing provider into 500", "[admin][integration]")
{
    smppd::Metrics metrics;
    smppd::AdminServer server({.host = "127.0.0.1", .port = 0, .threads = 1},
        metrics,
        []() -> smppd::HealthReport { throw std::runtime_error("store gone"); });
    server.start();
    REQUIRE(call(server.port(), "GET", "/health").status == 500);
    REQUIRE(call(server.port(), "GET", "/metrics").status == 200);
}
