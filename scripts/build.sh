#!/usr/bin/env bash
# Configures and builds one tree. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]
# Default tree: build/ (RelWithDebInfo, warnings as errors under CI).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
werror=OFF
[[ -n "${CI:-}" ]] && werror=ON
cmake -S . -B "$dir" -G Ninja -DSMPPD_WARNINGS_AS_ERRORS="$werror" "$@" >/dev/null
cmake --build "$dir" -j "${JOBS:-2}"
