#!/usr/bin/env python3
"""tests/vectors/acvp/make_gmac.py - builds ACVP-AES-GMAC-1.0/{prompt,expectedResults}.json.gz, an ACVP-AES-GMAC
(revision 1.0; SP 800-38D GCM with an empty plaintext) vector set in the shape of NIST's ACVP-AES-GCM sets: NIST's
own gen-val/json-files/ACVP-AES-GMAC-1.0 is not vendored in /work/shared.

Group fields: direction (encrypt: generate the tag; decrypt: verify it), testType AFT, keyLen, ivLen, payloadLen 0,
aadLen and tagLen (bits), ivGen "external". Test fields: key, iv, aad (and tag for decrypt). Answers: "tag"
(encrypt) or "testPassed" (decrypt; false for a tag with one flipped bit).

Independent oracles, which must agree: the `openssl mac ... GMAC` command of OpenSSL 3.0 (EVP_MAC "GMAC"), and
the Python `cryptography` package's AESGCM (its own OpenSSL build) encrypting an empty plaintext with the data
as associated data (SP 800-38D §3: GMAC is GCM with no plaintext). Tags are the leftmost tagLen bits (§7.1 step 6).

Run: python3 tests/vectors/acvp/make_gmac.py   (output is random each run)
"""
import gzip
import json
import os
import subprocess

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ACVP-AES-GMAC-1.0")
IV_LENS = (96, 64, 128, 1024)        # bits; AESGCM accepts 8..128-byte nonces
AAD_LENS = (0, 8, 128, 136, 256, 2040)
TAG_LENS = (128, 120, 112, 104, 96, 64, 32)
TESTS_PER_GROUP = 3


def gmac_openssl(key, iv, aad):
    """GMAC through `openssl mac` (EVP_MAC GMAC)."""
    cipher = "AES-%d-GCM" % (8 * len(key))
    out = subprocess.run(["openssl", "mac", "-cipher", cipher, "-macopt", "hexkey:" + key.hex(),
                          "-macopt", "hexiv:" + iv.hex(), "GMAC"], input=aad, capture_output=True, check=True)
    return bytes.fromhex(out.stdout.decode().strip())


def gmac_aesgcm(key, iv, aad):
    """GMAC as the tag of AES-GCM over an empty plaintext."""
    return AESGCM(key).encrypt(iv, b"", aad)


def main():
    prompt_groups, answer_groups = [], []
    tg = tc = 0
    for direction in ("encrypt", "decrypt"):
        for key_len in (128, 192, 256):
            for iv_len in IV_LENS:
                for aad_len in AAD_LENS:
                    tag_len = TAG_LENS[(tg + iv_len // 8 + aad_len) % len(TAG_LENS)]
                    tg += 1
                    group = {"tgId": tg, "testType": "AFT", "direction": direction, "keyLen": key_len,
                             "ivLen": iv_len, "ivGen": "external", "payloadLen": 0, "aadLen": aad_len,
                             "tagLen": tag_len, "tests": []}
                    answers = {"tgId": tg, "tests": []}
                    for i in range(TESTS_PER_GROUP):
                        tc += 1
                        key, iv, aad = os.urandom(key_len // 8), os.urandom(iv_len // 8), os.urandom(aad_len // 8)
                        full = gmac_openssl(key, iv, aad)
                        if full != gmac_aesgcm(key, iv, aad):
                            raise SystemExit("oracles disagree at tcId %d" % tc)
                        tag = full[:tag_len // 8]
                        test = {"tcId": tc, "key": key.hex().upper(), "iv": iv.hex().upper(), "aad": aad.hex().upper()}
                        if direction == "encrypt":
                            answers["tests"].append({"tcId": tc, "tag": tag.hex().upper()})
                        else:
                            ok = i != 1  # the second test of each decrypt group carries a corrupted tag
                            if not ok:
                                bad = bytearray(tag)
                                bad[(tc * 7) % len(bad)] ^= 1 << (tc % 8)
                                tag = bytes(bad)
                            test["tag"] = tag.hex().upper()
                            answers["tests"].append({"tcId": tc, "testPassed": ok})
                        group["tests"].append(test)
                    prompt_groups.append(group)
                    answer_groups.append(answers)
    head = {"vsId": 0, "algorithm": "ACVP-AES-GMAC", "revision": "1.0", "isSample": False}
    os.makedirs(OUT, exist_ok=True)
    for name, groups in (("prompt", prompt_groups), ("expectedResults", answer_groups)):
        data = json.dumps(dict(head, testGroups=groups), indent=1).encode()
        with open(os.path.join(OUT, name + ".json.gz"), "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:  # like gzip -9n
                f.write(data)
    print("%d groups, %d tests" % (tg, tc))


if __name__ == "__main__":
    main()
