#!/bin/sh
# tests/e2e/test_pkec.sh - the fips140 provider's EC keys, ECDSA and ECDH (provider/pk_ec.c) through the system's
# OpenSSL 3.
#
# Usage: test_pkec.sh BUILD_DIR
#
# "fips" runs openssl with a config loading only fips140 (and base) with default_properties = fips=yes, so every
# key operation must go through fips140; "ref" runs it with the default provider alone. Per curve (P-224..P-521):
# genpkey, PEM private/public round trip (the base provider's encoders/decoders, through export/import), key
# checks, `dgst -sign/-verify` and `pkeyutl -sign/-verify` crossed both ways with the default provider, tampered
# signatures rejected, `pkeyutl -derive` equal to the default provider's; then `req -x509` with a fips140 key and
# a TLS 1.3 handshake (group P-256, ECDSA certificate) with fips140 alone on both sides. Exit 0 when every case
# passes, 1 otherwise.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init pkec "${1:-}"

# ---- the configuration loads fips140 and nothing that could serve fips=yes in its place
e2e_check_fips_only
for what in "-key-managers:EC" "-signature-algorithms:ECDSA" "-key-exchange-algorithms:ECDH"; do
    opt=${what%%:*} name=${what#*:}
    if fips list "$opt" 2>&1 | grep -q "$name.*@ fips140"; then pass "list $opt: $name"; else fail "list $opt: no $name"; fi
done

head -c 1000 /dev/urandom > "$W/msg"
for curve in P-224 P-256 P-384 P-521; do
    k=$W/$curve
    case $curve in P-224) md=sha224 ;; P-256) md=sha256 ;; P-384) md=sha384 ;; *) md=sha512 ;; esac
    ok "$curve genpkey" fips genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$curve -out "$k.key"
    ok "$curve pkey -pubout" fips pkey -in "$k.key" -pubout -out "$k.pub"
    # the default provider reads what fips140 wrote and derives the same public key
    ref pkey -in "$k.key" -pubout -out "$k.pub.ref" 2> "$W/err"
    if [ -s "$k.pub" ] && cmp -s "$k.pub" "$k.pub.ref"; then pass "$curve public key = default's"
    else fail "$curve public key differs from the default provider's: $(cat "$W/err")"; fi
    # PEM private key round trip through fips140 (decode -> import -> export -> encode) is byte-identical
    ok "$curve pkey round trip" fips pkey -in "$k.key" -out "$k.key2"
    if cmp -s "$k.key" "$k.key2"; then pass "$curve private key round trip"; else fail "$curve private key round trip"; fi
    fips pkey -in "$k.key" -text -noout > "$W/text" 2>&1
    if grep -q "($(echo $curve | tr -d P-) bit)" "$W/text"; then pass "$curve bits"; else fail "$curve bits: $(head -2 "$W/text")"; fi
    ok "$curve pkey -check" fips pkey -in "$k.key" -check -noout
    ok "$curve pkey -pubcheck" fips pkey -pubin -in "$k.pub" -pubcheck -noout

    # reference key made by the default provider
    ref genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$curve -out "$k.rkey" 2>/dev/null
    ref pkey -in "$k.rkey" -pubout -out "$k.rpub" 2>/dev/null

    # ECDSA: fips140 signs, both verify; default signs, fips140 verifies; tampered message rejected
    ok "$curve dgst -$md -sign" fips dgst -$md -sign "$k.key" -out "$k.sig" "$W/msg"
    ok "$curve fips140 verifies fips140 signature" fips dgst -$md -verify "$k.pub" -signature "$k.sig" "$W/msg"
    ok "$curve default verifies fips140 signature" ref dgst -$md -verify "$k.pub" -signature "$k.sig" "$W/msg"
    ok "$curve default signs" ref dgst -$md -sign "$k.rkey" -out "$k.rsig" "$W/msg"
    ok "$curve fips140 verifies default signature" fips dgst -$md -verify "$k.rpub" -signature "$k.rsig" "$W/msg"
    printf 'x' >> "$W/msg"
    no "$curve fips140 rejects tampered message" fips dgst -$md -verify "$k.pub" -signature "$k.sig" "$W/msg"
    no "$curve fips140 rejects default sig, tampered" fips dgst -$md -verify "$k.rpub" -signature "$k.rsig" "$W/msg"
    no "$curve fips140 rejects signature under other key" fips dgst -$md -verify "$k.rpub" -signature "$k.sig" "$W/msg"
    # pkeyutl over a precomputed digest
    ref dgst -$md -binary -out "$k.dgst" "$W/msg"
    ok "$curve pkeyutl -sign" fips pkeyutl -sign -inkey "$k.key" -in "$k.dgst" -out "$k.psig"
    ok "$curve default pkeyutl -verify of fips140 sig" ref pkeyutl -verify -pubin -inkey "$k.pub" -in "$k.dgst" -sigfile "$k.psig"
    ref pkeyutl -sign -inkey "$k.rkey" -in "$k.dgst" -out "$k.rpsig" 2>/dev/null
    ok "$curve fips140 pkeyutl -verify of default sig" fips pkeyutl -verify -pubin -inkey "$k.rpub" -in "$k.dgst" -sigfile "$k.rpsig"
    # a corrupted DER signature (last byte flipped) is rejected
    python3 -c 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); d[-1]^=1; open(sys.argv[2],"wb").write(d)' "$k.psig" "$k.bad"
    no "$curve fips140 rejects corrupted signature" fips pkeyutl -verify -pubin -inkey "$k.pub" -in "$k.dgst" -sigfile "$k.bad"

    # ECDH: both directions through fips140 equal the default provider's secret
    fips pkeyutl -derive -inkey "$k.key" -peerkey "$k.rpub" -out "$k.z1" 2> "$W/err" || fail "$curve derive: $(cat "$W/err")"
    fips pkeyutl -derive -inkey "$k.rkey" -peerkey "$k.pub" -out "$k.z2" 2> "$W/err" || fail "$curve derive 2: $(cat "$W/err")"
    ref pkeyutl -derive -inkey "$k.key" -peerkey "$k.rpub" -out "$k.zr" 2>/dev/null
    if [ -s "$k.z1" ] && cmp -s "$k.z1" "$k.zr" && cmp -s "$k.z2" "$k.zr"; then pass "$curve ECDH = default's"
    else fail "$curve ECDH differs from the default provider's"; fi
done
# a peer key on another curve is refused
no "ECDH across curves refused" fips pkeyutl -derive -inkey "$W/P-256.key" -peerkey "$W/P-384.rpub"
no "unknown curve refused" fips genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1

# ---- X.509: self-signed certificate with a fips140 key, verified by both providers
K=$W/P-256.key
ok "req -x509" fips req -x509 -new -key "$K" -subj /CN=fips140-pkec -days 1 -out "$W/cert.pem"
ok "fips140 verifies the certificate" fips verify -CAfile "$W/cert.pem" "$W/cert.pem"
ok "default verifies the certificate" ref verify -CAfile "$W/cert.pem" "$W/cert.pem"

# ---- TLS 1.3, group P-256, ECDSA certificate, fips140 alone on both sides
if e2e_tls_server tls13 "$CONF" "$W/cert.pem" "$K" -tls1_3 -groups P-256 &&
    e2e_tls_client tls13 "$CONF" "$W/cert.pem" -tls1_3 -groups P-256 &&
    grep -q "Verify return code: 0" "$W/tls13.cli" && grep -q "Server Temp Key: ECDH, prime256v1" "$W/tls13.cli" &&
    grep -q "Peer signature type: ECDSA" "$W/tls13.cli"; then
    pass "TLS 1.3 P-256 + ECDSA through fips140 alone"
else
    fail "TLS 1.3: $(grep -v '^depth\|^verify' "$W/tls13.clierr" | head -5) $(head -5 "$W/tls13.srverr")"
fi

e2e_finish pkec
