#pragma once

#include "config/Settings.h"
#include "smppd/hermes/HermesClient.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <memory>
#include <string>

namespace smppd {

/// HermesClient over one kept-alive Poco HTTP(S) connection to UrlHermes. The connection is
/// opened on first use, reused while the server keeps it, and reopened after an error. A request
/// that fails on a reused connection before any answer (the server closed it while idle) is
/// sent once more on a fresh one; Idempotency-Key makes that safe.
class HttpHermesClient : public HermesClient {
public:
    /// `context` is the TLS client context for https URLs (see makeContext()); it may be null
    /// when UrlHermes is plain http.
    HttpHermesClient(const HermesSettings& settings, Poco::Net::Context::Ptr context);

    HttpAttempt post(const HermesPush& push) override;

    /// The TLS client context for `settings`: certificates verified against Hermes.CaFile, or
    /// the system store when it is empty; no verification only when Hermes.TlsVerify is false.
    /// Initialises Poco's SSL library. Throws Poco::Exception when the CA file cannot be read.
    static Poco::Net::Context::Ptr makeContext(const HermesSettings& settings);

private:
    HttpAttempt exchange(const Poco::URI& uri, const HttpBody& body, const std::string& key);
    Poco::Net::HTTPClientSession& session(const Poco::URI& uri);
    void addAuthHeader(Poco::Net::HTTPRequest& request) const;

    HermesSettings settings_;
    Poco::Net::Context::Ptr context_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    std::string session_origin_; ///< scheme://host:port the session talks to
};

} // namespace smppd
