#!/usr/bin/env python3
"""tests/vectors/acvp/make_kdf135.py - builds two derived ACVP "kdf-components" (revision 1.0) vector sets in the
shape of the ACVP server's internal projections, for the SP 800-135 Rev. 1 KDFs that NIST's published samples cover
only partly (the vendored NIST subsets hold SHA2-224 for ANSI X9.63 and TDES/SHA-1 for SSH):

  kdf-components-ansix9.63-derived/internalProjection.json.gz   mode "ansix9.63": every SHA-2 and SHA-3 hash, field
      sizes 224..521 bits (z of ceil(fieldSize/8) random bytes), sharedInfoLength 0/128/1024 bits, keyDataLength
      128..4096 bits; answer keyData.
  kdf-components-ssh-derived/internalProjection.json.gz         mode "ssh": hashAlg SHA-1, SHA2-224/256/384/512 x
      cipher TDES, AES-128/192/256; k an SSH mpint (4-byte length, sign byte when needed) of a random 1024..4096-bit
      secret, h and sessionId of the hash's length; answers initialIvClient/Server, encryptionKeyClient/Server,
      integrityKeyClient/Server (lengths: the cipher's block and key size, the hash's output size).

Independent sources: every answer is computed twice, with Python's hashlib (ANSI X9.63-2011 §5.6.3 and RFC 4253
§7.2 written out here) and with OpenSSL 3 (`openssl kdf ... X963KDF` / `SSHKDF`); the two must agree.

Run: python3 tests/vectors/acvp/make_kdf135.py   (needs the openssl command; the output is random each run)
"""
import gzip
import hashlib
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS_PER_GROUP = 4

HASHES = {  # ACVP name: (hashlib name, openssl name)
    "SHA-1": ("sha1", "SHA1"),
    "SHA2-224": ("sha224", "SHA2-224"), "SHA2-256": ("sha256", "SHA2-256"),
    "SHA2-384": ("sha384", "SHA2-384"), "SHA2-512": ("sha512", "SHA2-512"),
    "SHA2-512/224": ("sha512_224", "SHA2-512/224"), "SHA2-512/256": ("sha512_256", "SHA2-512/256"),
    "SHA3-224": ("sha3_224", "SHA3-224"), "SHA3-256": ("sha3_256", "SHA3-256"),
    "SHA3-384": ("sha3_384", "SHA3-384"), "SHA3-512": ("sha3_512", "SHA3-512"),
}
SSH_CIPHERS = {"TDES": (8, 24), "AES-128": (16, 16), "AES-192": (16, 24), "AES-256": (16, 32)}
SSH_FIELDS = ("initialIvClient", "initialIvServer", "encryptionKeyClient", "encryptionKeyServer",
              "integrityKeyClient", "integrityKeyServer")


def openssl_kdf(name, keylen, opts):
    args = ["openssl", "kdf", "-keylen", str(keylen)]
    for o in opts:
        args += ["-kdfopt", o]
    out = subprocess.run(args + [name], stdout=subprocess.PIPE, check=True).stdout.decode()
    return bytes.fromhex(out.strip().replace(":", ""))


def x963(hname, z, info, nbytes):
    """ANSI X9.63 §5.6.3: Hash(Z || counter32 || SharedInfo), counter from 1."""
    out, i = b"", 1
    while len(out) < nbytes:
        out += hashlib.new(hname, z + i.to_bytes(4, "big") + info).digest()
        i += 1
    return out[:nbytes]


def ssh(hname, k, h, letter, sid, nbytes):
    """RFC 4253 §7.2: K1 = HASH(K || H || X || session_id), Kn = HASH(K || H || K1 || ... || K(n-1))."""
    out = hashlib.new(hname, k + h + letter + sid).digest()
    while len(out) < nbytes:
        out += hashlib.new(hname, k + h + out).digest()
    return out[:nbytes]


def mpint(x):
    """RFC 4251 §5: big-endian two's complement with a 4-byte length, a leading 0x00 when the top bit is set."""
    b = x.to_bytes((x.bit_length() + 7) // 8, "big")
    if b and b[0] & 0x80:
        b = b"\x00" + b
    return len(b).to_bytes(4, "big") + b


def x963_set():
    groups, tg, tc = [], 0, 0
    combos = ((224, 0, 128), (256, 128, 256), (384, 1024, 1024), (521, 0, 4096), (256, 1024, 520))
    for hash_name in HASHES:
        if hash_name == "SHA-1":
            continue  # not in ACVP's ansix9.63 hash list (and not approved for it)
        hname, oname = HASHES[hash_name]
        for field, silen, kdlen in combos:
            tg += 1
            tests = []
            for _ in range(TESTS_PER_GROUP):
                tc += 1
                z = os.urandom((field + 7) // 8)
                info = os.urandom(silen // 8)
                kd = x963(hname, z, info, kdlen // 8)
                opts = ["digest:" + oname, "hexkey:" + z.hex()] + (["hexinfo:" + info.hex()] if info else [])
                assert openssl_kdf("X963KDF", kdlen // 8, opts) == kd, "openssl disagrees"
                tests.append({"tcId": tc, "z": z.hex().upper(), "sharedInfo": info.hex().upper(),
                              "keyData": kd.hex().upper()})
            groups.append({"tgId": tg, "hashAlg": hash_name, "sharedInfoLength": silen, "keyDataLength": kdlen,
                           "fieldSize": field, "testType": "AFT", "tests": tests})
    return {"vsId": 0, "algorithm": "kdf-components", "mode": "ansix9.63", "revision": "1.0", "isSample": True,
            "testGroups": groups}


def ssh_set():
    groups, tg, tc = [], 0, 0
    for hash_name in ("SHA-1", "SHA2-224", "SHA2-256", "SHA2-384", "SHA2-512"):
        hname, oname = HASHES[hash_name]
        dlen = hashlib.new(hname).digest_size
        for cipher, (ivlen, keylen) in SSH_CIPHERS.items():
            tg += 1
            tests = []
            for j in range(TESTS_PER_GROUP):
                tc += 1
                bits = (1024, 2048, 3072, 4096)[j % 4]
                k = mpint(int.from_bytes(os.urandom(bits // 8), "big") | 1)
                h, sid = os.urandom(dlen), os.urandom(dlen)
                t = {"tcId": tc, "k": k.hex().upper(), "h": h.hex().upper(), "sessionId": sid.hex().upper()}
                for i, field in enumerate(SSH_FIELDS):
                    n = (ivlen, ivlen, keylen, keylen, dlen, dlen)[i]
                    letter = chr(ord("A") + i)
                    v = ssh(hname, k, h, letter.encode(), sid, n)
                    opts = ["digest:" + oname, "hexkey:" + k.hex(), "hexxcghash:" + h.hex(),
                            "hexsession_id:" + sid.hex(), "type:" + letter]
                    assert openssl_kdf("SSHKDF", n, opts) == v, "openssl disagrees"
                    t[field] = v.hex().upper()
                tests.append(t)
            groups.append({"tgId": tg, "cipher": cipher, "hashAlg": hash_name, "testType": "AFT", "tests": tests})
    return {"vsId": 0, "algorithm": "kdf-components", "mode": "ssh", "revision": "1.0", "isSample": True,
            "testGroups": groups}


def write(name, vs):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "internalProjection.json.gz"), "wb") as f:
        f.write(gzip.compress(json.dumps(vs, indent=2).encode() + b"\n", 9, mtime=0))


def main():
    write("kdf-components-ansix9.63-derived", x963_set())
    write("kdf-components-ssh-derived", ssh_set())


if __name__ == "__main__":
    main()
