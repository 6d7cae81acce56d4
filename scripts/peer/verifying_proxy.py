#!/usr/bin/env python3
"""Verifying reverse proxy in front of moto_server, used as Sluice's test peer.

Why it exists: moto 5.2.1 in server mode does not check SigV4 signatures in a
way we can trust (it mishandles requests without a body and percent-encoded
query strings), and it ignores MaxItems/Marker on ListEventSourceMappings. So
this proxy, listening on 127.0.0.1 only:

* verifies every Lambda and STS API request's SigV4 signature with botocore's own
  canonicalisation, against a table of known credentials: the fixed test key, plus
  the temporary keys that STS AssumeRole / AssumeRoleWithWebIdentity answered with
  through this proxy (or that a control request registered, as the SSO stub does),
  each of which must come with its own session token and expires when STS said;
* passes unsigned STS AssumeRoleWithWebIdentity through, and optionally (policy
  "role-only") lets the fixed test key call only sts:AssumeRole and GetCallerIdentity;
* implements ListEventSourceMappings paging (MaxItems/Marker/NextMarker) and
  the FunctionName/EventSourceArn filters itself, reading moto's table once per
  listing and serving the later pages from that snapshot;
* injects faults on demand (429/500/503/connection reset/delay);
* plays, when told, Lambda's per-operation throttling (a token bucket per API operation) and
  two outages: a blackhole (requests read, never answered) and a reset at once; with
  --refuse-port-file it also keeps a port where every connect is refused;
* serves plain HTTP, or HTTPS with --tls-cert/--tls-key (one process per listener);
* counts what it saw, so a test can prove e.g. that a read-only mode sent no
  mutating request, or which access keys signed its Lambda calls.

Control API (never signature-checked, never forwarded) lives under /__peer/;
see README.md next to this file.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime
import functools
import hashlib
import hmac
import http.client
import json
import math
import os
import random
import re
import select
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape as xml_escape

import botocore.session
from botocore.auth import SIGV4_TIMESTAMP, SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

DEFAULT_CREDENTIALS = {"AKIDSLUICETEST": "sluice-test-secret-key"}
MAX_CLOCK_SKEW = datetime.timedelta(minutes=15)
CONTROL_PREFIX = "/__peer/"
ESM_COLLECTION_PATHS = ("/2015-03-31/event-source-mappings", "/2015-03-31/event-source-mappings/")
ESM_ITEM_RE = re.compile(r"^/2015-03-31/event-source-mappings/[^/?]+/?$")
AWS_MAX_PAGE = 100  # ListEventSourceMappings never returns more than this per page.
MAX_ITEMS_LIMIT = 10000  # MaxItems range in the service model is 1..10000.
MAX_BODY_BYTES = 16 * 1024 * 1024  # Lambda payloads are far smaller; bounds memory use.
UPSTREAM_TIMEOUT_S = 60
TLS_HANDSHAKE_TIMEOUT_S = 10  # a client that connects and never says hello costs one thread this long
TLS_CLOSE_TIMEOUT_S = 1  # waiting for the client's close_notify after ours
FAULT_KINDS = ("400", "429", "500", "503", "reset", "delay")
OUTAGE_MODES = ("blackhole", "refuse")
HOLD_POLL_S = 0.1  # how often a blackholed request looks whether its outage was lifted
CONFIG_KEYS = ("page_size", "policy", "rate_limit", "outage", "forward")
# STS (query protocol). No STS call changes a resource (they name the caller or mint temporary
# credentials), so STS calls are forwarded but neither counted as mutating nor ending list
# snapshots. The proxy learns the keys the issuing calls return. AssumeRoleWithWebIdentity is
# unsigned in AWS.
STS_ISSUING_ACTIONS = frozenset(["AssumeRole", "AssumeRoleWithWebIdentity"])
UNSIGNED_STS_ACTIONS = frozenset(["AssumeRoleWithWebIdentity"])
# Policy "role-only": the base (credentials-file) keys may call only these; role keys anything.
POLICIES = ("open", "role-only")
BASE_KEY_ACTIONS_ROLE_ONLY = frozenset(["AssumeRole", "GetCallerIdentity"])
MAX_LEARNED_KEYS = 4096  # oldest forgotten first; a test run learns a few hundred at most
AWS_TIMESTAMP = "%Y-%m-%dT%H:%M:%SZ"  # STS Expiration as AWS writes it (moto adds microseconds)
# STS answers errors as query-protocol XML with its own codes (botocore cannot parse JSON there).
STS_ERROR_CODES = {
    "InvalidSignatureException": "SignatureDoesNotMatch",
    "UnrecognizedClientException": "InvalidClientTokenId",
    "ExpiredTokenException": "ExpiredToken",
    "AccessDeniedException": "AccessDenied",
    "TooManyRequestsException": "Throttling",
    "ServiceException": "InternalFailure",
    "ServiceUnavailable": "ServiceUnavailable",
    "InvalidParameterValueException": "InvalidParameterValue",
}
# A listing's later pages are served from the snapshot taken by its first page (see ListSnapshot).
SNAPSHOT_TTL_S = 60.0
MAX_SNAPSHOTS = 64
# Connection-level headers that must not be relayed between hops (RFC 9110 7.6.1).
HOP_BY_HOP = frozenset(
    ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]
)
ACCESS_KEY_ID_RE = re.compile(r"^[A-Za-z0-9]{1,128}$")
AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+)\s*,\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+)\s*,\s*Signature=(?P<signature>[0-9a-fA-F]+)\s*$"
)


# --------------------------------------------------------------------------------------
# SigV4 verification
# --------------------------------------------------------------------------------------


class SignatureRejected(Exception):
    """A request failed authentication; carries the AWS error type to answer with."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type
        self.message = message


@dataclass(frozen=True)
class AuthorizationHeader:
    """The parts of a SigV4 Authorization header."""

    access_key: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


@dataclass(frozen=True)
class KnownKey:
    """A key the proxy accepts. Temporary keys carry the session token every request must
    send (X-Amz-Security-Token) and the moment they stop working."""

    secret: str
    session_token: str | None = None
    expires_at: datetime.datetime | None = None
    origin: str = "base"  # "base", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sso", ...

    def expired(self, now: datetime.datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def describe(self, access_key_id: str, now: datetime.datetime) -> dict:
        """Key id, origin and expiry only: never the secret or the token."""
        return {
            "access_key_id": access_key_id,
            "origin": self.origin,
            "expiration": self.expires_at.strftime(AWS_TIMESTAMP) if self.expires_at else None,
            "expired": self.expired(now),
        }


def parse_authorization(value: str | None) -> AuthorizationHeader:
    """Split `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`."""
    if not value:
        raise SignatureRejected("InvalidSignatureException", "Missing Authentication Token")
    match = AUTH_RE.match(value.strip())
    if not match:
        raise SignatureRejected(
            "InvalidSignatureException",
            "Authorization header is not a well-formed AWS4-HMAC-SHA256 header.",
        )
    parts = match.group("credential").split("/")
    if len(parts) != 5 or parts[4] != "aws4_request" or not all(parts):
        raise SignatureRejected(
            "InvalidSignatureException",
            "Credential should be scoped to a valid region and service: "
            "'<AKID>/<yyyymmdd>/<region>/<service>/aws4_request'.",
        )
    signed = tuple(sorted({name.lower() for name in match.group("signed").split(";")}))
    return AuthorizationHeader(
        access_key=parts[0],
        date=parts[1],
        region=parts[2],
        service=parts[3],
        signed_headers=signed,
        signature=match.group("signature").lower(),
    )


class _ExactSignedHeadersSigV4(SigV4Auth):
    """botocore's SigV4 canonicalisation, but over exactly the headers the client signed.

    Stock `headers_to_sign` signs every header it is given except a blacklist
    (e.g. user-agent) and adds `host` when missing. A server must instead use
    precisely the client's SignedHeaders list, whatever it contains.
    """

    def __init__(self, credentials, service_name, region_name, signed_headers):
        super().__init__(credentials, service_name, region_name)
        self._signed = signed_headers

    def headers_to_sign(self, request):
        header_map = HTTPHeaders()
        for name, value in request.headers.items():
            if name.lower() in self._signed:
                header_map[name.lower()] = value
        return header_map


def canonical_query_params(raw_query: str) -> list[tuple[str, str]]:
    """Decode the wire query into (name, value) pairs, keeping order and repeats.

    botocore re-encodes these with SigV4's rules (only A-Z a-z 0-9 - _ . ~
    unescaped), which is what AWS does server-side: a botocore request whose
    wire query is `Marker=abc%2Fdef%2B%3D` round-trips exactly, while a client
    that signed a non-canonical form (e.g. a raw `:`) is rejected as AWS would.
    `+` is kept as a literal plus (botocore always sends a space as %20).
    """
    if not raw_query:
        return []
    pairs = []
    for item in raw_query.split("&"):
        name, _, value = item.partition("=")
        pairs.append((urllib.parse.unquote(name), urllib.parse.unquote(value)))
    return pairs


def _redact_token(canonical_request: str) -> str:
    """Hide a session-token value before echoing a canonical request to the client."""
    return re.sub(r"(?m)^(x-amz-security-token:).*$", r"\1<redacted>", canonical_request)


def _check_clock(amz_date: str, now: datetime.datetime) -> None:
    """Reject requests whose X-Amz-Date is more than 15 minutes from `now` (like AWS)."""
    try:
        signed_at = datetime.datetime.strptime(amz_date, SIGV4_TIMESTAMP).replace(
            tzinfo=datetime.timezone.utc
        )
    except ValueError:
        raise SignatureRejected(
            "InvalidSignatureException", f"X-Amz-Date '{amz_date}' is not in the form YYYYMMDDTHHMMSSZ."
        ) from None
    now_s = now.strftime(SIGV4_TIMESTAMP)
    if signed_at < now - MAX_CLOCK_SKEW:
        earliest = (now - MAX_CLOCK_SKEW).strftime(SIGV4_TIMESTAMP)
        raise SignatureRejected(
            "InvalidSignatureException",
            f"Signature expired: {amz_date} is now earlier than {earliest} ({now_s} - 15 min.)",
        )
    if signed_at > now + MAX_CLOCK_SKEW:
        latest = (now + MAX_CLOCK_SKEW).strftime(SIGV4_TIMESTAMP)
        raise SignatureRejected(
            "InvalidSignatureException",
            f"Signature not yet current: {amz_date} is still later than {latest} ({now_s} + 15 min.)",
        )


def verify_request(
    method: str,
    target: str,
    headers: list[tuple[str, str]],
    body: bytes,
    credentials: dict[str, str | KnownKey],
    now: datetime.datetime | None = None,
) -> str:
    """Check a request's SigV4 signature; return the access key id or raise SignatureRejected.

    `target` is the request-target exactly as received on the wire
    (path?query); `headers` are all received headers, repeats included.
    `credentials` maps access key ids to a secret, or to a KnownKey whose session
    token must be sent and whose expiry is enforced.
    """
    now = now or datetime.datetime.now(datetime.timezone.utc)
    lookup = HTTPHeaders()
    for name, value in headers:
        lookup[name] = value
    auth = parse_authorization(lookup.get("authorization"))
    known = credentials.get(auth.access_key)
    if known is None:
        raise SignatureRejected(
            "UnrecognizedClientException", "The security token included in the request is invalid."
        )
    if not isinstance(known, KnownKey):
        known = KnownKey(known)
    if known.session_token is not None:
        sent = lookup.get("x-amz-security-token") or ""
        if not hmac.compare_digest(sent.encode(), known.session_token.encode()):
            raise SignatureRejected(
                "UnrecognizedClientException", "The security token included in the request is invalid."
            )
    if known.expired(now):
        raise SignatureRejected(
            "ExpiredTokenException", "The security token included in the request is expired"
        )
    secret = known.secret
    for required in ("host", "x-amz-date"):
        if required not in auth.signed_headers:
            raise SignatureRejected(
                "InvalidSignatureException", f"'{required}' must be a signed header."
            )
    amz_date = lookup.get("x-amz-date") or ""
    _check_clock(amz_date, now)
    if auth.date != amz_date[:8]:
        raise SignatureRejected(
            "InvalidSignatureException",
            f"Credential scope date {auth.date} does not match X-Amz-Date {amz_date}.",
        )
    declared_hash = lookup.get("x-amz-content-sha256")
    if declared_hash is not None and declared_hash != _sha256_hex(body):
        raise SignatureRejected(
            "InvalidSignatureException", "X-Amz-Content-SHA256 does not match the request body."
        )

    path, _, query = target.partition("?")
    signed_only = {
        name: value for name, value in headers if name.lower() in auth.signed_headers
    }
    missing = [h for h in auth.signed_headers if h not in {n.lower() for n in signed_only}]
    if missing:
        raise SignatureRejected(
            "InvalidSignatureException", f"Signed header(s) missing from the request: {', '.join(missing)}."
        )
    request = AWSRequest(
        method=method,
        url=f"http://{lookup.get('host', 'localhost')}{path}",
        data=body,
        params=canonical_query_params(query),
    )
    for name, value in headers:
        if name.lower() in auth.signed_headers:
            request.headers[name] = value
    request.context["timestamp"] = amz_date
    signer = _ExactSignedHeadersSigV4(
        Credentials(auth.access_key, secret, lookup.get("x-amz-security-token")),
        auth.service,
        auth.region,
        auth.signed_headers,
    )
    canonical_request = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical_request)
    expected = signer.signature(string_to_sign, request)
    if not hmac.compare_digest(expected, auth.signature):
        raise SignatureRejected(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.\n\nThe Canonical String for this request should have been\n'"
            + _redact_token(canonical_request)
            + "'\n\nThe String-to-Sign should have been\n'"
            + string_to_sign
            + "'\n",
        )
    return auth.access_key


def query_action(target: str, body: bytes) -> str | None:
    """The query-protocol `Action` (STS), from the form body or else the query string."""
    for source in (body.decode("utf-8", "replace"), target.partition("?")[2]):
        action = urllib.parse.parse_qs(source).get("Action")
        if action:
            return action[0]
    return None


@dataclass(frozen=True)
class OperationRoute:
    """One Lambda operation's HTTP binding, from botocore's service model."""

    name: str  # e.g. "UpdateEventSourceMapping"
    method: str
    path: re.Pattern  # the requestUri's path, each {Label} one non-empty segment
    query: tuple[tuple[str, str], ...]  # literal query pairs the requestUri requires, e.g. ("List", "ALL")

    def matches(self, method: str, path: str, params: dict[str, str]) -> bool:
        return (
            method == self.method
            and self.path.match(path) is not None
            and all(params.get(name) == value for name, value in self.query)
        )


@functools.cache
def lambda_routes() -> tuple[OperationRoute, ...]:
    """Every Lambda operation's method and path, those that require a query pair first (ListLayers
    and GetLayerVersionByArn share a path, told apart by `find=LayerVersion`)."""
    model = botocore.session.get_session().get_service_model("lambda")
    routes = []
    for name in model.operation_names:
        http_binding = model.operation_model(name).http
        path, _, query = http_binding["requestUri"].partition("?")
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path.rstrip("/")))
        pairs = tuple(tuple(item.partition("=")[::2]) for item in query.split("&") if item)
        routes.append(OperationRoute(name, http_binding["method"], re.compile(f"^{pattern}/?$"), pairs))
    return tuple(sorted(routes, key=lambda route: not route.query))


@functools.cache
def operation_names() -> frozenset[str]:
    """What a rate limit may name: Lambda's operations, and STS actions as `sts:ACTION`."""
    sts = botocore.session.get_session().get_service_model("sts")
    return frozenset(route.name for route in lambda_routes()) | {f"sts:{name}" for name in sts.operation_names}


def lambda_operation(method: str, target: str) -> str | None:
    """The Lambda operation a request is (by method and path), or None for a path the model lacks."""
    path, _, query = target.partition("?")
    params = dict(canonical_query_params(query))
    return next((r.name for r in lambda_routes() if r.matches(method, path, params)), None)


@dataclass(frozen=True)
class ApiCall:
    """What an API request is, as far as the proxy cares: its service and (STS) action, or its
    Lambda operation."""

    service: str | None  # credential-scope service; "sts" for an unsigned STS action; else None
    action: str | None  # STS Action, None for other services
    signed: bool  # carries an Authorization header
    operation: str | None = None  # Lambda operation, e.g. "UpdateEventSourceMapping"; else None

    @property
    def unsigned_allowed(self) -> bool:
        """An unsigned call AWS takes without credentials (AssumeRoleWithWebIdentity)."""
        return not self.signed and self.service == "sts" and self.action in UNSIGNED_STS_ACTIONS

    @property
    def label(self) -> str:
        """`sts:ACTION`, the Lambda operation, else the service (`lambda` for a path Lambda's model
        lacks) or `-`: the key of the rate limit's buckets and of the per-operation counters."""
        if self.service == "sts":
            return f"sts:{self.action}"
        return self.operation or self.service or "-"

    def mutating(self, method: str) -> bool:
        """Anything but GET/HEAD, except STS calls, none of which changes a resource."""
        return method not in ("GET", "HEAD") and self.service != "sts"


def classify_call(target: str, headers, body: bytes, method: str | None = None) -> ApiCall:
    """Service from the Authorization credential scope (as moto routes); STS Action from the form;
    the Lambda operation from `method` and the path (none without a method)."""
    auth = headers.get("Authorization")
    service = None
    if auth:
        try:
            service = parse_authorization(auth).service.lower()
        except SignatureRejected:
            service = None
    action = query_action(target, body) if service in ("sts", None) else None
    if not auth and action in UNSIGNED_STS_ACTIONS:
        service = "sts"
    operation = lambda_operation(method, target) if service == "lambda" and method else None
    return ApiCall(service, action if service == "sts" else None, bool(auth), operation)


def parse_issued_credentials(body: bytes) -> tuple[str, KnownKey] | None:
    """(access key id, KnownKey) from an AssumeRole* XML answer, or None if it has none."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    credentials = root.find(".//{*}Credentials")
    if credentials is None:
        return None
    fields = {n: (credentials.findtext("{*}" + n) or "").strip()
              for n in ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")}
    if not (fields["AccessKeyId"] and fields["SecretAccessKey"] and fields["SessionToken"]):
        return None
    expires = parse_timestamp(fields["Expiration"]) if fields["Expiration"] else None
    return fields["AccessKeyId"], KnownKey(fields["SecretAccessKey"], fields["SessionToken"], expires)


def parse_timestamp(text: str) -> datetime.datetime:
    """ISO 8601 (as STS writes it, with or without fraction) to whole-second UTC."""
    moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).replace(microsecond=0)


def aws_expiration(body: bytes) -> bytes:
    """moto writes `<Expiration>2026-12-04T20:36:56.237568Z`; AWS writes whole seconds."""

    def whole_seconds(match: re.Match) -> bytes:
        try:
            moment = parse_timestamp(match.group(1).decode())
        except ValueError:
            return match.group(0)
        return b"<Expiration>" + moment.strftime(AWS_TIMESTAMP).encode() + b"</Expiration>"

    return re.sub(rb"<Expiration>([^<]*)</Expiration>", whole_seconds, body)


def sts_error_xml(status: int, code: str, message: str, request_id: str) -> bytes:
    """An STS (query protocol) error document."""
    fault = "Receiver" if status >= 500 else "Sender"
    return (
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
        f"<Error><Type>{fault}</Type><Code>{xml_escape(code)}</Code>"
        f"<Message>{xml_escape(message)}</Message></Error>"
        f"<RequestId>{request_id}</RequestId></ErrorResponse>"
    ).encode()


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------------------
# Fault injection and statistics
# --------------------------------------------------------------------------------------


@dataclass
class Fault:
    """One queued fault, consumed by the next `count` matching requests."""

    kind: str
    count: int = 1
    retry_after: int = 1
    delay_ms: int = 500
    method: str | None = None
    path_prefix: str | None = None
    service: str | None = None  # credential-scope service, e.g. "lambda" or "sts"

    def matches(self, method: str, path: str, service: str | None = None) -> bool:
        return (
            (self.method is None or self.method == method.upper())
            and (self.path_prefix is None or path.startswith(self.path_prefix))
            and (self.service is None or self.service == service)
        )

    def describe(self) -> dict:
        return {
            "kind": self.kind,
            "count": self.count,
            "retry_after": self.retry_after,
            "delay_ms": self.delay_ms,
            "match": {"method": self.method, "path_prefix": self.path_prefix, "service": self.service},
        }


def _int_field(spec: dict, name: str, default: int, minimum: int) -> int:
    value = spec.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"'{name}' must be an integer >= {minimum}")
    return value


def _match_fields(spec: dict) -> dict:
    match = spec.get("match") or {}
    if not isinstance(match, dict):
        raise ValueError("'match' must be an object")
    method = match.get("method")
    service = match.get("service")
    if service is not None and not isinstance(service, str):
        raise ValueError("'match.service' must be a string")
    return {
        "method": method.upper() if isinstance(method, str) else None,
        "path_prefix": match.get("path_prefix"),
        "service": service.lower() if service else None,
    }


def parse_fault(spec: dict) -> Fault:
    """Validate one entry of POST /__peer/faults {"faults": [...]}."""
    if not isinstance(spec, dict) or spec.get("kind") not in FAULT_KINDS:
        raise ValueError(f"each fault needs 'kind' in {list(FAULT_KINDS)}")
    return Fault(
        kind=spec["kind"],
        count=_int_field(spec, "count", 1, 1),
        retry_after=_int_field(spec, "retry_after", 1, 0),
        delay_ms=_int_field(spec, "delay_ms", 500, 0),
        **_match_fields(spec),
    )


@dataclass
class RandomFaults:
    """A seeded random fault rate on matching requests (for bulk-operation tests)."""

    rate: float
    kinds: tuple[str, ...]
    rng: random.Random
    template: Fault  # carries match, retry_after and delay_ms
    seed: int | None = None

    def describe(self) -> dict:
        described = self.template.describe()
        described.pop("kind")
        described.pop("count")
        return {"rate": self.rate, "kinds": list(self.kinds), "seed": self.seed, **described}


def parse_random(spec: dict) -> RandomFaults:
    """Validate POST /__peer/faults {"random": {...}}."""
    if not isinstance(spec, dict):
        raise ValueError("'random' must be an object")
    rate = spec.get("rate")
    if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 0 <= rate <= 1:
        raise ValueError("'rate' must be a number between 0 and 1")
    kinds = tuple(spec.get("kinds") or ("429", "500", "503", "reset"))
    if not kinds or any(k not in FAULT_KINDS for k in kinds):
        raise ValueError(f"'kinds' must be a non-empty subset of {list(FAULT_KINDS)}")
    seed = spec.get("seed")
    template = parse_fault({**spec, "kind": kinds[0]})
    return RandomFaults(rate=float(rate), kinds=kinds, rng=random.Random(seed), template=template, seed=seed)


# --------------------------------------------------------------------------------------
# Rate limiting and outages (POST /__peer/config)
# --------------------------------------------------------------------------------------


@dataclass
class TokenBucket:
    """At most `burst` tokens, refilled continuously at `per_second`; a request takes one."""

    per_second: float
    burst: int
    tokens: float
    stamp: float  # time.monotonic() of the last refill

    def take(self, now: float) -> float:
        """Take a token and return 0, or take none and return the seconds until one is there."""
        self.tokens = min(float(self.burst), self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


@dataclass
class RateLimit:
    """Lambda's control-plane throttling: one token bucket per operation (ApiCall.label), each
    starting full. `operations` None limits every mutating Lambda call (those counted in
    `mutating`, i.e. PUT/POST/DELETE); a set limits exactly the operations it names."""

    per_second: float
    burst: int
    operations: frozenset[str] | None = None
    buckets: dict[str, TokenBucket] = field(default_factory=dict)

    def limits(self, call: ApiCall, method: str) -> bool:
        if self.operations is None:
            return call.service == "lambda" and call.mutating(method)
        return call.label in self.operations

    def retry_after(self, call: ApiCall, method: str, now: float) -> int | None:
        """None when the request may go on (it took a token, or is not limited); else the whole
        seconds, at least 1, until its operation's bucket has a token again."""
        if not self.limits(call, method):
            return None
        bucket = self.buckets.get(call.label)
        if bucket is None:
            bucket = self.buckets[call.label] = TokenBucket(self.per_second, self.burst, self.burst, now)
        wait = bucket.take(now)
        if wait == 0:
            return None
        return max(1, math.ceil(wait - 1e-9))  # (1e-9: 0.1 / 0.1 may come out as 1.0000000000000002)

    def describe(self) -> dict:
        operations = sorted(self.operations) if self.operations is not None else None
        return {"per_second": self.per_second, "burst": self.burst, "operations": operations}


def parse_rate_limit(spec) -> RateLimit | None:
    """Validate `"rate_limit"` of POST /__peer/config: null, or {"per_second", "burst", "operations"?}."""
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise ValueError("'rate_limit' must be an object {\"per_second\", \"burst\", \"operations\"?} or null")
    unknown = sorted(set(spec) - {"per_second", "burst", "operations"})
    if unknown:
        raise ValueError(f"'rate_limit' takes 'per_second', 'burst' and 'operations', got {unknown}")
    per_second = spec.get("per_second")
    if not isinstance(per_second, (int, float)) or isinstance(per_second, bool) or not per_second > 0:
        raise ValueError("'rate_limit.per_second' must be a number > 0")
    burst = spec.get("burst")
    if not isinstance(burst, int) or isinstance(burst, bool) or burst < 1:
        raise ValueError("'rate_limit.burst' must be an integer >= 1")
    return RateLimit(per_second, burst, _rate_limited_operations(spec.get("operations")))


def _rate_limited_operations(names) -> frozenset[str] | None:
    if names is None:
        return None
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ValueError("'rate_limit.operations' must be a non-empty list of operation names")
    unknown = sorted(set(names) - operation_names())
    if unknown:
        raise ValueError(
            f"'rate_limit.operations': unknown {unknown}; name Lambda operations as botocore's model "
            "does (e.g. UpdateEventSourceMapping) and STS actions as sts:ACTION"
        )
    return frozenset(names)


@dataclass(frozen=True)
class Outage:
    """An outage played on API requests (never on /__peer/ ones). `blackhole`: each request is
    read and never answered until the outage is lifted (or the client hangs up); with `forward`
    it first goes through to moto as usual and only the answer is lost. `refuse`: each request's
    connection is reset (RST) as soon as its head shows an API path, before the body is read."""

    mode: str  # one of OUTAGE_MODES
    forward: bool = False
    lifted: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)


def parse_outage(payload: dict) -> Outage | None:
    """Validate `"outage"` (and `"forward"`) of POST /__peer/config."""
    if "outage" not in payload:
        raise ValueError("'forward' goes with 'outage': \"blackhole\"")
    mode, forward = payload["outage"], payload.get("forward", False)
    if mode is not None and mode not in OUTAGE_MODES:
        raise ValueError(f"'outage' must be one of {list(OUTAGE_MODES)} or null")
    if not isinstance(forward, bool):
        raise ValueError("'forward' must be true or false")
    if forward and mode != "blackhole":
        raise ValueError("'forward': true goes with 'outage': \"blackhole\" only")
    return Outage(mode, forward) if mode is not None else None


def parse_config(payload: dict) -> dict:
    """Validate POST /__peer/config as a whole: the PeerState fields it sets. A payload with
    any error sets nothing."""
    unknown = sorted(set(payload) - set(CONFIG_KEYS))
    if unknown or not payload:
        raise ValueError(
            "config takes any of 'page_size', 'policy', 'rate_limit' and 'outage' (with 'forward'), "
            f"got {unknown or 'nothing'}"
        )
    changes = {}
    if "page_size" in payload:
        page_size = changes["page_size"] = payload["page_size"]
        if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
            raise ValueError("'page_size' must be an integer >= 1")
    if "policy" in payload:
        changes["policy"] = payload["policy"]
        if changes["policy"] not in POLICIES:
            raise ValueError(f"'policy' must be one of {list(POLICIES)}")
    if "rate_limit" in payload:
        changes["rate_limit"] = parse_rate_limit(payload["rate_limit"])
    if "outage" in payload or "forward" in payload:
        changes["outage"] = parse_outage(payload)
    return changes


def reserve_refused_port() -> socket.socket:
    """A TCP socket bound to 127.0.0.1 on a free port that never listens: a connect() there is
    refused (ECONNREFUSED). Without SO_REUSEADDR, no other socket can bind the port while this
    one stays open, and the kernel never picks a bound port as an ephemeral one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass(frozen=True)
class ListSnapshot:
    """moto's table, filtered, as read by the first page of one listing.

    Re-reading moto's whole table for each page made a list of 1000 mappings cost ten full
    reads (about 600 ms), which swamped whatever client was being measured. So the first page
    (a request without a Marker) reads and filters the table once, and the NextMarker it hands
    out names this snapshot; the later pages of that chain are sliced from it. A request
    without a Marker always reads moto afresh. A snapshot is served only for the same filters,
    for SNAPSHOT_TTL_S seconds and until a change is forwarded to moto through the proxy;
    otherwise the page is read from moto as before (and a new snapshot is taken for the rest).
    """

    mappings: list[dict]
    filters: tuple  # (FunctionName, EventSourceArn) as requested, None where absent
    generation: int
    taken_at: float


@dataclass
class PeerState:
    """Everything the handler threads share; all access goes through `lock`."""

    credentials: dict[str, str]  # the base keys (credentials file): key id -> secret
    upstream_host: str
    upstream_port: int
    page_size: int = AWS_MAX_PAGE
    policy: str = "open"  # or "role-only": base keys may call only BASE_KEY_ACTIONS_ROLE_ONLY
    learned: dict[str, KnownKey] = field(default_factory=dict)  # temporary keys, oldest first
    queued: list[Fault] = field(default_factory=list)
    random_faults: RandomFaults | None = None
    rate_limit: RateLimit | None = None
    outage: Outage | None = None
    stats: dict = field(default_factory=dict)
    snapshots: dict[str, ListSnapshot] = field(default_factory=dict)  # token -> snapshot, oldest first
    generation: int = 0  # bumped after every forwarded change; older snapshots are never served
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.reset_stats()

    def reset_stats(self) -> None:
        self.stats = {
            "requests": 0,
            "by_method": {},
            "rejected_signatures": 0,
            "faults_injected": 0,
            "faults_by_kind": {},
            "forwarded": 0,
            "mutating": 0,
            "mutating_by_path": {},
            "denied_by_policy": 0,
            "unsigned": 0,
            "signers": {},  # service -> set of access key ids that signed accepted requests
            "forwarded_by_operation": {},  # ApiCall.label -> requests sent on to moto
            "throttled": {},  # ApiCall.label -> requests the rate limit answered with 429
            "blackholed": 0,  # requests the blackhole outage held unanswered
            "blackholed_forwarded": 0,  # of those, the ones sent on to moto first
            "outage_resets": 0,  # requests the refuse outage reset
        }

    def describe_stats(self) -> dict:
        with self.lock:
            described = json.loads(json.dumps({k: v for k, v in self.stats.items() if k != "signers"}))
            described["signers"] = {svc: sorted(keys) for svc, keys in sorted(self.stats["signers"].items())}
            return described

    def count_request(self, method: str, path: str, call: ApiCall) -> None:
        """Count an API request on arrival, before any check, so attempts always show.

        STS calls (GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity, ...) are POSTs
        but change no resource; they are not counted as mutating, so read-only checks stay
        meaningful when a client signs in with a role.
        """
        with self.lock:
            self.stats["requests"] += 1
            self.stats["by_method"][method] = self.stats["by_method"].get(method, 0) + 1
            if call.mutating(method):
                self.stats["mutating"] += 1
                by_path = self.stats["mutating_by_path"]
                by_path[path] = by_path.get(path, 0) + 1

    def record_accepted(self, call: ApiCall, access_key: str | None) -> None:
        """An authenticated (or allowed unsigned) request passed the policy."""
        with self.lock:
            if access_key is None:
                self.stats["unsigned"] += 1
            else:
                self.stats["signers"].setdefault(call.service or "unknown", set()).add(access_key)

    # ---- keys and policy -------------------------------------------------------------

    def known_keys(self) -> dict[str, str | KnownKey]:
        """Every key a request may be signed with (a copy; base keys win a clash)."""
        with self.lock:
            return {**self.learned, **self.credentials}

    def learn(self, access_key: str, key: KnownKey) -> None:
        with self.lock:
            if access_key in self.credentials:
                raise ValueError(f"{access_key} is a base key")
            self.learned.pop(access_key, None)
            self.learned[access_key] = key
            while len(self.learned) > MAX_LEARNED_KEYS:
                del self.learned[next(iter(self.learned))]

    def expire(self, access_key: str, now: datetime.datetime) -> KnownKey | None:
        """Make a learned key expired from `now` on; None if it is not a learned key."""
        with self.lock:
            key = self.learned.get(access_key)
            if key is None:
                return None
            self.learned[access_key] = KnownKey(key.secret, key.session_token, now, key.origin)
            return self.learned[access_key]

    def describe_keys(self, now: datetime.datetime | None = None) -> dict:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        with self.lock:
            base = [KnownKey(s).describe(k, now) for k, s in self.credentials.items()]
            return {"keys": base + [v.describe(k, now) for k, v in self.learned.items()]}

    def denial(self, call: ApiCall, access_key: str | None, method: str = "", path: str = "") -> str | None:
        """Why the policy refuses this call, or None. Only "role-only" refuses anything."""
        with self.lock:
            if self.policy != "role-only" or access_key not in self.credentials:
                return None
        if call.service == "sts" and call.action in BASE_KEY_ACTIONS_ROLE_ONLY:
            return None
        what = f"sts:{call.action}" if call.service == "sts" else f"{call.service} {method} {path}".rstrip()
        return (
            f"User: {access_key} is not authorized to perform: {what}: the test peer's role-only "
            "policy lets the base key call only sts:AssumeRole and sts:GetCallerIdentity; "
            "sign with the role's temporary credentials"
        )

    def bump(self, key: str) -> None:
        with self.lock:
            self.stats[key] += 1

    def count_forwarded(self, call: ApiCall | None) -> None:
        with self.lock:
            self.stats["forwarded"] += 1
            self._bump_operation("forwarded_by_operation", call)

    def count_blackholed(self, forwarded: bool) -> None:
        with self.lock:
            self.stats["blackholed"] += 1
            self.stats["blackholed_forwarded"] += int(forwarded)

    def _bump_operation(self, key: str, call: ApiCall | None) -> None:
        label = call.label if call is not None else "-"
        self.stats[key][label] = self.stats[key].get(label, 0) + 1

    # ---- rate limit and outages ----------------------------------------------------

    def configure(self, changes: dict) -> None:
        """Set what parse_config validated. A new outage (or none) lifts the current one, which
        closes the connections it holds."""
        with self.lock:
            if "outage" in changes and self.outage is not None:
                self.outage.lifted.set()
            for name, value in changes.items():
                setattr(self, name, value)

    def describe_config(self) -> dict:
        with self.lock:
            outage = self.outage
            return {
                "page_size": self.page_size,
                "policy": self.policy,
                "rate_limit": self.rate_limit.describe() if self.rate_limit else None,
                "outage": outage.mode if outage else None,
                "forward": outage.forward if outage else False,
            }

    def current_outage(self) -> Outage | None:
        with self.lock:
            return self.outage

    def throttle(self, call: ApiCall, method: str) -> int | None:
        """The Retry-After (seconds) to answer 429 with, or None to let the request through."""
        with self.lock:
            if self.rate_limit is None:
                return None
            retry_after = self.rate_limit.retry_after(call, method, time.monotonic())
            if retry_after is not None:
                self._bump_operation("throttled", call)
            return retry_after

    def take_fault(self, method: str, path: str, service: str | None = None) -> Fault | None:
        """Return the fault for this request, if any: queued faults first, in order."""
        with self.lock:
            chosen = self._take_queued(method, path, service) or self._roll_random(method, path, service)
            if chosen is not None:
                self.stats["faults_injected"] += 1
                by_kind = self.stats["faults_by_kind"]
                by_kind[chosen.kind] = by_kind.get(chosen.kind, 0) + 1
            return chosen

    def _take_queued(self, method: str, path: str, service: str | None) -> Fault | None:
        for index, fault in enumerate(self.queued):
            if fault.matches(method, path, service):
                fault.count -= 1
                if fault.count == 0:
                    del self.queued[index]
                return fault
        return None

    def _roll_random(self, method: str, path: str, service: str | None) -> Fault | None:
        spec = self.random_faults
        if spec is None or not spec.template.matches(method, path, service):
            return None
        if spec.rng.random() >= spec.rate:
            return None
        kind = spec.rng.choice(spec.kinds)
        return Fault(kind=kind, retry_after=spec.template.retry_after, delay_ms=spec.template.delay_ms)

    def describe_faults(self) -> dict:
        with self.lock:
            return {
                "faults": [f.describe() for f in self.queued],
                "random": self.random_faults.describe() if self.random_faults else None,
            }

    # ---- list snapshots ----------------------------------------------------------------

    def current_generation(self) -> int:
        with self.lock:
            return self.generation

    def changed(self) -> None:
        """A change went through to moto: no snapshot taken before it may be served again."""
        with self.lock:
            self.generation += 1
            self.snapshots.clear()

    def store_snapshot(
        self, mappings: list[dict], filters: tuple, generation: int, now: float | None = None
    ) -> str | None:
        """Keep a listing's filtered mappings for its later pages; return the token, or None
        when a change went through while moto was being read (the snapshot may predate it)."""
        now = time.monotonic() if now is None else now
        with self.lock:
            if generation != self.generation:
                return None
            self._expire(now)
            while len(self.snapshots) >= MAX_SNAPSHOTS:
                del self.snapshots[next(iter(self.snapshots))]
            token = uuid.uuid4().hex[:16]
            self.snapshots[token] = ListSnapshot(mappings, filters, generation, now)
            return token

    def find_snapshot(self, token: str, filters: tuple, now: float | None = None) -> ListSnapshot | None:
        """The live snapshot behind `token`, if it was taken with the same filters."""
        now = time.monotonic() if now is None else now
        with self.lock:
            self._expire(now)
            snapshot = self.snapshots.get(token)
            if snapshot is None or snapshot.filters != filters or snapshot.generation != self.generation:
                return None
            return snapshot

    def drop_snapshot(self, token: str) -> None:
        with self.lock:
            self.snapshots.pop(token, None)

    def _expire(self, now: float) -> None:
        for token in [t for t, s in self.snapshots.items() if now - s.taken_at > SNAPSHOT_TTL_S]:
            del self.snapshots[token]


# --------------------------------------------------------------------------------------
# ListEventSourceMappings paging and filtering
# --------------------------------------------------------------------------------------


class BadRequest(Exception):
    """A client error the proxy answers itself (400 InvalidParameterValueException)."""


def encode_marker(offset: int, token: str | None = None) -> str:
    """Opaque marker. Standard base64 on purpose: `+`, `/` and `=` exercise query encoding.

    `token` names the listing's snapshot; a marker without one (or with an unknown or
    expired one) is served by reading moto again.
    """
    text = f"sluice-peer:{offset}" + (f":{token}" if token else "")
    return base64.b64encode(text.encode()).decode()


def decode_marker(marker: str) -> tuple[int, str | None]:
    """(offset, snapshot token or None); a marker this proxy did not make is a 400."""
    try:
        text = base64.b64decode(marker, validate=True).decode()
        prefix, _, rest = text.partition(":")
        number, _, token = rest.partition(":")
        if prefix != "sluice-peer" or not number.isdigit() or (token and not token.isalnum()):
            raise ValueError
        return int(number), token or None
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadRequest(f"Invalid Marker: {marker}") from None


def _function_key(name_or_arn: str) -> tuple[str, str | None]:
    """(function name, qualifier) from a name, partial ARN or full ARN."""
    parts = name_or_arn.split(":")
    if "function" in parts[:-1]:
        parts = parts[parts.index("function") + 1 :]
    return parts[0], (parts[1] if len(parts) > 1 else None)


def list_filters(params: dict[str, str]) -> tuple:
    """The filters a listing was asked for; a snapshot serves only the same ones."""
    return params.get("FunctionName"), params.get("EventSourceArn")


def filter_mappings(mappings: list[dict], params: dict[str, str]) -> list[dict]:
    """Apply the FunctionName/EventSourceArn filters.

    moto's own FunctionName filter compares against the spelling used at
    creation and is never updated when a mapping is moved to another function,
    so the proxy filters on FunctionArn instead.
    """
    if "FunctionName" in params:
        wanted = _function_key(params["FunctionName"])
        mappings = [m for m in mappings if _function_key(m.get("FunctionArn", "")) == wanted]
    if "EventSourceArn" in params:
        mappings = [m for m in mappings if m.get("EventSourceArn") == params["EventSourceArn"]]
    return mappings


def page_of(filtered: list[dict], params: dict[str, str], page_size: int) -> tuple[dict, int | None]:
    """One page of already filtered mappings, and the offset of the next page (None at the end)."""
    limit = min(_max_items(params.get("MaxItems")), page_size)
    offset = decode_marker(params["Marker"])[0] if params.get("Marker") else 0
    if offset > len(filtered):
        raise BadRequest(f"Invalid Marker: {params['Marker']}")
    page = {"EventSourceMappings": filtered[offset : offset + limit]}
    return page, (offset + limit if offset + limit < len(filtered) else None)


def _max_items(raw: str | None) -> int:
    if raw is None:
        return AWS_MAX_PAGE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ITEMS_LIMIT:
        raise BadRequest(f"MaxItems must be an integer between 1 and {MAX_ITEMS_LIMIT}, got {raw!r}")
    return int(raw)


# --------------------------------------------------------------------------------------
# HTTP handling
# --------------------------------------------------------------------------------------


# STS query parameters that carry secrets, should a client send an STS call as a GET.
SECRET_QUERY_NAMES = frozenset(["webidentitytoken", "samlassertion", "tokencode", "providerid"])


def _redacted_target(target: str) -> str:
    """Path and query for the log, with X-Amz-* (presigning) and STS token values hidden."""
    path, sep, query = target.partition("?")
    if not sep:
        return path
    shown = []
    for item in query.split("&"):
        name, eq, _ = item.partition("=")
        hidden = name.lower().startswith("x-amz-") or name.lower() in SECRET_QUERY_NAMES
        shown.append(f"{name}=***" if eq and hidden else item)
    return f"{path}?{'&'.join(shown)}"


class PeerHandler(BaseHTTPRequestHandler):
    """Dispatches control requests, verifies and forwards API requests."""

    protocol_version = "HTTP/1.1"
    server_version = "SluicePeer/1"
    # TCP_NODELAY: http.server writes the head and the body of a response separately, and with
    # Nagle's algorithm the body waits for the client's delayed ACK of the head (40 ms on Linux)
    # on every reused keep-alive connection.
    disable_nagle_algorithm = True
    state: PeerState  # set on the subclass built by make_server

    # ---- entry points -----------------------------------------------------------------

    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def log_message(self, format, *args):
        """Silence http.server's own access log; `_log` writes a redacted line instead."""

    def _dispatch(self) -> None:
        self._fault_label = "-"
        self._status = 0
        self._call: ApiCall | None = None
        self._outage_label: str | None = None  # the outage this request met, for the log
        self._withholding = False  # blackhole: _send keeps the answer instead of sending it
        self._forwarded = False  # this request went on to moto
        try:
            control = self.path.startswith(CONTROL_PREFIX)
            if not control and self._refuse():
                return
            body = self._read_body()
            if control:
                self._control(body)
            else:
                self._api(body)
        except BadRequest as exc:
            self._bad_request(exc)
        except ConnectionError:
            self.close_connection = True
        finally:
            self._log()

    def _log(self) -> None:
        status = self._status or "reset"
        if self._withholding:
            status = f"withheld {self._status}" if self._status else "withheld"
        action = f" ({self._call.label})" if self._call is not None and self._call.service == "sts" else ""
        outage = f" outage={self._outage_label}" if self._outage_label else ""
        sys.stderr.write(
            f"peer: {self.command} {_redacted_target(self.path)}{action} -> {status} fault={self._fault_label}"
            f"{outage}\n"
        )

    def _read_body(self) -> bytes:
        """Read the request body (Content-Length or chunked), bounded by MAX_BODY_BYTES."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            raise BadRequest("Request body too large")
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes:
        chunks, total = [], 0
        while True:
            size = int(self.rfile.readline(1024).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(chunks)
            total += size
            if total > MAX_BODY_BYTES:
                raise BadRequest("Request body too large")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)  # CRLF after each chunk

    # ---- responses -------------------------------------------------------------------

    def _send(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
        self._status = status
        if self._withholding:
            return  # the blackhole outage: this answer is lost
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_json(self, status: int, payload, headers: list[tuple[str, str]] | None = None) -> None:
        extra = list(headers or [])
        if not any(n.lower() == "x-amzn-requestid" for n, _ in extra):
            extra.append(("x-amzn-RequestId", str(uuid.uuid4())))
        self._send(status, json.dumps(payload).encode(), [("Content-Type", "application/json")] + extra)

    def _send_error(self, status: int, error_type: str, message: str, **extra) -> None:
        """A JSON error (Lambda's protocol), or for an STS request a query-protocol XML one."""
        fault_type = "Service" if status >= 500 else "User"
        headers = [("x-amzn-ErrorType", error_type)] + list(extra.pop("headers", []))
        if self._call is not None and self._call.service == "sts":
            code = STS_ERROR_CODES.get(error_type, error_type)
            if message == "Missing Authentication Token":
                code = "MissingAuthenticationToken"
            request_id = str(uuid.uuid4())
            kept = [(n, v) for n, v in headers if n.lower() != "x-amzn-errortype"]
            body = sts_error_xml(status, code, message, request_id)
            self._send(status, body, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)] + kept)
            return
        self._send_json(status, {"message": message, "Type": fault_type, **extra}, headers)

    def _bad_request(self, exc: BadRequest) -> None:
        self._send_error(400, "InvalidParameterValueException", str(exc))

    def _send_throttled(self, retry_after: int) -> None:
        """Lambda's throttling answer; botocore's model binds its `retryAfterSeconds` to the
        Retry-After header, and the body repeats it."""
        self._send_error(
            429,
            "TooManyRequestsException",
            "Rate exceeded",
            Reason="CallerRateLimitExceeded",
            retryAfterSeconds=str(retry_after),
            headers=[("Retry-After", str(retry_after))],
        )

    # ---- control API -----------------------------------------------------------------

    def _control(self, body: bytes) -> None:
        """Handle /__peer/* requests; these are neither verified nor forwarded."""
        route = (self.command, self.path.split("?")[0].rstrip("/"))
        state = self.state
        try:
            payload = json.loads(body) if body else {}
        except ValueError:
            raise BadRequest("control request body must be JSON") from None
        if not isinstance(payload, dict):
            raise BadRequest("control request body must be a JSON object")
        if route == ("POST", "/__peer/faults"):
            self._add_faults(payload)
            self._send_json(200, state.describe_faults())
        elif route == ("GET", "/__peer/faults"):
            self._send_json(200, state.describe_faults())
        elif route == ("DELETE", "/__peer/faults"):
            with state.lock:
                state.queued.clear()
                state.random_faults = None
            self._send_json(200, state.describe_faults())
        elif route == ("POST", "/__peer/config"):
            self._set_config(payload)
        elif route == ("GET", "/__peer/config"):
            self._send_json(200, state.describe_config())
        elif route == ("GET", "/__peer/credentials"):
            self._send_json(200, state.describe_keys())
        elif route == ("POST", "/__peer/credentials"):
            self._add_credentials(payload)
        elif route == ("DELETE", "/__peer/credentials"):
            with state.lock:
                state.learned.clear()
            self._send_json(200, state.describe_keys())
        elif route == ("POST", "/__peer/credentials/expire"):
            self._expire_credentials(payload)
        elif route == ("GET", "/__peer/stats"):
            self._send_json(200, state.describe_stats())
        elif route == ("POST", "/__peer/stats/reset"):
            with state.lock:
                state.reset_stats()
            self._send_json(200, {"ok": True})
        else:
            self._send_error(404, "UnknownOperationException", f"no control route {route[0]} {route[1]}")

    def _add_faults(self, payload: dict) -> None:
        try:
            faults = [parse_fault(spec) for spec in payload.get("faults") or []]
            random_faults = parse_random(payload["random"]) if "random" in payload else None
        except (ValueError, TypeError, AttributeError) as exc:
            raise BadRequest(f"bad fault spec: {exc}") from None
        with self.state.lock:
            self.state.queued.extend(faults)
            if random_faults is not None:
                self.state.random_faults = random_faults

    def _set_config(self, payload: dict) -> None:
        try:
            changes = parse_config(payload)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None
        self.state.configure(changes)
        self._send_json(200, self.state.describe_config())

    def _add_credentials(self, payload: dict) -> None:
        """Register a temporary key (the SSO stub does this for what its portal hands out)."""
        fields = {}
        for name in ("access_key_id", "secret_access_key", "session_token"):
            value = payload.get(name)
            if not isinstance(value, str) or not value:
                raise BadRequest(f"'{name}' must be a non-empty string")
            fields[name] = value
        if not ACCESS_KEY_ID_RE.match(fields["access_key_id"]):
            raise BadRequest("'access_key_id' may hold only letters and digits")
        expiration = payload.get("expiration")
        try:
            expires = parse_timestamp(expiration) if expiration is not None else None
        except (ValueError, AttributeError, TypeError):
            raise BadRequest("'expiration' must be an ISO 8601 timestamp such as 2026-01-01T00:00:00Z, or null") from None
        origin = payload.get("origin", "control")
        if not isinstance(origin, str) or not origin:
            raise BadRequest("'origin' must be a non-empty string")
        key = KnownKey(fields["secret_access_key"], fields["session_token"], expires, origin)
        try:
            self.state.learn(fields["access_key_id"], key)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None
        sys.stderr.write(f"peer: registered {fields['access_key_id']} ({origin})\n")
        self._send_json(200, key.describe(fields["access_key_id"], datetime.datetime.now(datetime.timezone.utc)))

    def _expire_credentials(self, payload: dict) -> None:
        access_key = payload.get("access_key_id")
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        key = self.state.expire(access_key, now) if isinstance(access_key, str) else None
        if key is None:
            self._send_error(404, "ResourceNotFoundException", f"no learned key {access_key!r}")
            return
        self._send_json(200, key.describe(access_key, now))

    # ---- Lambda API ------------------------------------------------------------------

    def _api(self, body: bytes) -> None:
        """Count an API request, then serve it, or under the blackhole outage hold it."""
        path = self.path.split("?")[0]
        call = self._call = classify_call(self.path, self.headers, body, self.command)
        self.state.count_request(self.command, path, call)
        outage = self.state.current_outage()
        if outage is not None and outage.mode == "blackhole":
            self._blackhole(outage, call, path, body)
        else:
            self._serve(call, path, body)

    def _refuse(self) -> bool:
        """Under the refuse outage, reset the connection of an API request before reading its
        body (counted like any request, its kind told from the head alone); True if it did."""
        outage = self.state.current_outage()
        if outage is None or outage.mode != "refuse":
            return False
        self._outage_label = "refuse"
        self._call = classify_call(self.path, self.headers, b"", self.command)
        self.state.count_request(self.command, self.path.split("?")[0], self._call)
        self.state.bump("outage_resets")
        self._reset_connection()
        return True

    def _blackhole(self, outage: Outage, call: ApiCall, path: str, body: bytes) -> None:
        """Answer nothing until the outage is lifted or the client hangs up, then close. With
        `forward`, serve the request first as usual (so moto applies it) and lose the answer."""
        self._withholding = True
        self._outage_label = "blackhole+forward" if outage.forward else "blackhole"
        if outage.forward:
            try:
                self._serve(call, path, body)
            except BadRequest as exc:
                self._bad_request(exc)
            if self.connection.fileno() == -1:
                return  # a reset fault closed it: the client saw that, not a blackhole
        self.state.count_blackholed(self._forwarded)
        self._hold(outage.lifted)
        self.close_connection = True

    def _hold(self, lifted: threading.Event) -> None:
        """Wait, sending nothing, until `lifted` is set or the client closes its side (POLLRDHUP,
        Linux; unread bytes such as a pipelined request do not end the wait)."""
        poller = select.poll()
        poller.register(self.connection.fileno(), select.POLLRDHUP)  # POLLHUP/POLLERR come anyway
        while not lifted.is_set() and not poller.poll(HOLD_POLL_S * 1000):
            pass

    def _serve(self, call: ApiCall, path: str, body: bytes) -> None:
        """Verify, apply the policy and the rate limit, maybe inject a fault, then forward (or
        page) an API request."""
        state = self.state
        access_key = None
        try:
            if not call.unsigned_allowed:
                access_key = verify_request(self.command, self.path, self.headers.items(), body, state.known_keys())
        except SignatureRejected as exc:
            state.bump("rejected_signatures")
            self._send_error(403, exc.error_type, exc.message)
            return
        denial = state.denial(call, access_key, self.command, path)
        if denial is not None:
            state.bump("denied_by_policy")
            self._send_error(403, "AccessDeniedException", denial)
            return
        if call.unsigned_allowed and self.command != "POST":
            # AWS takes a GET too, but moto 5.2.1 routes unsigned calls by the form body only
            # (a GET reaches its S3 handler), so refuse plainly rather than relay nonsense.
            self._send_error(400, "InvalidParameterValueException",
                             f"the test peer takes sts:{call.action} only as a form POST (moto routes it by the body)")
            return
        state.record_accepted(call, access_key)
        retry_after = state.throttle(call, self.command)
        if retry_after is not None:
            self._fault_label = "throttled"
            self._send_throttled(retry_after)
            return
        fault = state.take_fault(self.command, path, call.service)
        if fault is not None:
            self._fault_label = fault.kind
            if self._inject(fault):
                return
        if self.command == "GET" and path in ESM_COLLECTION_PATHS:
            self._list_mappings(path)
            return
        status, headers, answer = self._forward(self.command, self.path, body)
        if call.mutating(self.command):
            state.changed()  # after moto has applied it, so no older snapshot survives
        if status == 200 and call.service == "sts" and call.action in STS_ISSUING_ACTIONS:
            answer = self._learn(call.action, answer)
        self._relay(status, headers, answer)

    def _learn(self, action: str, body: bytes) -> bytes:
        """Add the key STS just issued to the known keys; answer with AWS's Expiration format."""
        issued = parse_issued_credentials(body)
        if issued is None:
            sys.stderr.write(f"peer: sts:{action} answered 200 without credentials; nothing learned\n")
            return body
        access_key, key = issued
        key = KnownKey(key.secret, key.session_token, key.expires_at, f"sts:{action}")
        self.state.learn(access_key, key)
        expires = key.expires_at.strftime(AWS_TIMESTAMP) if key.expires_at else "never"
        sys.stderr.write(f"peer: learned {access_key} from sts:{action}, expires {expires}\n")
        return aws_expiration(body)

    def _inject(self, fault: Fault) -> bool:
        """Apply a fault; return True when it answered (or dropped) the request."""
        if fault.kind == "429":
            self._send_throttled(fault.retry_after)
        elif fault.kind == "400":
            self._send_error(400, "InvalidParameterValueException", "Injected invalid parameter")
        elif fault.kind == "500":
            self._send_error(500, "ServiceException", "Injected internal service error")
        elif fault.kind == "503":
            self._send_error(503, "ServiceUnavailable", "Injected service unavailable")
        elif fault.kind == "reset":
            self._reset_connection()
        else:  # delay
            time.sleep(fault.delay_ms / 1000)
            return False
        return True

    def _reset_connection(self) -> None:
        """Drop the TCP connection with an RST (SO_LINGER 0) and send no response."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        # Close rfile (a makefile() wrapper) first: the fd only really closes, and
        # sends the RST, once no wrapper references it. Closing it here, before
        # socketserver's shutdown(SHUT_WR), matters: that would send a FIN first
        # and the client would see a clean EOF instead of a reset. (wfile is an
        # unbuffered _SocketWriter that holds no such reference.)
        self.rfile.close()
        self.connection.close()

    def _forward(self, method: str, target: str, body: bytes) -> tuple[int, list, bytes]:
        """Send the request to moto as received (Authorization kept so moto routes to lambda)."""
        self.state.count_forwarded(self._call)
        self._forwarded = True
        headers = {
            name: value
            for name, value in self.headers.items()
            # Host and Content-Length are recomputed by http.client; Expect was
            # already answered by http.server, which has read the whole body.
            if name.lower() not in HOP_BY_HOP and name.lower() not in ("host", "content-length", "expect")
        }
        conn = http.client.HTTPConnection(
            self.state.upstream_host, self.state.upstream_port, timeout=UPSTREAM_TIMEOUT_S
        )
        try:
            conn.request(method, target, body=body or None, headers=headers)
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        except OSError as exc:
            return 502, [("x-amzn-ErrorType", "ServiceException")], json.dumps(
                {"message": f"upstream moto unreachable: {exc}", "Type": "Service"}
            ).encode()
        finally:
            conn.close()

    def _relay(self, status: int, headers: list, body: bytes) -> None:
        if self._is_missing_mapping(status, body):
            self._send_error(404, "ResourceNotFoundException", "The resource you requested does not exist.")
            return
        kept = [
            (n, v) for n, v in headers if n.lower() not in HOP_BY_HOP and n.lower() != "content-length"
        ]
        self._send(status, body, kept)

    def _is_missing_mapping(self, status: int, body: bytes) -> bool:
        """moto answers PUT/DELETE on an unknown mapping UUID with 200 and `{}` instead of 404."""
        return (
            self.command in ("PUT", "DELETE")
            and status == 200
            and body.strip() == b"{}"
            and ESM_ITEM_RE.match(self.path.split("?")[0]) is not None
        )

    def _list_mappings(self, path: str) -> None:
        """Answer one page: from the listing's snapshot, else from moto's full, unfiltered list."""
        state = self.state
        params = dict(canonical_query_params(self.path.partition("?")[2]))
        filters = list_filters(params)
        marker = params.get("Marker")
        token = decode_marker(marker)[1] if marker else None
        snapshot = state.find_snapshot(token, filters) if token else None
        if snapshot is not None:
            filtered, request_id = snapshot.mappings, str(uuid.uuid4())
        else:
            generation = state.current_generation()
            status, headers, body = self._forward("GET", path, b"")
            if status != 200:
                self._relay(status, headers, body)
                return
            filtered = filter_mappings(json.loads(body).get("EventSourceMappings", []), params)
            request_id = next((v for n, v in headers if n.lower() == "x-amzn-requestid"), str(uuid.uuid4()))
        with state.lock:
            page_size = state.page_size
        page, next_offset = page_of(filtered, params, page_size)
        if next_offset is not None:
            if snapshot is None:
                token = state.store_snapshot(filtered, filters, generation)
            page["NextMarker"] = encode_marker(next_offset, token)
        elif snapshot is not None:
            state.drop_snapshot(token)
        self._send_json(200, page, [("x-amzn-RequestId", request_id)])


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def load_credentials(path: str | None) -> dict[str, str]:
    """Read {"AKID": "secret", ...}; default to the single Sluice test pair."""
    if not path:
        return dict(DEFAULT_CREDENTIALS)
    with open(path, encoding="utf-8") as handle:
        loaded = json.load(handle)
    if not isinstance(loaded, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()
    ):
        raise SystemExit(f"{path}: expected a JSON object of access key id -> secret")
    return loaded


class PeerServer(ThreadingHTTPServer):
    """One thread per connection. The listen backlog is socketserver's 5 by default: a client
    opening 8 connections at once (Sluice's bulk actions) then overflowed it now and again, and
    the dropped SYN cost a whole second before the kernel retried it.

    With `enable_tls`, the listening socket is wrapped for TLS, but the handshake is not done in
    accept(): serve_forever's one thread would then wait on any client that connects and never
    sends its hello. Each connection's own thread does it, bounded, and a failed handshake costs
    only that connection (one log line, no traceback)."""

    daemon_threads = True
    request_queue_size = 128
    tls = False

    def enable_tls(self, context: ssl.SSLContext) -> None:
        self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self.tls = True

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    def finish_request(self, request, client_address) -> None:
        if self.tls and not self._handshake(request, client_address):
            return
        super().finish_request(request, client_address)

    def _handshake(self, request: ssl.SSLSocket, client_address) -> bool:
        request.settimeout(TLS_HANDSHAKE_TIMEOUT_S)
        try:
            request.do_handshake()
        except OSError as exc:  # ssl.SSLError, a timeout, a reset
            reason = getattr(exc, "reason", None) or type(exc).__name__
            sys.stderr.write(f"peer: tls handshake from {client_address[0]}:{client_address[1]} failed: {reason}\n")
            return False
        request.settimeout(None)
        return True

    def shutdown_request(self, request) -> None:
        """Send TLS close_notify before closing, as a client may treat a bare TCP close as an
        error (swift-nio-ssl's uncleanShutdown). Not after a `reset` fault: that socket is closed."""
        if self.tls and request.fileno() != -1:
            try:
                request.settimeout(TLS_CLOSE_TIMEOUT_S)
                request.unwrap()
            except (OSError, ValueError):
                pass  # the client closed first, or the handshake never finished
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        """A connection the client broke (reset, TLS alert, bad record) is one line, not a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, ssl.SSLError, TimeoutError)):
            reason = getattr(exc, "reason", None) or type(exc).__name__
            sys.stderr.write(f"peer: connection from {client_address[0]}:{client_address[1]} broke: {reason}\n")
            return
        super().handle_error(request, client_address)


def make_tls_context(cert_file: str, key_file: str) -> ssl.SSLContext:
    """TLS 1.2 or 1.3 with the given chain; ALPN picks http/1.1 for a client that offers h2 too."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert_file, key_file)
    context.set_alpn_protocols(["http/1.1"])
    return context


def make_server(port: int, state: PeerState, tls_context: ssl.SSLContext | None = None) -> PeerServer:
    """Bind on 127.0.0.1 only (port 0 picks a free port); HTTPS when given a TLS context."""
    handler = type("BoundPeerHandler", (PeerHandler,), {"state": state})
    server = PeerServer(("127.0.0.1", port), handler)
    if tls_context is not None:
        server.enable_tls(tls_context)
    return server


def parse_upstream(url: str) -> tuple[str, int]:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "http" or parsed.hostname != "127.0.0.1" or not parsed.port:
        raise SystemExit("--upstream must look like http://127.0.0.1:PORT")
    return parsed.hostname, parsed.port


def write_port_file(path: str, port: int) -> None:
    """Write atomically so a poller never reads a half-written port."""
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(f"{port}\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = pick a free one)")
    parser.add_argument("--port-file", help="write the bound port here")
    parser.add_argument("--upstream", required=True, help="moto_server URL, http://127.0.0.1:PORT")
    parser.add_argument("--credentials", help='JSON file {"AKID": "secret", ...}')
    parser.add_argument("--page-size", type=int, default=AWS_MAX_PAGE, help="ListEventSourceMappings page cap")
    parser.add_argument("--policy", choices=POLICIES, default="open",
                        help="role-only: the credentials-file keys may call only sts:AssumeRole/GetCallerIdentity")
    parser.add_argument("--tls-cert", help="serve HTTPS with this PEM certificate (chain); needs --tls-key")
    parser.add_argument("--tls-key", help="the PEM private key for --tls-cert")
    parser.add_argument("--tls-port-file",
                        help="with --tls-cert: serve plain HTTP on --port as well, and HTTPS on a second port"
                             " written here; both share one state (faults, counters, keys)")
    parser.add_argument("--refuse-port-file",
                        help="keep a port on 127.0.0.1 bound but never listening (every connect is refused)"
                             " for as long as the proxy runs, and write it here")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    tls_context = make_tls_context(args.tls_cert, args.tls_key) if args.tls_cert else None

    host, port = parse_upstream(args.upstream)
    state = PeerState(
        load_credentials(args.credentials), host, port, page_size=args.page_size, policy=args.policy
    )
    if args.tls_port_file and tls_context is None:
        parser.error("--tls-port-file needs --tls-cert and --tls-key")
    lambda_routes()  # botocore's Lambda model, read now rather than by the first request
    refused = reserve_refused_port() if args.refuse_port_file else None
    if refused is not None:
        write_port_file(args.refuse_port_file, refused.getsockname()[1])
    server = make_server(args.port, state, None if args.tls_port_file else tls_context)
    if args.tls_port_file:
        secure = make_server(0, state, tls_context)
        threading.Thread(target=secure.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        write_port_file(args.tls_port_file, secure.server_address[1])
    bound = server.server_address[1]
    if args.port_file:
        write_port_file(args.port_file, bound)
    sys.stderr.write(f"peer: listening on {server.scheme}://127.0.0.1:{bound}, upstream {args.upstream}\n")
    sys.stderr.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if refused is not None:
            refused.close()


if __name__ == "__main__":
    main()
