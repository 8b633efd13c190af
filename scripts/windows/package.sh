#!/usr/bin/env bash
# Packs BUILD_DIR/dist/smppd-win64.zip from a Windows build (scripts/build-windows.sh): one top
# folder smppd/ with launcher.exe, smppd.exe (static, stripped), smppd.config ready for the
# VOCALCOM installation (UrlHermes to fill in), the service and Task Scheduler files, the Hermes
# plugin and README-windows.txt. Then checks that the executables import nothing but Windows.
#   scripts/windows/package.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: package.sh BUILD_DIR}
dist=$build/dist
stage=$dist/smppd
triple=x86_64-w64-mingw32

rm -rf "$stage" "$dist/smppd-win64.zip"
mkdir -p "$stage/install" "$stage/hermes-plugin"
for exe in launcher smppd; do
    $triple-strip -o "$stage/$exe.exe" "$build/bin/$exe.exe"
done

# The shipped config: the VOCALCOM sample (bridge on loopback) with UrlHermes empty, which smppd
# refuses (exit 64, naming the key) until the administrator fills it in.
sed -E \
    -e 's#(<add key="UrlHermes" value=")[^"]*(" */>)#\1\2#' \
    -e 's#Placeholder: points to the local test stand-in; set your Hermes server here.#FILL IN before the first start: smppd refuses an empty UrlHermes.#' \
    config/smppd.vocalcom.config | sed 's/$/\r/' >"$stage/smppd.config"
for expected in 'key="UrlHermes" value=""' 'FILL IN before the first start' 'key="TcpServer.ListenHost" value="127.0.0.1"'; do
    grep -q "$expected" "$stage/smppd.config" || { echo "package: smppd.config lacks: $expected" >&2; exit 1; }
done

cp scripts/install/windows/* "$stage/install/"
cp scripts/hermes-plugin/Smpp.xml scripts/hermes-plugin/SmppBridgeClient.cs \
   scripts/hermes-plugin/README.md "$stage/hermes-plugin/"
sed 's/$/\r/' scripts/windows/README-windows.txt >"$stage/README-windows.txt"

./scripts/windows/check-imports.sh "$stage"/*.exe
(cd "$dist" && zip -qr smppd-win64.zip smppd)
echo "package: $dist/smppd-win64.zip ($(du -k "$dist/smppd-win64.zip" | cut -f1) KiB)"
