#!/bin/sh
# tests/e2e/test_nginx.sh - curl -> nginx over TLS 1.3 and TLS 1.2 on 127.0.0.1, both processes through the fips140
# provider alone (OPENSSL_CONF = lib.sh's CONF: fips140 + base, default_properties = fips=yes).
#
# Usage: test_nginx.sh BUILD_DIR
#
# nginx and curl come from Debian (scripts/deps.sh installs them; when missing here, this script installs them
# with apt-get as root or through sudo, else fails saying so). curl must use OpenSSL 3 (curl -V).
#
# nginx runs as a foreground master (`daemon off`) in the background under `timeout`, with its own prefix, conf,
# pid, logs and temp dirs in W/nginx, one worker, two TLS server blocks on free ports: an ECDSA P-256 and an
# RSA-3072 certificate (keys and certificates made through fips140), ssl_protocols TLSv1.2 TLSv1.3,
# ssl_ecdh_curve P-256:P-384, TLS 1.2 ciphers ECDHE-{ECDSA,RSA}-AES{128,256}-GCM-SHA{256,384}. The access log
# records $ssl_protocol $ssl_cipher $ssl_curve, so the negotiated ECDHE group is read on the server side.
#
# Environment: nginx's master initialises OpenSSL (ngx_ssl_init: OPENSSL_init_ssl with OPENSSL_INIT_LOAD_CONFIG)
# from its own environment before it reads nginx.conf, so OPENSSL_CONF and OPENSSL_MODULES take effect there and
# fips140 is loaded and self-tested in the master. Workers are forked from the master, not executed: they inherit
# the loaded library context and providers, so nginx.conf needs no `env OPENSSL_CONF;` / `env OPENSSL_MODULES;`
# (nginx strips the workers' environment to TZ unless told otherwise; the script checks that a worker's
# environment indeed lacks OPENSSL_CONF while it serves TLS through fips140).
#
# Cases: TLS 1.3 with curl --curves P-256 and P-384 against both certificates; TLS 1.2
# ECDHE-ECDSA-AES128-GCM-SHA256 (P-256) and ECDHE-RSA-AES256-GCM-SHA384 (P-384); TLS 1.3 again after a reload
# (SIGHUP: new SSL contexts in the master, a new worker). Each checks the HTTP status and body, curl -v's "SSL
# connection using" line and certificate verification, and nginx's access-log line.
# fips140 on both sides: the config has no default provider (list -providers, MD5 unsupported); a fips140 curl
# cannot offer X25519, and a default-provider curl offering only X25519 is refused by nginx; with the module-mac
# altered, nginx does not start (the provider's reason, then nginx's "[emerg] SSL_CTX_new() failed ... no
# ciphers") and curl fails before its handshake (the provider's reason, "Insufficient randomness": no DRBG left).
# nginx is stopped at the end (trap), nothing left running. Exit 0 when every case passes, 1 otherwise.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
e2e_init nginx "${1:-}"

# ---- nginx and curl from Debian, installed when missing
find_nginx() { NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }) || NGINX=""; }
find_nginx
if [ -z "$NGINX" ] || ! command -v curl > /dev/null; then
    pkgs=""
    [ -z "$NGINX" ] && pkgs="nginx"
    command -v curl > /dev/null || pkgs="$pkgs curl"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo > /dev/null || { echo "FAIL: missing$pkgs: not root and no sudo; install:$pkgs"; exit 1; }
        SUDO=sudo
    fi
    echo "installing:$pkgs"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086 # $pkgs is a list of package names
    if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends $pkgs; } > "$W/apt.log" 2>&1
    then
        echo "FAIL: apt-get install$pkgs failed:"
        tail -n 20 "$W/apt.log"
        exit 1
    fi
    # the package's postinst may have started a system nginx (no policy-rc.d): stop it
    case $pkgs in
        nginx*) if [ -s /run/nginx.pid ]; then $SUDO /usr/sbin/nginx -s quit 2> /dev/null || true; fi ;;
    esac
    find_nginx
    if [ -z "$NGINX" ] || ! command -v curl > /dev/null; then echo "FAIL: nginx or curl still missing"; exit 1; fi
fi
pass "nginx: $("$NGINX" -v 2>&1)"

# libcurl must do TLS with OpenSSL 3 (else OPENSSL_CONF would not reach it and the test would prove nothing)
curlv=$(curl -V | head -n 1)
case $curlv in
    *" OpenSSL/3."*) pass "curl uses OpenSSL 3: $curlv" ;;
    *) echo "FAIL: curl does not use OpenSSL 3: $curlv"; exit 1 ;;
esac

# ---- the configuration: fips140 alone
e2e_check_fips_only
e2e_check_bad_mac

# ---- keys and certificates through fips140 (subjectAltName for curl's host check of https://127.0.0.1)
for k in ec256:EC:ec_paramgen_curve:P-256 rsa:RSA:rsa_keygen_bits:3072; do
    name=${k%%:*} rest=${k#*:}
    ok "$name genpkey" fips genpkey -algorithm "${rest%%:*}" -pkeyopt "${rest#*:}" -out "$W/$name.key"
    ok "$name req -x509" fips req -x509 -new -sha256 -key "$W/$name.key" -subj /CN=localhost -days 2 \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -out "$W/$name.crt"
done

# ---- nginx's prefix, configuration and content
N=$W/nginx
mkdir -p "$N/conf" "$N/logs" "$N/html" "$N/temp" || exit 1
head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$N/html/index.html"
echo >> "$N/html/index.html"
PORT_EC=$(e2e_free_port)
PORT_RSA=$(e2e_free_port)
while [ "$PORT_RSA" = "$PORT_EC" ]; do PORT_RSA=$(e2e_free_port); done
# user: only root may switch users; its workers keep root here so they can read W whatever its modes
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
# server_block PORT CERT: a TLS server on 127.0.0.1:PORT with W/CERT.{crt,key}
server_block() {
    cat << EOF
    server {
        listen 127.0.0.1:$1 ssl;
        server_name localhost;
        ssl_certificate $W/$2.crt;
        ssl_certificate_key $W/$2.key;
        root $N/html;
    }
EOF
}
TLS12_CIPHERS=ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384
TLS12_CIPHERS=$TLS12_CIPHERS:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384
cat > "$N/conf/nginx.conf" << EOF
# written by tests/e2e/test_nginx.sh
$user_line
worker_processes 1;
pid $N/nginx.pid;
error_log $N/logs/error.log info;
events { worker_connections 64; }
http {
    log_format tls '\$ssl_protocol \$ssl_cipher \$ssl_curve \$request_uri \$status';
    access_log $N/logs/access.log tls;
    client_body_temp_path $N/temp/client;
    proxy_temp_path $N/temp/proxy;
    fastcgi_temp_path $N/temp/fastcgi;
    uwsgi_temp_path $N/temp/uwsgi;
    scgi_temp_path $N/temp/scgi;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ecdh_curve P-256:P-384;
    ssl_ciphers $TLS12_CIPHERS;
    ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384;
$(server_block "$PORT_EC" ec256)
$(server_block "$PORT_RSA" rsa)
}
EOF

# start_nginx NAME NGINX_OPENSSL_CONF: nginx in the foreground (daemon off), in the background, pid in npid;
# 0 once it listens on both ports (its error log says "start worker process"), 1 if it ended first
start_nginx() {
    : > "$N/logs/error.log"
    OPENSSL_CONF="$2" timeout 300 "$NGINX" -p "$N" -c "$N/conf/nginx.conf" -e "$N/logs/error.log" \
        -g 'daemon off;' > "$W/$1.nginx.out" 2> "$W/$1.nginx.err" &
    npid=$!
    e2e_bg "$npid"
    e2e_wait_for "$N/logs/error.log" "start worker process [0-9]" "$npid"
}

# stop_nginx: TERM to timeout, which passes it on to the master (fast shutdown: it stops its worker and exits)
stop_nginx() { kill "$npid" 2> /dev/null; wait "$npid" 2> /dev/null; }

# fetch NAME CURL_OPENSSL_CONF PORT CURL_OPTS...: curl -v of https://127.0.0.1:PORT/ verifying against the
# certificate served there; output in W/NAME.{body,code,v}, exit status in crc
fetch() {
    n=$1 cconf=$2 port=$3
    shift 3
    case $port in "$PORT_EC") c=ec256 ;; *) c=rsa ;; esac
    OPENSSL_CONF="$cconf" timeout 120 curl -sS -v --cacert "$W/$c.crt" -o "$W/$n.body" -w '%{http_code}' "$@" \
        "https://127.0.0.1:$port/?case=$n" > "$W/$n.code" 2> "$W/$n.v"
    crc=$?
}

# case_ok NAME PORT PROTO CIPHER CURVE CURL_OPTS...: a fips140 curl gets the page over PROTO with CIPHER, and nginx
# logs PROTO CIPHER CURVE for it
case_ok() {
    n=$1 port=$2 proto=$3 cipher=$4 curve=$5
    shift 5
    what="$proto $cipher $curve (port $port)"
    fetch "$n" "$CONF" "$port" "$@"
    if [ "$crc" -ne 0 ] || [ "$(cat "$W/$n.code")" != 200 ] || ! cmp -s "$W/$n.body" "$N/html/index.html"; then
        fail "$what: curl exit $crc, HTTP $(cat "$W/$n.code"): $(grep -i 'error\|fail\|alert' "$W/$n.v" | head -3)"
    elif ! grep -q "SSL connection using $proto / $cipher\$" "$W/$n.v" ||
        ! grep -q "SSL certificate verify ok" "$W/$n.v"; then
        fail "$what: curl -v says: $(grep 'SSL connection\|certificate verify' "$W/$n.v")"
    elif ! e2e_wait_for "$N/logs/access.log" "^$proto $cipher $curve /?case=$n 200\$" "$npid"; then
        fail "$what: nginx logged: $(grep "case=$n " "$N/logs/access.log")"
    else
        pass "$what: HTTP 200, body ok, curl: $(grep -o 'SSL connection using .*' "$W/$n.v"), nginx: $curve"
    fi
}

if start_nginx run "$CONF"; then
    mpid=$(cat "$N/nginx.pid")
    wpid=$(pgrep -P "$mpid" | head -n 1)
    pass "nginx started through fips140: master $mpid, worker ${wpid:-none}"
    case_ok t13-ec-p256 "$PORT_EC" TLSv1.3 TLS_AES_128_GCM_SHA256 prime256v1 --tlsv1.3 --curves P-256 \
        --tls13-ciphers TLS_AES_128_GCM_SHA256
    case_ok t13-ec-p384 "$PORT_EC" TLSv1.3 TLS_AES_256_GCM_SHA384 secp384r1 --tlsv1.3 --curves P-384 \
        --tls13-ciphers TLS_AES_256_GCM_SHA384
    case_ok t13-rsa-p256 "$PORT_RSA" TLSv1.3 TLS_AES_256_GCM_SHA384 prime256v1 --tlsv1.3 --curves P-256 \
        --tls13-ciphers TLS_AES_256_GCM_SHA384
    case_ok t13-rsa-p384 "$PORT_RSA" TLSv1.3 TLS_AES_128_GCM_SHA256 secp384r1 --tlsv1.3 --curves P-384 \
        --tls13-ciphers TLS_AES_128_GCM_SHA256
    case_ok t12-ec "$PORT_EC" TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256 prime256v1 --tlsv1.2 --tls-max 1.2 \
        --curves P-256 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256
    case_ok t12-rsa "$PORT_RSA" TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 secp384r1 --tlsv1.2 --tls-max 1.2 \
        --curves P-384 --ciphers ECDHE-RSA-AES256-GCM-SHA384

    # X25519: a fips140 curl cannot offer it; a default-provider curl offering only it is refused by nginx
    # (which serves that same curl over P-256)
    fetch x-fips "$CONF" "$PORT_EC" --tlsv1.3 --curves X25519
    if [ "$crc" -ne 0 ] && grep -q "curves" "$W/x-fips.v"; then
        pass "fips140 curl cannot offer X25519: $(grep -m1 'curves' "$W/x-fips.v")"
    else
        fail "fips140 curl with X25519 only: exit $crc: $(tail -n 2 "$W/x-fips.v")"
    fi
    fetch x-ctl /dev/null "$PORT_EC" --tlsv1.3 --curves P-256
    if [ "$crc" -eq 0 ] && [ "$(cat "$W/x-ctl.code")" = 200 ]; then
        pass "default-provider curl, P-256: nginx serves it"
    else
        fail "default-provider curl, P-256: exit $crc: $(tail -n 2 "$W/x-ctl.v")"
    fi
    fetch x-ref /dev/null "$PORT_EC" --tlsv1.3 --curves X25519
    if [ "$crc" -ne 0 ] && grep -q "handshake failure" "$W/x-ref.v"; then
        pass "default-provider curl, X25519 only: nginx refuses ($(grep -m1 -o 'alert handshake failure' "$W/x-ref.v"))"
    else
        fail "default-provider curl, X25519 only: exit $crc: $(tail -n 2 "$W/x-ref.v")"
    fi

    # the worker serves through fips140 with no OPENSSL_CONF in its environment (see the header)
    if [ -z "$wpid" ] || [ ! -r "/proc/$wpid/environ" ]; then
        fail "no nginx worker process found"
    elif tr '\0' '\n' < "/proc/$wpid/environ" | grep -q '^OPENSSL_CONF='; then
        fail "the nginx worker has OPENSSL_CONF in its environment: the note in the header is wrong"
    else
        pass "nginx worker $wpid: no OPENSSL_CONF in its environment, served through fips140 inherited from the master"
    fi
    # reload (SIGHUP): the master re-reads nginx.conf, builds new SSL contexts in its loaded library context and
    # forks a new worker, which serves through fips140 just the same
    : > "$N/logs/error.log"
    kill -HUP "$mpid"
    if e2e_wait_for "$N/logs/error.log" "start worker process [0-9]" "$npid"; then
        wpid=$(sed -n 's/.*start worker process \([0-9]*\).*/\1/p' "$N/logs/error.log" | head -n 1)
        case_ok reload-p384 "$PORT_EC" TLSv1.3 TLS_AES_256_GCM_SHA384 secp384r1 --tlsv1.3 --curves P-384 \
            --tls13-ciphers TLS_AES_256_GCM_SHA384
    else
        fail "nginx reload: no new worker: $(tail -n 3 "$N/logs/error.log")"
    fi
    stop_nginx
    if kill -0 "$mpid" 2> /dev/null || { [ -n "$wpid" ] && kill -0 "$wpid" 2> /dev/null; }; then
        fail "nginx master $mpid or worker $wpid still running after stop"
    else
        pass "nginx stopped: master and worker gone"
    fi
else
    fail "nginx did not start: $(head -5 "$W/run.nginx.err") $(tail -n 5 "$N/logs/error.log")"
fi

# ---- altered module-mac (W/badmac.cnf from e2e_check_bad_mac): nginx refuses to start, curl cannot connect
if start_nginx badmac "$W/badmac.cnf"; then
    fail "nginx started under an altered module-mac"
    stop_nginx
# nginx itself starts (OPENSSL_init_ssl succeeds: the config loads, the provider's activation fails); with nothing
# but base loaded, its first SSL_CTX_new (reading nginx.conf) finds no cipher and nginx exits
elif grep -q "fips140 provider: module integrity failure: module-mac: does not match" "$W/badmac.nginx.err" &&
    grep -q "\[emerg\] SSL_CTX_new() failed" "$W/badmac.nginx.err"; then
    pass "nginx does not start under an altered module-mac: $(grep -m1 'fips140 provider' "$W/badmac.nginx.err")"
    pass "nginx says: $(grep -m1 'emerg' "$W/badmac.nginx.err")"
else
    fail "nginx under an altered module-mac: no reason: $(head -5 "$W/badmac.nginx.err")"
fi
if start_nginx again "$CONF"; then
    fetch badmac "$W/badmac.cnf" "$PORT_EC" --tlsv1.3
    if [ "$crc" -ne 0 ] && grep -q "fips140 provider: module integrity failure" "$W/badmac.v"; then
        pass "curl under an altered module-mac fails: $(grep -m1 '^curl:' "$W/badmac.v")"
    else
        fail "curl under an altered module-mac: exit $crc: $(tail -n 3 "$W/badmac.v")"
    fi
    stop_nginx
else
    fail "nginx did not start again: $(head -5 "$W/again.nginx.err")"
fi

e2e_finish nginx
