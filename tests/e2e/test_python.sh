#!/bin/sh
# tests/e2e/test_python.sh - Python 3 (hashlib, ssl) on the system's OpenSSL 3 with only the fips140 provider (and
# base) loaded and default_properties = fips=yes (issue 7 item 4).
#
# Usage: test_python.sh BUILD_DIR
#
# Checks, with OPENSSL_CONF pointing at that configuration: hashlib.sha256, sha3_256 and pbkdf2_hmac give the same
# answers as under the default provider; MD5 is not available from OpenSSL (_hashlib.openssl_md5 raises), and what
# hashlib.md5 then does is printed (CPython falls back to its own built-in MD5, outside OpenSSL and so outside the
# module: applications that must not use MD5 need FIPS140-aware policy of their own, e.g. usedforsecurity=False
# audits); an ssl client connects over TLS 1.3 to a local `openssl s_server` that also runs on fips140 alone, with
# an ECDSA P-256 certificate made through fips140. Exit 0 when every case passes, 1 otherwise.
set -u

PY=${PYTHON:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init python "${1:-}"

# The provider's config section: `fips140 install` (the CLI next to the module), as a user would write it.
"$B/bin/fips140" install --module "$MOD/fips140.so" --out "$W/fips140.cnf" > /dev/null || { echo "FAIL: fips140 install"; exit 1; }
e2e_write_include_conf "$CONF" "$W/fips140.cnf"

# fips CMD... / ref CMD...: any program (python3) under the fips140-only config / an empty config
fips() { OPENSSL_CONF="$CONF" "$@"; }
ref() { OPENSSL_CONF=/dev/null "$@"; }

# ---- hashlib: the same digests and PBKDF2 output as the default provider gives
HASHES='import hashlib
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.sha3_256(b"abc").hexdigest())
print(hashlib.sha512(b"x" * 1000).hexdigest())
print(hashlib.pbkdf2_hmac("sha256", b"correct horse", b"0123456789abcdef", 1000, 32).hex())'
got=$(fips "$PY" -c "$HASHES" 2> "$W/err") || fail "hashlib under fips140: $(cat "$W/err")"
want=$(ref "$PY" -c "$HASHES" 2>&1)
if [ -n "$got" ] && [ "$got" = "$want" ]; then pass "hashlib sha256, sha3_256, sha512, pbkdf2_hmac = default provider"; else
    fail "hashlib: got [$got] want [$want]"; fi

# The process really runs on fips140: OpenSSL's own MD5 is gone (no provider offers it with fips=yes).
PROBE='import _hashlib
try:
    _hashlib.openssl_md5(b"abc")
    print("openssl-md5-available")
except ValueError as e:
    print("openssl-md5-refused")'
r=$(fips "$PY" -c "$PROBE" 2>&1)
if [ "$r" = "openssl-md5-refused" ]; then pass "OpenSSL MD5 refused in the fips140 configuration"; else fail "MD5 probe: $r"; fi
r=$(ref "$PY" -c "$PROBE" 2>&1)
[ "$r" = "openssl-md5-available" ] || fail "MD5 probe under the default provider: $r"

# What hashlib.md5 does then (documented, not asserted): CPython's built-in fallback, if it has one.
fips "$PY" -c 'import hashlib
try:
    h = hashlib.md5(b"abc")
    src = "OpenSSL" if type(h).__name__ == "HASH" else "CPython built-in " + type(h).__module__ + ", not OpenSSL"
    print("hashlib.md5 under fips140:", h.hexdigest(), "from", src)
except ValueError as e:
    print("hashlib.md5 under fips140: refused:", e)' 2>&1 | sed 's/^/info: /'

# ---- ssl: a TLS 1.3 client in Python against `openssl s_server`, both on fips140 alone
fips "$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/key.pem" -out "$W/cert.pem" \
    -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost > "$W/req.log" 2>&1 ||
    fail "certificate through fips140: $(tail -3 "$W/req.log")"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
OPENSSL_CONF="$CONF" timeout 30 "$OPENSSL" s_server -accept "$port" -cert "$W/cert.pem" -key "$W/key.pem" \
    -tls1_3 -groups P-256 -rev -quiet > "$W/server.log" 2>&1 &
spid=$!
CLIENT='import socket, ssl, sys, time
ctx = ssl.create_default_context(cafile=sys.argv[2])
ctx.minimum_version = ssl.TLSVersion.TLSv1_3
for _ in range(50):
    try:
        raw = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
        break
    except OSError:
        time.sleep(0.1)
with ctx.wrap_socket(raw, server_hostname="localhost") as s:
    s.sendall(b"fips140 python\n")
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(100)
        if not chunk:
            break
        data += chunk
    print(s.version(), s.cipher()[0], data.decode().strip())'
r=$(fips "$PY" -c "$CLIENT" "$port" "$W/cert.pem" 2> "$W/client.err")
kill "$spid" 2> /dev/null
wait "$spid" 2> /dev/null
case "$r" in
    "TLSv1.3 TLS_AES_"*" nohtyp 041spif") pass "python ssl TLS 1.3 through fips140: $r" ;;
    *) fail "python ssl: [$r] $(tail -3 "$W/client.err") $(tail -3 "$W/server.log")" ;;
esac

e2e_finish python
