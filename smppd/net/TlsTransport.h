#pragma once

#include <Poco/Net/Context.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace smppd {

/// A TLS failure of one connection: a handshake refused (no or a bad client certificate, no
/// shared cipher), bytes that are not TLS, a record that does not decrypt. what() is OpenSSL's
/// reason text, e.g. "TLS handshake: certificate verify failed (self-signed certificate)".
class TlsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The server side of one TLS session, without a socket (sans-I/O, like the codec): ciphertext
/// from the peer goes in and plaintext comes out, plaintext to send goes in and ciphertext comes
/// out. OpenSSL runs over two memory BIOs, so the caller decides when bytes move: the event
/// loop reads a non-blocking socket into receive() and writes takeCiphertext() through its
/// output buffer, with its back-pressure.
///
///     socket --ciphertext--> receive() --plaintext--> Session
///     Session --plaintext--> send() ... takeCiphertext() --ciphertext--> output buffer --> socket
///
/// The handshake runs inside receive() (a server speaks only when spoken to). Plaintext sent
/// before it completes is held and encrypted once it has. After a TlsError nothing more is
/// decrypted or encrypted; takeCiphertext() then holds the alert that tells the peer why.
/// One thread at a time (an OpenSSL SSL object is not thread-safe).
class TlsTransport {
public:
    /// A server session on `context` (certificate, key, and the client-certificate rule of
    /// makeServerTlsContext); the context is kept alive as long as the session. Throws TlsError
    /// when OpenSSL cannot make one (out of memory).
    explicit TlsTransport(Poco::Net::Context::Ptr context);
    ~TlsTransport();
    TlsTransport(const TlsTransport&) = delete;
    TlsTransport& operator=(const TlsTransport&) = delete;

    /// Ciphertext read from the peer, in any pieces (a byte at a time works): advances the
    /// handshake and appends what it decrypts to `plain`. Throws TlsError on a refused
    /// handshake or a bad record.
    void receive(std::span<const std::uint8_t> ciphertext, std::vector<std::uint8_t>& plain);

    /// Plaintext to send to the peer: encrypted now, or held until the handshake completes.
    /// Dropped after a failure or close(). Throws TlsError if OpenSSL cannot encrypt it.
    void send(std::span<const std::uint8_t> plain);

    /// Appends the ciphertext waiting for the peer (handshake messages, records, an alert, a
    /// close_notify) to `out`; false when there is none.
    bool takeCiphertext(std::vector<std::uint8_t>& out);

    /// A clean end: queues a close_notify (once the handshake completed); nothing is sent after.
    void close();

    /// The handshake has completed.
    bool established() const { return established_; }
    /// The peer sent close_notify: it sends nothing more.
    bool peerClosed() const { return peer_closed_; }

private:
    void handshake();
    void readPlain(std::vector<std::uint8_t>& plain);
    void writeAll(std::span<const std::uint8_t> plain);
    [[noreturn]] void fail(const char* stage, int result);

    Poco::Net::Context::Ptr context_;
    SSL* ssl_ = nullptr;
    BIO* in_ = nullptr; ///< ciphertext from the peer (owned by ssl_)
    BIO* out_ = nullptr; ///< ciphertext for the peer (owned by ssl_)
    std::vector<std::uint8_t> held_; ///< plaintext sent before the handshake completed
    bool established_ = false;
    bool peer_closed_ = false;
    bool done_ = false; ///< failed or closed: nothing more goes through
};

} // namespace smppd
