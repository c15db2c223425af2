#!/usr/bin/env bash
# Runs a topology through a proxy that adds a fixed latency to every AWS call (as real AWS has 30-100 ms)
# and prints, for a first `up`, a second `up` and `status --no-live`: wall time, CPU (user+sys) of the tool
# and ("bench") of the emulator and proxy on the same cores, calls, mutating calls, the longest chain of
# calls in a row, the graph's lower bound and the ratio; then a converged `up` and `status` in the table
# output, and a second `up` and `status --no-live` against an AWS-like server (the converged state's reads
# replayed in parallel by latency-proxy.py --replay; see benchmark_latency.py).
#   scripts/benchmark-latency.sh [TOPOLOGY] [DELAY_MS] [RUNS]   defaults: config/examples/three-regions.yaml 100 3
# BENCH_ACTIONS=1 also lists the calls by API action. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-config/examples/three-regions.yaml}
delay=${2:-100}
runs=${3:-3}
[[ ${BENCH_SKIP_BUILD:-} ]] || make -s build
scripts/emulator.sh install
dir=$(mktemp -d)
url=$(scripts/emulator.sh start --dir "$dir")
: >"$dir/calls.log"
python3 scripts/latency-proxy.py --target "$url" --delay-ms "$delay" --log "$dir/calls.log" >"$dir/proxy.url" &
proxy_pid=$!
trap 'kill $proxy_pid 2>/dev/null || true; scripts/emulator.sh stop --dir "$dir"; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do [[ -s $dir/proxy.url ]] && break; sleep 0.1; done
BENCH_EMULATOR_PID=$(cat "$dir/pid") BENCH_PROXY_PID=$proxy_pid \
  python3 scripts/benchmark_latency.py "$url" "$(cat "$dir/proxy.url")" "$dir/calls.log" "$topology" "$delay" "$runs"
