#include "smppd/hermes/HttpHermesClient.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>

#include <istream>
#include <limits>
#include <ostream>

namespace smppd {
namespace {

constexpr int kKeepAliveSeconds = 30;

std::string originOf(const Poco::URI& uri)
{
    return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort());
}

} // namespace

HttpHermesClient::HttpHermesClient(const HermesSettings& settings, Poco::Net::Context::Ptr context)
    : settings_(settings),
      context_(std::move(context))
{
}

Poco::Net::Context::Ptr HttpHermesClient::makeContext(const HermesSettings& settings)
{
    Poco::Net::initializeSSL();
    Poco::Net::Context::Params params;
    params.verificationMode =
        settings.tls_verify ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = settings.ca_file.empty();
    params.caLocation = settings.ca_file;
    params.verificationDepth = 9;
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
}

HttpAttempt HttpHermesClient::post(const HermesPush& push)
{
    const HttpBody body = buildPushBody(push, settings_.push_format);
    try {
        const Poco::URI uri(fillUrl(settings_.url, push));
        const bool reused = session_ && session_->connected();
        try {
            return exchange(uri, body, push.id);
        } catch (const Poco::TimeoutException&) {
            throw;
        } catch (const Poco::Exception&) {
            session_.reset();
            if (!reused) {
                throw;
            }
        }
        return exchange(uri, body, push.id); // the kept-alive connection was stale: once more
    } catch (const Poco::TimeoutException& e) {
        session_.reset();
        return {0, "timeout: " + e.displayText()};
    } catch (const Poco::Exception& e) {
        session_.reset();
        return {0, e.displayText()};
    } catch (const std::exception& e) {
        session_.reset();
        return {0, e.what()};
    }
}

HttpAttempt HttpHermesClient::exchange(
    const Poco::URI& uri, const HttpBody& body, const std::string& key)
{
    auto& http = session(uri);
    std::string target = uri.getPathEtc();
    if (target.empty()) {
        target = "/";
    }
    Poco::Net::HTTPRequest request(
        Poco::Net::HTTPRequest::HTTP_POST, target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType(body.content_type);
    request.setContentLength(static_cast<std::streamsize>(body.body.size()));
    request.setKeepAlive(true);
    request.set("Idempotency-Key", key);
    request.set("Accept", "application/json");
    addAuthHeader(request);
    http.sendRequest(request) << body.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = http.receiveResponse(response);
    in.ignore(std::numeric_limits<std::streamsize>::max()); // drain: keeps the connection usable
    return {static_cast<int>(response.getStatus()), ""};
}

Poco::Net::HTTPClientSession& HttpHermesClient::session(const Poco::URI& uri)
{
    const std::string origin = originOf(uri);
    if (session_ && session_origin_ == origin) {
        return *session_;
    }
    if (uri.getScheme() == "https") {
        if (!context_) {
            context_ = makeContext(settings_);
        }
        session_ =
            std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context_);
    } else {
        session_ = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    const Poco::Timespan timeout(static_cast<long>(settings_.timeout.count()), 0);
    session_->setTimeout(timeout, timeout, timeout);
    session_->setKeepAlive(true);
    session_->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
    session_origin_ = origin;
    return *session_;
}

void HttpHermesClient::addAuthHeader(Poco::Net::HTTPRequest& request) const
{
    const std::string& header = settings_.auth_header;
    if (header.empty()) {
        return;
    }
    // "Name: value" sets that header; anything else ("Bearer xyz", "Basic ...") is Authorization.
    const auto colon = header.find(": ");
    const bool named =
        colon != std::string::npos && colon > 0 && header.find_first_of(" \t") == colon + 1;
    if (named) {
        request.set(header.substr(0, colon), header.substr(colon + 2));
    } else {
        request.set("Authorization", header);
    }
}

} // namespace smppd
