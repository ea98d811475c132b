#!/bin/sh
# tests/install_test.sh - `make install` gives a usable package: installs the build into a temporary prefix, then
# builds and runs a small program against it twice: with pkg-config (static and shared library) and with CMake's
# find_package(fips140). Programs that link the static library get the module's integrity MAC with the documented
# post-link step (`fips140 inject`, or fips140_inject() in CMake; docs/INTEGRITY.md).
# Usage: install_test.sh BUILD_DIR C_COMPILER
set -eu
BUILD="$1"
CC="$2"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cmake --install "$BUILD" --prefix "$TMP/prefix" >/dev/null
LIBDIR=$(ls -d "$TMP"/prefix/lib*/pkgconfig | head -n1 | xargs dirname)

cat >"$TMP/app.c" <<'APP'
#include <stdio.h>
#include <fips140/fips140.h>
int main(void)
{
    uint8_t d[32];
    if (fips140_hash(FIPS140_SHA256, d, sizeof d, "abc", 3) != FIPS140_OK) return 1;
    /* FIPS 180-4 example: SHA-256("abc") starts ba7816bf */
    if (d[0] != 0xba || d[1] != 0x78 || d[2] != 0x16 || d[3] != 0xbf) return 1;
    printf("%s %s ok\n", fips140_module_name(), fips140_module_version());
    return 0;
}
APP
passed=0
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
# shared library through pkg-config
$CC -std=c11 "$TMP/app.c" $(pkg-config --cflags --libs fips140) -o "$TMP/app_shared"
LD_LIBRARY_PATH="$LIBDIR" "$TMP/app_shared" && passed=$((passed + 1))
# static library through pkg-config
$CC -std=c11 "$TMP/app.c" $(pkg-config --cflags fips140) "$LIBDIR/libfips140.a" -o "$TMP/app_static"
"$TMP/prefix/bin/fips140" inject "$TMP/app_static" >/dev/null
"$TMP/app_static" && passed=$((passed + 1))
# CMake package
mkdir -p "$TMP/cm"
cp "$TMP/app.c" "$TMP/cm/app.c"
cat >"$TMP/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(fips140 0.1 REQUIRED)
add_executable(app app.c)
target_link_libraries(app PRIVATE fips140::static)
fips140_inject(app)
CM
cmake -S "$TMP/cm" -B "$TMP/cm/build" -DCMAKE_C_COMPILER="$CC" -DCMAKE_PREFIX_PATH="$TMP/prefix" >/dev/null
cmake --build "$TMP/cm/build" >/dev/null
"$TMP/cm/build/app" && passed=$((passed + 1))
echo "$passed passed, $((3 - passed)) failed"
[ "$passed" -eq 3 ]
