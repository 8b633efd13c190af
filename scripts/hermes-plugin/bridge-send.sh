#!/usr/bin/env bash
# Sends one SMS to smppd's bridge the way the Hermes plugin does, and prints smppd's reply line.
#   scripts/hermes-plugin/bridge-send.sh CAMPAIGN PHONE TEXT [HOST:PORT] [TOKEN]
# e.g. scripts/hermes-plugin/bridge-send.sh 33612345678 33698765432 "Votre RDV est confirmé"
# The token (TcpServer.Token) may come from SMPPD_BRIDGE_TOKEN instead of the command line, where
# other users could see it (ps). Plain TCP only: for a bridge with TLS use the plugin, or
# openssl s_client -quiet -connect HOST:PORT and type the line.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n 3p "$0"; exit 64; }
endpoint=${4:-127.0.0.1:18182}
token=${5:-${SMPPD_BRIDGE_TOKEN:-}}
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g'; }
line="{\"op\":\"send\",\"campaign\":\"$(json_escape "$1")\",\"to\":\"$(json_escape "$2")\",\"text\":\"$(json_escape "$3")\""
[[ -n "$token" ]] && line+=",\"token\":\"$(json_escape "$token")\""
line+="}"
exec 3<>"/dev/tcp/${endpoint%:*}/${endpoint##*:}"
printf '%s\n' "$line" >&3
IFS= read -r -t 10 reply <&3
echo "$reply"
