# Cross-compiling for 64-bit Windows with Debian's mingw-w64 (posix threads, for std::thread).
# SMPPD_WIN_SYSROOT: the folder where scripts/build-windows.sh installed the dependencies.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${triple}-g++-posix)
set(CMAKE_RC_COMPILER ${triple}-windres)
# Poco's CMake looks for the message compiler (its EventLog resources) as mc.exe otherwise.
set(CMAKE_MC_COMPILER ${triple}-windmc)
set(CMAKE_AR ${triple}-gcc-ar-posix)
set(CMAKE_RANLIB ${triple}-gcc-ranlib-posix)

if(DEFINED ENV{SMPPD_WIN_SYSROOT} AND NOT SMPPD_WIN_SYSROOT)
    set(SMPPD_WIN_SYSROOT $ENV{SMPPD_WIN_SYSROOT})
endif()
set(CMAKE_FIND_ROOT_PATH /usr/${triple} ${SMPPD_WIN_SYSROOT})
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SMPPD_WIN_SYSROOT)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Tests run under wine (ctest, catch_discover_tests).
find_program(SMPPD_WINE wine)
if(SMPPD_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${SMPPD_WINE})
endif()
