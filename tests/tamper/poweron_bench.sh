#!/bin/sh
# tests/tamper/poweron_bench.sh - process start to first approved operation: runs PROGRAM (poweron_time) N times
# and prints the medians of the power-on sequence (integrity check + load-time CASTs, timed by the module's
# constructor), of main()'s first SHA2-256, and of the whole run (exec to exit, wall clock).
# With a LIMIT_US argument, fails when the power-on median exceeds it.
# Usage: poweron_bench.sh PROGRAM [RUNS] [LIMIT_US]
set -eu
PROG="$1"
RUNS="${2:-50}"
LIMIT="${3:-}"
python3 - "$PROG" "$RUNS" "$LIMIT" <<'PY'
import statistics, subprocess, sys, time
prog, runs, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pw, op, wall = [], [], []
for _ in range(runs):
    t = time.perf_counter_ns()
    out = subprocess.run([prog], check=True, capture_output=True, text=True).stdout.split()
    wall.append(time.perf_counter_ns() - t)
    pw.append(int(out[1]))
    op.append(int(out[3]))
m = lambda v: statistics.median(v) / 1000
print("power-on (CASTs SHA2-256, HMAC-SHA2-256 + integrity check): median %.1f us, min %.1f us, max %.1f us"
      % (m(pw), min(pw) / 1000, max(pw) / 1000))
print("first approved operation in main (SHA2-256): median %.1f us" % m(op))
print("whole process (exec to exit, wall clock): median %.1f us over %d runs" % (m(wall), runs))
if limit and m(pw) > float(limit):
    print("FAIL: power-on median %.1f us exceeds %s us" % (m(pw), limit))
    sys.exit(1)
print("1 passed, 0 failed")
PY
