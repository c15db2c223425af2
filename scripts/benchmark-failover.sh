#!/usr/bin/env bash
# Measures `failover` against a private emulator: after one `up` of the topology, N rounds of failing over
# to the first secondary and back, printing each step's time and the total (the recovery time), then the
# medians. --force because the emulator's ECS registers no targets in the target groups (DESIGN.md).
#   scripts/benchmark-failover.sh [TOPOLOGY] [ROUNDS]      defaults: config/topology.yaml 5
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-config/topology.yaml}
rounds=${2:-5}
make -s build
scripts/emulator.sh install
dir=$(mktemp -d)
url=$(scripts/emulator.sh start --dir "$dir")
trap 'scripts/emulator.sh stop --dir "$dir"; rm -rf "$dir"' EXIT

bin/devops-cli up --yes -c "$topology" --endpoint-url "$url" >/dev/null 2>&1
read -r primary secondary < <(python3 - "$topology" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
regions = re.findall(r"name:\s*([a-z0-9-]+),\s*role:\s*(primary|secondary)", text)
print(next(n for n, r in regions if r == "primary"), next(n for n, r in regions if r == "secondary"))
PY
)

results=$(mktemp)
for i in $(seq 1 "$rounds"); do
  for to in "$secondary" "$primary"; do
    bin/devops-cli failover --to "$to" --yes --force -o json -c "$topology" --endpoint-url "$url" 2>/dev/null \
      | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["to"], d["totalMillis"], *[s["millis"] for s in d["steps"]])' \
      | tee -a "$results" | sed "s/^/round $i: to /"
  done
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for target in dict.fromkeys(r[0] for r in rows):
    mine = [list(map(int, r[1:])) for r in rows if r[0] == target]
    cols = list(zip(*mine))
    print(f"median failover to {target}: total {statistics.median(cols[0]):.0f} ms; steps "
          + " / ".join(f"{statistics.median(c):.0f}" for c in cols[1:]) + f" ms ({len(mine)} runs)")
PY
