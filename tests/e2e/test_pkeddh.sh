#!/bin/sh
# tests/e2e/test_pkeddh.sh - the fips140 provider's ED25519 (keymgmt + signature) and DH (keymgmt over the named
# safe-prime groups + key exchange, ffdhe TLS groups) through the system's OpenSSL 3 (provider/pk_ed25519.c,
# provider/pk_dh.c).
#
# Usage: test_pkeddh.sh BUILD_DIR
#
# "fips" runs openssl with a config loading only fips140 (and base) with default_properties = fips=yes; "ref" runs
# it with the default provider only. Keys, signatures and shared secrets cross between the two and must agree.
# Exit 0 when every case passes, 1 otherwise.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init pkeddh "${1:-}"
cd "$W" || exit 1

# ---- the configuration loads fips140 and nothing that could serve fips=yes in its place
e2e_check_fips_only
fips list -key-managers > km 2>&1
grep -q 'ED25519.*@ fips140' km && grep -q 'DH.*@ fips140' km && pass "key managers list ED25519 and DH" ||
    fail "key managers: $(cat km)"
fips list -signature-algorithms > sa 2>&1
grep -q 'ED25519.*@ fips140' sa && pass "signature algorithms list ED25519" || fail "signatures: $(cat sa)"
fips list -key-exchange-algorithms > ka 2>&1
grep -q 'DH.*@ fips140' ka && pass "key exchange algorithms list DH" || fail "key exchange: $(cat ka)"

# ================================================================ ED25519
printf 'The quick brown fox jumps over the lazy dog\n' > msg
printf 'The quick brown fox jumps over the lazy cog\n' > msg2

if fips genpkey -algorithm ED25519 -out fk.pem 2> err && grep -q 'BEGIN PRIVATE KEY' fk.pem; then
    pass "ed25519: genpkey through fips140"
else
    fail "ed25519: genpkey: $(cat err)"
fi
# PEM round trip: fips140 re-encodes the key identically, and both providers derive the same public key
fips pkey -in fk.pem -out fk2.pem 2> err && cmp -s fk.pem fk2.pem && pass "ed25519: PEM round trip" ||
    fail "ed25519: PEM round trip: $(cat err)"
fips pkey -in fk.pem -pubout -out fpub.pem 2> err || fail "ed25519: fips140 pubout: $(cat err)"
ref pkey -in fk.pem -pubout -out fpub_ref.pem 2> err || fail "ed25519: default pubout: $(cat err)"
[ -s fpub.pem ] && cmp -s fpub.pem fpub_ref.pem && pass "ed25519: public key equals the default provider's" ||
    fail "ed25519: public keys differ"
ref genpkey -algorithm ED25519 -out rk.pem 2> err || fail "ed25519: default genpkey: $(cat err)"
ref pkey -in rk.pem -pubout -out rpub.pem 2> err || fail "ed25519: default pubout: $(cat err)"

# sign with fips140, verify with the default provider (and with fips140); Ed25519 is deterministic, so the
# default provider's signature with the same key is the same bytes
fips pkeyutl -sign -rawin -inkey fk.pem -in msg -out fsig 2> err || fail "ed25519: fips140 sign: $(cat err)"
[ "$(wc -c < fsig)" -eq 64 ] && pass "ed25519: fips140 signature is 64 bytes" || fail "ed25519: signature size"
ref pkeyutl -verify -rawin -pubin -inkey fpub.pem -in msg -sigfile fsig > out 2>&1 &&
    pass "ed25519: fips140 signature verified by the default provider" || fail "ed25519: default verify: $(cat out)"
ref pkeyutl -sign -rawin -inkey fk.pem -in msg -out fsig_ref 2> err || fail "ed25519: default sign: $(cat err)"
cmp -s fsig fsig_ref && pass "ed25519: same signature as the default provider" || fail "ed25519: signatures differ"
# sign with the default provider, verify with fips140
ref pkeyutl -sign -rawin -inkey rk.pem -in msg -out rsig 2> err || fail "ed25519: default sign: $(cat err)"
fips pkeyutl -verify -rawin -pubin -inkey rpub.pem -in msg -sigfile rsig > out 2>&1 &&
    pass "ed25519: default provider's signature verified by fips140" || fail "ed25519: fips140 verify: $(cat out)"
# negative: another message, a flipped signature bit, another key
if fips pkeyutl -verify -rawin -pubin -inkey rpub.pem -in msg2 -sigfile rsig > out 2>&1; then
    fail "ed25519: fips140 verified a signature of another message"
else
    pass "ed25519: fips140 rejects a signature of another message"
fi
od -An -tx1 -v rsig | tr -d ' \n' | sed 's/^\(..........\)0/\11/; t; s/^\(..........\)./\10/' > rsig.hex
xxd -r -p rsig.hex > rsig_bad 2> /dev/null || python3 -c "import sys;open('rsig_bad','wb').write(bytes.fromhex(open('rsig.hex').read()))"
if cmp -s rsig rsig_bad || [ "$(wc -c < rsig_bad)" -ne 64 ]; then
    fail "ed25519: could not build a corrupted signature"
elif fips pkeyutl -verify -rawin -pubin -inkey rpub.pem -in msg -sigfile rsig_bad > out 2>&1; then
    fail "ed25519: fips140 verified a corrupted signature"
else
    pass "ed25519: fips140 rejects a corrupted signature"
fi
if fips pkeyutl -verify -rawin -pubin -inkey fpub.pem -in msg -sigfile rsig > out 2>&1; then
    fail "ed25519: fips140 verified a signature under the wrong key"
else
    pass "ed25519: fips140 rejects a signature under the wrong key"
fi
# certificates: a self-signed Ed25519 certificate made by fips140, checked by the default provider, and back
if fips req -new -x509 -key fk.pem -subj /CN=fips140-ed25519 -days 2 -out fcert.pem 2> err &&
   ref verify -CAfile fcert.pem fcert.pem > out 2>&1; then
    pass "ed25519: certificate signed by fips140 verifies with the default provider"
else
    fail "ed25519: certificate: $(cat err out)"
fi
if ref req -new -x509 -key rk.pem -subj /CN=default-ed25519 -days 2 -out rcert.pem 2> err &&
   fips verify -CAfile rcert.pem rcert.pem > out 2>&1; then
    pass "ed25519: default provider's certificate verifies through fips140"
else
    fail "ed25519: certificate (fips140 verify): $(cat err out)"
fi

# ================================================================ DH
for g in ffdhe2048 ffdhe3072 modp_2048; do
    if ! fips genpkey -algorithm DH -pkeyopt group:$g -out fdh_$g.pem 2> err; then
        fail "dh $g: fips140 genpkey: $(cat err)"
        continue
    fi
    fips pkey -in fdh_$g.pem -pubout -out fdhpub_$g.pem 2> err || fail "dh $g: fips140 pubout: $(cat err)"
    ref pkey -in fdh_$g.pem -pubout -out fdhpub_ref_$g.pem 2> err || fail "dh $g: default pubout: $(cat err)"
    cmp -s fdhpub_$g.pem fdhpub_ref_$g.pem && pass "dh $g: public key equals the default provider's" ||
        fail "dh $g: public keys differ"
    ref genpkey -algorithm DH -pkeyopt group:$g -out rdh_$g.pem 2> err || fail "dh $g: default genpkey: $(cat err)"
    ref pkey -in rdh_$g.pem -pubout -out rdhpub_$g.pem 2> err || fail "dh $g: default pubout: $(cat err)"
    fips pkeyutl -derive -inkey fdh_$g.pem -peerkey rdhpub_$g.pem -out z_f 2> err || fail "dh $g: fips140 derive: $(cat err)"
    ref pkeyutl -derive -inkey rdh_$g.pem -peerkey fdhpub_$g.pem -out z_r 2> err || fail "dh $g: default derive: $(cat err)"
    [ -s z_f ] && cmp -s z_f z_r && pass "dh $g: fips140 and the default provider derive the same secret" ||
        fail "dh $g: secrets differ"
    # the default provider's private keys through fips140: its default exponent length for the group (225 bits for
    # ffdhe2048, 275 for ffdhe3072: longer than the module's N = 2s) and len(q) bits (priv_len); SP 800-56A Rev. 3
    # 5.6.2.1.2 accepts any x in [1, q-1]. Derived crossed both ways against the default provider.
    qbits=$(( $(ref pkey -in rdh_$g.pem -text -noout | sed -n 's/.*(\([0-9]*\) bit).*/\1/p' | head -1) - 1 ))
    ref genpkey -algorithm DH -pkeyopt group:$g -pkeyopt priv_len:$qbits -out rdhq_$g.pem 2> err ||
        fail "dh $g: default genpkey priv_len:$qbits: $(cat err)"
    ref pkey -in rdhq_$g.pem -pubout -out rdhqpub_$g.pem 2> err || fail "dh $g: default pubout: $(cat err)"
    for k in rdh rdhq; do
        fips pkeyutl -derive -inkey ${k}_$g.pem -peerkey fdhpub_$g.pem -out z_x 2> err &&
            ref pkeyutl -derive -inkey fdh_$g.pem -peerkey ${k}pub_$g.pem -out z_y 2> err2 &&
            ref pkeyutl -derive -inkey ${k}_$g.pem -peerkey fdhpub_$g.pem -out z_z 2>> err2 &&
            cmp -s z_x z_y && cmp -s z_x z_z &&
            pass "dh $g: default provider's private key ($k) imported by fips140, same secret both ways" ||
            fail "dh $g: default provider's private key ($k) through fips140: $(cat err err2)"
        # (the PEM files differ: OpenSSL writes its priv_len into the parameters; compare the public values)
        fips pkey -in ${k}_$g.pem -pubout -out fpub_x 2> err &&
            ref pkey -pubin -in fpub_x -text -noout | sed -n '/^public-key:/,/^[^ ]/s/^ .*/&/p' > y_f &&
            ref pkey -pubin -in ${k}pub_$g.pem -text -noout | sed -n '/^public-key:/,/^[^ ]/s/^ .*/&/p' > y_r &&
            [ -s y_f ] && cmp -s y_f y_r &&
            pass "dh $g: fips140 recomputes the default provider's public key ($k)" ||
            fail "dh $g: fips140 public key of ($k): $(cat err)"
    done
done
# padded secret (TLS 1.3 keeps the leading zeros): same as the default provider's with dh_pad:1
fips pkeyutl -derive -inkey fdh_ffdhe2048.pem -peerkey rdhpub_ffdhe2048.pem -pkeyopt dh_pad:1 -out zp_f 2> err ||
    fail "dh: fips140 padded derive: $(cat err)"
ref pkeyutl -derive -inkey rdh_ffdhe2048.pem -peerkey fdhpub_ffdhe2048.pem -pkeyopt dh_pad:1 -out zp_r 2> err ||
    fail "dh: default padded derive: $(cat err)"
[ "$(wc -c < zp_f)" -eq 256 ] && cmp -s zp_f zp_r && pass "dh: padded secret is 256 bytes, as the default provider's" ||
    fail "dh: padded secrets differ"
# refusals: no group, an unsupported group, a peer key of another group
if fips genpkey -algorithm DH -out x.pem > out 2>&1; then fail "dh: keygen without a group succeeded"; else
    pass "dh: keygen without a group refused"; fi
if fips genpkey -algorithm DH -pkeyopt group:modp_1536 -out x.pem > out 2>&1; then
    fail "dh: keygen for modp_1536 succeeded"
else
    pass "dh: modp_1536 refused"
fi
if fips pkeyutl -derive -inkey fdh_ffdhe2048.pem -peerkey fdhpub_ffdhe3072.pem -out x > out 2>&1; then
    fail "dh: derive with a peer of another group succeeded"
else
    pass "dh: peer of another group refused"
fi

# ---- TLS 1.3 with the ffdhe2048 group and the Ed25519 certificate, fips140 on both ends
if e2e_tls_server dh "$CONF" fcert.pem fk.pem -tls1_3 -groups ffdhe2048 &&
    e2e_tls_client dh "$CONF" fcert.pem -tls1_3 -groups ffdhe2048 &&
    grep -q 'Server Temp Key: DH, 2048 bits' "$W/dh.cli" && grep -q 'New, TLSv1.3' "$W/dh.cli" &&
    grep -q 'Peer signature type: ed25519' "$W/dh.cli"; then
    pass "tls: TLS 1.3 handshake with ffdhe2048 and Ed25519 through fips140"
else
    fail "tls: $(head -10 "$W/dh.cli") $(head -5 "$W/dh.clierr") $(head -5 "$W/dh.srverr")"
fi

e2e_finish pkeddh
