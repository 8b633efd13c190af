#include "smppd/hermes/HttpResponseParser.h"

#include <Poco/Net/NetException.h>

#include <algorithm>
#include <cctype>

namespace smppd {
namespace {

constexpr std::size_t kMaxHeaderLine = 16 * 1024;
/// Enough digits for any real length, few enough that the value (plus the CRLF after a chunk)
/// cannot overflow std::size_t.
constexpr std::size_t kMaxLengthDigits = 15;
/// How much of a bad line goes into the error (which is logged).
constexpr std::size_t kExcerpt = 64;

enum class Framing { None, Length, Chunked, UntilClose };

struct Head {
    int status = 0;
    bool close = false;
    bool chunked = false;
    std::optional<std::size_t> length;
};

[[noreturn]] void malformed(const std::string& what)
{
    throw Poco::Net::MessageException(what);
}

/// The start of `line`, printable, for an error message.
std::string excerpt(std::string_view line)
{
    std::string out(line.substr(0, kExcerpt));
    std::replace_if(
        out.begin(), out.end(), [](unsigned char c) { return std::isprint(c) == 0; }, '?');
    return "'" + out + (line.size() > kExcerpt ? "...'" : "'");
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
            == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// Calls `visit` with each element of a comma-separated header value (RFC 9110 §5.6.1).
template <typename Visit>
void forEachToken(std::string_view list, Visit visit)
{
    for (std::size_t start = 0; start <= list.size();) {
        const auto comma = std::min(list.find(',', start), list.size());
        visit(trim(list.substr(start, comma - start)));
        start = comma + 1;
    }
}

bool hasToken(std::string_view list, std::string_view token)
{
    bool found = false;
    forEachToken(list, [&](std::string_view t) { found = found || equalsNoCase(t, token); });
    return found;
}

/// Transfer-Encoding: chunked must be the last coding applied (RFC 9112 §6.1).
bool endsInChunked(std::string_view codings)
{
    std::string_view last;
    forEachToken(codings, [&](std::string_view t) { last = t; });
    return equalsNoCase(last, "chunked");
}

bool allDigits(std::string_view s, int base)
{
    return std::all_of(s.begin(), s.end(), [base](unsigned char c) {
        return (base == 16 ? std::isxdigit(c) : std::isdigit(c)) != 0;
    });
}

std::size_t parseNumber(std::string_view digits, int base, const char* what)
{
    const bool valid =
        !digits.empty() && digits.size() <= kMaxLengthDigits && allDigits(digits, base);
    if (!valid) {
        malformed(std::string(what) + " from Hermes: " + excerpt(digits));
    }
    return std::stoull(std::string(digits), nullptr, base);
}

/// Reads a buffer from a start position without consuming it: the parser commits the position
/// only once a whole answer was read, so an incomplete one is read again after more bytes.
class Cursor {
public:
    Cursor(const std::string& in, std::size_t pos) : in_(in), pos_(pos) { }

    /// The next line without its CRLF; nullopt until the CRLF has arrived.
    std::optional<std::string_view> line()
    {
        const auto end = in_.find("\r\n", pos_);
        const auto length = (end == std::string::npos ? in_.size() : end) - pos_;
        if (length > kMaxHeaderLine) {
            malformed("HTTP header line from Hermes too long");
        }
        if (end == std::string::npos) {
            return std::nullopt;
        }
        return take(length, 2);
    }

    /// The next `count` bytes; nullopt until they have all arrived.
    std::optional<std::string_view> bytes(std::size_t count)
    {
        if (in_.size() - pos_ < count) {
            return std::nullopt;
        }
        return take(count, 0);
    }

    std::string_view rest() { return take(in_.size() - pos_, 0); }
    std::size_t position() const { return pos_; }

private:
    std::string_view take(std::size_t count, std::size_t skip)
    {
        const std::string_view out(in_.data() + pos_, count);
        pos_ += count + skip;
        return out;
    }

    const std::string& in_;
    std::size_t pos_;
};

/// "HTTP/1.1 200 OK" (the reason phrase may be empty or missing).
Head parseStatusLine(std::string_view line)
{
    const bool valid = line.size() >= 12 && line.substr(0, 7) == "HTTP/1."
        && allDigits(line.substr(7, 1), 10) && line[8] == ' ' && allDigits(line.substr(9, 3), 10)
        && line[9] != '0' && (line.size() == 12 || line[12] == ' ');
    if (!valid) {
        malformed("malformed HTTP status line from Hermes: " + excerpt(line));
    }
    Head head;
    head.status = std::stoi(std::string(line.substr(9, 3)));
    head.close = line[7] == '0'; // HTTP/1.0 closes unless it says keep-alive
    return head;
}

void applyHeader(std::string_view line, Head& head)
{
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
        malformed("malformed HTTP header line from Hermes: " + excerpt(line));
    }
    const auto name = line.substr(0, colon);
    const auto value = trim(line.substr(colon + 1));
    if (equalsNoCase(name, "content-length")) {
        head.length = parseNumber(value, 10, "bad Content-Length");
    } else if (equalsNoCase(name, "transfer-encoding")) {
        head.chunked = endsInChunked(value);
    } else if (equalsNoCase(name, "connection")) {
        head.close = hasToken(value, "close") || (head.close && !hasToken(value, "keep-alive"));
    }
}

/// The head of the next final answer (interim 1xx answers such as 100 Continue are skipped);
/// nullopt until it has all arrived.
std::optional<Head> readHead(Cursor& in)
{
    for (;;) {
        const auto status_line = in.line();
        if (!status_line) {
            return std::nullopt;
        }
        Head head = parseStatusLine(*status_line);
        for (auto line = in.line(); !line || !line->empty(); line = in.line()) {
            if (!line) {
                return std::nullopt;
            }
            applyHeader(*line, head);
        }
        if (head.status >= 200) {
            return head;
        }
    }
}

/// How the body ends (RFC 9112 §6.3): chunked wins over Content-Length.
Framing framingOf(const Head& head)
{
    if (head.status == 204 || head.status == 304) {
        return Framing::None;
    }
    if (head.chunked) {
        return Framing::Chunked;
    }
    return head.length ? Framing::Length : Framing::UntilClose;
}

/// "1a;name=value" -> 26 (chunk extensions are ignored).
std::size_t parseChunkSize(std::string_view line)
{
    return parseNumber(trim(line.substr(0, line.find(';'))), 16, "bad chunk size");
}

/// The body of a chunked answer, trailers skipped; nullopt until its last chunk has arrived.
std::optional<std::string> readChunked(Cursor& in)
{
    std::string body;
    for (;;) {
        const auto size_line = in.line();
        if (!size_line) {
            return std::nullopt;
        }
        const std::size_t size = parseChunkSize(*size_line);
        if (size == 0) {
            break;
        }
        const auto chunk = in.bytes(size + 2);
        if (!chunk) {
            return std::nullopt;
        }
        if (chunk->substr(size) != "\r\n") {
            malformed("HTTP chunk from Hermes longer than its size");
        }
        body.append(chunk->substr(0, size));
    }
    for (auto trailer = in.line(); !trailer || !trailer->empty(); trailer = in.line()) {
        if (!trailer) {
            return std::nullopt;
        }
    }
    return body;
}

/// The body when its end is known from the head; nullopt until it has all arrived.
std::optional<std::string> readBody(Cursor& in, const Head& head)
{
    switch (framingOf(head)) {
    case Framing::None:
        return std::string();
    case Framing::Length: {
        const auto body = in.bytes(*head.length);
        return body ? std::optional<std::string>(*body) : std::nullopt;
    }
    case Framing::Chunked:
        return readChunked(in);
    case Framing::UntilClose:
        break;
    }
    return std::nullopt;
}

} // namespace

void HttpResponseParser::feed(std::string_view bytes)
{
    // Only the unread part of the last answers is kept: a few bytes at most, while pipelining.
    in_.erase(0, pos_);
    pos_ = 0;
    in_.append(bytes);
}

std::optional<HttpResponse> HttpResponseParser::next()
{
    Cursor in(in_, pos_);
    const auto head = readHead(in);
    if (!head) {
        return std::nullopt;
    }
    auto body = readBody(in, *head);
    if (!body) {
        return std::nullopt;
    }
    pos_ = in.position();
    return HttpResponse{head->status, head->close, std::move(*body)};
}

HttpResponse HttpResponseParser::finish()
{
    if (pos_ == in_.size()) {
        throw Poco::Net::ConnectionResetException("Hermes closed the connection");
    }
    if (auto response = next()) {
        response->close = true;
        return std::move(*response);
    }
    Cursor in(in_, pos_);
    const auto head = readHead(in);
    if (!head || framingOf(*head) != Framing::UntilClose) {
        malformed("Hermes closed the connection in the middle of an answer");
    }
    HttpResponse response{head->status, true, std::string(in.rest())};
    pos_ = in.position();
    return response;
}

bool HttpResponseParser::readsUntilClose() const
{
    Cursor in(in_, pos_);
    const auto head = readHead(in);
    return head && framingOf(*head) == Framing::UntilClose;
}

void HttpResponseParser::reset()
{
    in_.clear();
    pos_ = 0;
}

} // namespace smppd
