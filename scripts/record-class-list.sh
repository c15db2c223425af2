#!/usr/bin/env bash
# Records which classes real runs load, for the class-data-sharing archive `make build` makes: a first
# `up`, a second `up` and `status --no-live` of a topology against a private emulator, with the archive
# off, each class named once. ClassArchiveTraining loads (and, for SDK models, initialises) every class
# on the list, so the archive also holds the response models and the lambdas their static fields make,
# which its network-free training calls never reach. Rerun after a change of SDK version or of the
# services the tool calls; a stale list only makes the archive hold less (the launcher stays correct).
# It also records the emulator's answers to a converged `status --no-live` and `up --dry-run`
# (scripts/class-archive-answers.jsonl.gz, through scripts/latency-proxy.py --record): the training replays
# them, so the code a converged run executes (and the lambdas it links) is in the archive too.
# The JDK 25 AOT cache (scripts/aot-cache.sh) is trained from the same list and answers.
#   scripts/record-class-list.sh [TOPOLOGY]     default: config/examples/three-regions.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-config/examples/three-regions.yaml}
out=scripts/class-archive-classes.txt
answers=scripts/class-archive-answers.jsonl.gz
[[ -f target/devops-cli.jar ]] || { echo "run make build first" >&2; exit 1; }
scripts/emulator.sh install
dir=$(mktemp -d)
url=$(scripts/emulator.sh start --dir "$dir")
proxy_pid=
trap '[[ -n $proxy_pid ]] && kill $proxy_pid 2>/dev/null; scripts/emulator.sh stop --dir "$dir"; rm -rf "$dir"' EXIT
for args in "up --yes --no-wait" "up --yes" "status --no-live" "status --no-live -o json" "--help"; do
  # shellcheck disable=SC2086
  java -Xshare:off -Xlog:class+load=info:file="$dir/classes.log" -jar target/devops-cli.jar $args \
    -c "$topology" --endpoint-url "$url" >/dev/null 2>&1 || true
  # the class name of every class loaded from the jar or the JDK (not generated ones: lambdas, proxies)
  grep -E 'source: (jrt:/|file:.*devops-cli\.jar)' "$dir/classes.log" | awk '{print $2}' >>"$dir/all"
done
sort -u "$dir/all" >"$out"
echo "$(wc -l <"$out") classes in $out"
# the answers of a converged run, replayed by the training (the first line names the topology)
printf '{"topology": "%s"}\n' "$topology" >"$dir/answers"
python3 scripts/latency-proxy.py --target "$url" --delay-ms 0 --log "$dir/calls.log" --record "$dir/answers" \
  >"$dir/proxy.url" &
proxy_pid=$!
for _ in $(seq 1 50); do [[ -s $dir/proxy.url ]] && break; sleep 0.1; done
for args in "status --no-live -o json" "up --dry-run -o json"; do
  # shellcheck disable=SC2086
  java -jar target/devops-cli.jar $args -c "$topology" --endpoint-url "$(cat "$dir/proxy.url")" >/dev/null 2>&1 || true
done
gzip -9 -n -c "$dir/answers" >"$answers"
echo "$(($(wc -l <"$dir/answers") - 1)) answers in $answers"
