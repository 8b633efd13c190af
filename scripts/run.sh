#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds, and runs smppd in the foreground on the shipped
# default config (OPPORTUNITY mode, SMPP on 127.0.0.1:2346, login admin / vocalcom).
#   ./scripts/run.sh             the server alone, under the launcher (watchdog)
#   ./scripts/run.sh --vocalcom  VOCALCOM mode with the Hermes stand-in (HTTPS on 127.0.0.1:8443)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build

if [[ "${1:-}" == "--vocalcom" ]]; then
    exec ./scripts/run-vocalcom.sh
fi
echo "run.sh: smppd on 127.0.0.1:2346 (system_id admin, password vocalcom); Ctrl-C stops it"
exec ./build/bin/launcher --config config/smppd.config
