#include "smppd/hermes/HttpHermesClient.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/hermes/SystemTrust.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <limits>
#include <openssl/ssl.h>
#include <stdexcept>

namespace smppd {
namespace {

constexpr auto kKeepAlive =
    std::chrono::seconds(30); ///< reconnect rather than reuse after this idle
/// The largest TLS write that packs several pipelined requests. A server that reads a record
/// in smaller pieces and polls its socket once its own buffer is empty would not see requests
/// left decrypted inside its TLS library, and would wait for more bytes that never come: Poco's
/// HTTPServer (1.11) reads 4096 bytes at a time. One request per record avoids that for any
/// size, but costs a write and a record per request on both sides; a request larger than this
/// still goes alone, as before.
constexpr std::size_t kMaxTlsWrite = 4096;

/// "Name: value" -> that header; anything else ("Bearer xyz", "Basic ...") is Authorization.
std::string authHeaderLine(const std::string& header)
{
    if (header.empty()) {
        return {};
    }
    const auto colon = header.find(": ");
    const bool named =
        colon != std::string::npos && colon > 0 && header.find_first_of(" \t") == colon + 1;
    return (named ? header : "Authorization: " + header) + "\r\n";
}

/// host[:port] for the Host header (RFC 9112 §3.2): IPv6 literals in brackets, no user info,
/// the port only when it is not the scheme's default.
std::string hostHeader(const Poco::URI& uri)
{
    const std::string& host = uri.getHost();
    std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const bool default_port = (uri.getScheme() == "https" && uri.getPort() == 443)
        || (uri.getScheme() == "http" && uri.getPort() == 80);
    if (!default_port) {
        out += ":" + std::to_string(uri.getPort());
    }
    return out;
}

/// Reports out[first, last) as not answered, for `error`; returns `last`.
std::size_t noAnswer(
    std::vector<HttpAttempt>& out, std::size_t first, std::size_t last, const std::string& error)
{
    for (; first < last; ++first) {
        out[first] = {0, error};
    }
    return last;
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
    // STRICT, not RELAXED: Poco 1.11 skips the host name check for a loopback host unless the
    // mode is STRICT (SecureSocketImpl::verifyPeerCertificateImpl). Hermes on the same server
    // (https://127.0.0.1/...) gets its name checked too. (For a client, STRICT adds nothing else.)
    params.verificationMode =
        settings.tls_verify ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE;
    // Hermes.CaFile (when set) is loaded by Poco; the system's CAs are added below, on top:
    // Poco 1.11's loadDefaultCAs knows only OpenSSL's default paths, which do not exist on
    // Windows.
    params.loadDefaultCAs = false;
    params.caLocation = settings.ca_file;
    params.verificationDepth = 9;
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    const SystemTrust trust = addSystemTrust(context->sslContext());
    auto& log = Poco::Logger::get("smppd.hermes");
    if (trust.counted) {
        logging::log(log,
            logging::ev::hermes_tls_trust,
            "source={} certificates={} skipped={} ca_file={}",
            trust.source,
            trust.loaded,
            trust.skipped,
            logging::quoted(settings.ca_file));
    } else {
        logging::log(log,
            logging::ev::hermes_tls_trust,
            "source={} ca_file={}",
            trust.source,
            logging::quoted(settings.ca_file));
    }
    // Read ahead: one read() takes every TLS record already received (the answers to a
    // pipelined batch) instead of two read() calls per record (header, then body). The client
    // never polls the socket for data, so records buffered inside OpenSSL cannot be missed.
    SSL_CTX_set_read_ahead(context->sslContext(), 1);
    return context;
}

HttpAttempt HttpHermesClient::post(const HermesPush& push)
{
    return postAll({push}).front();
}

std::vector<HttpAttempt> HttpHermesClient::postAll(const std::vector<HermesPush>& pushes)
{
    std::vector<HttpAttempt> out(pushes.size());
    std::vector<Request> requests;
    requests.reserve(pushes.size());
    for (std::size_t i = 0; i < pushes.size(); ++i) {
        try {
            requests.push_back(buildRequest(pushes[i]));
        } catch (const std::exception& e) {
            requests.push_back(Request{}); // empty origin: answered below without sending
            out[i] = {0, std::string("bad UrlHermes: ") + e.what()};
        }
    }
    // Runs of requests to the same origin are pipelined on one connection.
    for (std::size_t first = 0; first < requests.size();) {
        std::size_t last = first + 1;
        while (last < requests.size() && requests[last].origin == requests[first].origin) {
            ++last;
        }
        if (!requests[first].origin.empty()) {
            postRun(requests, first, last, out);
        }
        first = last;
    }
    return out;
}

std::string HttpHermesClient::requestText(const HermesPush& push) const
{
    return buildRequest(push).text;
}

HttpHermesClient::Request HttpHermesClient::buildRequest(const HermesPush& push) const
{
    const Poco::URI uri(fillUrl(settings_.url, push));
    if (uri.getScheme() != "http" && uri.getScheme() != "https") {
        throw std::invalid_argument("scheme must be http or https");
    }
    Request r;
    r.scheme = uri.getScheme();
    r.host = uri.getHost();
    r.port = uri.getPort();
    r.origin = r.scheme + "://" + r.host + ":" + std::to_string(r.port);
    std::string target = uri.getPathEtc();
    if (target.empty()) {
        target = "/";
    }
    const HttpBody body = buildPushBody(push, settings_.push_format);
    r.text = "POST " + target + " HTTP/1.1\r\nHost: " + hostHeader(uri) + "\r\nContent-Type: "
        + body.content_type + "\r\nContent-Length: " + std::to_string(body.body.size())
        + "\r\nIdempotency-Key: " + push.id + "\r\nAccept: application/json\r\n"
        + authHeaderLine(settings_.auth_header) + "Connection: keep-alive\r\n\r\n" + body.body;
    return r;
}

void HttpHermesClient::postRun(const std::vector<Request>& requests,
    std::size_t first,
    std::size_t last,
    std::vector<HttpAttempt>& out)
{
    int stale_retries = 1;
    while (first < last) {
        const bool reused = socket_ && origin_ == requests[first].origin
            && std::chrono::steady_clock::now() - last_used_ < kKeepAlive;
        try {
            if (!reused) {
                connect(requests[first]);
            }
            exchange(requests, first, last, out);
        } catch (const Poco::TimeoutException& e) {
            disconnect();
            first = noAnswer(out, first, last, "timeout: " + e.displayText());
        } catch (const Poco::Exception& e) {
            disconnect();
            if (reused && stale_retries-- > 0) {
                continue; // the kept-alive connection had gone stale: once more on a new one
            }
            first = noAnswer(out, first, last, e.displayText());
        }
    }
}

void HttpHermesClient::exchange(const std::vector<Request>& requests,
    std::size_t& first,
    std::size_t last,
    std::vector<HttpAttempt>& out)
{
    // One write (one TLS record) carries as many whole requests as fit in kMaxTlsWrite; over
    // plain HTTP the whole run goes in one write.
    const std::size_t limit =
        requests[first].scheme == "https" ? kMaxTlsWrite : std::numeric_limits<std::size_t>::max();
    std::string batch;
    for (std::size_t i = first; i < last; ++i) {
        if (!batch.empty() && batch.size() + requests[i].text.size() > limit) {
            sendAll(batch);
            batch.clear();
        }
        batch += requests[i].text;
    }
    sendAll(batch);
    while (first < last) {
        const HttpResponse response = readResponse();
        out[first] = {response.status, ""};
        ++first;
        if (response.close) {
            disconnect(); // the rest, if any, go on a new connection
            return;
        }
    }
    last_used_ = std::chrono::steady_clock::now();
}

void HttpHermesClient::sendAll(const std::string& bytes)
{
    for (std::size_t sent = 0; sent < bytes.size();) {
        const int n =
            socket_->sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
        if (n <= 0) {
            throw Poco::Net::ConnectionResetException("Hermes stopped reading");
        }
        sent += static_cast<std::size_t>(n);
    }
}

void HttpHermesClient::connect(const Request& request)
{
    disconnect();
    const Poco::Net::SocketAddress address(request.host, request.port);
    const Poco::Timespan timeout(static_cast<long>(settings_.timeout.count()), 0);
    if (request.scheme == "https") {
        if (!context_) {
            context_ = makeContext(settings_);
        }
        auto secure = std::make_unique<Poco::Net::SecureStreamSocket>(context_);
        secure->setPeerHostName(request.host);
        secure->connect(address, timeout); // handshake and certificate verification
        socket_ = std::move(secure);
    } else {
        socket_ = std::make_unique<Poco::Net::StreamSocket>();
        socket_->connect(address, timeout);
    }
    socket_->setNoDelay(true);
    socket_->setReceiveTimeout(timeout);
    socket_->setSendTimeout(timeout);
    origin_ = request.origin;
    last_used_ = std::chrono::steady_clock::now();
}

void HttpHermesClient::disconnect()
{
    if (socket_) {
        try {
            socket_->close();
        } catch (const Poco::Exception&) {
            // closing a broken connection: nothing left to do
        }
    }
    socket_.reset();
    origin_.clear();
    parser_.reset();
}

HttpResponse HttpHermesClient::readResponse()
{
    for (;;) {
        if (auto response = parser_.next()) {
            return std::move(*response);
        }
        if (!receive()) {
            return parser_.finish();
        }
    }
}

bool HttpHermesClient::receive()
{
    int n = 0;
    try {
        n = socket_->receiveBytes(chunk_.data(), static_cast<int>(chunk_.size()));
    } catch (const Poco::Net::ConnectionResetException&) {
        if (!parser_.readsUntilClose()) {
            throw;
        }
        return false; // a reset ends a body that runs until the close like a close does
    }
    if (n <= 0) {
        return false;
    }
    parser_.feed(std::string_view(chunk_.data(), static_cast<std::size_t>(n)));
    return true;
}

} // namespace smppd
