#!/usr/bin/env python3
"""A small HTTP proxy that injects faults between devops-cli and an AWS endpoint (the emulator).

Only the Python standard library. Point the tool at it with --endpoint-url http://127.0.0.1:PORT.

Faults, each with a probability per request (0..1), on every call or only on mutating ones:
  --throttle P      answer a throttling error (the service did nothing)
  --error500 P      answer HTTP 500 InternalError (the service did nothing)
  --drop-before P   drop the connection before the call reaches the service
  --drop-after P    forward the call, let the service act, then drop the connection: the reply is lost
  --unreachable R   every request signed for region R is dropped (repeatable): a region that cannot be reached
  --mutating-only   inject throttle/500/drop faults only into calls that may change something
  --fail-op OP      every call of operation OP (e.g. DescribeSubnets) answers 500 (repeatable): a resource
                    that cannot be read

The first line on stdout is "listening on PORT". With --stats FILE the counts (JSON) are rewritten after
every request, so a benchmark can read them while the proxy runs; "operations" counts the calls of each
API operation (a test's count of what a run read).
"""
import argparse
import http.client
import http.server
import json
import random
import re
import socket
import struct
import sys
import threading
import urllib.parse

READ_PREFIXES = ("Describe", "List", "Get", "Head", "Lookup", "BatchGet")
CREDENTIAL_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--upstream", required=True, help="the real endpoint, e.g. http://127.0.0.1:5000")
    p.add_argument("--port", type=int, default=0, help="port to listen on (0: any free one)")
    p.add_argument("--throttle", type=float, default=0.0)
    p.add_argument("--error500", type=float, default=0.0)
    p.add_argument("--drop-before", type=float, default=0.0)
    p.add_argument("--drop-after", type=float, default=0.0)
    p.add_argument("--unreachable", action="append", default=[])
    p.add_argument("--mutating-only", action="store_true")
    p.add_argument("--fail-op", action="append", default=[])
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--stats", default=None, help="file the counts are written to (JSON)")
    return p.parse_args()


ARGS = parse_args()
UPSTREAM = urllib.parse.urlparse(ARGS.upstream)
RANDOM = random.Random(ARGS.seed)
LOCK = threading.Lock()
STATS = {"requests": 0, "mutating": 0, "throttle": 0, "error500": 0, "drop_before": 0, "drop_after": 0,
         "unreachable": 0, "failed_op": 0, "dropped_after_operations": {}, "operations": {}}


def count(kind, operation=None):
    with LOCK:
        STATS[kind] += 1
        if operation:
            ops = STATS["dropped_after_operations" if kind == "drop_after" else "operations"]
            ops[operation] = ops.get(operation, 0) + 1
        if ARGS.stats:
            with open(ARGS.stats, "w") as f:
                json.dump(STATS, f, indent=1, sort_keys=True)


def roll(p):
    with LOCK:
        return p > 0 and RANDOM.random() < p


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the benchmark reads the stats, not a log
        pass

    def do_GET(self):
        self.handle_any()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_GET

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(length) if length else b""

    def operation(self, body):
        """(protocol, operation name, mutating?) as far as the request tells."""
        target = self.headers.get("X-Amz-Target")
        if target:
            op = target.split(".")[-1]
            return "json", op, not op.startswith(READ_PREFIXES)
        ctype = self.headers.get("Content-Type", "")
        if "x-www-form-urlencoded" in ctype and body:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            op = form.get("Action", ["?"])[0]
            proto = "ec2" if form.get("Version", [""])[0] == "2016-11-15" else "query"
            return proto, op, not op.startswith(READ_PREFIXES)
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/2013-04-01/"):
            # Route 53's ListTagsForResources is a POST to /tags/<type> (no id): a read
            read = self.command in ("GET", "HEAD") or re.fullmatch(r"/2013-04-01/tags/[a-z]+", path) is not None
            return "route53", self.command + " " + path, not read
        if path.startswith("/2015-03-31/") or path.startswith("/2017-03-31/"):
            return "restjson", self.command + " " + path, self.command not in ("GET", "HEAD")
        return "s3", self.command + " " + path, self.command not in ("GET", "HEAD")

    def region(self):
        m = CREDENTIAL_SCOPE.search(self.headers.get("Authorization", ""))
        return m.group(1) if m else None

    def drop(self):
        """Closes the connection at once (RST), as a network failure would."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def error(self, proto, status, code, message):
        if proto == "json" or proto == "restjson":
            body = json.dumps({"__type": code, "message": message}).encode()
            headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code}
        elif proto == "ec2":
            body = ("<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>"
                    "<RequestID>fault-proxy</RequestID></Response>" % (code, message)).encode()
            headers = {"Content-Type": "text/xml"}
        elif proto == "s3":
            body = ("<Error><Code>%s</Code><Message>%s</Message><RequestId>fault-proxy</RequestId></Error>"
                    % (code, message)).encode()
            headers = {"Content-Type": "application/xml"}
        else:
            body = ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                    "<RequestId>fault-proxy</RequestId></ErrorResponse>" % (code, message)).encode()
            headers = {"Content-Type": "text/xml"}
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        body = self.read_body()
        proto, op, mutating = self.operation(body)
        with LOCK:
            STATS["mutating"] += 1 if mutating else 0
        count("requests", op)
        if self.region() in ARGS.unreachable:
            count("unreachable")
            self.drop()
            return
        if op in ARGS.fail_op:
            count("failed_op")
            self.error(proto, 500, "InternalError" if proto != "json" else "InternalFailure", "injected by fault-proxy")
            return
        eligible = mutating or not ARGS.mutating_only
        if eligible and roll(ARGS.drop_before):
            count("drop_before")
            self.drop()
            return
        if eligible and roll(ARGS.throttle):
            count("throttle")
            if proto == "s3":
                self.error(proto, 503, "SlowDown", "Please reduce your request rate.")
            elif proto == "ec2":
                self.error(proto, 503, "RequestLimitExceeded", "Request limit exceeded.")
            else:
                self.error(proto, 400, "ThrottlingException" if proto in ("json", "restjson") else "Throttling",
                           "Rate exceeded")
            return
        if eligible and roll(ARGS.error500):
            count("error500")
            self.error(proto, 500, "InternalError" if proto != "json" else "InternalFailure",
                       "injected by fault-proxy")
            return
        status, reason, headers, payload = self.forward(body)
        if eligible and roll(ARGS.drop_after):
            count("drop_after", op)
            self.drop()  # the service acted; its answer never arrives
            return
        self.send_response(status, reason)
        for k, v in headers:
            if k.lower() not in ("transfer-encoding", "content-length", "connection", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def forward(self, body):
        conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port or 80, timeout=120)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("transfer-encoding", "connection")}
            headers["Content-Length"] = str(len(body))
            conn.request(self.command, self.path, body=body, headers=headers)
            r = conn.getresponse()
            payload = r.read()
            return r.status, r.reason, r.getheaders(), payload
        finally:
            conn.close()


def main():
    http.server.ThreadingHTTPServer.request_queue_size = 256  # the default 5 refuses a run's burst of connections
    server = http.server.ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        print(json.dumps(STATS, sort_keys=True), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
