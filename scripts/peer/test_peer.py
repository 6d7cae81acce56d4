"""Tests for the Sluice test peer: verifying proxy, SSO stub, start/stop scripts and seeding.

Run: cd /work/main && python3 -m pytest -q scripts/peer/test_peer.py
A session fixture (conftest.py) starts its own peer with start-peer.sh on free loopback ports.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from unittest import mock

import boto3
import botocore.session
import pytest
from botocore import UNSIGNED
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials, SSOCredentialFetcher
from botocore.exceptions import ClientError
from botocore.tokens import SSOTokenProvider, _sso_json_dumps
from botocore.utils import JSONFileCache

import seed as seeder
import verifying_proxy as vp
from conftest import read_env

HERE = Path(__file__).resolve().parent
AKID = "AKIDSLUICETEST"
SECRET = "sluice-test-secret-key"
ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/sluice-test-role"
ESM_PATH = "/2015-03-31/event-source-mappings"
NO_RETRY = Config(retries={"max_attempts": 1})
ENCODED_QUERY = (
    "FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn%3APROD"
    "&Marker=abc%2Fdef%2B%3D"
)

# Published SigV4 vectors (facts file section 6.2/6.3).
EXAMPLE_CREDS = {"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
EXAMPLE_NOW = datetime.datetime(2015, 8, 30, 12, 36, tzinfo=datetime.timezone.utc)


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def sign(
    host: str,
    method: str,
    target: str,
    body: bytes = b"",
    headers: dict | None = None,
    key: str = AKID,
    secret: str = SECRET,
    token: str | None = None,
    when: datetime.datetime | None = None,
) -> dict:
    """Sign like a botocore client does: the query is already percent-encoded in the URL."""
    request = AWSRequest(method=method, url=f"http://{host}{target}", data=body, headers=headers or {})
    signer = SigV4Auth(Credentials(key, secret, token), "lambda", "us-east-1")
    moment = when or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    with mock.patch("botocore.auth.get_current_datetime", return_value=moment):
        signer.add_auth(request)
    return dict(request.headers.items())


def send(base: str, method: str, target: str, body: bytes = b"", headers: dict | None = None):
    """Send exactly `target` on the wire; return (status, headers, parsed JSON or raw bytes)."""
    parsed = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        conn.request(method, target, body=body or None, headers=headers or {})
        response = conn.getresponse()
        raw = response.read()
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload
    finally:
        conn.close()


def signed_send(peer, method, target, body=b"", **sign_args):
    host = urllib.parse.urlsplit(peer["proxy"]).netloc
    extra = {"Content-Type": "application/json"} if body else {}
    headers = sign(host, method, target, body, extra, **sign_args)
    return send(peer["proxy"], method, target, body, headers)


def control(peer, method, path, payload=None):
    body = json.dumps(payload).encode() if payload is not None else b""
    return send(peer["proxy"], method, path, body, {"Content-Type": "application/json"} if body else {})


def stats(peer) -> dict:
    return control(peer, "GET", "/__peer/stats")[2]


def lambda_client(url: str, key: str = AKID, secret: str = SECRET, **kwargs):
    return boto3.client(
        "lambda",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=kwargs.pop("config", NO_RETRY),
        **kwargs,
    )


def wait_for_log(path: Path, *needles: str, timeout_s: float = 10) -> str:
    """The proxy writes a request's log line just after sending its answer, so a test that has
    the answer may not see the line yet: poll until every needle is there; fail with the tail."""
    deadline = time.monotonic() + timeout_s
    while True:
        text = path.read_text()
        missing = [n for n in needles if n not in text]
        if not missing:
            return text
        if time.monotonic() > deadline:
            tail = "\n".join(text.splitlines()[-20:])
            pytest.fail(f"{path.name}: after {timeout_s}s still no {missing}; last lines:\n{tail}")
        time.sleep(0.05)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --------------------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------------------


# The session-wide `peer` fixture (start-peer.sh on a temporary STATE_DIR) is in conftest.py.


DEFAULT_CONFIG = {"page_size": 100, "policy": "open", "rate_limit": None, "outage": None}


@pytest.fixture
def proxy(peer):
    """The shared peer, with faults cleared, default page size, open policy, no rate limit or
    outage, and zeroed stats."""
    control(peer, "DELETE", "/__peer/faults")
    control(peer, "POST", "/__peer/config", DEFAULT_CONFIG)
    control(peer, "POST", "/__peer/stats/reset")
    yield peer
    control(peer, "DELETE", "/__peer/faults")
    control(peer, "POST", "/__peer/config", DEFAULT_CONFIG)


@pytest.fixture(scope="session")
def seven(peer):
    """Seven mappings on one function of their own, so listing can be filtered to them."""
    uuids = seeder.seed(peer["moto"], count=7, functions=1, prefix="paging", workers=4)
    return {"function": "paging-fn-00", "uuids": uuids}


# --------------------------------------------------------------------------------------
# SigV4 verification, pure (no server)
# --------------------------------------------------------------------------------------


def _verify(method, target, headers, body=b"", host="127.0.0.1:9", now=None, creds=None):
    wire = [("Host", host)] + list(headers.items())
    return vp.verify_request(method, target, wire, body, creds or {AKID: SECRET}, now)


ACCEPTED = {
    "get-percent-encoded-query": ("GET", f"{ESM_PATH}?{ENCODED_QUERY}", b"", {}),
    "get-no-body": ("GET", f"{ESM_PATH}/14e0db71-0000-4eb5-b481-8945cf9d10c2", b"", {}),
    "put-json-body": ("PUT", f"{ESM_PATH}/14e0db71-0000-4eb5-b481-8945cf9d10c2", b'{"BatchSize": 5}', {}),
    "session-token": ("GET", f"{ESM_PATH}?{ENCODED_QUERY}", b"", {"token": "FQoGZXIvYXdzEXAMPLE//token+="}),
}


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_botocore_signed_requests_verify(case):
    method, target, body, extra = ACCEPTED[case]
    content = {"Content-Type": "application/json"} if body else {}
    headers = sign("127.0.0.1:9", method, target, body, content, **extra)
    if "token" in extra:
        assert "x-amz-security-token" in headers["Authorization"]
    assert _verify(method, target, headers, body) == AKID


def _tamper(case):
    """Return (method, target, body, headers) for a request altered after signing."""
    target = f"{ESM_PATH}/abc?{ENCODED_QUERY}"
    body = b'{"Enabled": false}'
    headers = sign("127.0.0.1:9", "PUT", target, body, {"Content-Type": "application/json"})
    if case == "wrong-secret":
        headers = sign("127.0.0.1:9", "PUT", target, body, {"Content-Type": "application/json"}, secret="nope")
    elif case == "tampered-body":
        body = b'{"Enabled": true}'
    elif case == "tampered-query-value":
        target = target.replace("abc%2Fdef", "abc%2Fdeg")
    elif case == "tampered-path":
        target = target.replace("/abc?", "/abd?")
    elif case == "tampered-method":
        return "POST", target, body, headers
    return "PUT", target, body, headers


@pytest.mark.parametrize(
    "case",
    ["wrong-secret", "tampered-body", "tampered-query-value", "tampered-path", "tampered-method"],
)
def test_tampered_requests_are_rejected(case):
    method, target, body, headers = _tamper(case)
    with pytest.raises(vp.SignatureRejected) as rejected:
        _verify(method, target, headers, body)
    assert rejected.value.error_type == "InvalidSignatureException"
    assert SECRET not in rejected.value.message


def test_tampered_session_token_is_rejected():
    headers = sign("127.0.0.1:9", "GET", ESM_PATH, token="token-one")
    headers["X-Amz-Security-Token"] = "token-two"
    with pytest.raises(vp.SignatureRejected):
        _verify("GET", ESM_PATH, headers)


def test_unknown_access_key_is_unrecognized_client():
    headers = sign("127.0.0.1:9", "GET", ESM_PATH, key="AKIDSOMEONEELSE")
    with pytest.raises(vp.SignatureRejected) as rejected:
        _verify("GET", ESM_PATH, headers)
    assert rejected.value.error_type == "UnrecognizedClientException"


@pytest.mark.parametrize("minutes, accepted", [(-16, False), (-14, True), (14, True), (16, False)])
def test_clock_skew_limit_is_15_minutes(minutes, accepted):
    now = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
    when = (now + datetime.timedelta(minutes=minutes)).replace(tzinfo=None)
    headers = sign("127.0.0.1:9", "GET", ESM_PATH, when=when)
    if accepted:
        assert _verify("GET", ESM_PATH, headers, now=now) == AKID
    else:
        with pytest.raises(vp.SignatureRejected, match="Signature (expired|not yet current)"):
            _verify("GET", ESM_PATH, headers, now=now)


class _SignEveryHeader(SigV4Auth):
    """A client that signs headers botocore never signs (such as user-agent)."""

    def headers_to_sign(self, request):
        headers = super().headers_to_sign(request)
        headers["user-agent"] = request.headers["User-Agent"]
        return headers


def test_whatever_headers_the_client_signed_are_used():
    request = AWSRequest(method="GET", url=f"http://127.0.0.1:9{ESM_PATH}", headers={"User-Agent": "sluice/1"})
    with mock.patch("botocore.auth.get_current_datetime", return_value=datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)):
        _SignEveryHeader(Credentials(AKID, SECRET), "lambda", "us-east-1").add_auth(request)
    headers = dict(request.headers.items())
    assert "host;user-agent;x-amz-date" in headers["Authorization"]
    assert _verify("GET", ESM_PATH, headers) == AKID
    headers["User-Agent"] = "sluice/2"
    with pytest.raises(vp.SignatureRejected):
        _verify("GET", ESM_PATH, headers)


def test_content_sha256_header_must_match_body():
    body = b'{"Enabled": false}'
    declared = {"Content-Type": "application/json", "X-Amz-Content-SHA256": vp._sha256_hex(body)}
    headers = sign("127.0.0.1:9", "PUT", f"{ESM_PATH}/abc", body, declared)
    assert "x-amz-content-sha256" in headers["Authorization"]
    assert _verify("PUT", f"{ESM_PATH}/abc", headers, body) == AKID
    with pytest.raises(vp.SignatureRejected, match="X-Amz-Content-SHA256"):
        _verify("PUT", f"{ESM_PATH}/abc", headers, b'{"Enabled": true}')


def test_host_and_date_must_be_signed():
    headers = sign("127.0.0.1:9", "GET", ESM_PATH)
    headers["Authorization"] = headers["Authorization"].replace("SignedHeaders=host;", "SignedHeaders=")
    with pytest.raises(vp.SignatureRejected, match="'host' must be a signed header"):
        _verify("GET", ESM_PATH, headers)


def test_missing_authorization_is_rejected():
    with pytest.raises(vp.SignatureRejected) as rejected:
        _verify("GET", ESM_PATH, {"X-Amz-Date": "20260101T000000Z"})
    assert rejected.value.error_type == "InvalidSignatureException"


def test_query_is_canonicalised_like_aws_not_taken_verbatim():
    """The signer must sign the canonical (encoded) query, whatever the wire spelling."""
    raw_wire = f"{ESM_PATH}?FunctionName=arn:aws:lambda:us-east-1:123456789012:function:f"
    encoded = f"{ESM_PATH}?FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af"
    # Signed canonically (%3A) but sent with raw ':' -> AWS accepts, so must we.
    assert _verify("GET", raw_wire, sign("127.0.0.1:9", "GET", encoded)) == AKID
    # Signed with raw ':' in the canonical query -> not SigV4-canonical, rejected.
    with pytest.raises(vp.SignatureRejected):
        _verify("GET", raw_wire, sign("127.0.0.1:9", "GET", raw_wire))


def _vector_auth(scope: str, signed: str, signature: str) -> str:
    return f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope}, SignedHeaders={signed}, Signature={signature}"


def test_published_get_vanilla_vector():
    headers = {
        "X-Amz-Date": "20150830T123600Z",
        "Authorization": _vector_auth(
            "20150830/us-east-1/service/aws4_request",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        ),
    }
    assert _verify("GET", "/", headers, host="example.amazonaws.com", now=EXAMPLE_NOW, creds=EXAMPLE_CREDS)
    headers["Authorization"] = headers["Authorization"][:-1] + "0"
    with pytest.raises(vp.SignatureRejected):
        _verify("GET", "/", headers, host="example.amazonaws.com", now=EXAMPLE_NOW, creds=EXAMPLE_CREDS)


def test_published_session_token_vector():
    headers = {
        "X-Amz-Date": "20150830T123600Z",
        "X-Amz-Security-Token": "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
        "Authorization": _vector_auth(
            "20150830/us-east-1/service/aws4_request",
            "host;x-amz-date;x-amz-security-token",
            "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
        ),
    }
    assert _verify("GET", "/", headers, host="example.amazonaws.com", now=EXAMPLE_NOW, creds=EXAMPLE_CREDS)


def test_lambda_worked_examples():
    lambda_host = "lambda.us-east-1.amazonaws.com"
    body = (
        b'{"BatchSize": 50, "MaximumBatchingWindowInSeconds": 1, "FilterCriteria": '
        b'{"Filters": [{"Pattern": "{\\"body\\":{\\"a\\":[\\"b\\"]}}"}]}}'
    )
    put = {
        "Content-Type": "application/json",
        "X-Amz-Date": "20150830T123600Z",
        "Authorization": _vector_auth(
            "20150830/us-east-1/lambda/aws4_request",
            "content-type;host;x-amz-date",
            "353d2068c4eb04816758fe72d0f297f291b1d020b8815242a823409dd107169f",
        ),
    }
    target = f"{ESM_PATH}/14e0db71-xmpl-4eb5-b481-8945cf9d10c2"
    assert _verify("PUT", target, put, body, lambda_host, EXAMPLE_NOW, EXAMPLE_CREDS)
    query = (
        "FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn%3APROD"
        "&EventSourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aq.fifo&MaxItems=100&Marker=abc%2Fdef%2B%3D"
    )
    get = {
        "X-Amz-Date": "20150830T123600Z",
        "Authorization": _vector_auth(
            "20150830/us-east-1/lambda/aws4_request",
            "host;x-amz-date",
            "fb8f4cc421682e238a4923dce3223359fd67fd174b45bd7fbde8a6ea3e5d920d",
        ),
    }
    assert _verify("GET", f"{ESM_PATH}?{query}", get, b"", lambda_host, EXAMPLE_NOW, EXAMPLE_CREDS)


def test_mismatch_message_shows_canonical_request_but_not_token():
    headers = sign("127.0.0.1:9", "GET", ESM_PATH, secret="other", token="very-private-token")
    with pytest.raises(vp.SignatureRejected) as rejected:
        _verify("GET", ESM_PATH, headers)
    assert "x-amz-security-token:<redacted>" in rejected.value.message
    assert "very-private-token" not in rejected.value.message


# --------------------------------------------------------------------------------------
# temporary keys, STS classification and parsing, pure (no server)
# --------------------------------------------------------------------------------------

ROLE_KEY = "ASIAROLEKEYEXAMPLE01"
ROLE_SECRET = "role-secret/with+chars"
ROLE_TOKEN = "FwoGZXIvYXdzEXAMPLE/session+token=="


def _role_creds(expires_at=None):
    return {AKID: SECRET, ROLE_KEY: vp.KnownKey(ROLE_SECRET, ROLE_TOKEN, expires_at, "sts:AssumeRole")}


def test_learned_key_verifies_only_with_its_session_token():
    creds = _role_creds()
    good = sign("127.0.0.1:9", "GET", ESM_PATH, key=ROLE_KEY, secret=ROLE_SECRET, token=ROLE_TOKEN)
    assert _verify("GET", ESM_PATH, good, creds=creds) == ROLE_KEY
    without = sign("127.0.0.1:9", "GET", ESM_PATH, key=ROLE_KEY, secret=ROLE_SECRET)
    other = sign("127.0.0.1:9", "GET", ESM_PATH, key=ROLE_KEY, secret=ROLE_SECRET, token="another-token")
    for headers in (without, other):
        with pytest.raises(vp.SignatureRejected) as rejected:
            _verify("GET", ESM_PATH, headers, creds=creds)
        assert rejected.value.error_type == "UnrecognizedClientException"
        for secret_ish in (ROLE_SECRET, ROLE_TOKEN, "another-token"):
            assert secret_ish not in rejected.value.message
    # The base key takes a session token or none, as before.
    assert _verify("GET", ESM_PATH, sign("127.0.0.1:9", "GET", ESM_PATH, token="t"), creds=creds) == AKID


def test_learned_key_stops_at_its_expiration():
    expires = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
    creds = _role_creds(expires)
    for minutes, accepted in ((-1, True), (0, False), (1, False)):
        now = expires + datetime.timedelta(minutes=minutes)
        headers = sign("127.0.0.1:9", "GET", ESM_PATH, key=ROLE_KEY, secret=ROLE_SECRET, token=ROLE_TOKEN,
                       when=now.replace(tzinfo=None))
        if accepted:
            assert _verify("GET", ESM_PATH, headers, now=now, creds=creds) == ROLE_KEY
        else:
            with pytest.raises(vp.SignatureRejected) as rejected:
                _verify("GET", ESM_PATH, headers, now=now, creds=creds)
            assert rejected.value.error_type == "ExpiredTokenException"


MOTO_ASSUME_ROLE_XML = (
    b'<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>'
    b"<Credentials><AccessKeyId>ASIARZPUZDIKEKMRUETG</AccessKeyId><SecretAccessKey>sec/ret+</SecretAccessKey>"
    b"<SessionToken>FQoGZXIvYXdzEBYa+/=</SessionToken><Expiration>2026-12-04T20:36:56.237568Z</Expiration>"
    b"</Credentials><AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId>"
    b"<Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult>"
    b"</AssumeRoleResponse>"
)


def test_issued_credentials_are_parsed_and_expiration_has_whole_seconds():
    key_id, key = vp.parse_issued_credentials(MOTO_ASSUME_ROLE_XML)
    assert (key_id, key.secret, key.session_token) == ("ASIARZPUZDIKEKMRUETG", "sec/ret+", "FQoGZXIvYXdzEBYa+/=")
    assert key.expires_at == datetime.datetime(2026, 12, 4, 20, 36, 56, tzinfo=datetime.timezone.utc)
    rewritten = vp.aws_expiration(MOTO_ASSUME_ROLE_XML)
    assert b"<Expiration>2026-12-04T20:36:56Z</Expiration>" in rewritten
    assert rewritten.replace(b"2026-12-04T20:36:56Z", b"2026-12-04T20:36:56.237568Z") == MOTO_ASSUME_ROLE_XML
    assert vp.parse_issued_credentials(b"<GetCallerIdentityResponse/>") is None
    assert vp.parse_issued_credentials(b"not xml") is None


@pytest.mark.parametrize(
    "headers, target, body, expected",
    [
        ({"Authorization": "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/sts/aws4_request, "
                           "SignedHeaders=host;x-amz-date, Signature=00"},
         "/", b"Action=AssumeRole&Version=2011-06-15", ("sts", "AssumeRole", True, False, False)),
        ({"Authorization": "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/sts/aws4_request, "
                           "SignedHeaders=host;x-amz-date, Signature=00"},
         "/", b"Action=GetSessionToken&Version=2011-06-15", ("sts", "GetSessionToken", True, False, False)),
        ({}, "/", b"Action=AssumeRoleWithWebIdentity&WebIdentityToken=x", ("sts", "AssumeRoleWithWebIdentity", False, True, False)),
        ({}, "/?Action=AssumeRoleWithWebIdentity", b"", ("sts", "AssumeRoleWithWebIdentity", False, True, False)),
        ({}, "/", b"Action=GetCallerIdentity", (None, None, False, False, True)),  # unsigned: refused later
        ({"Authorization": "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/lambda/aws4_request, "
                           "SignedHeaders=host;x-amz-date, Signature=00"},
         ESM_PATH, b"Action=GetCallerIdentity", ("lambda", None, True, False, True)),
    ],
)
def test_calls_are_classified_by_scope_and_action(headers, target, body, expected):
    call = vp.classify_call(target, headers, body)
    assert (call.service, call.action, call.signed, call.unsigned_allowed, call.mutating("POST")) == expected


# --------------------------------------------------------------------------------------
# signatures through the running proxy
# --------------------------------------------------------------------------------------


def test_percent_encoded_get_passes_through_proxy(proxy, seven):
    uuid = seven["uuids"][0]
    status, _, body = signed_send(proxy, "GET", f"{ESM_PATH}/{uuid}?{ENCODED_QUERY}")
    assert (status, body["UUID"]) == (200, uuid)
    # On the list path the same query passes the signature check and then fails on the
    # (deliberately foreign) Marker, which proves the 400 is not a signature problem.
    status, headers, body = signed_send(proxy, "GET", f"{ESM_PATH}?{ENCODED_QUERY}")
    assert status == 400
    assert headers["x-amzn-errortype"] == "InvalidParameterValueException"


def test_put_with_body_and_session_token_pass_through_proxy(proxy, seven):
    uuid = seven["uuids"][1]
    status, _, body = signed_send(proxy, "PUT", f"{ESM_PATH}/{uuid}", b'{"BatchSize": 7}')
    assert (status, body["BatchSize"]) == (202, 7)
    client = lambda_client(proxy["proxy"], aws_session_token="session-token/with+chars=")
    assert client.get_event_source_mapping(UUID=uuid)["UUID"] == uuid


@pytest.mark.parametrize(
    "case", ["wrong-secret", "tampered-body", "tampered-query-value", "tampered-path", "tampered-host"]
)
def test_proxy_answers_403_for_bad_signatures(proxy, case):
    host = urllib.parse.urlsplit(proxy["proxy"]).netloc
    target = f"{ESM_PATH}/abc?{ENCODED_QUERY}"
    body = b'{"Enabled": false}'
    headers = sign(host, "PUT", target, body, {"Content-Type": "application/json"}, secret=(
        "wrong" if case == "wrong-secret" else SECRET
    ))
    if case == "tampered-body":
        body = b'{"Enabled": true}'
    elif case == "tampered-query-value":
        target = target.replace("abc%2Fdef", "abc%2Fdeg")
    elif case == "tampered-path":
        target = target.replace("/abc?", "/abd?")
    elif case == "tampered-host":
        headers["Host"] = "127.0.0.1:1"
    status, resp_headers, payload = send(proxy["proxy"], "PUT", target, body, headers)
    assert status == 403
    assert resp_headers["x-amzn-errortype"] == "InvalidSignatureException"
    assert resp_headers["x-amzn-requestid"]
    assert payload["Type"] == "User" and "signature" in payload["message"]
    assert SECRET not in json.dumps(payload)
    assert stats(proxy)["forwarded"] == 0


def test_proxy_rejects_unknown_key_and_unsigned_requests(proxy):
    with pytest.raises(ClientError) as caught:
        lambda_client(proxy["proxy"], key="AKIDUNKNOWN").list_event_source_mappings()
    assert caught.value.response["Error"]["Code"] == "UnrecognizedClientException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    status, headers, _ = send(proxy["proxy"], "GET", ESM_PATH)
    assert (status, headers["x-amzn-errortype"]) == (403, "InvalidSignatureException")


# --------------------------------------------------------------------------------------
# ListEventSourceMappings paging and filters
# --------------------------------------------------------------------------------------


def test_paging_with_page_size_three(proxy, seven):
    control(proxy, "POST", "/__peer/config", {"page_size": 3})
    seen, markers, sizes, marker = [], [], [], None
    for _ in range(10):  # bounded: 7 items / 3 per page = 3 pages
        query = f"FunctionName={seven['function']}" + (f"&Marker={urllib.parse.quote(marker, safe='')}" if marker else "")
        status, _, page = signed_send(proxy, "GET", f"{ESM_PATH}?{query}")
        assert status == 200
        sizes.append(len(page["EventSourceMappings"]))
        seen += [m["UUID"] for m in page["EventSourceMappings"]]
        marker = page.get("NextMarker")
        if marker is None:
            break
        markers.append(marker)
    assert sizes == [3, 3, 1]
    assert len(markers) == 2 and len(set(markers)) == 2
    assert sorted(seen) == sorted(seven["uuids"])


def test_boto3_paginator_through_proxy(proxy, seven):
    control(proxy, "POST", "/__peer/config", {"page_size": 3})
    client = lambda_client(proxy["proxy"])
    pages = list(client.get_paginator("list_event_source_mappings").paginate(FunctionName=seven["function"]))
    assert [len(p["EventSourceMappings"]) for p in pages] == [3, 3, 1]
    assert sorted(m["UUID"] for p in pages for m in p["EventSourceMappings"]) == sorted(seven["uuids"])
    # MaxItems below the page size wins; the paginator's PageSize maps to MaxItems.
    pages = list(
        client.get_paginator("list_event_source_mappings").paginate(
            FunctionName=seven["function"], PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(p["EventSourceMappings"]) for p in pages] == [2, 2, 2, 1]


def test_default_page_is_capped_at_100(proxy, peer):
    seeder.seed(peer["moto"], count=105, functions=1, prefix="bigpage", workers=8)
    client = lambda_client(proxy["proxy"])
    first = client.list_event_source_mappings(FunctionName="bigpage-fn-00", MaxItems=1000)
    assert len(first["EventSourceMappings"]) == 100 and "NextMarker" in first
    rest = client.list_event_source_mappings(FunctionName="bigpage-fn-00", Marker=first["NextMarker"])
    assert len(rest["EventSourceMappings"]) == 5 and "NextMarker" not in rest


@pytest.mark.parametrize("query", ["MaxItems=0", "MaxItems=10001", "MaxItems=abc", "Marker=bm9wZQ%3D%3D"])
def test_bad_paging_parameters_are_400(proxy, query):
    status, headers, _ = signed_send(proxy, "GET", f"{ESM_PATH}?{query}")
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidParameterValueException")


def test_filters_follow_function_arn_not_creation_spelling(proxy, peer):
    uuids = seeder.seed(peer["moto"], count=2, functions=2, prefix="filters", workers=2)
    client = lambda_client(proxy["proxy"])
    moved = uuids[0]
    original = client.get_event_source_mapping(UUID=moved)
    client.update_event_source_mapping(UUID=moved, FunctionName="filters-fn-01")
    by_name = client.list_event_source_mappings(FunctionName="filters-fn-01")["EventSourceMappings"]
    by_arn = client.list_event_source_mappings(
        FunctionName="arn:aws:lambda:us-east-1:123456789012:function:filters-fn-01"
    )["EventSourceMappings"]
    assert sorted(m["UUID"] for m in by_name) == sorted(uuids) == sorted(m["UUID"] for m in by_arn)
    # moto's own filter still files the moved mapping under its creation-time function.
    direct = lambda_client(peer["moto"]).list_event_source_mappings(FunctionName="filters-fn-01")
    assert moved not in [m["UUID"] for m in direct["EventSourceMappings"]]
    # seed puts both mappings on one source (one per function), so both match it.
    by_source = client.list_event_source_mappings(EventSourceArn=original["EventSourceArn"])
    assert sorted(m["UUID"] for m in by_source["EventSourceMappings"]) == sorted(uuids)


def _list_page(peer, function, marker=None):
    """One signed ListEventSourceMappings page of `function`'s mappings."""
    query = urllib.parse.urlencode({"FunctionName": function, **({"Marker": marker} if marker else {})})
    status, _, page = signed_send(peer, "GET", f"{ESM_PATH}?{query}")
    assert status == 200, page
    return page


def _batch_sizes(pages) -> dict:
    return {m["UUID"]: m["BatchSize"] for p in pages for m in p["EventSourceMappings"]}


def test_later_pages_come_from_the_first_pages_snapshot(proxy, peer):
    uuids = seeder.seed(peer["moto"], count=7, functions=1, prefix="snapshot", workers=4)
    control(proxy, "POST", "/__peer/config", {"page_size": 3})
    moto = lambda_client(peer["moto"])
    first = _list_page(proxy, "snapshot-fn-00")
    on_first = [m["UUID"] for m in first["EventSourceMappings"]]
    later = [u for u in uuids if u not in on_first]
    before = moto.get_event_source_mapping(UUID=later[-1])["BatchSize"]
    # Behind the proxy's back, mid-listing: delete a mapping already listed and change a later one.
    # Re-reading moto for each page would now shift the offsets and skip a mapping.
    moto.delete_event_source_mapping(UUID=on_first[0])
    moto.update_event_source_mapping(UUID=later[-1], BatchSize=before + 1)
    pages, marker = [first], first["NextMarker"]
    for _ in range(5):  # bounded: 3 pages
        pages.append(_list_page(proxy, "snapshot-fn-00", marker))
        marker = pages[-1].get("NextMarker")
        if marker is None:
            break
    assert [len(p["EventSourceMappings"]) for p in pages] == [3, 3, 1]
    assert sorted(_batch_sizes(pages)) == sorted(uuids)  # each exactly once, as at the first page
    assert _batch_sizes(pages)[later[-1]] == before
    counted = stats(proxy)
    assert (counted["requests"], counted["forwarded"]) == (3, 1)  # moto was read once
    # Every page's request was still signature-checked: an unsigned one is refused.
    status, _, _ = send(proxy["proxy"], "GET", f"{ESM_PATH}?FunctionName=snapshot-fn-00&Marker="
                        + urllib.parse.quote(first["NextMarker"], safe=""))
    assert status == 403
    # A listing without a Marker reads moto afresh.
    fresh = list(lambda_client(proxy["proxy"]).get_paginator("list_event_source_mappings").paginate(
        FunctionName="snapshot-fn-00"))
    assert sorted(_batch_sizes(fresh)) == sorted(set(uuids) - {on_first[0]})
    assert _batch_sizes(fresh)[later[-1]] == before + 1


def test_a_change_through_the_proxy_ends_the_snapshot(proxy, peer):
    uuids = seeder.seed(peer["moto"], count=7, functions=1, prefix="snapchange", workers=4)
    control(proxy, "POST", "/__peer/config", {"page_size": 3})
    first = _list_page(proxy, "snapchange-fn-00")
    last = [u for u in uuids if u not in {m["UUID"] for m in first["EventSourceMappings"]}][-1]
    lambda_client(proxy["proxy"]).update_event_source_mapping(UUID=last, BatchSize=3)
    second = _list_page(proxy, "snapchange-fn-00", first["NextMarker"])
    third = _list_page(proxy, "snapchange-fn-00", second["NextMarker"])
    assert "NextMarker" not in third
    assert sorted(_batch_sizes([first, second, third])) == sorted(uuids)
    assert _batch_sizes([second, third])[last] == 3
    # page 1, the PUT, page 2 read moto again (and snapshot anew); page 3 came from that snapshot.
    assert stats(proxy)["forwarded"] == 3


def test_markers_without_a_live_snapshot_read_moto_again(proxy, seven):
    control(proxy, "POST", "/__peer/config", {"page_size": 3})
    everything = _list_page(proxy, seven["function"])
    by_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{seven['function']}"
    control(proxy, "POST", "/__peer/stats/reset")
    markers = [
        base64.b64encode(b"sluice-peer:3").decode(),  # no snapshot named
        base64.b64encode(b"sluice-peer:3:0123456789abcdef").decode(),  # unknown or expired snapshot
    ]
    for marker in markers:
        page = _list_page(proxy, seven["function"], marker)
        assert len(page["EventSourceMappings"]) == 3 and "NextMarker" in page
    # The same snapshot is not served to a listing with other filters, even an equivalent one.
    page = _list_page(proxy, by_arn, everything["NextMarker"])
    assert len(page["EventSourceMappings"]) == 3
    assert stats(proxy)["forwarded"] == 3
    listed = [m["UUID"] for m in everything["EventSourceMappings"] + page["EventSourceMappings"]]
    assert len(set(listed)) == 6


def test_snapshots_expire_are_capped_and_die_with_a_change():
    state = vp.PeerState({}, "127.0.0.1", 9)
    filters = ("fn", None)
    token = state.store_snapshot([{"UUID": "a"}], filters, state.current_generation(), now=100.0)
    assert state.find_snapshot(token, filters, now=100.0 + vp.SNAPSHOT_TTL_S - 1) is not None
    assert state.find_snapshot(token, ("other", None), now=101.0) is None
    assert state.find_snapshot(token, filters, now=100.0 + vp.SNAPSHOT_TTL_S + 1) is None
    tokens = [state.store_snapshot([], filters, state.current_generation(), now=200.0)
              for _ in range(vp.MAX_SNAPSHOTS + 1)]
    assert len(state.snapshots) == vp.MAX_SNAPSHOTS
    assert state.find_snapshot(tokens[0], filters, now=200.0) is None
    assert state.find_snapshot(tokens[-1], filters, now=200.0) is not None
    read_at = state.current_generation()
    state.changed()
    assert state.snapshots == {}
    assert state.store_snapshot([], filters, read_at, now=200.0) is None  # read before the change
    assert vp.decode_marker(vp.encode_marker(6, tokens[-1])) == (6, tokens[-1])
    assert vp.decode_marker(vp.encode_marker(6)) == (6, None)


# --------------------------------------------------------------------------------------
# fault injection
# --------------------------------------------------------------------------------------


def _attempt(peer, method="GET", target=ESM_PATH + "?MaxItems=1", body=b""):
    """Signed request; a TCP reset is returned as status 'reset', a clean close as 'eof'."""
    try:
        return signed_send(peer, method, target, body)
    except http.client.RemoteDisconnected:  # a subclass of ConnectionResetError
        return "eof", {}, None
    except ConnectionResetError:
        return "reset", {}, None


@pytest.mark.parametrize(
    "kind, status, error_type",
    [
        ("429", 429, "TooManyRequestsException"),
        ("500", 500, "ServiceException"),
        ("503", 503, "ServiceUnavailable"),
        ("reset", "reset", None),
    ],
)
def test_each_fault_is_injected_exactly_count_times(proxy, kind, status, error_type):
    control(proxy, "POST", "/__peer/faults", {"faults": [{"kind": kind, "count": 2, "retry_after": 3}]})
    results = [_attempt(proxy) for _ in range(3)]
    assert [r[0] for r in results] == [status, status, 200]
    if error_type:
        assert all(r[1]["x-amzn-errortype"] == error_type for r in results[:2])
    if kind == "429":
        headers, payload = results[0][1], results[0][2]
        assert headers["retry-after"] == "3"
        assert payload == {"message": "Rate exceeded", "Type": "User", "Reason": "CallerRateLimitExceeded",
                           "retryAfterSeconds": "3"}
    counted = stats(proxy)
    assert counted["faults_injected"] == 2 and counted["faults_by_kind"] == {kind: 2}
    assert control(proxy, "GET", "/__peer/faults")[2]["faults"] == []


def test_delay_fault_delays_then_forwards(proxy):
    control(proxy, "POST", "/__peer/faults", {"faults": [{"kind": "delay", "count": 1, "delay_ms": 400}]})
    started = time.monotonic()
    first = _attempt(proxy)
    delayed = time.monotonic() - started
    started = time.monotonic()
    second = _attempt(proxy)
    assert (first[0], second[0]) == (200, 200)
    assert delayed >= 0.4 > time.monotonic() - started


def test_faults_are_consumed_in_order_and_respect_match(proxy, seven):
    uuid = seven["uuids"][2]
    control(
        proxy,
        "POST",
        "/__peer/faults",
        {
            "faults": [
                {"kind": "503", "count": 1, "match": {"method": "PUT", "path_prefix": ESM_PATH}},
                {"kind": "429", "count": 1, "match": {"method": "put"}},
                {"kind": "500", "count": 1, "match": {"path_prefix": "/2015-03-31/functions"}},
            ]
        },
    )
    put = (f"{ESM_PATH}/{uuid}", b'{"Enabled": true}')
    assert _attempt(proxy)[0] == 200  # GET matches none of them
    assert [_attempt(proxy, "PUT", *put)[0] for _ in range(3)] == [503, 429, 202]
    remaining = control(proxy, "GET", "/__peer/faults")[2]["faults"]
    assert [f["kind"] for f in remaining] == ["500"]


def test_random_faults_are_seeded_and_counted(proxy):
    spec = {"random": {"rate": 0.4, "kinds": ["429", "500", "503", "reset"], "seed": 42}}

    def run():
        control(proxy, "POST", "/__peer/faults", spec)
        return [_attempt(proxy)[0] for _ in range(30)]

    first = run()
    second = run()  # re-posting the spec re-seeds the generator
    assert first == second
    faulted = [s for s in first if s != 200]
    assert 3 < len(faulted) < 27
    assert set(faulted) <= {429, 500, 503, "reset"} and len(set(faulted)) >= 2
    assert stats(proxy)["faults_injected"] == 2 * len(faulted)
    control(proxy, "DELETE", "/__peer/faults")
    assert {_attempt(proxy)[0] for _ in range(5)} == {200}


def test_boto3_retries_through_injected_throttling(proxy, seven):
    control(proxy, "POST", "/__peer/faults", {"faults": [{"kind": "429", "count": 2, "retry_after": 0}]})
    client = lambda_client(proxy["proxy"], config=Config(retries={"mode": "standard", "max_attempts": 3}))
    response = client.get_event_source_mapping(UUID=seven["uuids"][0])
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert stats(proxy)["requests"] == 3


@pytest.mark.parametrize(
    "path, payload",
    [
        ("/__peer/faults", {"faults": [{"kind": "418"}]}),
        ("/__peer/faults", {"faults": [{"kind": "429", "count": 0}]}),
        ("/__peer/faults", {"random": {"rate": 2}}),
        ("/__peer/config", {"page_size": 0}),
        ("/__peer/config", {"policy": "closed"}),
        ("/__peer/config", {}),
        ("/__peer/config", {"page_sise": 3}),
        ("/__peer/faults", {"faults": [{"kind": "429", "match": {"service": 3}}]}),
        ("/__peer/credentials", {"access_key_id": "ASIAX", "secret_access_key": "s"}),  # no token
        ("/__peer/credentials", {"access_key_id": "AS/IA", "secret_access_key": "s", "session_token": "t"}),
        ("/__peer/credentials", {"access_key_id": AKID, "secret_access_key": "s", "session_token": "t"}),
        ("/__peer/credentials", {"access_key_id": "ASIAX", "secret_access_key": "s", "session_token": "t",
                                 "expiration": "tomorrow"}),
    ],
)
def test_control_api_validates_input(proxy, path, payload):
    assert control(proxy, "POST", path, payload)[0] == 400


# --------------------------------------------------------------------------------------
# stats, state changes, moto quirks
# --------------------------------------------------------------------------------------


def test_stats_count_requests_rejections_and_mutations(proxy, seven):
    uuid = seven["uuids"][3]
    signed_send(proxy, "GET", f"{ESM_PATH}/{uuid}")
    signed_send(proxy, "GET", f"{ESM_PATH}?MaxItems=1")
    signed_send(proxy, "PUT", f"{ESM_PATH}/{uuid}", b'{"Enabled": true}')
    assert signed_send(proxy, "PUT", f"{ESM_PATH}/{uuid}", b'{"Enabled": false}', secret="bad")[0] == 403
    control(proxy, "GET", "/__peer/faults")  # control requests are not counted
    assert stats(proxy) == {
        "requests": 4,
        "by_method": {"GET": 2, "PUT": 2},
        "rejected_signatures": 1,
        "faults_injected": 0,
        "faults_by_kind": {},
        "forwarded": 3,
        "mutating": 2,
        "mutating_by_path": {f"{ESM_PATH}/{uuid}": 2},
        "denied_by_policy": 0,
        "unsigned": 0,
        "signers": {"lambda": [AKID]},  # the rejected request's key is not listed
        "forwarded_by_operation": {"GetEventSourceMapping": 1, "ListEventSourceMappings": 1,
                                   "UpdateEventSourceMapping": 1},
        "throttled": {},
        "blackholed": 0,
        "blackholed_forwarded": 0,
        "outage_resets": 0,
    }
    control(proxy, "POST", "/__peer/stats/reset")
    assert stats(proxy)["requests"] == 0


def test_caller_identity_is_forwarded_and_not_mutating(proxy):
    control(proxy, "POST", "/__peer/stats/reset")
    sts = boto3.client(
        "sts",
        endpoint_url=proxy["proxy"],
        region_name="us-east-1",
        aws_access_key_id=AKID,
        aws_secret_access_key=SECRET,
        config=NO_RETRY,
    )
    assert sts.get_caller_identity()["Account"] == "123456789012"
    counted = stats(proxy)
    assert (counted["by_method"], counted["mutating"]) == ({"POST": 1}, 0)


def test_update_through_proxy_changes_moto_state(proxy, peer, seven):
    uuid = seven["uuids"][4]
    via_proxy = lambda_client(proxy["proxy"])
    response = via_proxy.update_event_source_mapping(UUID=uuid, Enabled=False, BatchSize=4)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    direct = lambda_client(peer["moto"]).get_event_source_mapping(UUID=uuid)
    assert (direct["State"], direct["BatchSize"]) == ("Disabled", 4)
    via_proxy.update_event_source_mapping(UUID=uuid, Enabled=True)
    assert lambda_client(peer["moto"]).get_event_source_mapping(UUID=uuid)["State"] == "Enabled"


def test_unknown_uuid_update_is_404_through_proxy(proxy, peer):
    missing = "00000000-0000-0000-0000-000000000000"
    direct = lambda_client(peer["moto"]).update_event_source_mapping(UUID=missing, Enabled=False)
    assert direct["ResponseMetadata"]["HTTPStatusCode"] == 200  # moto's quirk
    with pytest.raises(ClientError) as caught:
        lambda_client(proxy["proxy"]).update_event_source_mapping(UUID=missing, Enabled=False)
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_proxy_log_holds_no_secrets(proxy):
    signed_send(proxy, "GET", ESM_PATH, token="log-me-not-token")
    log = wait_for_log(proxy["dir"] / "proxy.log", f"GET {ESM_PATH} -> 200")
    for secret_ish in (SECRET, "Signature=", "AWS4-HMAC-SHA256", "log-me-not-token"):
        assert secret_ish not in log


# --------------------------------------------------------------------------------------
# STS through the proxy: learned keys, the role-only policy, who signed what
# --------------------------------------------------------------------------------------


def sts_client(url: str, key: str = AKID, secret: str = SECRET, token: str | None = None, **kwargs):
    return boto3.client(
        "sts",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=kwargs.pop("config", NO_RETRY),
        **kwargs,
    )


def anonymous_sts(url: str, **config):
    config.setdefault("retries", {"max_attempts": 1})
    return boto3.client("sts", endpoint_url=url, region_name="us-east-1",
                        config=Config(signature_version=UNSIGNED, **config))


def role_lambda(url: str, creds: dict, token: str | None = "same"):
    """A Lambda client signing with STS-style Credentials (token=None sends none)."""
    return lambda_client(url, key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                         aws_session_token=creds["SessionToken"] if token == "same" else token)


def assume(peer, session="sluice-test", **kwargs) -> dict:
    return sts_client(peer["proxy"]).assume_role(RoleArn=ROLE_ARN, RoleSessionName=session, **kwargs)


def _error(caught) -> tuple:
    response = caught.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def learned(peer) -> dict:
    return {k["access_key_id"]: k for k in control(peer, "GET", "/__peer/credentials")[2]["keys"]}


def test_assume_role_through_proxy_teaches_the_proxy_the_role_key(proxy, seven):
    answer = assume(proxy)
    creds = answer["Credentials"]
    assert answer["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/sluice-test-role/sluice-test"
    key = learned(proxy)[creds["AccessKeyId"]]
    assert creds["AccessKeyId"].startswith("ASIA")
    assert key == {"access_key_id": creds["AccessKeyId"], "origin": "sts:AssumeRole",
                   "expiration": creds["Expiration"].strftime("%Y-%m-%dT%H:%M:%SZ"), "expired": False}
    lifetime = creds["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(minutes=58) < lifetime <= datetime.timedelta(hours=1)  # moto's default 3600 s
    # The role's key reaches moto's default account, where the seeded mappings are.
    mapping = role_lambda(proxy["proxy"], creds).get_event_source_mapping(UUID=seven["uuids"][0])
    assert mapping["UUID"] == seven["uuids"][0]
    identity = sts_client(proxy["proxy"], creds["AccessKeyId"], creds["SecretAccessKey"],
                          creds["SessionToken"]).get_caller_identity()
    assert (identity["Account"], identity["Arn"]) == (ACCOUNT, answer["AssumedRoleUser"]["Arn"])
    assert identity["UserId"].endswith(":sluice-test")
    counted = stats(proxy)
    assert counted["signers"] == {"lambda": [creds["AccessKeyId"]], "sts": sorted([AKID, creds["AccessKeyId"]])}
    assert (counted["mutating"], counted["rejected_signatures"]) == (0, 0)  # sign-in calls change nothing


def test_expiration_is_sent_in_whole_seconds_like_aws(proxy):
    host = urllib.parse.urlsplit(proxy["proxy"]).netloc
    body = f"Action=AssumeRole&Version=2011-06-15&RoleArn={urllib.parse.quote(ROLE_ARN, safe='')}" \
           f"&RoleSessionName=raw&DurationSeconds=900".encode()
    request = AWSRequest(method="POST", url=f"http://{host}/", data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(AKID, SECRET), "sts", "us-east-1").add_auth(request)
    status, headers, raw = send(proxy["proxy"], "POST", "/", body, dict(request.headers.items()))
    assert status == 200 and headers["content-type"].startswith("text/xml"), raw
    expiration = raw.decode().split("<Expiration>")[1].split("</Expiration>")[0]
    assert len(expiration) == 20 and expiration.endswith("Z"), expiration  # 2026-12-04T20:36:56Z
    moment = datetime.datetime.strptime(expiration, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert datetime.timedelta(minutes=14) < moment - datetime.datetime.now(datetime.timezone.utc) <= \
        datetime.timedelta(minutes=15)  # DurationSeconds is honoured


def test_role_key_without_its_session_token_is_rejected(proxy):
    creds = assume(proxy)["Credentials"]
    control(proxy, "POST", "/__peer/stats/reset")
    for token in (None, "not-the-token"):
        with pytest.raises(ClientError) as caught:
            role_lambda(proxy["proxy"], creds, token=token).list_event_source_mappings()
        status, code, message = _error(caught)
        assert (status, code) == (403, "UnrecognizedClientException")
        assert creds["SecretAccessKey"] not in message and creds["SessionToken"] not in message
    # STS errors come as query-protocol XML, so botocore parses them (JSON was unparseable there).
    with pytest.raises(ClientError) as caught:
        sts_client(proxy["proxy"], creds["AccessKeyId"], creds["SecretAccessKey"], "not-the-token").get_caller_identity()
    assert _error(caught)[:2] == (403, "InvalidClientTokenId")
    assert caught.value.response["Error"]["Type"] == "Sender"
    with pytest.raises(ClientError) as caught:
        sts_client(proxy["proxy"], key="AKIDUNKNOWN").assume_role(RoleArn=ROLE_ARN, RoleSessionName="nobody")
    assert _error(caught)[:2] == (403, "InvalidClientTokenId")
    with pytest.raises(ClientError) as caught:
        sts_client(proxy["proxy"], secret="wrong").get_caller_identity()
    assert _error(caught)[:2] == (403, "SignatureDoesNotMatch")
    counted = stats(proxy)
    assert (counted["rejected_signatures"], counted["forwarded"], counted["signers"]) == (5, 0, {})


def test_role_key_stops_working_when_it_expires(proxy):
    creds = assume(proxy)["Credentials"]
    client = role_lambda(proxy["proxy"], creds)
    client.list_event_source_mappings(MaxItems=1)
    expired = control(proxy, "POST", "/__peer/credentials/expire", {"access_key_id": creds["AccessKeyId"]})
    assert (expired[0], expired[2]["expired"]) == (200, True)
    with pytest.raises(ClientError) as caught:
        client.list_event_source_mappings(MaxItems=1)
    assert _error(caught)[:2] == (403, "ExpiredTokenException")
    with pytest.raises(ClientError) as caught:
        sts_client(proxy["proxy"], creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]).get_caller_identity()
    assert _error(caught)[:2] == (403, "ExpiredToken")
    assert control(proxy, "POST", "/__peer/credentials/expire", {"access_key_id": AKID})[0] == 404


def test_moto_expiration_is_enforced(proxy):
    """moto does not range-check DurationSeconds; 1 s shows the proxy honours what STS said."""
    sts = sts_client(proxy["proxy"], config=Config(parameter_validation=False, retries={"max_attempts": 1}))
    creds = sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="brief", DurationSeconds=1)["Credentials"]
    client = role_lambda(proxy["proxy"], creds)
    deadline, seen = time.monotonic() + 10, []
    while time.monotonic() < deadline:
        try:
            client.list_event_source_mappings(MaxItems=1)
            seen.append("ok")
        except ClientError as error:
            seen.append(error.response["Error"]["Code"])
            break
        time.sleep(0.1)
    assert seen[-1:] == ["ExpiredTokenException"], f"after 10 s the key still worked: {seen[-5:]}"


def test_web_identity_needs_no_signature_and_any_token(proxy, seven):
    answer = anonymous_sts(proxy["proxy"]).assume_role_with_web_identity(
        RoleArn=ROLE_ARN, RoleSessionName="web-session", WebIdentityToken="any text, not even a JWT")
    creds = answer["Credentials"]
    assert answer["AssumedRoleUser"] == {"AssumedRoleId": "ARO123EXAMPLE123:web-session",
                                         "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/sluice-test-role/web-session"}
    assert learned(proxy)[creds["AccessKeyId"]]["origin"] == "sts:AssumeRoleWithWebIdentity"
    control(proxy, "POST", "/__peer/config", {"policy": "role-only"})
    assert role_lambda(proxy["proxy"], creds).get_event_source_mapping(UUID=seven["uuids"][0])["UUID"]
    identity = sts_client(proxy["proxy"], creds["AccessKeyId"], creds["SecretAccessKey"],
                          creds["SessionToken"]).get_caller_identity()
    assert identity["Arn"] == answer["AssumedRoleUser"]["Arn"]
    counted = stats(proxy)
    assert (counted["unsigned"], counted["mutating"]) == (1, 0)
    assert counted["signers"] == {"lambda": [creds["AccessKeyId"]], "sts": [creds["AccessKeyId"]]}
    # Other unsigned STS calls are still refused.
    status, headers, body = send(proxy["proxy"], "POST", "/", b"Action=GetCallerIdentity&Version=2011-06-15",
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, headers["x-amzn-errortype"]) == (403, "InvalidSignatureException")


def test_role_only_policy_lets_the_base_key_only_assume_the_role(proxy, seven):
    assert control(proxy, "POST", "/__peer/config", {"policy": "role-only"})[2] == {
        "page_size": 100, "policy": "role-only", "rate_limit": None, "outage": None, "forward": False
    }
    assert control(proxy, "GET", "/__peer/config")[2]["policy"] == "role-only"
    base = lambda_client(proxy["proxy"])
    with pytest.raises(ClientError) as caught:
        base.list_event_source_mappings()
    status, code, message = _error(caught)
    assert (status, code) == (403, "AccessDeniedException")
    assert AKID in message and "role-only" in message and SECRET not in message
    assert sts_client(proxy["proxy"]).get_caller_identity()["Arn"] == f"arn:aws:sts::{ACCOUNT}:user/moto"
    with pytest.raises(ClientError) as caught:
        sts_client(proxy["proxy"]).get_session_token()
    assert _error(caught)[:2] == (403, "AccessDenied")
    creds = assume(proxy)["Credentials"]
    role = role_lambda(proxy["proxy"], creds)
    role.update_event_source_mapping(UUID=seven["uuids"][5], BatchSize=6)
    assert role.get_event_source_mapping(UUID=seven["uuids"][5])["BatchSize"] == 6
    counted = stats(proxy)
    assert counted["signers"] == {"lambda": [creds["AccessKeyId"]], "sts": [AKID]}
    assert (counted["denied_by_policy"], counted["forwarded"]) == (2, 4)
    assert counted["mutating_by_path"] == {f"{ESM_PATH}/{seven['uuids'][5]}": 1}
    control(proxy, "POST", "/__peer/config", {"policy": "open"})
    assert base.get_event_source_mapping(UUID=seven["uuids"][5])["BatchSize"] == 6


def test_registered_credentials_verify_and_can_be_forgotten(proxy):
    registered = control(proxy, "POST", "/__peer/credentials", {
        "access_key_id": "ASIAREGISTERED000001", "secret_access_key": "reg-secret", "session_token": "reg-token",
        "expiration": "2099-01-01T00:00:00.5Z", "origin": "test"})
    assert registered[2] == {"access_key_id": "ASIAREGISTERED000001", "origin": "test",
                             "expiration": "2099-01-01T00:00:00Z", "expired": False}
    listed = json.dumps(control(proxy, "GET", "/__peer/credentials")[2])
    assert "ASIAREGISTERED000001" in listed and "reg-secret" not in listed and "reg-token" not in listed
    creds = {"AccessKeyId": "ASIAREGISTERED000001", "SecretAccessKey": "reg-secret", "SessionToken": "reg-token"}
    role_lambda(proxy["proxy"], creds).list_event_source_mappings(MaxItems=1)
    forgotten = control(proxy, "DELETE", "/__peer/credentials")[2]["keys"]
    assert [k["access_key_id"] for k in forgotten] == [AKID]
    with pytest.raises(ClientError) as caught:
        role_lambda(proxy["proxy"], creds).list_event_source_mappings(MaxItems=1)
    assert _error(caught)[:2] == (403, "UnrecognizedClientException")
    assert "reg-secret" not in (proxy["dir"] / "proxy.log").read_text()


def test_faults_can_target_sts_and_answer_in_its_xml(proxy):
    once = Config(retries={"total_max_attempts": 1})  # legacy max_attempts=1 still retries once
    control(proxy, "POST", "/__peer/faults", {"faults": [
        {"kind": "429", "count": 1, "match": {"service": "sts"}},
        {"kind": "503", "count": 1, "match": {"service": "STS"}},
    ]})
    lambda_client(proxy["proxy"]).list_event_source_mappings(MaxItems=1)  # not STS: untouched
    with pytest.raises(ClientError) as caught:
        sts_client(proxy["proxy"], config=once).get_caller_identity()
    assert _error(caught)[:2] == (429, "Throttling")
    assert caught.value.response["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "1"
    with pytest.raises(ClientError) as caught:
        anonymous_sts(proxy["proxy"], retries={"total_max_attempts": 1}).assume_role_with_web_identity(
            RoleArn=ROLE_ARN, RoleSessionName="faulted", WebIdentityToken="token")
    assert _error(caught)[:2] == (503, "ServiceUnavailable")
    assert stats(proxy)["faults_by_kind"] == {"429": 1, "503": 1}
    assert sts_client(proxy["proxy"]).get_caller_identity()["Account"] == ACCOUNT


def test_proxy_log_names_sts_actions_but_no_secrets(proxy):
    creds = assume(proxy, session="logged")["Credentials"]
    query = urllib.parse.urlencode({"Action": "AssumeRoleWithWebIdentity", "Version": "2011-06-15",
                                    "RoleArn": ROLE_ARN, "RoleSessionName": "by-get",
                                    "WebIdentityToken": "web-token-in-query"})
    # moto routes unsigned STS calls by the form body only, so the proxy refuses a GET plainly.
    status, _, answer = send(proxy["proxy"], "GET", f"/?{query}")
    assert status == 400 and b"<Code>InvalidParameterValue</Code>" in answer and b"form POST" in answer, answer
    log = wait_for_log(
        proxy["dir"] / "proxy.log",
        "POST / (sts:AssumeRole) -> 200",
        "WebIdentityToken=*** (sts:AssumeRoleWithWebIdentity) -> 400",
        f"learned {creds['AccessKeyId']} from sts:AssumeRole",
    )
    for secret_ish in (SECRET, creds["SecretAccessKey"], creds["SessionToken"], "Signature=", "web-token-in-query"):
        assert secret_ish not in log


# --------------------------------------------------------------------------------------
# SSO stub
# --------------------------------------------------------------------------------------

SSO_ROLE = "SluiceRole"


def sso_control(peer, method, path, payload=None):
    body = json.dumps(payload).encode() if payload is not None else b""
    return send(peer["sso"], method, path, body, {"Content-Type": "application/json"} if body else {})


@pytest.fixture
def sso(proxy):
    """The shared SSO stub with nothing registered and zeroed counters (and a reset proxy)."""
    assert sso_control(proxy, "POST", "/__sso/reset")[0] == 200
    yield proxy
    sso_control(proxy, "POST", "/__sso/reset")


def sso_client(peer):
    return boto3.client("sso", endpoint_url=peer["sso"], region_name="us-east-1",
                        config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}))


def oidc_client(peer):
    return boto3.client("sso-oidc", endpoint_url=peer["sso"], region_name="us-east-1",
                        config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}))


def test_sso_portal_answers_known_tokens_only(sso):
    registered = sso_control(sso, "POST", "/__sso/credentials", {
        "account_id": ACCOUNT, "role_name": SSO_ROLE, "access_key_id": "ASIASSOEXAMPLE000001",
        "secret_access_key": "sso-secret", "session_token": "sso-session-token", "expiration_ms": 4102444800000})
    assert registered[:1] == (200,) and registered[2] == {
        "account_id": ACCOUNT, "role_name": SSO_ROLE, "access_key_id": "ASIASSOEXAMPLE000001",
        "expiration_ms": 4102444800000}
    assert learned(sso)["ASIASSOEXAMPLE000001"] == {"access_key_id": "ASIASSOEXAMPLE000001", "origin": "sso",
                                                    "expiration": "2100-01-01T00:00:00Z", "expired": False}
    portal = sso_client(sso)
    with pytest.raises(ClientError) as caught:
        portal.get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken="unknown-token")
    assert _error(caught) == (401, "UnauthorizedException", "Session token not found or invalid")
    assert sso_control(sso, "POST", "/__sso/access-tokens", {"access_token": "portal-token"})[0] == 200
    answer = portal.get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken="portal-token")
    assert answer["roleCredentials"] == {"accessKeyId": "ASIASSOEXAMPLE000001", "secretAccessKey": "sso-secret",
                                         "sessionToken": "sso-session-token", "expiration": 4102444800000}
    with pytest.raises(ClientError) as caught:
        portal.get_role_credentials(roleName="OtherRole", accountId=ACCOUNT, accessToken="portal-token")
    assert _error(caught) == (403, "ForbiddenException", "No access")
    sso_control(sso, "POST", "/__sso/access-tokens", {"access_token": "stale-token", "expires_in": 0})
    with pytest.raises(ClientError) as caught:
        portal.get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken="stale-token")
    assert _error(caught)[:2] == (401, "UnauthorizedException")
    # The raw wire: the header name and the error type header.
    status, headers, body = send(sso["sso"], "GET", f"/federation/credentials?account_id={ACCOUNT}&role_name={SSO_ROLE}")
    assert (status, headers["x-amzn-errortype"], body) == (401, "UnauthorizedException",
                                                          {"message": "Session token not found or invalid"})
    status, _, body = send(sso["sso"], "GET", f"/federation/credentials?account_id={ACCOUNT}&role_name={SSO_ROLE}",
                           headers={"x-amz-sso_bearer_token": "portal-token"})
    assert (status, body["roleCredentials"]["accessKeyId"]) == (200, "ASIASSOEXAMPLE000001")
    counted = sso_control(sso, "GET", "/__sso/stats")[2]
    assert counted["portal"] == {"calls": 6, "by_status": {"401": 3, "200": 2, "403": 1}}
    assert counted["log"][1] == {"op": "GetRoleCredentials", "status": 200, "account_id": ACCOUNT,
                                 "role_name": SSO_ROLE, "access_key_id": "ASIASSOEXAMPLE000001"}


def test_sso_oidc_refresh_grant(sso):
    sso_control(sso, "POST", "/__sso/refresh-tokens",
                {"refresh_token": "refresh-1", "client_id": "client-1", "client_secret": "client-secret-1"})
    sso_control(sso, "POST", "/__sso/credentials", {"account_id": ACCOUNT, "role_name": SSO_ROLE})
    oidc = oidc_client(sso)
    for wrong in ({"clientSecret": "other"}, {"clientId": "client-2"}, {"refreshToken": "refresh-2"}):
        request = {"grantType": "refresh_token", "clientId": "client-1", "clientSecret": "client-secret-1",
                   "refreshToken": "refresh-1", **wrong}
        with pytest.raises(ClientError) as caught:
            oidc.create_token(**request)
        assert _error(caught)[:2] == (400, "InvalidGrantException")
        assert caught.value.response["error"] == "invalid_grant"
    with pytest.raises(ClientError) as caught:
        oidc.create_token(grantType="authorization_code", clientId="client-1", clientSecret="client-secret-1", code="c")
    assert _error(caught)[:2] == (400, "UnsupportedGrantTypeException")
    token = oidc.create_token(grantType="refresh_token", clientId="client-1", clientSecret="client-secret-1",
                              refreshToken="refresh-1")
    assert (token["expiresIn"], token["tokenType"], token["refreshToken"]) == (28800, "Bearer", "refresh-1")
    creds = sso_client(sso).get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken=token["accessToken"])
    assert creds["roleCredentials"]["accessKeyId"].startswith("ASIA")
    # The raw wire: a JSON error body.
    status, headers, body = send(sso["sso"], "POST", "/token", json.dumps({
        "grantType": "refresh_token", "clientId": "client-1", "clientSecret": "x", "refreshToken": "refresh-1"}).encode(),
        {"Content-Type": "application/json"})
    assert (status, headers["x-amzn-errortype"], body["error"]) == (400, "InvalidGrantException", "invalid_grant")
    assert sso_control(sso, "GET", "/__sso/stats")[2]["token"] == {"calls": 6, "by_status": {"400": 5, "200": 1}}


def test_sso_oidc_can_rotate_refresh_tokens(sso):
    sso_control(sso, "POST", "/__sso/refresh-tokens", {"refresh_token": "refresh-r", "client_id": "c",
                                                      "client_secret": "s", "rotate": True, "expires_in": 60})
    oidc = oidc_client(sso)
    first = oidc.create_token(grantType="refresh_token", clientId="c", clientSecret="s", refreshToken="refresh-r")
    assert first["refreshToken"] != "refresh-r" and first["expiresIn"] == 60
    with pytest.raises(ClientError) as caught:
        oidc.create_token(grantType="refresh_token", clientId="c", clientSecret="s", refreshToken="refresh-r")
    assert _error(caught)[:2] == (400, "InvalidGrantException")
    second = oidc.create_token(grantType="refresh_token", clientId="c", clientSecret="s",
                               refreshToken=first["refreshToken"])
    assert second["refreshToken"] not in ("refresh-r", first["refreshToken"])


def test_sso_credentials_call_lambda_under_role_only(sso, seven):
    control(sso, "POST", "/__peer/config", {"policy": "role-only"})
    key_id = sso_control(sso, "POST", "/__sso/credentials", {"account_id": ACCOUNT, "role_name": SSO_ROLE})[2]["access_key_id"]
    sso_control(sso, "POST", "/__sso/access-tokens", {"access_token": "lambda-token"})
    creds = sso_client(sso).get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken="lambda-token")["roleCredentials"]
    client = lambda_client(sso["proxy"], key=creds["accessKeyId"], secret=creds["secretAccessKey"],
                           aws_session_token=creds["sessionToken"])
    assert client.get_event_source_mapping(UUID=seven["uuids"][0])["UUID"] == seven["uuids"][0]
    # moto never issued this key, so it answers GetCallerIdentity with its fallback identity.
    identity = sts_client(sso["proxy"], creds["accessKeyId"], creds["secretAccessKey"],
                          creds["sessionToken"]).get_caller_identity()
    assert (identity["Account"], identity["Arn"]) == (ACCOUNT, f"arn:aws:sts::{ACCOUNT}:user/moto")
    assert stats(sso)["signers"] == {"lambda": [key_id], "sts": [key_id]}


def test_botocore_sso_profile_refreshes_and_lists_through_the_proxy(sso, seven, tmp_path, monkeypatch):
    """botocore's own SSO code: an expiring cached token is refreshed at /token (and the cache
    file rewritten), the new token buys role credentials at the portal, and those sign Lambda."""
    sso_control(sso, "POST", "/__sso/refresh-tokens",
                {"refresh_token": "cached-refresh", "client_id": "cached-client", "client_secret": "cached-secret",
                 "rotate": True})
    key_id = sso_control(sso, "POST", "/__sso/credentials", {"account_id": ACCOUNT, "role_name": SSO_ROLE})[2]["access_key_id"]
    control(sso, "POST", "/__peer/config", {"policy": "role-only"})
    config = tmp_path / "config"
    config.write_text(
        "[profile sluice-sso]\nsso_session = sluice\nsso_account_id = 123456789012\n"
        f"sso_role_name = {SSO_ROLE}\nregion = us-east-1\n\n"
        "[sso-session sluice]\nsso_start_url = https://sluice.example/start\nsso_region = us-east-1\n"
    )
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO", sso["sso"])
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO_OIDC", sso["sso"])
    cache_dir = tmp_path / "sso-cache"
    cache = JSONFileCache(str(cache_dir), dumps_func=_sso_json_dumps)
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1)  # inside the refresh window
    cache[hashlib.sha1(b"sluice").hexdigest()] = {  # botocore: sha1 of the sso-session name
        "startUrl": "https://sluice.example/start", "region": "us-east-1", "accessToken": "cached-but-unknown",
        "expiresAt": soon.strftime("%Y-%m-%dT%H:%M:%SZ"), "clientId": "cached-client",
        "clientSecret": "cached-secret", "registrationExpiresAt": "2099-01-01T00:00:00Z",
        "refreshToken": "cached-refresh",
    }
    session = botocore.session.Session(profile="sluice-sso")
    tokens = SSOTokenProvider(session, cache=cache, profile_name="sluice-sso")
    fetcher = SSOCredentialFetcher("https://sluice.example/start", "us-east-1", SSO_ROLE, ACCOUNT,
                                   session.create_client, token_provider=tokens, cache={}, sso_session_name="sluice")
    creds = fetcher.fetch_credentials()
    assert creds["access_key"] == key_id
    saved = json.loads(next(cache_dir.glob("*.json")).read_text())
    assert saved["accessToken"].startswith("sluice-sso-access-")
    assert saved["refreshToken"] not in ("cached-refresh", None)  # rotated, and botocore kept the new one
    client = lambda_client(sso["proxy"], key=creds["access_key"], secret=creds["secret_key"],
                           aws_session_token=creds["token"])
    pages = list(client.get_paginator("list_event_source_mappings").paginate(FunctionName=seven["function"]))
    assert sorted(m["UUID"] for p in pages for m in p["EventSourceMappings"]) == sorted(seven["uuids"])
    counted = sso_control(sso, "GET", "/__sso/stats")[2]
    assert [(e["op"], e["status"]) for e in counted["log"]] == [("CreateToken", 200), ("GetRoleCredentials", 200)]
    assert stats(sso)["signers"] == {"lambda": [key_id]}


def test_sso_control_api_validates_and_reports_proxy_refusals(sso):
    for path, payload in [
        ("/__sso/access-tokens", {}),
        ("/__sso/access-tokens", {"access_token": "t", "expires_in": -1}),
        ("/__sso/refresh-tokens", {"refresh_token": "r", "client_id": "c"}),
        ("/__sso/refresh-tokens", {"refresh_token": "r", "client_id": "c", "client_secret": "s", "rotate": "yes"}),
        ("/__sso/credentials", {"account_id": ACCOUNT}),
        ("/__sso/credentials", {"account_id": ACCOUNT, "role_name": SSO_ROLE, "access_key_id": "ASIAONLYID"}),
    ]:
        assert sso_control(sso, "POST", path, payload)[0] == 400, (path, payload)
    assert sso_control(sso, "GET", "/__sso/nothing")[0] == 404
    refused = sso_control(sso, "POST", "/__sso/credentials", {
        "account_id": ACCOUNT, "role_name": SSO_ROLE, "access_key_id": AKID, "secret_access_key": "s",
        "session_token": "t"})
    assert refused[0] == 502 and "base key" in refused[2]["message"]
    portal = sso_client(sso)
    sso_control(sso, "POST", "/__sso/access-tokens", {"access_token": "after-refusal"})
    with pytest.raises(ClientError) as caught:  # nothing was registered for the role
        portal.get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken="after-refusal")
    assert _error(caught)[:2] == (403, "ForbiddenException")


def test_sso_stub_log_and_counters_hold_no_tokens(sso):
    sso_control(sso, "POST", "/__sso/refresh-tokens",
                {"refresh_token": "log-refresh-token", "client_id": "log-client", "client_secret": "log-client-secret"})
    sso_control(sso, "POST", "/__sso/credentials", {
        "account_id": ACCOUNT, "role_name": SSO_ROLE, "access_key_id": "ASIALOGGED0000000001",
        "secret_access_key": "log-aws-secret", "session_token": "log-session-token"})
    token = oidc_client(sso).create_token(grantType="refresh_token", clientId="log-client",
                                          clientSecret="log-client-secret", refreshToken="log-refresh-token")
    sso_client(sso).get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken=token["accessToken"])
    with pytest.raises(ClientError):
        sso_client(sso).get_role_credentials(roleName=SSO_ROLE, accountId=ACCOUNT, accessToken="log-bad-token")
    seen = (sso["dir"] / "sso.log").read_text() + json.dumps(sso_control(sso, "GET", "/__sso/stats")[2])
    seen += (sso["dir"] / "proxy.log").read_text()
    assert "GET /federation/credentials -> 200" in seen and "POST /token -> 200" in seen
    for secret_ish in ("log-refresh-token", "log-client-secret", "log-aws-secret", "log-session-token",
                       "log-bad-token", token["accessToken"]):
        assert secret_ish not in seen


# --------------------------------------------------------------------------------------
# scripts
# --------------------------------------------------------------------------------------


def test_start_and_stop_leave_no_processes(tmp_path):
    started = subprocess.run(
        [str(HERE / "start-peer.sh"), str(tmp_path)], check=True, timeout=60, capture_output=True, text=True
    )
    env = read_env(tmp_path)
    auth_port = urllib.parse.urlsplit(env["SLUICE_TEST_HTTP_PROXY_AUTH"]).port
    assert started.stdout.splitlines() == [
        f"moto at {env['SLUICE_TEST_MOTO_URL']}, proxy at {env['SLUICE_TEST_PROXY_URL']}, "
        f"sso at {env['SLUICE_TEST_SSO_URL']}",
        f"tls proxy at {env['SLUICE_TEST_PROXY_TLS_URL']}, wrong-host proxy at {env['SLUICE_TEST_WRONG_HOST_URL']} "
        f"(CA {tmp_path}/ca.pem), http proxy at {env['SLUICE_TEST_HTTP_PROXY']}, "
        f"http proxy with basic auth at 127.0.0.1:{auth_port}",
    ]
    assert sorted(env) == sorted(
        f"SLUICE_TEST_{n}" for n in ("MOTO_URL", "PROXY_URL", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "REGION",
                                     "SSO_URL", "ACCOUNT_ID", "ROLE_ARN", "PROXY_TLS_URL", "WRONG_HOST_URL",
                                     "CA_BUNDLE", "HTTP_PROXY", "HTTP_PROXY_AUTH", "HTTP_PROXY_LOG",
                                     "HTTP_PROXY_AUTH_LOG", "REFUSED_URL")
    )
    refused = urllib.parse.urlsplit(env["SLUICE_TEST_REFUSED_URL"])
    assert (refused.scheme, refused.hostname) == ("http", "127.0.0.1")
    assert (tmp_path / "refused.port").read_text().strip() == str(refused.port)
    assert (env["SLUICE_TEST_ACCOUNT_ID"], env["SLUICE_TEST_ROLE_ARN"]) == (ACCOUNT, ROLE_ARN)
    assert (tmp_path / "moto.url").read_text().strip() == env["SLUICE_TEST_MOTO_URL"]
    assert (tmp_path / "sso.url").read_text().strip() == env["SLUICE_TEST_SSO_URL"]
    assert json.loads((tmp_path / "credentials.json").read_text()) == {AKID: SECRET}
    assert env["SLUICE_TEST_CA_BUNDLE"] == str(tmp_path / "ca.pem")
    assert env["SLUICE_TEST_HTTP_PROXY_LOG"] == str(tmp_path / "tinyproxy.log")
    assert env["SLUICE_TEST_HTTP_PROXY_AUTH_LOG"] == str(tmp_path / "tinyproxy-auth.log")
    names = [line.split()[0] for line in (tmp_path / "pids").read_text().splitlines()]
    pids = [int(line.split()[1]) for line in (tmp_path / "pids").read_text().splitlines()]
    assert names == ["moto", "proxy", "proxy-tls", "wrong-host", "tinyproxy", "tinyproxy-auth", "sso"]
    assert all(pid_alive(p) for p in pids)
    password = urllib.parse.urlsplit(env["SLUICE_TEST_HTTP_PROXY_AUTH"]).password
    printed_password = password in started.stdout + started.stderr  # (not in an assert: it would print it)
    assert password
    assert not printed_password
    assert SECRET not in started.stdout + started.stderr
    stopped = subprocess.run(
        [str(HERE / "stop-peer.sh"), str(tmp_path)], check=True, timeout=30, capture_output=True, text=True
    )
    assert not any(pid_alive(p) for p in pids)
    printed_password = password in stopped.stdout + stopped.stderr
    assert not printed_password
    subprocess.run([str(HERE / "stop-peer.sh"), str(tmp_path)], check=True, timeout=30)  # idempotent


def test_seed_cli_covers_each_supported_source_kind(peer):
    result = subprocess.run(
        [sys.executable, str(HERE / "seed.py"), "--endpoint", peer["moto"], "--count", "8", "--functions", "2", "--json"],
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    uuids = json.loads(result.stdout)
    assert len(uuids) == len(set(uuids)) == 8
    moto = lambda_client(peer["moto"])
    sources = [moto.get_event_source_mapping(UUID=u)["EventSourceArn"] for u in uuids]
    kinds = {("sqs-fifo" if s.endswith(".fifo") else s.split(":")[2]) for s in sources}
    assert kinds == {"sqs", "sqs-fifo", "kinesis", "dynamodb"}
    pairs = {(s, moto.get_event_source_mapping(UUID=u)["FunctionArn"]) for s, u in zip(sources, uuids)}
    assert len(pairs) == 8  # no (source, function) pair used twice
