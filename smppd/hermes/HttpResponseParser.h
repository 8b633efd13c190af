#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace smppd {

/// One HTTP/1.x answer as HttpHermesClient needs it (RFC 9112).
struct HttpResponse {
    int status = 0;
    bool close = false; ///< the server closes the connection after this answer
    std::string body; ///< with the chunked framing removed

    bool operator==(const HttpResponse&) const = default;
};

/// Parses the answers to pipelined HTTP/1.x requests out of the bytes received, with no socket
/// involved (the client feeds what it reads), so every answer form is unit-tested from a buffer.
/// Understood: the status line, Content-Length, Transfer-Encoding: chunked (with trailers),
/// Connection: close / keep-alive (HTTP/1.0 closes unless it says keep-alive), interim 1xx
/// answers (skipped), 204 and 304 without a body, and a body that runs until the server closes
/// (neither length nor chunked). Malformed bytes throw Poco::Net::MessageException with what was
/// wrong, so the client reports them as no answer.
class HttpResponseParser {
public:
    /// Appends received bytes.
    void feed(std::string_view bytes);

    /// The next whole answer, consumed from the buffer; nullopt while more bytes are needed (an
    /// answer whose body runs until the close is only complete in finish()). Throws
    /// Poco::Net::MessageException on a malformed answer.
    std::optional<HttpResponse> next();

    /// The server closed the connection: returns the answer whose body ran until the close.
    /// Throws Poco::Net::ConnectionResetException when nothing of an answer had arrived (a
    /// kept-alive connection the server dropped), Poco::Net::MessageException when the answer
    /// was cut short or malformed.
    HttpResponse finish();

    /// True when the pending answer's head is complete and its body runs until the close.
    bool readsUntilClose() const;

    /// Forgets every byte fed (a new connection).
    void reset();

private:
    std::string in_; ///< received, not yet consumed
    std::size_t pos_ = 0; ///< where the next answer starts in in_
};

} // namespace smppd
