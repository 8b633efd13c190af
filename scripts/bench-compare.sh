#!/usr/bin/env bash
# Old against new in the same run (issue #16's targets): smppd built at a baseline revision and
# smppd built from this work tree, both Release at the shipped config's Log.Level, take the same
# SMPP loads in alternation, --rounds times, and the table gives the medians. Per store setting
# (Store.Synchronous=full, normal, and Store.Path=:memory:), on a fresh smppd each time:
#   full   4 transceiver sessions, window 100, as fast as possible, --duration s: msg/s
#   half   the same paced to 50,000 msg/s: p99 latency, smppd's CPU and context switches per
#          submit_sm (all its threads)
# The disk's own commit latency (disk-probe) is printed first: the floor of a durable p99.
# Loopback only; about 4 minutes with the defaults once both are built.
#
#   scripts/bench-compare.sh [--baseline REV] [--rounds N] [--duration S] [--no-build]
#
# The default baseline, 5f9f44f, is the last revision before the event loop (a thread per
# session, the store's answer thread). Its build is kept in /tmp/smppd-baseline-<rev>.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
me=bench-compare
# shellcheck source=bench-lib.sh source-path=SCRIPTDIR
. scripts/bench-lib.sh

baseline=5f9f44f
rounds=3
duration=8
do_build=1
rate=50000
while (($#)); do
    case $1 in
        --baseline) baseline=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "$me: unknown option $1" >&2; exit 64 ;;
    esac
done
log_level=$(shipped_setting Log.Level information)
base_rev=$(git rev-parse --short "$baseline")
base_src=/tmp/smppd-baseline-$base_rev
if ((do_build)); then
    build_release build-bench smppd smpp-bench disk-probe
    [[ -d $base_src ]] || git worktree add --detach "$base_src" "$base_rev" >/dev/null
    (cd "$base_src" && build_release build smppd)
fi
new_bin=$repo/build-bench/bin/smppd
old_bin=$base_src/build/bin/smppd
bench_bin=$repo/build-bench/bin/smpp-bench
probe_bin=$repo/build-bench/bin/disk-probe
for b in "$new_bin" "$old_bin" "$bench_bin" "$probe_bin"; do
    [[ -x $b ]] || { echo "$me: $b missing (run without --no-build)" >&2; exit 1; }
done
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d /tmp/smppd-compare.XXXXXX)
pids=()
trap cleanup EXIT
trap 'exit 130' INT TERM

common=(--sessions 4 --window 100 --size 20 --duration "$duration" --drain 10)
declare -A values # "<version> <store> <figure>" -> the rounds' values, space-separated

note() { values["$1 $2 $3"]+="$4 "; }

per_message() { # total count -> total / count, 2 decimals (n/a when nothing was answered)
    awk -v t="$1" -v n="$2" 'BEGIN{if (n > 0) printf "%.2f", t / n; else print "n/a"}'
}

# measure version store: one fresh smppd, its full load then its half load
measure() {
    local version=$1 store=$2 store_path store_sync
    smppd_bin=$([[ $version = old ]] && echo "$old_bin" || echo "$new_bin")
    rm -rf "$work/smppd"
    case $store in
        memory) store_path=":memory:" store_sync=full ;;
        *) store_path="" store_sync=$store ;;
    esac
    # shellcheck disable=SC2119 # start_smppd's arguments are a command prefix: none here
    store_path=$store_path store_sync=$store_sync start_smppd
    run_load "$version-$store-full" "$smppd_port" "$smppd_pid" "${common[@]}"
    note "$version" "$store" throughput "$(field throughput "$result")"
    run_load "$version-$store-half" "$smppd_port" "$smppd_pid" "${common[@]}" --rate "$rate"
    local ok
    ok=$(field ok "$result")
    note "$version" "$store" p99_us "$(field p99_us "$result")"
    note "$version" "$store" cpu_us "$(per_message "$(awk -v s="$cpu_s" 'BEGIN{print s * 1e6}')" "$ok")"
    note "$version" "$store" ctx "$(per_message "$ctx_n" "$ok")"
    note "$version" "$store" threads "$(find /proc/"$smppd_pid"/task -mindepth 1 -maxdepth 1 | wc -l)"
    kill "$smppd_pid" 2>/dev/null || true
    wait "$smppd_pid" 2>/dev/null || true
}

median() { # "v1 v2 ..." -> their median
    local -a v
    read -ra v <<<"$1"
    printf '%s\n' "${v[@]}" | sort -g | awk '{v[NR] = $1} END{print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

echo "$me: baseline $base_rev against $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes'), Log.Level=$log_level, $rounds rounds of $duration s"
disk=$("$probe_bin" "$work" | grep '^RESULT' || echo "RESULT")
echo "  disk-probe: ${disk#RESULT }"
for store in full normal memory; do
    for round in $(seq "$rounds"); do
        # alternate which goes first, so that neither always runs on a warmer machine
        if ((round % 2)); then order="old new"; else order="new old"; fi
        for version in $order; do
            measure "$version" "$store"
        done
    done
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results
out=bench/results/compare-$stamp.txt
{
    echo "# $me $stamp on $(nproc) cores: baseline $base_rev (old) against $(git rev-parse --short HEAD) (new), Log.Level=$log_level"
    echo "# medians of $rounds rounds; full = 4 sessions, window 100, as fast as possible; half = the same at $rate msg/s"
    echo "# disk-probe: ${disk#RESULT }"
    printf '%-8s %-22s %10s %10s %8s   %s\n' store figure old new target "rounds old | new"
    for store in full normal memory; do
        for figure in throughput p99_us cpu_us ctx threads; do
            case "$store $figure" in
                "full throughput" | "normal throughput" | "memory throughput") target=">=old" ;;
                "memory p99_us") target="<=1000" ;;
                "normal p99_us") target="<=2000" ;;
                "full p99_us") target="<=4000" ;;
                *" cpu_us") target="<=8" ;;
                *" ctx") target="<=0.3" ;;
                *" threads") target="<32" ;;
                *) target="" ;;
            esac
            printf '%-8s %-22s %10s %10s %8s   %s| %s\n' "$store" "$figure" \
                "$(median "${values["old $store $figure"]}")" "$(median "${values["new $store $figure"]}")" \
                "$target" "${values["old $store $figure"]}" "${values["new $store $figure"]}"
        done
    done
} | tee "$out"
echo "$me: wrote $out"
