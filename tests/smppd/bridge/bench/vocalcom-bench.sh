#!/usr/bin/env bash
# VOCALCOM throughput on loopback, both flows, against the real smppd and the Hermes stand-in:
#   1. bridge "send" -> commit -> deliver_sm -> deliver_sm_resp (bridge-bench)
#   2. submit_sm -> commit -> HTTPS push (stand-in answers 200) -> receipt -> deliver_sm_resp
#      (smpp-bench --receipts: the rate of submit_sm_resp; receipts matched are printed too)
# Usage: tests/smppd/bridge/bench/vocalcom-bench.sh [BUILD_DIR] [SECONDS] [COUNT]
# Prints the RESULT lines of both tools; writes them to bench/results/vocalcom.txt too.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
build=${1:-build}
duration=${2:-10}
count=${3:-200000}
bin="$build/bin"
for tool in smppd hermes-standin smpp-bench bridge-bench; do
    [[ -x "$bin/$tool" ]] || { echo "vocalcom-bench: $bin/$tool is not built"; exit 1; }
done
work=$(mktemp -d /tmp/vocalcom-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [[ -n "${KEEP_TMP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smpp_port=$(free_port); bridge_port=$(free_port)
load=$(cut -d" " -f1-3 /proc/loadavg)

"$bin/hermes-standin" --gen-cert "$work/tls" --port 0 --port-file "$work/hermes.port" --mode 200 \
    > "$work/standin.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do [[ -s "$work/hermes.port" ]] && break; sleep 0.05; done
hermes_port=$(cat "$work/hermes.port")

cat > "$work/smppd.config" <<CFG
<configuration><appSettings>
  <add key="Mode" value="VOCALCOM"/>
  <add key="Server.ListenHost" value="127.0.0.1"/>
  <add key="Server.ListenPort" value="$smpp_port"/>
  <add key="Server.MaxSessionsPerAccount" value="16"/>
  <add key="Server.WindowSize" value="5000"/>
  <add key="UrlHermes" value="https://127.0.0.1:$hermes_port/sms/{campaign}"/>
  <add key="Hermes.CaFile" value="$work/tls/cert.pem"/>
  <add key="Hermes.Concurrency" value="${HERMES_CONCURRENCY:-8}"/>
  <add key="TcpServer.ListenHost" value="127.0.0.1"/>
  <add key="TcpServer.ListenPort" value="$bridge_port"/>
  <add key="Store.Path" value="$work/smppd.db"/>
  <add key="Log.Directory" value="$work/logs"/>
  <add key="Log.Level" value="warning"/>
</appSettings></configuration>
CFG
"$bin/smppd" --config "$work/smppd.config" > "$work/smppd.out" 2>&1 &
pids+=($!)
for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$smpp_port") 2>/dev/null && break; sleep 0.05; done

# The bridge run first: the receipts of the full cycle would reach its receivers (same account).
echo "=== 1. bridge send -> deliver_sm -> resp ($count messages)"
bridge=$("$bin/bridge-bench" --bridge-port "$bridge_port" --smpp-port "$smpp_port" --count "$count" \
    --connections 4 --window 1000 --receivers 4 | tee /dev/stderr | grep '^RESULT' || true)
echo "=== 2. submit_sm -> HTTPS push -> receipt (${duration} s)"
full=$("$bin/smpp-bench" --port "$smpp_port" --sessions 4 --window 1000 --receipts --duration "$duration" \
    --drain 30 --label vocalcom-full-cycle | tee /dev/stderr | grep '^RESULT' || true)

mkdir -p bench/results
{
    echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cores; vocalcom-bench.sh $build $duration $count"
    echo "load average before the run: $load; Hermes.Concurrency=${HERMES_CONCURRENCY:-8}"
    echo "$bridge"
    echo "$full"
} | tee -a bench/results/vocalcom.txt
