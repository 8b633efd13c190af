// Which CAs the Hermes TLS context trusts: the system's (OpenSSL's default paths on POSIX, the
// certificate store on Windows) plus Hermes.CaFile. The certificates are made here with
// OpenSSL's API (no `openssl` command under wine).

// The Windows headers first: OpenSSL's headers (also through Poco's) #undef the names that
// wincrypt.h defines as macros (X509_NAME, ...), so wincrypt.h must not come after them.
#ifdef _WIN32
// clang-format off
#include <windows.h>
#include <wincrypt.h>
// clang-format on
#endif

#include "smppd/hermes/SystemTrust.h"

#include "smppd/hermes/HermesPusher.h"
#include "smppd/hermes/HttpHermesClient.h"
#include "tests/support/TempDir.h"
#include "tests/support/TestCerts.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/Context.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace smppd::test; // the certificates of tests/support/TestCerts.h

constexpr const char* kHost = "hermes.test";

/// A CA and a server certificate it signed.
struct TestPki {
    KeyPtr ca_key = newKey();
    CertPtr ca;
    KeyPtr server_key = newKey();
    CertPtr server;

    explicit TestPki(const std::string& name)
        : ca(makeCert(name + " CA", ca_key.get(), CertUse::Ca)),
          server(makeCert(kHost, server_key.get(), CertUse::Server, ca.get(), ca_key.get()))
    {
    }
};

X509_STORE* storeOf(const Poco::Net::Context::Ptr& context)
{
    X509_STORE* store = SSL_CTX_get_cert_store(context->sslContext());
    check(store != nullptr, "SSL_CTX_get_cert_store");
    return store;
}

/// `cert` is one of the certificates held in `store` (not one of its lazy folder lookups).
bool storeHolds(X509_STORE* store, X509* cert)
{
    const auto* objects = X509_STORE_get0_objects(store);
    for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i) {
        X509* held = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objects, i));
        if (held != nullptr && X509_cmp(held, cert) == 0) {
            return true;
        }
    }
    return false;
}

/// X509_V_OK when `cert` verifies against `store` as a TLS client would check it (a server
/// certificate for `host`), else OpenSSL's reason. Without `host`: a plain chain check (for a
/// root CA itself).
std::string verify(X509_STORE* store, X509* cert, const char* host = nullptr)
{
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(
        X509_STORE_CTX_new(), X509_STORE_CTX_free);
    check(ctx != nullptr && X509_STORE_CTX_init(ctx.get(), store, cert, nullptr) == 1,
        "X509_STORE_CTX_init");
    if (host != nullptr) {
        check(X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER) == 1, "purpose");
        check(X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx.get()), host, 0) == 1,
            "host");
    }
    if (X509_verify_cert(ctx.get()) == 1) {
        return "ok";
    }
    return X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
}

/// Keeps the text of every message logged to it.
class CapturingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override
    {
        const std::lock_guard lock(mutex_);
        lines_.push_back(message.getText());
    }
    std::vector<std::string> lines()
    {
        const std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

smppd::HermesSettings settings(const std::string& ca_file = {})
{
    smppd::HermesSettings s;
    s.url = "https://hermes.test/sms";
    s.ca_file = ca_file;
    return s;
}

#ifdef _WIN32

/// Wine (where the prefix is throwaway), or SMPPD_TEST_TRUST_STORE=1: on a real Windows
/// desktop, adding to the user's ROOT store changes its trust and asks for confirmation.
bool mayChangeRootStore()
{
    const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    const char* opt_in = std::getenv("SMPPD_TEST_TRUST_STORE");
    return (ntdll != nullptr && GetProcAddress(ntdll, "wine_get_version") != nullptr)
        || (opt_in != nullptr && std::string(opt_in) == "1");
}

/// `cert` in the current user's system store `name` (ROOT, CA, Disallowed) for the lifetime of
/// this object. Added and removed each through a store opened and closed for it: wine writes a
/// system store's changes when the store is closed (an open one's additions are not seen by
/// other handles).
class StoreEntry {
public:
    StoreEntry(const wchar_t* name, X509* cert) : name_(name)
    {
        const int size = i2d_X509(cert, nullptr);
        check(size > 0, "i2d_X509");
        der_.resize(static_cast<std::size_t>(size));
        unsigned char* out = der_.data();
        check(i2d_X509(cert, &out) == size, "i2d_X509");
        if (!CertAddEncodedCertificateToSystemStoreW(
                name_, der_.data(), static_cast<DWORD>(der_.size()))) {
            throw std::runtime_error("CertAddEncodedCertificateToSystemStoreW failed: "
                + std::to_string(GetLastError()));
        }
    }
    ~StoreEntry()
    {
        // The user's own (registry) store: deleting through CertOpenSystemStoreW's
        // collection reports success under wine but leaves the certificate there.
        HCERTSTORE store = CertOpenStore(
            CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, name_);
        if (store == nullptr) {
            return;
        }
        PCCERT_CONTEXT wanted = CertCreateCertificateContext(
            X509_ASN_ENCODING, der_.data(), static_cast<DWORD>(der_.size()));
        PCCERT_CONTEXT found = wanted == nullptr
            ? nullptr
            : CertFindCertificateInStore(
                store, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, wanted, nullptr);
        if (found != nullptr) {
            CertDeleteCertificateFromStore(found); // frees `found`
        }
        if (wanted != nullptr) {
            CertFreeCertificateContext(wanted);
        }
        CertCloseStore(store, 0);
    }
    StoreEntry(const StoreEntry&) = delete;
    StoreEntry& operator=(const StoreEntry&) = delete;

private:
    const wchar_t* name_;
    std::vector<unsigned char> der_;
};

#else

/// The first certificate of OpenSSL's default CA file (SSL_CERT_FILE, else the build's
/// OPENSSLDIR/cert.pem), or null when there is none (no ca-certificates installed).
CertPtr firstDefaultCa()
{
    const char* env = std::getenv(X509_get_default_cert_file_env());
    const std::string file = env != nullptr ? env : X509_get_default_cert_file();
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.c_str(), "r"), BIO_free);
    if (bio == nullptr) {
        return {nullptr, X509_free};
    }
    return {PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free};
}

#endif

} // namespace

TEST_CASE("the Hermes TLS context verifies peers and their host name", "[hermes][tls]")
{
    const auto context = smppd::HttpHermesClient::makeContext(settings());
    CHECK((SSL_CTX_get_verify_mode(context->sslContext()) & SSL_VERIFY_PEER) != 0);
    // A server certificate from a CA nobody trusts is refused.
    const TestPki unknown("smppd test unknown");
    CHECK(verify(storeOf(context), unknown.server.get(), kHost) != "ok");
}

TEST_CASE("the CAs' source is logged once, when the pusher's clients are set up", "[hermes][tls]")
{
    Poco::AutoPtr<CapturingChannel> channel(new CapturingChannel);
    auto& logger = Poco::Logger::get("smppd.hermes");
    logger.setChannel(channel);
    logger.setLevel(Poco::Message::PRIO_INFORMATION);
    {
        const auto factory = smppd::HermesPusher::httpClients(settings());
        const auto first = factory();
        const auto second = factory(); // the same context: not logged again
    }
    logger.setChannel(nullptr);
    std::vector<std::string> trust;
    for (const auto& line : channel->lines()) {
        if (line.rfind("event=hermes_tls_trust ", 0) == 0) {
            trust.push_back(line);
        }
    }
    REQUIRE(trust.size() == 1);
    INFO(trust.front());
#ifdef _WIN32
    CHECK(trust.front().rfind("event=hermes_tls_trust source=windows_store certificates=", 0) == 0);
    // wine's ROOT store starts with the host's CAs, a Windows one with Microsoft's.
    CHECK(trust.front().find("certificates=0 ") == std::string::npos);
#else
    CHECK(trust.front() == "event=hermes_tls_trust source=openssl_default_paths ca_file=\"\"");
#endif
}

TEST_CASE("Hermes.CaFile is trusted on top of the system's CAs", "[hermes][tls]")
{
    const TestPki file_pki("smppd test cafile");
    const smppd::test::TempDir dir;
    const std::string ca_file = dir.write("hermes-ca.pem", pem(file_pki.ca.get()));

#ifdef _WIN32
    if (!mayChangeRootStore()) {
        WARN("not under wine and SMPPD_TEST_TRUST_STORE is not 1: ROOT store left alone");
        return;
    }
    const TestPki system_pki("smppd test system");
    const StoreEntry entry(L"ROOT", system_pki.ca.get());
    X509* system_ca = system_pki.ca.get();
    X509* system_server = system_pki.server.get();
#else
    const CertPtr default_ca = firstDefaultCa();
    if (default_ca == nullptr) {
        WARN("no CA in OpenSSL's default CA file (ca-certificates not installed?)");
        return;
    }
    X509* system_ca = default_ca.get();
    X509* system_server = nullptr;
#endif

    // Without the CA file: the system's CAs, not the file's.
    const auto plain = smppd::HttpHermesClient::makeContext(settings());
    CHECK(verify(storeOf(plain), system_ca) == "ok");
    CHECK_FALSE(storeHolds(storeOf(plain), file_pki.ca.get()));
    CHECK(verify(storeOf(plain), file_pki.server.get(), kHost) != "ok");

    // With it: both.
    const auto both = smppd::HttpHermesClient::makeContext(settings(ca_file));
    X509_STORE* store = storeOf(both);
    CHECK(storeHolds(store, file_pki.ca.get()));
    CHECK(verify(store, file_pki.server.get(), kHost) == "ok");
    CHECK(verify(store, system_ca) == "ok");
    if (system_server != nullptr) {
        CHECK(verify(store, system_server, kHost) == "ok");
    }
    // The host name still counts.
    CHECK(verify(store, file_pki.server.get(), "other.test") != "ok");
}

#ifdef _WIN32

TEST_CASE("the Windows ROOT store is trusted", "[hermes][tls]")
{
    if (!mayChangeRootStore()) {
        WARN("not under wine and SMPPD_TEST_TRUST_STORE is not 1: ROOT store left alone");
        return;
    }
    const TestPki pki("smppd test windows root");
    const auto before = smppd::HttpHermesClient::makeContext(settings());
    REQUIRE_FALSE(storeHolds(storeOf(before), pki.ca.get()));
    CHECK(verify(storeOf(before), pki.server.get(), kHost) != "ok");

    {
        const StoreEntry entry(L"ROOT", pki.ca.get());
        const auto context = smppd::HttpHermesClient::makeContext(settings());
        X509_STORE* store = storeOf(context);
        CHECK(storeHolds(store, pki.ca.get()));
        CHECK(verify(store, pki.server.get(), kHost) == "ok");
        CHECK(verify(store, pki.server.get(), "other.test") != "ok");

        // The same through addSystemTrust() on a bare OpenSSL context, with its count.
        std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> bare(
            SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
        REQUIRE(bare != nullptr);
        const smppd::SystemTrust trust = smppd::addSystemTrust(bare.get());
        CHECK(trust.source == "windows_store");
        CHECK(trust.counted);
        CHECK(trust.loaded >= 1);
        CHECK(storeHolds(SSL_CTX_get_cert_store(bare.get()), pki.ca.get()));
    }

    // Distrusted (also in Disallowed): left out.
    {
        const StoreEntry root(L"ROOT", pki.ca.get());
        const StoreEntry disallowed(L"Disallowed", pki.ca.get());
        const auto context = smppd::HttpHermesClient::makeContext(settings());
        CHECK_FALSE(storeHolds(storeOf(context), pki.ca.get()));
        CHECK(verify(storeOf(context), pki.server.get(), kHost) != "ok");
    }

    // In the intermediate (CA) store: a self-signed one is no trust anchor, an intermediate
    // helps build a chain that still has to end at a ROOT.
    {
        const TestPki root_pki("smppd test windows chain");
        const KeyPtr intermediate_key = newKey();
        const CertPtr intermediate = makeCert("smppd test windows intermediate",
            intermediate_key.get(),
            CertUse::Ca,
            root_pki.ca.get(),
            root_pki.ca_key.get());
        const KeyPtr server_key = newKey();
        const CertPtr server = makeCert(
            kHost, server_key.get(), CertUse::Server, intermediate.get(), intermediate_key.get());
        const StoreEntry self_signed(L"CA", pki.ca.get());
        const StoreEntry in_ca(L"CA", intermediate.get());
        const auto without_root = smppd::HttpHermesClient::makeContext(settings());
        CHECK_FALSE(storeHolds(storeOf(without_root), pki.ca.get()));
        CHECK(storeHolds(storeOf(without_root), intermediate.get()));
        CHECK(verify(storeOf(without_root), server.get(), kHost) != "ok");
        const StoreEntry root(L"ROOT", root_pki.ca.get());
        const auto with_root = smppd::HttpHermesClient::makeContext(settings());
        CHECK(verify(storeOf(with_root), server.get(), kHost) == "ok");
    }

    // Removed from the store: a new context no longer has it.
    const auto after = smppd::HttpHermesClient::makeContext(settings());
    CHECK_FALSE(storeHolds(storeOf(after), pki.ca.get()));
}

#else

TEST_CASE("on POSIX the system's CAs are OpenSSL's default paths", "[hermes][tls]")
{
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> bare(
        SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    REQUIRE(bare != nullptr);
    const smppd::SystemTrust trust = smppd::addSystemTrust(bare.get());
    CHECK(trust.source == "openssl_default_paths");
    CHECK_FALSE(trust.counted);
    const CertPtr default_ca = firstDefaultCa();
    if (default_ca != nullptr) {
        CHECK(verify(SSL_CTX_get_cert_store(bare.get()), default_ca.get()) == "ok");
    }
}

#endif
