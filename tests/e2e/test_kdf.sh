#!/bin/sh
# tests/e2e/test_kdf.sh - the fips140 provider's KDFs (provider/kdfs.c) through the system's `openssl kdf`.
#
# Usage: test_kdf.sh BUILD_DIR
#
# Every derivation runs twice: through an openssl.cnf that loads only the fips140 provider (and base) with
# default_properties = fips=yes and -propquery provider=fips140, and with `-provider default` under an empty
# config; the outputs must be equal (and, where an RFC gives one, equal to the published value). Negative cases
# check that what OpenSSL's FIPS provider refuses (or the module refuses in FIPS140=only mode) fails with a
# reason on the error stack. Exit 0 when every case passes, 1 otherwise.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init kdf "${1:-}"
: > "$W/empty.cnf"

pass=0
fail=0
good() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# fips [ENV=VAL] -- openssl kdf ARGS through the fips140 provider (stdout: the key; stderr to $W/err)
fips() {
    OPENSSL_CONF="$W/openssl.cnf" OPENSSL_MODULES="$MOD" "$OPENSSL" kdf -propquery provider=fips140 "$@" 2>"$W/err"
}
fips_only() {
    FIPS140=only OPENSSL_CONF="$W/openssl.cnf" OPENSSL_MODULES="$MOD" "$OPENSSL" kdf -propquery provider=fips140 \
        "$@" 2>"$W/err"
}
ref() {
    OPENSSL_CONF="$W/empty.cnf" "$OPENSSL" kdf -provider default "$@" 2>"$W/referr"
}

# same NAME ARGS... - fips140 and default agree (both succeed, non-empty output)
same() {
    name=$1
    shift
    got=$(fips "$@") || { bad "$name: fips140 failed: $(cat "$W/err")"; return; }
    want=$(ref "$@") || { bad "$name: default provider failed: $(cat "$W/referr")"; return; }
    if [ -n "$got" ] && [ "$got" = "$want" ]; then good; else bad "$name: fips140 $got, default $want"; fi
}

# same_only NAME ARGS... - as same, with FIPS140=only (an approved use)
same_only() {
    name=$1
    shift
    got=$(fips_only "$@") || { bad "$name: fips140 (FIPS140=only) failed: $(cat "$W/err")"; return; }
    want=$(ref "$@") || { bad "$name: default provider failed: $(cat "$W/referr")"; return; }
    if [ -n "$got" ] && [ "$got" = "$want" ]; then good; else bad "$name: fips140 $got, default $want"; fi
}

# known NAME HEX ARGS... - fips140's output equals the published value HEX (lower case, no colons)
known() {
    name=$1
    hex=$2
    shift 2
    got=$(fips "$@") || { bad "$name: fips140 failed: $(cat "$W/err")"; return; }
    got=$(printf '%s' "$got" | tr -d ':\n' | tr 'A-F' 'a-f')
    if [ "$got" = "$hex" ]; then good; else bad "$name: got $got, want $hex"; fi
}

# refused NAME PATTERN MODE ARGS... - fips140 fails (MODE: on = default FIPS140, only = FIPS140=only) with PATTERN
# (grep -E) in the error output, which must name the fips140 provider's error library.
refused() {
    name=$1
    pattern=$2
    mode=$3
    shift 3
    if [ "$mode" = only ]; then out=$(fips_only "$@"); rc=$?; else out=$(fips "$@"); rc=$?; fi
    if [ $rc -eq 0 ]; then
        bad "$name: fips140 succeeded ($out), expected a refusal"
    elif ! grep -q 'fips140' "$W/err" || ! grep -Eq "$pattern" "$W/err"; then
        bad "$name: refused without /$pattern/ from fips140: $(cat "$W/err")"
    else
        good
    fi
}

# sanity: the configuration really serves the KDFs from fips140, and the default provider is not loaded
OPENSSL_CONF="$W/openssl.cnf" OPENSSL_MODULES="$MOD" "$OPENSSL" list -kdf-algorithms >"$W/list" 2>&1
for k in HKDF TLS13-KDF TLS1-PRF PBKDF2 SSKDF X963KDF KBKDF SSHKDF; do
    if grep -q "$k.* @ fips140" "$W/list"; then good; else bad "$k not listed @ fips140: $(cat "$W/list")"; fi
done
if grep -q '@ default' "$W/list"; then bad "default provider loaded by $W/openssl.cnf"; else good; fi

K32=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
K48=${K32}202122232425262728292a2b2c2d2e2f
S16=a0a1a2a3a4a5a6a7a8a9aaabacadaeaf

# ---- HKDF
known "HKDF RFC 5869 A.1" 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865 \
    -keylen 42 -kdfopt digest:SHA256 -kdfopt hexkey:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b \
    -kdfopt hexsalt:000102030405060708090a0b0c -kdfopt hexinfo:f0f1f2f3f4f5f6f7f8f9 HKDF
same "HKDF SHA256" -keylen 42 -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt hexsalt:$S16 -kdfopt info:context HKDF
same "HKDF SHA384 info concatenated" -keylen 100 -kdfopt digest:SHA2-384 -kdfopt hexkey:$K48 -kdfopt salt:salt \
    -kdfopt info:part1 -kdfopt info:part2 -kdfopt hexinfo:00ff HKDF
same "HKDF SHA3-256 no salt" -keylen 32 -kdfopt digest:SHA3-256 -kdfopt hexkey:$K32 -kdfopt info:x HKDF
same "HKDF EXTRACT_ONLY SHA512" -keylen 64 -kdfopt mode:EXTRACT_ONLY -kdfopt digest:SHA512 -kdfopt hexkey:$K32 \
    -kdfopt hexsalt:$S16 HKDF
same "HKDF EXPAND_ONLY SHA256" -keylen 48 -kdfopt mode:EXPAND_ONLY -kdfopt digest:SHA256 -kdfopt hexkey:$K32 \
    -kdfopt info:label HKDF
# libssl-style short output (a 12-byte IV, under 112 bits): NOT_APPROVED, so derived in the default mode...
same "HKDF EXPAND_ONLY 12 bytes (default mode)" -keylen 12 -kdfopt mode:EXPAND_ONLY -kdfopt digest:SHA256 \
    -kdfopt hexkey:$K32 -kdfopt info:iv HKDF
# ...and refused in FIPS140=only with the module's rule on the error stack
refused "HKDF EXPAND_ONLY 12 bytes (FIPS140=only)" 'shorter than 112 bits' only -keylen 12 -kdfopt mode:EXPAND_ONLY \
    -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt info:iv HKDF
same_only "HKDF 32 bytes (FIPS140=only)" -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt hexsalt:$S16 HKDF
refused "HKDF EXTRACT_ONLY wrong length" 'exactly 32 bytes' on -keylen 16 -kdfopt mode:EXTRACT_ONLY \
    -kdfopt digest:SHA256 -kdfopt hexkey:$K32 HKDF
refused "HKDF SHAKE digest" 'not supported' on -keylen 16 -kdfopt digest:SHAKE256 -kdfopt hexkey:$K32 HKDF
refused "HKDF without key" 'key not set' on -keylen 16 -kdfopt digest:SHA256 -kdfopt info:x HKDF

# ---- TLS13-KDF (libssl's KDF for TLS 1.3)
H32=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
same "TLS13-KDF EXTRACT_ONLY early secret" -keylen 32 -kdfopt mode:EXTRACT_ONLY -kdfopt digest:SHA256 TLS13-KDF
same "TLS13-KDF EXTRACT_ONLY with salt (derived)" -keylen 32 -kdfopt mode:EXTRACT_ONLY -kdfopt digest:SHA256 \
    -kdfopt hexkey:$K32 -kdfopt hexsalt:$H32 -kdfopt "prefix:tls13 " -kdfopt label:derived TLS13-KDF
same "TLS13-KDF EXTRACT_ONLY SHA384" -keylen 48 -kdfopt mode:EXTRACT_ONLY -kdfopt digest:SHA384 \
    -kdfopt hexkey:$K48 -kdfopt hexsalt:$K48 -kdfopt "prefix:tls13 " -kdfopt label:derived TLS13-KDF
same "TLS13-KDF EXPAND_ONLY key" -keylen 16 -kdfopt mode:EXPAND_ONLY -kdfopt digest:SHA256 -kdfopt hexkey:$K32 \
    -kdfopt "prefix:tls13 " -kdfopt label:key TLS13-KDF
same "TLS13-KDF EXPAND_ONLY c hs traffic" -keylen 32 -kdfopt mode:EXPAND_ONLY -kdfopt digest:SHA256 \
    -kdfopt hexkey:$K32 -kdfopt "prefix:tls13 " -kdfopt "label:c hs traffic" -kdfopt hexdata:$H32 TLS13-KDF
# the 12-byte IV, as libssl derives it: approved (the TLS 1.3 KDF has no 112-bit output rule), so FIPS140=only works
same_only "TLS13-KDF EXPAND_ONLY 12-byte iv (FIPS140=only)" -keylen 12 -kdfopt mode:EXPAND_ONLY \
    -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt "prefix:tls13 " -kdfopt label:iv TLS13-KDF
same "TLS13-KDF EXPAND_ONLY dtls13 prefix SHA384" -keylen 48 -kdfopt mode:EXPAND_ONLY -kdfopt digest:SHA384 \
    -kdfopt hexkey:$K48 -kdfopt prefix:dtls13 -kdfopt label:finished TLS13-KDF
refused "TLS13-KDF SHA512 (FIPS140=only)" 'RFC 8446' only -keylen 16 -kdfopt mode:EXPAND_ONLY \
    -kdfopt digest:SHA512 -kdfopt hexkey:$K32 -kdfopt "prefix:tls13 " -kdfopt label:key TLS13-KDF
refused "TLS13-KDF without mode" 'EXTRACT_ONLY or EXPAND_ONLY' on -keylen 32 -kdfopt digest:SHA256 \
    -kdfopt hexkey:$K32 TLS13-KDF

# ---- TLS1-PRF (TLS 1.2): seed = label || seeds
R64=${K32}${S16}${S16}
same "TLS1-PRF key expansion SHA256" -keylen 104 -kdfopt digest:SHA256 -kdfopt hexsecret:$K48 \
    -kdfopt "seed:key expansion" -kdfopt hexseed:$R64 TLS1-PRF
same "TLS1-PRF EMS SHA384 (FIPS140=only)" -keylen 48 -kdfopt digest:SHA384 -kdfopt hexsecret:$K48 \
    -kdfopt "seed:extended master secret" -kdfopt hexseed:$K48 TLS1-PRF
same_only "TLS1-PRF EMS SHA384 (FIPS140=only)" -keylen 48 -kdfopt digest:SHA384 -kdfopt hexsecret:$K48 \
    -kdfopt "seed:extended master secret" -kdfopt hexseed:$K48 TLS1-PRF
same "TLS1-PRF SHA512" -keylen 12 -kdfopt digest:SHA512 -kdfopt secret:secret -kdfopt "seed:client finished" \
    -kdfopt hexseed:$K32 TLS1-PRF
# master secret without EMS: derived in the default mode (NOT_APPROVED), refused in FIPS140=only
same "TLS1-PRF master secret (default mode)" -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:$K48 \
    -kdfopt "seed:master secret" -kdfopt hexseed:$K32$K32 TLS1-PRF
refused "TLS1-PRF master secret (FIPS140=only)" 'IG D.Q' only -keylen 48 -kdfopt digest:SHA256 \
    -kdfopt hexsecret:$K48 -kdfopt "seed:master secret" -kdfopt hexseed:$K32$K32 TLS1-PRF
refused "TLS1-PRF SHA1" 'not supported' on -keylen 16 -kdfopt digest:SHA1 -kdfopt secret:s -kdfopt seed:x TLS1-PRF
refused "TLS1-PRF MD5-SHA1" 'not supported' on -keylen 16 -kdfopt digest:MD5-SHA1 -kdfopt secret:s -kdfopt seed:x \
    TLS1-PRF

# ---- PBKDF2: SP 800-132 compliant (salt >= 128 bits, >= 1000 iterations, key >= 112 bits)
same "PBKDF2 SHA256 1000 iterations" -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:password \
    -kdfopt hexsalt:$S16 -kdfopt iter:1000 PBKDF2
same_only "PBKDF2 SHA512 4096 iterations (FIPS140=only)" -keylen 64 -kdfopt digest:SHA512 \
    -kdfopt pass:passwordPASSWORDpassword -kdfopt salt:saltSALTsaltSALTsaltSALTsaltSALTsalt -kdfopt iter:4096 PBKDF2
same "PBKDF2 SHA1 default iterations" -keylen 20 -kdfopt digest:SHA1 -kdfopt pass:pw -kdfopt hexsalt:$K32 PBKDF2
same "PBKDF2 SHA3-256" -keylen 40 -kdfopt digest:SHA3-256 -kdfopt pass:pw -kdfopt hexsalt:$S16 -kdfopt iter:1500 \
    PBKDF2
# the FIPS provider's lower-bound checks (pkcs5 = 0, the default here) ...
refused "PBKDF2 short salt" 'SP 800-132 5.1' on -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:pw -kdfopt salt:salt \
    -kdfopt iter:1000 PBKDF2
refused "PBKDF2 999 iterations" 'SP 800-132 5.2' on -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:pw \
    -kdfopt hexsalt:$S16 -kdfopt iter:999 PBKDF2
refused "PBKDF2 short key" '112 bits' on -keylen 13 -kdfopt digest:SHA256 -kdfopt pass:pw -kdfopt hexsalt:$S16 \
    -kdfopt iter:1000 PBKDF2
# ... skipped with pkcs5=1 (RFC 6070's vector: salt "salt", 2 iterations), NOT_APPROVED in the module ...
known "PBKDF2 RFC 6070 pkcs5=1" ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957 -keylen 20 -kdfopt digest:SHA1 \
    -kdfopt pass:password -kdfopt salt:salt -kdfopt iter:2 -kdfopt pkcs5:1 PBKDF2
same "PBKDF2 pkcs5=1 short salt" -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:pw -kdfopt salt:salt -kdfopt iter:10 \
    -kdfopt pkcs5:1 PBKDF2
# ... and refused by the module itself in FIPS140=only
refused "PBKDF2 pkcs5=1 short salt (FIPS140=only)" 'SP 800-132 5.1: salt shorter than 128 bits' only -keylen 32 \
    -kdfopt digest:SHA256 -kdfopt pass:pw -kdfopt salt:salt -kdfopt iter:1000 -kdfopt pkcs5:1 PBKDF2

# ---- SSKDF (SP 800-56C one-step)
same "SSKDF hash SHA256" -keylen 40 -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt hexinfo:$S16 SSKDF
same "SSKDF hash SHA3-512 secret" -keylen 100 -kdfopt digest:SHA3-512 -kdfopt hexsecret:$K48 -kdfopt info:fixed SSKDF
same "SSKDF HMAC-SHA256 salt" -keylen 50 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 \
    -kdfopt hexsalt:$S16 -kdfopt info:fixed SSKDF
same "SSKDF HMAC-SHA512 default salt" -keylen 64 -kdfopt mac:HMAC -kdfopt digest:SHA512 -kdfopt hexkey:$K32 \
    -kdfopt info:fixed SSKDF
same_only "SSKDF HMAC-SHA384 (FIPS140=only)" -keylen 32 -kdfopt mac:HMAC -kdfopt digest:SHA384 -kdfopt hexkey:$K48 \
    -kdfopt hexsalt:$K32 SSKDF
refused "SSKDF KMAC" 'not supported' on -keylen 32 -kdfopt mac:KMAC128 -kdfopt hexkey:$K32 SSKDF

# ---- X963KDF
same "X963KDF SHA256" -keylen 48 -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt hexinfo:$S16 X963KDF
same_only "X963KDF SHA512 (FIPS140=only)" -keylen 130 -kdfopt digest:SHA512 -kdfopt hexkey:$K48 X963KDF
same "X963KDF SHA1 (default mode)" -keylen 32 -kdfopt digest:SHA1 -kdfopt hexkey:$K32 -kdfopt info:x X963KDF
refused "X963KDF SHA1 (FIPS140=only)" 'SHA-1' only -keylen 32 -kdfopt digest:SHA1 -kdfopt hexkey:$K32 X963KDF

# ---- KBKDF (SP 800-108)
same "KBKDF counter HMAC-SHA256" -keylen 32 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 \
    -kdfopt salt:label -kdfopt info:context KBKDF
same_only "KBKDF counter HMAC-SHA512 (FIPS140=only)" -keylen 100 -kdfopt mode:counter -kdfopt mac:HMAC \
    -kdfopt digest:SHA512 -kdfopt hexkey:$K48 -kdfopt salt:label -kdfopt info:context KBKDF
same "KBKDF feedback HMAC-SHA384 iv" -keylen 80 -kdfopt mode:feedback -kdfopt mac:HMAC -kdfopt digest:SHA384 \
    -kdfopt hexkey:$K32 -kdfopt salt:label -kdfopt info:context -kdfopt hexseed:$K48 KBKDF
same "KBKDF feedback HMAC-SHA256 no iv" -keylen 40 -kdfopt mode:feedback -kdfopt mac:HMAC -kdfopt digest:SHA256 \
    -kdfopt hexkey:$K32 -kdfopt salt:label KBKDF
same "KBKDF counter CMAC-AES128" -keylen 32 -kdfopt mac:CMAC -kdfopt cipher:AES-128-CBC -kdfopt hexkey:$S16 \
    -kdfopt salt:label -kdfopt info:context KBKDF
same "KBKDF feedback CMAC-AES256 iv" -keylen 48 -kdfopt mode:feedback -kdfopt mac:CMAC -kdfopt cipher:AES-256-CBC \
    -kdfopt hexkey:$K32 -kdfopt info:context -kdfopt hexseed:$S16 KBKDF
same "KBKDF no L, no separator" -keylen 32 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 \
    -kdfopt salt:label -kdfopt info:context -kdfopt use-l:0 -kdfopt use-separator:0 KBKDF
# r (OpenSSL 3.1's counter length; 3.0's default provider has none): r=32 is 3.0's layout...
want=$(ref -keylen 32 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt salt:label \
       -kdfopt info:context KBKDF)
got=$(fips -keylen 32 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt salt:label \
      -kdfopt info:context -kdfopt r:32 KBKDF)
if [ -n "$got" ] && [ "$got" = "$want" ]; then good; else bad "KBKDF r=32: $got, default $want"; fi
# ... and r=8 against an independent HMAC computation (Python's hmac module): K(i) = HMAC(K, [i]_8 || label ||
# 0x00 || context || [L]_32)
if command -v python3 >/dev/null 2>&1; then
    want=$(python3 - "$K32" <<'PYEOF'
import hashlib, hmac, sys
key = bytes.fromhex(sys.argv[1])
fixed = b"label" + b"\x00" + b"context" + (40 * 8).to_bytes(4, "big")
out = b"".join(hmac.new(key, bytes([i]) + fixed, hashlib.sha256).digest() for i in (1, 2))[:40]
print(out.hex())
PYEOF
)
    known "KBKDF r=8" "$want" -keylen 40 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 \
        -kdfopt salt:label -kdfopt info:context -kdfopt r:8 KBKDF
else
    bad "KBKDF r=8: python3 not found for the reference value"
fi
refused "KBKDF CMAC key length" 'CMAC key of 32 bytes' on -keylen 32 -kdfopt mac:CMAC -kdfopt cipher:AES-128-CBC \
    -kdfopt hexkey:$K32 KBKDF
refused "KBKDF short key (FIPS140=only)" 'KBKDF key shorter than 112 bits' only -keylen 32 -kdfopt mac:HMAC \
    -kdfopt digest:SHA256 -kdfopt hexkey:00010203 KBKDF
refused "KBKDF r=12" 'r = 12' on -keylen 32 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:$K32 -kdfopt r:12 \
    KBKDF

# ---- SSHKDF (key = the mpint-encoded shared secret)
KMP=00000021008f$K32
same "SSHKDF SHA256 A" -keylen 16 -kdfopt digest:SHA256 -kdfopt hexkey:$KMP -kdfopt hexxcghash:$H32 \
    -kdfopt hexsession_id:$K32 -kdfopt type:A SSHKDF
same_only "SSHKDF SHA512 C (FIPS140=only)" -keylen 100 -kdfopt digest:SHA512 -kdfopt hexkey:$KMP \
    -kdfopt hexxcghash:$K48 -kdfopt hexsession_id:$K32 -kdfopt type:C SSHKDF
same "SSHKDF SHA1 F" -keylen 20 -kdfopt digest:SHA1 -kdfopt hexkey:$KMP -kdfopt hexxcghash:$S16 \
    -kdfopt hexsession_id:$S16 -kdfopt type:F SSHKDF
refused "SSHKDF type G" 'one letter A..F' on -keylen 16 -kdfopt digest:SHA256 -kdfopt hexkey:$KMP \
    -kdfopt hexxcghash:$H32 -kdfopt hexsession_id:$K32 -kdfopt type:G SSHKDF
refused "SSHKDF without type" 'type not set' on -keylen 16 -kdfopt digest:SHA256 -kdfopt hexkey:$KMP \
    -kdfopt hexxcghash:$H32 -kdfopt hexsession_id:$K32 SSHKDF

# ---- the context functions `openssl kdf` does not reach (dupctx, reset, size, settable tables, parameters over
# several calls), through libcrypto with ctypes
if command -v python3 >/dev/null 2>&1; then
    if OPENSSL_MODULES="$MOD" python3 "$(dirname "$0")/test_kdf_ctx.py" "$W/openssl.cnf"; then good; else
        bad "test_kdf_ctx.py"; fi
else
    bad "python3 not found for test_kdf_ctx.py"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
