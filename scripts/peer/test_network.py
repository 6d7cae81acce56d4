"""Tests for the peer's network fixtures: the test CA and its certificates, the verifying proxy
over TLS (and with a certificate for the wrong host), and the two tinyproxy forward proxies.

Run: python3 -m pytest -q scripts/peer/test_network.py (uses the session peer of conftest.py).
"""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import boto3
import pytest
import urllib3
from botocore.config import Config
from botocore.exceptions import ConnectionClosedError, ProxyConnectionError, SSLError
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

HERE = Path(__file__).resolve().parent
AKID = "AKIDSLUICETEST"
SECRET = "sluice-test-secret-key"
ESM_PATH = "/2015-03-31/event-source-mappings"
WAIT_S = 10

# tinyproxy 1.11 (LogLevel Connect): the lines a test can grep, as README.md documents them.
CONNECT_LINE = r"^CONNECT   \w{3} \d\d \d\d:\d\d:\d\d\.\d{3} \[\d+\]: Connect \(file descriptor \d+\): 127\.0\.0\.1$"


def request_line(method: str, target: str) -> str:
    """The line for a request line as the client sent it, HTTP version included (urllib3 sends
    `CONNECT h:p HTTP/1.0`, curl and most others HTTP/1.1)."""
    prefix = r"^CONNECT   \w{3} \d\d \d\d:\d\d:\d\d\.\d{3} \[\d+\]: Request \(file descriptor \d+\): "
    return prefix + re.escape(f"{method} {target} ") + r"HTTP/1\.[01]$"


ESTABLISHED_LINE = (
    r"^CONNECT   \w{3} \d\d \d\d:\d\d:\d\d\.\d{3} \[\d+\]: "
    r'Established connection to host "127\.0\.0\.1" using file descriptor \d+\.$'
)


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def url_of(peer, name: str) -> str:
    return peer["env"][f"SLUICE_TEST_{name}"]


def ca_bundle(peer) -> str:
    return url_of(peer, "CA_BUNDLE")


def port_of(url: str) -> int:
    return urllib.parse.urlsplit(url).port


def lambda_client(endpoint: str, **config):
    """A botocore Lambda client with the test key and no retries; `verify` and `proxies`
    (botocore's Config option) go in `config`."""
    verify = config.pop("verify", None)
    return boto3.client(
        "lambda",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=AKID,
        aws_secret_access_key=SECRET,
        verify=verify,
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=10, **config),
    )


def marker() -> str:
    """A function name no other request uses, so its log line is this test's."""
    return f"net-{uuid.uuid4().hex[:12]}"


def tls_context(peer, check_hostname: bool = True) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_bundle(peer))
    context.check_hostname = check_hostname
    return context


def tls_get(peer, url: str, path: str, context: ssl.SSLContext | None = None):
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPSConnection(parsed.hostname, parsed.port, timeout=10, context=context or tls_context(peer))
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def tls_control(peer, url: str, method: str, path: str, payload=None):
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPSConnection(parsed.hostname, parsed.port, timeout=10, context=tls_context(peer))
    try:
        body = json.dumps(payload).encode() if payload is not None else None
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        conn.close()


def plain_stats(peer) -> dict:
    with urllib3.PoolManager() as pool:
        return json.loads(pool.request("GET", f"{peer['proxy']}/__peer/stats", retries=False).data)


class LogTail:
    """What a log gained since this was made; `wait_for` polls it until a pattern matches."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.offset = self.path.stat().st_size

    def text(self) -> str:
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            handle.seek(self.offset)
            return handle.read()

    def wait_for(self, *patterns: str) -> list[re.Match]:
        """Every pattern (a multiline regex) must match the new text within WAIT_S seconds."""
        deadline = time.monotonic() + WAIT_S
        while True:
            seen = self.text()
            found = [re.search(p, seen, re.MULTILINE) for p in patterns]
            if all(found):
                return found
            if time.monotonic() > deadline:
                missing = [p for p, m in zip(patterns, found) if not m]
                pytest.fail(f"{self.path.name}: after {WAIT_S}s no line matching {missing}; new lines:\n{seen}")
            time.sleep(0.05)


def load_cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def pids(peer) -> dict[str, int]:
    lines = (peer["dir"] / "pids").read_text().splitlines()
    return {name: int(pid) for name, pid in (line.split() for line in lines)}


@pytest.fixture(autouse=True)
def no_proxy_from_the_environment(monkeypatch):
    """botocore and urllib3 would send loopback requests through a proxy set in the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "AWS_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


# --------------------------------------------------------------------------------------
# the test CA and its certificates
# --------------------------------------------------------------------------------------


def test_the_ca_and_both_server_certificates_are_modern(peer):
    state = peer["dir"]
    ca, server, wrong = (load_cert(state / name) for name in ("ca.pem", "server.pem", "wrong-host.pem"))
    now = datetime.datetime.now(datetime.timezone.utc)
    for cert in (ca, server, wrong):
        assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
        key = cert.public_key()
        assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"
        assert cert.not_valid_before_utc <= now < cert.not_valid_after_utc
        assert cert.not_valid_after_utc - cert.not_valid_before_utc <= datetime.timedelta(days=825)
    constraints = ca.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca
    assert ca.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    ca_key_id = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    for leaf in (server, wrong):
        assert leaf.issuer == ca.subject
        assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        assert ExtendedKeyUsageOID.SERVER_AUTH in leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        assert leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier == ca_key_id
    server_names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert server_names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert server_names.get_values_for_type(x509.DNSName) == ["localhost"]
    wrong_names = wrong.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert wrong_names.get_values_for_type(x509.IPAddress) == []
    assert wrong_names.get_values_for_type(x509.DNSName) == ["wrong.example"]
    # OpenSSL agrees, as a TLS server certificate for those names and for nothing else.
    def verify(cert: str, *flags: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", str(state / "ca.pem"),
             *flags, str(state / cert)], capture_output=True, text=True, timeout=10,
        )
    for flags in (("-verify_ip", "127.0.0.1"), ("-verify_hostname", "localhost")):
        result = verify("server.pem", *flags)
        assert result.returncode == 0, result.stdout + result.stderr
    assert verify("wrong-host.pem", "-verify_hostname", "wrong.example").returncode == 0
    assert verify("wrong-host.pem", "-verify_ip", "127.0.0.1").returncode != 0
    for key in ("ca.key", "server.key", "wrong-host.key"):
        assert (state / key).stat().st_mode & 0o077 == 0


# --------------------------------------------------------------------------------------
# the verifying proxy over TLS
# --------------------------------------------------------------------------------------


def test_tls_proxy_answers_a_client_that_trusts_the_ca(peer):
    url = url_of(peer, "PROXY_TLS_URL")
    assert url.startswith("https://127.0.0.1:")
    tls_control(peer, url, "POST", "/__peer/stats/reset")
    name = marker()
    for endpoint in (url, f"https://localhost:{port_of(url)}"):  # the IP SAN and the DNS SAN
        answer = lambda_client(endpoint, verify=ca_bundle(peer)).list_event_source_mappings(FunctionName=name)
        assert answer["EventSourceMappings"] == []
    counted = tls_control(peer, url, "GET", "/__peer/stats")[1]
    assert (counted["requests"], counted["rejected_signatures"], counted["signers"]) == (
        2, 0, {"lambda": [AKID]}
    )


def test_tls_proxy_fails_certificate_verification_without_the_ca(peer):
    log = LogTail(peer["dir"] / "proxy-tls.log")
    with pytest.raises(SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        lambda_client(url_of(peer, "PROXY_TLS_URL")).list_event_source_mappings(FunctionName=marker())
    log.wait_for(r"^peer: tls handshake from 127\.0\.0\.1:\d+ failed: TLSV1_ALERT_UNKNOWN_CA$")
    # the proxy goes on serving
    assert tls_get(peer, url_of(peer, "PROXY_TLS_URL"), "/__peer/config")[0] == 200


def test_wrong_host_proxy_fails_host_name_verification_only(peer):
    url = url_of(peer, "WRONG_HOST_URL")
    with pytest.raises(SSLError, match="doesn't match 'wrong.example'|mismatch"):
        lambda_client(url, verify=ca_bundle(peer)).list_event_source_mappings(FunctionName=marker())
    with pytest.raises(ssl.SSLCertVerificationError) as caught:
        tls_get(peer, url, "/__peer/config")
    assert caught.value.verify_code == 64  # X509_V_ERR_IP_ADDRESS_MISMATCH
    # The chain is fine: without the name check, or under the certificate's own name, it works.
    assert tls_get(peer, url, "/__peer/config", tls_context(peer, check_hostname=False))[0] == 200
    with socket.create_connection(("127.0.0.1", port_of(url)), timeout=10) as raw:
        with tls_context(peer).wrap_socket(raw, server_hostname="wrong.example") as tls:
            assert tls.getpeercert()["subjectAltName"] == (("DNS", "wrong.example"),)


def test_tls_keeps_connections_alive_and_survives_failed_handshakes(peer):
    url = url_of(peer, "PROXY_TLS_URL")
    port = port_of(url)
    log = LogTail(peer["dir"] / "proxy-tls.log")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:  # never says hello
        with socket.create_connection(("127.0.0.1", port), timeout=10) as plain:
            plain.sendall(b"GET /__peer/stats HTTP/1.1\r\nHost: x\r\n\r\n")
            try:
                answer = plain.recv(1024)
            except ConnectionResetError:  # the unread rest of the request may turn the close into an RST
                answer = b""
            assert answer == b""  # closed: the failed handshake answers nothing
        log.wait_for(r"^peer: tls handshake from 127\.0\.0\.1:\d+ failed: HTTP_REQUEST$")
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=tls_context(peer))
        try:
            conn.request("GET", "/__peer/stats")
            first = conn.getresponse()
            first.read()
            sock = conn.sock
            conn.request("GET", "/__peer/config")
            second = conn.getresponse()
            assert json.loads(second.read())["policy"] == "open"
            assert (first.status, second.status) == (200, 200)
            assert conn.sock is sock and sock.version() in ("TLSv1.2", "TLSv1.3")
            assert sock.selected_alpn_protocol() in (None, "http/1.1")
        finally:
            conn.close()
        assert idle.fileno() != -1


def test_tls_proxy_offers_http11_to_a_client_offering_h2(peer):
    context = tls_context(peer)
    context.set_alpn_protocols(["h2", "http/1.1"])
    with socket.create_connection(("127.0.0.1", port_of(url_of(peer, "PROXY_TLS_URL"))), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            assert tls.selected_alpn_protocol() == "http/1.1"


def test_reset_fault_over_tls_resets_and_the_proxy_goes_on(peer):
    url = url_of(peer, "PROXY_TLS_URL")
    tls_control(peer, url, "POST", "/__peer/faults", {"faults": [{"kind": "reset", "match": {"service": "lambda"}}]})
    try:
        log = LogTail(peer["dir"] / "proxy-tls.log")
        # An RST on the wire (curl says "Connection reset by peer"); Python's ssl reads it as EOF.
        with pytest.raises(ConnectionClosedError):
            lambda_client(url, verify=ca_bundle(peer)).list_event_source_mappings(FunctionName=marker())
        log.wait_for(r"^peer: GET /2015-03-31/event-source-mappings\?FunctionName=net-\w+ -> reset fault=reset$")
        assert lambda_client(url, verify=ca_bundle(peer)).list_event_source_mappings(FunctionName=marker())
    finally:
        tls_control(peer, url, "DELETE", "/__peer/faults")


def test_tls_options_go_together():
    result = subprocess.run(
        [sys.executable, str(HERE / "verifying_proxy.py"), "--upstream", "http://127.0.0.1:9", "--tls-cert", "x.pem"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2 and "--tls-cert and --tls-key go together" in result.stderr


# --------------------------------------------------------------------------------------
# the forward proxies (tinyproxy)
# --------------------------------------------------------------------------------------

PROXIES = [("HTTP_PROXY", "HTTP_PROXY_LOG"), ("HTTP_PROXY_AUTH", "HTTP_PROXY_AUTH_LOG")]


@pytest.mark.parametrize("proxy_name, log_name", PROXIES)
def test_a_plain_request_through_the_http_proxy_reaches_the_peer_and_is_logged(peer, proxy_name, log_name):
    log = LogTail(url_of(peer, log_name))
    before = plain_stats(peer)
    name = marker()
    client = lambda_client(peer["proxy"], proxies={"http": url_of(peer, proxy_name)})
    assert client.list_event_source_mappings(FunctionName=name)["EventSourceMappings"] == []
    after = plain_stats(peer)
    # it arrived at the verifying proxy with its signature intact
    assert after["requests"] - before["requests"] == 1
    assert after["rejected_signatures"] == before["rejected_signatures"]
    log.wait_for(CONNECT_LINE, request_line("GET", f"{peer['proxy']}{ESM_PATH}?FunctionName={name}"),
                 ESTABLISHED_LINE)


@pytest.mark.parametrize("proxy_name, log_name", PROXIES)
def test_https_through_the_http_proxy_uses_connect_and_is_logged(peer, proxy_name, log_name):
    url = url_of(peer, "PROXY_TLS_URL")
    log = LogTail(url_of(peer, log_name))
    tls_control(peer, url, "POST", "/__peer/stats/reset")
    client = lambda_client(url, verify=ca_bundle(peer), proxies={"https": url_of(peer, proxy_name)})
    assert client.list_event_source_mappings(FunctionName=marker())["EventSourceMappings"] == []
    assert tls_control(peer, url, "GET", "/__peer/stats")[1]["requests"] == 1
    log.wait_for(CONNECT_LINE, request_line("CONNECT", f"127.0.0.1:{port_of(url)}"), ESTABLISHED_LINE)


def test_the_auth_proxy_wants_its_credentials(peer):
    with_credentials = url_of(peer, "HTTP_PROXY_AUTH")
    parts = urllib.parse.urlsplit(with_credentials)
    assert (parts.username, parts.hostname) == ("sluice", "127.0.0.1")
    bare = f"http://127.0.0.1:{parts.port}"
    wrong = f"http://sluice:not-the-password@127.0.0.1:{parts.port}"
    log = LogTail(url_of(peer, "HTTP_PROXY_AUTH_LOG"))
    target = f"{peer['proxy']}{ESM_PATH}?FunctionName={marker()}"
    before = plain_stats(peer)

    with urllib3.ProxyManager(bare) as pool:  # plain http, no credentials: 407
        refused = pool.request("GET", target, retries=False)
    assert refused.status == 407
    assert refused.headers["Proxy-Authenticate"] == 'Basic realm="Tinyproxy"'
    with urllib3.ProxyManager(bare) as pool:  # CONNECT, no credentials: 407 too
        with pytest.raises(urllib3.exceptions.ProxyError, match="407"):
            pool.request("GET", f"{url_of(peer, 'PROXY_TLS_URL')}/__peer/stats", retries=False)
    with pytest.raises(ProxyConnectionError) as caught:
        lambda_client(url_of(peer, "PROXY_TLS_URL"), verify=ca_bundle(peer), proxies={"https": bare}) \
            .list_event_source_mappings()
    assert "407 Proxy Authentication Required" in str(caught.value.kwargs["error"])
    # tinyproxy 1.11 answers a wrong password with 401 (WWW-Authenticate), not 407
    headers = urllib3.make_headers(proxy_basic_auth=f"sluice:{urllib.parse.urlsplit(wrong).password}")
    with urllib3.ProxyManager(bare, proxy_headers=headers) as pool:
        assert pool.request("GET", target, retries=False).status == 401
    assert plain_stats(peer)["requests"] == before["requests"]  # none of those got through

    headers = urllib3.make_headers(proxy_basic_auth=f"{parts.username}:{parts.password}")
    with urllib3.ProxyManager(bare, proxy_headers=headers) as pool:
        passed = pool.request("GET", target, retries=False)
    assert passed.status == 403  # the verifying proxy's answer to an unsigned request
    assert plain_stats(peer)["requests"] == before["requests"] + 1
    log.wait_for(ESTABLISHED_LINE)


def test_the_http_proxies_run_as_this_user_and_log_no_password(peer):
    password = urllib.parse.urlsplit(url_of(peer, "HTTP_PROXY_AUTH")).password
    for name in ("tinyproxy", "tinyproxy-auth"):
        status = Path(f"/proc/{pids(peer)[name]}/status").read_text()
        uid = re.search(r"^Uid:\s+(\d+)", status, re.MULTILINE).group(1)
        assert int(uid) == os.getuid()
        conf = (peer["dir"] / f"{name}.conf").read_text()
        assert not re.search(r"^\s*(User|Group|ConnectPort)\b", conf, re.MULTILINE | re.IGNORECASE)
        assert "Listen 127.0.0.1" in conf and "Allow 127.0.0.1" in conf
    # (a bare `assert password not in text` would print the password when it fails)
    leaking = [log.name for log in peer["dir"].glob("*.log") if password in log.read_text(errors="replace")]
    assert password
    assert leaking == []
