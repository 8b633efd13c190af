#pragma once

// Keys and certificates made with OpenSSL's API for the TLS tests (there is no `openssl` command
// under wine). On Windows include <windows.h>/<wincrypt.h> before this header: OpenSSL's headers
// #undef the names wincrypt.h defines as macros (X509_NAME, ...).

#include <cstddef>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <random>
#include <stdexcept>
#include <string>

namespace smppd::test {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

/// Throws std::runtime_error naming `what` unless `ok`.
inline void check(bool ok, const char* what)
{
    if (!ok) {
        throw std::runtime_error(std::string("OpenSSL: ") + what);
    }
}

/// A fresh P-256 key.
inline KeyPtr newKey()
{
    KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    check(key != nullptr, "EC key generation");
    return key;
}

inline void addExtension(X509* cert, X509V3_CTX& ctx, int nid, const char* value)
{
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, value);
    check(X509_add_ext(cert, ext, -1) == 1, value);
    X509_EXTENSION_free(ext);
}

/// What a certificate is for: a CA, a TLS server named by its CN (also its DNS
/// subjectAltName), or a TLS client.
enum class CertUse { Ca, Server, Client };

/// A certificate for `key` named `cn`, signed by `issuer` (self-signed when null). Valid from
/// an hour ago for two days; random serial.
inline CertPtr makeCert(const std::string& cn,
    EVP_PKEY* key,
    CertUse use,
    X509* issuer = nullptr,
    EVP_PKEY* issuer_key = nullptr)
{
    CertPtr cert(X509_new(), X509_free);
    check(cert != nullptr, "X509_new");
    X509* x = cert.get();
    check(X509_set_version(x, 2) == 1, "version");
    std::random_device random;
    check(ASN1_INTEGER_set(X509_get_serialNumber(x), static_cast<long>(random() & 0x7fffffff)) == 1,
        "serial");
    check(X509_gmtime_adj(X509_getm_notBefore(x), -3600) != nullptr, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(x), 2L * 24 * 3600) != nullptr, "notAfter");
    check(X509_set_pubkey(x, key) == 1, "pubkey");
    auto* subject = X509_get_subject_name(x);
    check(X509_NAME_add_entry_by_txt(subject,
              "CN",
              MBSTRING_ASC,
              reinterpret_cast<const unsigned char*>(cn.c_str()),
              -1,
              -1,
              0)
            == 1,
        "CN");
    X509* signer = issuer != nullptr ? issuer : x;
    check(X509_set_issuer_name(x, X509_get_subject_name(signer)) == 1, "issuer");
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, signer, x, nullptr, nullptr, 0);
    if (use == CertUse::Ca) {
        addExtension(x, ctx, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(x, ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
        addExtension(x, ctx, NID_subject_key_identifier, "hash");
    } else {
        addExtension(x, ctx, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(x, ctx, NID_key_usage, "critical,digitalSignature");
        if (use == CertUse::Server) {
            addExtension(x, ctx, NID_ext_key_usage, "serverAuth");
            addExtension(x, ctx, NID_subject_alt_name, ("DNS:" + cn).c_str());
        } else {
            addExtension(x, ctx, NID_ext_key_usage, "clientAuth");
        }
        if (issuer != nullptr) {
            addExtension(x, ctx, NID_authority_key_identifier, "keyid");
        }
    }
    check(X509_sign(x, issuer_key != nullptr ? issuer_key : key, EVP_sha256()) > 0, "sign");
    return cert;
}

/// The text of what `write` puts into a memory BIO (PEM).
template <typename Write>
std::string pemOf(Write write)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    check(bio != nullptr && write(bio.get()) == 1, "PEM_write_bio");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(size)};
}

/// `cert` in PEM.
inline std::string pem(X509* cert)
{
    return pemOf([cert](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
}

/// `key` (private) in PEM, unencrypted.
inline std::string pem(EVP_PKEY* key)
{
    return pemOf([key](BIO* bio) {
        return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    });
}

} // namespace smppd::test
