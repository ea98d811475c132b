#!/usr/bin/env python3
"""tests/vectors/acvp/make_tls13.py - builds TLS-v1.3-KDF-RFC8446/internalProjection.json.gz, an ACVP TLS-v1.3 / KDF /
RFC8446 vector set in the shape of the ACVP server's internal projections. /work/shared/vectors has no NIST set for
this algorithm, and the versions of gen-val/json-files/TLS-v1.3-KDF-RFC8446 reachable here are over 1 MB, from an
older generator (answers only exporterMasterSecret, hash SHA1/SHA2-224 groups).

The independent oracle is this file's own RFC 8446 §7.1 key schedule written directly on Python's hmac/hashlib
(HKDF-Extract = HMAC(salt, IKM), HKDF-Expand-Label with the "tls13 " HkdfLabel, Derive-Secret). Before anything is
written the oracle must reproduce NIST's answers for one published case (ACVP-Server commit 3a7333f63,
gen-val/json-files/TLS-v1.3-KDF-RFC8446/prompt.json lines 428-436 and expectedResults.json lines 571-581, PSK-DHE,
SHA2-256; quoted by Go's crypto/tls key_schedule_test.go); that case is also group 1 of the output, with NIST's
answers.

ACVP's transcript hashes are hmacAlg over the test's "random" values appended in handshake order:
H(helloClientRandom), H(.. || helloServerRandom), H(.. || finishedServerRandom), H(.. || finishedClientRandom).
runningMode PSK has no dhe (HashLen zeros are used), DHE no psk.

Groups: tgId 1 the NIST case; then hmacAlg SHA2-256 and SHA2-384 x runningMode PSK, DHE, PSK-DHE, 10 tests each, with
psk of 32..64 bytes, dhe of 32..256 bytes and 32-byte randoms from a fixed seed (the output is reproducible).

Run: python3 tests/vectors/acvp/make_tls13.py
"""
import gzip
import hashlib
import hmac
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "TLS-v1.3-KDF-RFC8446", "internalProjection.json.gz")
HASHES = {"SHA2-256": hashlib.sha256, "SHA2-384": hashlib.sha384, "SHA1": hashlib.sha1}
OUTPUTS = (("clientEarlyTrafficSecret", "c e traffic", 0), ("earlyExporterMasterSecret", "e exp master", 0),
           ("clientHandshakeTrafficSecret", "c hs traffic", 1), ("serverHandshakeTrafficSecret", "s hs traffic", 1),
           ("clientApplicationTrafficSecret", "c ap traffic", 2), ("serverApplicationTrafficSecret", "s ap traffic", 2),
           ("exporterMasterSecret", "exp master", 2), ("resumptionMasterSecret", "res master", 3))
RANDOMS = ("helloClientRandom", "helloServerRandom", "finishedServerRandom", "finishedClientRandom")


def schedule(hname, psk, dhe, randoms):
    """schedule - RFC 8446 §7.1 from psk / dhe (None: not in use) and the four randoms; returns {output: bytes}."""
    h = HASHES[hname]
    n = h().digest_size

    def extract(salt, ikm):  # RFC 5869 §2.2
        return hmac.new(salt, ikm, h).digest()

    def expand_label(secret, label, context, length):  # RFC 8446 §7.1 HkdfLabel, RFC 5869 §2.3
        full = b"tls13 " + label.encode()
        info = length.to_bytes(2, "big") + bytes([len(full)]) + full + bytes([len(context)]) + context
        okm, t, i = b"", b"", 1
        while len(okm) < length:
            t = hmac.new(secret, t + info + bytes([i]), h).digest()
            okm += t
            i += 1
        return okm[:length]

    def derive(secret, label, th):
        return expand_label(secret, label, th, n)

    zeros = bytes(n)
    transcript, th = b"", []
    for r in randoms:
        transcript += r
        th.append(h(transcript).digest())
    stage = [extract(zeros, psk if psk is not None else zeros)]
    stage.append(extract(derive(stage[0], "derived", h(b"").digest()), dhe if dhe is not None else zeros))
    stage.append(extract(derive(stage[1], "derived", h(b"").digest()), zeros))
    secrets = (stage[0], stage[0], stage[1], stage[1], stage[2], stage[2], stage[2], stage[2])
    return {name: derive(secrets[k], label, th[t]) for k, (name, label, t) in enumerate(OUTPUTS)}


NIST_CASE = {  # ACVP-Server 3a7333f63 TLS-v1.3-KDF-RFC8446, PSK-DHE, SHA2-256
    "psk": "56288B726C73829F7A3E47B103837C8139ACF552E7530C7A710B35ED41191698",
    "dhe": "EFFE9EC26AA29FD750DFA6A10B944D74071595B27EE88887D5E11C84590B5CC3",
    "helloClientRandom": "E9137679E582BA7C1DB41CF725F86C6D09C8C05F297BAD9A65B552EAF524FDE4",
    "helloServerRandom": "23ECCFD030790748C8F8D8A656FD98D717F1B62AF3712F97211D2070B499F98A",
    "finishedClientRandom": "62A62FA75563ED4FDCAA0BC16567B314871C304ACF06B0FFC3F08C1797594D43",
    "finishedServerRandom": "C750EDA6696CD101B142BD79E00E6AC8C5F2C0ABC78DD64F4D991326659E9299",
    "clientEarlyTrafficSecret": "3272189698C3594D18F58EFA3F12B638A249515099BE7A2FA9836BABE74F0111",
    "earlyExporterMasterSecret": "88E078F562CDC930219F6A5E98A1CE8C6E5F3DAC5AC516459A96F2EF8F114C66",
    "clientHandshakeTrafficSecret": "B32306C3CE9932C460A1FE6C0F060593974842036B96FA45049B7352E71C2AD2",
    "serverHandshakeTrafficSecret": "22787F8CA269D34BC549AC8BA19F2040938A3AA370D7CC9D60F720882B88D01B",
    "clientApplicationTrafficSecret": "47D7EA08397B5871154B0FE85584BCC30A87C69E84D69B56007C5B21F76493BA",
    "serverApplicationTrafficSecret": "EFBDB0C873C0480DA57307083839A8984BE25B9A8545E4FCA029940FE2800565",
    "exporterMasterSecret": "8A43D787EE3804EAD4A2A5B32972F9896B696295645D7222E1FD081DDD939834",
    "resumptionMasterSecret": "5F4C961329C91044011ACBECB0B289282E0E3FED045CB3EA924DFFE5FE654B3D",
}


def check_oracle():
    """check_oracle - the oracle must give NIST's answers for NIST_CASE."""
    got = schedule("SHA2-256", bytes.fromhex(NIST_CASE["psk"]), bytes.fromhex(NIST_CASE["dhe"]),
                   [bytes.fromhex(NIST_CASE[r]) for r in RANDOMS])
    for name, _, _ in OUTPUTS:
        if got[name].hex().upper() != NIST_CASE[name]:
            raise SystemExit("oracle disagrees with NIST on %s" % name)


def main():
    check_oracle()
    rng = random.Random(8446)
    groups = [{"tgId": 1, "testType": "AFT", "hmacAlg": "SHA2-256", "runningMode": "PSK-DHE",
               "tests": [dict({"tcId": 1}, **NIST_CASE)]}]
    tc = 2
    for hname in ("SHA2-256", "SHA2-384"):
        for mode in ("PSK", "DHE", "PSK-DHE"):
            tests = []
            for _ in range(10):
                t = {"tcId": tc}
                psk = rng.randbytes(rng.randint(32, 64)) if "PSK" in mode else None
                dhe = rng.randbytes(rng.choice((32, 48, 66, 256))) if "DHE" in mode else None
                if psk is not None:
                    t["psk"] = psk.hex().upper()
                if dhe is not None:
                    t["dhe"] = dhe.hex().upper()
                randoms = [rng.randbytes(32) for _ in RANDOMS]
                for name, r in zip(RANDOMS, randoms):
                    t[name] = r.hex().upper()
                for name, v in schedule(hname, psk, dhe, randoms).items():
                    t[name] = v.hex().upper()
                tests.append(t)
                tc += 1
            groups.append({"tgId": len(groups) + 1, "testType": "AFT", "hmacAlg": hname, "runningMode": mode,
                           "tests": tests})
    doc = {"vsId": 0, "algorithm": "TLS-v1.3", "mode": "KDF", "revision": "RFC8446", "isSample": False,
           "testGroups": groups}
    data = json.dumps(doc, indent=2).encode() + b"\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(gzip.compress(data, 9, mtime=0))
    print("%s: %d groups, %d tests" % (OUT, len(groups), tc - 1))


if __name__ == "__main__":
    main()
