#!/usr/bin/env bash
# Records which classes real runs load, for the class-data-sharing archive `make build` makes: a first
# `up`, a second `up` and `status --no-live` of a topology against a private emulator, with the archive
# off, each class named once. ClassArchiveTraining loads (and, for SDK models, initialises) every class
# on the list, so the archive also holds the response models and the lambdas their static fields make,
# which its network-free training calls never reach. Rerun after a change of SDK version or of the
# services the tool calls; a stale list only makes the archive hold less (the launcher stays correct).
#   scripts/record-class-list.sh [TOPOLOGY]     default: config/examples/three-regions.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-config/examples/three-regions.yaml}
out=scripts/class-archive-classes.txt
[[ -f target/devops-cli.jar ]] || { echo "run make build first" >&2; exit 1; }
scripts/emulator.sh install
dir=$(mktemp -d)
url=$(scripts/emulator.sh start --dir "$dir")
trap 'scripts/emulator.sh stop --dir "$dir"; rm -rf "$dir"' EXIT
for args in "up --yes --no-wait" "up --yes" "status --no-live" "status --no-live -o json" "--help"; do
  # shellcheck disable=SC2086
  java -Xshare:off -Xlog:class+load=info:file="$dir/classes.log" -jar target/devops-cli.jar $args \
    -c "$topology" --endpoint-url "$url" >/dev/null 2>&1 || true
  # the class name of every class loaded from the jar or the JDK (not generated ones: lambdas, proxies)
  grep -E 'source: (jrt:/|file:.*devops-cli\.jar)' "$dir/classes.log" | awk '{print $2}' >>"$dir/all"
done
sort -u "$dir/all" >"$out"
echo "$(wc -l <"$out") classes in $out"
