#!/usr/bin/env python3
"""tools/security_policy.py - regenerates the tables of docs/SECURITY-POLICY.md from the module's own registries.

The tables (services with approval status, self-tests, entropy source parameters) come from `fips140 info --json`,
which reads the module's algorithm table (module/core/algorithms.c), self-test registry (module/core/selftest.c) and
entropy source constants (module/entropy/entropy_internal.h). Each table sits between two marker comments:

    <!-- BEGIN GENERATED: services (tools/security_policy.py) -->
    ...
    <!-- END GENERATED: services -->

Only the text between markers is replaced; the prose around them is kept. Only fixed facts are used (no compiler,
CPU or timing), so every build of the same source produces the same document.

usage: security_policy.py --cli build/bin/fips140 [--doc docs/SECURITY-POLICY.md] [--check | --out FILE]
  --check  exit 1 when the committed document differs from what the module reports (it is then out of date)
  --out    write the regenerated document to FILE instead of updating --doc in place
Exit status: 0 success, 1 failure (out of date, CLI failure, missing markers), 2 usage.
"""
import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DOC = os.path.normpath(os.path.join(HERE, "..", "docs", "SECURITY-POLICY.md"))
REGEN = "python3 tools/security_policy.py --cli build/bin/fips140"
BLOCKS = ("services", "selftests", "entropy")


def begin_marker(name):
    return f"<!-- BEGIN GENERATED: {name} (tools/security_policy.py) -->"


def end_marker(name):
    return f"<!-- END GENERATED: {name} -->"


def cell(text):
    """Text for one Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def services_block(info):
    rows = []
    for a in info["algorithms"]:
        if a["approved"]:
            rows.append((a["name"], "approved", "APPROVED", "allowed"))
        else:
            rows.append((a["name"], "non-approved", "NOT_APPROVED", "refused: not allowed in FIPS140=only mode"))
    n_ok = sum(1 for a in info["algorithms"] if a["approved"])
    head = (f"{len(rows)} services: {n_ok} approved, {len(rows) - n_ok} non-approved. The indicator column is what "
            "`fips140_indicator_get()` returns after a successful call.\n\n")
    return head + table(("Service / algorithm", "Status", "Indicator", "FIPS140=only"), rows)


def failure_line(t):
    detail = t["detail"] if t["detail"] is not None else "<reason>"
    return f"`fips140: {t['what']}: {detail}`"


KIND_NAMES = {
    "cast": "CAST",
    "integrity": "software integrity test",
    "entropy-continuous": "entropy continuous health test (SP 800-90B 4.4)",
    "pct": "pairwise consistency test",
}


def selftests_block(info):
    tests = info["self_tests"]
    rows = [(f"`{t['name']}`", KIND_NAMES.get(t["kind"], t["kind"]), t["when"], failure_line(t)) for t in tests]
    counts = {}
    for t in tests:
        counts[t["kind"]] = counts.get(t["kind"], 0) + 1
    short = {"cast": ("CAST", "CASTs"), "integrity": ("integrity test", "integrity tests"),
             "entropy-continuous": ("entropy health test", "entropy health tests"), "pct": ("PCT", "PCTs")}
    summary = ", ".join(f"{n} {short.get(k, (k, k))[n != 1]}" for k, n in counts.items())
    head = (f"{len(tests)} registered self-tests ({summary}). The name is the one `FIPS140_BREAK` takes in a "
            "break-test build. Every failure prints the line shown, enters the error state and aborts.\n\n")
    return head + table(("Name", "Kind", "When it runs", "On failure"), rows)


def entropy_block(info):
    e = info.get("entropy")
    if not e:
        return "The entropy source did not report its parameters."
    h = e["min_entropy_per_sample"]
    rows = [
        ("Noise source", e["noise_source"]),
        ("Timer", e["timer"]),
        ("Claimed min-entropy H", f"{h:g} bit per 8-bit raw sample"),
        ("Health-test false-positive rate", f"alpha = 2^-{e['alpha_log2']}"),
        ("Repetition Count Test cutoff (4.4.1)", e["rct_cutoff"]),
        ("Adaptive Proportion Test (4.4.2)", f"window {e['apt_window']}, cutoff {e['apt_cutoff']}"),
        ("Start-up test (4.3)", f"{e['startup_samples']} samples, never used for output"),
        ("Conditioning (vetted, 3.1.5.1.1)", e["conditioning"]),
        ("Samples per output block", f"{e['samples_per_block']} samples -> {e['block_bytes']} bytes (full entropy)"),
        ("Permanent failure", f"{e['max_failures']} consecutive failed attempts"),
        ("Workload", f"{e['buffer_bytes']} byte buffer, {e['loads_per_sample']} dependent loads per sample"),
    ]
    return table(("Parameter (SP 800-90B)", "Value"), rows)


def module_info(cli):
    env = {k: v for k, v in os.environ.items() if k not in ("FIPS140", "FIPS140_BREAK", "FIPS140_CPU")}
    try:
        r = subprocess.run([cli, "info", "--json"], env=env, capture_output=True, text=True, timeout=120)
    except OSError as e:
        raise SystemExit(f"security_policy: cannot run {cli}: {e}")
    if r.returncode != 0:
        raise SystemExit(f"security_policy: {cli} info --json exited {r.returncode}: {r.stderr.strip()}")
    try:
        return json.loads(r.stdout)
    except ValueError as e:
        raise SystemExit(f"security_policy: {cli} info --json printed invalid JSON: {e}")


def regenerate(doc, info):
    makers = {"services": services_block, "selftests": selftests_block, "entropy": entropy_block}
    for name in BLOCKS:
        b, e = begin_marker(name), end_marker(name)
        i, j = doc.find(b), doc.find(e)
        if i < 0 or j < 0 or j < i or doc.count(b) != 1 or doc.count(e) != 1:
            raise SystemExit(f"security_policy: the document needs exactly one pair of markers\n  {b}\n  {e}")
        doc = doc[: i + len(b)] + "\n" + makers[name](info) + "\n" + doc[j:]
    return doc


def write_atomic(path, text):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".security_policy.", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main():
    ap = argparse.ArgumentParser(description="Regenerate the tables of docs/SECURITY-POLICY.md.")
    ap.add_argument("--cli", required=True, help="the fips140 binary to ask (fips140 info --json)")
    ap.add_argument("--doc", default=DEFAULT_DOC, help="the security policy (default: docs/SECURITY-POLICY.md)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--check", action="store_true", help="fail if the document is out of date; write nothing")
    g.add_argument("--out", help="write the regenerated document here instead of updating --doc")
    a = ap.parse_args()
    try:
        with open(a.doc, encoding="utf-8") as f:
            old = f.read()
    except OSError as e:
        print(f"security_policy: cannot read {a.doc}: {e.strerror}", file=sys.stderr)
        return 1
    new = regenerate(old, module_info(a.cli))
    if a.check:
        if new == old:
            print(f"{a.doc} is up to date")
            return 0
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), "committed", "regenerated", lineterm="", n=1)
        print("\n".join(list(diff)[:60]))
        print(f"security_policy: {a.doc} is out of date with the module's registries; regenerate it with\n  {REGEN}",
              file=sys.stderr)
        return 1
    out = a.out or a.doc
    write_atomic(out, new)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit as e:
        if isinstance(e.code, str):
            print(e.code, file=sys.stderr)
            sys.exit(1)
        raise
