#!/bin/sh
# scripts/demo.sh BUILD_DIR - the main job (DESIGN §3.8), run by `make demo` after the build:
#   1. `fips140 selftest`: the module's integrity check and every self-test, run directly;
#   2. install: copy the provider into BUILD_DIR/stage/ossl-modules, write its config section with
#      `fips140 install` and an openssl.cnf that loads fips140 + base only (default_properties = fips=yes,
#      config_diagnostics = 1): the default provider is unavailable;
#   3. real OpenSSL programs through the provider: a digest, an ECDSA P-256 key, a certificate and a signature, and a
#      TLS 1.3 handshake (s_server + s_client, both on fips140 alone); MD5 is refused;
#   4. the proof by contrapositive: an altered module-mac in the config, then an altered module file; each time
#      the same `openssl dgst` refuses to run and says why; after each restore it runs again, and the TLS 1.3
#      handshake works once more at the end.
# Every step checks its outcome; the script exits 1 if any step does not behave as shown.
set -u
B=$(cd "${1:-build}" && pwd) || exit 1
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../tests/e2e/lib.sh"
CLI=$B/bin/fips140
OPENSSL=${OPENSSL:-openssl}
STAGE=$B/stage
W=$STAGE # where lib.sh's helpers put their files
trap e2e_bg_stop EXIT
SO=$STAGE/ossl-modules/fips140.so
unset FIPS140 OPENSSL_CONF OPENSSL_CONF_INCLUDE || true

step() { printf '\n==> %s\n' "$*"; }
# show CMD...: print the command as a user would type it, then run it with its output indented
show() {
    printf '$ %s\n' "$*"
    "$@" > "$STAGE/out" 2>&1
    rc=$?
    sed 's/^/    /' "$STAGE/out"
    return $rc
}
die() { echo "demo: FAILED: $*" >&2; exit 1; }

[ -x "$CLI" ] && [ -f "$B/lib/ossl-modules/fips140.so" ] || die "build first (make)"
rm -rf "$STAGE" && mkdir -p "$STAGE/ossl-modules" || die "cannot create $STAGE"

step "1. The module's own self-test: integrity check, every CAST, entropy start-up test"
show "$CLI" selftest || die "fips140 selftest"

step "2. Install the provider into $STAGE"
cp "$B/lib/ossl-modules/fips140.so" "$SO" || die "cannot copy the provider"
show "$CLI" install --module "$SO" --out "$STAGE/fips140.cnf" || die "fips140 install"
sed 's/^/    /' "$STAGE/fips140.cnf"
# Only the fips140 provider (and base, for encoders) is loaded; fips=yes is required of every algorithm, so nothing
# can fall back to OpenSSL's default provider; config_diagnostics = 1 (see docs/PROVIDER.md).
e2e_write_include_conf "$STAGE/openssl.cnf" "$STAGE/fips140.cnf"
show cat "$STAGE/openssl.cnf"
export OPENSSL_CONF="$STAGE/openssl.cnf" OPENSSL_MODULES="$STAGE/ossl-modules"

step "3. Real OpenSSL programs through fips140, the default provider unavailable"
show "$OPENSSL" list -providers -verbose || die "openssl list -providers"
grep -q '^  fips140$' "$STAGE/out" && ! grep -q '^  default$' "$STAGE/out" || die "fips140 not loaded alone"
printf 'The quick brown fox jumps over the lazy dog' > "$STAGE/msg.txt"
show "$OPENSSL" dgst -sha256 "$STAGE/msg.txt" || die "openssl dgst -sha256"
want=$(OPENSSL_CONF=/dev/null "$OPENSSL" dgst -sha256 -r "$STAGE/msg.txt" | cut -d' ' -f1)
got=$("$OPENSSL" dgst -sha256 -r "$STAGE/msg.txt" | cut -d' ' -f1)
[ -n "$got" ] && [ "$got" = "$want" ] || die "SHA-256 through fips140 differs from the default provider's"
echo "    (equal to the default provider's SHA-256, computed separately)"
if show "$OPENSSL" dgst -md5 "$STAGE/msg.txt"; then die "MD5 was served"; fi
echo "    (MD5 refused: not an approved algorithm, and no other provider may serve it)"
show "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$STAGE/server.key" || die "genpkey"
show "$OPENSSL" req -x509 -new -key "$STAGE/server.key" -subj /CN=localhost -days 1 -out "$STAGE/server.crt" ||
    die "req -x509"
show "$OPENSSL" dgst -sha256 -sign "$STAGE/server.key" -out "$STAGE/msg.sig" "$STAGE/msg.txt" || die "dgst -sign"
show "$OPENSSL" x509 -in "$STAGE/server.crt" -pubkey -noout -out "$STAGE/server.pub" || die "x509 -pubkey"
show "$OPENSSL" dgst -sha256 -verify "$STAGE/server.pub" -signature "$STAGE/msg.sig" "$STAGE/msg.txt" ||
    die "dgst -verify"

# tls13: one s_server/s_client TLS 1.3 exchange on loopback (tests/e2e/lib.sh), group P-256, the ECDSA certificate
# above; prints the negotiated parameters; 0 if the line came back reversed over the encrypted channel.
tls13() {
    printf '$ openssl s_server -tls1_3 -groups P-256 -rev ... & openssl s_client -tls1_3 -groups P-256 ...\n'
    e2e_tls_server tls13 "$OPENSSL_CONF" "$STAGE/server.crt" "$STAGE/server.key" -tls1_3 -groups P-256 &&
        e2e_tls_client tls13 "$OPENSSL_CONF" "$STAGE/server.crt" -tls1_3 -groups P-256 || return 1
    grep -E '^(New, TLSv1.3|Server Temp Key|Peer signature type|Verify return code)' "$STAGE/tls13.cli" |
        sed 's/^/    /'
    grep -q 'New, TLSv1.3' "$STAGE/tls13.cli" && grep -q 'Verify return code: 0' "$STAGE/tls13.cli" &&
        echo "    a line sent by the client came back reversed over the encrypted channel"
}
tls13 || { cat "$STAGE/tls13.clierr" "$STAGE/tls13.srverr"; die "TLS 1.3 handshake through fips140"; }

step "4. Proof by contrapositive: alter the installation, the same program refuses to run"
cp "$STAGE/fips140.cnf" "$STAGE/fips140.cnf.good"
first=$(sed -n 's/^module-mac = \(..\).*/\1/p' "$STAGE/fips140.cnf")
new=00 && [ "$first" = 00 ] && new=11
sed "s/^module-mac = ../module-mac = $new/" "$STAGE/fips140.cnf.good" > "$STAGE/fips140.cnf"
echo "altered the first byte of module-mac in $STAGE/fips140.cnf ($first -> $new)"
if show "$OPENSSL" dgst -sha256 "$STAGE/msg.txt"; then die "dgst ran with an altered module-mac"; fi
grep -q 'fips140 provider: module integrity failure' "$STAGE/out" || die "no reason given for the refusal"
cp "$STAGE/fips140.cnf.good" "$STAGE/fips140.cnf"
echo "restored $STAGE/fips140.cnf"
show "$OPENSSL" dgst -sha256 "$STAGE/msg.txt" || die "dgst after restoring the config"

cp "$SO" "$SO.good"
# Flip one byte in the middle of the file (inside the module's code or data).
python3 - "$SO" <<'EOF' || die "cannot alter the module"
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
i = len(b) // 2
b[i] ^= 0x01
open(p, 'wb').write(bytes(b))
print("altered one bit of %s at offset %d" % (p, i))
EOF
if show "$OPENSSL" dgst -sha256 "$STAGE/msg.txt"; then die "dgst ran with an altered module"; fi
# Which check stops it depends on where the bit is: the module's own power-on integrity check (inside the boundary,
# fatal: DESIGN §3.4) runs when the file is loaded, before the provider compares the file with module-mac.
grep -q -e 'fips140: integrity check failed' -e 'fips140 provider: module integrity failure' "$STAGE/out" ||
    die "no reason given for the refusal"
echo "    (the module's integrity check failed, so the process stopped: no digest was computed)"
cp "$SO.good" "$SO"
echo "restored $SO"
show "$OPENSSL" dgst -sha256 "$STAGE/msg.txt" || die "dgst after restoring the module"
tls13 || { cat "$STAGE/tls13.clierr" "$STAGE/tls13.srverr"; die "TLS 1.3 handshake after restoring"; }

step "Done: the module self-tests, serves OpenSSL programs alone, and refuses to run when altered."
