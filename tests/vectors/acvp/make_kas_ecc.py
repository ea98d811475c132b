#!/usr/bin/env python3
"""tests/vectors/acvp/make_kas_ecc.py - builds KAS-ECC-SSC-P-curves/internalProjection.json.gz, an ACVP KAS-ECC-SSC
(revision Sp800-56Ar3) vector set on the P-curves, in the shape of the ACVP server's internal projections: NIST's
published sample (KAS-ECC-SSC-Sp800-56Ar3) has K-curve groups only.

The independent source of every key pair and every shared secret is OpenSSL, through its command line
(`openssl genpkey`, `openssl pkey -text`, `openssl pkeyutl -derive`); each Z is also recomputed with the plain
Python arithmetic of tests/acvp_random_ec.py and the two must agree.

Groups: for P-224, P-256, P-384 and P-521, the schemes ephemeralUnified, onePassDH, staticUnified, fullUnified and
onePassUnified (SP 800-56A Rev. 3 §6), each as initiator and responder, as AFT and as VAL, with kasMode "noKdfNoKc"
and hashFunctionZ "none"; on P-256 also two groups with hashFunctionZ "SHA2-256" (answer hashZ) and one fullMqv
group (MQV is not implemented: the module must leave it unanswered). Tests carry the server's key pairs, the IUT's
key pairs (AFT: what a sample IUT would answer; the checker only uses the server's keys), z (or hashZ), and for VAL
testPassed with testCaseDisposition "pass" or "failChangedZ" (one bit of z / hashZ flipped).

Run: python3 tests/vectors/acvp/make_kas_ecc.py   (needs the openssl command; the output is random each run)
"""
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
import acvp_random_ec as ec  # noqa: E402

CURVES = ("P-224", "P-256", "P-384", "P-521")
SCHEMES = ("ephemeralUnified", "onePassDH", "staticUnified", "fullUnified", "onePassUnified")
TESTS_PER_GROUP = 3


def openssl(*args, data=None):
    return subprocess.run(("openssl",) + args, input=data, stdout=subprocess.PIPE, check=True).stdout


class Key:
    """An OpenSSL key pair: PEM files of the private and public key, d and (x, y) as integers."""

    def __init__(self, curve, tmp, name):
        self.priv = os.path.join(tmp, name + ".pem")
        self.pub = os.path.join(tmp, name + ".pub.pem")
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve,
                "-pkeyopt", "ec_param_enc:named_curve", "-out", self.priv)
        openssl("pkey", "-in", self.priv, "-pubout", "-out", self.pub)
        text = openssl("pkey", "-in", self.priv, "-text", "-noout").decode()
        fields, cur = {}, None
        for line in text.splitlines():
            if line.endswith(":") and not line.startswith(" "):
                cur = line[:-1]
                fields[cur] = ""
            elif cur and line.startswith(" "):
                fields[cur] += line.strip().replace(":", "")
        pub = bytes.fromhex(fields["pub"])
        L = (len(pub) - 1) // 2
        self.d = int(fields["priv"], 16)
        self.q = (int.from_bytes(pub[1:1 + L], "big"), int.from_bytes(pub[1 + L:], "big"))
        self.L = L


def derive(mine, peer, curve):
    """Z = x(d_mine * Q_peer) from OpenSSL, checked against the Python arithmetic."""
    z = openssl("pkeyutl", "-derive", "-inkey", mine.priv, "-peerkey", peer.pub)
    P = ec.scalar_mult(curve, mine.d, peer.q)
    if P is None or P[0].to_bytes(mine.L, "big") != z:
        sys.exit("OpenSSL and the Python arithmetic disagree on Z")
    return z


def uses(scheme, initiator):
    """The key pairs (e: ephemeral, s: static) a party uses (SP 800-56A Rev. 3 §6)."""
    return {"ephemeralUnified": "e", "staticUnified": "s", "fullUnified": "es", "fullMqv": "es",
            "onePassDH": "e" if initiator else "s", "onePassUnified": "es" if initiator else "s"}[scheme]


def shared_secret(scheme, iut_initiator, iut, srv, curve):
    """Z from the IUT's side (iut, srv: dicts 'e'/'s' -> Key)."""
    if scheme == "ephemeralUnified":
        return derive(iut["e"], srv["e"], curve)
    if scheme == "staticUnified":
        return derive(iut["s"], srv["s"], curve)
    if scheme == "fullUnified":
        return derive(iut["e"], srv["e"], curve) + derive(iut["s"], srv["s"], curve)
    ze = derive(iut["e"], srv["s"], curve) if iut_initiator else derive(iut["s"], srv["e"], curve)
    if scheme == "onePassDH":
        return ze
    return ze + derive(iut["s"], srv["s"], curve)  # onePassUnified


def hexn(v, L):
    return "%0*X" % (2 * L, v)


def main():
    groups, tgid, tcid = [], 0, 0
    plan = [(c, s, r, t, "none") for c in CURVES for s in SCHEMES for r in ("initiator", "responder")
            for t in ("AFT", "VAL")]
    plan += [("P-256", "ephemeralUnified", "initiator", "AFT", "SHA2-256"),
             ("P-256", "staticUnified", "responder", "VAL", "SHA2-256"),
             ("P-256", "fullMqv", "initiator", "AFT", "none")]
    with tempfile.TemporaryDirectory() as tmp:
        for curve, scheme, role, ttype, hz in plan:
            tgid += 1
            g = {"tgId": tgid, "testType": ttype, "isSample": True, "domainParameterGenerationMode": curve,
                 "scheme": scheme, "kasAlgorithm": "ECC", "kasRole": role, "kasMode": "noKdfNoKc",
                 "hashFunctionZ": hz, "tests": []}
            initiator = role == "initiator"
            for i in range(TESTS_PER_GROUP):
                tcid += 1
                t = {}
                srv = {k: Key(curve, tmp, "srv" + k) for k in uses(scheme, not initiator)}
                iut = {k: Key(curve, tmp, "iut" + k) for k in uses(scheme, initiator)}
                for who, keys in (("Server", srv), ("Iut", iut)):
                    for k, word in (("s", "static"), ("e", "ephemeral")):
                        if k in keys:
                            key = keys[k]
                            t[word + "Private" + who] = hexn(key.d, key.L)
                            t[word + "Public" + who + "X"] = hexn(key.q[0], key.L)
                            t[word + "Public" + who + "Y"] = hexn(key.q[1], key.L)
                t["tcId"] = tcid
                if scheme == "fullMqv":  # not computed (no MQV here either): the module must skip the group
                    z = bytes(2 * srv["e"].L)
                else:
                    z = shared_secret(scheme, initiator, iut, srv, curve)
                value = hashlib.new(hz.replace("SHA2-", "sha"), z).digest() if hz != "none" else z
                passed = True
                if ttype == "VAL" and i % 3 == 1:
                    b = bytearray(value)
                    b[i % len(b)] ^= 0x01
                    value, passed = bytes(b), False
                t["testPassed"] = passed
                t["deferred"] = False
                t["testCaseDisposition"] = "pass" if passed else "failChangedZ"
                t["hashZ" if hz != "none" else "z"] = value.hex().upper()
                g["tests"].append(t)
            groups.append(g)
    vs = {"vsId": 0, "algorithm": "KAS-ECC-SSC", "revision": "Sp800-56Ar3", "isSample": True, "testGroups": groups}
    dst = os.path.join(HERE, "KAS-ECC-SSC-P-curves")
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, "internalProjection.json.gz"), "wb") as f:
        f.write(gzip.compress(json.dumps(vs, indent=2).encode() + b"\n", 9, mtime=0))
    print("%d groups, %d tests" % (len(groups), tcid))


if __name__ == "__main__":
    main()
