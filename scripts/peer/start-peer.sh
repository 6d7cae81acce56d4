#!/usr/bin/env bash
# Start moto_server, the verifying proxy in front of it (plain, over TLS, and over TLS with a
# certificate for the wrong host), the SSO stub and two tinyproxy forward proxies (open, and
# with basic auth), all on 127.0.0.1.
#
# Usage: start-peer.sh STATE_DIR
# Writes into STATE_DIR: moto.url, proxy.url, sso.url, credentials.json, env (export
# lines for `source`), refused.port (where the plain proxy keeps a port that refuses every
# connect), pids ("name pid" per line), a test CA made now (ca.pem, ca.key) with
# the certificates it signed (server.pem/.key for 127.0.0.1 and localhost, wrong-host.pem/.key
# for wrong.example only), tinyproxy.conf, tinyproxy-auth.conf, and a log for each process
# (moto.log, proxy.log, proxy-tls.log, wrong-host.log, sso.log, tinyproxy.log,
# tinyproxy-auth.log). Stop with stop-peer.sh STATE_DIR. Every wait here is bounded.
# Nothing printed here holds a secret or the proxy password (env and the configs do).
set -euo pipefail

STATE_DIR=${1:?usage: start-peer.sh STATE_DIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
READY_TIMEOUT_S=30
ACCESS_KEY_ID=AKIDSLUICETEST
SECRET_ACCESS_KEY=sluice-test-secret-key
ACCOUNT_ID=123456789012  # moto's default account, where seed.py puts everything
ROLE_ARN="arn:aws:iam::$ACCOUNT_ID:role/sluice-test-role"  # need not exist in moto
HTTP_PROXY_USER=sluice
HTTP_PROXY_PASSWORD=proxy-pass-w0rd
WRONG_HOST=wrong.example  # the only name in wrong-host.pem
CERT_DAYS=30

for tool in moto_server openssl tinyproxy setsid; do
  if ! command -v "$tool" >/dev/null; then
    echo "start-peer: $tool not found (.ci/run installs what the peer needs)" >&2
    exit 1
  fi
done
mkdir -p "$STATE_DIR"
STATE_DIR=$(cd "$STATE_DIR" && pwd)
if [[ "$STATE_DIR" == *[\"$'\n']* ]]; then
  echo "start-peer: STATE_DIR must not contain a double quote or a newline (tinyproxy.conf quotes it)" >&2
  exit 1
fi
if [[ -s "$STATE_DIR/pids" ]]; then
  echo "start-peer: $STATE_DIR/pids exists; run stop-peer.sh $STATE_DIR first" >&2
  exit 1
fi
rm -f "$STATE_DIR/proxy.port" "$STATE_DIR/proxy-tls.port" "$STATE_DIR/wrong-host.port" "$STATE_DIR/sso.port" \
  "$STATE_DIR/refused.port" "$STATE_DIR/moto.url" "$STATE_DIR/proxy.url" "$STATE_DIR/sso.url" "$STATE_DIR/env"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Exits 0 once URL answers any HTTP status. For https, CAFILE is the only trust anchor, and
# HOSTNAME_CHECK=no skips the name check (for the wrong-host proxy), not the chain.
HTTP_PROBE=$(
  cat <<'PY'
import ssl, sys, urllib.error, urllib.request
url, cafile, hostname_check = sys.argv[1:4]
context = None
if url.startswith("https:"):
    context = ssl.create_default_context(cafile=cafile)
    context.check_hostname = hostname_check == "yes"
try:
    urllib.request.urlopen(url, timeout=1, context=context)
except urllib.error.HTTPError:
    pass  # any HTTP answer means the server is up
PY
)

# Succeeds once URL answers (HTTP_PROBE); fails after READY_TIMEOUT_S, with the last error
# seen, or if PID dies.
wait_http() {
  local url=$1 pid=$2 name=$3 cafile=${4:-} hostname_check=${5:-yes} deadline=$((SECONDS + READY_TIMEOUT_S))
  local seen=""
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start-peer: $name exited early; last log lines:" >&2
      tail -n 20 "$STATE_DIR/$name.log" >&2 || true
      return 1
    fi
    if seen=$(python3 -c "$HTTP_PROBE" "$url" "$cafile" "$hostname_check" 2>&1); then return 0; fi
    sleep 0.1
  done
  echo "start-peer: $name not ready after ${READY_TIMEOUT_S}s; last try: ${seen##*$'\n'}" >&2
  return 1
}

# Succeeds once PID listens on 127.0.0.1:PORT (read from /proc/net/tcp, so the check itself
# leaves no line in the server's log); fails after READY_TIMEOUT_S or if PID dies.
wait_listen() {
  local port=$1 pid=$2 name=$3 deadline=$((SECONDS + READY_TIMEOUT_S)) hex
  hex=$(printf '%04X' "$port")
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start-peer: $name exited early; last log lines:" >&2
      tail -n 20 "$STATE_DIR/$name.log" >&2 || true
      return 1
    fi
    # local_address 127.0.0.1 (either byte order), state 0A = LISTEN
    if grep -qE "^ *[0-9]+: (0100007F|7F000001):$hex [0-9A-F]{8}:[0-9A-F]{4} 0A " /proc/net/tcp; then
      kill -0 "$pid" 2>/dev/null && return 0
    fi
    sleep 0.05
  done
  echo "start-peer: $name not listening on 127.0.0.1:$port after ${READY_TIMEOUT_S}s" >&2
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

# A test CA made now, and two server certificates it signs: one for 127.0.0.1 and localhost,
# one for $WRONG_HOST only. P-256 keys (instant to make), SHA-256, CA:TRUE on the CA only,
# serverAuth and subjectAltName on the leaves, key identifiers on all, CERT_DAYS of validity
# from now (Apple's TLS rules want at most 825 days). Keys are 0600.
make_certificates() {
  local ext="$STATE_DIR/certificates.cnf" leaf
  local leaf_ext="basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid"
  cat >"$ext" <<CNF
[sluice_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
$leaf_ext
subjectAltName = IP:127.0.0.1, DNS:localhost
[wrong-host]
$leaf_ext
subjectAltName = DNS:$WRONG_HOST
CNF
  rm -f "$STATE_DIR"/{ca,server,wrong-host}.{key,pem,csr} "$STATE_DIR/ca.srl"
  (  # `set -e` does not hold in a subshell on the left of `||`: each step exits on failure
    umask 077
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days "$CERT_DAYS" \
      -subj "/O=Sluice tests/CN=Sluice test CA" -config "$ext" -extensions sluice_ca \
      -keyout "$STATE_DIR/ca.key" -out "$STATE_DIR/ca.pem" || exit 1
    for leaf in server wrong-host; do
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=Sluice tests/CN=$leaf" \
        -config "$ext" -keyout "$STATE_DIR/$leaf.key" -out "$STATE_DIR/$leaf.csr" || exit 1
      openssl x509 -req -in "$STATE_DIR/$leaf.csr" -CA "$STATE_DIR/ca.pem" -CAkey "$STATE_DIR/ca.key" \
        -CAserial "$STATE_DIR/ca.srl" -CAcreateserial -sha256 -days "$CERT_DAYS" \
        -extfile "$ext" -extensions "$leaf" -out "$STATE_DIR/$leaf.pem" || exit 1
      rm -f "$STATE_DIR/$leaf.csr"
    done
  ) >"$STATE_DIR/certificates.log" 2>&1 || {
    echo "start-peer: making the test certificates failed:" >&2
    tail -n 20 "$STATE_DIR/certificates.log" >&2
    return 1
  }
  chmod 644 "$STATE_DIR/ca.pem" "$STATE_DIR/server.pem" "$STATE_DIR/wrong-host.pem"
}

# Starts verifying_proxy.py as NAME (log NAME.log, port file NAME.port) with extra arguments.
start_proxy() {
  local name=$1
  shift
  setsid python3 "$HERE/verifying_proxy.py" --port 0 --port-file "$STATE_DIR/$name.port" \
    --upstream "$MOTO_URL" --credentials "$STATE_DIR/credentials.json" "$@" \
    >"$STATE_DIR/$name.log" 2>&1 </dev/null &
  echo "$name $!" >>"$STATE_DIR/pids"
}

# Writes NAME.conf for a tinyproxy on 127.0.0.1:PORT logging to NAME.log, optionally with
# BasicAuth USER PASSWORD, and starts it in the foreground (-d).
start_tinyproxy() {
  local name=$1 port=$2 user=${3:-} password=${4:-}
  (
    umask 077  # the auth instance's config holds its password
    cat >"$STATE_DIR/$name.conf" <<CONF
# Written by start-peer.sh for the Sluice tests (scripts/peer/README.md, "HTTP proxies").
# No User/Group: tinyproxy keeps the user that started it (and, as root, logs a warning saying
# so) instead of switching to one this machine may not have.
# No ConnectPort: CONNECT is then allowed to every port, the peer's random ones included.
Port $port
Listen 127.0.0.1
Allow 127.0.0.1
Timeout 600
MaxClients 100
LogFile "$STATE_DIR/$name.log"
LogLevel Connect
ViaProxyName "tinyproxy"
CONF
    if [[ -n "$user" ]]; then echo "BasicAuth $user $password" >>"$STATE_DIR/$name.conf"; fi
  )
  : >"$STATE_DIR/$name.log"
  # stdout/stderr (only a fatal start-up error) go to the same log, appended like tinyproxy's own.
  setsid tinyproxy -d -c "$STATE_DIR/$name.conf" >>"$STATE_DIR/$name.log" 2>&1 </dev/null &
  echo "$name $!" >>"$STATE_DIR/pids"
}

# Each server runs in its own session (setsid) so stop-peer.sh can end its whole
# process group and leave no orphans. The certificates are made while moto boots, and the
# proxies all start before any of them is waited for.
MOTO_PORT=$(free_port)
MOTO_URL="http://127.0.0.1:$MOTO_PORT"
setsid moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$STATE_DIR/moto.log" 2>&1 </dev/null &
MOTO_PID=$!
echo "moto $MOTO_PID" >>"$STATE_DIR/pids"
make_certificates || fail

umask 077
printf '{"%s": "%s"}\n' "$ACCESS_KEY_ID" "$SECRET_ACCESS_KEY" >"$STATE_DIR/credentials.json"
umask 022

# The plain proxy also keeps a port bound but never listening: every connect there is refused.
start_proxy proxy --refuse-port-file "$STATE_DIR/refused.port"
start_proxy proxy-tls --tls-cert "$STATE_DIR/server.pem" --tls-key "$STATE_DIR/server.key"
start_proxy wrong-host --tls-cert "$STATE_DIR/wrong-host.pem" --tls-key "$STATE_DIR/wrong-host.key"
HTTP_PROXY_PORT=$(free_port)
start_tinyproxy tinyproxy "$HTTP_PROXY_PORT"
HTTP_PROXY_AUTH_PORT=$(free_port)
start_tinyproxy tinyproxy-auth "$HTTP_PROXY_AUTH_PORT" "$HTTP_PROXY_USER" "$HTTP_PROXY_PASSWORD"

pid_of() { awk -v n="$1" '$1 == n { print $2 }' "$STATE_DIR/pids"; }

wait_http "$MOTO_URL/moto-api/" "$MOTO_PID" moto || fail
PROXY_PID=$(pid_of proxy)
PROXY_PORT=$(wait_port_file "$STATE_DIR/proxy.port" "$PROXY_PID" proxy) || fail
PROXY_URL="http://127.0.0.1:$PROXY_PORT"
wait_http "$PROXY_URL/__peer/stats" "$PROXY_PID" proxy || fail
REFUSED_PORT=$(wait_port_file "$STATE_DIR/refused.port" "$PROXY_PID" proxy) || fail

# The SSO stub registers the credentials its portal hands out with the (plain) proxy.
setsid python3 "$HERE/sso_stub.py" --port 0 --port-file "$STATE_DIR/sso.port" --proxy "$PROXY_URL" \
  >"$STATE_DIR/sso.log" 2>&1 </dev/null &
SSO_PID=$!
echo "sso $SSO_PID" >>"$STATE_DIR/pids"

PROXY_TLS_PID=$(pid_of proxy-tls)
PROXY_TLS_PORT=$(wait_port_file "$STATE_DIR/proxy-tls.port" "$PROXY_TLS_PID" proxy-tls) || fail
PROXY_TLS_URL="https://127.0.0.1:$PROXY_TLS_PORT"
wait_http "$PROXY_TLS_URL/__peer/stats" "$PROXY_TLS_PID" proxy-tls "$STATE_DIR/ca.pem" || fail
WRONG_HOST_PID=$(pid_of wrong-host)
WRONG_HOST_PORT=$(wait_port_file "$STATE_DIR/wrong-host.port" "$WRONG_HOST_PID" wrong-host) || fail
WRONG_HOST_URL="https://127.0.0.1:$WRONG_HOST_PORT"
wait_http "$WRONG_HOST_URL/__peer/stats" "$WRONG_HOST_PID" wrong-host "$STATE_DIR/ca.pem" no || fail
wait_listen "$HTTP_PROXY_PORT" "$(pid_of tinyproxy)" tinyproxy || fail
HTTP_PROXY_URL="http://127.0.0.1:$HTTP_PROXY_PORT"
wait_listen "$HTTP_PROXY_AUTH_PORT" "$(pid_of tinyproxy-auth)" tinyproxy-auth || fail
HTTP_PROXY_AUTH_URL="http://$HTTP_PROXY_USER:$HTTP_PROXY_PASSWORD@127.0.0.1:$HTTP_PROXY_AUTH_PORT"

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
export SLUICE_TEST_PROXY_TLS_URL=$PROXY_TLS_URL
export SLUICE_TEST_WRONG_HOST_URL=$WRONG_HOST_URL
export SLUICE_TEST_CA_BUNDLE=$(printf %q "$STATE_DIR/ca.pem")
export SLUICE_TEST_HTTP_PROXY=$HTTP_PROXY_URL
export SLUICE_TEST_HTTP_PROXY_AUTH=$HTTP_PROXY_AUTH_URL
export SLUICE_TEST_HTTP_PROXY_LOG=$(printf %q "$STATE_DIR/tinyproxy.log")
export SLUICE_TEST_HTTP_PROXY_AUTH_LOG=$(printf %q "$STATE_DIR/tinyproxy-auth.log")
export SLUICE_TEST_REFUSED_URL=http://127.0.0.1:$REFUSED_PORT
ENV
echo "moto at $MOTO_URL, proxy at $PROXY_URL, sso at $SSO_URL"
echo "tls proxy at $PROXY_TLS_URL, wrong-host proxy at $WRONG_HOST_URL (CA $STATE_DIR/ca.pem)," \
  "http proxy at $HTTP_PROXY_URL, http proxy with basic auth at 127.0.0.1:$HTTP_PROXY_AUTH_PORT"
