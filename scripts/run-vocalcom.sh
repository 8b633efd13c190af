#!/usr/bin/env bash
# VOCALCOM demo (called by `./scripts/run.sh --vocalcom` after setup and build): the Hermes
# stand-in on https://127.0.0.1:8443 (self-signed certificate made here) and smppd in VOCALCOM
# mode under the launcher, everything on loopback, state in build/vocalcom-demo/.
#   SMPP clients:  127.0.0.1:2346, system_id admin, password vocalcom
#                  submit_sm to any campaign number -> pushed to the stand-in -> DELIVRD receipt
#   Hermes plugin: JSON lines on 127.0.0.1:18182 -> deliver_sm to your bound RX/TRX session
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
demo="$build/vocalcom-demo"
mkdir -p "$demo"
demo=$(cd "$demo" && pwd)

standin="$build/bin/hermes-standin"
[[ -x "$standin" ]] || { echo "run-vocalcom: $standin not built"; exit 1; }

"$standin" --host 127.0.0.1 --port 8443 --gen-cert "$demo/hermes-tls" \
    --record "$demo/hermes-pushes.jsonl" --mode 200 > "$demo/hermes-standin.log" 2>&1 &
standin_pid=$!
trap 'kill "$standin_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q listening "$demo/hermes-standin.log" 2>/dev/null && break
    kill -0 "$standin_pid" 2>/dev/null || { cat "$demo/hermes-standin.log"; exit 1; }
    sleep 0.1
done

# The shipped VOCALCOM config, pointed at the stand-in and its certificate, loopback only.
sed -e "s|key=\"Hermes.CaFile\" value=\"[^\"]*\"|key=\"Hermes.CaFile\" value=\"$demo/hermes-tls/cert.pem\"|" \
    -e 's|key="UrlHermes" value="[^"]*"|key="UrlHermes" value="https://127.0.0.1:8443/hermes/sms/{campaign}"|' \
    -e 's|key="Server.ListenHost" value="[^"]*"|key="Server.ListenHost" value="127.0.0.1"|' \
    -e 's|key="TcpServer.ListenHost" value="[^"]*"|key="TcpServer.ListenHost" value="127.0.0.1"|' \
    config/smppd.vocalcom.config > "$demo/smppd.config"

cat <<INFO
run-vocalcom: Hermes stand-in  https://127.0.0.1:8443  (pushes recorded in $demo/hermes-pushes.jsonl)
              smppd VOCALCOM   SMPP 127.0.0.1:2346 (admin / vocalcom), bridge 127.0.0.1:18182
  watch pushes:      tail -f $demo/hermes-pushes.jsonl
  Hermes answers:    curl -sk -X POST 'https://127.0.0.1:8443/_control?mode=503'   (200|400|503|slow|hang)
  send as Hermes:    scripts/hermes-plugin/bridge-send.sh 33612345678 33698765432 'Bonjour'
                     (the message waits in the store until an RX/TRX session of admin binds)
  smppd logs:        $demo/logs/smppd.log
Ctrl-C stops both.
INFO
"$build/bin/launcher" --config "$demo/smppd.config"
