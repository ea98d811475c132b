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
#   e2e_bg PID / e2e_bg_stop  remember a background process / stop every remembered one (e2e_init traps EXIT with
#                             it; SIGPIPE is ignored so that a write to a client that gave up is a failure, not death)
#   e2e_reap PID              wait up to 60 s for PID to end by itself, then stop it
#   e2e_flip_mac MAC          MAC with its first byte replaced by another value (an altered module-mac)
#   e2e_check_fips_only       CONF loads fips140 (active) and base but not the default provider, and MD5 (which only
#                             the default provider has) cannot be fetched: every algorithm used comes from fips140
#   e2e_check_bad_mac         with an altered module-mac, `openssl dgst` fails with the provider's reason on stderr
#                             (writes W/badmac.cnf)
#   e2e_tls_server NAME CONF CERT KEY S_SERVER_OPTS...
#                             `openssl s_server -rev` for one connection under CONF, on a free port (port), pid in
#                             spid; output W/NAME.srv, W/NAME.srverr; 0 once it accepts connections
#   e2e_tls_client NAME CONF CAFILE S_CLIENT_OPTS...
#                             `openssl s_client` under CONF to that server, verifying it against CAFILE: sends a line
#                             and waits for it to come back reversed, then closes and lets the server finish; output
#                             W/NAME.cli, W/NAME.clierr; crc = its exit status; 0 when the line came back.
#                             E2E_CLIENT_FIPS140, when set, is the client's FIPS140 setting.

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
    trap e2e_bg_stop EXIT
    trap 'exit 1' INT TERM
    trap '' PIPE
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

e2e_bg_pids=""
e2e_bg() { e2e_bg_pids="$e2e_bg_pids $1"; }

e2e_bg_stop() {
    for _p in $e2e_bg_pids; do
        kill "$_p" 2> /dev/null && wait "$_p" 2> /dev/null
    done
    e2e_bg_pids=""
}

e2e_reap() {
    _n=0
    while kill -0 "$1" 2> /dev/null && [ $_n -lt 600 ]; do
        sleep 0.1
        _n=$((_n + 1))
    done
    kill "$1" 2> /dev/null
    wait "$1" 2> /dev/null
}

e2e_flip_mac() {
    case $1 in
        00:*) echo "11:${1#??:}" ;;
        *) echo "00:${1#??:}" ;;
    esac
}

e2e_check_fips_only() {
    fips list -providers > "$W/providers" 2>&1
    if grep -q '^  fips140$' "$W/providers" && grep -q 'status: active' "$W/providers" &&
        ! grep -q '^  default$' "$W/providers"; then
        pass "config: fips140 (+ base) active, no default provider"
    else
        fail "config: $(cat "$W/providers")"
    fi
    echo fips140-only > "$W/md5.in"
    if fips dgst -md5 "$W/md5.in" > "$W/out" 2> "$W/err"; then
        fail "MD5 available: something other than fips140 serves fips=yes"
    elif grep -q "unsupported" "$W/err"; then
        pass "config: MD5 unsupported (no default provider behind fips140)"
    else
        fail "MD5: unexpected error: $(head -3 "$W/err")"
    fi
}

# The reason is the one tests/e2e/test_core.sh expects for an altered module-mac.
e2e_check_bad_mac() {
    e2e_write_conf "$W/badmac.cnf" "$(e2e_flip_mac "$E2E_MAC")"
    echo data > "$W/badmac.in"
    if OPENSSL_CONF="$W/badmac.cnf" "$OPENSSL" dgst -sha256 "$W/badmac.in" > "$W/out" 2> "$W/err"; then
        fail "altered module-mac: openssl dgst -sha256 worked"
    elif grep -q "fips140 provider: module integrity failure: module-mac: does not match" "$W/err" &&
        grep -q "unsupported" "$W/err"; then
        pass "altered module-mac: dgst fails: $(grep -m1 'fips140 provider:' "$W/err")"
    else
        fail "altered module-mac: dgst failed without the provider's reason: $(head -3 "$W/err")"
    fi
}

e2e_tls_server() {
    _tn=$1 _conf=$2 _cert=$3 _key=$4
    shift 4
    port=$(e2e_free_port)
    # a fresh output file: an old one's ACCEPT must not count for this server
    rm -f "$W/$_tn.srv" "$W/$_tn.srverr"
    OPENSSL_CONF="$_conf" timeout 120 "$OPENSSL" s_server -accept "127.0.0.1:$port" -naccept 1 -rev \
        -cert "$_cert" -key "$_key" "$@" > "$W/$_tn.srv" 2> "$W/$_tn.srverr" &
    spid=$!
    e2e_bg "$spid"
    e2e_wait_for "$W/$_tn.srv" ACCEPT "$spid"
}

e2e_tls_client() {
    _tn=$1 _conf=$2 _ca=$3
    shift 3
    _line="fips140-e2e-$_tn"
    _rev=$(printf '%s\n' "$_line" | awk '{ r = ""; for (k = length($0); k > 0; k--) r = r substr($0, k, 1); print r }')
    rm -f "$W/$_tn.in" "$W/$_tn.cli" "$W/$_tn.clierr" && mkfifo "$W/$_tn.in"
    env ${E2E_CLIENT_FIPS140:+FIPS140=$E2E_CLIENT_FIPS140} OPENSSL_CONF="$_conf" timeout 120 "$OPENSSL" s_client \
        -connect "127.0.0.1:$port" -servername localhost -CAfile "$_ca" -verify_return_error "$@" \
        < "$W/$_tn.in" > "$W/$_tn.cli" 2> "$W/$_tn.clierr" &
    _cpid=$!
    exec 3> "$W/$_tn.in"
    echo "$_line" >&3 2> /dev/null
    _got=1
    e2e_wait_for "$W/$_tn.cli" "$_rev" "$_cpid" || _got=0
    exec 3>&-
    wait "$_cpid"
    crc=$?
    # a client that connected ends the server's only connection (-naccept 1): let it finish its output; one that
    # never connected (refused its own options) leaves the server waiting: stop it
    if grep -q '^CONNECTED(' "$W/$_tn.cli"; then e2e_reap "$spid"; else kill "$spid" 2> /dev/null; wait "$spid" 2> /dev/null; fi
    [ "$_got" -eq 1 ]
}
