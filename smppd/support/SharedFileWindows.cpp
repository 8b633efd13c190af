#include "smppd/support/SharedFile.h"

#include <Poco/UnicodeConverter.h>

#include <array>
#include <stdexcept>
#include <streambuf>
#include <windows.h>

namespace smppd::support {

namespace {

/// A read-only std::streambuf over a Win32 file handle (closed with it).
class HandleBuffer : public std::streambuf {
public:
    explicit HandleBuffer(HANDLE handle) : handle_(handle) { }
    ~HandleBuffer() override { CloseHandle(handle_); }
    HandleBuffer(const HandleBuffer&) = delete;
    HandleBuffer& operator=(const HandleBuffer&) = delete;

protected:
    int_type underflow() override
    {
        DWORD got = 0;
        if (!ReadFile(handle_, buffer_.data(), static_cast<DWORD>(buffer_.size()), &got, nullptr)
            || got == 0) {
            return traits_type::eof();
        }
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    HANDLE handle_;
    std::array<char, 64 * 1024> buffer_{};
};

class HandleStream : public std::istream {
public:
    explicit HandleStream(HANDLE handle) : std::istream(nullptr), buffer_(handle)
    {
        rdbuf(&buffer_);
    }

private:
    HandleBuffer buffer_;
};

} // namespace

std::unique_ptr<std::istream> openShared(const std::string& path)
{
    std::wstring wide;
    Poco::UnicodeConverter::toUTF16(path, wide);
    const HANDLE handle = CreateFileW(wide.c_str(),
        GENERIC_READ,
        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
        nullptr,
        OPEN_EXISTING,
        FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN,
        nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        throw std::runtime_error(
            "cannot open " + path + ": Windows error " + std::to_string(GetLastError()));
    }
    return std::make_unique<HandleStream>(handle);
}

} // namespace smppd::support
