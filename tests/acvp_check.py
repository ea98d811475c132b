#!/usr/bin/env python3
"""tests/acvp_check.py - run `fips140 acvp FILE` and compare its response with the known answers.

Usage:
  python3 tests/acvp_check.py --cli build/bin/fips140 FILE [--skip-ldt]
  python3 tests/acvp_check.py --cli build/bin/fips140 FILE --expect-exit 2

FILE is an ACVP vector set, plain or gzip: an internalProjection.json (inputs and answers in one file), or a
prompt.json with an expectedResults.json(.gz) beside it (answers taken from there; the prompt still gives the
group metadata such as testType and direction).

Answer fields compared per test: md, mac, ct, pt, tag, resultsArray, testPassed, returnedBits, signature - those of them the expected
test holds, restricted by the group's direction (encrypt: ct/tag; decrypt: pt/testPassed). Hex strings compare
case-insensitively; resultsArray compares every field of every entry. "testPassed": false must be answered as
false; an expected true accepts an absent testPassed. Every expected test must be answered, except large data
tests (testType LDT) when --skip-ldt is given (which also sets FIPS140_ACVP_SKIP_LDT=1 for the CLI), and tests of
groups on curves or KAS schemes the module does not implement (UNSUPPORTED_CURVES: ED-448, B-*, K-*;
UNSUPPORTED_SCHEMES: MQV; UNSUPPORTED_GROUP_VALUES: CMAC-TDES, TLS 1.0/1.1), which must not be answered. EDDSA
keyGen answers are random: q must be the Ed25519 public key of the returned d (computed here independently).

Prints up to 10 mismatches and a closing line "N passed, M failed". Exit 0 only if M == 0 and N > 0, or if every
test is of an unsupported curve or scheme (and none was answered).

--expect-exit CODE is for negative tests (unsupported algorithm: 2, malformed input: 1): it only checks that
the CLI exits with CODE and writes nothing on stdout; it counts as one test.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import acvp_random_ec  # noqa: E402  checkers of random ECDSA answers (keys, signatures)
import acvp_random_rsa  # noqa: E402  checkers of random RSA answers

ANSWER_FIELDS = (
    "md", "mac", "ct", "pt", "tag", "resultsArray", "testPassed", "returnedBits", "signature",
    "derivedKey", "dkm", "dkms",  # HKDF, PBKDF, KDA (dkms: multi-expansion, compared as a whole list)
    "keyOut",  # KDF (SP 800-108)
    "keyData",  # kdf-components ansix9.63
    "initialIvClient", "initialIvServer", "encryptionKeyClient", "encryptionKeyServer",  # kdf-components ssh
    "integrityKeyClient", "integrityKeyServer",
    "masterSecret", "keyBlock",  # TLS 1.0-1.2
    "clientEarlyTrafficSecret", "earlyExporterMasterSecret", "clientHandshakeTrafficSecret",  # TLS-v1.3-KDF
    "serverHandshakeTrafficSecret", "clientApplicationTrafficSecret", "serverApplicationTrafficSecret",
    "exporterMasterSecret", "resumptionMasterSecret",
)
# groups the module does not implement: skipped, and must not be answered. Binary curves: deprecated by SP 800-186.
UNSUPPORTED_CURVES = ("ED-448",) + tuple("%s-%d" % (k, b) for k in "BK" for b in (163, 233, 283, 409, 571))
UNSUPPORTED_SCHEMES = ("fullMqv", "onePassMqv")  # KAS-ECC-SSC: MQV is not implemented
# other group fields naming what the module does not implement: TDES (no TDES in the module), TLS 1.0/1.1's PRF (needs
# MD5; TLS 1.0/1.1 are not allowed by SP 800-52 Rev. 2)
UNSUPPORTED_GROUP_VALUES = {"macMode": ("CMAC-TDES",), "tlsVersion": ("v1.0/1.1",)}
MAX_REPORTS = 10


def load_json(path):
    """load_json - parse a plain or gzip JSON file (gzip recognised by its magic bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def vector_set(doc):
    """vector_set - the vector set object of a document (also in the server's [{acvVersion}, {...}] form)."""
    if isinstance(doc, list):
        for item in doc:
            if isinstance(item, dict) and "testGroups" in item:
                return item
        raise ValueError("no vector set object in the array")
    return doc


def expected_results_path(path):
    """expected_results_path - expectedResults.json(.gz) next to a prompt.json(.gz), or None."""
    base = os.path.basename(path)
    if not base.startswith("prompt.json"):
        return None
    d = os.path.dirname(path)
    for name in ("expectedResults.json", "expectedResults.json.gz"):
        p = os.path.join(d, name)
        if os.path.exists(p):
            return p
    return None


def same(expected, got):
    """same - equality with hex strings compared case-insensitively."""
    if isinstance(expected, str) and isinstance(got, str):
        return expected.upper() == got.upper()
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    return expected == got


def compare_results_array(expected, got):
    """compare_results_array - None if equal, else a short reason."""
    if not isinstance(got, list):
        return "resultsArray missing or not an array"
    if len(got) != len(expected):
        return "resultsArray has %d entries, expected %d" % (len(got), len(expected))
    for i, (e, g) in enumerate(zip(expected, got)):
        for k, v in e.items():
            if not isinstance(g, dict) or k not in g:
                return "resultsArray[%d] lacks %s" % (i, k)
            if not same(v, g[k]):
                return "resultsArray[%d].%s = %s, expected %s" % (i, k, g[k], v)
    return None


def ed25519_public(d):
    """ed25519_public - RFC 8032 §5.1.5 public key of the 32-byte private key d (independent check of keyGen)."""
    import hashlib
    p = 2**255 - 19
    dd = -121665 * pow(121666, p - 2, p) % p
    h = hashlib.sha512(d).digest()
    s = int.from_bytes(h[:32], "little") & ((1 << 254) - 8) | (1 << 254)
    by = 4 * pow(5, p - 2, p) % p
    u, v = (by * by - 1) % p, (dd * by * by + 1) % p
    bx = u * pow(v, 3, p) * pow(u * pow(v, 7, p), (p - 5) // 8, p) % p
    if v * bx * bx % p != u:
        bx = bx * pow(2, (p - 1) // 4, p) % p
    if bx & 1:
        bx = p - bx

    def add(a, b):
        t = dd * a[0] * b[0] * a[1] * b[1] % p
        return ((a[0] * b[1] + b[0] * a[1]) * pow(1 + t, p - 2, p) % p,
                (a[1] * b[1] + a[0] * b[0]) * pow(1 - t, p - 2, p) % p)

    r, q = (0, 1), (bx, by)
    while s:
        if s & 1:
            r = add(r, q)
        q, s = add(q, q), s >> 1
    return (r[1] | ((r[0] & 1) << 255)).to_bytes(32, "little")


def check_eddsa_keygen(got):
    """check_eddsa_keygen - keyGen answers are random: d must be 32 bytes and q its public key."""
    try:
        d, q = bytes.fromhex(got["d"]), bytes.fromhex(got["q"])
    except (KeyError, TypeError, ValueError):
        return "d or q missing or not hex"
    if len(d) != 32:
        return "d has %d bytes" % len(d)
    return None if ed25519_public(d) == q else "q is not the public key of d"


# RANDOM_CHECKERS - answers that are random (generated keys, signatures with a random k or salt) cannot be compared
# with NIST's: they are checked the way the ACVP server checks them. (algorithm, mode) -> function(group, exp, got,
# got_group) returning None when the answer is right, else a reason. group is the prompt group merged with the
# expected group, exp the expected test, got the response test, got_group the response group (group-level answers).
RANDOM_CHECKERS = {("EDDSA", "keyGen"): lambda group, exp, got, got_group: check_eddsa_keygen(got)}
RANDOM_CHECKERS.update(acvp_random_ec.CHECKERS)
RANDOM_CHECKERS.update(acvp_random_rsa.CHECKERS)


def answer_fields(group, test):
    """answer_fields - the answer fields of an expected test, given its group's direction."""
    fields = [k for k in ANSWER_FIELDS if k in test]
    if "testPassed" in test:  # signature / MAC verification, KDA VAL: the signature, MAC or dkm(s) is an input
        fields = [k for k in fields if k not in ("signature", "mac", "dkm", "dkms")]
    direction = group.get("direction")
    if direction == "encrypt":
        fields = [k for k in fields if k not in ("pt", "testPassed")]
    elif direction == "decrypt":
        fields = [k for k in fields if k not in ("ct", "tag")]
        if test.get("testPassed") is False:
            fields = ["testPassed"]
    return fields


def compare_test(group, exp, got):
    """compare_test - None if the response test answers exp correctly, else a reason."""
    for k in answer_fields(group, exp):
        if k == "resultsArray":
            why = compare_results_array(exp[k], got.get(k))
            if why:
                return why
        elif k == "testPassed":
            g = got.get("testPassed", True)
            if g is not exp[k]:
                return "testPassed = %s, expected %s" % (json.dumps(g), json.dumps(exp[k]))
        elif k not in got:
            return "%s missing" % k
        elif not same(exp[k], got[k]):
            return "%s = %s, expected %s" % (k, got[k], exp[k])
    return None


def run_cli(cli, path, skip_ldt):
    """run_cli - run `cli acvp path`; returns (exit code, stdout bytes, stderr text)."""
    env = dict(os.environ)
    if skip_ldt:
        env["FIPS140_ACVP_SKIP_LDT"] = "1"
    else:
        env.pop("FIPS140_ACVP_SKIP_LDT", None)
    p = subprocess.run([cli, "acvp", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def check(args):
    """check - the comparison; returns the process exit status."""
    rc, out, err = run_cli(args.cli, args.file, args.skip_ldt)
    if args.expect_exit is not None:
        ok = rc == args.expect_exit and not out.strip()
        if not ok:
            print("%s: exit %d (expected %d), %d bytes on stdout" % (args.file, rc, args.expect_exit, len(out)))
        if err:
            sys.stdout.write("  stderr: " + err)
        print("%d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
        return 0 if ok else 1
    if rc != 0:
        sys.stdout.write(err)
        print("%s: fips140 acvp exited with %d" % (args.file, rc))
        print("0 passed, 1 failed")
        return 1
    try:
        resp = json.loads(out)
    except ValueError as e:
        print("%s: response is not JSON: %s" % (args.file, e))
        print("0 passed, 1 failed")
        return 1

    prompt = vector_set(load_json(args.file))
    exp_path = expected_results_path(args.file)
    answers = vector_set(load_json(exp_path)) if exp_path else prompt
    meta = {g["tgId"]: g for g in prompt.get("testGroups", [])}
    got = {}
    got_groups = {}
    for g in resp.get("testGroups", []):
        got_groups[g.get("tgId")] = g
        for t in g.get("tests", []):
            got[(g.get("tgId"), t.get("tcId"))] = t

    passed = failed = skipped = unsupported = 0
    reports = []
    for k in ("algorithm", "revision"):
        if resp.get(k) != answers.get(k, prompt.get(k)):
            failed += 1
            reports.append("response %s = %r, expected %r" % (k, resp.get(k), answers.get(k)))
    for eg in answers.get("testGroups", []):
        tgid = eg.get("tgId")
        group = dict(meta.get(tgid, {}))
        group.update({k: v for k, v in eg.items() if k != "tests"})
        for et in eg.get("tests", []):
            tcid = et.get("tcId")
            if args.skip_ldt and group.get("testType") == "LDT":
                skipped += 1
                if (tgid, tcid) in got:
                    failed += 1
                    reports.append("tgId %s tcId %s: LDT answered although skipped" % (tgid, tcid))
                continue
            if (group.get("curve") in UNSUPPORTED_CURVES or group.get("scheme") in UNSUPPORTED_SCHEMES
                    or group.get("domainParameterGenerationMode") in UNSUPPORTED_CURVES
                    or any(group.get(k) in v for k, v in UNSUPPORTED_GROUP_VALUES.items())):
                skipped += 1
                unsupported += 1
                if (tgid, tcid) in got:
                    failed += 1
                    reports.append("tgId %s tcId %s: unsupported curve, scheme or option answered" % (tgid, tcid))
                continue
            checker = RANDOM_CHECKERS.get((prompt.get("algorithm"), prompt.get("mode")))
            if checker is None and not answer_fields(group, et):
                skipped += 1
                continue
            t = got.get((tgid, tcid))
            if t is None:
                why = "no answer"
            elif checker is not None:
                why = checker(group, et, t, got_groups.get(tgid, {}))
            else:
                why = compare_test(group, et, t)
            if why:
                failed += 1
                reports.append("tgId %s tcId %s: %s" % (tgid, tcid, why))
            else:
                passed += 1
    for r in reports[:MAX_REPORTS]:
        print("%s: %s" % (args.file, r))
    if len(reports) > MAX_REPORTS:
        print("%s: ... %d more mismatches" % (args.file, len(reports) - MAX_REPORTS))
    if skipped:
        print("%s: %d tests skipped (%s)" % (args.file, skipped, "LDT or no answer fields"))
    print("%d passed, %d failed" % (passed, failed))
    if passed == 0 and failed == 0 and unsupported == skipped > 0:  # e.g. NIST's KAS-ECC-SSC sample: K-curves only
        print("%s: every group is on an unsupported curve or scheme, and none was answered" % args.file)
        return 0
    return 0 if failed == 0 and passed > 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True, help="path of the fips140 binary")
    ap.add_argument("--skip-ldt", action="store_true", help="skip large data tests (FIPS140_ACVP_SKIP_LDT=1)")
    ap.add_argument("--expect-exit", type=int, default=None, help="negative test: expected exit code")
    ap.add_argument("file", help="ACVP vector set (internalProjection.json[.gz] or prompt.json[.gz])")
    args = ap.parse_args()
    try:
        return check(args)
    except (OSError, ValueError, KeyError) as e:
        print("%s: %s" % (args.file, e))
        print("0 passed, 1 failed")
        return 1


if __name__ == "__main__":
    sys.exit(main())
