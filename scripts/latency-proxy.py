#!/usr/bin/env python3
"""A reverse HTTP proxy that adds latency to every request: to run a command against the local emulator
or loopback git servers as if they were across a network. Python standard library only.

    scripts/latency-proxy.py --upstream http://127.0.0.1:4566 --latency-ms 80 [--port 0]

Prints "listening at http://127.0.0.1:PORT" on stdout once it accepts connections. Each request waits
--latency-ms (one round trip) before it is forwarded; the answer is relayed as is. Counts requests on
stderr when stopped (SIGTERM or Ctrl-C).
"""
import argparse
import http.client
import http.server
import signal
import sys
import threading
import time
import urllib.parse

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade"}


def make_handler(upstream, latency, counter):
    target = urllib.parse.urlsplit(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else None

        def relay(self):
            data = self.body()
            with counter["lock"]:
                counter["requests"] += 1
            time.sleep(latency)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            if data is not None:
                headers["Content-Length"] = str(len(data))
            conn = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=300)
            try:
                conn.request(self.command, self.path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                self.send_response(response.status, response.reason)
                for k, v in response.getheaders():
                    if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
            finally:
                conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = relay

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True, help="where requests go, e.g. http://127.0.0.1:4566")
    parser.add_argument("--latency-ms", type=float, default=80.0, help="added to every request (default 80)")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    args = parser.parse_args()
    counter = {"requests": 0, "lock": threading.Lock()}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port),
                                             make_handler(args.upstream, args.latency_ms / 1000.0, counter))
    server.daemon_threads = True

    def stop(*_):
        print(f"latency-proxy: {counter['requests']} requests relayed with {args.latency_ms:.0f} ms each",
              file=sys.stderr, flush=True)
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"listening at http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
