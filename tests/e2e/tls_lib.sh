# tests/e2e/tls_lib.sh - what the two TLS end-to-end tests (test_tls.sh: openssl s_server/s_client;
# test_nginx.sh: curl -> nginx) share on top of tests/e2e/lib.sh; sourced after lib.sh and e2e_init. POSIX sh.
#
#   tls_reap PID                wait up to 60 s for background process PID to end by itself, then stop it
#   tls_bg_add PID / tls_bg_kill_all
#                               remember a background process / stop every remembered one (the scripts' EXIT trap)
#   tls_flip_mac MAC            MAC with its first byte replaced by another value (an altered module-mac)
#   tls_check_fips_only         CONF loads fips140 and base but not the default provider, and MD5 (which only the
#                               default provider has) cannot be fetched: every algorithm used comes from fips140
#   tls_check_bad_mac           with an altered module-mac the provider refuses to start and says why on stderr,
#                               and `openssl dgst -sha256` fails (nothing else may serve fips=yes); writes
#                               W/badmac.cnf for the script's own checks

tls_bg_pids=""

tls_reap() {
    _n=0
    while kill -0 "$1" 2> /dev/null && [ $_n -lt 600 ]; do
        sleep 0.1
        _n=$((_n + 1))
    done
    kill "$1" 2> /dev/null
    wait "$1" 2> /dev/null
}

tls_bg_add() { tls_bg_pids="$tls_bg_pids $1"; }

tls_bg_kill_all() {
    for _p in $tls_bg_pids; do
        kill "$_p" 2> /dev/null && wait "$_p" 2> /dev/null
    done
    tls_bg_pids=""
}

tls_flip_mac() {
    case $1 in
        00:*) echo "11:${1#??:}" ;;
        *) echo "00:${1#??:}" ;;
    esac
}

tls_check_fips_only() {
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
tls_check_bad_mac() {
    e2e_write_conf "$W/badmac.cnf" "$(tls_flip_mac "$E2E_MAC")"
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
