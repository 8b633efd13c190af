// Windows end points of the heartbeat pipe: the named pipe \\.\pipe\smppd-<id>.
// Only the standard library and the Win32 API: checked with mingw-w64 -fsyntax-only.
#include "common/ipc/HeartbeatPipe.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <system_error>
#include <utility>
#include <windows.h>

namespace ipc {

namespace {

[[noreturn]] void throwLastError(const std::string& what)
{
    throw std::system_error(static_cast<int>(GetLastError()), std::system_category(), what);
}

enum class Completion { Done, Pending, Failed };

Completion pollOverlapped(HANDLE handle, OVERLAPPED& overlapped, DWORD& transferred)
{
    if (GetOverlappedResult(handle, &overlapped, &transferred, FALSE)) {
        return Completion::Done;
    }
    return GetLastError() == ERROR_IO_INCOMPLETE ? Completion::Pending : Completion::Failed;
}

} // namespace

std::string heartbeatPipeName(const std::string& /*run_dir*/, std::uint64_t id)
{
    return "\\\\.\\pipe\\smppd-" + std::to_string(id);
}

std::uint64_t currentProcessId()
{
    return GetCurrentProcessId();
}

/// One overlapped pipe instance driven as a small state machine by readAvailable():
/// Idle -(ConnectNamedPipe)-> Connecting -> Connected -(ReadFile)-> Reading -> Connected ...
/// A broken pipe (writer gone) disconnects and returns to Idle, ready for the next writer.
struct PipeServer::Impl {
    enum class State { Idle, Connecting, Connected, Reading };

    HANDLE pipe = INVALID_HANDLE_VALUE;
    HANDLE event = nullptr;
    OVERLAPPED overlapped{};
    State state = State::Idle;
    char buffer[1024]{};

    ~Impl()
    {
        if (pipe != INVALID_HANDLE_VALUE) {
            if (state == State::Connecting || state == State::Reading) {
                CancelIo(pipe);
                DWORD ignored = 0;
                GetOverlappedResult(pipe, &overlapped, &ignored, TRUE); // the kernel is done
            }
            CloseHandle(pipe);
        }
        if (event != nullptr) {
            CloseHandle(event);
        }
    }

    void arm()
    {
        overlapped = OVERLAPPED{};
        overlapped.hEvent = event;
    }

    void disconnect()
    {
        DisconnectNamedPipe(pipe);
        state = State::Idle;
    }

    /// Each step returns true when the caller should step again at once.
    bool startConnect()
    {
        arm();
        if (ConnectNamedPipe(pipe, &overlapped)) {
            state = State::Connected;
            return true;
        }
        switch (GetLastError()) {
        case ERROR_IO_PENDING:
            state = State::Connecting;
            return true;
        case ERROR_PIPE_CONNECTED:
            state = State::Connected;
            return true;
        case ERROR_NO_DATA: // a writer came and went before we connected
            DisconnectNamedPipe(pipe);
            return false;
        default:
            throwLastError("ConnectNamedPipe");
        }
    }

    bool finishConnect()
    {
        DWORD ignored = 0;
        switch (pollOverlapped(pipe, overlapped, ignored)) {
        case Completion::Done:
            state = State::Connected;
            return true;
        case Completion::Pending:
            return false;
        case Completion::Failed:
            break;
        }
        disconnect();
        return false;
    }

    bool startRead()
    {
        arm();
        if (ReadFile(pipe, buffer, sizeof buffer, nullptr, &overlapped)
            || GetLastError() == ERROR_IO_PENDING) {
            state = State::Reading; // completion (even a synchronous one) is collected next
            return true;
        }
        disconnect(); // ERROR_BROKEN_PIPE: the writer closed its end
        return true;
    }

    bool finishRead(std::string& out)
    {
        DWORD transferred = 0;
        switch (pollOverlapped(pipe, overlapped, transferred)) {
        case Completion::Done:
            out.append(buffer, transferred);
            state = State::Connected;
            return true;
        case Completion::Pending:
            return false;
        case Completion::Failed:
            break;
        }
        disconnect();
        return true;
    }

    bool step(std::string& out)
    {
        switch (state) {
        case State::Idle:
            return startConnect();
        case State::Connecting:
            return finishConnect();
        case State::Connected:
            return startRead();
        case State::Reading:
            return finishRead(out);
        }
        return false;
    }
};

PipeServer::PipeServer(std::string name) : name_(std::move(name)), impl_(std::make_unique<Impl>())
{
    impl_->event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    if (impl_->event == nullptr) {
        throwLastError("CreateEvent");
    }
    impl_->pipe = CreateNamedPipeA(name_.c_str(),
        PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
        1,
        0,
        4096,
        0,
        nullptr);
    if (impl_->pipe == INVALID_HANDLE_VALUE) {
        throwLastError("CreateNamedPipe " + name_);
    }
}

PipeServer::~PipeServer() = default;

std::size_t PipeServer::readAvailable(std::string& out)
{
    const std::size_t before = out.size();
    // Bounded: a writer flooding the pipe cannot keep the launcher loop here forever.
    for (int steps = 0; steps < 64 && impl_->step(out); ++steps) { }
    return out.size() - before;
}

struct PipeClient::Impl {
    HANDLE pipe = INVALID_HANDLE_VALUE;

    void close()
    {
        if (pipe != INVALID_HANDLE_VALUE) {
            CloseHandle(pipe);
            pipe = INVALID_HANDLE_VALUE;
        }
    }
    ~Impl() { close(); }
};

PipeClient::PipeClient(std::string name) : name_(std::move(name)), impl_(std::make_unique<Impl>())
{
}

PipeClient::~PipeClient() = default;

bool PipeClient::isOpen() const
{
    return impl_->pipe != INVALID_HANDLE_VALUE;
}

bool PipeClient::write(std::string_view data)
{
    if (impl_->pipe == INVALID_HANDLE_VALUE) {
        impl_->pipe = CreateFileA(name_.c_str(),
            GENERIC_WRITE,
            0,
            nullptr,
            OPEN_EXISTING,
            FILE_ATTRIBUTE_NORMAL,
            nullptr);
        if (impl_->pipe == INVALID_HANDLE_VALUE) {
            return false; // no pipe, or busy (another writer): retry at the next beat
        }
        // PIPE_NOWAIT: WriteFile returns at once even when the launcher stopped reading.
        DWORD mode = PIPE_READMODE_BYTE | PIPE_NOWAIT;
        SetNamedPipeHandleState(impl_->pipe, &mode, nullptr, nullptr);
    }
    DWORD written = 0;
    if (!WriteFile(impl_->pipe, data.data(), static_cast<DWORD>(data.size()), &written, nullptr)) {
        impl_->close(); // ERROR_NO_DATA / ERROR_BROKEN_PIPE: the launcher went away
        return false;
    }
    return written == data.size();
}

} // namespace ipc
