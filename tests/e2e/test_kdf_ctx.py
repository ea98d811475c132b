#!/usr/bin/env python3
"""tests/e2e/test_kdf_ctx.py - the context functions of the fips140 provider's KDFs that `openssl kdf` does not
reach: dupctx, reset, get_ctx_params ("size"), settable/gettable tables, and parameters given over several
set_ctx_params calls. Drives the system's libcrypto through ctypes with two library contexts: one loading
OPENSSL_CONF_FIPS140 (the fips140 provider only), one with the default provider as the reference.

Usage: OPENSSL_MODULES=... test_kdf_ctx.py FIPS140_OPENSSL_CNF        (called by test_kdf.sh)
Prints "N passed, M failed"; exit 1 on any failure."""
import ctypes
import ctypes.util
import sys

SIZE_MAX = ctypes.c_size_t(-1).value
OSSL_PARAM_INTEGER, OSSL_PARAM_UNSIGNED_INTEGER, OSSL_PARAM_UTF8_STRING, OSSL_PARAM_OCTET_STRING = 1, 2, 4, 5


class OSSL_PARAM(ctypes.Structure):
    _fields_ = [("key", ctypes.c_char_p), ("data_type", ctypes.c_uint), ("data", ctypes.c_void_p),
                ("data_size", ctypes.c_size_t), ("return_size", ctypes.c_size_t)]


name = ctypes.util.find_library("crypto")
lib = ctypes.CDLL(name or "libcrypto.so.3")
vp = ctypes.c_void_p
for fn, res, args in [
    ("OSSL_LIB_CTX_new", vp, []),
    ("OSSL_LIB_CTX_load_config", ctypes.c_int, [vp, ctypes.c_char_p]),
    ("OSSL_PROVIDER_load", vp, [vp, ctypes.c_char_p]),
    ("EVP_KDF_fetch", vp, [vp, ctypes.c_char_p, ctypes.c_char_p]),
    ("EVP_KDF_free", None, [vp]),
    ("EVP_KDF_CTX_new", vp, [vp]),
    ("EVP_KDF_CTX_free", None, [vp]),
    ("EVP_KDF_CTX_dup", vp, [vp]),
    ("EVP_KDF_CTX_reset", None, [vp]),
    ("EVP_KDF_CTX_get_kdf_size", ctypes.c_size_t, [vp]),
    ("EVP_KDF_CTX_set_params", ctypes.c_int, [vp, vp]),
    ("EVP_KDF_CTX_settable_params", vp, [vp]),
    ("EVP_KDF_CTX_gettable_params", vp, [vp]),
    ("EVP_KDF_derive", ctypes.c_int, [vp, ctypes.c_char_p, ctypes.c_size_t, vp]),
    ("EVP_KDF_get0_provider", vp, [vp]),
    ("OSSL_PROVIDER_get0_name", ctypes.c_char_p, [vp]),
    ("ERR_clear_error", None, []),
]:
    f = getattr(lib, fn)
    f.restype, f.argtypes = res, args


class Params:
    """An OSSL_PARAM array built from (name, value) pairs: bytes -> octet string, str -> UTF8 string,
    int -> int (or uint64 for 'iter')."""

    def __init__(self, items):
        self.keep = []
        arr = (OSSL_PARAM * (len(items) + 1))()
        for i, (k, v) in enumerate(items):
            kb = k.encode()
            self.keep.append(kb)
            if isinstance(v, bytes):
                buf = ctypes.create_string_buffer(v, len(v) or 1)
                arr[i] = OSSL_PARAM(kb, OSSL_PARAM_OCTET_STRING, ctypes.cast(buf, vp), len(v), SIZE_MAX)
            elif isinstance(v, str):
                buf = ctypes.create_string_buffer(v.encode())
                arr[i] = OSSL_PARAM(kb, OSSL_PARAM_UTF8_STRING, ctypes.cast(buf, vp), len(v.encode()), SIZE_MAX)
            elif k == "iter":
                buf = ctypes.c_uint64(v)
                arr[i] = OSSL_PARAM(kb, OSSL_PARAM_UNSIGNED_INTEGER, ctypes.cast(ctypes.byref(buf), vp), 8, SIZE_MAX)
            else:
                buf = ctypes.c_int(v)
                arr[i] = OSSL_PARAM(kb, OSSL_PARAM_INTEGER, ctypes.cast(ctypes.byref(buf), vp), 4, SIZE_MAX)
            self.keep.append(buf)
        arr[len(items)] = OSSL_PARAM(None, 0, None, 0, 0)
        self.arr = arr

    @property
    def ptr(self):
        return ctypes.cast(self.arr, vp)


def param_names(p):
    names = []
    if not p:
        return names
    arr = ctypes.cast(p, ctypes.POINTER(OSSL_PARAM))
    i = 0
    while arr[i].key is not None:
        names.append(arr[i].key.decode())
        i += 1
    return names


passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


fips_libctx = lib.OSSL_LIB_CTX_new()
if lib.OSSL_LIB_CTX_load_config(fips_libctx, sys.argv[1].encode()) != 1:
    print("FAIL: cannot load", sys.argv[1])
    sys.exit(1)
ref_libctx = lib.OSSL_LIB_CTX_new()
if not lib.OSSL_PROVIDER_load(ref_libctx, b"default"):
    print("FAIL: cannot load the default provider")
    sys.exit(1)


def new_ctx(libctx, alg, props):
    kdf = lib.EVP_KDF_fetch(libctx, alg.encode(), props)
    if not kdf:
        return None, None
    return kdf, lib.EVP_KDF_CTX_new(kdf)


def derive(ctx, n, params=None):
    out = ctypes.create_string_buffer(max(n, 1))
    ok = lib.EVP_KDF_derive(ctx, out, n, params.ptr if params else None)
    lib.ERR_clear_error()
    return out.raw[:n] if ok == 1 else None


K32 = bytes(range(32))
K48 = bytes(range(48))
S16 = bytes(range(0xa0, 0xb0))

# (name, params, output length, expected size for the fully set context)
cases = [
    ("HKDF", [("digest", "SHA256"), ("key", K32), ("salt", S16), ("info", b"ab"), ("info", b"cd")], 42, SIZE_MAX),
    ("HKDF", [("mode", "EXTRACT_ONLY"), ("digest", "SHA384"), ("key", K48), ("salt", S16)], 48, 48),
    ("HKDF", [("mode", 2), ("digest", "SHA256"), ("key", K32), ("info", b"iv")], 12, SIZE_MAX),
    ("TLS13-KDF", [("mode", "EXTRACT_ONLY"), ("digest", "SHA256"), ("key", K32), ("salt", K32),
                   ("prefix", b"tls13 "), ("label", b"derived")], 32, 32),
    ("TLS13-KDF", [("mode", "EXPAND_ONLY"), ("digest", "SHA384"), ("key", K48), ("prefix", b"tls13 "),
                   ("label", b"key"), ("data", K48)], 32, SIZE_MAX),
    ("TLS1-PRF", [("digest", "SHA256"), ("secret", K48), ("seed", b"key expansion"), ("seed", K32)], 72, SIZE_MAX),
    ("PBKDF2", [("digest", "SHA256"), ("pass", b"password"), ("salt", S16), ("iter", 1000)], 32, SIZE_MAX),
    ("SSKDF", [("digest", "SHA512"), ("key", K32), ("info", b"fixed")], 70, 64),
    ("SSKDF", [("mac", "HMAC"), ("digest", "SHA256"), ("secret", K32), ("salt", S16), ("info", b"f")], 40, 32),
    ("X963KDF", [("digest", "SHA384"), ("key", K32), ("info", b"shared")], 60, 48),
    ("KBKDF", [("mac", "HMAC"), ("digest", "SHA256"), ("key", K32), ("salt", b"label"), ("info", b"context")],
     40, SIZE_MAX),
    ("KBKDF", [("mode", "feedback"), ("mac", "CMAC"), ("cipher", "AES-128-CBC"), ("key", S16), ("salt", b"l"),
               ("seed", S16)], 40, SIZE_MAX),
    ("SSHKDF", [("digest", "SHA256"), ("key", K32), ("xcghash", K32), ("session_id", K32), ("type", "C")],
     32, SIZE_MAX),
]

for alg, items, n, size in cases:
    label = "%s %s" % (alg, items[0])
    kdf, ctx = new_ctx(fips_libctx, alg, b"provider=fips140")
    rkdf, rctx = new_ctx(ref_libctx, alg, None)
    check(ctx is not None and rctx is not None, label + ": fetch")
    if ctx is None or rctx is None:
        continue
    prov = lib.OSSL_PROVIDER_get0_name(lib.EVP_KDF_get0_provider(kdf))
    check(prov == b"fips140", label + ": served by %r" % prov)
    want = derive(rctx, n, Params(items))
    check(want is not None, label + ": reference derive")
    # parameters set in two calls (all but the last, then the last) must give the same key (HKDF info and
    # TLS1-PRF seed concatenate only within one call, so keep repeated names together)
    head, tail = items[:-1], items[-1:]
    while head and head[-1][0] == tail[0][0]:
        tail.insert(0, head.pop())
    p1, p2 = Params(head), Params(tail)
    check(lib.EVP_KDF_CTX_set_params(ctx, p1.ptr) == 1 or alg == "TLS13-KDF", label + ": set_params 1")
    check(lib.EVP_KDF_CTX_set_params(ctx, p2.ptr) == 1, label + ": set_params 2")
    lib.ERR_clear_error()
    # size, as OpenSSL's own implementation answers it
    got_size = lib.EVP_KDF_CTX_get_kdf_size(ctx)
    check(got_size == size, label + ": size %d, expected %d" % (got_size, size))
    if alg != "TLS13-KDF":  # TLS13-KDF takes every parameter at once (its "data" is cleared by each call)
        ref_size = lib.EVP_KDF_CTX_get_kdf_size(rctx)
        check(got_size == ref_size, label + ": size %d, default provider %d" % (got_size, ref_size))
    # dup: the copy holds its own parameters (derive after freeing the original)
    dup = lib.EVP_KDF_CTX_dup(ctx)
    check(bool(dup), label + ": dup")
    got = derive(ctx, n, Params(tail) if alg == "TLS13-KDF" else None)
    check(got is not None and got == want, label + ": derive %s vs %s" % (got and got.hex(), want and want.hex()))
    lib.EVP_KDF_CTX_free(ctx)
    if dup:
        got2 = derive(dup, n, Params(tail) if alg == "TLS13-KDF" else None)
        check(got2 == want, label + ": derive from dup after freeing the original")
        # reset: every parameter is gone, derive fails; setting them again works
        lib.EVP_KDF_CTX_reset(dup)
        check(derive(dup, n) is None, label + ": derive after reset must fail")
        check(derive(dup, n, Params(items)) == want, label + ": derive after reset with params")
        lib.EVP_KDF_CTX_free(dup)
    # the settable table names what the reference provider's names (3.0's) plus at most "r" (KBKDF, OpenSSL 3.1)
    ctx2 = lib.EVP_KDF_CTX_new(kdf)
    s = set(param_names(lib.EVP_KDF_CTX_settable_params(ctx2)))
    r = set(param_names(lib.EVP_KDF_CTX_settable_params(rctx)))
    check({k for k, _ in items} <= s, label + ": settable %s" % sorted(s))
    check(s - r <= {"r"}, label + ": settable beyond the default provider's: %s" % sorted(s - r))
    check("size" in param_names(lib.EVP_KDF_CTX_gettable_params(ctx2)), label + ": gettable size")
    lib.EVP_KDF_CTX_free(ctx2)
    lib.EVP_KDF_CTX_free(rctx)
    lib.EVP_KDF_free(kdf)
    lib.EVP_KDF_free(rkdf)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
