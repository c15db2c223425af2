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
With --replay F (a file --record wrote), a read that F holds an answer to is answered from F after the delay,
without the emulator: AWS answers calls in parallel, while moto serves one at a time under Python's global
lock. Everything else is forwarded: every write, a read of the path a REST write touched (an S3 object such
as the run lock), and, once any call of a query or JSON API writes, every call (the recording no longer
holds). A REST write does not switch the replay off, so it fits a converged run, whose only writes are the
lock's; the tool's own count of mutating calls says whether a run was one. The log line then gets a fourth
field, "replayed" or "forwarded". scripts/benchmark_latency.py uses it for its "AWS-like server" rows.
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


SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/")


READ_ACTION = re.compile(r"^(Describe|Get|List|BatchGet|Search|Lookup|GET:|HEAD:)")


def signing_region(headers):
    """The region a request is signed for: behind one endpoint, what tells the regions' calls apart."""
    m = SCOPE.search(headers.get("Authorization") or "")
    return m.group(1) if m else ""


def operation(headers):
    """The signing service and the JSON protocols' X-Amz-Target: two JSON APIs' calls can share a path and
    a body ("{}" to "/")."""
    m = SCOPE.search(headers.get("Authorization") or "")
    return (m.group(2) if m else "") + " " + (headers.get("X-Amz-Target") or "")


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    target = None
    delay = 0.0
    log = None
    record = None
    replay = None  # {key: recorded answer}; see Replay
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
        action = action_of(self.command, self.path, self.headers, body)
        answer = None if passthrough or not self.replay else self.replay.answer(self, action, body)
        if answer:
            self.answer(answer["status"], "", answer["headers"], base64.b64decode(answer["answer"]))
            self.log_call(start, action, " replayed")
            return
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
        self.answer(resp.status, resp.reason, resp.getheaders(), data)
        if not passthrough:
            self.log_call(start, action, " forwarded" if self.replay else "")
            with self.log_lock:
                if self.record:
                    self.record.write(json.dumps({
                        "method": self.command, "path": self.path, "body": hashlib.sha256(body).hexdigest(),
                        "region": signing_region(self.headers), "operation": operation(self.headers),
                        "status": resp.status,
                        "headers": [[k, v] for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP],
                        "answer": base64.b64encode(data).decode()}) + "\n")
                    self.record.flush()

    def answer(self, status, reason, headers, data):
        self.send_response(status, reason)
        for k, v in headers:
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()

    def log_call(self, start, action, how):
        with self.log_lock:
            self.log.write("%.6f %.6f %s%s\n" % (start, time.time(), action, how))
            self.log.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = forward


class Replay:
    """The answers of a --record file, by method, path, body's SHA-256, signing region and operation, and
    what has been written since: a replayed answer is only given while nothing could have changed it."""

    def __init__(self, path):
        self.answers = {}
        with open(path) as f:
            for line in f:
                a = json.loads(line)
                if "method" in a:
                    self.answers[(a["method"], a["path"], a["body"], a["region"], a.get("operation"))] = a
        self.written_paths = set()
        self.api_written = False
        self.lock = threading.Lock()

    def answer(self, request, action, body):
        path = urllib.parse.urlparse(request.path).path
        with self.lock:
            if not READ_ACTION.match(action):
                if ":" in action:
                    self.written_paths.add(path)  # a REST write changes that path only
                else:
                    self.api_written = True
                return None
            if self.api_written or path in self.written_paths:
                return None
        return self.answers.get((request.command, request.path, hashlib.sha256(body).hexdigest(),
                                 signing_region(request.headers), operation(request.headers)))


class QuietServer(ThreadingHTTPServer):
    # socketserver's default backlog is 5: a run opening 70 connections at once had some refused, and the
    # SDK's retries after a back-off showed as late calls that AWS would not cause
    request_queue_size = 256

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
    p.add_argument("--replay", help="answer the reads this --record file holds without the emulator")
    a = p.parse_args()
    Proxy.target = urllib.parse.urlparse(a.target)
    Proxy.delay = a.delay_ms / 1000.0
    Proxy.log = open(a.log, "a", buffering=1)
    Proxy.record = open(a.record, "a", buffering=1) if a.record else None
    Proxy.replay = Replay(a.replay) if a.replay else None
    server = QuietServer(("127.0.0.1", a.port), Proxy)
    server.daemon_threads = True
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
