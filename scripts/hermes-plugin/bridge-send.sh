#!/usr/bin/env bash
# Sends one SMS to smppd's bridge the way the Hermes plugin does, and prints smppd's reply line.
#   scripts/hermes-plugin/bridge-send.sh CAMPAIGN PHONE TEXT [HOST:PORT] [TOKEN]
# e.g. scripts/hermes-plugin/bridge-send.sh 33612345678 33698765432 "Votre RDV est confirmé"
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n 3p "$0"; exit 64; }
endpoint=${4:-127.0.0.1:18182}
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g'; }
line="{\"op\":\"send\",\"campaign\":\"$(json_escape "$1")\",\"to\":\"$(json_escape "$2")\",\"text\":\"$(json_escape "$3")\""
[[ -n "${5:-}" ]] && line+=",\"token\":\"$(json_escape "$5")\""
line+="}"
exec 3<>"/dev/tcp/${endpoint%:*}/${endpoint##*:}"
printf '%s\n' "$line" >&3
IFS= read -r -t 10 reply <&3
echo "$reply"
