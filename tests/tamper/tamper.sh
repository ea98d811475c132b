#!/bin/sh
# tests/tamper/tamper.sh - tamper and inject-refusal tests for the module's integrity check (docs/INTEGRITY.md).
# Usage: tamper.sh CASE CLI LIBFIPS140_A LIBFIPS140_SO LOAD_SO "CC..." "EXTRA_FLAGS"
#   cli      a copy of the injected `fips140` with one byte of module code (then of module read-only data) flipped
#            refuses to start with "fips140: integrity check failed"; a byte flipped outside the hashed sections
#            (in the usage text it prints) does not stop it
#   shared   the same for a copy of libfips140.so loaded with dlopen by LOAD_SO
#   matrix   a small program linked with libfips140.a by each CC, PIE and non-PIE, unstripped, stripped after
#            injection and stripped before it: runs when injected, refuses to start with a flipped module byte
#   refuse   `fips140 inject` and tools/inject.py refuse (exit 1, reason, file untouched): placeholder twice,
#            placeholder missing, dynamic relocation inside a hashed section, no module, not ELF; usage: exit 2
#   agree    the CLI and the bootstrap injector write identical files; injecting twice is a no-op
set -u
CASE="$1" CLI="$2" LIBA="$3" LIBSO="$4" LOADSO="$5" CCS="$6" EXTRA="$7"
HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/../.."
PYINJ="$SRC/tools/inject.py"
PATCH="$HERE/elfpatch.py"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_tamper DESC CMD... - CMD must exit non-zero with the integrity message on stderr.
expect_tamper() {
    desc="$1"; shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ $rc -ne 0 ] && grep -q "^fips140: integrity check failed: module MAC mismatch" "$TMP/err"; then ok
    else bad "$desc: exit $rc, stderr: $(head -c 300 "$TMP/err")"; fi
}
# expect_run DESC WANT CMD... - CMD must exit 0 and print WANT.
expect_run() {
    desc="$1" want="$2"; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ $rc -eq 0 ] && grep -q "$want" "$TMP/out"; then ok
    else bad "$desc: exit $rc, stdout: $(head -c 200 "$TMP/out") stderr: $(head -c 300 "$TMP/err")"; fi
}
# expect_refuse DESC REASON FILE - both injectors exit 1 naming REASON and leave FILE as it was.
expect_refuse() {
    desc="$1" reason="$2" file="$3"
    before=$(sha256sum "$file" | cut -d' ' -f1)
    for inj in "$CLI inject" "python3 $PYINJ"; do
        $inj "$file" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        after=$(sha256sum "$file" | cut -d' ' -f1)
        if [ $rc -eq 1 ] && grep -q "$reason" "$TMP/err" && [ "$before" = "$after" ]; then ok
        else bad "$desc ($inj): exit $rc, file changed: $([ "$before" = "$after" ] && echo no || echo yes), stderr: $(cat "$TMP/err")"; fi
    done
}
# link_app CC OUT FLAGS... - tests/tamper/app.c linked with the static module (not injected).
link_app() {
    cc="$1" out="$2"; shift 2
    $cc -std=c11 $EXTRA "$@" -I"$SRC/include" "$HERE/app.c" "$LIBA" -o "$out" 2>"$TMP/ccerr" \
        || { bad "link $out with $cc $*: $(cat "$TMP/ccerr")"; return 1; }
}

case "$CASE" in
cli)
    cp "$CLI" "$TMP/fips140"
    expect_run "pristine copy" "fips140" "$TMP/fips140" --version
    for sec in fips140_text fips140_rodata; do
        cp "$CLI" "$TMP/t_$sec"
        python3 "$PATCH" flip "$TMP/t_$sec" "$sec" >/dev/null
        expect_tamper "fips140 with a byte of $sec flipped" "$TMP/t_$sec" --version
    done
    cp "$CLI" "$TMP/outside"
    python3 "$PATCH" flip-string "$TMP/outside" "exit status: 0 success" >/dev/null
    expect_run "fips140 with its usage text altered" "Exit status: 0 success" "$TMP/outside" --help
    ;;
shared)
    real=$(readlink -f "$LIBSO")
    cp "$real" "$TMP/libfips140.so"
    expect_run "pristine libfips140.so" "loaded" "$LOADSO" "$TMP/libfips140.so"
    for sec in fips140_text fips140_rodata; do
        cp "$real" "$TMP/libt_$sec.so"
        python3 "$PATCH" flip "$TMP/libt_$sec.so" "$sec" >/dev/null
        expect_tamper "libfips140.so with a byte of $sec flipped" "$LOADSO" "$TMP/libt_$sec.so"
    done
    cp "$real" "$TMP/libstripped.so"
    strip "$TMP/libstripped.so"
    expect_run "stripped libfips140.so" "loaded" "$LOADSO" "$TMP/libstripped.so"
    ;;
matrix)
    for cc in $CCS; do
        ccname=$(basename "$cc")
        for pie in pie no-pie; do
            flags="-fPIE -pie"
            [ $pie = no-pie ] && flags="-fno-pie -no-pie"
            for st in unstripped strip-after strip-before; do
                app="$TMP/app-$ccname-$pie-$st"
                link_app "$cc" "$app" $flags || continue
                [ $st = strip-before ] && strip "$app"
                "$CLI" inject "$app" >/dev/null 2>"$TMP/err" || { bad "inject $app: $(cat "$TMP/err")"; continue; }
                [ $st = strip-after ] && strip "$app"
                expect_run "$ccname $pie $st" "app ok" "$app"
                for sec in fips140_text fips140_rodata; do
                    cp "$app" "$app.$sec"
                    python3 "$PATCH" flip "$app.$sec" "$sec" >/dev/null
                    expect_tamper "$ccname $pie $st, $sec flipped" "$app.$sec"
                done
            done
        done
    done
    ;;
refuse)
    cc=${CCS%% *}
    link_app "$cc" "$TMP/app" || exit 1
    "$TMP/app" >/dev/null 2>"$TMP/err"
    if [ $? -ne 0 ] && grep -q "^fips140: integrity check failed: module not injected" "$TMP/err"; then ok
    else bad "an uninjected program must refuse to start: $(cat "$TMP/err")"; fi
    cp "$TMP/app" "$TMP/twice"
    python3 "$PATCH" add-placeholder "$TMP/twice"
    expect_refuse "placeholder twice" "placeholder appears 2 times" "$TMP/twice"
    cp "$TMP/app" "$TMP/missing"
    python3 "$PATCH" erase-placeholder "$TMP/missing"
    expect_refuse "placeholder missing" "placeholder is missing" "$TMP/missing"
    # An absolute pointer compiled without -fPIC into fips140_rodata, linked into a shared object.
    $cc -std=c11 $EXTRA -fno-pic -c "$HERE/evil.c" -o "$TMP/evil.o" \
        && $cc $EXTRA -shared -o "$TMP/evil.so" -Wl,--whole-archive "$LIBA" -Wl,--no-whole-archive "$TMP/evil.o" \
            2>"$TMP/ccerr" \
        && expect_refuse "relocation in a hashed range" "dynamic relocation in .* falls inside the hashed section fips140_rodata" "$TMP/evil.so" \
        || bad "could not build evil.so: $(cat "$TMP/ccerr")"
    cp "$(command -v sh)" "$TMP/sh"
    expect_refuse "a program without the module" "no fips140 module here" "$TMP/sh"
    echo "not an ELF file" >"$TMP/text"
    expect_refuse "a text file" "not an ELF file" "$TMP/text"
    "$CLI" inject >/dev/null 2>&1
    [ $? -eq 2 ] && ok || bad "fips140 inject without FILE: exit status must be 2"
    python3 "$PYINJ" >/dev/null 2>&1
    [ $? -eq 2 ] && ok || bad "inject.py without FILE: exit status must be 2"
    ;;
agree)
    cc=${CCS%% *}
    link_app "$cc" "$TMP/a1" || exit 1
    cp "$TMP/a1" "$TMP/a2"
    "$CLI" inject "$TMP/a1" >/dev/null && python3 "$PYINJ" "$TMP/a2" >/dev/null && cmp -s "$TMP/a1" "$TMP/a2" \
        && ok || bad "fips140 inject and tools/inject.py wrote different files"
    expect_run "injected by the CLI" "app ok" "$TMP/a1"
    expect_run "injecting again" "already injected" "$CLI" inject "$TMP/a1"
    expect_run "inject.py again" "already injected" python3 "$PYINJ" "$TMP/a2"
    expect_run "--check (CLI)" "verified" "$CLI" inject --check "$TMP/a1"
    expect_run "--check (inject.py)" "verified" python3 "$PYINJ" --check "$TMP/a1"
    expect_run "--check on the CLI itself" "verified" "$CLI" inject --check "$CLI"
    expect_run "--check on libfips140.so" "verified" "$CLI" inject --check "$LIBSO"
    cp "$TMP/a1" "$TMP/a3"
    python3 "$PATCH" flip "$TMP/a3" fips140_text >/dev/null
    "$CLI" inject --check "$TMP/a3" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] && grep -q "module MAC mismatch" "$TMP/err" && ok || bad "--check on a tampered file: $(cat "$TMP/err")"
    ;;
*)
    echo "tamper.sh: unknown case $CASE" >&2
    exit 2
    ;;
esac
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
