"""A stand-in for the EC2 instance metadata service, on 127.0.0.1, for the credential tests.

Usage: imds_stub.py MODE, where MODE is v2 (tokens required), v1 (the token PUT answers 405)
or empty (no role attached). Prints the port on its first line and serves until killed.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

MODE = sys.argv[1] if len(sys.argv) > 1 else "v2"
TOKEN = "stub-token-123"
ROLE = "sluice-role"
CREDENTIALS = {
    "Code": "Success",
    "AccessKeyId": "ASIASTUB",
    "SecretAccessKey": "stub-secret-key",
    "Token": "stub-session-token",
    "Expiration": "2099-01-01T00:00:00Z",
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        if self.path != "/latest/api/token" or MODE == "v1":
            return self.answer(405)
        if self.headers.get("x-aws-ec2-metadata-token-ttl-seconds") != "21600":
            return self.answer(400)
        self.answer(200, TOKEN.encode())

    def do_GET(self):
        if MODE == "v2" and self.headers.get("x-aws-ec2-metadata-token") != TOKEN:
            return self.answer(401)
        base = "/latest/meta-data/iam/security-credentials/"
        if self.path == base:
            return self.answer(404) if MODE == "empty" else self.answer(200, ROLE.encode())
        if self.path == base + ROLE:
            return self.answer(200, json.dumps(CREDENTIALS).encode())
        self.answer(404)


server = HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
