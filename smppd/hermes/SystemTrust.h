#pragma once

#include <cstddef>
#include <string>

// OpenSSL's SSL_CTX, declared here so that this header pulls in neither OpenSSL nor <windows.h>
// (whose <wincrypt.h> macros clash with OpenSSL's names; the Windows file orders them).
struct ssl_ctx_st;

namespace smppd {

/// What addSystemTrust() did.
struct SystemTrust {
    std::string source; ///< where the trusted CAs come from, for the log ("windows_store", ...)
    bool counted = false; ///< `loaded` is meaningful (false: OpenSSL looks them up lazily)
    std::size_t loaded = 0; ///< certificates added to the context's X509_STORE
    std::size_t skipped = 0; ///< left out: unreadable, distrusted, or self-signed in CA
};

/// Makes `context` trust the operating system's CA certificates, on top of anything already in
/// its X509_STORE (Hermes.CaFile). One implementation per platform:
/// - POSIX: OpenSSL's default verify paths (its OPENSSLDIR cert.pem and certs/, or the
///   SSL_CERT_FILE / SSL_CERT_DIR environment variables), as Poco's loadDefaultCAs did.
/// - Windows: the ROOT and CA (intermediate) system stores of the current user (which include
///   the machine's), read through CryptoAPI and copied into the X509_STORE, but those in the
///   Disallowed store. OpenSSL's default paths name a folder of the build machine that a
///   Windows server does not have. Only ROOT certificates end a chain: the self-signed ones of
///   CA are left out, and the others only help build a chain (OpenSSL takes only a self-signed
///   certificate as a trust anchor without X509_V_FLAG_PARTIAL_CHAIN).
/// Never throws; a store that cannot be opened adds nothing.
SystemTrust addSystemTrust(ssl_ctx_st* context) noexcept;

} // namespace smppd
