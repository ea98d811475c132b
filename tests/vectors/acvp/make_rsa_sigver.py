#!/usr/bin/env python3
"""tests/vectors/acvp/make_rsa_sigver.py - derive an ACVP RSA sigVer FIPS186-5 vector set from NIST's RSA sigGen
FIPS186-5 internalProjection (no NIST sigVer sample is vendored).

Usage: python3 tests/vectors/acvp/make_rsa_sigver.py SIGGEN_internalProjection.json[.gz] OUT.json.gz

NIST's sigGen answers are valid signatures: the group's n and e (the key of NIST's sample IUT) and each test's
message, signature (and randomValue / randomValueLen in SP800-106 groups). Every sigGen group becomes a sigVer group
(testType AFT, the shape of the ACVP RSA spec "RSA SigVer Test Groups": sigType, modulo, hashAlg, saltLen and
maskFunction for pss, conformance, n, e; tests with message, signature, randomValue, randomValueLen) holding, per
sigGen test:
  - the test itself, testPassed true;
  - the signature with one bit flipped, testPassed false;
  - another message (its last bit flipped), testPassed false;
  - in SP800-106 groups, the random value with its first bit flipped, testPassed false;
and a second group with the same modulus and the wrong public exponent e + 2 holding each original (message,
signature), testPassed false. Each expected answer is checked here with the independent verifier of
tests/acvp_random_rsasig.py (valid ones must verify, the others must not) before the file is written.
The output is deterministic (gzip -9 without name or time stamp).
"""
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import acvp_random_rsasig as rsasig  # noqa: E402

GROUP_FIELDS = ("sigType", "modulo", "hashAlg")


def load(path):
    """load - plain or gzip JSON."""
    with open(path, "rb") as f:
        raw = f.read()
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)


def flip_hex(h, byte_index, mask):
    """flip_hex - the hex string h with bit mask of byte byte_index (negative: from the end) flipped."""
    b = bytearray(bytes.fromhex(h))
    b[byte_index] ^= mask
    return b.hex().upper()


def sigver_group(src, tgid, e_hex):
    """sigver_group - the metadata of a sigVer group for sigGen group src, with public exponent e_hex."""
    g = {"tgId": tgid}
    for k in GROUP_FIELDS:
        g[k] = src[k]
    if src["sigType"] == "pss":
        g["saltLen"] = src["saltLen"]
        g["maskFunction"] = src["maskFunction"]
    if src.get("conformance") == "SP800-106":
        g["conformance"] = "SP800-106"
    g["n"] = src["n"]
    g["e"] = e_hex
    g["testType"] = "AFT"
    g["tests"] = []
    return g


def add_test(group, tcid, src_test, passed, reason, **changes):
    """add_test - append a sigVer test made from the sigGen test src_test with changes; returns the next tcId."""
    t = {"tcId": tcid, "message": src_test["message"], "signature": src_test["signature"]}
    if "randomValue" in src_test:
        t["randomValue"] = src_test["randomValue"]
        t["randomValueLen"] = src_test["randomValueLen"]
    t.update(changes)
    t["testPassed"] = passed
    t["reason"] = reason
    group["tests"].append(t)
    return tcid + 1


def check(group):
    """check - every expected answer of the group agrees with the independent verifier."""
    n, e = int(group["n"], 16), int(group["e"], 16)
    for t in group["tests"]:
        ok = rsasig.verify_answer(group, t, t, n, e) is None
        if ok != t["testPassed"]:
            raise SystemExit("tgId %d tcId %d: verifier says %s, expected %s" % (group["tgId"], t["tcId"], ok,
                                                                                 t["testPassed"]))


def derive(siggen):
    """derive - the sigVer vector set made from a sigGen internalProjection."""
    if (siggen.get("algorithm"), siggen.get("mode"), siggen.get("revision")) != ("RSA", "sigGen", "FIPS186-5"):
        raise SystemExit("not an RSA sigGen FIPS186-5 vector set")
    groups, tgid, tcid = [], 1, 1
    for src in siggen["testGroups"]:
        g = sigver_group(src, tgid, src["e"])
        for t in src["tests"]:
            tcid = add_test(g, tcid, t, True, "valid signature (NIST sigGen answer)")
            mid = len(bytes.fromhex(t["signature"])) // 2
            tcid = add_test(g, tcid, t, False, "modified signature",
                            signature=flip_hex(t["signature"], mid, 0x10))
            tcid = add_test(g, tcid, t, False, "modified message", message=flip_hex(t["message"], -1, 0x01))
            if "randomValue" in t:
                tcid = add_test(g, tcid, t, False, "modified random value",
                                randomValue=flip_hex(t["randomValue"], 0, 0x80))
        check(g)
        groups.append(g)
        tgid += 1
        wrong_e = "%X" % (int(src["e"], 16) + 2)
        g = sigver_group(src, tgid, wrong_e if len(wrong_e) % 2 == 0 else "0" + wrong_e)
        for t in src["tests"]:
            tcid = add_test(g, tcid, t, False, "wrong public exponent")
        check(g)
        groups.append(g)
        tgid += 1
    return {"vsId": 0, "algorithm": "RSA", "mode": "sigVer", "revision": "FIPS186-5", "isSample": True,
            "testGroups": groups}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    rsasig.self_test()
    out = derive(load(argv[1]))
    data = (json.dumps(out, indent=2) + "\n").encode()
    with open(argv[2], "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=f, mtime=0) as z:
            z.write(data)
    ntests = sum(len(g["tests"]) for g in out["testGroups"])
    print("%s: %d groups, %d tests" % (argv[2], len(out["testGroups"]), ntests))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
