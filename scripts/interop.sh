#!/usr/bin/env bash
# Interop tests with real third-party peers against the real smppd (loopback only):
#   - the `smpp` npm package (tests/interop/*.test.js: binds, receipts, MO, long messages, TLS)
#   - Debian's Kannel: bearerbox + smsbox with a generated config (tests/interop/kannel.test.js)
# Each test starts its own smppd (temp config and store, free loopback ports) and stops it.
# Usage: scripts/interop.sh [BUILD_DIR]   (or SMPPD_BIN=/path/to/smppd); extra: INTEROP_FILTER=regex
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build_dir=${1:-build}
export SMPPD_BIN=${SMPPD_BIN:-$repo/$build_dir/bin/smppd}

if [[ ! -x "$SMPPD_BIN" ]]; then
    echo "interop: $SMPPD_BIN not built (run scripts/build.sh $build_dir)"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! command -v node >/dev/null; then
    echo "interop: node not installed (scripts/setup.sh)"
    echo "0 passed, 1 failed"
    exit 1
fi
if [[ ! -d tests/interop/node_modules/smpp ]]; then
    (cd tests/interop && npm ci --no-audit --no-fund --silent)
fi

# Kannel's Debian package may run its own bearerbox; ours uses generated configs and free ports.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet kannel 2>/dev/null; then
    systemctl stop kannel || true
fi

cd tests/interop
files=(*.test.js)
if [[ -n "${INTEROP_FILTER:-}" ]]; then
    mapfile -t files < <(printf '%s\n' "${files[@]}" | grep -E "$INTEROP_FILTER")
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "interop: smppd=$SMPPD_BIN, files: ${files[*]}"
set +e
# every test has its own bounded timeout; this bounds the whole run (node kills its children)
timeout -k 10 300 node --test --test-reporter=tap "${files[@]}" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
pass=$(awk '/^# pass /{print $3}' "$out" | tail -1)
fail=$(awk '/^# fail /{print $3}' "$out" | tail -1)
skip=$(awk '/^# skipped /{print $3}' "$out" | tail -1)
pass=${pass:-0}
fail=${fail:-0}
if [[ $rc -ne 0 && $fail -eq 0 ]]; then
    fail=1 # the runner itself failed or timed out
fi
todo=$(awk '/^# todo /{print $3}' "$out" | tail -1)
echo
if [[ ${todo:-0} -gt 0 ]]; then
    echo "interop: ${todo} TODO case(s), known server deviations (not failures):"
    grep -E '# TODO' "$out" | sed 's/^ */  /'
fi
echo "interop: ${pass} passed, ${fail} failed${skip:+, ${skip} skipped}"
[[ $fail -eq 0 && $rc -eq 0 ]]
