#include "common/ipc/HeartbeatPipe.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

// The heartbeat pipe's end points: the POSIX FIFO on Linux, the named pipe on Windows (this suite
// also runs under wine, scripts/windows/test.sh). Cases about FIFO files are POSIX only.

namespace {

std::string tempPipeName(const char* tag)
{
    return ipc::heartbeatPipeName(std::filesystem::temp_directory_path().string(),
        ipc::currentProcessId() * 100 + static_cast<std::uint64_t>(tag[0]));
}

} // namespace

TEST_CASE("pipe names follow the documented scheme", "[ipc]")
{
#ifdef _WIN32
    REQUIRE(ipc::heartbeatPipeName("C:\\smppd", 42) == "\\\\.\\pipe\\smppd-42");
#else
    REQUIRE(ipc::heartbeatPipeName("/run/smppd", 42) == "/run/smppd/smppd-42.hb");
    REQUIRE(ipc::heartbeatPipeName("/run/smppd/", 42) == "/run/smppd/smppd-42.hb");
#endif
    REQUIRE(ipc::currentProcessId() > 0);
}

TEST_CASE("bytes written by a client are read without blocking", "[ipc]")
{
    const auto name = tempPipeName("a");
    ipc::PipeServer server(name);
    std::string got;
    REQUIRE(server.readAvailable(got) == 0); // nothing yet, and no blocking

    ipc::PipeClient client(name);
    REQUIRE(client.write("beat pid=1 uptime=0\n"));
    REQUIRE(client.isOpen());
    REQUIRE(client.write("beat pid=1 uptime=1\n"));
    REQUIRE(server.readAvailable(got) == 40);
    REQUIRE(got == "beat pid=1 uptime=0\nbeat pid=1 uptime=1\n");

#ifndef _WIN32
    // A FIFO takes several writers at once; the Windows pipe has one instance, one writer at a
    // time (smppd is one process): the next case covers what both must do.
    SECTION("a departed writer is not EOF and a new writer can connect")
    {
        {
            ipc::PipeClient gone(name);
            REQUIRE(gone.write("x\n"));
        }
        got.clear();
        REQUIRE(server.readAvailable(got) == 2);
        REQUIRE(server.readAvailable(got) == 0);
        ipc::PipeClient next(name);
        REQUIRE(next.write("y\n"));
        REQUIRE(server.readAvailable(got) == 2);
        REQUIRE(got == "x\ny\n");
    }
#endif
}

TEST_CASE("a writer that departs is followed by the next one (smppd restarted)", "[ipc]")
{
    const auto name = tempPipeName("e");
    ipc::PipeServer server(name);
    std::string got;
    {
        ipc::PipeClient first(name);
        REQUIRE(first.write("x\n"));
        REQUIRE(server.readAvailable(got) == 2);
    }
    REQUIRE(server.readAvailable(got) == 0); // sees the writer gone and waits for the next one
    ipc::PipeClient next(name);
    REQUIRE(next.write("y\n"));
    REQUIRE(server.readAvailable(got) == 2);
    REQUIRE(got == "x\ny\n");
}

TEST_CASE("a client survives the reader going away", "[ipc]")
{
    const auto name = tempPipeName("b");
    ipc::PipeClient client(name);
    REQUIRE_FALSE(client.write("beat\n")); // no pipe yet: dropped, no throw
    REQUIRE_FALSE(client.isOpen());
    {
        ipc::PipeServer server(name);
        REQUIRE(client.write("beat\n"));
    }
#ifndef _WIN32
    REQUIRE_FALSE(std::filesystem::exists(name)); // the server removes its FIFO
#endif
    // The reader is gone: EPIPE, no SIGPIPE (the test process would die), handle closed.
    REQUIRE_FALSE(client.write("beat\n"));
    REQUIRE_FALSE(client.isOpen());

    SECTION("and reconnects to a new pipe of the same name")
    {
        ipc::PipeServer again(name);
        REQUIRE(client.write("beat\n"));
        std::string got;
        again.readAvailable(got);
        REQUIRE(got == "beat\n");
    }
}

TEST_CASE("a full pipe drops the line instead of blocking", "[ipc]")
{
    const auto name = tempPipeName("c");
    ipc::PipeServer server(name);
    ipc::PipeClient client(name);
    const std::string line(100, 'x');
    int written = 0;
    while (client.write(line) && written < 100000) {
        ++written;
    }
    REQUIRE(written < 100000); // the kernel buffer filled and write() refused without blocking
    REQUIRE(client.isOpen()); // full is not broken
    std::string got;
    REQUIRE(server.readAvailable(got) == static_cast<std::size_t>(written) * line.size());
    REQUIRE(client.write(line));
}

#ifndef _WIN32
TEST_CASE("a stale FIFO is replaced, any other file is refused", "[ipc]")
{
    const auto name = tempPipeName("d");
    {
        ipc::PipeServer first(name);
        ipc::PipeServer second(name); // replaces the FIFO of `first` (a dead launcher's)
        ipc::PipeClient client(name);
        REQUIRE(client.write("z\n"));
        std::string got;
        second.readAvailable(got);
        REQUIRE(got == "z\n");
    }
    std::ofstream(name) << "not a fifo";
    REQUIRE_THROWS_AS(ipc::PipeServer(name), std::system_error);
    ipc::PipeClient client(name);
    REQUIRE_FALSE(client.write("beat\n")); // never writes into a regular file
    REQUIRE(std::filesystem::file_size(name) == 10);
    std::filesystem::remove(name);
}
#endif
