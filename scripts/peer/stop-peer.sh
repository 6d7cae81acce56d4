#!/usr/bin/env bash
# Stop the servers started by start-peer.sh STATE_DIR (every process group in STATE_DIR/pids:
# moto, the three verifying proxies, the SSO stub, the two tinyproxies).
#
# Sends TERM to each recorded process group, waits (bounded) and then KILLs
# whatever is left. Already-dead processes and a missing pids file are fine.
set -uo pipefail

STATE_DIR=${1:?usage: stop-peer.sh STATE_DIR}
PIDS_FILE="$STATE_DIR/pids"
GRACE_S=5

[[ -f "$PIDS_FILE" ]] || exit 0

alive() { kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; }

signal_group() {
  # Each server leads its own process group (started with setsid); fall back
  # to the single pid if the group is already gone.
  kill "-$2" -- "-$1" 2>/dev/null || kill "-$2" "$1" 2>/dev/null || true
}

pids=()
while read -r _name pid; do
  [[ "$pid" =~ ^[0-9]+$ ]] && pids+=("$pid")
done <"$PIDS_FILE"

for pid in "${pids[@]}"; do signal_group "$pid" TERM; done

deadline=$((SECONDS + GRACE_S))
for pid in "${pids[@]}"; do
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
  if alive "$pid"; then signal_group "$pid" KILL; fi
done

rm -f "$PIDS_FILE" "$STATE_DIR/proxy.port" "$STATE_DIR/proxy-tls.port" "$STATE_DIR/wrong-host.port" \
  "$STATE_DIR/sso.port" "$STATE_DIR/refused.port"
echo "peer stopped"
