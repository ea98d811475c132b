#!/usr/bin/env python3
"""tests/vectors/acvp/make_kwp.py - builds ACVP-AES-KWP-1.0/{prompt,expectedResults}.json.gz, an ACVP-AES-KWP
(revision 1.0, SP 800-38F §6.3 KWP-AE / KWP-AD) vector set in the shape of NIST's: NIST's own
gen-val/json-files/ACVP-AES-KWP-1.0 (2.7 MB) is not vendored in /work/shared.

Independent sources: OpenSSL 3.0 libcrypto through ctypes. Wrapping uses EVP ciphers AES-<n>-WRAP-PAD
(kwCipher "cipher") and AES-<n>-WRAP-PAD-INV (kwCipher "inverse", OpenSSL's name for the variant whose forward
function is the AES inverse cipher); every result is recomputed by the plain Python KWP below (SP 800-38F
Algorithms 1 and 5, written from the spec) over OpenSSL's raw block functions AES_encrypt / AES_decrypt (the
inverse variant uses AES_decrypt as CIPH_K), and the two must agree. A NIST ACVP-AES-KW 1.0 sample answer for
kwCipher "inverse" (tcId 2201) is checked through OpenSSL's AES-128-WRAP-INV first, so both oracles are tied to
NIST's meaning of "inverse".

Groups: keyLen 128/192/256 x direction encrypt/decrypt x kwCipher cipher/inverse x payloadLen (bits) in
PAYLOAD_LENS (including 8..64: the single-block case of §6.3 step 5). Decrypt groups hold passing cases and
failing ones ("testPassed": false in the answers): a flipped ciphertext bit, and ciphertexts built with the raw
wrapping function from a bad S: a wrong ICV2, a length indicator above 8n or at most 8(n-1), a non-zero padding
byte. Each failing S is also run through OpenSSL's unwrap, which must reject it.

Run: python3 tests/vectors/acvp/make_kwp.py   (needs libcrypto.so.3; output is random each run)
"""
import ctypes
import ctypes.util
import gzip
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ACVP-AES-KWP-1.0")
PAYLOAD_LENS = (8, 56, 64, 72, 128, 200, 1000, 4096)
TESTS_PER_GROUP = 6
EVP_CIPHER_CTX_FLAG_WRAP_ALLOW = 0x1

lib = ctypes.CDLL(ctypes.util.find_library("crypto") or "libcrypto.so.3")
lib.EVP_CIPHER_fetch.restype = ctypes.c_void_p
lib.EVP_CIPHER_fetch.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p)
lib.EVP_CIPHER_CTX_new.restype = ctypes.c_void_p
lib.EVP_CIPHER_CTX_free.argtypes = (ctypes.c_void_p,)
lib.EVP_CIPHER_CTX_set_flags.argtypes = (ctypes.c_void_p, ctypes.c_int)
lib.EVP_CipherInit_ex.argtypes = (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                                  ctypes.c_char_p, ctypes.c_int)
lib.EVP_CipherUpdate.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_char_p,
                                 ctypes.c_int)
lib.EVP_CipherFinal_ex.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int))
lib.AES_set_encrypt_key.argtypes = (ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p)
lib.AES_set_decrypt_key.argtypes = (ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p)
lib.AES_encrypt.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p)
lib.AES_decrypt.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p)


def evp_wrap(name, key, data, enc):
    """OpenSSL EVP key wrap; None when OpenSSL rejects the input (unwrap failure)."""
    c = lib.EVP_CIPHER_fetch(None, name.encode(), None)
    x = lib.EVP_CIPHER_CTX_new()
    assert c and x, name
    lib.EVP_CIPHER_CTX_set_flags(x, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW)
    out = ctypes.create_string_buffer(len(data) + 16)
    n1, n2 = ctypes.c_int(0), ctypes.c_int(0)
    ok = lib.EVP_CipherInit_ex(x, c, None, key, None, 1 if enc else 0) == 1
    ok = ok and lib.EVP_CipherUpdate(x, out, ctypes.byref(n1), data, len(data)) > 0
    ok = ok and lib.EVP_CipherFinal_ex(x, ctypes.cast(ctypes.addressof(out) + n1.value, ctypes.c_char_p),
                                       ctypes.byref(n2)) == 1
    lib.EVP_CIPHER_CTX_free(x)
    return out.raw[:n1.value + n2.value] if ok else None


def ciph_k(key, inverse):
    """CIPH_K of SP 800-38F §5.1 on 16-byte blocks: AES_encrypt, or AES_decrypt for the inverse variant."""
    ks = ctypes.create_string_buffer(512)
    if inverse:
        lib.AES_set_decrypt_key(key, 8 * len(key), ks)
    else:
        lib.AES_set_encrypt_key(key, 8 * len(key), ks)

    def f(block):
        out = ctypes.create_string_buffer(16)
        (lib.AES_decrypt if inverse else lib.AES_encrypt)(block, out, ks)
        return out.raw
    return f


def w(ciph, s):
    """SP 800-38F §6.1 Algorithm 1: W(S), S of n >= 3 semiblocks, s = 6(n-1) steps."""
    n = len(s) // 8
    a, r = s[:8], [s[8 * i:8 * i + 8] for i in range(1, n)]
    for t in range(1, 6 * (n - 1) + 1):
        b = ciph(a + r[0])
        a = (int.from_bytes(b[:8], "big") ^ t).to_bytes(8, "big")
        r = r[1:] + [b[8:]]
    return a + b"".join(r)


def kwp_s(p, plen=None, icv=b"\xA6\x59\x59\xA6", pad=None):
    """S = ICV2 || [len(P)]32 || P || 0^padlen (§6.3 Algorithm 5 steps 1-4), with optional defects."""
    padlen = -len(p) % 8
    return icv + (len(p) if plen is None else plen).to_bytes(4, "big") + p + (pad or bytes(padlen))


def kwp_raw(ciph, s):
    """§6.3 Algorithm 5 steps 5-6: one block when S is two semiblocks, else W(S)."""
    return ciph(s) if len(s) == 16 else w(ciph, s)


def oracle_wrap(key, inverse, p):
    name = "AES-%d-WRAP-PAD%s" % (8 * len(key), "-INV" if inverse else "")
    c = evp_wrap(name, key, p, True)
    assert c == kwp_raw(ciph_k(key, inverse), kwp_s(p)), "OpenSSL and the Python KWP disagree"
    assert evp_wrap(name, key, c, False) == p
    return c


def self_check():
    # NIST ACVP-AES-KW 1.0 sample, tcId 2201 (encrypt, kwCipher inverse, AES-128).
    key = bytes.fromhex("06D7D0C4AB07DC2285CDBBA62E132BB0")
    pt = bytes.fromhex("6401A8B1AD10D64F00085F355BF20709")
    ct = bytes.fromhex("C5C22C5794880E88F94DD3D01446FDB088D147E0A91E4864")
    assert evp_wrap("AES-128-WRAP-INV", key, pt, True) == ct
    assert w(ciph_k(key, True), b"\xA6" * 8 + pt) == ct
    # RFC 5649 §6 (kwCipher cipher).
    kek = bytes.fromhex("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8")
    assert oracle_wrap(kek, False, bytes.fromhex("466f7250617369")) == bytes.fromhex("afbeb0f07dfbf5419200f2ccb50bb24f")


def bad_case(rng, key, inverse, nbytes):
    """A ciphertext KWP-AD must reject, and its kind."""
    ciph = ciph_k(key, inverse)
    p = rng.randbytes(nbytes)
    n = (nbytes + 7) // 8
    kinds = ["bitflip", "icv", "plen_high", "plen_low"] + (["padding"] if nbytes % 8 else [])
    kind = rng.choice(kinds)
    if kind == "bitflip":
        c = bytearray(oracle_wrap(key, inverse, p))
        i = rng.randrange(8 * len(c))
        c[i // 8] ^= 0x80 >> (i % 8)
        c = bytes(c)
    elif kind == "icv":
        c = kwp_raw(ciph, kwp_s(p, icv=b"\xA6\x59\x59\xA7"))
    elif kind == "plen_high":
        c = kwp_raw(ciph, kwp_s(p, plen=8 * n + rng.randrange(1, 9)))
    elif kind == "plen_low":
        c = kwp_raw(ciph, kwp_s(p, plen=rng.randrange(0, 8 * (n - 1) + 1)))
    else:
        pad = bytearray(-nbytes % 8)
        pad[rng.randrange(len(pad))] = rng.randrange(1, 256)
        c = kwp_raw(ciph, kwp_s(p, pad=bytes(pad)))
    name = "AES-%d-WRAP-PAD%s" % (8 * len(key), "-INV" if inverse else "")
    assert evp_wrap(name, key, c, False) is None, "OpenSSL accepts a %s case" % kind
    return c


def main():
    self_check()
    rng = random.Random(os.urandom(16))
    prompt = {"algorithm": "ACVP-AES-KWP", "vsId": 0, "revision": "1.0", "isSample": False, "testGroups": []}
    answers = {"algorithm": "ACVP-AES-KWP", "vsId": 0, "revision": "1.0", "isSample": False, "testGroups": []}
    tg = tc = 0
    for direction in ("encrypt", "decrypt"):
        for kw_cipher in ("cipher", "inverse"):
            for key_len in (128, 192, 256):
                for plen in PAYLOAD_LENS:
                    tg += 1
                    g = {"keyLen": key_len, "tgId": tg, "testType": "AFT", "direction": direction,
                         "kwCipher": kw_cipher, "payloadLen": plen, "tests": []}
                    ga = {"tgId": tg, "tests": []}
                    inverse = kw_cipher == "inverse"
                    nfail = rng.randrange(1, 3) if direction == "decrypt" else 0
                    for i in range(TESTS_PER_GROUP):
                        tc += 1
                        key = rng.randbytes(key_len // 8)
                        if direction == "encrypt":
                            p = rng.randbytes(plen // 8)
                            g["tests"].append({"tcId": tc, "key": key.hex().upper(), "pt": p.hex().upper()})
                            ga["tests"].append({"tcId": tc, "ct": oracle_wrap(key, inverse, p).hex().upper()})
                        elif i < TESTS_PER_GROUP - nfail:
                            p = rng.randbytes(plen // 8)
                            c = oracle_wrap(key, inverse, p)
                            g["tests"].append({"tcId": tc, "key": key.hex().upper(), "ct": c.hex().upper()})
                            ga["tests"].append({"tcId": tc, "pt": p.hex().upper()})
                        else:
                            c = bad_case(rng, key, inverse, plen // 8)
                            g["tests"].append({"tcId": tc, "key": key.hex().upper(), "ct": c.hex().upper()})
                            ga["tests"].append({"tcId": tc, "testPassed": False})
                    prompt["testGroups"].append(g)
                    answers["testGroups"].append(ga)
    os.makedirs(OUT, exist_ok=True)
    for name, obj in (("prompt.json.gz", prompt), ("expectedResults.json.gz", answers)):
        with open(os.path.join(OUT, name), "wb") as raw, \
                gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
            f.write(json.dumps(obj, indent=2).encode() + b"\n")
    print("%d groups, %d tests -> %s" % (tg, tc, OUT))


if __name__ == "__main__":
    main()
