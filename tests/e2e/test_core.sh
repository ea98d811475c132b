#!/bin/sh
# tests/e2e/test_core.sh BUILD_DIR - the fips140 provider's loading and installation check (docs/PROVIDER.md)
# through the system's OpenSSL 3: `fips140 install` and `openssl fipsinstall` configs load; provider name,
# version, status; on-demand self-test and self-test events (tests/e2e/core_probe.c, built here with cc -lcrypto);
# an altered module, module-mac, install-mac or install-status, or a missing module-mac, keeps the provider out
# with its reason on stderr and leaves no digest to use (default_properties = fips=yes); the name `fips` works.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init core "${1:-}"
MODDIR=$MOD
SO=$MODDIR/fips140.so
CLI=$B/bin/fips140

for f in "$SO" "$CLI"; do
    [ -f "$f" ] || { echo "FAIL: $f missing (build the fips140 and fips140_provider targets)"; exit 1; }
done
command -v openssl >/dev/null || { echo "FAIL: no openssl command"; exit 1; }
VERSION=$("$CLI" --version | awk '{print $2}')

# mkconf NAME PROVIDER_NAME SECTION_FILE: W/NAME.cnf loading PROVIDER_NAME from [fips140_sect] in SECTION_FILE,
# plus base, with fips=yes as the default property query.
mkconf() { e2e_write_include_conf "$W/$1.cnf" "$3" "$2"; }

# run NAME CMD...: run with OPENSSL_CONF=$W/NAME.cnf, stdout to $W/NAME.out, stderr to $W/NAME.err, status in rc
run() {
    n=$1
    shift
    OPENSSL_CONF="$W/$n.cnf" "$@" > "$W/$n.out" 2> "$W/$n.err"
    rc=$?
}

# expect_loaded NAME PROVIDER_NAME: `openssl list -providers` shows PROVIDER_NAME active with its name/version
expect_loaded() {
    run "$1" openssl list -providers
    if [ "$rc" -eq 0 ] && grep -q "^  $2\$" "$W/$1.out" &&
        grep -q "name: fips140 provider" "$W/$1.out" && grep -q "version: $VERSION\$" "$W/$1.out" &&
        grep -q "status: active" "$W/$1.out" && [ ! -s "$W/$1.err" ]; then
        pass "$1: $2 loaded (name, version $VERSION, status active)"
    else
        fail "$1: $2 not loaded"
        cat "$W/$1.out" "$W/$1.err"
    fi
}

# expect_refused NAME PROVIDER_NAME 'REASON': the provider is not listed, REASON is on stderr, and `openssl dgst`
# finds no SHA2-256 (nothing else may serve fips=yes: no fallback to the default provider).
expect_refused() {
    run "$1" openssl list -providers
    if grep -q "^  $2\$" "$W/$1.out"; then
        fail "$1: $2 loaded although it must be refused"
    elif ! grep -q "fips140 provider: $3" "$W/$1.err"; then
        fail "$1: reason '$3' not on stderr"
        cat "$W/$1.err"
    else
        pass "$1: refused: $(grep "fips140 provider:" "$W/$1.err" | head -n 1)"
    fi
    echo data > "$W/data"
    if ! OPENSSL_CONF="$W/$1.cnf" openssl dgst -sha256 "$W/data" > "$W/$1.dgst" 2>&1 &&
        grep -q "unsupported" "$W/$1.dgst"; then
        pass "$1: openssl dgst -sha256 fails closed"
    else
        fail "$1: openssl dgst -sha256 did not fail"
        cat "$W/$1.dgst"
    fi
}

# ---- fips140 install
if "$CLI" install --module "$SO" --out "$W/install.sect" > "$W/install.log" 2>&1; then
    pass "fips140 install: $(cat "$W/install.log")"
else
    fail "fips140 install failed"
    cat "$W/install.log"
fi
mkconf good fips140 "$W/install.sect"
expect_loaded good fips140

# OpenSSL's own verifier accepts the MACs `fips140 install` wrote (independent HMAC implementation).
if openssl fipsinstall -module "$SO" -in "$W/install.sect" -provider_name fips140 -section_name fips140_sect \
    -verify > "$W/verify.log" 2>&1; then
    pass "openssl fipsinstall -verify accepts fips140 install's section"
else
    fail "openssl fipsinstall -verify rejects fips140 install's section"
    cat "$W/verify.log"
fi

# Provider parameters, on-demand self-test and self-test events through the core's self-test callback.
if cc -Wall -o "$W/core_probe" "$HERE/core_probe.c" -lcrypto > "$W/probe-build.log" 2>&1; then
    run good "$W/core_probe" fips140
    out=$W/good.out
    if [ "$rc" -eq 0 ] && grep -q "^status 1\$" "$out" && grep -q "^version $VERSION\$" "$out" &&
        grep -q "^self_test 1\$" "$out" && grep -q "^event Pass Module_Integrity HMAC\$" "$out" &&
        grep -q "^event Pass Install_Integrity HMAC\$" "$out" && grep -q "^event Pass KAT_Digest SHA2-256\$" "$out" &&
        ! grep -q "^self_test-events 0\$" "$out"; then
        pass "probe: status 1, OSSL_PROVIDER_self_test 1, $(grep -c '^event' "$out") self-test events"
    else
        fail "probe"
        cat "$out" "$W/good.err"
    fi
else
    fail "cannot build tests/e2e/core_probe.c"
    cat "$W/probe-build.log"
fi

# A digest through fips140 equals the default provider's (only once digests are registered).
run good openssl list -digest-algorithms
if grep -q "@ fips140" "$W/good.out"; then
    echo "abc" > "$W/data"
    want=$(openssl dgst -sha256 -provider default "$W/data" 2>&1)
    got=$(OPENSSL_CONF="$W/good.cnf" openssl dgst -sha256 "$W/data" 2>&1)
    if [ "$got" = "$want" ]; then pass "openssl dgst -sha256 through fips140 = default provider"
    else fail "dgst: '$got' != '$want'"; fi
else
    echo "note: fips140 registers no digest yet; dgst comparison left to test_symm"
fi

# ---- openssl fipsinstall (it loads the provider and runs its self-tests before writing)
if openssl fipsinstall -module "$SO" -out "$W/fipsinstall.sect" -provider_name fips140 \
    -section_name fips140_sect > "$W/fipsinstall.log" 2>&1; then
    pass "openssl fipsinstall: $(tail -n 1 "$W/fipsinstall.log")"
else
    fail "openssl fipsinstall failed"
    cat "$W/fipsinstall.log"
fi
mkconf fipsinstall fips140 "$W/fipsinstall.sect"
expect_loaded fipsinstall fips140
if [ "$(grep '^module-mac' "$W/fipsinstall.sect")" = "$(grep '^module-mac' "$W/install.sect")" ] &&
    [ "$(grep '^install-mac' "$W/fipsinstall.sect")" = "$(grep '^install-mac' "$W/install.sect")" ]; then
    pass "fips140 install and openssl fipsinstall write the same module-mac and install-mac"
else
    fail "fips140 install and openssl fipsinstall disagree"
fi
if grep -q "^SHA2-256 : (KAT_Digest) : Pass" "$W/fipsinstall.log" && grep -q "^HMAC : (Module_Integrity) : Pass" "$W/fipsinstall.log"; then
    pass "openssl fipsinstall received the provider's self-test events"
else
    fail "no self-test events in openssl fipsinstall's log"
fi
# fipsinstall -corrupt_desc / -corrupt_type: the provider fails the named test, fipsinstall writes nothing
for c in "-corrupt_desc SHA2-256" "-corrupt_desc HMAC -corrupt_type Module_Integrity"; do
    rm -f "$W/corrupt.sect"
    # shellcheck disable=SC2086
    if openssl fipsinstall -module "$SO" -out "$W/corrupt.sect" -provider_name fips140 \
        -section_name fips140_sect $c > "$W/corrupt.log" 2>&1; then
        fail "openssl fipsinstall $c passed"
    elif [ -e "$W/corrupt.sect" ] || ! grep -q "INSTALL FAILED" "$W/corrupt.log" ||
        ! grep -q "corrupted at the application's request" "$W/corrupt.log"; then
        fail "openssl fipsinstall $c: wrong failure"
        cat "$W/corrupt.log"
    else
        pass "openssl fipsinstall $c: INSTALL FAILED, nothing written ($(grep -m1 'Corrupt' "$W/corrupt.log"))"
    fi
done
# -self_test_onload: no install-status / install-mac (the self-tests run at every load)
openssl fipsinstall -module "$SO" -out "$W/onload.sect" -provider_name fips140 -section_name fips140_sect \
    -self_test_onload > "$W/onload.log" 2>&1 || fail "openssl fipsinstall -self_test_onload failed"
mkconf onload fips140 "$W/onload.sect"
expect_loaded onload fips140

# ---- refusals
# flip_first KEY IN OUT: IN with the first byte of KEY's MAC replaced by another value
flip_first() {
    first=$(sed -n "s/^$1 = \(..\).*/\1/p" "$2")
    new=00
    [ "$first" = 00 ] && new=11
    sed "s/^$1 = ../$1 = $new/" "$2" > "$3"
}
# altered module-mac (first byte changed)
flip_first module-mac "$W/install.sect" "$W/badmac.sect"
mkconf badmac fips140 "$W/badmac.sect"
expect_refused badmac fips140 "module integrity failure: module-mac: does not match"
# missing module-mac
grep -v '^module-mac' "$W/install.sect" > "$W/nomac.sect"
mkconf nomac fips140 "$W/nomac.sect"
expect_refused nomac fips140 "missing config data: module-mac"
# malformed module-mac
sed 's/^module-mac = .*/module-mac = 12:34/' "$W/install.sect" > "$W/shortmac.sect"
mkconf shortmac fips140 "$W/shortmac.sect"
expect_refused shortmac fips140 "invalid config data: module-mac"
# wrong install-mac
flip_first install-mac "$W/install.sect" "$W/badinst.sect"
mkconf badinst fips140 "$W/badinst.sect"
expect_refused badinst fips140 "install integrity failure: install-mac"
# wrong install-status
sed 's/^install-status = .*/install-status = INSTALL_SELF_TEST_KATS_SKIPPED/' "$W/install.sect" > "$W/badstatus.sect"
mkconf badstatus fips140 "$W/badstatus.sect"
expect_refused badstatus fips140 "install integrity failure: install-status"
# install-status without install-mac
grep -v '^install-mac' "$W/install.sect" > "$W/halfinst.sect"
mkconf halfinst fips140 "$W/halfinst.sect"
expect_refused halfinst fips140 "missing config data: install-mac"
# no config section values at all (activate only)
printf '[fips140_sect]\nactivate = 1\n' > "$W/empty.sect"
mkconf empty fips140 "$W/empty.sect"
expect_refused empty fips140 "missing config data: module-mac"
# altered module file: a copy with one byte appended, loaded through `module =`
mkdir -p "$W/altered"
cp "$SO" "$W/altered/fips140.so" && printf 'x' >> "$W/altered/fips140.so"
{ cat "$W/install.sect"; echo "module = $W/altered/fips140.so"; } > "$W/altered.sect"
mkconf altered fips140 "$W/altered.sect"
expect_refused altered fips140 "module integrity failure: module-mac: does not match"

# ---- configured under the name `fips` (module = path to fips140.so)
{ cat "$W/install.sect"; echo "module = $SO"; } > "$W/asfips.sect"
mkconf asfips fips "$W/asfips.sect"
expect_loaded asfips fips
if [ -x "$W/core_probe" ]; then
    run asfips "$W/core_probe" fips
    if [ "$rc" -eq 0 ] && grep -q "^status 1\$" "$W/asfips.out" && grep -q "^self_test 1\$" "$W/asfips.out"; then
        pass "asfips: provider named fips: status 1, self-test 1"
    else
        fail "asfips: probe"
        cat "$W/asfips.out" "$W/asfips.err"
    fi
fi

if grep -q "@ fips140" "$W/good.out" 2>/dev/null || OPENSSL_CONF="$W/good.cnf" openssl list -digest-algorithms 2>/dev/null | grep -q "@ fips140"; then
    echo "abc" > "$W/data"
    want=$(openssl dgst -sha256 -provider default "$W/data" 2>&1)
    got=$(OPENSSL_CONF="$W/asfips.cnf" openssl dgst -sha256 "$W/data" 2>&1)
    if [ "$got" = "$want" ]; then pass "asfips: openssl dgst -sha256 through the provider named fips = default provider"
    else fail "asfips: dgst: '$got' != '$want'"; fi
fi

# ---- provider/params.c against libcrypto's OSSL_PARAM functions
SRC=$(cd "$HERE/../.." && pwd)
if cc -std=c11 -Wall -Wextra -I"$SRC/provider" -I"$SRC/include" -o "$W/core_params" "$HERE/core_params.c" \
    "$SRC/provider/params.c" -lcrypto > "$W/params-build.log" 2>&1; then
    if "$W/core_params" > "$W/params.log" 2>&1; then
        pass "$(tail -n 1 "$W/params.log")"
    else
        fail "OSSL_PARAM helpers differ from libcrypto"
        cat "$W/params.log"
    fi
else
    fail "cannot build tests/e2e/core_params.c"
    cat "$W/params-build.log"
fi

# ---- usage errors of fips140 install
"$CLI" install --module "$SO" > /dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then pass "fips140 install without --out: exit 2"
else fail "fips140 install without --out: exit $rc, not 2"; fi
"$CLI" install --module "$W/nonexistent.so" --out "$W/x.sect" > /dev/null 2>&1
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$W/x.sect" ]; then pass "fips140 install of a missing module: exit 1, nothing written"
else fail "fips140 install of a missing module: exit $rc"; fi

e2e_finish core
