#pragma once

#include "config/Settings.h"
#include "smppd/hermes/HermesClient.h"
#include "smppd/hermes/HttpResponseParser.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace smppd {

/// HermesClient over one kept-alive HTTP/1.1 connection (TLS with Poco NetSSL for https) to
/// UrlHermes. The connection is opened on first use, reused while the server keeps it, and
/// reopened after an error or `Connection: close`. postAll() pipelines the requests (written
/// together, answers read in order), which is what lets one worker keep up with a backlog; the
/// pusher only batches when pushes are waiting, so a light load sends one request at a time.
/// Requests that got no answer on a reused connection that turned out stale are sent once more
/// on a fresh one; Idempotency-Key makes that safe.
class HttpHermesClient : public HermesClient {
public:
    /// `context` is the TLS client context for https URLs (see makeContext()); it may be null
    /// when UrlHermes is plain http (or it is made on first use).
    HttpHermesClient(const HermesSettings& settings, Poco::Net::Context::Ptr context);

    HttpAttempt post(const HermesPush& push) override;
    std::vector<HttpAttempt> postAll(const std::vector<HermesPush>& pushes) override;

    /// The TLS client context for `settings`: certificates (and the host name) verified against
    /// the system's CAs (OpenSSL's default paths on POSIX, the certificate store on Windows:
    /// see SystemTrust.h) plus those of Hermes.CaFile when set; no verification only when
    /// Hermes.TlsVerify is false. Logs where the CAs came from (`hermes_tls_trust`, with the
    /// count on Windows). Initialises Poco's SSL library. Throws Poco::Exception when the CA
    /// file cannot be read.
    static Poco::Net::Context::Ptr makeContext(const HermesSettings& settings);

    /// The exact bytes `push` is sent as (request line, headers, body). Throws
    /// std::invalid_argument (or a Poco::Exception) when UrlHermes does not make a valid URL.
    std::string requestText(const HermesPush& push) const;

private:
    struct Request {
        std::string origin; ///< scheme://host:port
        std::string scheme;
        std::string host;
        std::uint16_t port = 0;
        std::string text; ///< the whole HTTP request
    };

    Request buildRequest(const HermesPush& push) const;
    void postRun(const std::vector<Request>& requests,
        std::size_t first,
        std::size_t last,
        std::vector<HttpAttempt>& out);
    /// Sends requests[first, last) and reads their answers in order, advancing `first`.
    void exchange(const std::vector<Request>& requests,
        std::size_t& first,
        std::size_t last,
        std::vector<HttpAttempt>& out);
    void sendAll(const std::string& bytes);
    void connect(const Request& request);
    void disconnect();
    /// The next answer on the connection (pipelined answers come in request order).
    HttpResponse readResponse();
    /// Feeds one read to the parser; false when the server closed the connection.
    bool receive();

    HermesSettings settings_;
    Poco::Net::Context::Ptr context_;
    std::unique_ptr<Poco::Net::StreamSocket> socket_;
    std::string origin_; ///< what socket_ is connected to
    std::chrono::steady_clock::time_point last_used_{};
    std::vector<char> chunk_ = std::vector<char>(16384); ///< one read (not zeroed per read)
    HttpResponseParser parser_; ///< the answers received on socket_
};

} // namespace smppd
