// HttpResponseParser from buffers: golden answers fed whole, byte at a time and split at every
// offset (muduo's testParseRequestInTwoPieces), pipelined answers, bodies that run until the
// close, and malformed or truncated answers.
#include "smppd/hermes/HttpResponseParser.h"

#include <Poco/Net/NetException.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

// Poco's what() is only the class's name ("Malformed message"); the client logs displayText().
CATCH_TRANSLATE_EXCEPTION(const Poco::Exception& e)
{
    return e.displayText();
}

using smppd::HttpResponse;
using smppd::HttpResponseParser;

namespace {

struct Golden {
    std::string wire;
    HttpResponse expected;
};

const std::vector<Golden>& goldens()
{
    static const std::vector<Golden> all = {
        {"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
         "{\"ok\":true}",
            {202, false, "{\"ok\":true}"}},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
         "4\r\n{\"ok\r\n6;ext=1\r\n\":true\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n",
            {200, false, "{\"ok\":true}"}},
        {"HTTP/1.1 204 No Content\r\n\r\n", {204, false, ""}},
        {"HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", {304, false, ""}},
        {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy",
            {503, false, "busy"}},
        {"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\nCONNECTION: Close\r\n\r\nno",
            {400, true, "no"}},
        {"HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n", {201, true, ""}},
        {"HTTP/1.0 201 Created\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
            {201, false, ""}},
        {"HTTP/1.1 429\r\nContent-Length: 0\r\n\r\n", {429, false, ""}},
        {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
         "2\r\nab\r\n0\r\n\r\n",
            {200, false, "ab"}},
    };
    return all;
}

/// Feeds `wire` in pieces of `step` bytes; the answer must come only with the last piece.
HttpResponse parseInSteps(const std::string& wire, std::size_t step)
{
    HttpResponseParser parser;
    for (std::size_t at = 0; at < wire.size(); at += step) {
        REQUIRE_FALSE(parser.next());
        parser.feed(std::string_view(wire).substr(at, step));
    }
    auto response = parser.next();
    REQUIRE(response);
    REQUIRE_FALSE(parser.next());
    return *response;
}

HttpResponse parseWhole(const std::string& wire)
{
    return parseInSteps(wire, wire.size());
}

void requireMalformed(const std::string& wire, const std::string& why)
{
    HttpResponseParser parser;
    parser.feed(wire);
    REQUIRE_THROWS_WITH(parser.next(), Catch::Contains(why));
    REQUIRE_THROWS_AS(parser.next(), Poco::Net::MessageException);
}

} // namespace

TEST_CASE("golden answers parse whole, byte at a time and in two pieces", "[hermes][http]")
{
    const auto& golden = goldens()[GENERATE(range(0, 10))];
    INFO(golden.wire);
    REQUIRE(parseWhole(golden.wire) == golden.expected);
    REQUIRE(parseInSteps(golden.wire, 1) == golden.expected);
    for (std::size_t cut = 1; cut < golden.wire.size(); ++cut) {
        HttpResponseParser parser;
        parser.feed(std::string_view(golden.wire).substr(0, cut));
        REQUIRE_FALSE(parser.next());
        parser.feed(std::string_view(golden.wire).substr(cut));
        REQUIRE(parser.next() == golden.expected);
    }
}

TEST_CASE("pipelined answers in one buffer come out in order", "[hermes][http]")
{
    std::string wire;
    for (const auto& golden : goldens()) {
        wire += golden.wire;
    }
    HttpResponseParser parser;
    parser.feed(wire + "HTTP/1.1 200");
    for (const auto& golden : goldens()) {
        REQUIRE(parser.next() == golden.expected);
    }
    REQUIRE_FALSE(parser.next());
    parser.feed(" OK\r\nContent-Length: 1\r\n\r\nz");
    REQUIRE(parser.next() == HttpResponse{200, false, "z"});
}

TEST_CASE("without length or chunks the body runs until the server closes", "[hermes][http]")
{
    HttpResponseParser parser;
    parser.feed("HTTP/1.1 500 Oops\r\nConnection: keep-alive\r\n\r\nbro");
    REQUIRE_FALSE(parser.next());
    REQUIRE(parser.readsUntilClose());
    parser.feed("ken");
    REQUIRE_FALSE(parser.next());
    REQUIRE(parser.finish() == HttpResponse{500, true, "broken"});

    SECTION("a 204 has no body, so it does not wait for the close")
    {
        parser.feed("HTTP/1.0 204 No Content\r\n\r\n");
        REQUIRE_FALSE(parser.readsUntilClose());
        REQUIRE(parser.next() == HttpResponse{204, true, ""});
    }
}

TEST_CASE("a close before or inside an answer is a clear error", "[hermes][http]")
{
    SECTION("nothing received: the kept-alive connection was dropped")
    {
        HttpResponseParser parser;
        REQUIRE_THROWS_AS(parser.finish(), Poco::Net::ConnectionResetException);
        REQUIRE_THROWS_WITH(parser.finish(), Catch::Contains("Hermes closed the connection"));
    }
    SECTION("cut at every offset of an answer with a known end")
    {
        const auto& golden = goldens()[GENERATE(0, 1, 2, 4)];
        for (std::size_t cut = 1; cut < golden.wire.size(); ++cut) {
            INFO("cut " << cut << " of " << golden.wire);
            HttpResponseParser parser;
            parser.feed(std::string_view(golden.wire).substr(0, cut));
            REQUIRE_FALSE(parser.next());
            REQUIRE_FALSE(parser.readsUntilClose());
            REQUIRE_THROWS_WITH(parser.finish(), Catch::Contains("in the middle of an answer"));
        }
    }
    SECTION("a whole answer then the close still gives the answer")
    {
        HttpResponseParser parser;
        parser.feed(goldens()[0].wire);
        REQUIRE(parser.finish().status == 202);
    }
}

TEST_CASE("malformed answers throw MessageException saying what was wrong", "[hermes][http]")
{
    requireMalformed("hello\r\n\r\n", "malformed HTTP status line from Hermes: 'hello'");
    requireMalformed("HTTP/1.1 2x0 OK\r\n\r\n", "malformed HTTP status line");
    requireMalformed("HTTP/1.1 099 Low\r\n\r\n", "malformed HTTP status line");
    requireMalformed("HTTP/1.1 2000 OK\r\n\r\n", "malformed HTTP status line");
    requireMalformed("HTTP/2 200\r\n\r\n", "malformed HTTP status line");
    requireMalformed("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "malformed HTTP header line");
    requireMalformed("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "malformed HTTP header line");
    requireMalformed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length");
    requireMalformed("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", "bad Content-Length");
    requireMalformed(
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "bad Content-Length");
    requireMalformed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad chunk size");
    requireMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "bad chunk size");
    requireMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        "HTTP chunk from Hermes longer than its size");
    requireMalformed("HTTP/1.1 200 OK\r\n" + std::string(20000, 'a'), "too long");
    requireMalformed("HTTP/1.1 200 OK\r\nX: " + std::string(20000, 'a') + "\r\n\r\n", "too long");
    requireMalformed("\x01\x02\x7f\r\n", "'?\?\?'"); // unprintable bytes shown as ?
}
