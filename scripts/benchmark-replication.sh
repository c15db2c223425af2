#!/usr/bin/env bash
# Times `replicate`'s core on loopback: full mirror of a 1,000-commit repository, then one incremental
# push, median of RUNS runs (default 5). Needs only Maven and a JDK (no git binary, no AWS).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
  io.devopscli.replication.ReplicationBenchmark "$runs"
