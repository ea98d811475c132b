# tests/e2e/lib.sh - the set-up every end-to-end test of the provider shares; sourced (`. "$HERE/lib.sh"`) by
# tests/e2e/test_*.sh and by scripts/demo.sh. POSIX sh.
#
#   e2e_init NAME BUILD_DIR   B (absolute), MOD (BUILD_DIR/lib/ossl-modules), W (a fresh BUILD_DIR/e2e-NAME), OPENSSL
#                             (${OPENSSL:-openssl}), CONF (W/openssl.cnf: fips140 + base only, fips=yes); exports
#                             OPENSSL_MODULES; unsets FIPS140, OPENSSL_CONF and OPENSSL_CONF_INCLUDE.
#   e2e_module_mac SO         the module-mac of SO as `openssl fipsinstall` writes it (HMAC-SHA-256 under
#                             fipsinstall's fixed key, colon-separated hex), computed by the default provider.
#   e2e_write_conf FILE MAC [PROVIDER_NAME]
#                             an openssl.cnf that activates PROVIDER_NAME (default fips140) with that module-mac,
#                             and base, with config_diagnostics = 1 and default_properties = fips=yes: nothing but
#                             fips140 can serve an algorithm fetch.
#   e2e_write_include_conf FILE SECTION_FILE [PROVIDER_NAME]
#                             the same, with the [fips140_sect] section taken from SECTION_FILE by `.include`
#                             (what `fips140 install --out SECTION_FILE` or `openssl fipsinstall` writes).
#   fips ARGS / ref ARGS      `openssl ARGS` under CONF / under an empty config (the default provider)
#   pass / fail MESSAGE       print ok:/FAIL: lines and count failures
#   ok / no WHAT CMD...       CMD must succeed / fail (stdout to W/out, stderr to W/err)
#   e2e_free_port             a free TCP port on 127.0.0.1
#   e2e_wait_for FILE TEXT [PID]
#                             wait for TEXT to appear in FILE (while process PID runs), up to 60 s so that a busy
#                             machine does not fail a case; 0 if it appeared
#   e2e_finish NAME           the closing line; exits 0 when nothing failed, 1 otherwise

# The HMAC-SHA-256 key OpenSSL's fipsinstall uses for module-mac and install-mac (docs/PROVIDER.md).
E2E_FIPSINSTALL_KEY=f4556650ac31d35461610bac4ed81b1a181b2d8a43ea2854cbae22ca74560813

fails=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

e2e_module_mac() {
    OPENSSL_CONF=/dev/null "${OPENSSL:-openssl}" dgst -sha256 -mac HMAC -macopt hexkey:$E2E_FIPSINSTALL_KEY \
        -binary "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../&:/g; s/:$//'
}

# e2e_conf_head PROVIDER_NAME: everything of the config but the [fips140_sect] section
e2e_conf_head() {
    printf 'config_diagnostics = 1\nopenssl_conf = openssl_init\n\n[openssl_init]\n'
    printf 'providers = provider_sect\nalg_section = algorithm_sect\n\n[algorithm_sect]\n'
    printf 'default_properties = fips=yes\n\n[provider_sect]\n%s = fips140_sect\nbase = base_sect\n\n' "$1"
    printf '[base_sect]\nactivate = 1\n\n'
}

e2e_write_conf() {
    { e2e_conf_head "${3:-fips140}"; printf '[fips140_sect]\nactivate = 1\nmodule-mac = %s\n' "$2"; } > "$1"
}

e2e_write_include_conf() {
    { e2e_conf_head "${3:-fips140}"; printf '.include %s\n' "$2"; } > "$1"
}

e2e_init() {
    B=$(cd "${2:?usage: test_$1.sh BUILD_DIR}" && pwd) || exit 1
    MOD=$B/lib/ossl-modules
    W=$B/e2e-$1
    OPENSSL=${OPENSSL:-openssl}
    unset FIPS140 OPENSSL_CONF OPENSSL_CONF_INCLUDE || true
    rm -rf "$W" && mkdir -p "$W" || exit 1
    command -v "$OPENSSL" > /dev/null || { echo "FAIL: no $OPENSSL command"; exit 1; }
    [ -f "$MOD/fips140.so" ] || { echo "FAIL: missing $MOD/fips140.so (build the fips140_provider target)"; exit 1; }
    export OPENSSL_MODULES="$MOD"
    E2E_MAC=$(e2e_module_mac "$MOD/fips140.so")
    [ -n "$E2E_MAC" ] || { echo "FAIL: cannot compute the module-mac of $MOD/fips140.so"; exit 1; }
    CONF=$W/openssl.cnf
    e2e_write_conf "$CONF" "$E2E_MAC"
}

fips() { OPENSSL_CONF="$CONF" "$OPENSSL" "$@"; }
ref() { OPENSSL_CONF=/dev/null "$OPENSSL" "$@"; }
ok() { what=$1; shift; if "$@" > "$W/out" 2> "$W/err"; then pass "$what"; else fail "$what: $(head -5 "$W/err")"; fi; }
no() { what=$1; shift; if "$@" > "$W/out" 2> "$W/err"; then fail "$what: accepted"; else pass "$what"; fi; }

e2e_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

e2e_wait_for() {
    _n=0
    while ! grep -q "$2" "$1" 2> /dev/null; do
        # with PID: give up once the process has ended (one last look: its final output may have landed just now)
        if [ -n "${3:-}" ] && ! kill -0 "$3" 2> /dev/null; then
            grep -q "$2" "$1" 2> /dev/null
            return
        fi
        [ $_n -ge 600 ] && return 1
        sleep 0.1
        _n=$((_n + 1))
    done
    return 0
}

e2e_finish() {
    if [ "$fails" -ne 0 ]; then
        echo "test_$1: $fails failure(s)"
        exit 1
    fi
    echo "test_$1: all passed"
    exit 0
}
