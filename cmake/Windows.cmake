# Windows (mingw-w64 cross build, scripts/build-windows.sh): one static executable per program,
# so a Windows Server needs nothing installed beside launcher.exe and smppd.exe.
if(NOT WIN32)
    return()
endif()

# Poco 1.11.0's PollSet busy-loops on Windows (pocoproject/poco#3378); scripts/windows/deps.sh
# builds Poco with the fix (scripts/windows/patches/poco-3-pollset-3378.patch) and says so here.
option(SMPPD_POCO_POLLSET_FIXED "Poco carries the poco#3378 PollSet fix" OFF)

# Windows 10 / Server 2016 and later; UNICODE so Poco's Windows calls take wide strings.
add_compile_definitions(_WIN32_WINNT=0x0A00 WINVER=0x0A00 UNICODE _UNICODE WIN32_LEAN_AND_MEAN
                        NOMINMAX POCO_STATIC XML_STATIC)
add_link_options(-static -static-libgcc -static-libstdc++)
# Poco's WSAStartup lives in a static initialiser that a static link drops (nothing refers to
# it): "Net subsystem not initialized" (10093). Keep it in.
add_link_options(-Wl,--undefined=_ZN4Poco3Net17initializeNetworkEv)
# Static OpenSSL and Poco need these Windows libraries after them on the link line (sockets, the
# certificate store, the random source, the IP helper).
set(CMAKE_CXX_STANDARD_LIBRARIES
    "${CMAKE_CXX_STANDARD_LIBRARIES} -lws2_32 -liphlpapi -lcrypt32 -lbcrypt -luser32 -ladvapi32")
# -O2 as the Linux build (RelWithDebInfo): at -O3 GCC 12 reports false -Wstringop-overflow and
# -Wrestrict inside std::string, which -Werror would turn into failures.
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG")
