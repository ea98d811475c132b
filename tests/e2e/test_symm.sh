#!/bin/sh
# tests/e2e/test_symm.sh - the fips140 provider's digests, MACs and random generator (provider/digests.c, macs.c,
# rands.c) through the system's OpenSSL 3.
#
# Usage: test_symm.sh BUILD_DIR [CC]
#
# Every output is computed twice: through an openssl.cnf that loads only fips140 (and base) with
# default_properties = fips=yes and -propquery provider=fips140, and by the default provider alone (empty config,
# -provider default -propquery provider=default); they must be equal. Also: the algorithm lists name fips140,
# `openssl rand` works with no other RNG loaded (default set-up and a [random] section), a [random] section asking
# for a CTR-DRBG the module does not run (AES-128) fails, and MD5 is unavailable (HASH-DRBG and HMAC-DRBG:
# tests/e2e/test_rand.sh). With CC
# (default: cc), tests/e2e/symm_api.c is built against libcrypto and run for the EVP-level checks. Exit 0 when
# every case passes, 1 otherwise.
set -u

CC=${2:-cc}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init symm "${1:-}"

# mkconf FILE [RANDOM_SECTION_LINES]: fips140 + base, fips=yes, optionally a [random] section.
mkconf() {
    {
        printf 'config_diagnostics = 1\nopenssl_conf = openssl_init\n\n[openssl_init]\n'
        printf 'providers = provider_sect\nalg_section = algorithm_sect\n'
        [ -n "${2:-}" ] && printf 'random = random_sect\n'
        printf '\n[provider_sect]\nfips140 = fips140_sect\nbase = base_sect\n\n'
        printf '[fips140_sect]\nactivate = 1\nmodule-mac = %s\n\n' "$E2E_MAC"
        printf '[base_sect]\nactivate = 1\n\n[algorithm_sect]\ndefault_properties = fips=yes\n'
        [ -n "${2:-}" ] && printf '\n[random_sect]\n%s\n' "$2"
    } > "$1"
}
mkconf "$CONF"

# fips SUBCMD ARGS... / ref SUBCMD ARGS...: run `openssl SUBCMD` through fips140 only, or through the default
# provider only (the provider options go first: openssl stops reading options at the first operand)
fips() { c=$1; shift; OPENSSL_CONF="$CONF" "$OPENSSL" "$c" -propquery provider=fips140 "$@"; }
ref() { c=$1; shift; OPENSSL_CONF=/dev/null "$OPENSSL" "$c" -provider default -propquery provider=default "$@"; }

# same WHAT CMD...: fips140 and the default provider give the same, non-empty output
same() {
    what=$1
    shift
    got=$(fips "$@" 2> "$W/err") || { fail "$what: fips140 failed: $(cat "$W/err")"; return; }
    want=$(ref "$@" 2> "$W/err") || { fail "$what: default provider failed: $(cat "$W/err")"; return; }
    if [ -n "$got" ] && [ "$got" = "$want" ]; then
        pass "$what"
    else
        fail "$what: fips140 '$got' vs default '$want'"
    fi
}

# ---- the configuration loads fips140 and nothing that could serve fips=yes in its place
e2e_check_fips_only

# ---- algorithm lists
OPENSSL_CONF="$CONF" "$OPENSSL" list -digest-algorithms -provider fips140 > "$W/digests" 2>&1
for n in SHA-1 SHA2-224 SHA2-256 SHA2-384 SHA2-512 SHA2-512/224 SHA2-512/256 SHA3-224 SHA3-256 SHA3-384 SHA3-512 \
         SHAKE-128 SHAKE-256; do
    if grep -F " $n" "$W/digests" | grep -q '@ fips140$'; then pass "list: $n @ fips140"; else fail "list: $n"; fi
done
OPENSSL_CONF="$CONF" "$OPENSSL" list -mac-algorithms > "$W/macs" 2>&1
for n in HMAC CMAC GMAC; do
    if grep -F "$n" "$W/macs" | grep -q '@ fips140$'; then pass "list: $n @ fips140"; else fail "list: MAC $n"; fi
done
OPENSSL_CONF="$CONF" "$OPENSSL" list -random-generators > "$W/rands" 2>&1
if grep -q '^  CTR-DRBG @ fips140$' "$W/rands" && [ "$(grep -c ' @ ' "$W/rands")" -eq 3 ] &&
    [ "$(grep -c ' @ fips140$' "$W/rands")" -eq 3 ]; then
    pass "list: the RNGs are fips140's (CTR-DRBG, HASH-DRBG, HMAC-DRBG)"
else
    fail "list: random generators: $(cat "$W/rands")"
fi

# ---- digests: a message of 100000 + 3 bytes (several blocks and a partial one) and the empty message
awk 'BEGIN { for (i = 0; i < 100003; i++) printf "%c", 32 + (i * 7919) % 95 }' > "$W/msg"
: > "$W/empty"
for md in sha1 sha224 sha256 sha384 sha512 sha512-224 sha512-256 sha3-224 sha3-256 sha3-384 sha3-512 shake128 \
          shake256; do
    same "dgst -$md" dgst -"$md" -r "$W/msg"
    same "dgst -$md (empty)" dgst -"$md" -r "$W/empty"
done
same "dgst -shake256 -xoflen 200" dgst -shake256 -xoflen 200 -r "$W/msg"
same "dgst -shake128 -xoflen 1" dgst -shake128 -xoflen 1 -r "$W/msg"
# without -propquery: what applications get from the configuration alone
got=$(OPENSSL_CONF="$CONF" "$OPENSSL" dgst -sha256 -r "$W/msg" 2>&1)
want=$(ref dgst -sha256 -r "$W/msg")
[ "$got" = "$want" ] && pass "dgst -sha256 (configuration default)" || fail "dgst -sha256 (configuration): $got"

# ---- MACs
K=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
for d in SHA1 SHA2-224 SHA256 SHA-384 SHA512 SHA512-256 SHA3-224 SHA3-256 SHA3-384 SHA3-512; do
    same "mac HMAC $d" mac -digest "$d" -macopt hexkey:$K -in "$W/msg" HMAC
done
same "mac HMAC SHA256, 100-byte key" mac -digest SHA256 -macopt hexkey:$K$K$K${K}0102030405060708 -in "$W/msg" HMAC
same "mac HMAC SHA256, string key" mac -digest SHA256 -macopt key:secret-key-of-some-length -in "$W/msg" HMAC
for c in AES-128:32 AES-192:48 AES-256:64; do
    n=${c%:*}
    k=$(printf %s "$K" | cut -c1-"${c#*:}")
    same "mac CMAC $n-CBC" mac -cipher "$n-CBC" -macopt hexkey:"$k" -in "$W/msg" CMAC
    same "mac CMAC $n-CBC (empty)" mac -cipher "$n-CBC" -macopt hexkey:"$k" -in "$W/empty" CMAC
    same "mac GMAC $n-GCM" mac -cipher "$n-GCM" -macopt hexkey:"$k" -macopt hexiv:cafebabefacedbaddecaf888 \
        -in "$W/msg" GMAC
    same "mac GMAC $n-GCM, 16-byte IV" mac -cipher "$n-GCM" -macopt hexkey:"$k" \
        -macopt hexiv:00112233445566778899aabbccddeeff -in "$W/msg" GMAC
done

# ---- random bytes: only fips140 offers an RNG in this configuration
r1=$(OPENSSL_CONF="$CONF" "$OPENSSL" rand -hex 32 2> "$W/err")
r2=$(OPENSSL_CONF="$CONF" "$OPENSSL" rand -hex 32 2>> "$W/err")
if printf %s "$r1" | grep -Eq '^[0-9a-f]{64}$' && printf %s "$r2" | grep -Eq '^[0-9a-f]{64}$' && [ "$r1" != "$r2" ]; then
    pass "rand -hex 32 (two runs differ)"
else
    fail "rand -hex 32: '$r1' '$r2' $(cat "$W/err")"
fi
n=$(OPENSSL_CONF="$CONF" "$OPENSSL" rand 300000 2> "$W/err" | wc -c)
[ "$n" -eq 300000 ] && pass "rand 300000 bytes" || fail "rand 300000: $n bytes $(cat "$W/err")"

mkconf "$W/random.cnf" 'random = CTR-DRBG
cipher = AES-256-CTR
properties = provider=fips140'
r=$(OPENSSL_CONF="$W/random.cnf" "$OPENSSL" rand -hex 32 2> "$W/err")
if printf %s "$r" | grep -Eq '^[0-9a-f]{64}$'; then pass "rand with [random] CTR-DRBG AES-256-CTR"
else fail "rand with [random]: $(cat "$W/err")"; fi

# refusal: fips140's CTR-DRBG is the module's RBG, CTR_DRBG over AES-256; nothing may stand in for another cipher
for v in 'random = CTR-DRBG
cipher = AES-128-CTR'; do
    mkconf "$W/bad-random.cnf" "$v"
    if OPENSSL_CONF="$W/bad-random.cnf" "$OPENSSL" rand -hex 16 > "$W/out" 2> "$W/err"; then
        fail "rand with [random] $(echo "$v" | tr '\n' ' ') succeeded: $(cat "$W/out")"
    else
        pass "rand with [random] $(echo "$v" | tr '\n' ' ') refused"
    fi
done
grep -q 'AES-128-CTR' "$W/err" && pass "refusal names AES-128-CTR" || fail "refusal reason: $(cat "$W/err")"

# ---- negative: no MD5 in the provider, and nothing else serves it
if OPENSSL_CONF="$CONF" "$OPENSSL" dgst -md5 "$W/msg" > "$W/out" 2> "$W/err"; then
    fail "dgst -md5 succeeded: $(cat "$W/out")"
else
    pass "dgst -md5 refused"
fi
if OPENSSL_CONF="$CONF" "$OPENSSL" mac -digest MD5 -macopt hexkey:$K -in "$W/msg" HMAC > "$W/out" 2> "$W/err"; then
    fail "HMAC-MD5 succeeded: $(cat "$W/out")"
else
    pass "HMAC-MD5 refused"
fi
if OPENSSL_CONF="$CONF" "$OPENSSL" mac -cipher AES-128-CBC -macopt hexkey:$K -in "$W/msg" CMAC > "$W/out" 2> "$W/err"
then
    fail "CMAC AES-128-CBC with a 32-byte key succeeded"
else
    pass "CMAC AES-128-CBC with a 32-byte key refused"
fi

# ---- EVP-level checks (dupctx, streaming, one-shot, XOF, MAC re-init, RAND life cycle, threads)
if "$CC" -std=c11 -Wall -Wextra -o "$W/symm_api" "$HERE/symm_api.c" -lcrypto -lpthread > "$W/build.log" 2>&1; then
    if OPENSSL_CONF="$CONF" "$W/symm_api" > "$W/api.log" 2>&1; then
        pass "symm_api: $(tail -n 1 "$W/api.log")"
    else
        fail "symm_api:"
        cat "$W/api.log"
    fi
else
    fail "cannot build symm_api.c with $CC"
    cat "$W/build.log"
fi

e2e_finish symm
