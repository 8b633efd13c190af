#!/usr/bin/env bash
# Runs the codec fuzzer (tests/fuzz/FuzzCodec.cpp) with libFuzzer for SECONDS (default 60).
# Builds with clang in build-fuzz, the whole codec instrumented (ASan + UBSan, UB aborts).
# The seed corpus is copied to build-fuzz/fuzz-corpus/codec, which keeps what the run finds;
# crashes land in build-fuzz/fuzz-artifacts/. Prints the number of executions at the end.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DSMPPD_FUZZ=ON -DBUILD_TESTING=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    >/dev/null
cmake --build build-fuzz --target fuzz_codec

corpus=build-fuzz/fuzz-corpus/codec
artifacts=build-fuzz/fuzz-artifacts
mkdir -p "$corpus" "$artifacts"
cp -n tests/fuzz/corpus/codec/* "$corpus"/

log=build-fuzz/fuzz_codec.log
status=0
build-fuzz/bin/fuzz_codec -max_total_time="$seconds" -print_final_stats=1 -max_len=4096 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || status=$?
tail -n 25 "$log"
executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
echo "fuzz_codec: ${executions:-?} executions in ${seconds}s, exit status $status, log $log"
exit "$status"
