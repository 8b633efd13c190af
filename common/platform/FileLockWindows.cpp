#include "common/platform/FileLock.h"

#include <fstream>
#include <string>
#include <windows.h>

namespace smpp::platform {

namespace {

std::wstring widen(const std::string& utf8)
{
    const int size =
        MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(size), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), wide.data(), size);
    return wide;
}

std::string systemMessage(DWORD error)
{
    char* text = nullptr;
    const DWORD size = FormatMessageA(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        nullptr,
        error,
        0,
        reinterpret_cast<LPSTR>(&text), // FORMAT_MESSAGE_ALLOCATE_BUFFER wants LPSTR*
        0,
        nullptr);
    std::string message = size > 0 && text != nullptr ? std::string(text, size) : "error";
    LocalFree(text);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.pop_back();
    }
    return message + " (" + std::to_string(error) + ")";
}

/// The locked byte: far past the id written at the start, which stays readable.
OVERLAPPED lockedRange()
{
    OVERLAPPED range{};
    range.Offset = 0;
    range.OffsetHigh = 1; // 4 GiB
    return range;
}

} // namespace

FileLock::FileLock(const std::string& path)
{
    HANDLE file = CreateFileW(widen(path).c_str(),
        GENERIC_READ | GENERIC_WRITE,
        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
        nullptr,
        OPEN_ALWAYS,
        FILE_ATTRIBUTE_NORMAL,
        nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        throw FileLockError(systemMessage(GetLastError()), false);
    }
    OVERLAPPED range = lockedRange();
    if (!LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &range)) {
        const DWORD error = GetLastError();
        CloseHandle(file);
        throw FileLockError(systemMessage(error), error == ERROR_LOCK_VIOLATION);
    }
    handle_ = file;
    const std::string pid = std::to_string(GetCurrentProcessId()) + "\r\n";
    DWORD written = 0;
    // Best effort: the id only makes the next owner's message clearer.
    if (SetEndOfFile(file)) {
        WriteFile(file, pid.data(), static_cast<DWORD>(pid.size()), &written, nullptr);
    }
}

FileLock::~FileLock()
{
    if (handle_ != nullptr) {
        OVERLAPPED range = lockedRange();
        UnlockFileEx(static_cast<HANDLE>(handle_), 0, 1, 0, &range);
        CloseHandle(static_cast<HANDLE>(handle_));
    }
}

std::string FileLock::owner(const std::string& path)
{
    std::ifstream in(widen(path).c_str());
    std::string pid;
    std::getline(in, pid);
    while (!pid.empty() && pid.back() == '\r') {
        pid.pop_back();
    }
    return pid;
}

} // namespace smpp::platform
