#!/usr/bin/env bash
# Log disk use of smppd at a steady 100 msg/s with the shipped config (issue #15): smppd runs on
# 127.0.0.1 (free ports, a temp dir) with the shipped config's Log.* settings and everything
# else of that config, only the listen addresses and the paths changed; tests/bench/smpp-bench
# sends a paced load with registered_delivery=1 (so the receipts are logged too) for --duration
# seconds. Prints smppd.log's bytes per message, plain and compressed with gzip -1 (the level
# smppd's Log.Compress uses, zlib level 1), and the volume per day and per Log.RetentionDays (default
# 14) at that rate: one block to paste into the README. Loopback only; bounded (--duration plus
# at most about a minute, after the build).
#
#   scripts/log-volume.sh [BUILD_DIR] [--build-dir DIR] [--no-build] [--duration S] [--rate R]
#                         [--mode opportunity|vocalcom] [--log-level LEVEL]
#
#   BUILD_DIR   Release build to use (default build-bench, built like scripts/bench.sh does
#               unless --no-build)
#   --duration  seconds of load (default 60)
#   --rate      submit_sm per second (default 100)
#   --mode      opportunity (default): config/smppd.config, the built-in handset simulator
#               answers and makes the receipts; vocalcom: config/smppd.vocalcom.config, pushes
#               to tests/hermes-standin over HTTPS, which answers 200
#   --log-level another Log.Level than the shipped config's, for investigation
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
me="log-volume"
# shellcheck source=bench-lib.sh source-path=SCRIPTDIR
. scripts/bench-lib.sh

build_dir=build-bench
duration=60
rate=100
do_build=1
mode=opportunity
log_level=""
while (($#)); do
    case $1 in
        --build-dir) build_dir=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --duration) duration=$2; shift 2 ;;
        --rate) rate=$2; shift 2 ;;
        --mode) mode=$2; shift 2 ;;
        --log-level) log_level=$2; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        -*) echo "$me: unknown option $1" >&2; exit 64 ;;
        *) build_dir=$1; shift ;;
    esac
done
case $mode in
    opportunity) shipped=config/smppd.config; targets=(smppd smpp-bench) ;;
    vocalcom) shipped=config/smppd.vocalcom.config; targets=(smppd smpp-bench hermes-standin) ;;
    *) echo "$me: --mode opportunity|vocalcom" >&2; exit 64 ;;
esac
[[ $duration =~ ^[0-9]+$ && $duration -gt 0 ]] || { echo "$me: --duration: whole seconds" >&2; exit 64; }
shipped_level=$(shipped_setting Log.Level information "$shipped")
log_level=${log_level:-$shipped_level}
rotate_size=$(shipped_setting Log.RotateSize "10 M" "$shipped")
keep=$(shipped_setting Log.Keep 10 "$shipped")
compress=$(shipped_setting Log.Compress true "$shipped")
retention_days=$(shipped_setting Log.RetentionDays 14 "$shipped")

if ((do_build)); then
    build_release "$build_dir" "${targets[@]}"
fi
[[ $build_dir = /* ]] || build_dir=$repo/$build_dir
smppd_bin=$build_dir/bin/smppd
bench_bin=$build_dir/bin/smpp-bench
standin_bin=$build_dir/bin/hermes-standin
for t in "${targets[@]}"; do
    [[ -x $build_dir/bin/$t ]] || { echo "$me: $build_dir/bin/$t missing (build $build_dir first)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/smppd-log-volume.XXXXXX)
pids=()
trap cleanup EXIT
trap 'exit 130' INT TERM

# derive_config src dst key=value...: src with these keys' values replaced (appended when absent)
derive_config() {
    local src=$1 dst=$2
    shift 2
    awk -v overrides="$(printf '%s\n' "$@")" '
        BEGIN {
            n = split(overrides, lines, "\n")
            for (i = 1; i <= n; i++) {
                eq = index(lines[i], "=")
                if (eq > 0) value[substr(lines[i], 1, eq - 1)] = substr(lines[i], eq + 1)
            }
        }
        match($0, /<add[ \t]+key="[^"]*"/) {
            key = substr($0, RSTART, RLENGTH)
            sub(/.*key="/, "", key)
            sub(/"$/, "", key)
            if (key in value) {
                sub(/value="[^"]*"/, "value=\"" value[key] "\"")
                done[key] = 1
            }
        }
        /<\/appSettings>/ {
            for (key in value) {
                if (!(key in done)) print "    <add key=\"" key "\" value=\"" value[key] "\" />"
            }
        }
        { print }' "$src" > "$dst"
}

# log_stream: smppd.log's whole content so far, its archives first (oldest first, .gz unpacked)
log_stream() {
    local f
    while read -r f; do
        case $f in
            *.gz) gzip -dc "$work/logs/$f" ;;
            *) cat "$work/logs/$f" ;;
        esac
    done < <(find "$work/logs" -maxdepth 1 -name 'smppd.log.*' -printf '%f\n' | sort -t. -k3,3nr)
    cat "$work/logs/smppd.log"
}

mib() { # bytes -> "N MiB" or "N.NN GiB"
    awk -v b="$1" 'BEGIN{if (b >= 1024 ^ 3) printf "%.2f GiB", b / 1024 ^ 3; else printf "%.1f MiB", b / 1024 ^ 2}'
}

port=$(free_port)
overrides=(
    "Server.ListenHost=127.0.0.1" "Server.ListenPort=$port"
    "TcpServer.ListenHost=127.0.0.1" "TcpServer.ListenPort=$(free_port)"
    "Store.Path=$work/smppd.db" "Log.Directory=$work/logs" "Log.Level=$log_level"
)
if [[ $mode = vocalcom ]]; then
    start_standin "$work"
    overrides+=("UrlHermes=https://127.0.0.1:$hermes_port/sms/{campaign}" "Hermes.CaFile=$work/tls/cert.pem")
fi
derive_config "$shipped" "$work/smppd.config" "${overrides[@]}"
launch_smppd "$work/smppd.config" "$work/smppd.out" "$port"
sleep 1
before=$(log_stream | wc -c)

echo "$me: $mode mode, Log.Level $log_level, ${rate} msg/s for ${duration}s (smppd $(git rev-parse --short HEAD 2>/dev/null))"
# one session: the vocalcom config allows 2 per account; at 100 msg/s one is plenty
timeout $((duration + 60)) "$bench_bin" --port "$port" --sessions 1 --window 100 --rate "$rate" --receipts \
    --duration "$duration" --drain 30 --label log-volume > "$work/load.out" 2>&1 || true
grep -E '^  (responses|receipts|errors)' "$work/load.out" || true
result=$(grep '^RESULT' "$work/load.out" || true)
ok=$(field ok "$result")
receipts=$(field receipts_matched "$result")
if [[ -z $ok || $ok -eq 0 ]]; then
    echo "$me: the load sent nothing:" >&2
    tail -5 "$work/load.out" >&2
    exit 1
fi
sleep 2 # the async log channel writes behind
log_stream | tail -c +$((before + 1)) > "$work/load.log"
plain=$(wc -c < "$work/load.log")
packed=$(gzip -1 -c "$work/load.log" | wc -c)
archives=$(find "$work/logs" -maxdepth 1 -name 'smppd.log.*' | wc -l)
if ((archives >= keep)); then
    echo "$me: $archives archives (Log.Keep $keep): older ones may have been purged, the figure is low" >&2
fi

per_day=$((rate * 86400))
cap=$(awk -v s="$rotate_size" -v k="$keep" 'BEGIN{
    n = s + 0; u = toupper(s); m = (u ~ /G/) ? 1024 ^ 3 : (u ~ /M/) ? 1024 ^ 2 : (u ~ /K/) ? 1024 : 1
    printf "%.0f", n * m * (k + 1)}')
echo
echo "Log volume at $rate msg/s, measured with scripts/log-volume.sh ($(date -u +%Y-%m-%d), smppd $(git rev-parse --short HEAD 2>/dev/null),"
echo "$mode mode, $shipped: Log.Level=$log_level, Log.Compress=$compress; ${duration} s, $ok submit_sm with"
echo "registered_delivery=1, $receipts receipts; the load generator on the same machine):"
awk -v p="$plain" -v z="$packed" -v n="$ok" -v day="$per_day" -v days="$retention_days" -v cap="$cap" -v rate="$rate" -v compress="$compress" '
    function size(b) { return b >= 1024 ^ 3 ? sprintf("%.2f GiB", b / 1024 ^ 3) : sprintf("%.1f MiB", b / 1024 ^ 2) }
    BEGIN {
        pp = p / n; zz = z / n
        printf "  %-32s %.0f B plain, %.0f B with gzip -1 (%.1fx)\n", "smppd.log per message:", pp, zz, (z > 0 ? p / z : 0)
        printf "  %-32s %s plain, %s gzip\n", sprintf("per day (%.2f M messages):", day / 1e6), size(pp * day), size(zz * day)
        printf "  %-32s %s plain, %s gzip\n", sprintf("%d days (Log.RetentionDays):", days), size(pp * day * days), size(zz * day * days)
        kept = (compress == "true") ? zz : pp # the archives are gzipped with Log.Compress=true
        if (days == 0) # Log.RetentionDays=0: Log.Keep archives are kept, whatever their age
            printf "  Log.RotateSize x (Log.Keep + 1) caps the logs at %s: %.1f hours of them at %d msg/s\n", size(cap), cap / (kept * rate) / 3600, rate
    }'
echo "($(mib "$plain") of smppd.log written during the load; $archives archives)"
