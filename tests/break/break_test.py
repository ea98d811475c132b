#!/usr/bin/env python3
"""tests/break/break_test.py - the break tests (DESIGN §3.3, §4.6; FIPS 140-3 IG 10.3.A evidence).

Scans the module's source for every registered self-test name, then, for each one, runs `fips140 selftest` from a
break-test build (-DFIPS140_BREAK_TESTS=ON) with FIPS140_BREAK=<name> and asserts that the process aborts
(SIGABRT) with the fatal line that names that test. It also asserts that the list is complete:

  * the scanned registry equals the self-test list the binary reports (`fips140 info --json`), kinds included;
  * every break point in the source names a registered test, and every registered test has a break point;
  * an unregistered name (FIPS140_BREAK=no-such-test) changes nothing.

What is scanned (module/):
  * core/selftest.c: the CAST table (`[CAST_X] = {"NAME", fn, at_load},`), whose runner breaks every CAST by name
    (`fips140_break_requested(casts[id].name)`); the integrity entry (`integrity_test = {"NAME", ...`) and the table
    of other tests (`[TEST_X] = {"NAME", ...`);
  * break points anywhere in module/: `fips140_break_requested("NAME")`, `fips140_test_break(TEST_X)` and
    `fips140_pct_check(TEST_X, ...)`.

With --expect-ignored the CLI is a normal build: FIPS140_BREAK must have no effect for any name.
Prints one line per check and the closing line `N passed, M failed`; exit 0 only when nothing failed.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))

CAST_ROW = re.compile(r'^\s*\[(CAST_\w+)\]\s*=\s*\{\s*"([^"]+)"', re.M)
TEST_ROW = re.compile(r'^\s*\[(TEST_\w+)\]\s*=\s*\{\s*"([^"]+)"\s*,\s*"([^"]+)"', re.M)
INTEGRITY_ROW = re.compile(r'integrity_test\s*=\s*\{\s*"([^"]+)"\s*,\s*"([^"]+)"')
CAST_RUNNER = re.compile(r'fips140_break_requested\(\s*casts\[id\]\.name\s*\)')
BREAK_LITERAL = re.compile(r'fips140_break_requested\(\s*"([^"]+)"\s*\)')
BREAK_BY_ID = re.compile(r'\b(?:fips140_test_break|fips140_pct_check)\(\s*(TEST_\w+)\b')


class Results:
    """Counts and prints checks."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.notes = 0

    def ok(self, msg):
        self.passed += 1
        print(f"PASS {msg}")

    def fail(self, msg):
        self.failed += 1
        print(f"FAIL {msg}")

    def note(self, msg):
        self.notes += 1
        print(f"NOTE {msg}")

    def check(self, cond, msg, why=""):
        if cond:
            self.ok(msg)
        else:
            self.fail(msg + (f": {why}" if why else ""))
        return cond


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def strip_comments(text):
    """C source without /* */ and // comments (so examples in comments are not break points)."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def scan(source, res):
    """Return (registry, ids, break_points): registry is a list of (name, kind), ids maps TEST_X to its name,
    break_points maps name -> list of file:line where the test can be forced to fail."""
    selftest_path = os.path.join(source, "module", "core", "selftest.c")
    text = strip_comments(read(selftest_path))
    registry = [(name, "cast") for _, name in CAST_ROW.findall(text)]
    casts = [name for name, _ in registry]
    m = INTEGRITY_ROW.search(text)
    if m:
        registry.append((m.group(1), m.group(2)))
    ids = {}
    for tid, name, kind in TEST_ROW.findall(text):
        registry.append((name, kind))
        ids[tid] = name
    res.check(len(casts) > 0, f"scanned {len(casts)} CASTs from module/core/selftest.c")
    res.check(bool(CAST_RUNNER.search(text)), "the CAST runner breaks every CAST by its registered name")
    names = [n for n, _ in registry]
    dups = sorted({n for n in names if names.count(n) > 1})
    res.check(not dups, "registered names are unique", f"duplicates {dups}")

    points = {n: ["CAST runner (module/core/selftest.c)"] for n in casts}
    for root, _, files in os.walk(os.path.join(source, "module")):
        for fn in sorted(files):
            if not fn.endswith((".c", ".h")):
                continue
            path = os.path.join(root, fn)
            rel = os.path.relpath(path, source)
            if rel == os.path.join("module", "core", "break.c"):
                continue
            code = strip_comments(read(path))
            for regex, is_id in ((BREAK_LITERAL, False), (BREAK_BY_ID, True)):
                for m in regex.finditer(code):
                    line = code.count("\n", 0, m.start()) + 1
                    key = m.group(1)
                    where = f"{rel}:{line}"
                    if is_id:
                        if key not in ids:
                            res.fail(f"{where}: break point {key} is not in the test table of selftest.c")
                            continue
                        key = ids[key]
                    elif key not in names:
                        res.fail(f'{where}: break point "{key}" is not a registered self-test name')
                        continue
                    points.setdefault(key, []).append(where)
    return registry, points


def run_cli(cli, args, env_extra, timeout=120):
    env = dict(os.environ)
    env.pop("FIPS140", None)
    env.pop("FIPS140_BREAK", None)
    env.update(env_extra)
    return subprocess.run([cli] + args, env=env, capture_output=True, text=True, timeout=timeout)


def expected_line(entry):
    """The fatal line a forced failure of entry must print (a prefix when the detail varies)."""
    if entry.get("detail") is None:
        return f"fips140: {entry['what']}: ", False
    return f"fips140: {entry['what']}: {entry['detail']}\n", True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True, help="fips140 binary (a break-test build unless --expect-ignored)")
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="project source directory")
    ap.add_argument("--expect-ignored", action="store_true",
                    help="the CLI is a normal build: FIPS140_BREAK must have no effect")
    a = ap.parse_args()
    if not os.access(a.cli, os.X_OK):
        print(f"break_test: {a.cli}: not an executable", file=sys.stderr)
        return 2
    res = Results()
    registry, points = scan(a.source, res)

    # The binary's own list (fips140 info --json) must be the scanned list, in the same order, same kinds.
    info = run_cli(a.cli, ["info", "--json"], {})
    try:
        listed = json.loads(info.stdout)["self_tests"] if info.returncode == 0 else None
    except (ValueError, KeyError) as e:
        listed = None
        res.fail(f"fips140 info --json: unreadable output ({e})")
    if listed is None:
        res.fail(f"fips140 info --json exited {info.returncode}: {info.stderr.strip()}")
        print(f"{res.passed} passed, {res.failed} failed")
        return 1
    by_name = {e["name"]: e for e in listed}
    res.check([(e["name"], e["kind"]) for e in listed] == registry,
              f"fips140 info --json lists the {len(registry)} scanned self-tests (names, kinds, order)",
              f"scanned {registry}, binary lists {[(e['name'], e['kind']) for e in listed]}")

    # Every registered test must be breakable; "integrity" may not exist yet while core/integrity.c is absent.
    testable = []
    for name, kind in registry:
        if points.get(name):
            testable.append(name)
        elif kind == "integrity" and not os.path.exists(os.path.join(a.source, "module", "core", "integrity.c")):
            res.note(f'"{name}": not yet present (module/core/integrity.c does not exist); not tested')
        else:
            res.fail(f'"{name}" ({kind}) is registered but has no break point in module/')
    for name in sorted(set(points) - {n for n, _ in registry}):
        res.fail(f'"{name}" has a break point but is not registered')

    for name in testable:
        entry = by_name.get(name)
        if entry is None:
            res.fail(f'"{name}": not listed by fips140 info --json')
            continue
        kind = entry["kind"]
        if kind in ("cast", "pct"):
            want_what = "self-test failed" if kind == "cast" else "pairwise consistency test failed"
            res.check(entry["what"] == want_what and entry["detail"] == name,
                      f'"{name}": its fatal line is "fips140: {want_what}: {name}"',
                      f"registry says {entry['what']!r} / {entry['detail']!r}")
        r = run_cli(a.cli, ["selftest"], {"FIPS140_BREAK": name})
        fatal = [ln for ln in r.stderr.splitlines() if ln.startswith("fips140: ") and "passed" not in ln]
        if a.expect_ignored:
            res.check(r.returncode == 0 and not fatal, f'normal build ignores FIPS140_BREAK="{name}"',
                      f"exit {r.returncode}, stderr {r.stderr.strip()!r}")
            continue
        line, exact = expected_line(entry)
        got = (fatal[0] + "\n") if fatal else ""
        matches = got == line if exact else got.startswith(line)
        res.check(r.returncode == -signal.SIGABRT and matches and len(fatal) == 1,
                  f'FIPS140_BREAK="{name}" aborts with "{line.strip()}"',
                  f"exit {r.returncode}, fatal lines {fatal}, stdout tail {r.stdout.strip()[-200:]!r}")

    # An unregistered name changes nothing (in either build).
    r = run_cli(a.cli, ["selftest"], {"FIPS140_BREAK": "no-such-test"})
    res.check(r.returncode == 0, 'FIPS140_BREAK="no-such-test" (unregistered) has no effect',
              f"exit {r.returncode}, stderr {r.stderr.strip()!r}")

    print(f"{res.passed} passed, {res.failed} failed" + (f" ({res.notes} notes)" if res.notes else ""))
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
