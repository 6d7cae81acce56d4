#!/usr/bin/env bash
# Start moto_server, the verifying proxy in front of it and the SSO stub, all on 127.0.0.1.
#
# Usage: start-peer.sh STATE_DIR
# Writes into STATE_DIR: moto.url, proxy.url, sso.url, credentials.json, env (export
# lines for `source`), pids ("name pid" per line), moto.log, proxy.log, sso.log.
# Stop with stop-peer.sh STATE_DIR. Every wait here is bounded.
set -euo pipefail

STATE_DIR=${1:?usage: start-peer.sh STATE_DIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
READY_TIMEOUT_S=30
ACCESS_KEY_ID=AKIDSLUICETEST
SECRET_ACCESS_KEY=sluice-test-secret-key
ACCOUNT_ID=123456789012  # moto's default account, where seed.py puts everything
ROLE_ARN="arn:aws:iam::$ACCOUNT_ID:role/sluice-test-role"  # need not exist in moto

mkdir -p "$STATE_DIR"
STATE_DIR=$(cd "$STATE_DIR" && pwd)
if [[ -s "$STATE_DIR/pids" ]]; then
  echo "start-peer: $STATE_DIR/pids exists; run stop-peer.sh $STATE_DIR first" >&2
  exit 1
fi
rm -f "$STATE_DIR/proxy.port" "$STATE_DIR/sso.port" "$STATE_DIR/moto.url" "$STATE_DIR/proxy.url" \
  "$STATE_DIR/sso.url" "$STATE_DIR/env"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Succeeds once URL answers any HTTP status; fails after READY_TIMEOUT_S or if PID dies.
wait_http() {
  local url=$1 pid=$2 name=$3 deadline=$((SECONDS + READY_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start-peer: $name exited early; last log lines:" >&2
      tail -n 20 "$STATE_DIR/$name.log" >&2 || true
      return 1
    fi
    if python3 - "$url" <<'PY' 2>/dev/null; then return 0; fi
import sys, urllib.error, urllib.request
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass  # any HTTP answer means the server is up
PY
    sleep 0.2
  done
  echo "start-peer: $name not ready after ${READY_TIMEOUT_S}s" >&2
  return 1
}

fail() {
  "$HERE/stop-peer.sh" "$STATE_DIR" >/dev/null 2>&1 || true
  exit 1
}

# Waits (bounded) for a server started with --port-file to write its port; prints the port.
wait_port_file() {
  local file=$1 pid=$2 name=$3 deadline=$((SECONDS + READY_TIMEOUT_S))
  until [[ -s "$file" ]]; do
    if ((SECONDS >= deadline)) || ! kill -0 "$pid" 2>/dev/null; then
      echo "start-peer: $name did not report its port" >&2
      tail -n 20 "$STATE_DIR/$name.log" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  tr -d '[:space:]' <"$file"
}

# Each server runs in its own session (setsid) so stop-peer.sh can end its whole
# process group and leave no orphans.
MOTO_PORT=$(free_port)
MOTO_URL="http://127.0.0.1:$MOTO_PORT"
setsid moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$STATE_DIR/moto.log" 2>&1 </dev/null &
echo "moto $!" >>"$STATE_DIR/pids"
wait_http "$MOTO_URL/moto-api/" "$!" moto || fail

umask 077
printf '{"%s": "%s"}\n' "$ACCESS_KEY_ID" "$SECRET_ACCESS_KEY" >"$STATE_DIR/credentials.json"
umask 022

setsid python3 "$HERE/verifying_proxy.py" --port 0 --port-file "$STATE_DIR/proxy.port" \
  --upstream "$MOTO_URL" --credentials "$STATE_DIR/credentials.json" \
  >"$STATE_DIR/proxy.log" 2>&1 </dev/null &
PROXY_PID=$!
echo "proxy $PROXY_PID" >>"$STATE_DIR/pids"
PROXY_PORT=$(wait_port_file "$STATE_DIR/proxy.port" "$PROXY_PID" proxy) || fail
PROXY_URL="http://127.0.0.1:$PROXY_PORT"
wait_http "$PROXY_URL/__peer/stats" "$PROXY_PID" proxy || fail

# The SSO stub registers the credentials its portal hands out with the proxy.
setsid python3 "$HERE/sso_stub.py" --port 0 --port-file "$STATE_DIR/sso.port" --proxy "$PROXY_URL" \
  >"$STATE_DIR/sso.log" 2>&1 </dev/null &
SSO_PID=$!
echo "sso $SSO_PID" >>"$STATE_DIR/pids"
SSO_PORT=$(wait_port_file "$STATE_DIR/sso.port" "$SSO_PID" sso) || fail
SSO_URL="http://127.0.0.1:$SSO_PORT"
wait_http "$SSO_URL/__sso/stats" "$SSO_PID" sso || fail

echo "$MOTO_URL" >"$STATE_DIR/moto.url"
echo "$PROXY_URL" >"$STATE_DIR/proxy.url"
echo "$SSO_URL" >"$STATE_DIR/sso.url"
umask 077
cat >"$STATE_DIR/env" <<ENV
export SLUICE_TEST_MOTO_URL=$MOTO_URL
export SLUICE_TEST_PROXY_URL=$PROXY_URL
export SLUICE_TEST_ACCESS_KEY_ID=$ACCESS_KEY_ID
export SLUICE_TEST_SECRET_ACCESS_KEY=$SECRET_ACCESS_KEY
export SLUICE_TEST_REGION=us-east-1
export SLUICE_TEST_SSO_URL=$SSO_URL
export SLUICE_TEST_ACCOUNT_ID=$ACCOUNT_ID
export SLUICE_TEST_ROLE_ARN=$ROLE_ARN
ENV
echo "moto at $MOTO_URL, proxy at $PROXY_URL, sso at $SSO_URL"
