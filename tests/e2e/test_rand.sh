#!/bin/sh
# tests/e2e/test_rand.sh - the fips140 provider's random generators (provider/rands.c) through the system's
# OpenSSL 3: "CTR-DRBG" (the module's per-thread RBG) and "HASH-DRBG" / "HMAC-DRBG" (DRBG instances seeded by the
# module, SP 800-90Ar1), with only fips140 and base loaded.
#
# Usage: test_rand.sh BUILD_DIR      (CC, default cc, compiles tests/e2e/rand_api.c against libcrypto)
#
#   - `openssl list -random-generators` shows the three @ fips140;
#   - an openssl.cnf [random] section (OpenSSL 3.0 config(5) "Random Configuration": random, cipher, digest) that
#     chooses each of them: `openssl rand -hex 64` works, two runs differ, and the library context's public DRBG is
#     the one named, from fips140; a [random] section naming a digest the module does not run fails and says so;
#   - rand_api.c: the EVP_RAND life cycle of HASH-DRBG and HMAC-DRBG (parameters, instantiate, generate with
#     additional input and prediction resistance, reseed, max_request, uninstantiate and zeroization).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init rand "${1:-}"
CC=${CC:-cc}

# random_conf FILE LINES: lib.sh's fips140-only config plus a [random] section holding LINES.
random_conf() {
    e2e_write_conf "$1.tmp" "$E2E_MAC"
    awk '{ print } /^alg_section = algorithm_sect$/ { print "random = random_sect" }' "$1.tmp" > "$1"
    rm -f "$1.tmp"
    printf '\n[random_sect]\n%s\n' "$2" >> "$1"
    grep -q '^random = random_sect$' "$1" || fail "random_conf: no random line in $1"
}

# rand_api (tests/e2e/rand_api.c) against the system's libcrypto: used by (b) and (c)
if ${CC} -std=c11 -Wall -Wextra -Werror -o "$W/rand_api" "$HERE/rand_api.c" -lcrypto 2> "$W/cc.err"; then
    pass "build rand_api.c"
else
    fail "build rand_api.c: $(head -20 "$W/cc.err")"
fi

# ---- (a) the three generators, all from fips140
fips list -random-generators > "$W/rands" 2>&1
for a in CTR-DRBG HASH-DRBG HMAC-DRBG; do
    if grep -q "^  $a @ fips140\$" "$W/rands"; then
        pass "list: $a @ fips140"
    else
        fail "list: no $a: $(cat "$W/rands")"
    fi
done
n=$(grep -c ' @ ' "$W/rands")
[ "$n" -eq 3 ] && pass "list: three generators, nothing else" || fail "list: $n generators: $(cat "$W/rands")"

# ---- (b) [random] sections: each DRBG serves `openssl rand`, outputs differ between runs
# hex64 CONF: 64 random bytes as 128 hex digits, or nothing
hex64() { OPENSSL_CONF="$1" "$OPENSSL" rand -hex 64 2>> "$W/err" | grep -E '^[0-9a-f]{128}$'; }

i=0
while read -r name key value check; do
    i=$((i + 1))
    cnf=$W/random$i.cnf
    random_conf "$cnf" "random = $name
$key = $value"
    : > "$W/err"
    r1=$(hex64 "$cnf")
    r2=$(hex64 "$cnf")
    if [ -n "$r1" ] && [ -n "$r2" ] && [ "$r1" != "$r2" ]; then
        pass "rand -hex 64 with [random] $name $key = $value (two runs differ)"
    else
        fail "rand -hex 64 with [random] $name $key = $value: '$r1' '$r2' $(head -5 "$W/err")"
    fi
    if [ "$check" = "-" ]; then check=; fi
    ok "public DRBG is $name${check:+ over $check} from fips140" \
        env OPENSSL_CONF="$cnf" "$W/rand_api" primary "$name" $check
done << 'EOF'
HASH-DRBG digest SHA2-512 SHA2-512
HASH-DRBG digest SHA1 SHA1
HASH-DRBG digest SHA3-256 SHA3-256
HMAC-DRBG digest SHA2-256 SHA2-256
HMAC-DRBG digest SHA512-256 SHA2-512/256
CTR-DRBG cipher AES-256-CTR -
EOF

# ---- a [random] section naming a digest the module does not run fails with a clear message
for v in NOPE-999 SHAKE-256 MD5; do
    random_conf "$W/bad.cnf" "random = HASH-DRBG
digest = $v"
    if OPENSSL_CONF="$W/bad.cnf" "$OPENSSL" rand -hex 16 > "$W/out" 2> "$W/err"; then
        fail "[random] HASH-DRBG digest = $v accepted: $(cat "$W/out")"
    elif grep -q "HASH-DRBG digest \"$v\"" "$W/err"; then
        pass "[random] HASH-DRBG digest = $v refused, the error names it"
    else
        fail "[random] HASH-DRBG digest = $v refused without a clear message: $(head -5 "$W/err")"
    fi
done

# ---- (c) the EVP_RAND life cycle of HASH-DRBG and HMAC-DRBG
if OPENSSL_CONF="$CONF" "$W/rand_api" > "$W/api.out" 2>&1; then
    pass "rand_api: $(tail -1 "$W/api.out")"
else
    fail "rand_api: $(grep -v '^rand_api: 0' "$W/api.out" | head -40)"
fi

e2e_finish rand
