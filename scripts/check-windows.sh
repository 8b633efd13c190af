#!/usr/bin/env bash
# Syntax-checks the Windows-only sources with Debian's mingw-w64 cross compiler (no Windows
# machine needed). Called by scripts/test.sh. The Windows files use only std + windows.h (no
# Poco: its headers do not exist for mingw here).
#   - the Windows-only files: x86_64-w64-mingw32-g++ (win32 threads, the default)
#   - the portable std-only ipc files: the -posix variant, which has std::thread in GCC 12
# Exit 0 when all pass; 1 on an error; 0 with a notice when mingw-w64 is not installed and
# CHECK_WINDOWS_REQUIRED is not set (CI sets it).
set -euo pipefail
cd "$(dirname "$0")/.."

windows_only=(common/ipc/HeartbeatPipeWindows.cpp smppd/app/FreeMemoryWindows.cpp
              common/platform/ThreadNameWindows.cpp common/platform/ListenerReuseWindows.cpp)
portable=(common/ipc/Beat.cpp common/ipc/HeartbeatReader.cpp common/ipc/HeartbeatWriter.cpp)
flags=(-std=c++20 -fsyntax-only -I. -Wall -Wextra -Wshadow -Wconversion -Wold-style-cast
       -Wnon-virtual-dtor -Wpedantic -Werror -D_WIN32_WINNT=0x0A00)

cxx=x86_64-w64-mingw32-g++
cxx_posix=x86_64-w64-mingw32-g++-posix
if ! command -v "$cxx" >/dev/null; then
    if [[ -n "${CHECK_WINDOWS_REQUIRED:-}" || -n "${CI:-}" ]]; then
        echo "check-windows: $cxx not found (apt-get install g++-mingw-w64-x86-64)" >&2
        exit 1
    fi
    echo "check-windows: SKIPPED ($cxx not installed)"
    exit 0
fi
command -v "$cxx_posix" >/dev/null || cxx_posix=$cxx

failed=0
check() {
    local compiler=$1 file=$2
    if "$compiler" "${flags[@]}" "$file"; then
        echo "check-windows: ok   $file"
    else
        echo "check-windows: FAIL $file" >&2
        failed=1
    fi
}
for f in "${windows_only[@]}"; do check "$cxx" "$f"; done
for f in "${portable[@]}"; do check "$cxx_posix" "$f"; done
exit $failed
