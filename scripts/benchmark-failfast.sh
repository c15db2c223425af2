#!/usr/bin/env bash
# How long the CLI takes to give up, with one line, on what no retry can fix: wall time of
# `status --regions us-east-1` per case, including the JVM start. Needs `make build`.
# Usage: scripts/benchmark-failfast.sh [runs]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self): self.send_response(404); self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$port" &
web=$!
trap 'kill $web 2>/dev/null' EXIT
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
home=$(mktemp -d)
cases=(
  "connection refused|--endpoint-url http://127.0.0.1:$closed"
  "unknown host|--endpoint-url http://no-such-host.invalid:4566"
  "TLS to a plain HTTP server|--endpoint-url https://127.0.0.1:$port"
  "not AWS (HTTP 404)|--endpoint-url http://127.0.0.1:$port"
  "unknown profile|--endpoint-url http://127.0.0.1:$port --profile no-such-profile"
  "malformed URL (exit 64)|--endpoint-url localhost:4566"
  "no credentials (real AWS)|"
)
printf '%-28s %-5s %s\n' case exit "seconds per run"
for c in "${cases[@]}"; do
  name=${c%%|*}; args=${c#*|}
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_PROFILE -u AWS_ENDPOINT_URL HOME="$home" \
      AWS_EC2_METADATA_DISABLED=true bin/devops-cli status --regions us-east-1 $args >/dev/null 2>&1
    code=$?
    times+=("$(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.2f')")
  done
  printf '%-28s %-5s %s\n' "$name" "$code" "${times[*]}"
done
