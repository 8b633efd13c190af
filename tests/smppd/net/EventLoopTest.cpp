#include "smppd/net/EventLoop.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using smppd::EventLoop;

namespace {

/// Runs a loop on its own thread for the test, and stops it at the end.
struct RunningLoop {
    EventLoop loop;
    std::thread thread{[this] { loop.run(); }};

    /// Runs fn on the loop and waits for its result (the loop's state is the loop's only).
    template <typename Fn>
    auto onLoop(Fn fn)
    {
        std::promise<decltype(fn())> done;
        auto result = done.get_future();
        loop.post([&] {
            if constexpr (std::is_void_v<decltype(fn())>) {
                fn();
                done.set_value();
            } else {
                done.set_value(fn());
            }
        });
        REQUIRE(result.wait_for(5s) == std::future_status::ready);
        return result.get();
    }

    ~RunningLoop()
    {
        loop.stop();
        thread.join();
    }
};

/// Records what the loop reported for a socket.
struct Recorder final : EventLoop::Handler {
    std::vector<std::string> seen;
    Poco::Net::StreamSocket* socket = nullptr;
    void onReady(bool readable, bool writable, bool error) override
    {
        if (readable && socket != nullptr) {
            char buffer[64];
            const int n = socket->receiveBytes(buffer, sizeof(buffer));
            seen.push_back(n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "eof");
        }
        if (writable) {
            seen.emplace_back("writable");
        }
        if (error) {
            seen.emplace_back("error");
        }
    }
};

/// A loopback connection, and a Recorder reading its server side.
struct Connected {
    Poco::Net::StreamSocket client;
    Poco::Net::StreamSocket server;
    Recorder recorder;

    Connected()
    {
        Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
        client.connect(listener.address());
        server = listener.acceptConnection();
        recorder.socket = &server;
    }
};

} // namespace

TEST_CASE("EventLoop: posted tasks run on the loop's thread, in order", "[loop]")
{
    RunningLoop r;
    const auto loop_thread = r.onLoop([] { return std::this_thread::get_id(); });
    CHECK(loop_thread != std::this_thread::get_id());
    std::vector<int> order; // touched on the loop only
    std::vector<std::thread> posters;
    for (int i = 0; i < 3; ++i) { // from other threads: each one's tasks keep their order
        posters.emplace_back([&r, &order, i] {
            for (int k = 0; k < 100; ++k) {
                r.loop.post([&order, i, k] { order.push_back(i * 1000 + k); });
            }
        });
    }
    for (auto& t : posters) {
        t.join();
    }
    const auto seen = r.onLoop([&order] { return order; });
    REQUIRE(seen.size() == 300);
    for (int i = 0; i < 3; ++i) {
        int last = -1;
        for (const int v : seen) {
            if (v / 1000 == i) {
                CHECK(v % 1000 == last + 1);
                last = v % 1000;
            }
        }
    }
}

TEST_CASE(
    "EventLoop: a task posted from the loop's own thread runs without waiting for a poll", "[loop]")
{
    RunningLoop r;
    CHECK_FALSE(r.loop.inLoopThread());
    // Such a post sends no wake-up, so the next poll must not wait (it waits up to 500 ms):
    // ten chained posts from the loop take microseconds, and 5 s if each poll waited.
    bool in_loop = false;
    int left = 10; // touched on the loop only
    std::chrono::steady_clock::time_point began;
    std::promise<std::chrono::steady_clock::duration> done;
    std::function<void()> step = [&] {
        if (--left == 0) {
            done.set_value(std::chrono::steady_clock::now() - began);
            return;
        }
        r.loop.post(step);
    };
    r.loop.post([&] {
        in_loop = r.loop.inLoopThread();
        began = std::chrono::steady_clock::now();
        r.loop.post(step);
    });
    auto took = done.get_future();
    REQUIRE(took.wait_for(10s) == std::future_status::ready);
    CHECK(in_loop);
    CHECK(took.get() < 2s);
}

TEST_CASE("EventLoop: timers run in time order, and not before their time", "[loop]")
{
    RunningLoop r;
    // Catch2 2.x is not thread-safe: the loop records, the test thread asserts.
    std::promise<std::vector<int>> done;
    EventLoop::Clock::duration last_ran_after{};
    const auto start = EventLoop::Clock::now();
    r.onLoop([&] {
        auto order = std::make_shared<std::vector<int>>();
        r.loop.runAt(start + 60ms, [order, &done, &last_ran_after, start] {
            order->push_back(3);
            last_ran_after = EventLoop::Clock::now() - start;
            done.set_value(*order);
        });
        r.loop.runAt(start + 20ms, [order] { order->push_back(1); });
        r.loop.runAt(start + 40ms, [order] { order->push_back(2); });
    });
    auto result = done.get_future();
    REQUIRE(result.wait_for(5s) == std::future_status::ready);
    CHECK(result.get() == std::vector<int>{1, 2, 3});
    CHECK(last_ran_after >= 60ms);
}

TEST_CASE("EventLoop: a timer that keeps setting itself in the past does not starve the sockets",
    "[loop]")
{
    RunningLoop r;
    Connected pair;
    auto& [client, server, recorder] = pair;
    std::function<void()> again; // a deadline that stays in the past, as a buggy handler's would
    bool stop_again = false;
    again = [&] {
        if (!stop_again) {
            r.loop.runAt(EventLoop::Clock::now() - 1s, again);
        }
    };
    r.onLoop([&] {
        r.loop.watch(server, recorder, true, false);
        r.loop.runAt(EventLoop::Clock::now(), again);
    });
    client.sendBytes("hi", 2);
    std::vector<std::string> seen;
    for (int i = 0; i < 200 && seen.empty(); ++i) {
        seen = r.onLoop([&] { return recorder.seen; });
        std::this_thread::sleep_for(5ms);
    }
    CHECK(seen == std::vector<std::string>{"hi"});
    r.onLoop([&] {
        stop_again = true;
        r.loop.unwatch(server);
    });
}

TEST_CASE("EventLoop: watch for writing, update, unwatch", "[loop]")
{
    RunningLoop r;
    Connected pair;
    auto& [client, server, recorder] = pair;
    r.onLoop([&] { r.loop.watch(server, recorder, false, true); });
    std::this_thread::sleep_for(50ms);
    const auto first = r.onLoop([&] {
        auto seen = recorder.seen;
        r.loop.update(server, true, false);
        recorder.seen.clear();
        return seen;
    });
    REQUIRE(!first.empty());
    CHECK(first.front() == "writable"); // an empty send buffer is writable
    client.sendBytes("abc", 3);
    std::this_thread::sleep_for(50ms);
    const auto second = r.onLoop([&] {
        auto seen = recorder.seen;
        r.loop.unwatch(server);
        return seen;
    });
    CHECK(second == std::vector<std::string>{"abc"}); // no more "writable"
    CHECK(r.onLoop([&] { return r.loop.watched(); }) == 0);
    client.sendBytes("def", 3);
    std::this_thread::sleep_for(50ms);
    CHECK(r.onLoop([&] { return recorder.seen; }) == std::vector<std::string>{"abc"});
}
