#!/usr/bin/env bash
# Many idle sessions (issue #16): smppd (Release, the shipped config's Log.Level) with 10 accounts
# of 1,000 sessions each; 10 smpp-bench processes bind 10,000 transceivers and hold them. Prints
# smppd's RSS and threads idle, with the sessions bound, and 2 s and 11 s after a full load run
# meanwhile (4 more sessions, window 100, --duration s). Loopback only, < 2 minutes.
#
#   scripts/bench-sessions.sh [--build-dir DIR] [--no-build] [--sessions N] [--duration S]
set -euo pipefail
cd "$(dirname "$0")/.."
me=bench-sessions
# shellcheck source=bench-lib.sh source-path=SCRIPTDIR
. scripts/bench-lib.sh

build_dir=build-bench
do_build=1
sessions=10000
duration=6
while (($#)); do
    case $1 in
        --build-dir) build_dir=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --sessions) sessions=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "$me: unknown option $1" >&2; exit 64 ;;
    esac
done
((do_build)) && build_release "$build_dir" smppd smpp-bench
[[ $build_dir = /* ]] || build_dir=$(pwd)/$build_dir
smppd_bin=$build_dir/bin/smppd
accounts=$(((sessions + 999) / 1000))
ulimit -n "$(ulimit -Hn)"
if (($(ulimit -n) < sessions + 200)); then
    echo "$me: the fd limit ($(ulimit -n)) is below $sessions sessions" >&2
    exit 1
fi
work=$(mktemp -d /tmp/smppd-sessions.XXXXXX)
pids=()
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(free_port)
{
    echo "<accounts>"
    for ((a = 0; a < accounts; a++)); do
        echo "  <account systemId=\"load$a\" password=\"pw\" maxSessions=\"1000\"/>"
    done
    echo "  <account systemId=\"bench\" password=\"pw\" maxSessions=\"8\"/>"
    echo "</accounts>"
} > "$work/accounts.xml"
cat > "$work/smppd.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Server.ListenHost" value="127.0.0.1"/>
    <add key="Server.ListenPort" value="$port"/>
    <add key="TcpServer.ListenHost" value="127.0.0.1"/>
    <add key="TcpServer.ListenPort" value="$(free_port)"/>
    <add key="Admin.ListenHost" value="127.0.0.1"/>
    <add key="Admin.ListenPort" value="$(free_port)"/>
    <add key="Accounts.File" value="$work/accounts.xml"/>
    <add key="Server.MaxConnections" value="$((sessions + 100))"/>
    <add key="Store.Path" value="$work/smppd.db"/>
    <add key="Log.Directory" value="$work/logs"/>
    <add key="Log.Level" value="$(shipped_setting Log.Level information)"/>
  </appSettings>
</configuration>
EOF
launch_smppd "$work/smppd.config" "$work/smppd.out" "$port"
pid=$launched_pid
rss() { awk '{printf "%.1f", $1 / 1024}' < <(ps -o rss= -p "$pid"); }
threads() { ls "/proc/$pid/task" | wc -l; }
report() { printf '  %-34s RSS %7s MiB, %3s threads\n' "$1" "$(rss)" "$(threads)"; }

echo "$me: smppd $(git rev-parse --short HEAD), $sessions sessions over $accounts accounts, Log.Level=$(shipped_setting Log.Level information)"
report "idle"
hold=$((duration + 40))
for ((a = 0; a < accounts; a++)); do
    n=$((sessions - a * 1000 < 1000 ? sessions - a * 1000 : 1000))
    "$build_dir/bin/smpp-bench" --port "$port" --system-id "load$a" --password pw \
        --bind-only "$n" --duration "$hold" > "$work/bind$a.out" 2>&1 &
    pids+=("$!")
done
deadline=$((SECONDS + 60))
until (($(cat "$work"/bind*.out 2>/dev/null | grep -c '^BOUND') == accounts)); do
    ((SECONDS < deadline)) || { echo "$me: not every session bound within 60 s" >&2; break; }
    sleep 0.5
done
bound=$(awk '/^BOUND/{n += $2} END{print n + 0}' "$work"/bind*.out)
sleep 2
report "$bound sessions bound"
before=$(rss)
"$build_dir/bin/smpp-bench" --port "$port" --system-id bench --password pw --sessions 4 \
    --window 100 --duration "$duration" > "$work/load.out" 2>&1 || true
echo "  full load meanwhile: $(grep -E '^  responses' "$work/load.out" | tr -s ' ')"
sleep 2
report "2 s after the load"
# smppd gives back what a burst left (the store's page cache, the allocator's free pages) in
# the first quiet 5 s interval after it (Jobs::memoryPass): measured once that has had its chance.
sleep 9
report "11 s after the load"
after=$(rss)
awk -v b="$before" -v a="$after" \
    'BEGIN{printf "  RSS 11 s after the load / before it: %.2f (target <= 1.20)\n", a / b}'
