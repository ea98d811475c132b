#!/usr/bin/env python3
"""tests/vectors/acvp/make_ecdsa_sigver.py - builds ECDSA-SigVer-FIPS186-5/internalProjection.json.gz, an ACVP ECDSA
sigVer vector set in the shape of the ACVP server's internal projections (usnistgov/ACVP src/ecdsa: groups with
testType, curve, hashAlg and, for randomized hashing, "conformance": "SP800-106"; tests with message, qx, qy, r, s,
randomValue/randomValueLen, testPassed, reason), derived from NIST's ECDSA-SigGen-FIPS186-5 set: NIST has published
no FIPS186-5 sigVer sample.

Every P-curve sigGen group becomes a sigVer group with the same tests. The valid signatures are NIST's (r, s over the
message with the group's key); the others are NIST's with one change, named in "reason" like the server's:
"modify message" (a flipped message bit), "modify r" / "modify s" (r + 1, s + 1 mod n), "r or s out of range"
(s + n), "modify key" (the key of another group on the same curve). The expected testPassed of every test is checked
here with the independent verifier of tests/acvp_random_ec.py (plain Python integers). Two binary-curve groups
(unmodified) are kept so that the skip of unsupported curves is exercised.

Run: python3 tests/vectors/acvp/make_ecdsa_sigver.py [SigGen internalProjection.json[.gz]]
(default: tests/vectors/acvp/ECDSA-SigGen-FIPS186-5/internalProjection.json.gz). The output is deterministic.
"""
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
import acvp_random_ec as ec  # noqa: E402

MODS = ["none", "modify message", "modify r", "modify s", "modify key",
        "none", "modify message", "modify r", "r or s out of range", "modify key"]


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    return json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


def hexfix(v, digits):
    """v in at least digits hex digits, an even number of them (ACVP hex is whole bytes)."""
    h = "%0*X" % (digits, v)
    return "0" + h if len(h) % 2 else h


def digest_of(group, test):
    msg = bytes.fromhex(test["message"])
    if group.get("conformance") == "SP800-106":
        data, nbits = ec.rmx(msg, bytes.fromhex(test["randomValue"]), test["randomValueLen"])
    else:
        data, nbits = msg, 8 * len(msg)
    return ec.hash_bits(group["hashAlg"], data, nbits)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "ECDSA-SigGen-FIPS186-5",
                                                             "internalProjection.json.gz")
    siggen = load(src)
    groups = siggen["testGroups"]
    keys = {}
    for g in groups:
        keys.setdefault(g["curve"], []).append((g["qx"], g["qy"]))
    out_groups, tgid, tcid, binary_kept = [], 0, 0, set()
    for g in groups:
        curve = g["curve"]
        if curve not in ec.CURVES:
            if curve[0] in binary_kept or g.get("conformance"):
                continue
            binary_kept.add(curve[0])
        tgid += 1
        og = {"tgId": tgid, "testType": "AFT", "curve": curve, "hashAlg": g["hashAlg"]}
        if g.get("conformance"):
            og["conformance"] = g["conformance"]
        og["tests"] = []
        for i, t in enumerate(g["tests"] if curve in ec.CURVES else g["tests"][:2]):
            tcid += 1
            mod = MODS[i % len(MODS)] if curve in ec.CURVES else "none"
            msg, qx, qy, r, s = t["message"], g["qx"], g["qy"], int(t["r"], 16), int(t["s"], 16)
            L = len(t["r"])
            if mod == "modify message":
                b = bytearray.fromhex(msg)
                b[i % len(b)] ^= 0x10
                msg = b.hex().upper()
            elif mod == "modify key":
                ring = keys[curve]
                qx, qy = ring[(ring.index((qx, qy)) + 1) % len(ring)]
            if curve in ec.CURVES:
                n = ec.CURVES[curve][1]
                if mod == "modify r":
                    r = (r + 1) % n
                elif mod == "modify s":
                    s = (s + 1) % n
                elif mod == "r or s out of range":
                    s += n
            ot = {"tcId": tcid, "message": msg, "qx": qx, "qy": qy, "r": hexfix(r, L), "s": hexfix(s, L)}
            if g.get("conformance"):
                ot["randomValue"] = t["randomValue"]
                ot["randomValueLen"] = t["randomValueLen"]
            ot["testPassed"] = mod == "none"
            ot["reason"] = mod
            if curve in ec.CURVES:
                got = ec.ecdsa_verify(curve, (int(qx, 16), int(qy, 16)), digest_of(og, ot), r, s)
                if got != ot["testPassed"]:
                    sys.exit("tgId %d tcId %d: independent verifier says %s for %s" % (tgid, tcid, got, mod))
            og["tests"].append(ot)
        out_groups.append(og)
    vs = {"vsId": 0, "algorithm": "ECDSA", "mode": "sigVer", "revision": "FIPS186-5", "isSample": True,
          "testGroups": out_groups}
    dst = os.path.join(HERE, "ECDSA-SigVer-FIPS186-5")
    os.makedirs(dst, exist_ok=True)
    data = json.dumps(vs, indent=2).encode() + b"\n"
    with open(os.path.join(dst, "internalProjection.json.gz"), "wb") as f:
        f.write(gzip.compress(data, 9, mtime=0))
    print("%d groups, %d tests" % (len(out_groups), tcid))


if __name__ == "__main__":
    main()
