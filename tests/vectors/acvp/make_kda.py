#!/usr/bin/env python3
"""tests/vectors/acvp/make_kda.py - builds KDA-HKDF-derived/ and KDA-OneStep-derived/internalProjection.json.gz: ACVP
"KDA" vector sets (modes HKDF and OneStep, revision Sp800-56Cr2) in the shape of the ACVP server's internal
projections, covering what the vendored NIST subsets (KDA-HKDF-Sp800-56Cr2: SHA2-224 and SHA3-512 groups only;
KDA-OneStep-Sp800-56Cr2: HMAC-SHA3-512 only) do not: every hmacAlg / auxFunction of SHA-1, SHA-2 and SHA-3 (hash and
HMAC forms of the one-step KDF), default and random salts of several lengths, fixedInfo patterns with uPartyInfo /
vPartyInfo (with and without ephemeralData), t, l, literal[...], algorithmId, label and context, output lengths from
64 to 4096 bits, multi-expansion HKDF groups (answer "dkms"), and VAL groups where some tests carry a dkm (or one entry
of dkms) with one bit flipped (testPassed false).

The independent oracle is Python's hashlib / hmac implementing SP 800-56C Rev. 2 directly: HKDF (RFC 5869 §2.2-2.3,
§5 of the SP) and the one-step KDF (§4.1, 32-bit big-endian counter first). The FixedInfo layout follows the ACVP KDA
specification: the pattern's elements concatenated, uPartyInfo = partyId || ephemeralData, l as a 32-bit big-endian
bit count, literal[hex] as its bytes. The first test of every single-expansion AFT group is also recomputed with
OpenSSL 3 (`openssl kdf ... HKDF` / `SSKDF`) and the two must agree.

Run: python3 tests/vectors/acvp/make_kda.py   (deterministic: a fixed seed; needs the openssl command)
"""
import gzip
import hashlib
import hmac
import json
import os
import random
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS_PER_GROUP = 3

# ACVP hash name -> (hashlib name, OpenSSL digest name)
HASHES = {
    "SHA-1": ("sha1", "SHA1"), "SHA2-224": ("sha224", "SHA224"), "SHA2-256": ("sha256", "SHA256"),
    "SHA2-384": ("sha384", "SHA384"), "SHA2-512": ("sha512", "SHA512"),
    "SHA2-512/224": ("sha512_224", "SHA512-224"), "SHA2-512/256": ("sha512_256", "SHA512-256"),
    "SHA3-224": ("sha3_224", "SHA3-224"), "SHA3-256": ("sha3_256", "SHA3-256"),
    "SHA3-384": ("sha3_384", "SHA3-384"), "SHA3-512": ("sha3_512", "SHA3-512"),
}
PATTERNS = (
    "uPartyInfo||vPartyInfo",
    "uPartyInfo||vPartyInfo||t||l",
    "literal[0123456789abcdef]||uPartyInfo||vPartyInfo||l",
    "algorithmId||label||uPartyInfo||vPartyInfo||context||l",
    "t||uPartyInfo||vPartyInfo||l",
    "l||label||literal[CAFEBABE00]||context||vPartyInfo||uPartyInfo",
)
LENGTHS = (64, 256, 520, 1024, 2048, 4096)


def hkdf(h, z, salt, info, nbytes):
    """hkdf - RFC 5869 extract-then-expand."""
    prk = hmac.new(salt, z, h).digest()
    return hkdf_expand(h, prk, info, nbytes)


def hkdf_expand(h, prk, info, nbytes):
    out, t, i = b"", b"", 1
    while len(out) < nbytes:
        t = hmac.new(prk, t + info + bytes([i]), h).digest()
        out += t
        i += 1
    return out[:nbytes]


def onestep(h, z, fixed, nbytes, salt=None):
    """onestep - SP 800-56C Rev. 2 §4.1: H(counter || Z || FixedInfo), H a hash or HMAC(salt, .)."""
    out, i = b"", 1
    while len(out) < nbytes:
        msg = i.to_bytes(4, "big") + z + fixed
        out += hmac.new(salt, msg, h).digest() if salt is not None else hashlib.new(h, msg).digest()
        i += 1
    return out[:nbytes]


def openssl_kdf(args, nbytes):
    r = subprocess.run(["openssl", "kdf", "-keylen", str(nbytes)] + args, stdout=subprocess.PIPE, check=True)
    return bytes.fromhex(r.stdout.decode().strip().replace(":", ""))


def fixed_info(pattern, kp, u, v, lbits):
    """fixed_info - the pattern's elements concatenated (ACVP KDA "concatenation" encoding)."""
    out = b""
    for part in pattern.split("||"):
        if part == "uPartyInfo":
            out += bytes.fromhex(u["partyId"]) + bytes.fromhex(u.get("ephemeralData", ""))
        elif part == "vPartyInfo":
            out += bytes.fromhex(v["partyId"]) + bytes.fromhex(v.get("ephemeralData", ""))
        elif part == "l":
            out += lbits.to_bytes(4, "big")
        elif part.startswith("literal[") and part.endswith("]"):
            out += bytes.fromhex(part[8:-1])
        else:
            out += bytes.fromhex(kp[part])
    return out


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.tg = 0
        self.tc = 0

    def hexb(self, n):
        return bytes(self.rng.getrandbits(8) for _ in range(n)).hex().upper()

    def party(self):
        p = {"partyId": self.hexb(16)}
        if self.rng.random() < 0.5:
            p["ephemeralData"] = self.hexb(self.rng.choice((28, 32, 48, 66)))
        return p

    def flip(self, hexstr):
        b = bytearray(bytes.fromhex(hexstr))
        b[self.rng.randrange(len(b))] ^= 1 << self.rng.randrange(8)
        return b.hex().upper()

    def salt(self, method, saltlen):
        return "00" * (saltlen // 8) if method == "default" else self.hexb(saltlen // 8)

    def single_group(self, mode, alg, ttype, pattern, lbits, method, saltlen, zbits):
        """single_group - one kdfParameter group; mode "hkdf" (alg = hmacAlg) or "oneStep" (alg = auxFunction)."""
        self.tg += 1
        hmac_form = mode == "hkdf" or alg.startswith("HMAC-")
        h = HASHES[alg[5:] if alg.startswith("HMAC-") else alg][0]
        cfg = {"kdfType": mode, "l": lbits}
        if hmac_form:
            cfg.update({"saltLen": saltlen, "saltMethod": method})
        cfg.update({"fixedInfoPattern": pattern, "fixedInfoEncoding": "concatenation"})
        cfg["hmacAlg" if mode == "hkdf" else "auxFunction"] = alg
        tests = []
        for i in range(TESTS_PER_GROUP):
            self.tc += 1
            kp = {"kdfType": mode, "requiresAdditionalNoncePair": False}
            if mode == "oneStep":
                kp["auxFunction"] = alg
            if hmac_form:
                kp["salt"] = self.salt(method, saltlen)
            kp["t"] = self.hexb(16)
            kp["z"] = self.hexb(zbits // 8)
            kp["l"] = lbits
            for f in ("algorithmId", "label", "context"):
                if f in pattern:
                    kp[f] = self.hexb(self.rng.choice((4, 8, 16, 20)))
            kp["fixedInfoPattern"] = pattern
            kp["fixedInputEncoding"] = "concatenation"
            if mode == "hkdf":
                kp["hmacAlg"] = alg
            u, v = self.party(), self.party()
            fi = fixed_info(pattern, kp, u, v, lbits)
            z, n = bytes.fromhex(kp["z"]), lbits // 8
            if mode == "hkdf":
                dkm = hkdf(h, z, bytes.fromhex(kp["salt"]), fi, n)
                ossl = ["-kdfopt", "digest:" + HASHES[alg][1], "-kdfopt", "hexkey:" + kp["z"], "-kdfopt",
                        "hexsalt:" + kp["salt"], "-kdfopt", "hexinfo:" + fi.hex(), "HKDF"]
            elif hmac_form:
                dkm = onestep(h, z, fi, n, bytes.fromhex(kp["salt"]))
                ossl = ["-kdfopt", "mac:HMAC", "-kdfopt", "digest:" + HASHES[alg[5:]][1], "-kdfopt",
                        "hexsalt:" + kp["salt"], "-kdfopt", "hexkey:" + kp["z"], "-kdfopt", "hexinfo:" + fi.hex(),
                        "SSKDF"]
            else:
                dkm = onestep(h, z, fi, n)
                ossl = ["-kdfopt", "digest:" + HASHES[alg][1], "-kdfopt", "hexkey:" + kp["z"], "-kdfopt",
                        "hexinfo:" + fi.hex(), "SSKDF"]
            if i == 0 and ttype == "AFT":
                assert openssl_kdf(ossl, n) == dkm, (mode, alg, pattern)
            t = {"tcId": self.tc}
            dkm_hex = dkm.hex().upper()
            if ttype == "VAL":
                passed = i != 1 and self.rng.random() < 0.6  # the second test of every VAL group fails
                t["testPassed"] = passed
                if not passed:
                    dkm_hex = self.flip(dkm_hex)
            t.update({"deferred": False, "kdfParameter": kp, "fixedInfoPartyU": u, "fixedInfoPartyV": v,
                      "dkm": dkm_hex})
            tests.append(t)
        return {"tgId": self.tg, "testType": ttype, "tests": tests, "kdfConfiguration": cfg, "zLength": zbits}

    def multi_group(self, alg, ttype, method, saltlen, zbits):
        """multi_group - HKDF multi-expansion: one PRK, several (l, fixedInfo) expansions; answer dkms."""
        self.tg += 1
        h = HASHES[alg][0]
        tests = []
        for i in range(TESTS_PER_GROUP):
            self.tc += 1
            salt = self.salt(method, saltlen)
            z = self.hexb(zbits // 8)
            its = [{"l": self.rng.choice(LENGTHS[1:5]), "fixedInfo": self.hexb(16)}
                   for _ in range(self.rng.choice((2, 3, 4)))]
            prk = hmac.new(bytes.fromhex(salt), bytes.fromhex(z), h).digest()
            dkms = [hkdf_expand(h, prk, bytes.fromhex(it["fixedInfo"]), it["l"] // 8).hex().upper() for it in its]
            t = {"tcId": self.tc}
            if ttype == "VAL":
                passed = i != 1 and self.rng.random() < 0.6
                t["testPassed"] = passed
                if not passed:
                    k = self.rng.randrange(len(dkms))
                    dkms[k] = self.flip(dkms[k])
            t.update({"deferred": False,
                      "kdfMultiExpansionParameter": {"kdfType": "hkdf", "z": z, "hmacAlg": alg, "salt": salt,
                                                     "iterationParameters": its},
                      "dkms": dkms})
            tests.append(t)
        return {"tgId": self.tg, "testType": ttype, "tests": tests,
                "kdfMultiExpansionConfiguration": {"kdfType": "hkdf", "l": 1024, "saltLen": saltlen,
                                                   "saltMethod": method, "hmacAlg": alg},
                "zLength": zbits, "multiExpansion": True}


def write(name, mode, groups):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    doc = {"vsId": 0, "algorithm": "KDA", "mode": mode, "revision": "Sp800-56Cr2", "isSample": True,
           "testGroups": groups}
    with gzip.GzipFile(os.path.join(d, "internalProjection.json.gz"), "wb", 9, mtime=0) as f:
        f.write((json.dumps(doc, indent=2) + "\n").encode())
    print("%s: %d groups, %d tests" % (name, len(groups), sum(len(g["tests"]) for g in groups)))


def main():
    g = Gen(0x4B4441)
    groups = []
    for k, alg in enumerate(HASHES):
        for j, ttype in enumerate(("AFT", "VAL")):
            pattern = PATTERNS[(2 * k + j) % len(PATTERNS)]
            method = ("default", "random")[(k + j) % 2]
            saltlen = (128, 512, 1024, 2048)[(k + 2 * j) % 4]
            groups.append(g.single_group("hkdf", alg, ttype, pattern, LENGTHS[(k + j) % len(LENGTHS)], method,
                                         saltlen, g.rng.choice((224, 256, 384, 528, 4096))))
            groups.append(g.multi_group(alg, ttype, method, saltlen, g.rng.choice((224, 256, 512))))
    write("KDA-HKDF-derived", "HKDF", groups)

    g = Gen(0x4F4E45)
    groups = []
    auxes = list(HASHES) + ["HMAC-" + a for a in HASHES]
    for k, alg in enumerate(auxes):
        for j, ttype in enumerate(("AFT", "VAL")):
            pattern = PATTERNS[(k + 3 * j) % len(PATTERNS)]
            method = ("default", "random")[(k + j) % 2]
            saltlen = (128, 512, 1024, 2048)[(k + j) % 4]
            groups.append(g.single_group("oneStep", alg, ttype, pattern, LENGTHS[(k + 2 * j) % len(LENGTHS)],
                                         method, saltlen, g.rng.choice((224, 256, 384, 4096))))
    write("KDA-OneStep-derived", "OneStep", groups)


if __name__ == "__main__":
    main()
