#!/bin/sh
# tests/cli_rand.sh - `fips140 rand N [--hex]`: byte counts (raw and hex), two runs differ, bad arguments exit 2.
# Usage: cli_rand.sh path/to/fips140
CLI="$1"
fail=0
check() { if eval "$2"; then :; else echo "FAIL: $1"; fail=$((fail + 1)); fi; }
check "raw 0 bytes" '[ "$("$CLI" rand 0 | wc -c)" -eq 0 ]'
check "raw 100000 bytes" '[ "$("$CLI" rand 100000 | wc -c)" -eq 100000 ]'
check "raw 70000 bytes (two requests)" '[ "$("$CLI" rand 70000 | wc -c)" -eq 70000 ]'
a=$("$CLI" rand 32 --hex); b=$("$CLI" rand --hex 32)
check "hex: 64 lower-case hex digits" 'printf "%s" "$a" | grep -Eqx "[0-9a-f]{64}"'
check "hex: ends with a newline" '[ "$("$CLI" rand 4 --hex | wc -c)" -eq 9 ]'
check "hex 0 bytes: just a newline" '[ "$("$CLI" rand 0 --hex | wc -c)" -eq 1 ]'
check "two runs differ" '[ "$a" != "$b" ]'
for bad in "" "-1" "12x" "1 2" "--raw 4" "99999999999999999999" "0x10"; do
    # shellcheck disable=SC2086
    "$CLI" rand $bad >/dev/null 2>&1
    rc=$?
    check "rand $bad: exit 2 (got $rc)" '[ $rc -eq 2 ]'
done
echo "cli_rand: $fail failed"
[ $fail -eq 0 ]
