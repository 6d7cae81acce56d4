#!/usr/bin/env python3
"""IAM Identity Center (SSO) stub for Sluice's test peer, on 127.0.0.1 only.

It serves the two unsigned SSO calls a client makes to sign in with an SSO profile, in
their real wire formats (botocore's sso and sso-oidc 2019-06-10 service models):

* SSO portal GetRoleCredentials: `GET /federation/credentials?account_id=..&role_name=..`
  with header `x-amz-sso_bearer_token: TOKEN` answers
  `{"roleCredentials": {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"}}`
  (expiration in epoch milliseconds) for a token it knows, else 401 UnauthorizedException;
* SSO OIDC CreateToken with the refresh_token grant: `POST /token` with JSON
  `{"grantType": "refresh_token", "clientId", "clientSecret", "refreshToken"}` answers
  `{"accessToken", "expiresIn", "tokenType": "Bearer", "refreshToken"}`, and the new access
  token then works at the portal; a refresh token or client it does not know gets 400
  `{"error": "invalid_grant"}`.

What it knows is set through control requests under /__sso/ (see README.md). Credentials
registered for the portal are first registered with the verifying proxy (`--proxy`,
POST /__peer/credentials), so Lambda calls signed with them verify there.

It never logs or returns tokens, secrets or session tokens except the credentials its
portal hands out, which is what the portal is for.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import string
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTROL_PREFIX = "/__sso/"
DEFAULT_TOKEN_LIFETIME_S = 28800  # what IAM Identity Center gives an access token: 8 hours
DEFAULT_CREDENTIALS_LIFETIME_S = 3600
MAX_BODY_BYTES = 1024 * 1024
MAX_LOG = 1000
PROXY_TIMEOUT_S = 10


def _now_ms() -> int:
    return int(time.time() * 1000)


def _iso_from_ms(ms: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms // 1000))


def _random_key_id() -> str:
    return "ASIA" + "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(16))


@dataclass
class Grant:
    """A refresh token and the client registration it belongs to."""

    client_id: str
    client_secret: str
    rotate: bool = False  # answer with a new refresh token and forget this one
    expires_in: int = DEFAULT_TOKEN_LIFETIME_S  # lifetime of the access tokens it mints


@dataclass
class StubState:
    proxy_url: str | None
    access_tokens: dict[str, int] = field(default_factory=dict)  # token -> expires at (epoch ms)
    grants: dict[str, Grant] = field(default_factory=dict)  # refresh token -> grant
    credentials: dict[tuple[str, str], dict] = field(default_factory=dict)  # (account, role) -> roleCredentials
    stats: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.reset_stats()

    def reset_stats(self) -> None:
        self.stats = {
            "portal": {"calls": 0, "by_status": {}},
            "token": {"calls": 0, "by_status": {}},
            "log": [],
        }

    def count(self, op: str, status: int, entry: dict) -> None:
        """Count one served call; the log entry holds names and ids, never tokens or secrets."""
        group = "portal" if op == "GetRoleCredentials" else "token"
        with self.lock:
            self.stats[group]["calls"] += 1
            by_status = self.stats[group]["by_status"]
            by_status[str(status)] = by_status.get(str(status), 0) + 1
            log = self.stats["log"]
            log.append({"op": op, "status": status, **entry})
            del log[:-MAX_LOG]


class ControlError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _string(payload: dict, name: str, required: bool = True) -> str | None:
    value = payload.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise ControlError(400, f"'{name}' must be a non-empty string")
    return value


def _int(payload: dict, name: str, default: int, minimum: int = 0) -> int:
    value = payload.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ControlError(400, f"'{name}' must be an integer >= {minimum}")
    return value


class StubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SluiceSsoStub/1"
    disable_nagle_algorithm = True
    state: StubState  # set on the subclass built by make_server

    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_GET

    def log_message(self, format, *args):
        """Silence http.server's access log (it would show nothing secret, but keep one format)."""

    def _dispatch(self) -> None:
        self._status = 0
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                self._send_json(413, {"message": "request body too large"})
                return
            body = self.rfile.read(length) if length else b""
            path = urllib.parse.urlsplit(self.path).path
            if path.startswith(CONTROL_PREFIX):
                self._control(path.rstrip("/"), body)
            elif (self.command, path) == ("GET", "/federation/credentials"):
                self._get_role_credentials()
            elif (self.command, path) == ("POST", "/token"):
                self._create_token(body)
            else:
                self._send_error(404, "ResourceNotFoundException", f"no route {self.command} {path}")
        except ConnectionError:
            self.close_connection = True
        finally:
            # Path only: the query holds account_id/role_name, which are not secret, but keep it short.
            sys.stderr.write(f"sso: {self.command} {self.path.split('?')[0]} -> {self._status or 'dropped'}\n")

    # ---- responses -------------------------------------------------------------------

    def _send_json(self, status: int, payload, headers: list[tuple[str, str]] | None = None) -> None:
        body = json.dumps(payload).encode()
        self._status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for name, value in headers or []:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_error(self, status: int, error_type: str, message: str) -> None:
        """A rest-json error as the SSO portal writes it: `{"message"}` and x-amzn-ErrorType."""
        self._send_json(status, {"message": message}, [("x-amzn-ErrorType", error_type)])

    def _send_oauth_error(self, status: int, error_type: str, error: str, description: str) -> None:
        """An SSO OIDC error: `{"error", "error_description"}` and x-amzn-ErrorType."""
        self._send_json(status, {"error": error, "error_description": description}, [("x-amzn-ErrorType", error_type)])

    # ---- SSO portal: GetRoleCredentials -----------------------------------------------

    def _get_role_credentials(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        account_id = (query.get("account_id") or [""])[0]
        role_name = (query.get("role_name") or [""])[0]
        token = self.headers.get("x-amz-sso_bearer_token") or ""
        entry = {"account_id": account_id, "role_name": role_name}
        state = self.state
        with state.lock:
            expires_at = state.access_tokens.get(token) if token else None
            credentials = state.credentials.get((account_id, role_name))
        if expires_at is None or expires_at <= _now_ms():
            state.count("GetRoleCredentials", 401, entry)
            self._send_error(401, "UnauthorizedException", "Session token not found or invalid")
        elif not account_id or not role_name:
            state.count("GetRoleCredentials", 400, entry)
            self._send_error(400, "InvalidRequestException", "account_id and role_name are required")
        elif credentials is None:
            state.count("GetRoleCredentials", 403, entry)
            self._send_error(403, "ForbiddenException", "No access")
        else:
            state.count("GetRoleCredentials", 200, {**entry, "access_key_id": credentials["accessKeyId"]})
            self._send_json(200, {"roleCredentials": credentials})

    # ---- SSO OIDC: CreateToken (refresh_token grant) ----------------------------------

    def _create_token(self, body: bytes) -> None:
        state = self.state
        try:
            request = json.loads(body) if body else None
        except ValueError:
            request = None
        if not isinstance(request, dict):
            state.count("CreateToken", 400, {"client_id": None, "grant_type": None})
            self._send_oauth_error(400, "InvalidRequestException", "invalid_request", "the body must be a JSON object")
            return
        client_id, grant_type = request.get("clientId"), request.get("grantType")
        entry = {"client_id": client_id if isinstance(client_id, str) else None,
                 "grant_type": grant_type if isinstance(grant_type, str) else None}
        if grant_type != "refresh_token":
            state.count("CreateToken", 400, entry)
            self._send_oauth_error(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                                   "only the refresh_token grant is served by this stub")
            return
        refresh_token = request.get("refreshToken")
        with state.lock:
            grant = state.grants.get(refresh_token) if isinstance(refresh_token, str) else None
            matches = grant is not None and (grant.client_id, grant.client_secret) == (
                client_id, request.get("clientSecret"))
            if matches:
                access_token = "sluice-sso-access-" + secrets.token_urlsafe(24)
                state.access_tokens[access_token] = _now_ms() + grant.expires_in * 1000
                next_refresh = refresh_token
                if grant.rotate:
                    next_refresh = "sluice-sso-refresh-" + secrets.token_urlsafe(24)
                    del state.grants[refresh_token]
                    state.grants[next_refresh] = grant
        if not matches:
            state.count("CreateToken", 400, entry)
            self._send_oauth_error(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided")
            return
        state.count("CreateToken", 200, entry)
        self._send_json(200, {
            "accessToken": access_token,
            "expiresIn": grant.expires_in,
            "tokenType": "Bearer",
            "refreshToken": next_refresh,
        })

    # ---- control API -----------------------------------------------------------------

    def _control(self, path: str, body: bytes) -> None:
        try:
            try:
                payload = json.loads(body) if body else {}
            except ValueError:
                raise ControlError(400, "control request body must be JSON") from None
            if not isinstance(payload, dict):
                raise ControlError(400, "control request body must be a JSON object")
            self._send_json(200, self._control_route((self.command, path), payload))
        except ControlError as exc:
            self._send_json(exc.status, {"message": exc.message})

    def _control_route(self, route: tuple[str, str], payload: dict) -> dict:
        state = self.state
        if route == ("POST", "/__sso/access-tokens"):
            token = _string(payload, "access_token")
            expires_at = _now_ms() + _int(payload, "expires_in", DEFAULT_TOKEN_LIFETIME_S) * 1000
            with state.lock:
                state.access_tokens[token] = expires_at
            return {"expires_at_ms": expires_at}
        if route == ("POST", "/__sso/refresh-tokens"):
            refresh = _string(payload, "refresh_token")
            rotate = payload.get("rotate", False)
            if not isinstance(rotate, bool):
                raise ControlError(400, "'rotate' must be true or false")
            grant = Grant(_string(payload, "client_id"), _string(payload, "client_secret"), rotate,
                          _int(payload, "expires_in", DEFAULT_TOKEN_LIFETIME_S, 1))
            with state.lock:
                state.grants[refresh] = grant
            return {"client_id": grant.client_id, "rotate": grant.rotate, "expires_in": grant.expires_in}
        if route == ("POST", "/__sso/credentials"):
            return self._register_credentials(payload)
        if route == ("GET", "/__sso/stats"):
            with state.lock:
                return json.loads(json.dumps(state.stats))
        if route == ("POST", "/__sso/stats/reset"):
            with state.lock:
                state.reset_stats()
            return {"ok": True}
        if route == ("POST", "/__sso/reset"):
            with state.lock:
                state.access_tokens.clear()
                state.grants.clear()
                state.credentials.clear()
                state.reset_stats()
            return {"ok": True}
        raise ControlError(404, f"no control route {route[0]} {route[1]}")

    def _register_credentials(self, payload: dict) -> dict:
        """What the portal hands out for (account_id, role_name); the proxy learns the key first."""
        account_id = _string(payload, "account_id")
        role_name = _string(payload, "role_name")
        given = [payload.get(n) for n in ("access_key_id", "secret_access_key", "session_token")]
        if all(v is None for v in given):
            key_id, secret, token = _random_key_id(), secrets.token_urlsafe(30), secrets.token_urlsafe(96)
        else:
            key_id = _string(payload, "access_key_id")
            secret = _string(payload, "secret_access_key")
            token = _string(payload, "session_token")
        expiration = _int(payload, "expiration_ms", _now_ms() + DEFAULT_CREDENTIALS_LIFETIME_S * 1000)
        if self.state.proxy_url:
            self._tell_proxy(key_id, secret, token, expiration)
        credentials = {"accessKeyId": key_id, "secretAccessKey": secret, "sessionToken": token,
                       "expiration": expiration}
        with self.state.lock:
            self.state.credentials[(account_id, role_name)] = credentials
        return {"account_id": account_id, "role_name": role_name, "access_key_id": key_id,
                "expiration_ms": expiration}

    def _tell_proxy(self, key_id: str, secret: str, token: str, expiration_ms: int) -> None:
        body = json.dumps({"access_key_id": key_id, "secret_access_key": secret, "session_token": token,
                           "expiration": _iso_from_ms(expiration_ms), "origin": "sso"}).encode()
        request = urllib.request.Request(
            self.state.proxy_url.rstrip("/") + "/__peer/credentials", data=body, method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=PROXY_TIMEOUT_S) as answer:
                answer.read()
        except urllib.error.HTTPError as exc:
            detail = json.loads(exc.read() or b"{}").get("message", "")
            raise ControlError(502, f"the proxy refused the key ({exc.code}): {detail}") from None
        except OSError as exc:
            raise ControlError(502, f"the proxy at {self.state.proxy_url} is unreachable: {exc}") from None


class StubServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def make_server(port: int, state: StubState) -> StubServer:
    """Bind on 127.0.0.1 only (port 0 picks a free port)."""
    handler = type("BoundStubHandler", (StubHandler,), {"state": state})
    return StubServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = pick a free one)")
    parser.add_argument("--port-file", help="write the bound port here")
    parser.add_argument("--proxy", help="verifying proxy URL; registered credentials are also registered there")
    args = parser.parse_args(argv)

    server = make_server(args.port, StubState(proxy_url=args.proxy))
    bound = server.server_address[1]
    if args.port_file:
        tmp = f"{args.port_file}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(f"{bound}\n")
        os.replace(tmp, args.port_file)
    sys.stderr.write(f"sso: listening on http://127.0.0.1:{bound}, proxy {args.proxy or '(none)'}\n")
    sys.stderr.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
