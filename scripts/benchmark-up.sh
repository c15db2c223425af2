#!/usr/bin/env bash
# Measures a first `up` (empty account) and a second `up` (nothing to do) of a topology against a private
# emulator: AWS calls (total and mutating, from the tool's own call counter) and wall time, over N runs,
# printing each run and the medians.
#   scripts/benchmark-up.sh [TOPOLOGY] [RUNS]      defaults: config/topology.yaml 5
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-config/topology.yaml}
runs=${2:-5}
make -s build
scripts/emulator.sh install
dir=$(mktemp -d)
url=$(scripts/emulator.sh start --dir "$dir")
trap 'scripts/emulator.sh stop --dir "$dir"; rm -rf "$dir"' EXIT

# One `up`, printing "<seconds> <total calls> <mutating calls>".
measure() {
  local start end json
  start=$(date +%s.%N)
  json=$(bin/devops-cli up --yes -o json -c "$topology" --endpoint-url "$url" 2>/dev/null)
  end=$(date +%s.%N)
  python3 - "$start" "$end" "$json" <<'PY'
import json, sys
doc = json.loads(sys.argv[3])
print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f} {doc['awsCalls']['total']} {doc['awsCalls']['mutating']}")
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

first=(); second=()
for i in $(seq 1 "$runs"); do
  curl -fsS -X POST "$url/moto-api/reset" >/dev/null
  first+=("$(measure)")
  second+=("$(measure)")
  echo "run $i: first up ${first[-1]} | second up ${second[-1]}   (seconds, calls, mutating calls)"
done
for label in first second; do
  declare -n rows=$label
  t=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f1 | median)
  c=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f2 | median)
  m=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f3 | median)
  echo "median $label up: ${t}s wall, $c AWS calls, $m mutating ($runs runs, $topology)"
done
