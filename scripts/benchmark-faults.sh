#!/usr/bin/env bash
# Fault benchmark: `up` through scripts/fault-proxy.py (faults injected between the tool and a private
# emulator), then what it left: exit code, failed nodes, duplicates counted afterwards (by
# scripts/count-duplicates.py, reading the emulator directly), and whether the next `up` without faults
# made zero mutating calls (nothing left to do).
#   scripts/benchmark-faults.sh [TOPOLOGY] [SCENARIO ...]
# Scenarios (default: all): throttle-20 error500-20 drop-before-5 drop-after-5 drop-after-5-seed2
#   concurrent-up unreachable-region
# BENCH_EMULATOR_URL reuses a running emulator (it is reset between scenarios); otherwise one is started.
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-config/topology.yaml}
shift || true
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
  scenarios=(throttle-20 error500-20 drop-before-5 drop-after-5 drop-after-5-seed2 concurrent-up unreachable-region)
fi
[ -f target/devops-cli.jar ] || make -s build
scripts/emulator.sh install >/dev/null
py=.venv/bin/python
work=$(mktemp -d)
proxy_pid=""
if [ -n "${BENCH_EMULATOR_URL:-}" ]; then
  url=$BENCH_EMULATOR_URL
  trap 'stop_proxy; rm -rf "$work"' EXIT
else
  url=$(scripts/emulator.sh start --dir "$work/emu")
  trap 'stop_proxy; scripts/emulator.sh stop --dir "$work/emu"; rm -rf "$work"' EXIT
fi
project=$(sed -n 's/^project: *\([a-z0-9-]*\).*/\1/p' "$topology")
regions=$($py - "$topology" <<'PY'
import re, sys
print(",".join(re.findall(r"name: *([a-z]+-[a-z]+-\d)", open(sys.argv[1]).read())))
PY
)
secondary=$(echo "$regions" | cut -d, -f2)

start_proxy() { # fault-proxy options...
  $py scripts/fault-proxy.py --upstream "$url" --port 0 --stats "$work/stats.json" "$@" >"$work/proxy.out" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 50); do grep -q listening "$work/proxy.out" 2>/dev/null && break; sleep 0.1; done
  proxy="http://127.0.0.1:$(sed -n 's/listening on //p' "$work/proxy.out")"
}
stop_proxy() { if [ -n "$proxy_pid" ]; then kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""; fi; }

up() { # endpoint, output file prefix, extra args...
  local endpoint=$1 out=$2; shift 2
  local start end code
  start=$(date +%s.%N)
  set +e
  bin/devops-cli up --yes -c "$topology" --endpoint-url "$endpoint" "$@" >"$out.out" 2>"$out.err"
  code=$?
  set -e
  end=$(date +%s.%N)
  echo "$code $(echo "$end - $start" | bc)"
}

failed_nodes() { grep -c '^failed: ' "$1" || true; }
failed_lines() { { grep -h '^failed: ' "$1" || true; } | head -3 | cut -c1-150 | tr '\n' ';'; }

report() { # scenario, "exit seconds" of each faulty up...
  local name=$1; shift
  stop_proxy
  local dups next next_mutating
  dups=$($py scripts/count-duplicates.py --endpoint "$url" --project "$project" --regions "$regions")
  next=$(bin/devops-cli up --yes -o json -c "$topology" --endpoint-url "$url" 2>/dev/null || true)
  next_mutating=$(echo "$next" | $py -c 'import json,sys; print(json.load(sys.stdin)["awsCalls"]["mutating"])' 2>/dev/null || echo "?")
  local injected="-"
  [ -f "$work/stats.json" ] && injected=$($py -c 'import json,sys; d=json.load(open(sys.argv[1])); print("throttle=%d 500=%d drop-before=%d drop-after=%d unreachable=%d of %d calls (%d mutating)" % (d["throttle"], d["error500"], d["drop_before"], d["drop_after"], d["unreachable"], d["requests"], d["mutating"]))' "$work/stats.json")
  printf '%-20s %s\n' "$name" "runs: $*"
  printf '%-20s %s\n' "" "faults injected: $injected"
  for f in "$work"/run*.out; do
    [ -f "$f" ] || continue
    printf '%-20s %s\n' "" "$(basename "$f" .out): failed nodes $(failed_nodes "$f") $(failed_lines "$f")"
    { grep -h 'held by\|cannot be read' "${f%.out}.err" "$f" 2>/dev/null || true; } | head -2 | cut -c1-170 | sed 's/^/                       /'
  done
  printf '%-20s %s\n' "" "duplicates afterwards: $(echo "$dups" | $py -c 'import json,sys; d=json.load(sys.stdin); print(d["duplicates"], d["duplicated"] or "")')"
  printf '%-20s %s\n' "" "next up (no faults): $next_mutating mutating calls$([ "$next_mutating" = 0 ] && echo ' (zero: nothing left to do)')"
  rm -f "$work"/run*.out "$work"/run*.err "$work/stats.json"
}

reset() { curl -fsS -X POST "$url/moto-api/reset" >/dev/null; }

echo "fault benchmark: $topology ($regions), emulator $url"
for s in "${scenarios[@]}"; do
  reset
  case $s in
    throttle-20) start_proxy --throttle 0.2 --seed 1; r=$(up "$proxy" "$work/run1"); report "$s" "exit/s $r" ;;
    error500-20) start_proxy --error500 0.2 --seed 1; r=$(up "$proxy" "$work/run1"); report "$s" "exit/s $r" ;;
    drop-before-5) start_proxy --drop-before 0.05 --seed 1; r=$(up "$proxy" "$work/run1"); report "$s" "exit/s $r" ;;
    drop-after-5) start_proxy --drop-after 0.05 --mutating-only --seed 1; r=$(up "$proxy" "$work/run1"); report "$s" "exit/s $r" ;;
    drop-after-5-seed2) start_proxy --drop-after 0.05 --mutating-only --seed 2; r=$(up "$proxy" "$work/run1"); report "$s" "exit/s $r" ;;
    concurrent-up)
      start_proxy
      up "$proxy" "$work/run1" >"$work/r1" & p1=$!
      up "$proxy" "$work/run2" >"$work/r2" & p2=$!
      wait $p1 $p2 || true
      report "$s" "exit/s $(cat "$work/r1") | $(cat "$work/r2")" ;;
    unreachable-region)
      start_proxy --unreachable "$secondary"; r=$(up "$proxy" "$work/run1"); report "$s (unreachable $secondary)" "exit/s $r" ;;
    *) echo "unknown scenario $s" >&2; exit 64 ;;
  esac
done
