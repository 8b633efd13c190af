#include "smppd/bridge/BridgeListener.h"

#include "config/PasswordHash.h"
#include "tests/support/CapturingChannel.h"

#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

/// Completes submits on its own thread, in reverse order of arrival within each batch, so the
/// connection must restore request order; `commit_time` later than they arrived, like a store.
/// The answers run on the bridge's loop, as the store's do.
class FakeBackend : public smppd::BridgeBackend {
public:
    explicit FakeBackend(smppd::LoopThread& loop, std::chrono::milliseconds commit_time = 0ms)
        : loop_(loop),
          commit_time_(commit_time),
          worker_([this] { run(); })
    {
    }
    ~FakeBackend() override
    {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        worker_.join();
    }
    void submit(const smppd::BridgeSend& send, Done done) override
    {
        {
            const std::lock_guard lock(mutex_);
            sends_.push_back(send);
            pending_.push_back(std::move(done));
            ids_.push_back(next_id_++);
        }
        wake_.notify_all();
    }
    /// While held, nothing is answered (a store that does not commit).
    void hold(bool held)
    {
        {
            const std::lock_guard lock(mutex_);
            held_ = held;
        }
        wake_.notify_all();
    }
    std::vector<smppd::BridgeSend> sends()
    {
        const std::lock_guard lock(mutex_);
        return sends_;
    }

private:
    void run()
    {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            wake_.wait_for(lock, 1ms);
            if (held_) {
                continue;
            }
            auto batch = std::move(pending_);
            auto ids = std::move(ids_);
            pending_.clear();
            ids_.clear();
            lock.unlock();
            if (!batch.empty()) {
                std::this_thread::sleep_for(commit_time_);
            }
            for (std::size_t i = batch.size(); i-- > 0;) {
                loop_.loop().post([done = std::move(batch[i]), id = ids[i]] {
                    done({true, std::to_string(id), {}});
                });
            }
            lock.lock();
        }
    }

    smppd::LoopThread& loop_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Done> pending_;
    std::vector<std::int64_t> ids_;
    std::vector<smppd::BridgeSend> sends_;
    std::int64_t next_id_ = 1000;
    bool stop_ = false;
    bool held_ = false;
    std::chrono::milliseconds commit_time_;
    std::thread worker_;
};

/// A line-reading client on loopback.
class Client {
public:
    explicit Client(std::uint16_t port) : socket_(Poco::Net::SocketAddress("127.0.0.1", port))
    {
        socket_.setReceiveTimeout(Poco::Timespan(5, 0));
    }

    void send(const std::string& text)
    {
        std::size_t sent = 0;
        while (sent < text.size()) {
            sent += static_cast<std::size_t>(
                socket_.sendBytes(text.data() + sent, static_cast<int>(text.size() - sent)));
        }
    }
    /// The next line, or "<eof>" when the server closed.
    std::string line()
    {
        for (;;) {
            const auto nl = buffer_.find('\n');
            if (nl != std::string::npos) {
                std::string out = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                return out;
            }
            char chunk[65536];
            const int n = socket_.receiveBytes(chunk, sizeof chunk);
            if (n <= 0) {
                return "<eof>";
            }
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }
    Poco::Net::StreamSocket& socket() { return socket_; }

private:
    Poco::Net::StreamSocket socket_;
    std::string buffer_;
};

smppd::TcpServerSettings loopback()
{
    smppd::TcpServerSettings s;
    s.listen_host = "127.0.0.1";
    s.listen_port = 0;
    return s;
}

std::string sendLine(int i)
{
    return R"({"op":"send","campaign":"33612345678","to":"336987)" + std::to_string(10000 + i)
        + R"(","text":"message )" + std::to_string(i) + "\"}\n";
}

} // namespace

TEST_CASE("pipelined requests get one reply each, in order, after the commit", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    Client client(listener.port());
    std::string batch;
    constexpr int kCount = 2000;
    for (int i = 0; i < kCount; ++i) {
        batch += i % 100 == 50 ? std::string(R"({"op":"ping"})") + "\n" : sendLine(i);
    }
    client.send(batch);
    int next_id = 1000;
    for (int i = 0; i < kCount; ++i) {
        const auto reply = client.line();
        if (i % 100 == 50) {
            REQUIRE(reply == R"({"ok":true})");
        } else {
            REQUIRE(reply == R"({"ok":true,"id":")" + std::to_string(next_id++) + "\"}");
        }
    }
    const auto sends = backend.sends();
    REQUIRE(sends.size() == kCount - kCount / 100);
    REQUIRE(sends[0].to == "33698710000");
    REQUIRE(sends[0].text == "message 0");
}

TEST_CASE("a reply leaves as soon as its commit completes, not at the next poll", "[bridge]")
{
    // One request at a time, each committed 5 ms after it arrived: the reply must be woken by
    // its commit. Were it only found by the connection's idle poll (200 ms), 20 round trips
    // would take 4 s.
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop, 5ms);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    Client client(listener.port());
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        client.send(sendLine(i));
        REQUIRE(client.line() == R"({"ok":true,"id":")" + std::to_string(1000 + i) + "\"}");
    }
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("refused lines get ok:false and the connection stays up", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    Client client(listener.port());
    client.send("this is not json\n");
    REQUIRE(client.line().rfind(R"({"ok":false,"error":"bad_json","message":)", 0) == 0);
    client.send(R"({"op":"send","to":"","text":"x","campaign":"1"})"
                "\n");
    REQUIRE(client.line()
        == R"({"ok":false,"error":"invalid_argument","message":"'to' must be a phone number"})");
    client.send(sendLine(1));
    REQUIRE(client.line() == R"({"ok":true,"id":"1000"})");
}

TEST_CASE("a wrong or missing token gets one error line and the connection is closed", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    auto settings = loopback();
    settings.token = "s3cret";
    smppd::BridgeListener listener(settings, backend, loop);
    listener.start();
    const std::string unauthorized =
        R"({"ok":false,"error":"unauthorized","message":"missing or wrong token; closing"})";
    for (const std::string line :
        {R"({"op":"ping"})", R"({"op":"ping","token":"nope"})", R"({"op":"ping","token":""})"}) {
        Client client(listener.port());
        client.send(line + "\n" + R"({"op":"ping","token":"s3cret"})" + "\n");
        REQUIRE(client.line() == unauthorized);
        REQUIRE(client.line() == "<eof>");
    }
    Client client(listener.port());
    client.send(R"({"op":"ping","token":"s3cret"})" + std::string("\n") + sendLine(1));
    REQUIRE(client.line() == R"({"ok":true})");
    REQUIRE(client.line()
        == R"({"ok":false,"error":"unauthorized","message":"missing or wrong token; closing"})");
    REQUIRE(backend.sends().empty());
}

TEST_CASE("repeated token failures from one address lock it out", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    auto settings = loopback();
    settings.token = "s3cret";
    smppd::BridgeListener listener(settings, backend, loop);
    listener.start();
    for (int i = 0; i < 5; ++i) {
        Client client(listener.port());
        client.send(R"({"op":"ping","token":"guess)" + std::to_string(i) + "\"}\n");
        REQUIRE(client.line().find("unauthorized") != std::string::npos);
    }
    Client locked(listener.port());
    REQUIRE(locked.line().rfind(R"({"ok":false,"error":"locked_out")", 0) == 0);
    REQUIRE(locked.line() == "<eof>");
}

TEST_CASE("a hashed TcpServer.Token accepts the token it was made from", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    auto settings = loopback();
    settings.token = smppd::hashPassword("s3cret", smppd::HashAlgorithm::Scrypt, 10);
    smppd::BridgeListener listener(settings, backend, loop);
    listener.start();
    Client client(listener.port());
    client.send(R"({"op":"ping","token":"s3cret"})" + std::string("\n")
        + R"({"op":"ping","token":"s3cret"})" + "\n");
    REQUIRE(client.line() == R"({"ok":true})");
    REQUIRE(client.line() == R"({"ok":true})");
    Client wrong(listener.port());
    wrong.send(R"({"op":"ping","token":")" + settings.token + "\"}\n"); // the hash is no token
    REQUIRE(wrong.line().find("unauthorized") != std::string::npos);
}

TEST_CASE("a line over 64 KiB is answered, then the connection is closed", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    SECTION("without a newline in sight")
    {
        Client client(listener.port());
        client.send(sendLine(1));
        client.send(std::string(70000, 'x'));
        REQUIRE(client.line() == R"({"ok":true,"id":"1000"})");
        REQUIRE(client.line().rfind(R"({"ok":false,"error":"line_too_long")", 0) == 0);
        REQUIRE(client.line() == "<eof>");
    }
    SECTION("a complete long line")
    {
        Client client(listener.port());
        client.send(R"({"op":"send","campaign":"1","to":"336","text":")" + std::string(66000, 'x')
            + "\"}\n" + sendLine(2));
        REQUIRE(client.line().rfind(R"({"ok":false,"error":"line_too_long")", 0) == 0);
        REQUIRE(client.line() == "<eof>");
        REQUIRE(backend.sends().empty());
    }
}

TEST_CASE("a client outside TcpServer.AllowedClients is refused and closed", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    auto settings = loopback();
    settings.allowed_clients = {"10.0.0.0/8"};
    smppd::BridgeListener listener(settings, backend, loop);
    listener.start();
    Client client(listener.port());
    REQUIRE(client.line()
        == R"x({"ok":false,"error":"forbidden","message":"client address not allowed (TcpServer.AllowedClients)"})x");
    REQUIRE(client.line() == "<eof>");
}

TEST_CASE("after the client shuts down its sending side, owed replies still arrive", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    Client client(listener.port());
    client.send(sendLine(1) + sendLine(2));
    client.socket().shutdownSend();
    REQUIRE(client.line() == R"({"ok":true,"id":"1000"})");
    REQUIRE(client.line() == R"({"ok":true,"id":"1001"})");
    REQUIRE(client.line() == "<eof>");
}

TEST_CASE("an empty ListenHost accepts IPv4 and IPv6 loopback", "[bridge]")
{
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    auto settings = loopback();
    settings.listen_host = "";
    smppd::BridgeListener listener(settings, backend, loop);
    listener.start();
    Client v4(listener.port());
    v4.send(R"({"op":"ping"})"
            "\n");
    REQUIRE(v4.line() == R"({"ok":true})");
    Poco::Net::StreamSocket v6(Poco::Net::SocketAddress("::1", listener.port()));
    v6.sendBytes("{\"op\":\"ping\"}\n", 14);
    char reply[32] = {};
    v6.setReceiveTimeout(Poco::Timespan(5, 0));
    REQUIRE(v6.receiveBytes(reply, sizeof reply) == 12);
}

TEST_CASE("a plugin client that does not read its replies stalls no other connection", "[bridge]")
{
    // 50,000 sends (about 4 MB) and nothing read: the replies fill the socket, then the
    // connection's output buffer, and the connection stops reading (its writer blocks). Another
    // connection is served meanwhile; once the first reads, every reply arrives, in order.
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    constexpr int kCount = 50000;
    Client greedy(listener.port());
    std::thread writer([&greedy] {
        std::string batch;
        for (int i = 0; i < kCount; ++i) {
            batch += sendLine(i);
            if (batch.size() > 64 * 1024) {
                greedy.send(batch);
                batch.clear();
            }
        }
        greedy.send(batch);
    });
    std::this_thread::sleep_for(300ms); // let the replies pile up
    Client other(listener.port());
    for (int i = 0; i < 20; ++i) {
        const auto started = std::chrono::steady_clock::now();
        other.send(R"({"op":"ping"})"
                   "\n");
        REQUIRE(other.line() == R"({"ok":true})");
        CHECK(std::chrono::steady_clock::now() - started < 1s);
    }
    for (int i = 0; i < kCount; ++i) {
        const auto reply = greedy.line();
        REQUIRE(reply == R"({"ok":true,"id":")" + std::to_string(1000 + i) + "\"}");
    }
    writer.join();
}

TEST_CASE("with 20,000 requests unanswered a plugin connection is not read until answers come",
    "[bridge]")
{
    Poco::AutoPtr<smppd::test::CapturingChannel> channel(new smppd::test::CapturingChannel);
    auto& logger = Poco::Logger::get("smppd.bridge");
    logger.setChannel(channel);
    logger.setLevel(Poco::Message::PRIO_INFORMATION);
    const auto logged = [&channel](const std::string& event) {
        const auto lines = channel->lines();
        return std::count_if(lines.begin(), lines.end(), [&event](const std::string& line) {
            return line.find("event=" + event + " ") != std::string::npos;
        });
    };
    smppd::LoopThread loop("bridge-test");
    loop.start();
    FakeBackend backend(loop);
    backend.hold(true);
    smppd::BridgeListener listener(loopback(), backend, loop);
    listener.start();
    constexpr int kCount = 25000;
    Client client(listener.port());
    std::string batch;
    for (int i = 0; i < kCount; ++i) {
        batch += sendLine(i);
    }
    client.send(batch); // 2 MB: the server takes them all into its socket buffer or its reads
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (logged("bridge_input_paused") == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    REQUIRE(logged("bridge_input_paused") == 1);
    const auto taken = backend.sends().size();
    CHECK(taken >= smppd::BridgeConnection::kMaxPendingReplies);
    CHECK(taken < kCount); // no reading while paused
    Client other(listener.port()); // served meanwhile
    other.send(R"({"op":"ping"})"
               "\n");
    REQUIRE(other.line() == R"({"ok":true})");
    backend.hold(false);
    for (int i = 0; i < kCount; ++i) {
        REQUIRE(client.line() == R"({"ok":true,"id":")" + std::to_string(1000 + i) + "\"}");
    }
    CHECK(logged("bridge_input_resumed") >= 1);
    CHECK(backend.sends().size() == kCount);
    logger.setChannel(nullptr);
}
