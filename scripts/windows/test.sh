#!/usr/bin/env bash
# The Windows step of scripts/test.sh: cross-builds and packs smppd for Windows
# (scripts/build-windows.sh), then under wine, in a fresh wine prefix:
#   1. every Windows unit-test executable (ctest on build-windows/, each run by wine);
#   2. the end-to-end test of the unzipped package (scripts/windows/e2e.sh);
#   3. the service registration with wine's service manager (tests/windows/service.sh).
# Exit 0 when all pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-windows}
step() { printf '\n--- windows: %s\n' "$*"; }
failures=()

step "build and package ($build/)"
started=$(date +%s)
./scripts/build-windows.sh "$build"
echo "windows: built and packed in $(($(date +%s) - started)) s"

step "the import check refuses a DLL that is not shipped"
tests/windows/check-imports-test.sh || failures+=("check-imports")

export WINEDEBUG=${WINEDEBUG:--all}
export WINEPREFIX=${WINEPREFIX:-$(mktemp -d /tmp/smppd-wine.XXXXXX)}
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT
step "wine prefix $WINEPREFIX"
wineboot -i >/dev/null 2>&1 || true
wine cmd /c ver 2>/dev/null | tr -d '\r' | grep -v '^$' || true

step "unit tests under wine (ctest $build/)"
# Now and then wine fails to start an executable (exit status in 0.02 s, no output at all: seen
# once in hermes_unit, which then passed 3 times out of 3): such a test runs once more. A test
# that fails twice fails; ctest's output names every test that needed the second run.
ctest --test-dir "$build" -j "${JOBS:-2}" --output-on-failure --timeout 300 --repeat until-pass:2 \
    || failures+=("unit")

step "end-to-end test of the package under wine"
if [[ -x scripts/windows/e2e.sh ]]; then
    # The prefix made above: a second wineboot would cost ~20 s more.
    SMPPD_E2E_WINEPREFIX=$WINEPREFIX ./scripts/windows/e2e.sh "$build/dist/smppd-win64.zip" \
        || failures+=("e2e")
else
    echo "windows: scripts/windows/e2e.sh missing" >&2
    failures+=("e2e")
fi

step "service registration under wine"
if [[ -x tests/windows/service.sh ]]; then
    tests/windows/service.sh "$build/dist/smppd" || failures+=("service")
else
    echo "windows: tests/windows/service.sh missing" >&2
    failures+=("service")
fi

if ((${#failures[@]})); then
    echo "windows: FAILED: ${failures[*]}"
    exit 1
fi
echo "windows: all steps passed"
