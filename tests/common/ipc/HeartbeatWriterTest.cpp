#include "common/ipc/HeartbeatWriter.h"

#include "common/ipc/HeartbeatReader.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

using namespace std::chrono_literals;

namespace {

std::string tempPipeName(std::uint64_t tag)
{
    return ipc::heartbeatPipeName(
        std::filesystem::temp_directory_path().string(), ipc::currentProcessId() * 100 + 70 + tag);
}

/// Polls until `count` beats arrived or 5 s passed (the writer thread is real; no fixed sleep).
std::vector<ipc::Beat> collect(ipc::HeartbeatReader& reader, std::size_t count)
{
    std::vector<ipc::Beat> beats;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (beats.size() < count && std::chrono::steady_clock::now() < deadline) {
        for (const auto& b : reader.poll(std::chrono::steady_clock::now())) {
            beats.push_back(b);
        }
        std::this_thread::yield();
    }
    return beats;
}

} // namespace

TEST_CASE("beatOnce writes the app's figures with our pid", "[ipc]")
{
    ipc::HeartbeatReader reader(tempPipeName(1));
    ipc::HeartbeatWriter writer(reader.name(), 1s, [] { return ipc::BeatStats{2, 15}; });
    REQUIRE(writer.beatOnce());
    REQUIRE(writer.beatsWritten() == 1);
    const auto beats = reader.poll({});
    REQUIRE(beats.size() == 1);
    REQUIRE(beats[0]
        == ipc::Beat{.pid = ipc::currentProcessId(), .uptime = 0, .sessions = 2, .queued = 15});
}

TEST_CASE("the writer thread beats at its interval and stops promptly", "[ipc]")
{
    ipc::HeartbeatReader reader(tempPipeName(2));
    std::atomic<std::uint64_t> calls{0};
    ipc::HeartbeatWriter writer(reader.name(), 20ms, [&] {
        ++calls;
        return ipc::BeatStats{calls.load(), 0};
    });
    writer.start();
    writer.start(); // a second start is harmless
    const auto beats = collect(reader, 3);
    REQUIRE(beats.size() >= 3);
    REQUIRE(beats[0].sessions == 1);
    REQUIRE(beats[1].sessions == 2);
    const auto before = std::chrono::steady_clock::now();
    writer.stop();
    REQUIRE(std::chrono::steady_clock::now() - before < 1s);
    writer.stop(); // idempotent
}

TEST_CASE("a missing pipe or a throwing callback never throws", "[ipc]")
{
    ipc::HeartbeatWriter orphan(tempPipeName(3), 1s, [] { return ipc::BeatStats{}; });
    REQUIRE_FALSE(orphan.beatOnce());
    ipc::HeartbeatReader reader(tempPipeName(4));
    ipc::HeartbeatWriter throwing(
        reader.name(), 1s, []() -> ipc::BeatStats { throw std::runtime_error("boom"); });
    REQUIRE_FALSE(throwing.beatOnce());
    REQUIRE(throwing.beatsWritten() == 0);
    ipc::HeartbeatWriter destroyed_without_start(reader.name(), 1s, nullptr);
    REQUIRE(destroyed_without_start.beatOnce()); // no callback: zero figures
}
