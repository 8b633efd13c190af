// HttpHermesClient against a scripted raw HTTP server: the answer forms real servers use
// (chunked bodies, Connection: close, HTTP/1.0 without Content-Length, 100 Continue, 204) are
// parsed, pipelined requests are answered in order across a Connection: close, and an answer
// cut short by the close is reported.
#include "smppd/hermes/HttpHermesClient.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace {

/// Serves connections one after the other; for each request read, writes script(n) where n
/// counts requests over all connections; closes the connection when the answer says so.
class ScriptedServer {
public:
    explicit ScriptedServer(std::function<std::string(int)> script)
        : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)),
          script_(std::move(script)),
          thread_([this] { run(); })
    {
    }
    ~ScriptedServer()
    {
        stop_ = true;
        thread_.join();
    }
    std::uint16_t port() const { return socket_.address().port(); }
    int requests() const { return requests_.load(); }
    int connections() const { return connections_.load(); }

private:
    void run()
    {
        while (!stop_) {
            if (!socket_.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) {
                continue;
            }
            Poco::Net::StreamSocket peer = socket_.acceptConnection();
            ++connections_;
            serve(peer);
        }
    }
    void serve(Poco::Net::StreamSocket& peer)
    {
        std::string in;
        char buffer[4096];
        peer.setReceiveTimeout(Poco::Timespan(0, 100000));
        while (!stop_) {
            const auto head_end = in.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                const auto cl = in.find("Content-Length: ");
                const auto length = std::stoul(in.substr(cl + 16));
                const auto total = head_end + 4 + length;
                if (in.size() >= total) {
                    in.erase(0, total);
                    const std::string answer = script_(requests_++);
                    peer.sendBytes(answer.data(), static_cast<int>(answer.size()));
                    if (answer.find("Connection: close") != std::string::npos
                        || answer.rfind("HTTP/1.0", 0) == 0) {
                        peer.close();
                        return;
                    }
                    continue;
                }
            }
            int n = 0;
            try {
                n = peer.receiveBytes(buffer, sizeof buffer);
            } catch (const Poco::TimeoutException&) {
                continue;
            }
            if (n <= 0) {
                return;
            }
            in.append(buffer, static_cast<std::size_t>(n));
        }
    }

    Poco::Net::ServerSocket socket_;
    std::function<std::string(int)> script_;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0};
    std::atomic<int> connections_{0};
    std::thread thread_;
};

smppd::HermesPush push(int i)
{
    smppd::HermesPush p;
    p.id = std::to_string(i);
    p.campaign = "1";
    p.text = "x";
    return p;
}

std::vector<smppd::HermesPush> pushes(int count)
{
    std::vector<smppd::HermesPush> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(push(i));
    }
    return out;
}

smppd::HermesSettings settingsFor(const ScriptedServer& server)
{
    smppd::HermesSettings s;
    s.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/sms";
    s.timeout = std::chrono::seconds(2);
    return s;
}

} // namespace

TEST_CASE("chunked bodies, 204 and 100 Continue are parsed on a kept-alive connection", "[hermes]")
{
    ScriptedServer server([](int n) -> std::string {
        switch (n % 3) {
        case 0:
            return "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "4\r\n{\"ok\r\n6\r\n\":true\r\n1\r\n}\r\n0\r\n\r\n";
        case 1:
            return "HTTP/1.1 204 No Content\r\n\r\n";
        default:
            return "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nContent-Length: "
                   "4\r\n\r\nbusy";
        }
    });
    smppd::HttpHermesClient client(settingsFor(server), nullptr);
    const auto attempts = client.postAll(pushes(9));
    REQUIRE(attempts.size() == 9);
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        REQUIRE(attempts[i].status == (i % 3 == 0 ? 202 : i % 3 == 1 ? 204 : 503));
    }
    REQUIRE(client.post(push(9)).status == 202);
    REQUIRE(server.connections() == 1);
}

TEST_CASE(
    "Connection: close in the middle of a pipeline: the rest go on a new connection", "[hermes]")
{
    ScriptedServer server([](int n) -> std::string {
        if (n % 4 == 3) {
            return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        }
        return "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    });
    smppd::HttpHermesClient client(settingsFor(server), nullptr);
    const auto attempts = client.postAll(pushes(10));
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        INFO("push " << i << " error " << attempts[i].error);
        REQUIRE(attempts[i].status == (i % 4 == 3 ? 200 : 201));
    }
    REQUIRE(server.requests() == 10);
    REQUIRE(server.connections() == 3);
}

TEST_CASE("HTTP/1.0 without Content-Length: the body ends with the connection", "[hermes]")
{
    ScriptedServer server([](int) -> std::string { return "HTTP/1.0 400 Bad Request\r\n\r\nno"; });
    smppd::HttpHermesClient client(settingsFor(server), nullptr);
    REQUIRE(client.post(push(1)).status == 400);
    REQUIRE(client.post(push(2)).status == 400);
    REQUIRE(server.connections() == 2);
}

TEST_CASE("garbage instead of HTTP is no answer (retried by the Router)", "[hermes]")
{
    ScriptedServer server([](int) -> std::string { return "hello\r\n\r\n"; });
    smppd::HttpHermesClient client(settingsFor(server), nullptr);
    const auto attempt = client.post(push(1));
    REQUIRE(attempt.status == 0);
    REQUIRE_FALSE(attempt.error.empty());
}

TEST_CASE("an answer cut short by the close is no answer, and says so", "[hermes]")
{
    ScriptedServer server([](int) -> std::string {
        return "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nshort";
    });
    smppd::HttpHermesClient client(settingsFor(server), nullptr);
    const auto attempt = client.post(push(1));
    REQUIRE(attempt.status == 0);
    REQUIRE(attempt.error.find("in the middle of an answer") != std::string::npos);
}
