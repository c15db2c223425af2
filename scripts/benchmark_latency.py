#!/usr/bin/env python3
"""Runs the tool through scripts/latency-proxy.py and prints, per command, wall time, CPU (user+sys) of
the tool and ("bench") of the emulator and proxy processes on the same cores, calls, mutating calls, the longest chain of calls in a row, the graph's lower bound and the ratio.

Called by scripts/benchmark-latency.sh, which builds the jar and starts the emulator and the proxy:
    benchmark_latency.py EMULATOR_URL PROXY_URL PROXY_LOG TOPOLOGY DELAY_MS RUNS

Per run: reset the emulator, `up` (first: everything created), `up` again (second: nothing to do),
`status --no-live`. The lower bounds come from `up --dry-run -o json` on the empty account (its
"estimate.bench" block: the plan's longest chain of dependent resources and each region's alarms):
  first up   (1 observe round + one call per resource along the longest chain) x delay
  first up, with alarm pacing   the same, or the chain up to the alarms plus (alarms - 1) / 3 s at the
             CloudWatch quota of 3 PutMetricAlarm per second, whichever is longer
  second up / status   2 x delay: one round of reads, one round of batched tag reads
Then, per run, a second `up` and `status` (live checks included) in the table output users read. Then
the same second `up` and `status --no-live` against an AWS-like server: the last run's converged
state is recorded (latency-proxy.py --record, no delay), and a second proxy answers the reads it holds
from the recording, in parallel and after the same delay (--replay); writes (the lock's) still reach the
emulator. moto serves one call at a time under Python's global lock, AWS does not: these rows are what the
tool itself takes. Their goal is 2 x the bound plus the JVM's start (the median time to the first call).
"""
import collections
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

emulator, proxy, log_path, topology, delay_ms, runs = sys.argv[1:7]
delay = float(delay_ms) / 1000.0
runs = int(runs)
# BENCH_CLI: another launcher to measure (an older build, for a before/after on the same machine load)
CLI = os.environ.get("BENCH_CLI") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bin", "devops-cli")


def log_lines(path=None):
    with open(path or log_path) as f:
        return f.readlines()


def longest_chain(calls):
    """The most calls that ran one after another (each starting after the previous one ended), as the
    list of those calls."""
    if not calls:
        return []
    by_end = sorted(range(len(calls)), key=lambda i: calls[i][1])
    best, best_at = 0, None
    j = 0
    length, previous = {}, {}
    for i in sorted(range(len(calls)), key=lambda i: calls[i][0]):
        while j < len(by_end) and calls[by_end[j]][1] <= calls[i][0]:
            k = by_end[j]
            if length.get(k, 0) > best:
                best, best_at = length[k], k
            j += 1
        length[i] = best + 1
        previous[i] = best_at
    end = max(length, key=length.get)
    chain = []
    while end is not None:
        chain.append(calls[end])
        end = previous[end]
    return chain[::-1]


# The emulator's and the proxy's processes share the machine's cores with the tool: their CPU during a
# command says how much of its wall time the bench itself took (none of it exists against AWS).
BENCH_PIDS = [p for p in (os.environ.get("BENCH_EMULATOR_PID"), os.environ.get("BENCH_PROXY_PID")) if p]


def bench_cpu():
    """User+sys seconds the emulator and proxy processes have used so far (Linux /proc)."""
    total = 0.0
    for pid in BENCH_PIDS:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return total


def run(args, via=None, log=None, text=False):
    """One command through the proxy at `via` (default: the delay proxy), whose calls `log` holds; with
    -o json unless `text` (the table output, as users read it: no mutating count then)."""
    before = len(log_lines(log))
    bench_before = bench_cpu()
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    p = subprocess.run([CLI] + args + ["-c", topology, "--endpoint-url", via or proxy] + ([] if text else ["-o", "json"]),
                       capture_output=True, text=True)
    wall = time.time() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    bench = bench_cpu() - bench_before
    time.sleep(0.05)
    lines = [l.split() for l in log_lines(log)[before:]]
    calls = [(float(f[0]), float(f[1]), f[2]) for f in lines]
    forwarded = sum(1 for f in lines if f[3:] == ["forwarded"])
    try:
        doc = None if text else json.loads(p.stdout)
    except ValueError:
        sys.exit(f"{' '.join(args)} failed (exit {p.returncode}):\n{p.stderr[-3000:]}")
    if p.returncode != 0:
        print(f"warning: {' '.join(args)} exited {p.returncode}: {p.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
    chain = longest_chain(calls)
    return {"wall": wall, "cpu": cpu, "bench_cpu": bench, "calls": len(calls), "mutating": doc["awsCalls"]["mutating"] if doc else 0,
            "chain": len(chain), "chain_calls": chain, "forwarded": forwarded,
            "first_call": (min(c[0] for c in calls) - start) if calls else 0.0, "actions": collections.Counter(c[2] for c in calls), "doc": doc}


def reset():
    urllib.request.urlopen(urllib.request.Request(emulator + "/moto-api/reset", method="POST")).read()


reset()
plan = run(["up", "--dry-run"])
bench = plan["doc"].get("estimate", {}).get("bench")
bounds = {}
if bench:
    depth = bench["longestChain"]
    bounds["first"] = (1 + depth) * delay
    paced = max((1 + r["chainToAlarms"] + 1) * delay + (r["alarms"] - 1) / 3.0 for r in bench["regions"])
    bounds["first paced"] = max(bounds["first"], paced)
    bounds["second"] = bounds["status"] = 2 * delay

rows = collections.defaultdict(list)
for i in range(runs):
    reset()
    for label, args in (("first", ["up", "--yes"]), ("second", ["up", "--yes"]), ("status", ["status", "--no-live"])):
        r = run(args)
        rows[label].append(r)
        print(f"run {i + 1} {label:6}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s cpu (emulator+proxy "
              f"{r['bench_cpu']:.2f} s), {r['calls']} calls, "
              f"{r['mutating']} mutating, longest chain {r['chain']}", flush=True)
    # the same converged state in the table output users read: `up` prints the app links, `status` adds
    # its live checks (task counts, targets, probes, pipeline, alarms, triggers, the failover chain)
    for label, args in (("second up, text", ["up", "--yes"]), ("status, text", ["status"])):
        r = run(args, text=True)
        rows[label].append(r)
        print(f"run {i + 1} {label}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s cpu, {r['calls']} calls, "
              f"longest chain {r['chain']}", flush=True)


def start_proxy(*options):
    """scripts/latency-proxy.py in front of the emulator: its URL, its log and its process."""
    log = tempfile.mkstemp(suffix=".log")[1]
    p = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "latency-proxy.py"),
                          "--target", emulator, "--log", log, *options], stdout=subprocess.PIPE, text=True)
    return p.stdout.readline().strip(), log, p


answers = tempfile.mkstemp(suffix=".jsonl")[1]
recorder_url, recorder_log, recorder = start_proxy("--delay-ms", "0", "--record", answers)
for args in (["up", "--yes"], ["status", "--no-live"]):
    run(args, recorder_url, recorder_log)
recorder.terminate()
os.unlink(recorder_log)
replay_url, replay_log, replayer = start_proxy("--delay-ms", delay_ms, "--replay", answers)
BENCH_PIDS.append(str(replayer.pid))
for i in range(runs):
    for label, args in (("second", ["up", "--yes"]), ("status", ["status", "--no-live"])):
        r = run(args, replay_url, replay_log)
        rows[label + " replayed"].append(r)
        print(f"run {i + 1} {label:6} against the AWS-like server: {r['wall']:.2f} s wall, {r['cpu']:.2f} s cpu "
              f"(emulator+proxies {r['bench_cpu']:.2f} s), {r['calls']} calls ({r['forwarded']} forwarded to the "
              f"emulator), {r['mutating']} mutating, longest chain {r['chain']}, first call at {r['first_call']:.2f} s",
              flush=True)
        if r["mutating"]:
            print("warning: a run against the AWS-like server changed something: its replayed answers no longer "
                  "held, so its row is not a measure of a converged run", file=sys.stderr)
replayer.terminate()
for f in (answers, replay_log):
    os.unlink(f)

help_times = []
for _ in range(5):
    s = time.time()
    subprocess.run([CLI, "--help"], capture_output=True)
    help_times.append(time.time() - s)

print()
print(f"{topology}, {delay_ms} ms per call, medians of {runs} runs; `--help` {statistics.median(help_times):.3f} s")
print(f"{'':22} {'wall s':>7} {'cpu s':>6} {'bench':>6} {'calls':>6} {'mutating':>8} {'chain':>6} {'bound s':>8} {'ratio':>6}")
for label in ("first", "second", "status"):
    rs = rows[label]
    med = lambda k: statistics.median(r[k] for r in rs)
    keys = ["first", "first paced"] if label == "first" else [label]
    for k in keys:
        b = bounds.get(k)
        name = {"first": "first up", "first paced": "first up (vs. paced)", "second": "second up",
                "status": "status --no-live"}[k]
        bound = f"{b:.2f}" if b else "n/a"
        ratio = f"{med('wall') / b:.1f}x" if b else "n/a"
        print(f"{name:22} {med('wall'):7.2f} {med('cpu'):6.2f} {med('bench_cpu'):6.2f} {med('calls'):6.0f} {med('mutating'):8.0f} "
              f"{med('chain'):6.0f} {bound:>8} {ratio:>6}")
for label in ("second up, text", "status, text"):
    rs = rows[label]
    med = lambda k: statistics.median(r[k] for r in rs)
    print(f"{label + ' (emulator)':22} {med('wall'):7.2f} {med('cpu'):6.2f} {med('bench_cpu'):6.2f} {med('calls'):6.0f} "
          f"{'-':>8} {med('chain'):6.0f}")
for label in ("second", "status"):
    rs = rows[label + " replayed"]
    med = lambda k: statistics.median(r[k] for r in rs)
    b = bounds.get(label)
    name = {"second": "second up", "status": "status --no-live"}[label] + ", AWS-like"
    goal = f"{2 * b + med('first_call'):.2f}" if b else "n/a"
    ratio = f"{med('wall') / b:.1f}x" if b else "n/a"
    print(f"{name:22} {med('wall'):7.2f} {med('cpu'):6.2f} {med('bench_cpu'):6.2f} {med('calls'):6.0f} {med('mutating'):8.0f} "
          f"{med('chain'):6.0f} {(f'{b:.2f}' if b else 'n/a'):>8} {ratio:>6}   goal {goal} s (2 x bound + the first "
          f"call at {med('first_call'):.2f} s)")
if bench:
    print(f"graph: longest chain of dependent resources {bench['longestChain']}; alarms per region "
          + ", ".join(f"{r['region']} {r['alarms']}" for r in bench["regions"]))
if os.environ.get("BENCH_CHAIN"):
    for label in ("first", "second", "status", "second replayed", "status replayed"):
        print(f"\n{label}: the longest chain of calls (last run): "
              + " > ".join(c[2] for c in rows[label][-1]["chain_calls"]))
if os.environ.get("BENCH_ACTIONS"):
    for label in ("first", "second"):
        print(f"\n{label} up, calls by action (last run):")
        for act, n in rows[label][-1]["actions"].most_common(40):
            print(f"  {n:4} {act}")
