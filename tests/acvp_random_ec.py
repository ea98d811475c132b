"""tests/acvp_random_ec.py - checks of the random answers of ECDSA (keyGen, sigGen FIPS186-5) and KAS-ECC-SSC
(Sp800-56Ar3 AFT), used by acvp_check.py.

CHECKERS maps (algorithm, mode) to a function(group, exp, got, got_group) -> None when right, else a reason
(see RANDOM_CHECKERS in acvp_check.py). Verification here is independent of the module: plain Python integers
(Jacobian coordinates, fixed 4-bit windows, a table of G's multiples, pow(x, -1, p)), hashlib, and for the
bit-oriented messages of SP 800-106 randomized hashing (which hashlib cannot take) small SHA-2 and Keccak
implementations written from FIPS 180-4 and FIPS 202.

  ECDSA keyGen: d in [1, n-1] and (qx, qy) = d*G (FIPS 186-5 A.2).
  ECDSA sigGen: the group's answered (qx, qy) is a valid public key and (r, s) verifies (FIPS 186-5 §6.4.2) over
    H(message), or H(RMX(randomValue, message)) (SP 800-106 §3.3) in "conformance": "SP800-106" groups.
  KAS-ECC-SSC: VAL tests compare testPassed; AFT tests check the IUT's answered public keys and recompute Z (or its
    hash) from the server's private keys (SP 800-56A Rev. 3 §5.7.1.2, §6).
"""
import hashlib

# SP 800-186 §3.2.1.2-5: name -> (p, n, b, Gx, Gy); a = -3 for all.
CURVES = {
    "P-224": (2**224 - 2**96 + 1,
              0xffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d,
              0xb4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4,
              0xb70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21,
              0xbd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34),
    "P-256": (2**256 - 2**224 + 2**192 + 2**96 - 1,
              0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551,
              0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
              0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
              0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5),
    "P-384": (2**384 - 2**128 - 2**96 + 2**32 - 1,
              int("ffffffffffffffffffffffffffffffffffffffffffffffff"
                  "c7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16),
              int("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe814112"
                  "0314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef", 16),
              int("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b98"
                  "59f741e082542a385502f25dbf55296c3a545e3872760ab7", 16),
              int("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147c"
                  "e9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f", 16)),
    "P-521": (2**521 - 1,
              int("01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5"
                  "d03bb5c9b8899c47aebb6fb71e91386409", 16),
              int("0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf"
                  "073573df883d2c34f1ef451fd46b503f00", 16),
              int("00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8"
                  "de3348b3c1856a429bf97e7e31c2e5bd66", 16),
              int("011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad07"
                  "61353c7086a272c24088be94769fd16650", 16)),
}


# ---- point arithmetic: Jacobian (X, Y, Z), x = X/Z^2, y = Y/Z^3; None is the point at infinity.

def _double(P, p):
    if P is None:
        return None
    X, Y, Z = P
    if Y == 0:
        return None
    YY = Y * Y % p
    S = 4 * X * YY % p
    ZZ = Z * Z % p
    M = 3 * (X - ZZ) * (X + ZZ) % p  # a = -3
    X3 = (M * M - 2 * S) % p
    return (X3, (M * (S - X3) - 8 * YY * YY) % p, 2 * Y * Z % p)


def _add(P, Q, p):
    if P is None:
        return Q
    if Q is None:
        return P
    X1, Y1, Z1 = P
    X2, Y2, Z2 = Q
    Z1Z1, Z2Z2 = Z1 * Z1 % p, Z2 * Z2 % p
    U1, U2 = X1 * Z2Z2 % p, X2 * Z1Z1 % p
    S1, S2 = Y1 * Z2 * Z2Z2 % p, Y2 * Z1 * Z1Z1 % p
    H, R = (U2 - U1) % p, (S2 - S1) % p
    if H == 0:
        return _double(P, p) if R == 0 else None
    HH = H * H % p
    HHH = H * HH % p
    V = U1 * HH % p
    X3 = (R * R - HHH - 2 * V) % p
    return (X3, (R * (V - X3) - S1 * HHH) % p, Z1 * Z2 * H % p)


def _affine(P, p):
    if P is None:
        return None
    X, Y, Z = P
    zi = pow(Z, -1, p)
    zi2 = zi * zi % p
    return (X * zi2 % p, Y * zi2 * zi % p)


def _add_affine(P, Q, p):
    """P (Jacobian or None) + Q (affine, not None): mixed addition."""
    if P is None:
        return (Q[0], Q[1], 1)
    X1, Y1, Z1 = P
    Z1Z1 = Z1 * Z1 % p
    U2, S2 = Q[0] * Z1Z1 % p, Q[1] * Z1 * Z1Z1 % p
    H, R = (U2 - X1) % p, (S2 - Y1) % p
    if H == 0:
        return _double(P, p) if R == 0 else None
    HH = H * H % p
    HHH = H * HH % p
    V = X1 * HH % p
    X3 = (R * R - HHH - 2 * V) % p
    return (X3, (R * (V - X3) - Y1 * HHH) % p, Z1 * H % p)


_GTAB = {}  # curve -> rows i of the affine multiples j * 16^i * G, j = 1..15


def _base_table(curve):
    if curve not in _GTAB:
        p, n, _, gx, gy = CURVES[curve]
        rows, B = [], (gx, gy, 1)
        for _ in range((n.bit_length() + 3) // 4):
            row, acc = [], B
            for _ in range(15):
                row.append(acc)
                acc = _add(acc, B, p)
            rows.append([_affine(P, p) for P in row])
            for _ in range(4):
                B = _double(B, p)
        _GTAB[curve] = rows
    return _GTAB[curve]


def _base_mult_jac(curve, k):
    p = CURVES[curve][0]
    R = None
    for i, row in enumerate(_base_table(curve)):
        w = (k >> (4 * i)) & 15
        if w:
            R = _add_affine(R, row[w - 1], p)
    return R


def _point_mult_jac(k, Q, p):
    """k*Q, fixed 4-bit window, Q affine."""
    tab = [None, (Q[0], Q[1], 1)]
    for _ in range(14):
        tab.append(_add_affine(tab[-1], Q, p))
    R = None
    for i in range((k.bit_length() + 3) // 4 - 1, -1, -1):
        for _ in range(4):
            R = _double(R, p)
        w = (k >> (4 * i)) & 15
        if w:
            R = _add(R, tab[w], p)
    return R


def on_curve(curve, x, y):
    p, _, b, _, _ = CURVES[curve]
    return 0 <= x < p and 0 <= y < p and (y * y - x * x * x + 3 * x - b) % p == 0


def scalar_mult(curve, k, P):
    """k*P (affine in and out, None for infinity)."""
    p = CURVES[curve][0]
    return _affine(_point_mult_jac(k % CURVES[curve][1], P, p), p)


def base_mult(curve, k):
    return _affine(_base_mult_jac(curve, k % CURVES[curve][1]), CURVES[curve][0])


# ---- bit-oriented hashing (SP 800-106 randomized messages are not whole bytes).

_K256 = None
_K512 = None


def _primes(count):
    out, c = [], 2
    while len(out) < count:
        if all(c % q for q in out if q * q <= c):
            out.append(c)
        c += 1
    return out


def _icbrt_frac(pr, bits):
    """floor(frac(cbrt(pr)) * 2^bits) (FIPS 180-4 §4.2.2/§4.2.3 constants)."""
    lo, hi = 0, 1 << (bits + 8)
    target = pr << (3 * bits)
    while lo < hi:  # largest r with r^3 <= pr * 2^(3 bits)
        mid = (lo + hi + 1) // 2
        if mid ** 3 <= target:
            lo = mid
        else:
            hi = mid - 1
    return lo & ((1 << bits) - 1)


def _isqrt_frac(pr, bits):
    import math
    return math.isqrt(pr << (2 * bits)) & ((1 << bits) - 1)


_SHA2 = {  # name: (word bits, output bytes)
    "SHA2-224": (32, 28), "SHA2-256": (32, 32), "SHA2-384": (64, 48), "SHA2-512": (64, 64),
    "SHA2-512/224": (64, 28), "SHA2-512/256": (64, 32),
}
_SHA2_IV = {
    "SHA2-224": [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4],
    "SHA2-384": [0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
                 0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4],
    "SHA2-512/224": [0x8c3d37c819544da2, 0x73e1996689dcd4d6, 0x1dfab7ae32ff9c82, 0x679dd514582f9fcf,
                     0x0f6d2b697bd44da8, 0x77e36f7304c48942, 0x3f9d85a86a1d36c8, 0x1112e6ad91d692a1],
    "SHA2-512/256": [0x22312194fc2bf72c, 0x9f555fa3c84c64c2, 0x2393b86b6f53b151, 0x963877195940eabd,
                     0x96283ee2a88effe3, 0xbe5e1e2553863992, 0x2b0199fc2c85b8aa, 0x0eb72ddc81c52ca2],
}


def _sha2_bits(name, data, nbits):
    global _K256, _K512
    w, outlen = _SHA2[name]
    if _K256 is None:
        pr = _primes(80)
        _K256 = [_icbrt_frac(q, 32) for q in pr[:64]]
        _K512 = [_icbrt_frac(q, 64) for q in pr]
        _SHA2_IV["SHA2-256"] = [_isqrt_frac(q, 32) for q in pr[:8]]
        _SHA2_IV["SHA2-512"] = [_isqrt_frac(q, 64) for q in pr[:8]]
    mask = (1 << w) - 1
    block, lenbits = (64, 64) if w == 32 else (128, 128)
    K = _K256 if w == 32 else _K512
    rounds = 64 if w == 32 else 80
    rot = (2, 13, 22, 6, 11, 25, 7, 18, 3, 17, 19, 10) if w == 32 else (28, 34, 39, 14, 18, 41, 1, 8, 7, 19, 61, 6)
    # FIPS 180-4 §5.1: M || 1 || 0^k || len, bit-oriented.
    v = int.from_bytes(data, "big") >> (8 * len(data) - nbits) if nbits else 0
    total = nbits + 1
    k = (-(total + lenbits)) % (8 * block)
    v = (((v << 1) | 1) << (k + lenbits)) | nbits
    msg = v.to_bytes((total + k + lenbits) // 8, "big")
    H = list(_SHA2_IV[name])

    def rotr(x, r):
        return ((x >> r) | (x << (w - r))) & mask

    for off in range(0, len(msg), block):
        W = [int.from_bytes(msg[off + i * w // 8: off + (i + 1) * w // 8], "big") for i in range(16)]
        for t in range(16, rounds):
            s0 = rotr(W[t - 15], rot[6]) ^ rotr(W[t - 15], rot[7]) ^ (W[t - 15] >> rot[8])
            s1 = rotr(W[t - 2], rot[9]) ^ rotr(W[t - 2], rot[10]) ^ (W[t - 2] >> rot[11])
            W.append((W[t - 16] + s0 + W[t - 7] + s1) & mask)
        a, b, c, d, e, f, g, h = H
        for t in range(rounds):
            S1 = rotr(e, rot[3]) ^ rotr(e, rot[4]) ^ rotr(e, rot[5])
            t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) & mask
            S0 = rotr(a, rot[0]) ^ rotr(a, rot[1]) ^ rotr(a, rot[2])
            t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) & mask
            a, b, c, d, e, f, g, h = (t1 + t2) & mask, a, b, c, (d + t1) & mask, e, f, g
        H = [(x + y) & mask for x, y in zip(H, (a, b, c, d, e, f, g, h))]
    return b"".join(x.to_bytes(w // 8, "big") for x in H)[:outlen]


_RC = None


def _keccak_f(A):
    global _RC
    if _RC is None:  # FIPS 202 §3.2.5: round constants from the LFSR rc(t)
        _RC, r = [], 1
        bits = []
        for _ in range(255):
            bits.append(r & 1)
            r <<= 1
            if r & 0x100:
                r ^= 0x171
        for ir in range(24):
            c = 0
            for j in range(7):
                if bits[(j + 7 * ir) % 255]:
                    c |= 1 << ((1 << j) - 1)
            _RC.append(c)
    m = (1 << 64) - 1
    rotc = [[0] * 5 for _ in range(5)]
    x, y = 1, 0
    for t in range(24):
        rotc[x][y] = ((t + 1) * (t + 2) // 2) % 64
        x, y = y, (2 * x + 3 * y) % 5
    for ir in range(24):
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ (((C[(x + 1) % 5] << 1) | (C[(x + 1) % 5] >> 63)) & m) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                r = rotc[x][y]
                B[y][(2 * x + 3 * y) % 5] = ((A[x][y] << r) | (A[x][y] >> (64 - r))) & m if r else A[x][y]
        A = [[B[x][y] ^ (~B[(x + 1) % 5][y] & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= _RC[ir]
    return A


_SHA3 = {"SHA3-224": (28, 28, 0b10, 2), "SHA3-256": (32, 32, 0b10, 2), "SHA3-384": (48, 48, 0b10, 2),
         "SHA3-512": (64, 64, 0b10, 2), "SHAKE-128": (16, 32, 0b1111, 4), "SHAKE-256": (32, 64, 0b1111, 4)}


def _sha3_bits(name, data, nbits):
    """FIPS 202 sponge over a bit string given MSB-first per byte (the ACVP convention: a partial last byte holds
    its bits in its high end and is taken as the integer last >> (8 - rem), low bits first as FIPS 202 orders)."""
    cap, outlen, suffix, slen = _SHA3[name]
    rate = 200 - 2 * cap
    whole, rem = divmod(nbits, 8)
    acc = int.from_bytes(data[:whole], "little")
    pos = 8 * whole
    if rem:
        acc |= (data[whole] >> (8 - rem)) << pos
        pos += rem
    acc |= suffix << pos  # domain bits, then pad10*1
    pos += slen
    acc |= 1 << pos
    total = ((pos + 1 + 8 * rate - 1) // (8 * rate)) * 8 * rate
    acc |= 1 << (total - 1)
    msg = acc.to_bytes(total // 8, "little")
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        for i in range(rate // 8):
            A[i % 5][i // 5] ^= int.from_bytes(msg[off + 8 * i: off + 8 * i + 8], "little")
        A = _keccak_f(A)
    out = b""
    while True:
        out += b"".join(A[i % 5][i // 5].to_bytes(8, "little") for i in range(rate // 8))
        if len(out) >= outlen:
            return out[:outlen]
        A = _keccak_f(A)


def hash_bits(name, data, nbits):
    """Digest (ECDSA length: SHAKE-128 256 bits, SHAKE-256 512 bits) of the first nbits of data."""
    if nbits % 8 == 0:
        data = data[:nbits // 8]
        if name == "SHAKE-128":
            return hashlib.shake_128(data).digest(32)
        if name == "SHAKE-256":
            return hashlib.shake_256(data).digest(64)
        hl = {"SHA-1": "sha1", "SHA2-224": "sha224", "SHA2-256": "sha256", "SHA2-384": "sha384",
              "SHA2-512": "sha512", "SHA2-512/224": "sha512_224", "SHA2-512/256": "sha512_256",
              "SHA3-224": "sha3_224", "SHA3-256": "sha3_256", "SHA3-384": "sha3_384", "SHA3-512": "sha3_512"}
        return hashlib.new(hl[name], data).digest()
    if name in _SHA2:
        return _sha2_bits(name, data, nbits)
    return _sha3_bits(name, data, nbits)


def rmx(msg, rv, rvbits):
    """SP 800-106 §3.3: (M', bit length) with M' = rv || (m XOR Rv) || rvbits (16 bits), m = M || 1 || 0*, and
    Rv = rv || ... || rv || rv[0 .. remainder-1] as long as m, where SP 800-106 numbers bits from the right: the
    partial copy is the rightmost remainder bits of rv (as the ACVP server's published vectors confirm)."""
    mbits = 8 * len(msg)
    m = int.from_bytes(msg, "big") if msg else 0
    pad = rvbits - mbits if mbits + 1 < rvbits else 1
    m = (m << pad) | (1 << (pad - 1))
    mm = mbits + pad
    r = int.from_bytes(rv, "big") >> (8 * len(rv) - rvbits)
    reps, extra = divmod(mm, rvbits)
    rr = 0
    for _ in range(reps):
        rr = (rr << rvbits) | r
    rr = (rr << extra) | (r & ((1 << extra) - 1))  # rv[0 .. remainder-1]: bit 0 is the rightmost bit
    v = (((r << mm) | (m ^ rr)) << 16) | rvbits
    total = rvbits + mm + 16
    return (v << ((-total) % 8)).to_bytes((total + 7) // 8, "big"), total


def ecdsa_verify(curve, q, digest, r, s):
    """FIPS 186-5 §6.4.2: True when (r, s) is a signature of digest under the public key q = (x, y)."""
    p, n, _, gx, gy = CURVES[curve]
    if not (1 <= r < n and 1 <= s < n) or not on_curve(curve, *q):
        return False
    e = int.from_bytes(digest, "big")
    if 8 * len(digest) > n.bit_length():
        e >>= 8 * len(digest) - n.bit_length()
    w = pow(s, -1, n)
    R = _affine(_add(_base_mult_jac(curve, e * w % n), _point_mult_jac(r * w % n, q, p), p), p)
    return R is not None and R[0] % n == r


# ---- checkers

def _hexint(got, key):
    v = got.get(key)
    if not isinstance(v, str):
        raise ValueError("%s missing" % key)
    return int(v, 16) if v else 0


def check_keygen(group, exp, got, got_group):
    curve = group.get("curve")
    if curve not in CURVES:
        return "curve %s has no checker" % curve
    try:
        d, qx, qy = _hexint(got, "d"), _hexint(got, "qx"), _hexint(got, "qy")
    except ValueError as e:
        return str(e)
    n = CURVES[curve][1]
    if not 1 <= d < n:
        return "d out of [1, n-1]"
    return None if base_mult(curve, d) == (qx, qy) else "(qx, qy) is not d*G"




def check_siggen(group, exp, got, got_group):
    curve = group.get("curve")
    if curve not in CURVES:
        return "curve %s has no checker" % curve
    try:
        q = (_hexint(got_group, "qx"), _hexint(got_group, "qy"))
        r, s = _hexint(got, "r"), _hexint(got, "s")
        msg = bytes.fromhex(group["message"] if "message" in group else exp["message"])
    except (ValueError, KeyError) as e:
        return "answer incomplete: %s" % e
    if not on_curve(curve, *q):
        return "group public key (qx, qy) is not on %s" % curve
    if group.get("conformance") == "SP800-106":
        try:
            rv, rvbits = bytes.fromhex(got["randomValue"]), int(got["randomValueLen"])
        except (KeyError, ValueError, TypeError):
            return "randomValue / randomValueLen missing"
        if not 80 <= rvbits <= 1024 or 8 * len(rv) < rvbits:
            return "randomValueLen %d out of range" % rvbits
        data, nbits = rmx(msg, rv, rvbits)
    else:
        data, nbits = msg, 8 * len(msg)
    digest = hash_bits(group["hashAlg"], data, nbits)
    return None if ecdsa_verify(curve, q, digest, r, s) else "signature (r, s) does not verify"


# KAS-ECC-SSC: which key pairs each party uses (SP 800-56A Rev. 3 §6): scheme -> (ephemeral, static) needs
# of the initiator and of the responder, and how Z is assembled.
KAS_SCHEMES = {
    "ephemeralUnified": {"initiator": ("e",), "responder": ("e",)},
    "fullUnified": {"initiator": ("e", "s"), "responder": ("e", "s")},
    "onePassUnified": {"initiator": ("e", "s"), "responder": ("s",)},
    "onePassDH": {"initiator": ("e",), "responder": ("s",)},
    "staticUnified": {"initiator": ("s",), "responder": ("s",)},
}


def kas_z(curve, scheme, role, priv_server, pub_iut):
    """Z computed on the server side: priv_server {'e','s'} -> int, pub_iut {'e','s'} -> (x, y); role is the IUT's.
    Returns bytes, or None when a needed key is missing."""
    p = CURVES[curve][0]
    L = (p.bit_length() + 7) // 8

    def cdh(d, Q):
        P = scalar_mult(curve, d, Q)
        return None if P is None else P[0].to_bytes(L, "big")

    iut, srv = KAS_SCHEMES[scheme][role], KAS_SCHEMES[scheme]["responder" if role == "initiator" else "initiator"]
    try:
        if scheme in ("ephemeralUnified", "staticUnified"):
            k = iut[0]
            return cdh(priv_server[k], pub_iut[k])
        if scheme == "fullUnified":
            return cdh(priv_server["e"], pub_iut["e"]) + cdh(priv_server["s"], pub_iut["s"])
        if scheme == "onePassDH":  # initiator ephemeral with responder static
            return cdh(priv_server[srv[0]], pub_iut[iut[0]])
        if scheme == "onePassUnified":  # Ze = initiator ephemeral x responder static, Zs = statics
            ze = cdh(priv_server["s"], pub_iut["e"]) if role == "initiator" else cdh(priv_server["e"], pub_iut["s"])
            return ze + cdh(priv_server["s"], pub_iut["s"])
    except (KeyError, TypeError):
        return None
    return None


def check_kas_ecc(group, exp, got, got_group):
    if group.get("testType") == "VAL":
        want = exp.get("testPassed")
        g = got.get("testPassed", True)
        return None if g is want else "testPassed = %s, expected %s" % (g, want)
    curve = group.get("domainParameterGenerationMode")
    scheme, role = group.get("scheme"), group.get("kasRole")
    if curve not in CURVES or scheme not in KAS_SCHEMES or role not in ("initiator", "responder"):
        return "group (%s, %s, %s) has no checker" % (curve, scheme, role)
    priv, pub = {}, {}
    for k, word in (("e", "ephemeral"), ("s", "static")):
        if k not in KAS_SCHEMES[scheme][role]:
            continue
        try:
            q = (_hexint(got, word + "PublicIutX"), _hexint(got, word + "PublicIutY"))
        except ValueError as e:
            return str(e)
        if not on_curve(curve, *q):
            return "%s public key of the IUT not on the curve" % word
        pub[k] = q
    for k, word in (("e", "ephemeral"), ("s", "static")):
        key = word + "PrivateServer"
        if key in exp or key in group:
            priv[k] = int(exp.get(key) or group.get(key), 16)
    z = kas_z(curve, scheme, role, priv, pub)
    if z is None:
        return "cannot recompute Z (server key missing or Z = infinity)"
    hz = group.get("hashFunctionZ", "none")
    if hz and hz != "none":
        want, key = hash_bits(hz, z, 8 * len(z)), "hashZ"
    else:
        want, key = z, "z"
    if not isinstance(got.get(key), str):
        return "%s missing" % key
    return None if bytes.fromhex(got[key]) == want else "%s does not match the recomputed one" % key


CHECKERS = {
    ("ECDSA", "keyGen"): check_keygen,
    ("ECDSA", "sigGen"): check_siggen,
    ("KAS-ECC-SSC", None): check_kas_ecc,
}
