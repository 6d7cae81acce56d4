"""Tests for the verifying proxy's run-time modes: the per-operation rate limit, the blackhole and
refuse outages (POST /__peer/config), and the refused port (SLUICE_TEST_REFUSED_URL).

Run: python3 -m pytest -q scripts/peer/test_modes.py (uses the session peer of conftest.py).
"""

from __future__ import annotations

import errno
import http.client
import socket
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

import seed as seeder
import verifying_proxy as vp
from test_network import ca_bundle, port_of, tls_context, tls_control, url_of
from test_peer import AKID, ESM_PATH, SECRET, control, lambda_client, send, sign, signed_send, stats, wait_for_log
from test_peer import proxy  # noqa: F401 (the fixture: faults, config and stats reset around each test)

WAIT_S = 5  # bound of every poll below; none of them is an assertion about time
UPDATE = "UpdateEventSourceMapping"


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mappings(peer):
    """Three mappings of their own, for updates."""
    return seeder.seed(peer["moto"], count=3, functions=1, prefix="modes", workers=3)


def config(peer, payload):
    status, _, answer = control(peer, "POST", "/__peer/config", payload)
    assert status == 200, answer
    return answer


def update(peer, mapping: str, batch_size: int):
    return signed_send(peer, "PUT", f"{ESM_PATH}/{mapping}", f'{{"BatchSize": {batch_size}}}'.encode())


def moto_batch_size(peer, mapping: str) -> int:
    return lambda_client(peer["moto"]).get_event_source_mapping(UUID=mapping)["BatchSize"]


def poll(condition, what: str):
    """Poll `condition()` until it is truthy (returning it), for at most WAIT_S seconds."""
    deadline = time.monotonic() + WAIT_S
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"after {WAIT_S}s still not: {what}")
        time.sleep(0.05)


def signed_request_bytes(base: str, method: str, target: str, body: bytes = b"") -> bytes:
    """A whole signed HTTP/1.1 request, to write on a socket of our own."""
    host = urllib.parse.urlsplit(base).netloc
    headers = sign(host, method, target, body, {"Content-Type": "application/json"} if body else {})
    headers = {**headers, "Host": host, "Content-Length": str(len(body))}
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n").encode() + body


def assert_no_answer_within(sock: socket.socket, seconds: float) -> None:
    """A client timeout of `seconds` runs out with not one byte received."""
    sock.settimeout(seconds)
    with pytest.raises(TimeoutError):
        received = sock.recv(4096)
        pytest.fail(f"the held request was answered: {received!r}")


def wait_closed(sock: socket.socket) -> str:
    """Poll until the proxy closes the connection without answering: 'eof' or 'reset'."""
    sock.settimeout(0.2)
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            received = sock.recv(4096)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return "reset"
        assert received == b"", f"the held request was answered: {received!r}"
        return "eof"
    pytest.fail(f"the held connection was still open {WAIT_S}s after the outage was lifted")


def attempt(peer, method="GET", target=ESM_PATH + "?MaxItems=1", body=b""):
    """A signed request's status; a connection reset is 'reset', a clean close 'eof'."""
    try:
        return signed_send(peer, method, target, body)[0]
    except http.client.RemoteDisconnected:  # a subclass of ConnectionResetError
        return "eof"
    except ConnectionResetError:
        return "reset"


# --------------------------------------------------------------------------------------
# operations and token buckets, pure (no server)
# --------------------------------------------------------------------------------------


LAMBDA_AUTH = {"Authorization": "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/lambda/aws4_request, "
                                "SignedHeaders=host;x-amz-date, Signature=00"}


@pytest.mark.parametrize(
    "method, target, label",
    [
        ("PUT", f"{ESM_PATH}/14e0db71-0000-4eb5-b481-8945cf9d10c2", "UpdateEventSourceMapping"),
        ("GET", f"{ESM_PATH}/14e0db71-0000-4eb5-b481-8945cf9d10c2", "GetEventSourceMapping"),
        ("DELETE", f"{ESM_PATH}/14e0db71-0000-4eb5-b481-8945cf9d10c2", "DeleteEventSourceMapping"),
        ("POST", f"{ESM_PATH}/", "CreateEventSourceMapping"),
        ("GET", f"{ESM_PATH}/?FunctionName=f&Marker=abc%2F", "ListEventSourceMappings"),
        ("GET", f"{ESM_PATH}?MaxItems=1", "ListEventSourceMappings"),
        ("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/configuration",
         "GetFunctionConfiguration"),
        ("GET", "/2018-10-31/layers?find=LayerVersion&Arn=x", "GetLayerVersionByArn"),  # told apart by the query
        ("GET", "/2018-10-31/layers", "ListLayers"),
        ("PUT", "/not-a-lambda-path", "lambda"),
    ],
)
def test_lambda_calls_are_labelled_with_their_operation(method, target, label):
    assert vp.classify_call(target, LAMBDA_AUTH, b"", method).label == label


def test_token_buckets_hold_a_burst_and_refill_at_the_rate():
    limit = vp.RateLimit(per_second=10, burst=10)
    put = vp.ApiCall("lambda", None, True, UPDATE)
    delete = vp.ApiCall("lambda", None, True, "DeleteEventSourceMapping")
    get = vp.ApiCall("lambda", None, True, "GetEventSourceMapping")
    assert [limit.retry_after(put, "PUT", 100.0) for _ in range(11)] == [None] * 10 + [1]
    assert limit.retry_after(delete, "DELETE", 100.0) is None  # a bucket of its own
    assert all(limit.retry_after(get, "GET", 100.0) is None for _ in range(50))  # GETs are not limited
    assert [limit.retry_after(put, "PUT", 100.25) for _ in range(3)] == [None, None, 1]  # 0.25 s: 2.5 tokens
    assert [limit.retry_after(put, "PUT", 1000.0) for _ in range(11)] == [None] * 10 + [1]  # capped at burst
    slow = vp.RateLimit(per_second=0.25, burst=1)
    assert [slow.retry_after(put, "PUT", t) for t in (0.0, 0.0, 1.5, 3.9, 4.0)] == [None, 4, 3, 1, None]
    chosen = vp.RateLimit(per_second=1, burst=1, operations=frozenset(["GetEventSourceMapping"]))
    assert [chosen.retry_after(get, "GET", 0.0) for _ in range(2)] == [None, 1]
    assert all(chosen.retry_after(put, "PUT", 0.0) is None for _ in range(5))


# --------------------------------------------------------------------------------------
# the rate limit through the proxy
# --------------------------------------------------------------------------------------


def test_a_burst_of_updates_gets_the_burst_through_then_429s_until_refilled(proxy, mappings):
    config(proxy, {"rate_limit": {"per_second": 10, "burst": 10}})
    host = urllib.parse.urlsplit(proxy["proxy"]).netloc
    # Signed beforehand, in this thread (sign() patches botocore's clock), then sent 10 at a time.
    requests = []
    for i in range(30):
        target, body = f"{ESM_PATH}/{mappings[i % 3]}", b'{"BatchSize": 5}'
        requests.append((target, body, sign(host, "PUT", target, body, {"Content-Type": "application/json"})))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda r: send(proxy["proxy"], "PUT", *r), requests))
    elapsed = time.monotonic() - started
    accepted = [a for a in answers if a[0] == 202]
    throttled = [a for a in answers if a[0] == 429]
    assert len(accepted) + len(throttled) == 30
    # The burst, plus what the bucket refilled (10 a second) while the 30 were under way.
    assert 10 <= len(accepted) <= 10 + int(elapsed * 10)
    for _, headers, payload in throttled:
        assert (headers["x-amzn-errortype"], headers["retry-after"]) == ("TooManyRequestsException", "1")
        assert payload == {"message": "Rate exceeded", "Type": "User", "Reason": "CallerRateLimitExceeded",
                           "retryAfterSeconds": "1"}
    counted = stats(proxy)
    assert counted["throttled"] == {UPDATE: len(throttled)}
    assert counted["forwarded_by_operation"] == {UPDATE: len(accepted)}
    assert counted["forwarded"] == len(accepted) and counted["mutating"] == 30
    # Refill: more updates get through once the bucket has tokens again.
    later = []

    def two_more_accepted() -> bool:
        later.append(update(proxy, mappings[0], 6)[0])
        return later.count(202) == 2

    poll(two_more_accepted, "two more updates accepted after the burst")
    assert set(later) <= {202, 429}
    assert stats(proxy)["forwarded_by_operation"][UPDATE] == len(accepted) + 2


def test_a_slow_rate_limits_exactly_and_throttled_requests_never_reach_moto(proxy, mappings):
    target = mappings[1]
    config(proxy, {"rate_limit": {"per_second": 0.1, "burst": 3}})  # a token every 10 s
    started = time.monotonic()
    answers = [update(proxy, target, size) for size in (1, 2, 3, 4, 5, 6)]
    elapsed = time.monotonic() - started
    assert [a[0] for a in answers] == [202, 202, 202, 429, 429, 429]
    for _, headers, payload in answers[3:]:
        # whole seconds until the next token, rounded up: 10 s less what has passed since the burst
        assert 10 - elapsed <= int(headers["retry-after"]) <= 10
        assert payload["retryAfterSeconds"] == headers["retry-after"]
    assert moto_batch_size(proxy, target) == 3  # the last accepted one; 4, 5 and 6 were never sent
    # Other operations have buckets of their own, and GETs are not limited at all.
    missing = f"{ESM_PATH}/00000000-0000-0000-0000-000000000000"
    assert [attempt(proxy, "DELETE", missing) for _ in range(3)] == [404] * 3
    assert {attempt(proxy, "GET", f"{ESM_PATH}/{target}") for _ in range(12)} == {200}
    counted = stats(proxy)
    assert counted["throttled"] == {UPDATE: 3}
    assert counted["forwarded_by_operation"] == {UPDATE: 3, "DeleteEventSourceMapping": 3,
                                                 "GetEventSourceMapping": 12}
    assert control(proxy, "GET", "/__peer/config")[2]["rate_limit"] == {
        "per_second": 0.1, "burst": 3, "operations": None
    }
    # Off: the same update goes through at once.
    assert config(proxy, {"rate_limit": None})["rate_limit"] is None
    assert update(proxy, target, 7)[0] == 202
    assert moto_batch_size(proxy, target) == 7
    control(proxy, "POST", "/__peer/stats/reset")
    assert (stats(proxy)["throttled"], stats(proxy)["forwarded_by_operation"]) == ({}, {})


def test_listed_operations_are_limited_and_only_they(proxy, mappings):
    described = config(proxy, {"rate_limit": {"per_second": 0.1, "burst": 2,
                                              "operations": ["GetEventSourceMapping", "sts:GetCallerIdentity"]}})
    assert described["rate_limit"]["operations"] == ["GetEventSourceMapping", "sts:GetCallerIdentity"]
    get = f"{ESM_PATH}/{mappings[2]}"
    assert [attempt(proxy, "GET", get) for _ in range(3)] == [200, 200, 429]
    assert {update(proxy, mappings[2], 4)[0] for _ in range(5)} == {202}  # not listed: unlimited
    sts = boto3.client("sts", endpoint_url=proxy["proxy"], region_name="us-east-1", aws_access_key_id=AKID,
                       aws_secret_access_key=SECRET, config=Config(retries={"total_max_attempts": 1}))
    sts.get_caller_identity()
    sts.get_caller_identity()
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        sts.get_caller_identity()
    assert caught.value.response["Error"]["Code"] == "Throttling"  # STS's own code, in its XML
    assert stats(proxy)["throttled"] == {"GetEventSourceMapping": 1, "sts:GetCallerIdentity": 1}


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"rate_limit": {"per_second": 0, "burst": 1}}, "per_second"),
        ({"rate_limit": {"per_second": True, "burst": 1}}, "per_second"),
        ({"rate_limit": {"per_second": 1}}, "burst"),
        ({"rate_limit": {"per_second": 1, "burst": 0}}, "burst"),
        ({"rate_limit": {"per_second": 1, "burst": 1.5}}, "burst"),
        ({"rate_limit": {"per_second": 1, "burst": 1, "per_minute": 3}}, "per_minute"),
        ({"rate_limit": {"per_second": 1, "burst": 1, "operations": []}}, "operations"),
        ({"rate_limit": {"per_second": 1, "burst": 1, "operations": "UpdateEventSourceMapping"}}, "operations"),
        ({"rate_limit": {"per_second": 1, "burst": 1, "operations": ["UpdateEventSourceMappings"]}},
         "UpdateEventSourceMappings"),
        ({"rate_limit": 10}, "rate_limit"),
        ({"outage": "down"}, "outage"),
        ({"outage": "refuse", "forward": True}, "forward"),
        ({"outage": "blackhole", "forward": "yes"}, "forward"),
        ({"forward": True}, "forward"),
        ({"outages": "blackhole"}, "outages"),
        # a payload with one bad part changes nothing, not even its good parts
        ({"rate_limit": {"per_second": 1, "burst": 1}, "outage": "down"}, "outage"),
    ],
)
def test_mode_config_is_validated_with_clear_messages(proxy, payload, message):
    status, headers, answer = control(proxy, "POST", "/__peer/config", payload)
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidParameterValueException")
    assert message in answer["message"]
    assert control(proxy, "GET", "/__peer/config")[2] == {
        "page_size": 100, "policy": "open", "rate_limit": None, "outage": None, "forward": False
    }


# --------------------------------------------------------------------------------------
# the blackhole outage
# --------------------------------------------------------------------------------------


def test_blackhole_reads_requests_and_never_answers_until_lifted(proxy, mappings):
    target = mappings[0]
    before = moto_batch_size(proxy, target)
    assert config(proxy, {"outage": "blackhole"})["outage"] == "blackhole"
    assert control(proxy, "GET", "/__peer/config")[2]["forward"] is False
    with socket.create_connection(("127.0.0.1", port_of(proxy["proxy"])), timeout=5) as held:
        body = f'{{"BatchSize": {before % 9 + 1}}}'.encode()
        held.sendall(signed_request_bytes(proxy["proxy"], "PUT", f"{ESM_PATH}/{target}", body))
        assert_no_answer_within(held, 1.0)
        # The control API answers while the request is held.
        poll(lambda: stats(proxy)["blackholed"] == 1, "the request counted as blackholed")
        counted = stats(proxy)
        assert (counted["requests"], counted["forwarded"], counted["blackholed_forwarded"]) == (1, 0, 0)
        config(proxy, {"outage": None})
        assert wait_closed(held) in ("eof", "reset")
    assert moto_batch_size(proxy, target) == before  # never applied
    wait_for_log(proxy["dir"] / "proxy.log", f"PUT {ESM_PATH}/{target} -> withheld fault=- outage=blackhole\n")
    assert update(proxy, target, 8)[0] == 202  # answered normally again
    assert stats(proxy)["forwarded"] == 1


def test_blackhole_with_forward_applies_the_change_and_loses_the_answer(proxy, mappings):
    target = mappings[1]
    described = config(proxy, {"outage": "blackhole", "forward": True})
    assert (described["outage"], described["forward"]) == ("blackhole", True)
    new_size = moto_batch_size(proxy, target) % 9 + 1
    with socket.create_connection(("127.0.0.1", port_of(proxy["proxy"])), timeout=5) as held:
        body = f'{{"BatchSize": {new_size}}}'.encode()
        held.sendall(signed_request_bytes(proxy["proxy"], "PUT", f"{ESM_PATH}/{target}", body))
        assert_no_answer_within(held, 1.0)
        poll(lambda: moto_batch_size(proxy, target) == new_size, "moto applied the blackholed update")
        counted = stats(proxy)
        assert (counted["blackholed"], counted["blackholed_forwarded"]) == (1, 1)
        assert counted["forwarded_by_operation"] == {UPDATE: 1}
        config(proxy, {"outage": None})
        assert wait_closed(held) in ("eof", "reset")
    wait_for_log(proxy["dir"] / "proxy.log",
                 f"PUT {ESM_PATH}/{target} -> withheld 202 fault=- outage=blackhole+forward\n")


def test_a_blackholed_request_ends_when_its_client_hangs_up(proxy):
    config(proxy, {"outage": "blackhole"})
    path = f"{ESM_PATH}/hangup-{uuid.uuid4().hex[:12]}"
    with socket.create_connection(("127.0.0.1", port_of(proxy["proxy"])), timeout=5) as held:
        held.sendall(signed_request_bytes(proxy["proxy"], "GET", path))
        poll(lambda: stats(proxy)["blackholed"] == 1, "the request held")
    # still blackholed, yet the handler lets go of the connection the client closed
    wait_for_log(proxy["dir"] / "proxy.log", f"GET {path} -> withheld fault=- outage=blackhole\n")
    assert control(proxy, "GET", "/__peer/config")[2]["outage"] == "blackhole"


def test_blackhole_over_tls(peer):
    url = url_of(peer, "PROXY_TLS_URL")
    tls_control(peer, url, "POST", "/__peer/stats/reset")
    assert tls_control(peer, url, "POST", "/__peer/config", {"outage": "blackhole"})[0] == 200
    try:
        raw = socket.create_connection(("127.0.0.1", port_of(url)), timeout=5)
        with tls_context(peer).wrap_socket(raw, server_hostname="127.0.0.1") as held:
            held.sendall(signed_request_bytes(url, "GET", f"{ESM_PATH}?MaxItems=1"))
            assert_no_answer_within(held, 1.0)
            poll(lambda: tls_control(peer, url, "GET", "/__peer/stats")[1]["blackholed"] == 1, "the request held")
            tls_control(peer, url, "POST", "/__peer/config", {"outage": None})
            assert wait_closed(held) in ("eof", "reset")
    finally:
        tls_control(peer, url, "POST", "/__peer/config", {"outage": None})
    client = boto3.client("lambda", endpoint_url=url, region_name="us-east-1", aws_access_key_id=AKID,
                          aws_secret_access_key=SECRET, verify=ca_bundle(peer),
                          config=Config(retries={"total_max_attempts": 1}))
    assert "EventSourceMappings" in client.list_event_source_mappings(MaxItems=1)


# --------------------------------------------------------------------------------------
# refused connections
# --------------------------------------------------------------------------------------


def test_the_refused_url_refuses_every_connect_and_keeps_its_port(peer):
    url = peer["env"]["SLUICE_TEST_REFUSED_URL"]
    port = port_of(url)
    for _ in range(3):
        started = time.monotonic()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5)
        assert time.monotonic() - started < 1  # refused, not timed out
    squatter = socket.socket()
    squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    with squatter, pytest.raises(OSError) as caught:
        squatter.bind(("127.0.0.1", port))
    assert caught.value.errno == errno.EADDRINUSE
    with pytest.raises(botocore.exceptions.EndpointConnectionError):
        lambda_client(url).list_event_source_mappings()


def test_refuse_outage_resets_api_requests_but_not_control(proxy):
    assert config(proxy, {"outage": "refuse"})["outage"] == "refuse"
    assert [attempt(proxy) for _ in range(2)] == ["reset", "reset"]
    assert attempt(proxy, "PUT", f"{ESM_PATH}/x", b'{"BatchSize": 1}') == "reset"
    counted = stats(proxy)
    assert (counted["outage_resets"], counted["requests"], counted["mutating"], counted["forwarded"]) == (3, 3, 1, 0)
    wait_for_log(proxy["dir"] / "proxy.log", f"PUT {ESM_PATH}/x -> reset fault=- outage=refuse\n")
    config(proxy, {"outage": None})
    assert attempt(proxy) == 200
