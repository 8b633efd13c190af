#include "common/platform/ThreadName.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#else
#include <pthread.h>
#endif

namespace {

#ifdef _WIN32
/// What a debugger or Process Explorer shows: the thread description (looked up at run time,
/// as ThreadNameWindows.cpp does; ASCII names).
std::string currentThreadName()
{
    using GetDescription = HRESULT(WINAPI*)(HANDLE, PWSTR*);
    const FARPROC found = GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "GetThreadDescription");
    REQUIRE(found != nullptr);
    const auto get = reinterpret_cast<GetDescription>(reinterpret_cast<void*>(found));
    PWSTR wide = nullptr;
    REQUIRE(SUCCEEDED(get(GetCurrentThread(), &wide)));
    std::string name;
    for (const wchar_t* c = wide; *c != L'\0'; ++c) {
        name.push_back(static_cast<char>(*c));
    }
    LocalFree(wide);
    return name;
}
#else
std::string currentThreadName()
{
    char buffer[64] = {};
    REQUIRE(pthread_getname_np(pthread_self(), buffer, sizeof(buffer)) == 0);
    return buffer;
}
#endif

/// The name the operating system reports for a new thread that named itself `name`.
std::string nameSeenBy(const char* name)
{
    std::string seen;
    std::thread thread([&] {
        smpp::platform::nameCurrentThread(name);
        seen = currentThreadName();
    });
    thread.join();
    return seen;
}

} // namespace

TEST_CASE("a thread's name is what ps and top show, cut to 15 characters", "[platform]")
{
    CHECK(nameSeenBy("store-writer") == "store-writer");
#ifdef _WIN32
    CHECK(nameSeenBy("a-name-longer-than-15") == "a-name-longer-than-15"); // no limit on Windows
#else
    CHECK(nameSeenBy("a-name-longer-than-15") == "a-name-longer-t"); // refused whole by Linux
#endif
}
