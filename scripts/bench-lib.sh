# shellcheck shell=bash disable=SC2034,SC2154
# Functions shared by scripts/bench.sh and scripts/log-volume.sh (sourced from the repository's
# root, not run). The caller sets `me` (the prefix of its messages), `work` (its temp dir),
# `pids` (an array: the processes cleanup stops) and `smppd_bin`, and installs cleanup:
#   trap cleanup EXIT; trap 'exit 130' INT TERM
# (SC2034/SC2154 off: these functions set and read the callers' globals.)

# build_release dir targets...: the Release build the benchmarks measure (JOBS, default 2, jobs)
build_release() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$dir" --target "$@" -j "${JOBS:-2}" | tail -1
}

# shipped_setting key default [config]: the key's value in the shipped config (an appSettings
# <add key="..." value="..."/>, the last one if repeated), else default (smppd's own default)
shipped_setting() {
    local value
    value=$(sed -n "s/.*<add[[:space:]]\{1,\}key=\"${1//./\\.}\"[[:space:]]\{1,\}value=\"\([^\"]*\)\".*/\1/p" \
        "${3:-config/smppd.config}" | tail -1)
    echo "${value:-$2}"
}

cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for _ in $(seq 30); do # smppd stops gracefully within a few seconds
        local alive=0
        for p in "${pids[@]}"; do
            kill -0 "$p" 2>/dev/null && alive=1
        done
        ((alive)) || break
        sleep 0.1
    done
    for p in "${pids[@]}"; do
        kill -9 "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_port() { # port timeout_s [pid that must stay alive]
    local deadline=$((SECONDS + $2))
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        [[ -z ${3:-} ]] || kill -0 "$3" 2>/dev/null || return 1
        sleep 0.1
    done
}

field() { # name result_line
    sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

# Writes the page cache's dirty pages to disk. A load leaves up to gigabytes of them (the store
# files of a run without fsync, the checkpointed database); written back by the kernel during the
# next run, they would slow that run's fsyncs and take its CPU. (Measured once: the VOCALCOM full
# cycle gave 18.6k/s after the SMPP loads and 22k/s alone; but a later run of VOCALCOM alone also
# gave 18.6k/s, so on this VM the machine's own variation is as large as this effect.)
settle() {
    sync
    sleep 1
}

launch_smppd() { # config log port [prefix...]: starts smppd, waits for its SMPP port; sets launched_pid
    local config=$1 log=$2 port=$3
    shift 3
    settle
    "$@" "$smppd_bin" --config "$config" > "$log" 2>&1 &
    launched_pid=$!
    pids+=("$launched_pid")
    if ! wait_port "$port" 20 "$launched_pid"; then
        echo "$me: smppd did not listen on $port:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
}

# start_standin dir: tests/hermes-standin answering 200 over HTTPS with a fresh certificate in
# dir/tls (dir/tls/cert.pem is the CA file for smppd); sets standin_pid and hermes_port
start_standin() {
    local dir=$1
    "$standin_bin" --gen-cert "$dir/tls" --port 0 --port-file "$dir/hermes.port" --mode 200 \
        > "$dir/standin.log" 2>&1 &
    standin_pid=$!
    pids+=("$standin_pid")
    for _ in $(seq 200); do
        [[ -s $dir/hermes.port ]] && break
        kill -0 "$standin_pid" 2>/dev/null || break
        sleep 0.1
    done
    [[ -s $dir/hermes.port ]] || { echo "$me: hermes-standin did not start:" >&2; cat "$dir/standin.log" >&2; exit 1; }
    hermes_port=$(cat "$dir/hermes.port")
}

# The helpers of the SMPP loads (bench.sh, bench-compare.sh); they also use `bench_bin` and
# `log_level`.

rss_mib() { # pid
    awk '{printf "%.1f", $1 / 1024}' < <(ps -o rss= -p "$1")
}

cpu_ticks() { # pid -> utime+stime in clock ticks
    awk '{print $14 + $15}' "/proc/$1/stat"
}

ctx_switches() { # pid -> voluntary + involuntary context switches of all its threads
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/{n += $2} END{print n + 0}'
}

start_smppd() { # extra_prefix...: prints nothing, sets smppd_pid smppd_port admin_port
    smppd_port=$(free_port)
    admin_port=$(free_port)
    local bridge_port
    bridge_port=$(free_port)
    mkdir -p "$work/smppd"
    cat > "$work/smppd/smppd.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Server.ListenHost" value="127.0.0.1"/>
    <add key="Server.ListenPort" value="$smppd_port"/>
    <add key="TcpServer.ListenHost" value="127.0.0.1"/>
    <add key="TcpServer.ListenPort" value="$bridge_port"/>
    <add key="Server.MaxSessionsPerAccount" value="1000"/>
    <add key="Server.MaxConnections" value="1100"/>
    <add key="Server.DisconnectAfterLogout" value="100"/>
    <add key="Store.Path" value="${store_path:-$work/smppd/smppd.db}"/>
    <add key="Store.Synchronous" value="${store_sync:-full}"/>
    <add key="Log.Directory" value="$work/smppd/logs"/>
    <add key="Log.Level" value="${smppd_log_level:-$log_level}"/>
    <add key="Admin.ListenHost" value="127.0.0.1"/>
    <add key="Admin.ListenPort" value="$admin_port"/>
  </appSettings>
</configuration>
EOF
    launch_smppd "$work/smppd/smppd.config" "$work/smppd/stdout.log" "$smppd_port" "$@"
    smppd_pid=$launched_pid
}

# run_load name port pid args... -> RESULT line in $result, server CPU seconds in $cpu_s, the
# server's context switches (all threads) in $ctx_n
run_load() {
    local name=$1 port=$2 pid=$3
    shift 3
    local t0 t1 c0
    t0=$(cpu_ticks "$pid")
    c0=$(ctx_switches "$pid")
    "$bench_bin" --port "$port" --label "$name" "$@" > "$work/$name.out" 2>&1 || true
    t1=$(cpu_ticks "$pid")
    ctx_n=$(($(ctx_switches "$pid") - c0))
    result=$(grep '^RESULT' "$work/$name.out" || true)
    cpu_s=$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", (b - a) / hz}')
    if [[ -z $result ]]; then
        echo "bench: $name produced no result:" >&2
        tail -5 "$work/$name.out" >&2
        result="RESULT label=$name throughput=0 p50_us=0 p99_us=0 max_us=0 ok=0 receipts_matched=0 errors=0"
    fi
    printf '  %-22s %s\n' "$name" "$(grep -E '^  (responses|latency|receipts|errors)' "$work/$name.out" | tr -s ' ' | paste -sd';')"
}
