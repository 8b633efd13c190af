#!/usr/bin/env bash
# Cross-builds smppd.exe and launcher.exe (x86_64 Windows, static) with Debian's mingw-w64 and
# packs build-windows/dist/smppd-win64.zip. The dependencies come from Debian's source packages
# (scripts/windows/deps.sh, cached outside the clone).
#   scripts/build-windows.sh [BUILD_DIR]      default build-windows/
#   SMPPD_WIN_TESTS=OFF                       skip the Windows unit tests (faster)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
dir=${1:-build-windows}
jobs=${JOBS:-2}

./scripts/windows/setup.sh
sysroot=$(./scripts/windows/deps.sh | tail -1)

werror=OFF
[[ -n "${CI:-}" ]] && werror=ON
cmake -S . -B "$dir" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchains/mingw-w64-x86_64.cmake" \
    -DSMPPD_WIN_SYSROOT="$sysroot" -DSMPPD_POCO_POLLSET_FIXED=ON \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING="${SMPPD_WIN_TESTS:-ON}" \
    -DSMPPD_WARNINGS_AS_ERRORS="$werror" >/dev/null
cmake --build "$dir" -j "$jobs"
./scripts/windows/package.sh "$dir"
