#include "common/platform/ThreadName.h"

#include <string>
#include <windows.h>

namespace smpp::platform {

void nameCurrentThread(const char* name) noexcept
{
    // SetThreadDescription exists from Windows 10 1607 / Server 2016 on, and older mingw
    // headers do not declare it: looked up at run time, absent means unnamed threads.
    using SetDescription = HRESULT(WINAPI*)(HANDLE, PCWSTR);
    const HMODULE kernel = GetModuleHandleW(L"kernel32.dll");
    const FARPROC found =
        kernel != nullptr ? GetProcAddress(kernel, "SetThreadDescription") : nullptr;
    if (found == nullptr) {
        return;
    }
    // FARPROC is a generic function pointer: through void* to the real signature.
    const auto set = reinterpret_cast<SetDescription>(reinterpret_cast<void*>(found));
    // The names are ASCII: widening each character is the UTF-16 conversion.
    std::wstring wide;
    for (const char* c = name; *c != '\0'; ++c) {
        wide.push_back(static_cast<wchar_t>(static_cast<unsigned char>(*c)));
    }
    set(GetCurrentThread(), wide.c_str());
}

void idleCurrentThread() noexcept
{
    SetThreadPriority(GetCurrentThread(), THREAD_MODE_BACKGROUND_BEGIN);
}

} // namespace smpp::platform
