// libFuzzer harness for the admin HTTP endpoint (smppd/admin/AdminRequestHandler.h). The input
// is the bytes a client sends: Poco's HTTP request parser reads it (as HTTPServerSession does)
// and, when it parses, AdminRequestHandler answers it into memory, with a real Metrics registry
// and a health report carrying a warning. Invariants: a request gets exactly one response with
// a known status (200, 404, 405 or 500) and a Content-Length that matches its body; parse errors
// are Poco exceptions only. (Poco's HTTPServer itself is fuzzed upstream: Net/fuzzing.)
#include "smppd/admin/AdminRequestHandler.h"
#include "smppd/admin/HealthReport.h"
#include "smppd/admin/Metrics.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SocketAddress.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

class MemoryResponse : public Poco::Net::HTTPServerResponse {
public:
    std::ostringstream body;
    int sends = 0;

    void sendContinue() override { }
    std::ostream& send() override
    {
        ++sends;
        return body;
    }
    void sendFile(const std::string&, const std::string&) override { std::abort(); }
    void sendBuffer(const void*, std::size_t) override { std::abort(); }
    void redirect(const std::string&, HTTPStatus) override { std::abort(); }
    void requireAuthentication(const std::string&) override { std::abort(); }
    bool sent() const override { return sends > 0; }
};

class MemoryRequest : public Poco::Net::HTTPServerRequest {
public:
    MemoryRequest(std::istream& in, MemoryResponse& response)
        : in_(in),
          response_(response),
          params_(new Poco::Net::HTTPServerParams)
    {
    }
    std::istream& stream() override { return in_; }
    const Poco::Net::SocketAddress& clientAddress() const override { return client_; }
    const Poco::Net::SocketAddress& serverAddress() const override { return server_; }
    const Poco::Net::HTTPServerParams& serverParams() const override { return *params_; }
    Poco::Net::HTTPServerResponse& response() const override { return response_; }
    bool secure() const override { return false; }

private:
    std::istream& in_;
    MemoryResponse& response_;
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::SocketAddress client_{"127.0.0.1", 40000};
    Poco::Net::SocketAddress server_{"127.0.0.1", 8080};
};

smppd::Metrics& metrics()
{
    static smppd::Metrics registry;
    return registry;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const smppd::HealthProvider health = [] {
        smppd::HealthReport report = smppd::makeHealthReport(metrics(), true);
        report.warnings.push_back(
            {"default_password", "Authentication.Password", "account 'admin' \"quoted\"\n"});
        return report;
    };
    static const bool quiet = [] {
        Poco::Logger::root().setLevel(Poco::Message::PRIO_FATAL);
        Poco::Logger::get("smppd.admin").setLevel(Poco::Message::PRIO_FATAL);
        return true;
    }();
    (void)quiet;
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    MemoryResponse response;
    MemoryRequest request(in, response);
    try {
        request.read(in); // what HTTPServerSession does with the socket's stream
    } catch (const Poco::Exception&) {
        return 0; // not a request: Poco's server answers 400 itself
    }
    smppd::AdminRequestHandler handler(metrics(), health);
    handler.handleRequest(request, response);
    check(response.sends == 1);
    const int status = response.getStatus();
    check(status == 200 || status == 404 || status == 405 || status == 500);
    check(response.getContentLength64() == static_cast<Poco::Int64>(response.body.str().size()));
    return 0;
}
