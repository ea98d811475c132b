"""tests/acvp_random_rsasig.py - checks of the random answers of RSA sigGen FIPS186-5, used by acvp_check.py
through acvp_random_rsa.py. CHECKERS maps (algorithm, mode) to a function(group, exp, got, got_group).

In a sigGen group (testType GDT) the IUT generates its own key and answers the public key (n, e) at the group level
and a signature per test, so NIST's signatures cannot be compared: each answer is verified here the way the ACVP
server verifies it, independently of the module, with plain Python integers and hashlib:
  - the key: n of exactly `modulo` bits, odd, 2^16 < e < 2^256 odd (FIPS 186-5 §5.1), one fresh key per group (not
    NIST's sample key, not the key of another group);
  - the signature: exactly k = modulo/8 bytes, below n; s^e mod n decoded as RSASSA-PKCS1-v1_5 (RFC 8017 §9.2,
    the encoding rebuilt and compared) or RSASSA-PSS (RFC 8017 §9.1.2 with the group's salt length, mask MGF1 with
    the group's hash, or SHAKE128/SHAKE256 itself for maskFunction shake-128 / shake-256, FIPS 186-5 §5.4);
  - "conformance": "SP800-106": the message is first randomized with the IUT's "randomValue" (SP 800-106 §3.3);
    the randomized message is generally not a whole number of bytes, so it is hashed with the bit-exact SHA-2 /
    Keccak below (hashlib takes bytes only; the bit-oriented code is checked against hashlib on every call path
    by self_test()).

Run directly (python3 tests/acvp_random_rsasig.py FILE) it verifies NIST's own answers of an internalProjection
(which must all pass) and corrupted copies of them (which must all fail): a check of this checker.
"""
import hashlib
import math

# ---------------------------------------------------------------------------------------------------------------
# Bit-oriented hashing. A bit string is (data, nbits): data holds ceil(nbits / 8) bytes, MSB first; a partial last
# byte carries its bits at the top (the ACVP hex convention). For SHA-3 / SHAKE the same string is read as FIPS 202
# Appendix B.1 does: whole bytes as bytes, the partial byte as the integer last >> (8 - r) in little-endian bit order.

M32, M64 = (1 << 32) - 1, (1 << 64) - 1


def _primes(count):
    """_primes - the first count primes."""
    out, c = [], 2
    while len(out) < count:
        if all(c % p for p in out if p * p <= c):
            out.append(c)
        c += 1
    return out


def _icbrt(x):
    """_icbrt - floor of the cube root of a non-negative integer."""
    r = 1 << ((x.bit_length() + 2) // 3)
    while True:
        s = (2 * r + x // (r * r)) // 3
        if s >= r:
            break
        r = s
    while r ** 3 > x:
        r -= 1
    while (r + 1) ** 3 <= x:
        r += 1
    return r


def _isqrt(x):
    """_isqrt - floor of the square root."""
    return math.isqrt(x)


# FIPS 180-4 §4.2.2 / §4.2.3: the constants are the first 32 / 64 bits of the fractional parts of the cube roots
# of the first 64 / 80 primes; §5.3: the initial values from the square roots of the first 8 (SHA-256, SHA-512)
# or 9th..16th (SHA-224: second 32 bits; SHA-384) primes.
_P = _primes(80)
_K256 = [_icbrt(p << 96) & M32 for p in _P[:64]]
_K512 = [_icbrt(p << 192) & M64 for p in _P]
_IV = {
    "SHA2-256": [_isqrt(p << 64) & M32 for p in _P[:8]],
    "SHA2-224": [(_isqrt(p << 128) & M64) & M32 for p in _P[8:16]],
    "SHA2-512": [_isqrt(p << 128) & M64 for p in _P[:8]],
    "SHA2-384": [_isqrt(p << 128) & M64 for p in _P[8:16]],
}
_SHA2_OUT = {"SHA2-224": 28, "SHA2-256": 32, "SHA2-384": 48, "SHA2-512": 64, "SHA2-512/224": 28,
             "SHA2-512/256": 32}


def _rotr(x, n, w):
    return ((x >> n) | (x << (w - n))) & ((1 << w) - 1)


def _sha2_compress(h, block, wide):
    """_sha2_compress - one FIPS 180-4 §6.2.2 / §6.4.2 compression; wide selects the 64-bit functions."""
    w, mask, rounds = (64, M64, 80) if wide else (32, M32, 64)
    ks = _K512 if wide else _K256
    s0r, s1r = ((1, 8, 7), (19, 61, 6)) if wide else ((7, 18, 3), (17, 19, 10))
    b0r, b1r = ((28, 34, 39), (14, 18, 41)) if wide else ((2, 13, 22), (6, 11, 25))
    wb = w // 8
    ws = [int.from_bytes(block[i * wb:(i + 1) * wb], "big") for i in range(16)]
    for t in range(16, rounds):
        x, y = ws[t - 15], ws[t - 2]
        s0 = _rotr(x, s0r[0], w) ^ _rotr(x, s0r[1], w) ^ (x >> s0r[2])
        s1 = _rotr(y, s1r[0], w) ^ _rotr(y, s1r[1], w) ^ (y >> s1r[2])
        ws.append((ws[t - 16] + s0 + ws[t - 7] + s1) & mask)
    a, b, c, d, e, f, g, hh = h
    for t in range(rounds):
        t1 = (hh + (_rotr(e, b1r[0], w) ^ _rotr(e, b1r[1], w) ^ _rotr(e, b1r[2], w)) + ((e & f) ^ (~e & g))
              + ks[t] + ws[t]) & mask
        t2 = ((_rotr(a, b0r[0], w) ^ _rotr(a, b0r[1], w) ^ _rotr(a, b0r[2], w)) + ((a & b) ^ (a & c) ^ (b & c))) & mask
        a, b, c, d, e, f, g, hh = (t1 + t2) & mask, a, b, c, (d + t1) & mask, e, f, g
    return [(x + y) & mask for x, y in zip(h, (a, b, c, d, e, f, g, hh))]


def _sha2_iv(name):
    """_sha2_iv - initial hash value; SHA-512/t by the IV generation function of FIPS 180-4 §5.3.6."""
    if name in _IV:
        return list(_IV[name])
    iv = [x ^ 0xa5a5a5a5a5a5a5a5 for x in _IV["SHA2-512"]]
    t = name.split("/")[1]
    words = _sha2_run(iv, ("SHA-512/" + t).encode(), 8 * len("SHA-512/" + t), True)
    return words


def _sha2_run(h, data, nbits, wide):
    """_sha2_run - pad the bit string (FIPS 180-4 §5.1) and compress it from state h."""
    blk = 128 if wide else 64
    lenbytes = 16 if wide else 8
    whole, rem = nbits // 8, nbits % 8
    msg = bytearray(data[:whole])
    if rem:
        msg.append((data[whole] & (0xff << (8 - rem)) & 0xff) | (0x80 >> rem))
    else:
        msg.append(0x80)
    while (len(msg) + lenbytes) % blk:
        msg.append(0)
    msg += nbits.to_bytes(lenbytes, "big")
    for i in range(0, len(msg), blk):
        h = _sha2_compress(h, bytes(msg[i:i + blk]), wide)
    return h


def _sha2_bits(name, data, nbits):
    """_sha2_bits - SHA-2 digest of a bit string."""
    wide = name not in ("SHA2-224", "SHA2-256")
    h = _sha2_run(_sha2_iv(name), data, nbits, wide)
    out = b"".join(x.to_bytes(8 if wide else 4, "big") for x in h)
    return out[:_SHA2_OUT[name]]


def _keccak_rc():
    """_keccak_rc - the 24 round constants of FIPS 202 §3.2.5 (Algorithm 5 rc(t), Algorithm 6)."""
    def rcbit(t):
        if t % 255 == 0:
            return 1
        r = [1, 0, 0, 0, 0, 0, 0, 0]
        for _ in range(t % 255):
            r = [0] + r
            r[0] ^= r[8]
            r[4] ^= r[8]
            r[5] ^= r[8]
            r[6] ^= r[8]
            r = r[:8]
        return r[0]
    out = []
    for ir in range(24):
        rc = 0
        for j in range(7):
            if rcbit(j + 7 * ir):
                rc |= 1 << ((1 << j) - 1)
        out.append(rc)
    return out


_RC = _keccak_rc()
_ROT = [[0] * 5 for _ in range(5)]
_x, _y = 1, 0
for _t in range(24):  # FIPS 202 §3.2.2 rho offsets
    _ROT[_x][_y] = ((_t + 1) * (_t + 2) // 2) % 64
    _x, _y = _y, (2 * _x + 3 * _y) % 5


def _keccak_f(a):
    """_keccak_f - Keccak-p[1600, 24] on a[x][y] lanes (FIPS 202 §3.3)."""
    for rnd in range(24):
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ (((c[(x + 1) % 5] << 1) | (c[(x + 1) % 5] >> 63)) & M64) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                r = _ROT[x][y]
                b[y][(2 * x + 3 * y) % 5] = ((a[x][y] << r) | (a[x][y] >> (64 - r))) & M64 if r else a[x][y]
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= _RC[rnd]
    return a


_KECCAK = {"SHA3-224": (144, 0x06, 28), "SHA3-256": (136, 0x06, 32), "SHA3-384": (104, 0x06, 48),
           "SHA3-512": (72, 0x06, 64), "SHAKE-128": (168, 0x1f, None), "SHAKE-256": (136, 0x1f, None)}


def _keccak_bits(name, data, nbits, outlen):
    """_keccak_bits - SHA-3 / SHAKE of a bit string (FIPS 202 §6 domain bits, pad10*1 of §5.1)."""
    rate, suffix, fixed = _KECCAK[name]
    outlen = fixed or outlen
    whole, rem = nbits // 8, nbits % 8
    msg = bytearray(data[:whole])
    # the trailing bits, then the domain bits (01 for SHA-3, 1111 for SHAKE) and the first 1 of pad10*1: suffix
    # holds them LSB first (0x06 = 0,1,1; 0x1f = 1,1,1,1,1)
    tail = ((data[whole] >> (8 - rem)) if rem else 0) | (suffix << rem)
    tbits = rem + suffix.bit_length()
    while tbits > 8:
        msg.append(tail & 0xff)
        tail >>= 8
        tbits -= 8
    msg.append(tail)
    while len(msg) % rate:
        msg.append(0)
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        for i in range(rate // 8):
            lane = int.from_bytes(msg[off + 8 * i:off + 8 * i + 8], "little")
            a[i % 5][i // 5] ^= lane
        a = _keccak_f(a)
    out = bytearray()
    while True:
        for i in range(rate // 8):
            out += a[i % 5][i // 5].to_bytes(8, "little")
        if len(out) >= outlen:
            return bytes(out[:outlen])
        a = _keccak_f(a)


# HLEN - output length of each hash as used in RSA signatures (SHAKE-128/256: 32 / 64 bytes, FIPS 186-5 §5.4).
HLEN = {"SHA2-224": 28, "SHA2-256": 32, "SHA2-384": 48, "SHA2-512": 64, "SHA2-512/224": 28, "SHA2-512/256": 32,
        "SHA3-224": 28, "SHA3-256": 32, "SHA3-384": 48, "SHA3-512": 64, "SHAKE-128": 32, "SHAKE-256": 64}
_HASHLIB = {"SHA2-224": "sha224", "SHA2-256": "sha256", "SHA2-384": "sha384", "SHA2-512": "sha512",
            "SHA2-512/224": "sha512_224", "SHA2-512/256": "sha512_256", "SHA3-224": "sha3_224",
            "SHA3-256": "sha3_256", "SHA3-384": "sha3_384", "SHA3-512": "sha3_512", "SHAKE-128": "shake_128",
            "SHAKE-256": "shake_256"}


def hash_bits(name, data, nbits, outlen=None):
    """hash_bits - digest of the bit string (data, nbits) with the ACVP hash name; outlen for SHAKE (default
    HLEN). Whole bytes go through hashlib; other lengths through the bit-oriented code above."""
    outlen = outlen or HLEN[name]
    if nbits % 8 == 0:
        h = hashlib.new(_HASHLIB[name], bytes(data[:nbits // 8]))
        return h.digest(outlen) if name.startswith("SHAKE") else h.digest()
    if name.startswith("SHA2-"):
        return _sha2_bits(name, data, nbits)
    return _keccak_bits(name, data, nbits, outlen)


def self_test():
    """self_test - the bit-oriented code must agree with hashlib on whole bytes (every hash, several lengths
    across block boundaries), and a partial byte must change the digest. Raises AssertionError otherwise."""
    for name in HLEN:
        for n in (0, 3, 55, 56, 64, 111, 112, 128, 135, 136, 167, 168, 200):
            data = bytes((i * 37 + n) & 0xff for i in range(n))
            want = hash_bits(name, data, 8 * n)
            got = (_sha2_bits(name, data, 8 * n) if name.startswith("SHA2-")
                   else _keccak_bits(name, data, 8 * n, HLEN[name]))
            assert got == want, "bit-oriented %s differs from hashlib at %d bytes" % (name, n)
        assert hash_bits(name, b"\x80", 1) != hash_bits(name, b"\x00", 1)


# ---------------------------------------------------------------------------------------------------------------
# SP 800-106 §3.3 message randomization.

def randomize(msg, rv, rvbits, acvp=True):
    """randomize - M' = rv || (m xor Rv) || rv_length_indicator of SP 800-106 §3.3 for the byte message msg and the
    random value rv of rvbits bits (80 <= rvbits <= 1024). Returns the bit string (bytes, nbits).

    Step 7 completes Rv with "the remainder left-most bits of rv"; the ACVP server (ACVP-Server
    PreSigVerMessageRandomizer) takes rv's right-most bits instead (GetLeastSignificantBits). acvp=True reads it as
    the server does (how NIST's answers are made and how an IUT's answers are validated), acvp=False as written.
    The fips140 CLI draws rv so that both readings give the same M'."""
    mbits = 8 * len(msg)
    m = int.from_bytes(msg, "big")
    # steps 1-2: padding = 1 when |M| >= |rv| - 1, else 1 || 0^(|rv| - |M| - 1)
    if mbits >= rvbits - 1:
        m, mlen = (m << 1) | 1, mbits + 1
    else:
        pad = rvbits - mbits
        m, mlen = (m << pad) | (1 << (pad - 1)), rvbits
    # steps 5-7: Rv = counter copies of rv, then remainder bits of rv, |Rv| = |m|
    r = int.from_bytes(rv, "big") >> (8 * len(rv) - rvbits)
    reps, rem = divmod(mlen, rvbits)
    big = 0
    for _ in range(reps):
        big = (big << rvbits) | r
    tail = (r & ((1 << rem) - 1)) if acvp else (r >> (rvbits - rem))
    big = (big << rem) | tail
    # steps 8-9: rv_length_indicator = |rv| on 16 bits; M' = rv || (m xor Rv) || rv_length_indicator
    out = (((r << mlen) | (m ^ big)) << 16) | rvbits
    nbits = rvbits + mlen + 16
    pad = (-nbits) % 8
    return (out << pad).to_bytes((nbits + pad) // 8, "big"), nbits


# ---------------------------------------------------------------------------------------------------------------
# Signature encodings (RFC 8017).

# DigestInfo prefixes (RFC 8017 §9.2 note 1): hash OIDs 2.16.840.1.101.3.4.2.n (NIST CSOR).
_OID_ARC = {"SHA2-256": 1, "SHA2-384": 2, "SHA2-512": 3, "SHA2-224": 4, "SHA2-512/224": 5, "SHA2-512/256": 6,
            "SHA3-224": 7, "SHA3-256": 8, "SHA3-384": 9, "SHA3-512": 10}


def digest_info(name, h):
    """digest_info - DER DigestInfo { AlgorithmIdentifier {oid, NULL}, OCTET STRING h }."""
    oid = bytes([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, _OID_ARC[name]])
    alg = bytes([0x30, 2 + len(oid) + 2, 0x06, len(oid)]) + oid + b"\x05\x00"
    body = alg + bytes([0x04, len(h)]) + h
    return bytes([0x30, len(body)]) + body


def mask(mgf, hname, seed, length):
    """mask - MGF1 (RFC 8017 §B.2.1) with hname, or SHAKE128/256(seed, length) for mgf shake-128 / shake-256."""
    if mgf == "shake-128":
        return hashlib.shake_128(seed).digest(length)
    if mgf == "shake-256":
        return hashlib.shake_256(seed).digest(length)
    out = b""
    c = 0
    while len(out) < length:
        block = seed + c.to_bytes(4, "big")
        out += hash_bits(hname, block, 8 * len(block))
        c += 1
    return out[:length]


def check_pkcs1(em, hname, mhash):
    """check_pkcs1 - EM must be exactly 00 01 FF..FF 00 DigestInfo (RFC 8017 §9.2 rebuilt and compared)."""
    t = digest_info(hname, mhash)
    if len(em) < len(t) + 11:
        return "modulus too short for the encoding"
    want = b"\x00\x01" + b"\xff" * (len(em) - len(t) - 3) + b"\x00" + t
    return None if em == want else "not the PKCS#1 v1.5 encoding of the message"


def check_pss(em_int, modbits, hname, mgf, slen, mhash, salt=None):
    """check_pss - EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with emBits = modBits - 1 and salt length slen; salt, when
    given, must be the recovered salt. None when consistent, else a reason."""
    embits = modbits - 1
    emlen = (embits + 7) // 8
    hlen = HLEN[hname]
    if em_int >> embits:
        return "encoded message longer than emBits"
    em = em_int.to_bytes(emlen, "big")
    if emlen < hlen + slen + 2:
        return "modulus too short for hLen and the salt"
    if em[-1] != 0xbc:
        return "trailer is not 0xbc"
    masked, h = em[:emlen - hlen - 1], em[emlen - hlen - 1:-1]
    db = bytes(a ^ b for a, b in zip(masked, mask(mgf, hname, h, len(masked))))
    zbits = 8 * emlen - embits
    db = bytes([db[0] & (0xff >> zbits)]) + db[1:]
    ps_len = emlen - hlen - slen - 2
    if db[:ps_len] != b"\x00" * ps_len or db[ps_len] != 1:
        return "padding PS || 0x01 wrong (salt length is not %d?)" % slen
    got_salt = db[ps_len + 1:]
    if salt is not None and got_salt != salt:
        return "recovered salt differs from the answered salt"
    mp = b"\x00" * 8 + mhash + got_salt
    return None if hash_bits(hname, mp, 8 * len(mp)) == h else "hash H does not match"


# ---------------------------------------------------------------------------------------------------------------
# The checker.

def _hex(obj, key):
    """_hex - bytes of the hex string obj[key], or None."""
    v = obj.get(key)
    if not isinstance(v, str):
        return None
    try:
        return bytes.fromhex(v)
    except ValueError:
        return None


def verify_answer(group, exp, got, n, e, strict=False):
    """verify_answer - check one signature answer (got: "signature", and "salt" / "randomValue" /
    "randomValueLen" where they apply) of the group's scheme for the message of exp under the public key (n, e).
    None when right, else a reason. With strict, an SP 800-106 answer must also be valid with step 7 as written
    (see randomize)."""
    why = _verify(group, exp, got, n, e, True)
    if why is None and strict and group.get("conformance") == "SP800-106":
        if _verify(group, exp, got, n, e, False) is not None:
            return "valid only with the ACVP server's reading of SP 800-106 step 7, not with its text"
    return why


def _verify(group, exp, got, n, e, acvp):
    """_verify - verify_answer with one reading of SP 800-106 step 7."""
    hname = group.get("hashAlg")
    if hname not in HLEN:
        return "unknown hashAlg %r" % hname
    msg = _hex(exp, "message")
    if msg is None:
        return "expected test has no message"
    sig = _hex(got, "signature")
    if sig is None:
        return "signature missing or not hex"
    k = (n.bit_length() + 7) // 8
    if len(sig) != k:
        return "signature has %d bytes, expected %d" % (len(sig), k)
    s = int.from_bytes(sig, "big")
    if s >= n:
        return "signature is not below n"
    em = pow(s, e, n)

    if group.get("conformance") == "SP800-106":
        rv = _hex(got, "randomValue")
        if rv is None:
            return "randomValue missing or not hex"
        rvbits = got.get("randomValueLen", 8 * len(rv))
        if not isinstance(rvbits, int) or isinstance(rvbits, bool) or not 80 <= rvbits <= 1024 \
                or rvbits > 8 * len(rv):
            return "randomValueLen %r not in 80..1024 bits or longer than randomValue" % (rvbits,)
        data, nbits = randomize(msg, rv, rvbits, acvp)
    else:
        data, nbits = msg, 8 * len(msg)
    mhash = hash_bits(hname, data, nbits)

    sig_type = group.get("sigType")
    if sig_type == "pkcs1v1.5":
        if hname not in _OID_ARC:
            return "no DigestInfo for %s" % hname
        return check_pkcs1(em.to_bytes(k, "big"), hname, mhash)
    if sig_type == "pss":
        mgf = group.get("maskFunction", "mgf1")
        if mgf not in ("mgf1", "shake-128", "shake-256"):
            return "unknown maskFunction %r" % mgf
        slen = group.get("saltLen")
        if not isinstance(slen, int):
            return "group has no saltLen"
        salt = _hex(got, "salt") if "salt" in got else None
        if "salt" in got and salt is None:
            return "salt not hex"
        return check_pss(em, n.bit_length(), hname, mgf, slen, mhash, salt)
    return "unsupported sigType %r" % sig_type


def check_key(group, got_group):
    """check_key - the group's answered public key as (n, e, None), or (None, None, reason)."""
    try:
        n = int(got_group["n"], 16)
        e = int(got_group["e"], 16)
    except (KeyError, TypeError, ValueError):
        return None, None, "group n or e missing or not hex"
    modulo = group.get("modulo")
    if not isinstance(modulo, int) or n.bit_length() != modulo:
        return None, None, "n has %d bits, expected %r" % (n.bit_length(), modulo)
    if n % 2 == 0:
        return None, None, "n is even"
    if not (1 << 16) < e < (1 << 256) or e % 2 == 0:
        return None, None, "e is not odd in (2^16, 2^256)"
    return n, e, None


_KEYS_SEEN = {}  # n -> tgId: a key answered for two groups is a reused key


def check_siggen(group, exp, got, got_group):
    """check_siggen - RANDOM_CHECKERS entry for RSA sigGen (see acvp_check.py)."""
    n, e, why = check_key(group, got_group)
    if why:
        return why
    sample_n = group.get("n")  # NIST's sample key, present in an internalProjection
    if isinstance(sample_n, str) and int(sample_n, 16) == n:
        return "the answered key is NIST's sample key, not a generated one"
    tgid = group.get("tgId")
    if _KEYS_SEEN.setdefault(n, tgid) != tgid:
        return "key of tgId %s reused" % _KEYS_SEEN[n]
    return verify_answer(group, exp, got, n, e, strict=True)


CHECKERS = {("RSA", "sigGen"): check_siggen}


def _corrupt(t):
    """_corrupt - copies of an answer with one thing wrong: each must be rejected."""
    out = []
    sig = bytearray(bytes.fromhex(t["signature"]))
    sig[len(sig) // 2] ^= 0x04
    out.append(dict(t, signature=sig.hex()))
    out.append(dict(t, signature=t["signature"][2:]))  # one byte short
    if "randomValue" in t:
        rv = bytearray(bytes.fromhex(t["randomValue"]))
        rv[0] ^= 0x80
        out.append(dict(t, randomValue=rv.hex()))
    if "salt" in t:
        salt = bytearray(bytes.fromhex(t["salt"]))
        salt[-1] ^= 1
        out.append(dict(t, salt=salt.hex()))
    return out


def main(argv):
    """main - verify NIST's answers of an RSA sigGen internalProjection (all must pass) and corrupted copies (all
    must fail). Exit 0 when so."""
    import gzip
    import json
    self_test()
    with open(argv[1], "rb") as f:
        raw = f.read()
    doc = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    good = bad = 0
    for g in doc["testGroups"]:
        n, e = int(g["n"], 16), int(g["e"], 16)
        for t in g["tests"]:
            why = verify_answer(g, t, t, n, e)
            if why:
                bad += 1
                print("tgId %s tcId %s: NIST answer rejected: %s" % (g["tgId"], t["tcId"], why))
            else:
                good += 1
            for c in _corrupt(t):
                if verify_answer(g, t, c, n, e) is None:
                    bad += 1
                    print("tgId %s tcId %s: corrupted answer accepted" % (g["tgId"], t["tcId"]))
                else:
                    good += 1
            other = dict(t, message=(t["message"][:-2] + "%02x" % (int(t["message"][-2:] or "0", 16) ^ 1)))
            if verify_answer(g, other, t, n, e) is None:
                bad += 1
                print("tgId %s tcId %s: answer accepted for another message" % (g["tgId"], t["tcId"]))
            else:
                good += 1
    print("%d passed, %d failed" % (good, bad))
    return 0 if bad == 0 and good > 0 else 1


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
