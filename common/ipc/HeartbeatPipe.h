#pragma once

// The OS-specific end points of the heartbeat pipe (architecture §2). One implementation file per
// platform: HeartbeatPipePosix.cpp (a FIFO) and HeartbeatPipeWindows.cpp (a named pipe). This
// header and both files use only the standard library and the OS API (no Poco), so the Windows
// file builds with mingw-w64 (scripts/build-windows.sh) and its tests run under wine.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ipc {

/// The pipe name the launcher hands to smppd: on POSIX the FIFO `<run_dir>/smppd-<id>.hb`,
/// on Windows `\\.\pipe\smppd-<id>` (run_dir unused).
std::string heartbeatPipeName(const std::string& run_dir, std::uint64_t id);

/// This process's id (getpid / GetCurrentProcessId).
std::uint64_t currentProcessId();

/// The reading end, owned by the launcher: creates the pipe and reads it without ever blocking.
/// It outlives any number of writers: a writer that exits or dies does not disturb it and the
/// next writer can connect. Not thread-safe; one thread polls it.
class PipeServer {
public:
    /// Creates the pipe. POSIX: mkfifo(name, 0600), replacing a stale FIFO of that name (any
    /// other existing file is an error), then opens it O_RDWR|O_NONBLOCK so a departed writer
    /// never makes it report EOF. Windows: CreateNamedPipe (inbound, overlapped, one instance,
    /// local clients only). Throws std::system_error on failure.
    explicit PipeServer(std::string name);

    /// Closes the pipe; on POSIX also removes the FIFO.
    ~PipeServer();

    PipeServer(const PipeServer&) = delete;
    PipeServer& operator=(const PipeServer&) = delete;

    /// Appends every byte available now to `out` and returns how many; 0 when none. Never
    /// blocks. A writer disconnecting is not an error (on Windows the pipe is re-armed for the
    /// next writer). Throws std::system_error only for an unexpected OS failure.
    std::size_t readAvailable(std::string& out);

    const std::string& name() const { return name_; }

private:
    struct Impl;
    std::string name_;
    std::unique_ptr<Impl> impl_;
};

/// The writing end, used by smppd. Opens lazily, never blocks, never throws, never raises
/// SIGPIPE. Not thread-safe (HeartbeatWriter serialises its calls).
class PipeClient {
public:
    /// Stores the name; no I/O.
    explicit PipeClient(std::string name);
    ~PipeClient();

    PipeClient(const PipeClient&) = delete;
    PipeClient& operator=(const PipeClient&) = delete;

    /// Writes `data` (one line, at most 512 bytes, so it is written whole or not at all on
    /// POSIX). Opens the pipe first when it is not open. Returns false, dropping the data, when
    /// the pipe does not exist, is not a pipe, has no reader or is full; after a broken pipe it
    /// closes and the next call reopens by name.
    bool write(std::string_view data);

    /// True while a pipe handle is open.
    bool isOpen() const;

    const std::string& name() const { return name_; }

private:
    struct Impl;
    std::string name_;
    std::unique_ptr<Impl> impl_;
};

} // namespace ipc
