#!/bin/sh
# scripts/deps.sh - install what building and testing fips140 needs, with apt-get, only when it is missing
# (README: `make` and `make check` work on a fresh Debian machine as root).
set -e
missing=""
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_file() { [ -e "$1" ] || missing="$missing $2"; }

need_cmd cmake cmake
need_cmd ninja ninja-build
need_cmd gcc gcc
need_cmd clang clang
need_cmd python3 python3
need_cmd openssl openssl
need_cmd make make
need_cmd pkg-config pkg-config
need_file /usr/include/zlib.h zlib1g-dev
need_file /usr/include/openssl/evp.h libssl-dev
need_cmd valgrind valgrind  # tests/ct (ct.valgrind); the package also has valgrind/memcheck.h
need_cmd curl curl          # tests/e2e/test_nginx.sh (e2e.nginx): the client, libcurl over OpenSSL 3
# e2e.nginx's server; Debian 12's `nginx` package has the binary (nginx-light only adds modules); /usr/sbin may be
# missing from a non-root PATH
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"

[ -z "$missing" ] && exit 0
echo "fips140: installing missing packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "fips140: not root and no sudo; please install:$missing" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -q
${SUDO:-} apt-get install -y -q --no-install-recommends $missing
# nginx's postinst starts the system's nginx (port 80) where no policy-rc.d forbids it; the tests run their own
# nginx on free ports and need none: stop it (the unit stays enabled, as the package left it)
case " $missing " in
    *" nginx "*) if [ -s /run/nginx.pid ]; then ${SUDO:-} /usr/sbin/nginx -s quit || true; fi ;;
esac
