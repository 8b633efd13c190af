// The server's TlsTransport against an OpenSSL client, both over memory: no socket, so every
// split of the ciphertext (a byte at a time included) can be tried.

#include "smppd/net/TlsTransport.h"

#include "config/Settings.h"
#include "smppd/net/TlsContext.h"
#include "tests/support/TempDir.h"
#include "tests/support/TestCerts.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <string>
#include <vector>

namespace {

using smppd::TlsError;
using smppd::TlsTransport;
using namespace smppd::test;

using Bytes = std::vector<std::uint8_t>;

Bytes bytesOf(const std::string& text)
{
    return {text.begin(), text.end()};
}

std::string textOf(const Bytes& bytes)
{
    return {bytes.begin(), bytes.end()};
}

/// A CA, a server certificate it signed, and both in files for makeServerTlsContext.
struct Pki {
    smppd::test::TempDir dir;
    KeyPtr ca_key = newKey();
    CertPtr ca = makeCert("smppd test CA", ca_key.get(), CertUse::Ca);
    KeyPtr server_key = newKey();
    CertPtr server =
        makeCert("localhost", server_key.get(), CertUse::Server, ca.get(), ca_key.get());

    /// The server's context; client certificates are required when `require_client_cert`.
    Poco::Net::Context::Ptr serverContext(bool require_client_cert) const
    {
        smppd::ListenParams params;
        params.tls = true;
        params.cert = dir.write("cert.pem", pem(server.get()));
        params.key = dir.write("key.pem", pem(server_key.get()));
        if (require_client_cert) {
            params.ca = dir.write("ca.pem", pem(ca.get()));
        }
        return smppd::makeServerTlsContext(params);
    }
};

/// An OpenSSL TLS client over two memory BIOs, optionally with a certificate of its own. It
/// does not check the server's certificate: the server side is under test.
class Client {
public:
    explicit Client(X509* cert = nullptr, EVP_PKEY* key = nullptr)
        : ctx_(SSL_CTX_new(TLS_client_method()), SSL_CTX_free),
          ssl_(SSL_new(ctx_.get()), SSL_free)
    {
        REQUIRE(ssl_ != nullptr);
        if (cert != nullptr) {
            REQUIRE(SSL_use_certificate(ssl_.get(), cert) == 1);
            REQUIRE(SSL_use_PrivateKey(ssl_.get(), key) == 1);
        }
        in_ = BIO_new(BIO_s_mem());
        out_ = BIO_new(BIO_s_mem());
        BIO_set_mem_eof_return(in_, -1);
        SSL_set_bio(ssl_.get(), in_, out_);
        SSL_set_connect_state(ssl_.get());
    }

    /// Runs the handshake as far as the bytes received allow.
    void drive()
    {
        if (!established()) {
            SSL_do_handshake(ssl_.get());
            ERR_clear_error();
        }
    }

    bool established() const { return SSL_is_init_finished(ssl_.get()) == 1; }

    void put(const Bytes& ciphertext)
    {
        if (!ciphertext.empty()) {
            REQUIRE(BIO_write(in_, ciphertext.data(), static_cast<int>(ciphertext.size()))
                == static_cast<int>(ciphertext.size()));
        }
    }

    Bytes take()
    {
        Bytes out(BIO_ctrl_pending(out_));
        if (!out.empty()) {
            REQUIRE(BIO_read(out_, out.data(), static_cast<int>(out.size()))
                == static_cast<int>(out.size()));
        }
        return out;
    }

    void write(const Bytes& plain)
    {
        REQUIRE(SSL_write(ssl_.get(), plain.data(), static_cast<int>(plain.size())) > 0);
    }

    /// Everything decrypted so far; `closed` says whether a close_notify came.
    Bytes read(bool* closed = nullptr)
    {
        Bytes plain;
        std::uint8_t buffer[4096];
        for (;;) {
            const int n = SSL_read(ssl_.get(), buffer, sizeof(buffer));
            if (n <= 0) {
                if (closed != nullptr) {
                    *closed = SSL_get_error(ssl_.get(), n) == SSL_ERROR_ZERO_RETURN;
                }
                ERR_clear_error();
                return plain;
            }
            plain.insert(plain.end(), buffer, buffer + n);
        }
    }

    void shutdown() { SSL_shutdown(ssl_.get()); }

private:
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx_;
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl_;
    BIO* in_ = nullptr;
    BIO* out_ = nullptr;
};

/// Moves ciphertext both ways until neither side has any left; the client's reaches the server
/// `step` bytes per receive(). What the server decrypts is appended to `plain`.
void pump(Client& client, TlsTransport& server, Bytes& plain, std::size_t step = 1 << 20)
{
    for (int round = 0; round < 32; ++round) {
        client.drive();
        const Bytes to_server = client.take();
        for (std::size_t at = 0; at < to_server.size(); at += step) {
            const auto n = std::min(step, to_server.size() - at);
            server.receive(std::span(to_server).subspan(at, n), plain);
        }
        Bytes to_client;
        server.takeCiphertext(to_client);
        client.put(to_client);
        if (to_server.empty() && to_client.empty()) {
            return;
        }
    }
    FAIL("the two sides kept talking");
}

} // namespace

TEST_CASE("TlsTransport: handshake, then data both ways", "[net][tls]")
{
    const Pki pki;
    TlsTransport server(pki.serverContext(false));
    Client client;
    const std::size_t step = GENERATE(std::size_t{1}, std::size_t{5}, std::size_t{1} << 20);
    Bytes plain;

    server.send(bytesOf("sent before the handshake")); // held until it completes
    pump(client, server, plain, step);
    REQUIRE(server.established());
    REQUIRE(client.established());
    CHECK(plain.empty());
    CHECK(textOf(client.read()) == "sent before the handshake");

    client.write(bytesOf("bind_transceiver"));
    client.write(bytesOf(" and submit_sm"));
    pump(client, server, plain, step);
    CHECK(textOf(plain) == "bind_transceiver and submit_sm");

    Bytes big(100 * 1024);
    for (std::size_t i = 0; i < big.size(); ++i) {
        big[i] = static_cast<std::uint8_t>(i * 7);
    }
    server.send(big); // more than one record
    pump(client, server, plain, step);
    CHECK(client.read() == big);
    CHECK_FALSE(server.peerClosed());
}

TEST_CASE("TlsTransport: bytes that are not TLS end the handshake with a reason", "[net][tls]")
{
    const Pki pki;
    TlsTransport server(pki.serverContext(false));
    Bytes plain;
    // A plain SMPP client on the TLS port: the header of a bind_transceiver.
    const Bytes smpp{0, 0, 0, 0x2f, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1};
    std::string error;
    try {
        server.receive(smpp, plain);
    } catch (const TlsError& e) {
        error = e.what();
    }
    INFO(error);
    CHECK(error.rfind("TLS handshake: ", 0) == 0);
    CHECK(error.size() > std::string("TLS handshake: ").size());
    CHECK(error.find("SSL error") == std::string::npos); // a reason, not a bare code
    CHECK_FALSE(server.established());
    // Once failed, nothing more goes through (and nothing throws again).
    server.receive(smpp, plain);
    server.send(bytesOf("x"));
    CHECK(plain.empty());
}

TEST_CASE("TlsTransport: client certificates when a CA is configured", "[net][tls]")
{
    const Pki pki;
    TlsTransport server(pki.serverContext(true));
    Bytes plain;

    SECTION("a certificate the CA signed is accepted")
    {
        const KeyPtr key = newKey();
        const CertPtr cert =
            makeCert("esme", key.get(), CertUse::Client, pki.ca.get(), pki.ca_key.get());
        Client client(cert.get(), key.get());
        pump(client, server, plain);
        CHECK(server.established());
    }
    SECTION("no certificate is refused")
    {
        Client client;
        REQUIRE_THROWS_WITH(
            pump(client, server, plain), Catch::Contains("peer did not return a certificate"));
        CHECK_FALSE(server.established());
        Bytes alert;
        CHECK(server.takeCiphertext(alert)); // the peer is told why
    }
    SECTION("a certificate from another issuer is refused, with the check's verdict")
    {
        const KeyPtr key = newKey();
        const CertPtr cert = makeCert("stranger", key.get(), CertUse::Client);
        Client client(cert.get(), key.get());
        REQUIRE_THROWS_WITH(pump(client, server, plain),
            Catch::StartsWith("TLS handshake: certificate verify failed (")
                && Catch::Contains("certificate"));
        CHECK_FALSE(server.established());
    }
}

TEST_CASE("TlsTransport: close_notify both ways", "[net][tls]")
{
    const Pki pki;
    TlsTransport server(pki.serverContext(false));
    Client client;
    Bytes plain;
    pump(client, server, plain);
    REQUIRE(server.established());

    SECTION("the server closes: the client reads close_notify")
    {
        server.close();
        server.send(bytesOf("after the close")); // dropped
        pump(client, server, plain);
        bool closed = false;
        CHECK(client.read(&closed).empty());
        CHECK(closed);
    }
    SECTION("the client closes: the server sees it, after the data before it")
    {
        client.write(bytesOf("unbind"));
        client.shutdown();
        pump(client, server, plain);
        CHECK(textOf(plain) == "unbind");
        CHECK(server.peerClosed());
    }
}
