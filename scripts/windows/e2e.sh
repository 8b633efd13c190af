#!/usr/bin/env bash
# End-to-end tests of the Windows package under wine, driven from Linux, loopback only:
#   scripts/windows/e2e.sh ZIP_OR_FOLDER      (build-windows/dist/smppd-win64.zip, or an
#                                              unzipped smppd/ folder)
# Unzips the package into a folder whose path has spaces ("/tmp/smppd win e2e/run N/"), makes
# and initialises a wine prefix there (wineboot -i), builds the small Windows helpers of
# tests/windows/tools with mingw-w64, finds or builds the Linux Hermes stand-in, then runs the
# node tests of tests/windows/ one file at a time (every test copies the package folder, writes
# its own smppd.config beside launcher.exe with free loopback ports, and starts launcher.exe).
# Ends with "N passed, N failed" and exits non-zero on any failure.
# Environment:
#   HERMES_STANDIN_BIN   the Linux stand-in (default: build*/bin/hermes-standin, else it is built
#                        into build-e2e/ with scripts/build.sh's cmake settings, -j2)
#   SMPPD_E2E_WINEPREFIX reuse this initialised prefix instead of making one (saves ~20 s)
#   SMPPD_E2E_FILTER     regex of test files to run (e.g. 'stop|restart')
#   KEEP_TMP=1           keep the work folder (logs of every package copy) after the run
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

fail() {
    echo "e2e: $*"
    echo "0 passed, 1 failed"
    exit 1
}

input=${1:-}
[[ -n "$input" ]] || fail "usage: scripts/windows/e2e.sh ZIP_OR_FOLDER"
[[ -e "$input" ]] || fail "$input does not exist"
input=$(realpath "$input")
for cmd in wine wineboot wineserver node unzip x86_64-w64-mingw32-gcc openssl; do
    command -v "$cmd" >/dev/null || fail "$cmd not installed (scripts/setup.sh, scripts/windows/setup.sh)"
done

base="/tmp/smppd win e2e"
mkdir -p "$base"
work=$(mktemp -d "$base/run XXXXXX")
export WINEDEBUG=-all
if [[ -n "${SMPPD_E2E_WINEPREFIX:-}" ]]; then
    export WINEPREFIX=$SMPPD_E2E_WINEPREFIX
else
    export WINEPREFIX=$work/wineprefix
fi

cleanup() {
    # ends every program of this prefix (launcher.exe, smppd.exe, helpers), then the folder
    wineserver -k >/dev/null 2>&1 || true
    if [[ -z "${KEEP_TMP:-}" ]]; then
        rm -rf "$work"
    else
        echo "e2e: kept $work"
    fi
}
trap cleanup EXIT

t_start=$(date +%s)
# 1. the package
if [[ -d "$input" ]]; then
    cp -r "$input" "$work/package"
else
    mkdir "$work/package"
    unzip -q "$input" -d "$work/package"
fi
pkg=$work/package
[[ -f "$pkg/launcher.exe" ]] || pkg=$(dirname "$(find "$work/package" -maxdepth 2 -name launcher.exe | head -1)")
[[ -f "$pkg/launcher.exe" && -f "$pkg/smppd.exe" && -f "$pkg/smppd.config" ]] \
    || fail "no launcher.exe, smppd.exe and smppd.config in one folder of $input"
echo "e2e: package $pkg: $(cd "$pkg" && ls | tr '\n' ' ')"

# 2. the wine prefix (in the background while the rest is prepared)
boot_log=$work/wineboot.log
if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
    (wineboot -i >"$boot_log" 2>&1; wineserver -w) &
    boot_pid=$!
else
    boot_pid=
fi

# 3. the Windows helpers (tests/windows/tools/*.c)
tools=$work/tools
mkdir -p "$tools"
for src in tests/windows/tools/*.c; do
    name=$(basename "$src" .c)
    flags=(-O1 -Wall -static)
    grep -q 'wmain' "$src" && flags+=(-municode)
    x86_64-w64-mingw32-gcc "${flags[@]}" -o "$tools/$name.exe" "$src" || fail "cannot build $src"
done

# 4. the Linux side: the Hermes stand-in, the smpp npm package, mono for the plugin
if [[ -z "${HERMES_STANDIN_BIN:-}" ]]; then
    HERMES_STANDIN_BIN=$(ls -t build*/bin/hermes-standin 2>/dev/null | head -1 || true)
fi
if [[ -z "${HERMES_STANDIN_BIN:-}" || ! -x "$HERMES_STANDIN_BIN" ]]; then
    echo "e2e: building the Hermes stand-in into build-e2e/"
    cmake -S . -B build-e2e -G Ninja -DSMPPD_WARNINGS_AS_ERRORS=OFF >/dev/null
    cmake --build build-e2e -j 2 --target hermes-standin >/dev/null
    HERMES_STANDIN_BIN=$repo/build-e2e/bin/hermes-standin
fi
export HERMES_STANDIN_BIN=$(realpath "$HERMES_STANDIN_BIN")
if [[ ! -d tests/interop/node_modules/smpp ]]; then
    (cd tests/interop && npm ci --no-audit --no-fund --silent)
fi
command -v mcs >/dev/null && command -v mono >/dev/null || echo "e2e: mcs/mono missing: the plugin case is skipped"

if [[ -n "$boot_pid" ]]; then
    wait "$boot_pid" || { cat "$boot_log"; fail "wineboot -i failed"; }
fi
[[ -f "$WINEPREFIX/system.reg" ]] || fail "wine prefix $WINEPREFIX not initialised"
t_ready=$(date +%s)
echo "e2e: ready in $((t_ready - t_start)) s (prefix $WINEPREFIX)"

# 5. the tests, one file at a time (wine is heavy on 2 cores, and the ports stay apart)
export SMPPD_WIN_PACKAGE=$pkg SMPPD_WIN_WORK=$work SMPPD_WIN_TOOLS=$tools
cd tests/windows
files=(*.test.js)
if [[ -n "${SMPPD_E2E_FILTER:-}" ]]; then
    mapfile -t files < <(printf '%s\n' "${files[@]}" | grep -E "$SMPPD_E2E_FILTER")
fi
out=$work/tap.txt
set +e
timeout -k 10 480 node --test --test-concurrency=1 --test-reporter=tap "${files[@]}" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
pass=$(awk '/^# pass /{print $3}' "$out" | tail -1)
failed=$(awk '/^# fail /{print $3}' "$out" | tail -1)
skip=$(awk '/^# skipped /{print $3}' "$out" | tail -1)
pass=${pass:-0}
failed=${failed:-0}
if [[ $rc -ne 0 && $failed -eq 0 ]]; then
    failed=1 # the runner itself failed or timed out
fi
echo
if [[ ${skip:-0} -gt 0 ]]; then
    echo "e2e: skipped:"
    grep -E '# SKIP' "$out" | sed 's/^ */  /' || true
fi
echo "e2e: took $(($(date +%s) - t_start)) s in all${skip:+, ${skip} skipped}"
echo "${pass} passed, ${failed} failed"
[[ $failed -eq 0 && $rc -eq 0 ]]
