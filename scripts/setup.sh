#!/usr/bin/env bash
# Installs everything the build, the tests and the benchmark need on Debian 12 (idempotent:
# quiet and quick when all is already there). Node packages go under tests/interop (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential cmake ninja-build pkg-config git
    libpoco-dev libfmt-dev libsqlite3-dev sqlite3 libssl-dev openssl catch2 libjemalloc-dev
    clang libclang-rt-14-dev clang-format
    kannel mono-mcs mingw-w64 gnuplot-nox procps curl
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another packaging (npm bundled with nodejs): ask for the commands.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=""
    [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Kannel's Debian package starts its own bearerbox at install; our tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet kannel 2>/dev/null; then
    systemctl stop kannel || true
fi

if [[ -f tests/interop/package.json ]] && [[ ! -d tests/interop/node_modules/smpp ]]; then
    echo "setup: npm ci in tests/interop"
    (cd tests/interop && npm ci --no-audit --no-fund --silent)
fi
