#!/usr/bin/env bash
# Installs smppd as a systemd service: binaries to /opt/smppd/bin, the config to
# /etc/smppd/smppd.config (kept if present), data to /var/lib/smppd, logs to /var/log/smppd,
# a system user `smppd`, and the unit scripts/install/linux/smppd.service.
#
#   sudo scripts/install/linux/install.sh [BUILD_DIR]     (default BUILD_DIR: build)
#   sudo scripts/install/linux/install.sh --uninstall      (keeps config, data and logs)
#   DRY_RUN=1 scripts/install/linux/install.sh             (prints the commands, changes nothing)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
prefix=/opt/smppd
etc=/etc/smppd
data=/var/lib/smppd
logs=/var/log/smppd
unit=/etc/systemd/system/smppd.service

run() {
    if [[ -n "${DRY_RUN:-}" ]]; then
        printf 'would run:'
        printf ' %q' "$@"
        printf '\n'
    else
        "$@"
    fi
}

need_root() {
    if [[ -z "${DRY_RUN:-}" && $(id -u) -ne 0 ]]; then
        echo "install.sh: run as root (or DRY_RUN=1 to see what it would do)" >&2
        exit 1
    fi
}

uninstall() {
    need_root
    run systemctl disable --now smppd.service || true
    run rm -f "$unit"
    run systemctl daemon-reload
    run rm -rf "$prefix"
    echo "install.sh: removed the service and $prefix; kept $etc, $data, $logs and user smppd"
}

install_files() {
    local build=$1
    for exe in launcher smppd; do
        [[ -x "$build/bin/$exe" ]] || { echo "install.sh: $build/bin/$exe missing (build first)" >&2; exit 1; }
    done
    if ! id smppd >/dev/null 2>&1; then
        run useradd --system --home-dir "$data" --shell /usr/sbin/nologin --user-group smppd
    fi
    run install -d -m 0755 "$prefix/bin" "$prefix/docs"
    run install -m 0755 "$build/bin/launcher" "$build/bin/smppd" "$prefix/bin/"
    if [[ -f "$repo/../shared/docs/architecture.md" ]]; then
        run install -m 0644 "$repo/../shared/docs/architecture.md" "$prefix/docs/"
    fi
    run install -d -m 0750 -o smppd -g smppd "$data" "$logs"
    run install -d -m 0750 -g smppd "$etc"
    if [[ ! -f "$etc/smppd.config" ]]; then
        # Paths in the shipped sample are relative to the config's folder: point them at
        # /var/lib and /var/log with sed so the service can write them.
        run install -m 0640 -g smppd "$repo/config/smppd.config" "$etc/smppd.config"
        run sed -i \
            -e "s|key=\"Store.Path\" value=\"[^\"]*\"|key=\"Store.Path\" value=\"$data/smppd.db\"|" \
            -e "s|key=\"Log.Directory\" value=\"[^\"]*\"|key=\"Log.Directory\" value=\"$logs\"|" \
            "$etc/smppd.config"
    fi
    run install -m 0644 "$repo/scripts/install/linux/smppd.service" "$unit"
}

main() {
    if [[ "${1:-}" == "--uninstall" ]]; then
        uninstall
        return
    fi
    need_root
    local build=${1:-$repo/build}
    install_files "$build"
    run systemctl daemon-reload
    run systemctl enable --now smppd.service
    echo "install.sh: installed; check with: systemctl status smppd; tail $logs/launcher.log"
}

main "$@"
