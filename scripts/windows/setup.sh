#!/usr/bin/env bash
# Installs what the Windows cross-build and its tests under wine need (Debian's packages only).
set -euo pipefail
packages=(mingw-w64 cmake ninja-build dpkg-dev tcl patch zip unzip wine wine64 binutils-mingw-w64-x86-64
          mono-mcs)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "windows/setup: installing ${missing[*]}" >&2
    sudo_cmd=""
    [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi
