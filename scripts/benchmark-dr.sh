#!/usr/bin/env bash
# Recovery time (RTO) and recovery point (RPO) of a three-region topology, end to end: failover to the
# third region and back, and a push replicated to every other region, run against a private emulator and
# loopback git servers through scripts/latency-proxy.py (LATENCY_MS per request), plus AWS's documented
# times for what the emulator makes instant (health check detection as configured, Route 53 propagation,
# DNS TTL, ECS scale-up). Prints each term and the totals against the 5-minute and 1-minute objectives.
#   scripts/benchmark-dr.sh [LATENCY_MS] [ROUNDS]      defaults: 50 3
set -euo pipefail
cd "$(dirname "$0")/.."
latency=${1:-50}
rounds=${2:-3}
make -s build
scripts/emulator.sh install
dir=$(mktemp -d)
url=$(scripts/emulator.sh start --dir "$dir")
trap 'scripts/emulator.sh stop --dir "$dir"; rm -rf "$dir"' EXIT
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
  io.devopscli.e2e.DisasterRecoveryBenchmark "$url" "$latency" "$rounds"
