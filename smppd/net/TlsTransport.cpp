#include "smppd/net/TlsTransport.h"

#include <algorithm>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <string>
#include <utility>

namespace smppd {
namespace {

/// The largest plaintext of one TLS record: what one SSL_read can return.
constexpr std::size_t kMaxRecord = 16 * 1024;
/// Bytes handed to OpenSSL per call (its lengths are int).
constexpr std::size_t kMaxCall = std::size_t{1} << 30;

/// OpenSSL's reasons for the failure of the last call (its thread's error queue, emptied), plus
/// the certificate check's verdict when there was one: "certificate verify failed (self-signed
/// certificate)".
std::string reasonsOf(SSL* ssl, int ssl_error)
{
    std::string text;
    for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
        const char* reason = ERR_reason_error_string(e);
        text += text.empty() ? "" : "; ";
        text += reason != nullptr ? reason : "error " + std::to_string(e);
    }
    const long verify = ssl != nullptr ? SSL_get_verify_result(ssl) : X509_V_OK;
    if (verify != X509_V_OK) {
        text += std::string(" (") + X509_verify_cert_error_string(verify) + ")";
    }
    if (text.empty()) {
        text = ssl_error == SSL_ERROR_SYSCALL ? "unexpected end of data"
                                              : "SSL error " + std::to_string(ssl_error);
    }
    return text;
}

} // namespace

TlsTransport::TlsTransport(Poco::Net::Context::Ptr context) : context_(std::move(context))
{
    ERR_clear_error();
    ssl_ = SSL_new(context_->sslContext());
    in_ = BIO_new(BIO_s_mem());
    out_ = BIO_new(BIO_s_mem());
    if (ssl_ == nullptr || in_ == nullptr || out_ == nullptr) {
        BIO_free(in_);
        BIO_free(out_);
        SSL_free(ssl_);
        throw TlsError("TLS: cannot start a session: " + reasonsOf(nullptr, SSL_ERROR_SSL));
    }
    // An empty input BIO means "wait for the peer's next bytes", not end of stream.
    BIO_set_mem_eof_return(in_, -1);
    SSL_set_bio(ssl_, in_, out_); // ssl_ owns both from here
    SSL_set_accept_state(ssl_);
}

TlsTransport::~TlsTransport()
{
    SSL_free(ssl_);
}

void TlsTransport::receive(
    std::span<const std::uint8_t> ciphertext, std::vector<std::uint8_t>& plain)
{
    if (done_) {
        return;
    }
    ERR_clear_error(); // what another connection of this thread left must not name our failure
    while (!ciphertext.empty()) { // a memory BIO grows: it takes everything
        const int n = BIO_write(
            in_, ciphertext.data(), static_cast<int>(std::min(ciphertext.size(), kMaxCall)));
        if (n <= 0) {
            fail("TLS", SSL_ERROR_SSL);
        }
        ciphertext = ciphertext.subspan(static_cast<std::size_t>(n));
    }
    if (!established_) {
        handshake();
    }
    if (established_) {
        readPlain(plain);
    }
}

void TlsTransport::handshake()
{
    const int rc = SSL_do_handshake(ssl_);
    if (rc == 1) {
        established_ = true;
        if (!held_.empty()) {
            const auto held = std::exchange(held_, {});
            writeAll(held);
        }
        return;
    }
    const int error = SSL_get_error(ssl_, rc);
    if (error != SSL_ERROR_WANT_READ) {
        fail("TLS handshake", error);
    }
}

void TlsTransport::readPlain(std::vector<std::uint8_t>& plain)
{
    for (;;) {
        const auto had = plain.size();
        plain.resize(had + kMaxRecord);
        std::size_t got = 0;
        const int rc = SSL_read_ex(ssl_, plain.data() + had, kMaxRecord, &got);
        plain.resize(had + got);
        if (rc == 1) {
            continue;
        }
        const int error = SSL_get_error(ssl_, rc);
        if (error == SSL_ERROR_WANT_READ) {
            return; // all that arrived is decrypted
        }
        if (error == SSL_ERROR_ZERO_RETURN) {
            peer_closed_ = true;
            return;
        }
        fail("TLS", error);
    }
}

void TlsTransport::send(std::span<const std::uint8_t> plain)
{
    if (done_ || plain.empty()) {
        return;
    }
    if (!established_) {
        held_.insert(held_.end(), plain.begin(), plain.end());
        return;
    }
    ERR_clear_error();
    writeAll(plain);
}

void TlsTransport::writeAll(std::span<const std::uint8_t> plain)
{
    while (!plain.empty()) {
        std::size_t written = 0;
        const int rc = SSL_write_ex(ssl_, plain.data(), std::min(plain.size(), kMaxCall), &written);
        if (rc != 1) {
            fail("TLS", SSL_get_error(ssl_, rc));
        }
        plain = plain.subspan(written);
    }
}

bool TlsTransport::takeCiphertext(std::vector<std::uint8_t>& out)
{
    bool took = false;
    for (std::size_t pending = BIO_ctrl_pending(out_); pending > 0;
         pending = BIO_ctrl_pending(out_)) {
        const auto had = out.size();
        const auto chunk = std::min(pending, kMaxCall);
        out.resize(had + chunk);
        const int n = BIO_read(out_, out.data() + had, static_cast<int>(chunk));
        out.resize(had + static_cast<std::size_t>(std::max(n, 0)));
        if (n <= 0) {
            break;
        }
        took = true;
    }
    return took;
}

void TlsTransport::close()
{
    if (done_) {
        return;
    }
    done_ = true;
    if (established_) {
        ERR_clear_error();
        SSL_shutdown(ssl_); // queues close_notify; the peer's answer is not awaited
        ERR_clear_error();
    }
}

void TlsTransport::fail(const char* stage, int ssl_error)
{
    done_ = true;
    throw TlsError(std::string(stage) + ": " + reasonsOf(ssl_, ssl_error));
}

} // namespace smppd
