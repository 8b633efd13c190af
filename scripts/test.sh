#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds, and runs every test:
#   1. unit + integration + fuzz-corpus replay (ctest) on the normal build (warnings are errors under CI)
#   2. the unit tests again under ASan + UBSan (build-asan/)
#   3. interop with real third-party peers (the `smpp` npm package, Kannel)
#   4. Windows: the mingw-w64 cross-build and package, its unit tests, the end-to-end test of the
#      package and the service registration, all under wine (scripts/windows/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export JOBS=${JOBS:-2}

./scripts/setup.sh

step() { printf '\n=== %s\n' "$*"; }
failures=()

step "build (build/)"
./scripts/build.sh build

step "ctest (build/)"
ctest --test-dir build -j "$JOBS" --output-on-failure --timeout 300 || failures+=("ctest")

step "ASan+UBSan unit tests (build-asan/)"
./scripts/build.sh build-asan -DSMPPD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -j "$JOBS" --output-on-failure --timeout 600 -E 'integration|launcher_process|crash' \
    || failures+=("ctest-asan")

step "interop (smpp npm package, Kannel)"
./scripts/interop.sh || failures+=("interop")

step "Windows (mingw-w64 build and package, tests under wine)"
./scripts/windows/test.sh || failures+=("windows")

if ((${#failures[@]})); then
    echo "test.sh: FAILED: ${failures[*]}"
    exit 1
fi
echo "test.sh: all steps passed"
