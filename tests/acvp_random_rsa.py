"""tests/acvp_random_rsa.py - checks of the random answers of RSA (keyGen, sigGen FIPS186-5), used by acvp_check.py.

CHECKERS maps (algorithm, mode) to a function(group, exp, got, got_group) -> None when right, else a reason
(see RANDOM_CHECKERS in acvp_check.py). Verification here is independent of the module: plain Python integers.

RSA keyGen FIPS186-5 (ACVP RSA spec, "RSA KeyGen Test Group Responses"; FIPS 186-5 §5.1 and Appendix A.1):
  - AFT groups with infoGeneratedByServer: the key follows from the server's seed / X values, so p, q, n and d (or,
    for keyFormat "crt", dmp1, dmq1, iqmp) must equal NIST's values; the key is also checked as below (but for the
    primality of p and q, which equal NIST's);
  - every other group (GDT: the IUT's own key) is checked the way the ACVP server checks a generated key: e odd with
    2^16 < e < 2^256; n = p q of exactly `modulo` bits; p and q of modulo/2 bits, probable primes (Miller-Rabin
    with random bases), both >= sqrt(2) 2^(modulo/2 - 1); |p - q| > 2^(modulo/2 - 100); d = e^-1 mod lcm(p-1, q-1)
    with 2^(modulo/2) < d (for "standard" the answered d; for "crt" dmp1 = d mod (p-1), dmq1 = d mod (q-1),
    iqmp = q^-1 mod p); p = pMod8 and q = qMod8 mod 8 when the group asks.

Run directly (python3 tests/acvp_random_rsa.py FILE) it checks NIST's own answers of an RSA keyGen internalProjection
(all must pass) and corrupted copies of them (all must fail): a check of this checker.
"""
import math
import random

_rng = random.SystemRandom()

_SMALL = [p for p in range(3, 1000) if all(p % d for d in range(2, int(p ** 0.5) + 1))]


def probable_prime(n, rounds=5):
    """probable_prime - Miller-Rabin with random bases (FIPS 186-5 B.3.1), after trial division."""
    if n < 2:
        return False
    for p in [2] + _SMALL:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = _rng.randrange(2, n - 1)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _int(v):
    """_int - a hex answer as an integer, or None when absent or empty."""
    if not isinstance(v, str) or not v:
        return None
    try:
        return int(v, 16)
    except ValueError:
        return None


def check_rsa_key(group, got, primality=True):
    """check_rsa_key - None when got holds a valid key for the group, else the reason. primality=False skips the
    Miller-Rabin tests (for p and q already known equal to NIST's)."""
    nlen = group.get("modulo")
    if not isinstance(nlen, int) or nlen < 1024:
        return "group has no usable modulo"
    half = nlen // 2
    e = _int(got.get("e")) or _int(group.get("fixedPubExp")) or _int(group.get("e"))
    n, p, q = _int(got.get("n")), _int(got.get("p")), _int(got.get("q"))
    if e is None or n is None or p is None or q is None:
        return "e, n, p or q missing"
    if e % 2 == 0 or not (1 << 16) < e < (1 << 256):
        return "e is not an odd value between 2^16 and 2^256"
    if n != p * q:
        return "n != p * q"
    if n.bit_length() != nlen:
        return "n has %d bits, expected %d" % (n.bit_length(), nlen)
    for name, v in (("p", p), ("q", q)):
        if v.bit_length() != half:
            return "%s has %d bits, expected %d" % (name, v.bit_length(), half)
        if v * v < 1 << (2 * half - 1):
            return "%s < sqrt(2) 2^(nlen/2 - 1)" % name
        if primality and not probable_prime(v):
            return "%s is not prime" % name
    if abs(p - q) <= 1 << (half - 100):
        return "|p - q| <= 2^(nlen/2 - 100)"
    for name, v, want in (("p", p, group.get("pMod8", 0)), ("q", q, group.get("qMod8", 0))):
        if want and v % 8 != want:
            return "%s = %d mod 8, expected %d" % (name, v % 8, want)
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
    if math.gcd(e, lam) != 1:
        return "e is not invertible modulo lcm(p-1, q-1)"
    d = pow(e, -1, lam)
    if d <= 1 << half:
        return "d <= 2^(nlen/2)"
    if group.get("keyFormat") == "crt":
        want = {"dmp1": d % (p - 1), "dmq1": d % (q - 1), "iqmp": pow(q, -1, p)}
        for k, v in want.items():
            if _int(got.get(k)) != v:
                return "%s is not the CRT value of the key" % k
    else:
        gd = _int(got.get("d"))
        if gd is None:
            return "d missing"
        if gd != d:  # FIPS 186-5 §5.1: d = e^-1 mod lcm(p-1, q-1), the one in (2^(nlen/2), lcm)
            return "d is not e^-1 mod lcm(p-1, q-1)"
    return None


def check_rsa_keygen(group, exp, got, got_group):
    """check_rsa_keygen - the CHECKERS entry for RSA keyGen."""
    if group.get("testType") == "AFT" and group.get("infoGeneratedByServer"):
        fields = ["n", "p", "q"] + (["dmp1", "dmq1", "iqmp"] if group.get("keyFormat") == "crt" else ["d"])
        for k in fields:
            want = _int(exp.get(k))
            if want is None:
                continue  # NIST left it empty
            if _int(got.get(k)) != want:
                return "%s differs from NIST's" % k
        if "e" in got and _int(got.get("e")) != _int(exp.get("e")):
            return "e differs from the server's"
        g = dict(got)
        g["e"] = exp.get("e")
        return check_rsa_key(group, g, primality=False)
    if group.get("testType") in ("GDT", "AFT"):
        return check_rsa_key(group, got)
    return "unsupported testType %r" % group.get("testType")


CHECKERS = {("RSA", "keyGen"): check_rsa_keygen}


def _self_check(path):
    """_self_check - NIST's answers must pass; corrupted copies must fail. Returns the process exit status."""
    import gzip
    import json
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        vs = json.load(f)
    if isinstance(vs, list):
        vs = next(x for x in vs if "algorithm" in x)
    good = bad = 0
    for g in vs["testGroups"]:
        group = {k: v for k, v in g.items() if k != "tests"}
        for t in g["tests"]:
            why = check_rsa_keygen(group, t, t, {})
            if why:
                print("tcId %s: NIST's answer fails: %s" % (t["tcId"], why))
                bad += 1
            else:
                good += 1
            for k in ("p", "n", "dmp1", "iqmp", "d"):
                v = _int(t.get(k))
                if v is None:
                    continue
                c = dict(t)
                c[k] = "%X" % (v ^ 2)
                if not check_rsa_keygen(group, t if group.get("infoGeneratedByServer") else c, c, {}):
                    print("tcId %s: a flipped bit of %s is accepted" % (t["tcId"], k))
                    bad += 1
                else:
                    good += 1
    print("%d passed, %d failed" % (good, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    import sys
    sys.exit(_self_check(sys.argv[1]))

# The sigGen checkers live in acvp_random_rsasig.py (a separate file, written separately from the keyGen ones).
from acvp_random_rsasig import CHECKERS as _SIG_CHECKERS  # noqa: E402

CHECKERS.update(_SIG_CHECKERS)
