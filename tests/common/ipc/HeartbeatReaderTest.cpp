#include "common/ipc/HeartbeatReader.h"

#include "common/ipc/HeartbeatPipe.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace std::chrono_literals;

namespace {

std::string tempPipeName(std::uint64_t tag)
{
    return ipc::heartbeatPipeName(
        std::filesystem::temp_directory_path().string(), ipc::currentProcessId() * 100 + 50 + tag);
}

} // namespace

TEST_CASE("the reader splits lines, parses beats and stamps the time", "[ipc]")
{
    const ipc::HeartbeatReader::Clock::time_point t0{10s};
    ipc::HeartbeatReader reader(tempPipeName(1));
    ipc::PipeClient client(reader.name());
    REQUIRE(reader.poll(t0).empty());
    REQUIRE_FALSE(reader.lastBeatAt().has_value());

    REQUIRE(client.write("beat pid=5 uptime=1 sessions=2 queued=3\nbeat pid=5 up"));
    const auto first = reader.poll(t0 + 1s);
    REQUIRE(first.size() == 1);
    REQUIRE(first[0] == ipc::Beat{.pid = 5, .uptime = 1, .sessions = 2, .queued = 3});
    REQUIRE(reader.lastBeatAt() == t0 + 1s);

    SECTION("a partial line is completed by the next read")
    {
        REQUIRE(reader.poll(t0 + 2s).empty());
        REQUIRE(reader.lastBeatAt() == t0 + 1s);
        REQUIRE(client.write("time=2\n"));
        const auto second = reader.poll(t0 + 3s);
        REQUIRE(second.size() == 1);
        REQUIRE(second[0].uptime == 2);
        REQUIRE(reader.lastBeatAt() == t0 + 3s);
    }
    SECTION("garbage is counted, not trusted")
    {
        REQUIRE(client.write("time=2 junk\nhello\n"));
        REQUIRE(reader.poll(t0 + 2s).empty());
        REQUIRE(reader.malformedLines() == 2);
        REQUIRE(reader.lastBeatAt() == t0 + 1s);
    }
}

TEST_CASE("an endless line is dropped", "[ipc]")
{
    ipc::HeartbeatReader reader(tempPipeName(2));
    ipc::PipeClient client(reader.name());
    REQUIRE(client.write(std::string(400, 'x')));
    REQUIRE(client.write(std::string(400, 'x')));
    REQUIRE(reader.poll({}).empty());
    REQUIRE(reader.malformedLines() == 1);
    REQUIRE(client.write("\nbeat pid=1 uptime=1\n"));
    REQUIRE(reader.poll({}).size() == 1);
}
