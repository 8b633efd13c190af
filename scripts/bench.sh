#!/usr/bin/env bash
# Benchmark of smppd against a reference SMPP server written with the `smpp` npm package, run
# with the same loads in the same run so the ratio holds on a noisy machine, then the two
# VOCALCOM flows against the Hermes stand-in. Loopback only, bounded (< 8 minutes with the
# defaults: about 5.75 for smpp, 0.3 to 1.5 for vocalcom depending on the machine's load).
#
#   scripts/bench.sh [--only smpp|vocalcom] [--build-dir DIR] [--duration S] [--no-build]
#                    [--hermes-concurrency N] [--bridge-count N] [--log-level LEVEL]
#                    [--profile perf|callgrind]
#
# smppd logs at the shipped config's level (Log.Level of config/smppd.config, else smppd's
# default information) in every load, as a user of that config gets it; --log-level LEVEL (a
# Log.Level value: warning, debug, ...) sets another one for all loads, for investigation.
# SMPP loads (tests/bench/smpp-bench, transceiver sessions, 20-octet GSM messages):
#   full      4 sessions, window 100, as fast as possible, --duration s (default 10)
#   cost      the full load alternating 3 times between a fresh smppd at Log.Level=warning and
#             one at the shipped level: logging costs (warning - level) / warning from the
#             medians, target <= 10%
#   half      the same paced to half of smppd's full throughput (at most 50,000/s): latency
#   receipts  full load with registered_delivery=1; receipts matched to submit_sm_resp ids
#   rss       smppd idle, then with 1,000 bound sessions (ps -o rss)
#   ceiling   the full load against smpp-null-smsc (answers, stores nothing): the load
#             generator's own limit on this machine
# VOCALCOM (smppd in Mode=VOCALCOM, tests/hermes-standin answering 200 over HTTPS):
#   bridge    bridge "send" lines on 4 connections (window 1000) -> commit -> deliver_sm to 4
#             receivers -> deliver_sm_resp; --bridge-count sends (default 200000).
#             Target >= 50,000 msg/s (deliver_sm answered, end to end).
#   cycle     submit_sm (4 sessions, window 1000, registered_delivery=1) -> commit -> HTTPS push
#             -> receipt deliver_sm -> deliver_sm_resp, --duration s of load: receipts matched
#             per second from the start of the load to the last receipt. Target >= 20,000.
#             Hermes.Concurrency is smppd's default unless --hermes-concurrency is given.
# Prints a table, writes bench/results/<UTC date>.csv (+ .txt and, for smpp, a .png plot); each
# row records the Log.Level smppd ran at. Log volume on disk: scripts/log-volume.sh.
# --profile: instead, runs smppd under perf record (or callgrind) for a short full load and
# prints the top functions.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
me=bench
# shellcheck source=bench-lib.sh source-path=SCRIPTDIR
. scripts/bench-lib.sh

build_dir=build-bench
duration=10
do_build=1
profile=""
only=""
hermes_concurrency=""
bridge_count=200000
shipped_level=$(shipped_setting Log.Level information)
log_level=$shipped_level
while (($#)); do
    case $1 in
        --only) only=$2; shift 2 ;;
        --hermes-concurrency) hermes_concurrency=$2; shift 2 ;;
        --bridge-count) bridge_count=$2; shift 2 ;;
        --build-dir) build_dir=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --log-level) log_level=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --profile) profile=${2:-perf}; shift 2 ;;
        -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
        *) echo "bench: unknown option $1" >&2; exit 64 ;;
    esac
done
case $only in
    "") do_smpp=1; do_vocalcom=1 ;;
    smpp) do_smpp=1; do_vocalcom=0 ;;
    vocalcom) do_smpp=0; do_vocalcom=1 ;;
    *) echo "bench: --only smpp|vocalcom" >&2; exit 64 ;;
esac

if ((do_build)); then
    build_release "$build_dir" smppd smpp-bench smpp-null-smsc hermes-standin bridge-bench disk-probe
fi
[[ $build_dir = /* ]] || build_dir=$repo/$build_dir
smppd_bin=$build_dir/bin/smppd
bench_bin=$build_dir/bin/smpp-bench
null_bin=$build_dir/bin/smpp-null-smsc
standin_bin=$build_dir/bin/hermes-standin
bridge_bin=$build_dir/bin/bridge-bench
probe_bin=$build_dir/bin/disk-probe
for b in "$smppd_bin" "$bench_bin" "$null_bin" "$standin_bin" "$bridge_bin" "$probe_bin"; do
    [[ -x $b ]] || { echo "bench: $b missing (build $build_dir first)" >&2; exit 1; }
done
if ((do_smpp)); then
    [[ -d tests/interop/node_modules/smpp ]] || (cd tests/interop && npm ci --no-audit --no-fund --silent)
fi

ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d /tmp/smppd-bench.XXXXXX)
pids=()
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_waiting_us() { # -> microseconds any task has waited for a CPU since boot (PSI), or empty
    awk -F'total=' '/^some/{print $2}' /proc/pressure/cpu 2>/dev/null || true
}

# cpu_pressure_percent waiting_before waiting_after wall_before_ns wall_after_ns -> share of the
# time at least one runnable task waited for a CPU (what the tail pays on 2 shared cores), or n/a
cpu_pressure_percent() {
    awk -v a="$1" -v b="$2" -v t0="$3" -v t1="$4" \
        'BEGIN{if (a == "" || b == "" || t1 <= t0) print "n/a"; else printf "%.0f", (b - a) * 1e5 / (t1 - t0)}'
}

start_null() {
    "$null_bin" 0 > "$work/null.out" 2>&1 &
    null_pid=$!
    pids+=("$null_pid")
    for _ in $(seq 50); do
        null_port=$(awk '/^listening/{print $2}' "$work/null.out")
        [[ -n $null_port ]] && return 0
        sleep 0.1
    done
    echo "bench: smpp-null-smsc did not start" >&2
    exit 1
}

start_reference() {
    node tests/bench/reference-server.js 0 > "$work/reference.out" 2>&1 &
    ref_pid=$!
    pids+=("$ref_pid")
    for _ in $(seq 50); do
        ref_port=$(awk '/^listening/{print $2}' "$work/reference.out")
        [[ -n $ref_port ]] && return 0
        sleep 0.1
    done
    echo "bench: reference server did not start" >&2
    exit 1
}

# bound_rss name port pid -> RSS (MiB) of pid while 1000 sessions are bound, in $rss
bound_rss() {
    local name=$1 port=$2 pid=$3
    "$bench_bin" --port "$port" --bind-only 1000 --duration 30 --label "$name" > "$work/$name.out" 2>&1 &
    local bpid=$!
    pids+=("$bpid")
    local deadline=$((SECONDS + 60))
    until grep -q '^BOUND' "$work/$name.out" 2>/dev/null; do
        if ((SECONDS > deadline)) || ! kill -0 "$bpid" 2>/dev/null; then
            break
        fi
        sleep 0.2
    done
    sleep 1
    rss=$(rss_mib "$pid")
    bound=$(awk '/^BOUND/{print $2}' "$work/$name.out")
    kill -TERM "$bpid" 2>/dev/null || true
    wait "$bpid" 2>/dev/null || true
    printf '  %-22s %s sessions bound, RSS %s MiB\n' "$name" "${bound:-0}" "$rss"
}

# --profile: where does smppd's time go under the full load?
run_profile() {
    local secs=$((duration < 8 ? duration : 8))
    case $profile in
        perf)
            start_smppd
            "$bench_bin" --port "$smppd_port" --sessions 4 --window 100 --duration $((secs + 2)) > "$work/load.out" 2>&1 &
            local lpid=$!
            pids+=("$lpid")
            sleep 1
            local c0 c1
            c0=$(ctx_switches "$smppd_pid")
            perf record -F 1999 -g -p "$smppd_pid" -o "$work/perf.data" -- sleep "$secs" 2> "$work/perf.err" || cat "$work/perf.err"
            wait "$lpid" || true
            c1=$(ctx_switches "$smppd_pid")
            ctx=$((c1 - c0))
            grep -E '^  (responses|latency)' "$work/load.out"
            local report=(perf report -i "$work/perf.data" --stdio -g none)
            tidy() { grep -E '^ +[0-9]' | sed -E 's/[ -]+$//' | cut -c1-160; }
            echo "--- by shared object (self time, perf, ${secs}s of full load)"
            "${report[@]}" --no-children --sort dso 2>/dev/null | tidy | head -10
            echo "--- top functions, self time"
            "${report[@]}" --no-children --sort dso,symbol --percent-limit 0.8 2>/dev/null | tidy | head -35
            echo "--- threads and context switches during the load"
            echo "  smppd threads: $(ls /proc/"$smppd_pid"/task | wc -l);" \
                "context switches per submit_sm: $(awk -v c="$ctx" -v n="$(field ok "$(grep '^RESULT' "$work/load.out")")" \
                'BEGIN{if (n > 0) printf "%.2f", c / n; else print "n/a"}')"
            echo "  (inclusive costs per function: scripts/bench.sh --profile callgrind)"
            ;;
        callgrind)
            start_smppd valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out"
            "$bench_bin" --port "$smppd_port" --sessions 4 --window 100 --duration "$secs" > "$work/load.out" 2>&1 || true
            grep -E '^  (responses|latency)' "$work/load.out"
            kill -TERM "$smppd_pid"
            wait "$smppd_pid" || true
            echo "--- top functions (inclusive, callgrind)"
            callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null \
                | grep -E '^ *[0-9,]+ \(' | sed -E 's/\(\?\?\?\)//' | cut -c1-160 | head -40
            ;;
        *) echo "bench: --profile perf|callgrind" >&2; exit 64 ;;
    esac
}

if [[ -n $profile ]]; then
    mkdir -p bench/results
    out=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-profile-$profile.txt
    # Not in a pipeline: a subshell's pids would escape the cleanup and leave smppd running.
    run_profile > >(tee "$out") 2>&1
    wait $! 2>/dev/null || true # tee has printed everything
    echo "bench: wrote $out"
    exit 0
fi

verdict() { # value op target
    awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN{ok = (op == ">=") ? (v + 0 >= t) : (v + 0 <= t); print ok ? "PASS" : "FAIL"}'
}

# store_histogram name: the cumulative buckets of smppd's histogram `name` from /metrics, one
# "le count" pair per line, then "sum <seconds>".
store_histogram() {
    curl -s --max-time 5 "http://127.0.0.1:$admin_port/metrics" \
        | sed -n "s/^$1_bucket{le=\"\([^\"]*\)\"} \(.*\)/\1 \2/p; s/^$1_sum \(.*\)/sum \1/p"
}

# histogram_profile before after: from two store_histogram snapshots, the batches between them
# and their mean, p50 and p99 ("<= bucket bound", in ms): "batches=N mean_ms=M p50_ms=A p99_ms=B"
histogram_profile() {
    awk 'NR == FNR { before[$1] = $2; next }
        $1 == "sum" { sum = $2 - before["sum"]; next }
        { le[++n] = $1; count[n] = $2 - before[$1] }
        END {
            total = count[n]
            if (total <= 0) { print "batches=0 mean_ms=n/a p50_ms=n/a p99_ms=n/a"; exit }
            for (i = 1; i <= n; i++) {
                if (p50 == "" && count[i] >= 0.5 * total) p50 = le[i]
                if (p99 == "" && count[i] >= 0.99 * total) p99 = le[i]
            }
            printf "batches=%d mean_ms=%.3f p50_ms=%s p99_ms=%s\n", total, sum * 1000 / total, \
                (p50 == "+Inf" ? p50 : p50 * 1000), (p99 == "+Inf" ? p99 : p99 * 1000)
        }' <(echo "$1") <(echo "$2")
}

run_smpp() { # the SMPP loads against smppd and the reference: sets the s_* r_* ... results
    common=(--sessions 4 --window 100 --size 20 --duration "$duration" --drain 10)
    # the floor of a durable commit on this disk: a 40 KiB write + fdatasync, alone and beside
    # a checkpoint-like writer (p50 and p99)
    disk=$("$probe_bin" "$work" | grep '^RESULT' || echo "RESULT")
    echo "  disk-probe: ${disk#RESULT }"

    # the load generator's own ceiling: the same full load against a server that does nothing
    start_null
    run_load null-full "$null_port" "$null_pid" --sessions 4 --window 100 --size 20 --duration 3
    n_full=$result
    kill "$null_pid" 2>/dev/null || true

    measure_logging_cost

    start_smppd
    start_reference
    sleep 1
    rss_idle=$(rss_mib "$smppd_pid")
    rss_idle_ref=$(rss_mib "$ref_pid")
    echo "  idle RSS: smppd $rss_idle MiB, reference $rss_idle_ref MiB"
    run_load smppd-full "$smppd_port" "$smppd_pid" "${common[@]}"
    s_full=$result; s_full_cpu=$cpu_s
    run_load ref-full "$ref_port" "$ref_pid" "${common[@]}"
    r_full=$result; r_full_cpu=$cpu_s

    s_tput=$(field throughput "$s_full")
    half=$(awk -v t="$s_tput" 'BEGIN{h = t / 2; if (h > 50000) h = 50000; if (h < 100) h = 100; printf "%d", h}')
    # where the half-load latency goes in the store: its group commits (BEGIN to the end of
    # COMMIT with its fsync) and how long each batch's oldest operation waited to be taken
    local commit_before wait_before
    commit_before=$(store_histogram smppd_store_commit_seconds)
    wait_before=$(store_histogram smppd_store_queue_wait_seconds)
    local waiting_before wall_before
    waiting_before=$(cpu_waiting_us)
    wall_before=$(date +%s%N)
    run_load smppd-half "$smppd_port" "$smppd_pid" "${common[@]}" --rate "$half"
    s_half=$result; s_half_cpu=$cpu_s
    half_pressure=$(cpu_pressure_percent "$waiting_before" "$(cpu_waiting_us)" "$wall_before" "$(date +%s%N)")
    half_commit=$(histogram_profile "$commit_before" "$(store_histogram smppd_store_commit_seconds)")
    half_wait=$(histogram_profile "$wait_before" "$(store_histogram smppd_store_queue_wait_seconds)")
    echo "  store at half load: commits $half_commit; queue wait $half_wait"
    run_load ref-half "$ref_port" "$ref_pid" "${common[@]}" --rate "$half"
    r_half=$result; r_half_cpu=$cpu_s

    run_load smppd-receipts "$smppd_port" "$smppd_pid" "${common[@]}" --receipts
    s_rcpt=$result
    run_load ref-receipts "$ref_port" "$ref_pid" "${common[@]}" --receipts
    r_rcpt=$result

    # smppd gives the memory a burst freed back to the OS in the first quiet 5 s interval after
    # it (Jobs::memoryPass): measure once that has had its chance, as a user would see it.
    sleep 11
    rss_after=$(rss_mib "$smppd_pid")
    bound_rss smppd-1000-sessions "$smppd_port" "$smppd_pid"
    s_rss1000=$rss; s_bound=$bound
    bound_rss ref-1000-sessions "$ref_port" "$ref_pid"
    r_rss1000=$rss; r_bound=$bound

    # where the durable commit goes: the same full load with the store in memory (not durable)
    kill "$smppd_pid" 2>/dev/null || true
    wait "$smppd_pid" 2>/dev/null || true
    store_path=":memory:" start_smppd
    run_load smppd-full-memstore "$smppd_port" "$smppd_pid" "${common[@]}"
    m_full=$result
    # and the half-load latency without the disk: what the software path alone costs
    run_load smppd-half-memstore "$smppd_port" "$smppd_pid" "${common[@]}" --rate "$half"
    m_half=$result

    # durable against a process crash but not a power loss: Store.Synchronous=normal (no fsync per
    # commit), full load and half-load latency
    kill "$smppd_pid" 2>/dev/null || true
    wait "$smppd_pid" 2>/dev/null || true
    rm -rf "$work/smppd/smppd.db"*
    store_sync=normal start_smppd
    run_load smppd-full-syncnormal "$smppd_port" "$smppd_pid" "${common[@]}"
    nf_full=$result
    run_load smppd-half-syncnormal "$smppd_port" "$smppd_pid" "${common[@]}" --rate 50000
    nf_half=$result
    kill "$smppd_pid" "$ref_pid" 2>/dev/null || true
    wait "$smppd_pid" "$ref_pid" 2>/dev/null || true
}

# level_label: how the table names the level smppd ran at
level_label() {
    if [[ $log_level = "$shipped_level" ]]; then
        echo "shipped level=$log_level"
    else
        echo "Log.Level=$log_level by --log-level; shipped $shipped_level"
    fi
}

# measure_logging_cost: what logging at $log_level costs. The full load alternates between a
# fresh smppd at Log.Level=warning (the level earlier benchmarks used) and one at $log_level,
# $cost_rounds times, and each level's median throughput is kept: on this machine one pair of
# runs differs by +-5% from the next, as much as the cost itself. Sets w_tput and l_tput.
cost_rounds=3
measure_logging_cost() {
    local warning=() level=() i
    for ((i = 1; i <= cost_rounds; i++)); do
        smppd_log_level=warning start_smppd
        sleep 1
        run_load "smppd-full-warning-$i" "$smppd_port" "$smppd_pid" "${common[@]}"
        warning+=("$(field throughput "$result")")
        stop_bench_smppd
        start_smppd
        sleep 1
        run_load "smppd-full-$log_level-$i" "$smppd_port" "$smppd_pid" "${common[@]}"
        level+=("$(field throughput "$result")")
        stop_bench_smppd
    done
    w_tput=$(median "${warning[@]}")
    l_tput=$(median "${level[@]}")
    w_runs="${warning[*]}" l_runs="${level[*]}"
}

stop_bench_smppd() {
    kill "$smppd_pid" 2>/dev/null || true
    wait "$smppd_pid" 2>/dev/null || true
    rm -rf "$work/smppd"
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END{print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# logging_cost: the full throughput lost to logging at $log_level, in % of the warning-level one
logging_cost() {
    awk -v s="$l_tput" -v w="$w_tput" 'BEGIN{if (w > 0) printf "%.1f", (w - s) * 100 / w; else print "n/a"}'
}

# The CSV rows carry the Log.Level smppd ran at as a 7th field; with_level adds $log_level to
# the rows that do not give one ("-": a row that does not measure smppd).
with_level() {
    awk -F, -v level="$log_level" 'NF == 6 { $0 = $0 "," level } { print }'
}

smpp_rows() { # the CSV rows of run_smpp
    r_tput=$(field throughput "$r_full")
    cost=$(logging_cost)
    cost_verdict=n/a cost_met="NOT met"
    [[ $cost = n/a ]] || cost_verdict=$(verdict "$cost" "<=" 10)
    [[ $cost_verdict != PASS ]] || cost_met=met
    ratio=$(awk -v a="$s_tput" -v b="$r_tput" 'BEGIN{if (b > 0) printf "%.1f", a / b; else print "n/a"}')
    s_cpu_us=$(awk -v c="$s_full_cpu" -v n="$(field ok "$s_full")" 'BEGIN{if (n > 0) printf "%.2f", c * 1e6 / n; else print "n/a"}')
    r_cpu_us=$(awk -v c="$r_full_cpu" -v n="$(field ok "$r_full")" 'BEGIN{if (n > 0) printf "%.2f", c * 1e6 / n; else print "n/a"}')
    echo "full submit->resp throughput (4 sessions window 100; $(level_label)),msg/s,$s_tput,$r_tput,>=100000,$(verdict "$s_tput" ">=" 100000)"
    echo "full throughput at Log.Level=warning: median of $cost_rounds (${w_runs// / / }),msg/s,$w_tput,,,,warning"
    echo "full throughput at Log.Level=$log_level: median of $cost_rounds (${l_runs// / / }),msg/s,$l_tput,,,,$log_level"
    echo "logging cost at Log.Level=$log_level: % of the warning-level full throughput,%,$cost,,<=10,$cost_verdict,$log_level vs warning"
    echo "ratio smppd / npm reference,x,$ratio,1,>=5,$(verdict "$ratio" ">=" 5)"
    echo "load generator ceiling (vs smpp-null-smsc),msg/s,$(field throughput "$n_full"),,,,-"
    echo "full throughput with Store.Path=:memory: (not durable),msg/s,$(field throughput "$m_full"),,,"
    echo "full throughput with Store.Synchronous=normal (survives SIGKILL not power loss),msg/s,$(field throughput "$nf_full"),,>=100000,$(verdict "$(field throughput "$nf_full")" ">=" 100000)"
    echo "p99 latency at 50000 msg/s (half the target) with Store.Synchronous=normal,us,$(field p99_us "$nf_half"),,<=2000,$(verdict "$(field p99_us "$nf_half")" "<=" 2000)"
    echo "full load p50 latency,us,$(field p50_us "$s_full"),$(field p50_us "$r_full"),,"
    echo "full load p99 latency,us,$(field p99_us "$s_full"),$(field p99_us "$r_full"),,"
    echo "server CPU per message (full load),us,$s_cpu_us,$r_cpu_us,,"
    echo "store disk: 40 KiB write + fdatasync p50 / p99 (alone),ms,$(field alone_p50_ms "$disk") / $(field alone_p99_ms "$disk"),,,,-"
    echo "store disk: the same beside a checkpoint-like writer p50 / p99,ms,$(field shared_p50_ms "$disk") / $(field shared_p99_ms "$disk"),,,,-"
    echo "half load rate,msg/s,$half,$half,,"
    echo "half load achieved,msg/s,$(field throughput "$s_half"),$(field throughput "$r_half"),,"
    echo "half load p50 latency,us,$(field p50_us "$s_half"),$(field p50_us "$r_half"),,"
    echo "half load p99 latency,us,$(field p99_us "$s_half"),$(field p99_us "$r_half"),<=2000,$(verdict "$(field p99_us "$s_half")" "<=" 2000)"
    echo "half load max latency,us,$(field max_us "$s_half"),$(field max_us "$r_half"),,"
    echo "half load p99 latency with Store.Path=:memory: (no disk; not durable),us,$(field p99_us "$m_half"),,,"
    echo "server CPU per message (half load),us,$(per_message_us "$s_half_cpu" "$(field ok "$s_half")"),$(per_message_us "$r_half_cpu" "$(field ok "$r_half")"),,"
    echo "half load CPU pressure (share of time a runnable task waited for a CPU),%,$half_pressure,,,"
    echo "half load store group commits (BEGIN..COMMIT with fsync) mean / p50 / p99 (bucket bound),ms,$(field mean_ms " $half_commit") / $(field p50_ms " $half_commit") / $(field p99_ms " $half_commit"),,,"
    echo "half load store queue wait of a batch's oldest operation mean / p50 / p99 (bucket bound),ms,$(field mean_ms " $half_wait") / $(field p50_ms " $half_wait") / $(field p99_ms " $half_wait"),,,"
    echo "half load store group commits,count,$(field batches " $half_commit"),,,"
    echo "receipts run throughput,msg/s,$(field throughput "$s_rcpt"),$(field throughput "$r_rcpt"),,"
    echo "receipts matched / submitted ok,count,$(field receipts_matched "$s_rcpt")/$(field ok "$s_rcpt"),$(field receipts_matched "$r_rcpt")/$(field ok "$r_rcpt"),all,"
    echo "duplicate receipts,count,$(field receipts_duplicate "$s_rcpt"),$(field receipts_duplicate "$r_rcpt"),0,$(verdict "$(field receipts_duplicate "$s_rcpt")" "<=" 0)"
    echo "submit errors (all runs),count,$(($(field errors "$s_full") + $(field errors "$s_half") + $(field errors "$s_rcpt"))),$(($(field errors "$r_full") + $(field errors "$r_half") + $(field errors "$r_rcpt"))),0,"
    echo "RSS idle (after start),MiB,$rss_idle,$rss_idle_ref,<=30,$(verdict "$rss_idle" "<=" 30)"
    echo "RSS idle (after the loads),MiB,$rss_after,,,"
    echo "RSS with 1000 bound sessions,MiB,$s_rss1000,$r_rss1000,<=150,$(verdict "$s_rss1000" "<=" 150)"
    echo "sessions bound for the RSS run,count,${s_bound:-0},${r_bound:-0},1000,$(verdict "${s_bound:-0}" ">=" 1000)"
}

# ---- VOCALCOM: smppd in Mode=VOCALCOM pushing to the Hermes stand-in over HTTPS
start_vocalcom() { # sets standin_pid vocalcom_pid v_smpp_port v_bridge_port
    local dir=$work/vocalcom
    mkdir -p "$dir"
    start_standin "$dir"
    v_smpp_port=$(free_port)
    v_bridge_port=$(free_port)
    local concurrency_key=""
    [[ -z $hermes_concurrency ]] || concurrency_key="<add key=\"Hermes.Concurrency\" value=\"$hermes_concurrency\"/>"
    cat > "$dir/smppd.config" <<CFG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Mode" value="VOCALCOM"/>
    <add key="Server.ListenHost" value="127.0.0.1"/>
    <add key="Server.ListenPort" value="$v_smpp_port"/>
    <add key="Server.MaxSessionsPerAccount" value="16"/>
    <add key="Server.WindowSize" value="5000"/>
    <add key="UrlHermes" value="https://127.0.0.1:$hermes_port/sms/{campaign}"/>
    <add key="Hermes.CaFile" value="$dir/tls/cert.pem"/>
    $concurrency_key
    <add key="TcpServer.ListenHost" value="127.0.0.1"/>
    <add key="TcpServer.ListenPort" value="$v_bridge_port"/>
    <add key="Store.Path" value="$dir/smppd.db"/>
    <add key="Log.Directory" value="$dir/logs"/>
    <add key="Log.Level" value="$log_level"/>
  </appSettings>
</configuration>
CFG
    launch_smppd "$dir/smppd.config" "$dir/smppd.out" "$v_smpp_port"
    vocalcom_pid=$launched_pid
}

# per_message_us cpu_seconds messages -> microseconds of server CPU per message
per_message_us() {
    awk -v c="$1" -v n="$2" 'BEGIN{if (n > 0) printf "%.2f", c * 1e6 / n; else print "n/a"}'
}

run_vocalcom() { # sets v_bridge v_full (RESULT lines), v_*_cpu, v_concurrency
    start_vocalcom
    v_concurrency=${hermes_concurrency:-default}
    local hz t0 t1
    hz=$(getconf CLK_TCK)
    # The bridge run first: the receipts of the full cycle would reach its receivers (same account).
    t0=$(cpu_ticks "$vocalcom_pid")
    "$bridge_bin" --bridge-port "$v_bridge_port" --smpp-port "$v_smpp_port" --count "$bridge_count" \
        --connections 4 --window 1000 --receivers 4 --drain 30 > "$work/vocalcom-bridge.out" 2>&1 || true
    t1=$(cpu_ticks "$vocalcom_pid")
    v_bridge=$(grep '^RESULT' "$work/vocalcom-bridge.out" || echo "RESULT bridge_commits_per_s=0 deliver_sm_per_s=0 sent=0 ok=0 delivered=0")
    v_bridge_cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN{printf "%.2f", (b - a) / hz}')
    printf '  %-22s %s\n' vocalcom-bridge "$(grep -E '^(bridge|deliver_sm):' "$work/vocalcom-bridge.out" | paste -sd';')"
    t0=$(cpu_ticks "$vocalcom_pid")
    "$bench_bin" --port "$v_smpp_port" --sessions 4 --window 1000 --receipts --duration "$duration" \
        --drain 30 --label vocalcom-full-cycle > "$work/vocalcom-cycle.out" 2>&1 || true
    t1=$(cpu_ticks "$vocalcom_pid")
    v_full=$(grep '^RESULT' "$work/vocalcom-cycle.out" || echo "RESULT label=vocalcom-full-cycle throughput=0 ok=0 receipts_matched=0 receipts_per_s=0 errors=0")
    v_full_cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN{printf "%.2f", (b - a) / hz}')
    printf '  %-22s %s\n' vocalcom-full-cycle "$(grep -E '^  (responses|receipts|errors)' "$work/vocalcom-cycle.out" | tr -s ' ' | paste -sd';')"
    kill "$vocalcom_pid" "$standin_pid" 2>/dev/null || true
    wait "$vocalcom_pid" "$standin_pid" 2>/dev/null || true
}

vocalcom_rows() { # the CSV rows of run_vocalcom
    local cycle bridge
    cycle=$(field receipts_per_s "$v_full")
    bridge=$(field deliver_sm_per_s "$v_bridge")
    echo "VOCALCOM full cycle submit_sm->HTTPS push->receipt acked (4 sessions window 1000; receipts/s from load start to last receipt),msg/s,$cycle,,>=20000,$(verdict "$cycle" ">=" 20000)"
    echo "VOCALCOM full cycle: submit_sm_resp rate during the load,msg/s,$(field throughput "$v_full"),,,"
    echo "VOCALCOM full cycle: receipts matched / submitted ok (duplicates),count,$(field receipts_matched "$v_full")/$(field ok "$v_full") ($(field receipts_duplicate "$v_full")),,all (0),"
    echo "VOCALCOM full cycle: smppd CPU per message,us,$(per_message_us "$v_full_cpu" "$(field receipts_matched "$v_full")"),,,"
    echo "VOCALCOM bridge send->deliver_sm->deliver_sm_resp (4 connections window 1000; 4 receivers),msg/s,$bridge,,>=50000,$(verdict "$bridge" ">=" 50000)"
    echo "VOCALCOM bridge: ok:true replies (commits),msg/s,$(field bridge_commits_per_s "$v_bridge"),,,"
    echo "VOCALCOM bridge: delivered / sent,count,$(field delivered "$v_bridge")/$(field sent "$v_bridge"),,all,"
    echo "VOCALCOM bridge: smppd CPU per message,us,$(per_message_us "$v_bridge_cpu" "$(field delivered "$v_bridge")"),,,"
    echo "VOCALCOM Hermes.Concurrency,count,$v_concurrency,,,"
}

plot_smpp() { # throughput of the three SMPP loads, and the half-load latencies, smppd vs reference
# plot: throughput of the three loads, and the half-load latencies, smppd vs reference
{
    echo "# load smppd reference"
    echo "full $s_tput $r_tput"
    echo "half-rate $(field throughput "$s_half") $(field throughput "$r_half")"
    echo "receipts $(field throughput "$s_rcpt") $(field throughput "$r_rcpt")"
} > "$work/tput.dat"
{
    echo "# percentile smppd_ms reference_ms"
    for p in p50 p99 max; do
        echo "$p $(awk -v a="$(field ${p}_us "$s_half")" -v b="$(field ${p}_us "$r_half")" 'BEGIN{printf "%.3f %.3f", a / 1000, b / 1000}')"
    done
} > "$work/lat.dat"
if command -v gnuplot >/dev/null; then
    gnuplot <<EOF || echo "bench: gnuplot failed"
set terminal pngcairo size 1200,500 noenhanced
set output "$png"
set multiplot layout 1,2 title "smppd vs npm smpp reference server, $stamp (4 sessions, window 100, loopback, 2 cores)"
set style data histograms
set style histogram cluster gap 1
set style fill solid 0.8 border -1
set grid ytics
set key top right
set title "submit_sm -> submit_sm_resp throughput"
set ylabel "msg/s"
set yrange [0:*]
plot "$work/tput.dat" using 2:xtic(1) title "smppd", '' using 3 title "npm reference"
set key top left
set title "latency at half load ($half msg/s); target p99 <= 2 ms"
set ylabel "ms (log)"
set logscale y
set yrange [0.01:*]
plot "$work/lat.dat" using 2:xtic(1) title "smppd", '' using 3 title "npm reference", 2 with lines dt 2 lc rgb "red" title "2 ms"
unset multiplot
EOF
    [[ -f $png ]] && echo "bench: wrote $csv, $txt, $png"
else
    echo "bench: wrote $csv, $txt (gnuplot missing: no plot)"
fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: smppd $(git rev-parse --short HEAD 2>/dev/null), $(nproc) cores, duration ${duration}s, Log.Level $log_level" \
    "(shipped $shipped_level), load average $load_before"
if ((do_smpp)); then
    run_smpp
fi
if ((do_vocalcom)); then
    rm -rf "$work/smppd"
    echo "bench: VOCALCOM (Hermes stand-in over HTTPS), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    run_vocalcom
fi

# ---- table, CSV, plot
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results
csv=bench/results/$stamp.csv
txt=bench/results/$stamp.txt
png=bench/results/$stamp.png
{
    echo "metric,unit,smppd,reference,target,verdict,smppd Log.Level"
    if ((do_smpp)); then
        smpp_rows
    fi
    if ((do_vocalcom)); then
        vocalcom_rows
    fi
} > "$work/rows.csv"
with_level < "$work/rows.csv" > "$csv"

{
    echo "smppd benchmark $stamp${only:+ (--only $only)} ($(nproc) cores, load generator on the same machine, loopback;" \
        "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    column -t -s, -o ' | ' "$csv"
    if ((do_smpp)); then
        echo
        echo "full, medians of $cost_rounds alternating runs: $l_tput msg/s at Log.Level=$log_level ($l_runs)," \
            "$w_tput msg/s at warning ($w_runs);" \
            "logging cost: $cost% of the warning-level throughput; target <= 10%: $cost_met"
    fi
} | tee "$txt"

if ((do_smpp)); then
    plot_smpp
else
    echo "bench: wrote $csv, $txt"
fi
