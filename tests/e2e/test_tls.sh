#!/bin/sh
# tests/e2e/test_tls.sh - TLS 1.3 and TLS 1.2 through the fips140 provider alone, with the system's openssl
# s_server and s_client (both under lib.sh's CONF: fips140 + base, default_properties = fips=yes).
#
# Usage: test_tls.sh BUILD_DIR
#
# - the config has no default provider (list -providers, MD5 unsupported); an altered module-mac and a missing
#   .include'd section file (the config as `fips140 install` leaves it) make `openssl dgst` fail with the reason
#   on stderr; restored, dgst works again and equals the default provider's digest;
# - server keys and certificates made through fips140: EC P-256, EC P-384 (req -x509 -sha384), RSA-3072 (genpkey,
#   pkeyutl sign/verify crossed with the default provider); the client verifies them (-CAfile,
#   -verify_return_error);
# - handshakes (s_server -rev: the client sends a line and must get it back reversed), checked from s_client's
#   output: protocol, cipher, Server Temp Key (prime256v1 / secp384r1), peer signature type:
#     TLS 1.3, groups P-256 / P-384, TLS_AES_128_GCM_SHA256 / TLS_AES_256_GCM_SHA384, ECDSA P-256 / P-384 and
#     RSA-3072 certificates (RFC 8446 4.2.3: a P-384 key signs with ecdsa_secp384r1_sha384);
#     TLS 1.2, groups P-256 / P-384, ECDHE-ECDSA-AES{128,256}-GCM-SHA{256,384} (both EC certificates) and
#     ECDHE-RSA-AES{128,256}-GCM-SHA{256,384} (RSA certificate);
# - X25519, which fips140 does not offer: a fips140 client cannot offer it, and a default-provider client that
#   offers only X25519 fails the handshake with a fips140 server (which does accept that client over P-256);
# - FIPS140=only on server and client: TLS 1.3 and TLS 1.2 AES-GCM work (records sealed under IVs the module
#   constructs, FIPS 140-3 IG C.H);
# - an s_server under the altered module-mac does not serve.
# Servers run in the background under `timeout`, on free ports, and are stopped on exit (trap). Exit 0 when
# every case passes, 1 otherwise.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init tls "${1:-}"

# ---- the configuration: fips140 alone
e2e_check_fips_only
e2e_check_bad_mac

# ---- the config as `fips140 install` leaves it: [fips140_sect] in its own file, pulled in by .include
CLI=$B/bin/fips140
head -c 3000 /dev/urandom > "$W/data"
ref dgst -sha256 "$W/data" > "$W/data.ref" 2> /dev/null
if "$CLI" install --module "$MOD/fips140.so" --out "$W/fips140.sect" > "$W/install.log" 2>&1; then
    e2e_write_include_conf "$W/include.cnf" "$W/fips140.sect"
    # same_digest WHAT: openssl dgst -sha256 through include.cnf equals the default provider's
    same_digest() {
        if OPENSSL_CONF="$W/include.cnf" "$OPENSSL" dgst -sha256 "$W/data" > "$W/out" 2> "$W/err" &&
            [ -s "$W/data.ref" ] && cmp -s "$W/out" "$W/data.ref"; then
            pass "$1: dgst -sha256 = default provider's"
        else
            fail "$1: dgst -sha256: $(cat "$W/out") $(head -3 "$W/err")"
        fi
    }
    same_digest "include config"
    mv "$W/fips140.sect" "$W/fips140.sect.away"
    if OPENSSL_CONF="$W/include.cnf" "$OPENSSL" dgst -sha256 "$W/data" > "$W/out" 2> "$W/err"; then
        fail "missing included section file: dgst worked"
    elif grep -q "No such file or directory" "$W/err" && grep -q "$W/fips140.sect" "$W/err" &&
        grep -q "section=fips140_sect not found" "$W/err"; then
        pass "missing included section file: dgst fails: $(grep -m1 'No such file' "$W/err" | cut -d: -f5-)"
    else
        fail "missing included section file: no clear message: $(head -3 "$W/err")"
    fi
    mv "$W/fips140.sect.away" "$W/fips140.sect"
    same_digest "included section file restored"
else
    fail "fips140 install: $(cat "$W/install.log")"
fi

# ---- server keys and certificates, made through fips140
ok "genpkey EC P-256" fips genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/ec256.key"
ok "genpkey EC P-384" fips genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$W/ec384.key"
ok "genpkey RSA-3072" fips genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$W/rsa.key"
if fips pkey -in "$W/rsa.key" -text -noout 2> /dev/null | grep -q "(3072 bit"; then pass "RSA key has 3072 bits"
else fail "RSA key is not 3072 bits"; fi
ok "req -x509 P-256" fips req -x509 -new -sha256 -key "$W/ec256.key" -subj /CN=localhost -days 2 -out "$W/ec256.crt"
ok "req -x509 P-384" fips req -x509 -new -sha384 -key "$W/ec384.key" -subj /CN=localhost -days 2 -out "$W/ec384.crt"
ok "req -x509 RSA-3072" fips req -x509 -new -sha256 -key "$W/rsa.key" -subj /CN=localhost -days 2 -out "$W/rsa.crt"
for c in ec256 ec384 rsa; do
    ok "$c certificate verifies (fips140)" fips verify -CAfile "$W/$c.crt" "$W/$c.crt"
    ok "$c certificate verifies (default provider)" ref verify -CAfile "$W/$c.crt" "$W/$c.crt"
done
if fips x509 -in "$W/ec384.crt" -noout -text 2> /dev/null | grep -q "ecdsa-with-SHA384"; then
    pass "P-384 certificate signed with ecdsa-with-SHA384"
else
    fail "P-384 certificate not signed with ecdsa-with-SHA384"
fi

# RSA-3072 PKCS#1 v1.5 signature over a SHA-256 digest: fips140 signs, both providers verify; a changed digest is
# rejected
ref pkey -in "$W/rsa.key" -pubout -out "$W/rsa.pub" 2> /dev/null
ref dgst -sha256 -binary -out "$W/data.sha256" "$W/data" 2> /dev/null
ok "RSA-3072 pkeyutl -sign" fips pkeyutl -sign -inkey "$W/rsa.key" -pkeyopt digest:sha256 -in "$W/data.sha256" \
    -out "$W/rsa.sig"
ok "RSA-3072 pkeyutl -verify (fips140)" fips pkeyutl -verify -pubin -inkey "$W/rsa.pub" -pkeyopt digest:sha256 \
    -in "$W/data.sha256" -sigfile "$W/rsa.sig"
ok "RSA-3072 pkeyutl -verify (default provider)" ref pkeyutl -verify -pubin -inkey "$W/rsa.pub" \
    -pkeyopt digest:sha256 -in "$W/data.sha256" -sigfile "$W/rsa.sig"
printf 'x' | cat "$W/data" - | ref dgst -sha256 -binary -out "$W/data2.sha256" 2> /dev/null
no "RSA-3072 pkeyutl -verify rejects another digest" fips pkeyutl -verify -pubin -inkey "$W/rsa.pub" \
    -pkeyopt digest:sha256 -in "$W/data2.sha256" -sigfile "$W/rsa.sig"

# ---- handshakes
# start_server NAME CERT SERVER_CONF S_SERVER_OPTS... / run_client NAME CERT CLIENT_CONF S_CLIENT_OPTS...: lib.sh's
# s_server -rev / s_client exchange with W/CERT.{crt,key}; got_line = 1 when the reversed line came back
start_server() { _c=$2 _sc=$3; _sn=$1; shift 3; e2e_tls_server "$_sn" "$_sc" "$W/$_c.crt" "$W/$_c.key" "$@"; }
run_client() {
    _c=$2 _cc=$3 _cn=$1
    shift 3
    got_line=0
    e2e_tls_client "$_cn" "$_cc" "$W/$_c.crt" "$@" && got_line=1
}

# expect_in NAME TEXT...: every TEXT (a grep pattern) is in W/NAME.cli; else names the first one missing
missing=""
expect_in() {
    n=$1
    shift
    missing=""
    for t in "$@"; do
        grep -q "$t" "$W/$n.cli" || { missing=$t; return 1; }
    done
    return 0
}

# handshake NAME CERT PROTO CIPHER GROUPS SIGTYPE [DIGEST]: a fips140 server with CERT (its default groups and
# ciphers for PROTO), a fips140 client offering only CIPHER and GROUPS (a colon-separated list, the client's
# preference first, which the server follows); checks the exchange and what s_client says, with the first of
# GROUPS as the ECDHE group
handshake() {
    n=$1 c=$2 proto=$3 cipher=$4 groups=$5 sigtype=$6 digest=${7:-}
    group=${groups%%:*}
    case $proto in
        TLSv1.3) popt=-tls1_3 copt=-ciphersuites ;;
        *) popt=-tls1_2 copt=-cipher ;;
    esac
    case $group in
        P-256) tmpkey=prime256v1 ;;
        *) tmpkey=secp384r1 ;;
    esac
    what="$proto $cipher $groups $c"
    if ! start_server "$n" "$c" "$CONF" "$popt"; then
        fail "$what: server did not start: $(head -3 "$W/$n.srverr")"
        return
    fi
    run_client "$n" "$c" "$CONF" "$popt" -groups "$groups" "$copt" "$cipher"
    if [ "$crc" -ne 0 ] || [ "$got_line" -ne 1 ]; then
        fail "$what: exit $crc, line back: $got_line: $(grep -v '^depth\|^verify' "$W/$n.clierr" | head -3)" \
            "$(head -3 "$W/$n.srverr")"
    elif ! expect_in "$n" "Protocol *: $proto\$" "Cipher *: $cipher\$" "New, $proto, Cipher is $cipher\$" \
        "Server Temp Key: ECDH, $tmpkey," "Peer signature type: $sigtype\$" "Verify return code: 0 (ok)" \
        ${digest:+"Peer signing digest: $digest\$"}; then
        fail "$what: s_client output lacks '$missing'"
    else
        pass "$what: $(grep -m1 'Server Temp Key' "$W/$n.cli"), $(grep -m1 'Peer signature type' "$W/$n.cli")"
    fi
}

i=0
for c in ec256 ec384 rsa; do
    case $c in ec256) st=ECDSA dg=SHA256 ;; ec384) st=ECDSA dg=SHA384 ;; *) st=RSA-PSS dg= ;; esac
    for g in P-256 P-384; do
        for cs in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384; do
            i=$((i + 1))
            handshake "t13-$i" "$c" TLSv1.3 "$cs" "$g" "$st" "$dg"
        done
        # TLS 1.2: the client's groups also bound the curve of an ECDSA certificate (RFC 8422 5.1; OpenSSL's
        # tls1_check_cert_param), so the client offers the certificate's curve after the group under test
        case $c in
            rsa) set -- ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384; st12=RSA-PSS cc=$g ;;
            ec256) set -- ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384; st12=ECDSA cc=P-256 ;;
            *) set -- ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384; st12=ECDSA cc=P-384 ;;
        esac
        g12=$g
        [ "$cc" = "$g" ] || g12=$g:$cc
        for cs in "$@"; do
            i=$((i + 1))
            handshake "t12-$i" "$c" TLSv1.2 "$cs" "$g12" "$st12"
        done
    done
done

# ---- X25519: fips140 does not offer it
if fips s_client -connect 127.0.0.1:1 -tls1_3 -groups X25519 < /dev/null > "$W/out" 2> "$W/err"; then
    fail "fips140 client offers X25519"
elif grep -q "X25519" "$W/err"; then
    pass "fips140 client cannot offer X25519: $(grep -m1 X25519 "$W/err" | cut -d: -f6-)"
else
    fail "fips140 client with X25519 only: unexpected error: $(head -3 "$W/err")"
fi
# a default-provider client: over P-256 the fips140 server accepts it; offering only X25519 it is refused
if start_server x-ctl ec256 "$CONF" -tls1_3; then
    run_client x-ctl ec256 /dev/null -tls1_3 -groups P-256
    if [ "$crc" -eq 0 ] && [ "$got_line" -eq 1 ] && expect_in x-ctl "Server Temp Key: ECDH, prime256v1,"; then
        pass "default-provider client, P-256: fips140 server accepts"
    else
        fail "default-provider client, P-256: $(head -3 "$W/x-ctl.clierr") $(head -3 "$W/x-ctl.srverr")"
    fi
else
    fail "X25519 control: server did not start: $(head -3 "$W/x-ctl.srverr")"
fi
if start_server x25519 ec256 "$CONF" -tls1_3; then
    run_client x25519 ec256 /dev/null -tls1_3 -groups X25519
    if [ "$crc" -eq 0 ] || [ "$got_line" -eq 1 ]; then
        fail "X25519 only: handshake with the fips140 server succeeded"
    elif grep -q "no suitable key share" "$W/x25519.srverr"; then
        pass "X25519 only: fips140 server refuses (no suitable key share)"
    else
        fail "X25519 only: failed without 'no suitable key share': $(head -3 "$W/x25519.srverr")"
    fi
else
    fail "X25519: server did not start: $(head -3 "$W/x25519.srverr")"
fi

# ---- FIPS140=only (docs/PROVIDER.md) on server and client: libssl hands the cipher its AES-GCM record nonces, and
# the provider seals each record under the IV the module constructs (FIPS 140-3 IG C.H: TLS 1.3 per RFC 8446 5.3,
# TLS 1.2 per SP 800-38D 8.2.1 / RFC 5288), an approved service: both handshakes work
for p in tls1_3 tls1_2; do
    FIPS140=only
    export FIPS140
    start_server "only-$p" ec256 "$CONF" -$p
    started=$?
    unset FIPS140
    if [ "$started" -ne 0 ]; then
        fail "FIPS140=only $p: server did not start: $(head -3 "$W/only-$p.srverr")"
        continue
    fi
    E2E_CLIENT_FIPS140=only
    run_client "only-$p" ec256 "$CONF" -$p
    unset E2E_CLIENT_FIPS140
    if [ "$crc" -eq 0 ] && [ "$got_line" -eq 1 ] && expect_in "only-$p" "Cipher is .*GCM"; then
        pass "FIPS140=only $p, both sides: $(grep -m1 'Cipher is' "$W/only-$p.cli")"
    else
        fail "FIPS140=only $p: exit $crc, line back: $got_line:" \
            "$(grep -v '^depth\|^verify' "$W/only-$p.clierr" | head -3)" \
            "$(head -3 "$W/only-$p.srverr")"
    fi
done

# ---- a server under the altered module-mac (W/badmac.cnf from e2e_check_bad_mac) cannot load its key
if start_server badmac ec256 "$W/badmac.cnf" -tls1_3; then
    fail "s_server under an altered module-mac accepts connections"
elif grep -q "fips140 provider: module integrity failure" "$W/badmac.srverr"; then
    pass "s_server under an altered module-mac does not start: $(grep -m1 'fips140 provider' "$W/badmac.srverr")"
else
    fail "s_server under an altered module-mac: no reason: $(head -3 "$W/badmac.srverr")"
fi

e2e_finish tls
