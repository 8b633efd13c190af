#include "smppd/hermes/SystemTrust.h"

// <windows.h> before <wincrypt.h>; both before OpenSSL, whose headers #undef the names that
// wincrypt.h defines as macros (X509_NAME, OCSP_REQUEST, ...).
// clang-format off
#include <windows.h>
#include <wincrypt.h>
// clang-format on
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace smppd {
namespace {

/// Whether `cert` is in `disallowed` (Windows' explicitly distrusted certificates).
bool distrusted(HCERTSTORE disallowed, PCCERT_CONTEXT cert)
{
    if (disallowed == nullptr) {
        return false;
    }
    PCCERT_CONTEXT found = CertFindCertificateInStore(
        disallowed, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, cert, nullptr);
    if (found == nullptr) {
        return false;
    }
    CertFreeCertificateContext(found);
    return true;
}

/// Copies the certificates of the system store `name` into `store`, but those in `disallowed`
/// and, unless `anchors`, the self-signed ones (which OpenSSL would take as trust anchors).
void addStore(
    X509_STORE* store, const wchar_t* name, bool anchors, HCERTSTORE disallowed, SystemTrust& out)
{
    HCERTSTORE system = CertOpenSystemStoreW(0, name);
    if (system == nullptr) {
        return;
    }
    PCCERT_CONTEXT cert = nullptr;
    while ((cert = CertEnumCertificatesInStore(system, cert)) != nullptr) {
        if (cert->dwCertEncodingType != X509_ASN_ENCODING || distrusted(disallowed, cert)) {
            ++out.skipped;
            continue;
        }
        const unsigned char* der = cert->pbCertEncoded;
        X509* x509 = d2i_X509(nullptr, &der, static_cast<long>(cert->cbCertEncoded));
        // One already there (ROOT and CA share a few) is not an error since OpenSSL 1.1.1.
        if (x509 != nullptr && (anchors || X509_self_signed(x509, 0) != 1)
            && X509_STORE_add_cert(store, x509) == 1) {
            ++out.loaded;
        } else {
            ++out.skipped;
        }
        X509_free(x509);
    }
    // CertEnumCertificatesInStore freed the last context when it returned null.
    CertCloseStore(system, 0);
}

} // namespace

SystemTrust addSystemTrust(ssl_ctx_st* context) noexcept
{
    SystemTrust out{"windows_store", true, 0, 0};
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    if (store == nullptr) {
        return out;
    }
    // The current user's ROOT holds the machine's roots too (for a service: those of its
    // account and the machine). Windows may fetch a rarely used public root from Windows Update
    // only when a Windows program first needs it: such a root is absent until then.
    HCERTSTORE disallowed = CertOpenSystemStoreW(0, L"Disallowed");
    addStore(store, L"ROOT", true, disallowed, out);
    addStore(store, L"CA", false, disallowed, out);
    if (disallowed != nullptr) {
        CertCloseStore(disallowed, 0);
    }
    // What OpenSSL queued about skipped certificates would show up in the next TLS error.
    ERR_clear_error();
    return out;
}

} // namespace smppd
