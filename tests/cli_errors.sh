#!/bin/sh
# tests/cli_errors.sh - the CLI's exit codes and messages on bad input (DESIGN §3.2: 0 success, 1 failure,
# 2 usage or unsupported) and the FIPS140 environment contract (§3.3). Usage: cli_errors.sh FIPS140_BIN VECTORS_DIR
CLI="$1"
VEC="$2"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

# expect NAME WANT_EXIT PATTERN CMD... - run CMD, check its exit code and that stdout+stderr match PATTERN.
expect() {
    name="$1"; want="$2"; pattern="$3"; shift 3
    "$@" >"$TMP/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, want $want"; sed 's/^/    /' "$TMP/out" | head -5; failed=$((failed + 1)); return
    fi
    if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$TMP/out"; then
        echo "FAIL $name: output does not contain '$pattern'"; sed 's/^/    /' "$TMP/out" | head -5; failed=$((failed + 1)); return
    fi
    passed=$((passed + 1))
}

printf '{"vsId": 1, "algorithm": "ML-KEM", "mode": "keyGen", "revision": "FIPS203", "isSample": true, "testGroups": []}' >"$TMP/unsupported.json"
printf '{"vsId": 1, "algorithm": "SHA2-256", "revision": "1.0", "testGroups": [ {"tgId": 1, ' >"$TMP/truncated.json"
printf '{"vsId": 1, "algorithm": "SHA2-256", "revision": "1.0", "testGroups": [{"tgId": 1, "testType": "AFT", "tests": [{"tcId": 5, "msg": "zz", "len": 8}]}]}' >"$TMP/badhex.json"
printf '{"algorithm": "CHACHA-POLY", "schema": "x", "testGroups": []}' >"$TMP/wyche_unknown.json"

expect "acvp unsupported algorithm" 2 "ML-KEM" "$CLI" acvp "$TMP/unsupported.json"
expect "acvp malformed JSON" 1 "truncated.json" "$CLI" acvp "$TMP/truncated.json"
expect "acvp bad hex" 1 "5" "$CLI" acvp "$TMP/badhex.json"
expect "acvp missing file" 1 "nonexistent" "$CLI" acvp "$TMP/nonexistent.json"
expect "acvp no argument" 2 "" "$CLI" acvp
expect "wycheproof unknown algorithm" 2 "CHACHA-POLY" "$CLI" wycheproof "$TMP/wyche_unknown.json"
expect "unknown subcommand" 2 "" "$CLI" frobnicate
expect "speed unknown algorithm" 2 "" "$CLI" speed NOT-AN-ALG
expect "FIPS140 unknown setting" 134 'fips140: unknown FIPS140 setting "bogus"' env FIPS140=bogus "$CLI" selftest
expect "FIPS140=debug prints passed tests" 0 "self-test passed: SHA2-256" env FIPS140=debug "$CLI" selftest
expect "FIPS140_CPU unknown feature" 134 "fips140: unknown FIPS140_CPU feature" env FIPS140_CPU=-warp "$CLI" info
expect "entropy without a mode" 2 "choose one of" "$CLI" entropy
expect "entropy bad count" 2 "sample count" "$CLI" entropy --raw abc
expect "entropy unwritable output" 1 "cannot open" "$CLI" entropy --raw 10 -o "$TMP/no/such/dir/raw.bin"
expect "entropy info shows the claim" 0 "claimed min-entropy" "$CLI" entropy --info
expect "info shows the entropy source" 0 "RCT cutoff" "$CLI" info
expect "info names the module" 0 "not CMVP-validated" "$CLI" info
expect "selftest lists AES-GCM" 0 "ACVP-AES-GCM" "$CLI" selftest

# ---- runtime modes (issue 4, DESIGN §3.3). A valid HMAC-SHA2-256 case with a 64-bit key: non-approved (under 112
# bits), so FIPS140=only refuses it with the status text, and the default mode computes it.
printf '{"algorithm": "HMACSHA256", "schema": "mac_test_schema_v1.json", "testGroups": [{"type": "MacTest", "keySize": 64, "tagSize": 256, "tests": [{"tcId": 1, "comment": "64-bit key", "flags": [], "key": "0001020304050607", "msg": "616263", "tag": "d639301952b492e23d24be078f62922f9a890e85d6753fd6c3cd5372b35a2326", "result": "valid"}]}]}' >"$TMP/hmac_short_key.json"
expect "FIPS140=only refuses a short HMAC key" 1 "not allowed in FIPS140=only mode" env FIPS140=only "$CLI" wycheproof "$TMP/hmac_short_key.json"
expect "FIPS140=on allows a short HMAC key" 0 "1 passed, 0 failed" env FIPS140=on "$CLI" wycheproof "$TMP/hmac_short_key.json"
expect "FIPS140=off still runs every CAST on request" 0 "ENTROPY-STARTUP" env FIPS140=off "$CLI" selftest
expect "FIPS140=only selftest" 0 "self-tests passed" env FIPS140=only "$CLI" selftest
expect "info --json takes no other argument" 2 "usage" "$CLI" info --json extra
# FIPS140=debug lists every registered CAST: the names `fips140 selftest` reports, each on a "passed" line.
"$CLI" selftest | awk '$1 == "pass" { print $2 }' >"$TMP/casts"
env FIPS140=debug "$CLI" selftest >/dev/null 2>"$TMP/debug"
ncast=0
while read -r name; do
    ncast=$((ncast + 1))
    if grep -q "^fips140: self-test passed: $name " "$TMP/debug"; then passed=$((passed + 1)); else
        echo "FAIL FIPS140=debug: no line for CAST $name"; failed=$((failed + 1)); fi
done <"$TMP/casts"
if [ "$ncast" -gt 10 ]; then passed=$((passed + 1)); else echo "FAIL fips140 selftest listed only $ncast CASTs"; failed=$((failed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
