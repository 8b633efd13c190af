#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS (default 60): codec (tests/fuzz/FuzzCodec.cpp), bridge
# (the JSON-lines parser and dispatch), appsettings (the config reader and key table), accounts
# (the Accounts.File reader) or admin (the /health, /metrics request handling).
# Builds with clang in build-fuzz, the whole project instrumented (ASan + UBSan, UB aborts).
# The seed corpus is copied to build-fuzz/fuzz-corpus/TARGET, which keeps what the run finds;
# crashes land in build-fuzz/fuzz-artifacts/TARGET/. Prints the number of executions at the end.
# Usage: scripts/fuzz.sh [TARGET] [SECONDS]     (scripts/fuzz.sh SECONDS: the codec, as before)
set -euo pipefail
cd "$(dirname "$0")/.."
target=codec
if [[ $# -ge 1 && ! "$1" =~ ^[0-9]+$ ]]; then
    target=$1
    shift
fi
seconds=${1:-60}
case "$target" in
    codec | bridge | appsettings | accounts | admin) ;;
    *) echo "fuzz.sh: unknown target '$target' (codec, bridge, appsettings, accounts, admin)" >&2; exit 64 ;;
esac
binary=fuzz_$target

CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DSMPPD_FUZZ=ON -DBUILD_TESTING=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    >/dev/null
cmake --build build-fuzz --target "$binary"

corpus=build-fuzz/fuzz-corpus/$target
artifacts=build-fuzz/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts"
cp -n tests/fuzz/corpus/"$target"/* "$corpus"/

max_len=4096
[[ $target == bridge ]] && max_len=80000 # the 64 KiB line limit must be reachable
log=build-fuzz/$binary.log
status=0
start=$(date +%s)
build-fuzz/bin/$binary -max_total_time="$seconds" -print_final_stats=1 -max_len="$max_len" \
    -timeout=30 -rss_limit_mb=2560 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))
tail -n 25 "$log"
executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
echo "$binary: ${executions:-?} executions in ${elapsed}s (asked ${seconds}s), exit status $status, log $log"
exit "$status"
