#!/bin/sh
# tests/module_deps.sh - the module depends on libc only (DESIGN §2): every undefined symbol of libfips140.a
# must be on this allowlist of C library functions (sanitizer runtime symbols are ignored).
# Usage: module_deps.sh path/to/libfips140.a
LIB="$1"
ALLOW="abort clock_gettime fflush fprintf fputs fwrite getenv memcmp memcpy memmove memset snprintf stderr strcmp
strcspn strlen strncmp __stack_chk_fail __tls_get_addr _GLOBAL_OFFSET_TABLE_ __errno_location __assert_fail"
# module/rand (the module RNG): pages wiped on fork, per-thread states, the seed DRBG mutex, uncredited getrandom
ALLOW="$ALLOW getpid getrandom madvise mmap munmap pthread_atfork pthread_key_create pthread_mutex_lock
pthread_mutex_unlock pthread_once pthread_setspecific"
# module/entropy (SP 800-90B source): the workload buffer, the source's mutex and its fork-child handler
ALLOW="$ALLOW mmap munmap pthread_atfork pthread_mutex_lock pthread_mutex_unlock"
# module/rsa: the opaque key object of fips140/rsa.h (fips140_rsa_key_new / fips140_rsa_key_free)
ALLOW="$ALLOW calloc free"
# clang (at -O1 and above) turns memcmp(...) == 0 into the C library's bcmp
ALLOW="$ALLOW bcmp"
bad=0
count=0
DEFINED=$(nm --defined-only "$LIB" 2>/dev/null | awk 'NF >= 3 {print $3}' | sort -u)
for sym in $(nm -u "$LIB" | awk 'NF >= 2 {print $2}' | sed 's/@.*//' | sort -u); do
    count=$((count + 1))
    case "$sym" in __asan_*|__ubsan_*|__sanitizer_*|__msan_*) continue ;; esac
    # undefined references to the module's own symbols are resolved inside the archive
    if printf '%s\n' "$DEFINED" | grep -qx -- "$sym"; then continue; fi
    ok=0
    for a in $ALLOW; do [ "$sym" = "$a" ] && ok=1 && break; done
    if [ $ok -eq 0 ]; then echo "not allowed: the module references $sym"; bad=$((bad + 1)); fi
done
echo "$((count - bad)) passed, $bad failed"
[ $bad -eq 0 ] && [ $count -gt 0 ]
