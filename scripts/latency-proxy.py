#!/usr/bin/env python3
"""A loopback HTTP proxy that adds a fixed delay to every call before forwarding it to the emulator.

Real AWS answers in 30-100 ms; the emulator at once. Put this between the tool and the emulator to see
what the tool's round trips cost:

    scripts/latency-proxy.py --target http://127.0.0.1:PORT --delay-ms 100 --log calls.log [--port N] [--record F]

It prints its own URL on the first line of stdout, then serves until killed. Every call appends one line
to the log: "<start> <end> <action>" (seconds since the epoch, the API action as the request names it),
which scripts/benchmark-latency.sh reads for the call count and the longest chain of calls in a row.
Requests to /moto-api/ (reset, state) pass without delay and without a log line. Any HTTP upstream works
the same way: scripts/benchmark-dr.sh also puts it in front of loopback git servers.
With --record, every answer is also appended to F as one JSON line (the request's method, path, body's
SHA-256 and signing region, the answer's status, headers and body): scripts/record-class-list.sh records a converged
run's answers so that the class archive's training can replay them (ClassArchiveTraining).
Python standard library only.
"""
import argparse
import base64
import hashlib
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}
ACTION = re.compile(rb"(?:^|&)Action=([A-Za-z0-9]+)")


def action_of(method, path, headers, body):
    """The API action: the JSON protocols' X-Amz-Target, the query protocols' Action=, else method and path."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    m = ACTION.search(body or b"")
    if m:
        return m.group(1).decode()
    query = urllib.parse.urlparse(path).query
    m = ACTION.search(query.encode())
    if m:
        return m.group(1).decode()
    return method + ":" + urllib.parse.urlparse(path).path


SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/")


def signing_region(headers):
    """The region a request is signed for: behind one endpoint, what tells the regions' calls apart."""
    m = SCOPE.search(headers.get("Authorization") or "")
    return m.group(1) if m else ""


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    target = None
    delay = 0.0
    log = None
    record = None
    log_lock = threading.Lock()
    local = threading.local()

    def log_message(self, *args):  # keep stderr quiet
        pass

    def connection_to_target(self, fresh=False):
        conn = getattr(self.local, "conn", None)
        if conn is None or fresh:
            conn = http.client.HTTPConnection(self.target.hostname, self.target.port, timeout=120)
            self.local.conn = conn
        return conn

    def chunked_body(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def forward(self):
        start = time.time()
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = self.chunked_body()  # git clients stream pushes in chunks
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
        passthrough = self.path.startswith("/moto-api")
        if not passthrough:
            time.sleep(self.delay)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["Host"] = self.headers.get("Host", self.target.netloc)
        for attempt in (0, 1):
            conn = self.connection_to_target(fresh=attempt == 1)
            try:
                conn.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT") else None,
                             headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                break
            except (ConnectionError, http.client.HTTPException):
                if attempt == 1:
                    raise
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()
        if not passthrough:
            line = "%.6f %.6f %s\n" % (start, time.time(), action_of(self.command, self.path, self.headers, body))
            with self.log_lock:
                self.log.write(line)
                self.log.flush()
                if self.record:
                    self.record.write(json.dumps({
                        "method": self.command, "path": self.path, "body": hashlib.sha256(body).hexdigest(),
                        "region": signing_region(self.headers),
                        "status": resp.status,
                        "headers": [[k, v] for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP],
                        "answer": base64.b64encode(data).decode()}) + "\n")
                    self.record.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = forward


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client closing its keep-alive connection is normal; anything else is worth a line.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--target", required=True, help="the emulator's URL")
    p.add_argument("--delay-ms", type=float, default=100)
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--log", required=True)
    p.add_argument("--record", help="append every answer to this file as a JSON line")
    a = p.parse_args()
    Proxy.target = urllib.parse.urlparse(a.target)
    Proxy.delay = a.delay_ms / 1000.0
    Proxy.log = open(a.log, "a", buffering=1)
    Proxy.record = open(a.record, "a", buffering=1) if a.record else None
    server = QuietServer(("127.0.0.1", a.port), Proxy)
    server.daemon_threads = True
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
