#!/bin/sh
# tests/e2e/test_pkrsa.sh - RSA in the fips140 provider (provider/pk_rsa.c) through the system's OpenSSL 3:
# key generation, PEM round trip, import of keys made by the default provider, PKCS#1 v1.5 and PSS signatures
# (openssl dgst and pkeyutl), cross-verification with the default provider both ways, OAEP encryption both ways,
# refusals (PKCS#1 v1.5 encryption, 1024-bit keys for signing), and a self-signed certificate (openssl req -x509).
#
# Usage: test_pkrsa.sh BUILD_DIR. Exit 0 when every case passes, 1 otherwise.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init pkrsa "${1:-}"
printf '\n[req]\ndistinguished_name = dn\n[dn]\n' >> "$CONF"

# fips CMD ARGS: openssl through fips140 (+ base) only (no -propquery provider=fips140: base's file store loader
# and PEM/DER decoders must stay reachable; fips140 is the only loaded provider with RSA, checked below);
# ref CMD ARGS: through the default provider only
fips() { OPENSSL_CONF="$CONF" "$OPENSSL" "$@"; }
fipsnp() { fips "$@"; }
ref() { c=$1; shift; OPENSSL_CONF=/dev/null "$OPENSSL" "$c" -provider default -propquery provider=default "$@"; }
# bad WHAT CMD...: the command fails (ok: tests/e2e/lib.sh)
bad() { w=$1; shift; if "$@" > "$W/out" 2> "$W/err"; then fail "$w: succeeded"; else pass "$w (refused)"; fi; }

e2e_check_fips_only
for op in key-managers signature-algorithms asymcipher-algorithms; do
    if OPENSSL_CONF="$CONF" "$OPENSSL" list -$op 2>&1 | grep -q 'RSA.*@ fips140'; then pass "list -$op: RSA @ fips140"
    else fail "list -$op: no RSA @ fips140"; fi
done

printf 'The quick brown fox jumps over the lazy dog\n' > "$W/msg"
head -c 100000 /dev/urandom > "$W/big"

# ---- key generation (fips140), PEM round trip, parameters
for bits in 2048 3072; do
    ok "genpkey RSA $bits" fips genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out "$W/k$bits.pem"
    if fipsnp pkey -in "$W/k$bits.pem" -text -noout 2> "$W/err" | grep -q "Private-Key: ($bits bit, 2 primes)"; then
        pass "pkey -text: $bits-bit key"
    else
        fail "pkey -text $bits: $(cat "$W/err")"
    fi
    # the default provider reads the key and finds it consistent (n = pq, e·d, CRT values)
    ok "default provider: pkey -check on fips140's $bits-bit key" ref pkey -in "$W/k$bits.pem" -check -noout
    # PEM round trip through fips140: same key bytes
    ok "PEM round trip $bits" fipsnp pkey -in "$W/k$bits.pem" -out "$W/rt$bits.pem"
    if cmp -s "$W/k$bits.pem" "$W/rt$bits.pem"; then pass "PEM round trip $bits: identical"; else fail "PEM round trip $bits differs"; fi
    ok "pubout $bits" fipsnp pkey -in "$W/k$bits.pem" -pubout -out "$W/k$bits.pub"
    ref pkey -in "$W/k$bits.pem" -pubout -out "$W/k$bits.refpub" 2> /dev/null
    if cmp -s "$W/k$bits.pub" "$W/k$bits.refpub"; then pass "public key $bits = default provider's"; else fail "public key $bits differs"; fi
done
ok "genpkey RSA 4096 e=65539" fips genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -pkeyopt rsa_keygen_pubexp:65539 -out "$W/k4096.pem"
if fipsnp pkey -in "$W/k4096.pem" -text -noout 2> /dev/null | grep -q 'publicExponent: 65539'; then pass "e = 65539"; else fail "e != 65539"; fi
bad "genpkey RSA 1024" fips genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$W/bad.pem"
bad "genpkey RSA 2048 with e=3" fips genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3 -out "$W/bad.pem"

# ---- keys made by the default provider, imported by fips140
ref genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/d2048.pem" 2> /dev/null
ref pkey -in "$W/d2048.pem" -pubout -out "$W/d2048.pub" 2> /dev/null
ref genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$W/d1024.pem" 2> /dev/null
ref pkey -in "$W/d1024.pem" -pubout -out "$W/d1024.pub" 2> /dev/null
ref rsa -in "$W/d2048.pem" -traditional -out "$W/d2048.rsa.pem" 2> /dev/null
ok "import default provider's key (PKCS#8)" fipsnp pkey -in "$W/d2048.pem" -out "$W/d2048.rt.pem"
if cmp -s "$W/d2048.pem" "$W/d2048.rt.pem"; then pass "imported key re-encoded identically"; else fail "imported key differs"; fi
ok "import default provider's key (traditional RSA PRIVATE KEY)" fipsnp pkey -in "$W/d2048.rsa.pem" -out "$W/d2048.rt2.pem"
if cmp -s "$W/d2048.pem" "$W/d2048.rt2.pem"; then pass "traditional key imported identically"; else fail "traditional key differs"; fi

# ---- signatures: dgst, fips140 <-> default provider
for k in k2048 k3072 d2048; do
    for d in sha256 sha384 sha512 sha3-256; do
        # PKCS#1 v1.5 is deterministic: fips140 and the default provider give the same bytes
        ok "dgst -$d -sign $k (fips140)" fips dgst -$d -sign "$W/$k.pem" -out "$W/sf" "$W/msg"
        ref dgst -$d -sign "$W/$k.pem" -out "$W/sr" "$W/msg" 2> /dev/null
        if [ -s "$W/sf" ] && cmp -s "$W/sf" "$W/sr"; then pass "pkcs1 $k $d: = default provider"; else fail "pkcs1 $k $d differs"; fi
        ok "pkcs1 $k $d: default verifies fips140" ref dgst -$d -verify "$W/$k.pub" -signature "$W/sf" "$W/msg"
        ok "pkcs1 $k $d: fips140 verifies default" fips dgst -$d -verify "$W/$k.pub" -signature "$W/sr" "$W/msg"
        bad "pkcs1 $k $d: fips140 rejects a wrong message" fips dgst -$d -verify "$W/$k.pub" -signature "$W/sr" "$W/big"
        # PSS (randomised): each verifies the other's
        ok "dgst -$d pss sign $k" fips dgst -$d -sign "$W/$k.pem" -sigopt rsa_padding_mode:pss -out "$W/pf" "$W/msg"
        ref dgst -$d -sign "$W/$k.pem" -sigopt rsa_padding_mode:pss -out "$W/pr" "$W/msg" 2> /dev/null
        ok "pss $k $d: default verifies fips140" ref dgst -$d -verify "$W/$k.pub" -sigopt rsa_padding_mode:pss -signature "$W/pf" "$W/msg"
        ok "pss $k $d: fips140 verifies default (salt max)" fips dgst -$d -verify "$W/$k.pub" -sigopt rsa_padding_mode:pss -signature "$W/pr" "$W/msg"
        bad "pss $k $d: fips140 rejects a wrong message" fips dgst -$d -verify "$W/$k.pub" -sigopt rsa_padding_mode:pss -signature "$W/pr" "$W/big"
        bad "pss $k $d: fips140 rejects a PKCS#1 signature as PSS" fips dgst -$d -verify "$W/$k.pub" -sigopt rsa_padding_mode:pss -signature "$W/sr" "$W/msg"
    done
done
# a large input through digest_sign_update
ok "dgst -sha256 -sign 100 kB" fips dgst -sha256 -sign "$W/k2048.pem" -out "$W/sf" "$W/big"
ok "100 kB: default verifies" ref dgst -sha256 -verify "$W/k2048.pub" -signature "$W/sf" "$W/big"

# ---- pkeyutl over a digest: PSS with salt lengths, mgf1 digest
ref dgst -sha256 -binary -out "$W/md" "$W/msg" 2> /dev/null
PSS="-pkeyopt rsa_padding_mode:pss -pkeyopt digest:sha256"
for s in digest auto max 0 20 32; do
    ok "pkeyutl pss saltlen $s (fips140 sign)" fips pkeyutl -sign -inkey "$W/k2048.pem" $PSS -pkeyopt rsa_pss_saltlen:$s -in "$W/md" -out "$W/ps"
    vs=$s; [ "$s" = max ] && vs=32; [ "$s" = auto ] && vs=32  # FIPS 186-5: sLen <= hLen, so max/auto sign with hLen
    ok "pkeyutl pss saltlen $s: default verifies with saltlen $vs" ref pkeyutl -verify -pubin -inkey "$W/k2048.pub" $PSS -pkeyopt rsa_pss_saltlen:$vs -in "$W/md" -sigfile "$W/ps"
    ok "pkeyutl pss saltlen $s: fips140 verifies" fips pkeyutl -verify -pubin -inkey "$W/k2048.pub" $PSS -pkeyopt rsa_pss_saltlen:$s -in "$W/md" -sigfile "$W/ps"
done
ok "pkeyutl pss mgf1 sha512 (fips140 sign)" fips pkeyutl -sign -inkey "$W/k2048.pem" $PSS -pkeyopt rsa_mgf1_md:sha512 -in "$W/md" -out "$W/ps"
ok "pss mgf1 sha512: default verifies" ref pkeyutl -verify -pubin -inkey "$W/k2048.pub" $PSS -pkeyopt rsa_mgf1_md:sha512 -in "$W/md" -sigfile "$W/ps"
bad "pss mgf1 sha512: fips140 rejects with mgf1 sha256" fips pkeyutl -verify -pubin -inkey "$W/k2048.pub" $PSS -pkeyopt rsa_mgf1_md:sha256 -in "$W/md" -sigfile "$W/ps"
ref pkeyutl -sign -inkey "$W/k2048.pem" $PSS -pkeyopt rsa_mgf1_md:sha384 -pkeyopt rsa_pss_saltlen:max -in "$W/md" -out "$W/ps" 2> /dev/null
ok "pss mgf1 sha384 salt max by default provider: fips140 verifies" fips pkeyutl -verify -pubin -inkey "$W/k2048.pub" $PSS -pkeyopt rsa_mgf1_md:sha384 -in "$W/md" -sigfile "$W/ps"
ok "pkeyutl pkcs1 sign" fips pkeyutl -sign -inkey "$W/k2048.pem" -pkeyopt digest:sha256 -in "$W/md" -out "$W/ps"
ok "pkeyutl pkcs1: default verifies" ref pkeyutl -verify -pubin -inkey "$W/k2048.pub" -pkeyopt digest:sha256 -in "$W/md" -sigfile "$W/ps"

# ---- refusals
bad "sign with a 1024-bit key" fips dgst -sha256 -sign "$W/d1024.pem" -out "$W/sf" "$W/msg"
if grep -q 'invalid key length' "$W/err"; then pass "1024-bit signing: 'invalid key length' error"; else fail "1024-bit error text: $(cat "$W/err")"; fi
bad "sign without a digest (pkeyutl)" fips pkeyutl -sign -inkey "$W/k2048.pem" -in "$W/md" -out "$W/ps"
bad "x931 padding" fips pkeyutl -sign -inkey "$W/k2048.pem" -pkeyopt rsa_padding_mode:x931 -pkeyopt digest:sha256 -in "$W/md" -out "$W/ps"
bad "encrypt without OAEP (PKCS#1 v1.5)" fips pkeyutl -encrypt -pubin -inkey "$W/k2048.pub" -in "$W/msg" -out "$W/c"
if grep -q 'not approved' "$W/err"; then pass "PKCS#1 v1.5 encryption: 'not approved' error"; else fail "pkcs1 enc error text: $(cat "$W/err")"; fi
bad "encrypt with pad-mode pkcs1" fips pkeyutl -encrypt -pubin -inkey "$W/k2048.pub" -pkeyopt rsa_padding_mode:pkcs1 -in "$W/msg" -out "$W/c"

# ---- OAEP both ways
for opts in "" "-pkeyopt rsa_oaep_md:sha256" "-pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha1" \
            "-pkeyopt rsa_oaep_md:sha512 -pkeyopt rsa_oaep_label:0011223344"; do
    for k in k2048 k3072 d2048; do
        O="-pkeyopt rsa_padding_mode:oaep $opts"
        ok "oaep $k [$opts]: fips140 encrypts" fips pkeyutl -encrypt -pubin -inkey "$W/$k.pub" $O -in "$W/msg" -out "$W/cf"
        got=$(ref pkeyutl -decrypt -inkey "$W/$k.pem" $O -in "$W/cf" 2> "$W/err")
        if [ "$got" = "$(cat "$W/msg")" ]; then pass "oaep $k [$opts]: default decrypts"; else fail "oaep $k [$opts]: default decrypt: $(cat "$W/err")"; fi
        ref pkeyutl -encrypt -pubin -inkey "$W/$k.pub" $O -in "$W/msg" -out "$W/cr" 2> /dev/null
        got=$(fips pkeyutl -decrypt -inkey "$W/$k.pem" $O -in "$W/cr" 2> "$W/err")
        if [ "$got" = "$(cat "$W/msg")" ]; then pass "oaep $k [$opts]: fips140 decrypts"; else fail "oaep $k [$opts]: fips140 decrypt: $(cat "$W/err")"; fi
    done
done
bad "oaep: wrong label refused" fips pkeyutl -decrypt -inkey "$W/d2048.pem" -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha512 -pkeyopt rsa_oaep_label:00 -in "$W/cr"
bad "oaep: message too long" fips pkeyutl -encrypt -pubin -inkey "$W/k2048.pub" -pkeyopt rsa_padding_mode:oaep -in "$W/big" -out "$W/c"

# ---- X.509: self-signed certificate (sha256WithRSAEncryption)
ok "req -x509 -new" fipsnp req -x509 -new -key "$W/k2048.pem" -subj /CN=t -days 1 -out "$W/cert.pem"
ok "default provider verifies the self-signed certificate" ref verify -CAfile "$W/cert.pem" "$W/cert.pem"
ok "fips140 verifies the self-signed certificate" fipsnp verify -CAfile "$W/cert.pem" "$W/cert.pem"
if ref x509 -in "$W/cert.pem" -noout -text 2> /dev/null | grep -q 'Signature Algorithm: sha256WithRSAEncryption'; then
    pass "certificate: sha256WithRSAEncryption"
else
    fail "certificate signature algorithm"
fi

# ---- RSA-PSS keys (RSASSA-PSS, OID 1.2.840.113549.1.1.10): generation, round trip, restrictions
ok "genpkey RSA-PSS (unrestricted)" fips genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$W/pss.pem"
ok "RSA-PSS PEM round trip" fips pkey -in "$W/pss.pem" -out "$W/pss.rt.pem"
if cmp -s "$W/pss.pem" "$W/pss.rt.pem"; then pass "RSA-PSS round trip identical"; else fail "RSA-PSS round trip differs"; fi
ref pkey -in "$W/pss.pem" -pubout -out "$W/pss.pub" 2> /dev/null
ok "RSA-PSS key: fips140 signs (dgst -sha256)" fips dgst -sha256 -sign "$W/pss.pem" -out "$W/sf" "$W/msg"
ok "RSA-PSS key: default verifies" ref dgst -sha256 -verify "$W/pss.pub" -signature "$W/sf" "$W/msg"
ref dgst -sha512 -sign "$W/pss.pem" -out "$W/sr" "$W/msg" 2> /dev/null
ok "RSA-PSS key: fips140 verifies default's" fips dgst -sha512 -verify "$W/pss.pub" -signature "$W/sr" "$W/msg"
bad "RSA-PSS key: pkcs1 padding" fips dgst -sha256 -sign "$W/pss.pem" -sigopt rsa_padding_mode:pkcs1 -out "$W/sf" "$W/msg"
bad "RSA-PSS key: OAEP encryption" fips pkeyutl -encrypt -pubin -inkey "$W/pss.pub" -pkeyopt rsa_padding_mode:oaep -in "$W/msg" -out "$W/c"
ok "genpkey RSA-PSS restricted to SHA-256, MGF1-SHA-256, salt >= 32" fips genpkey -algorithm RSA-PSS \
    -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_mgf1_md:sha256 \
    -pkeyopt rsa_pss_keygen_saltlen:32 -out "$W/pssr.pem"
if ref pkey -in "$W/pssr.pem" -text -noout 2> /dev/null | tr -s ' ' | grep -q 'Minimum Salt Length: 32'; then
    pass "restrictions encoded (default provider reads salt >= 32)"
else
    fail "restrictions not encoded"
fi
ref pkey -in "$W/pssr.pem" -pubout -out "$W/pssr.pub" 2> /dev/null
ok "restricted RSA-PSS key: fips140 signs sha256" fips dgst -sha256 -sign "$W/pssr.pem" -out "$W/sf" "$W/msg"
ok "restricted RSA-PSS key: default verifies" ref dgst -sha256 -verify "$W/pssr.pub" -signature "$W/sf" "$W/msg"
bad "restricted RSA-PSS key: sha384 refused" fips dgst -sha384 -sign "$W/pssr.pem" -out "$W/sf" "$W/msg"
# a restricted key made by the default provider (MGF1 left at its RFC 4055 default, SHA-1)
ref genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha384 \
    -pkeyopt rsa_pss_keygen_saltlen:48 -out "$W/dpss.pem" 2> /dev/null
ref pkey -in "$W/dpss.pem" -pubout -out "$W/dpss.pub" 2> /dev/null
ok "import default's restricted RSA-PSS key" fips pkey -in "$W/dpss.pem" -out "$W/dpss.rt.pem"
if cmp -s "$W/dpss.pem" "$W/dpss.rt.pem"; then pass "restricted RSA-PSS key re-encoded identically"; else fail "restricted RSA-PSS key differs"; fi
ref dgst -sha384 -sign "$W/dpss.pem" -out "$W/sr" "$W/msg" 2> /dev/null
ok "default's restricted RSA-PSS (MGF1-SHA-1) signature: fips140 verifies" fips dgst -sha384 -verify "$W/dpss.pub" -signature "$W/sr" "$W/msg"

# X.509 with RSASSA-PSS AlgorithmIdentifiers (RFC 4055 parameters built by the provider)
n=0
for o in "" "-sigopt rsa_pss_saltlen:20" "-sigopt rsa_pss_saltlen:0" "-sha384 -sigopt rsa_mgf1_md:sha512"; do
    n=$((n + 1))
    ok "req -x509 pss [$o]" fipsnp req -x509 -new -key "$W/k2048.pem" -subj /CN=t -days 1 -sigopt rsa_padding_mode:pss $o -out "$W/cp$n.pem"
    ok "pss cert [$o]: default provider verifies" ref verify -CAfile "$W/cp$n.pem" "$W/cp$n.pem"
    ok "pss cert [$o]: fips140 verifies" fipsnp verify -CAfile "$W/cp$n.pem" "$W/cp$n.pem"
done
if ref x509 -in "$W/cp4.pem" -noout -text 2> /dev/null | tr -s ' \n' ' ' |
   grep -q 'Hash Algorithm: sha384 Mask Algorithm: mgf1 with sha512 Salt Length: 0x30'; then
    pass "pss cert: sha384, mgf1 sha512, salt 48 encoded"
else
    fail "pss cert parameters"
fi
ok "req -x509 with an RSA-PSS key" fipsnp req -x509 -new -key "$W/pssr.pem" -subj /CN=t -days 1 -out "$W/cpk.pem"
ok "RSA-PSS-key cert: default provider verifies" ref verify -CAfile "$W/cpk.pem" "$W/cpk.pem"

# ---- TLS 1.3 (CertificateVerify with rsa_pss_rsae_*) and TLS 1.2 ECDHE-RSA
# tls WHAT SERVER_CONF CLIENT_CONF [PROTO [SIGTYPE [CLIENT_ARGS]]]: an s_server -rev / s_client exchange (lib.sh)
tls() {
    proto=${4:-tls1_3}
    sigtype=${5:-RSA-PSS}
    # shellcheck disable=SC2086
    if e2e_tls_server rsa "$2" "$W/cert.pem" "$W/k2048.pem" -$proto &&
        e2e_tls_client rsa "$3" "$W/cert.pem" -$proto ${6:-} &&
        grep -q "Peer signature type: $sigtype\$" "$W/rsa.cli" && grep -q 'Verify return code: 0' "$W/rsa.cli" &&
        grep -q "New, $(echo $proto | sed 's/tls1_/TLSv1./')," "$W/rsa.cli"; then
        pass "$1"
    else
        fail "$1: $(grep -i error "$W/rsa.clierr" "$W/rsa.srverr" | head -3)"
    fi
}
tls "TLS 1.3 RSA-PSS: fips140 server, fips140 client" "$CONF" "$CONF"
tls "TLS 1.3 RSA-PSS: fips140 server, default client" "$CONF" /dev/null
tls "TLS 1.3 RSA-PSS: default server, fips140 client" /dev/null "$CONF"
tls "TLS 1.2 ECDHE-RSA, RSA-PSS: fips140 both sides" "$CONF" "$CONF" tls1_2
tls "TLS 1.2 ECDHE-RSA, PKCS#1 (RSA+SHA256): fips140 both sides" "$CONF" "$CONF" tls1_2 RSA "-sigalgs RSA+SHA256"
tls "TLS 1.2 ECDHE-RSA, PKCS#1: default client" "$CONF" /dev/null tls1_2 RSA "-sigalgs RSA+SHA384"

e2e_finish pkrsa
