/* module/core/poweron.c - the module's power-on sequence, run by a constructor when the program or shared object
 * that contains the module is loaded (FIPS 140-3 IG 10.3.A, DESIGN §2):
 *   1. read FIPS140 (an unknown setting aborts here, before main);
 *   2. the CASTs of the integrity technique: SHA2-256, then HMAC-SHA2-256 (IG 10.3.A: the algorithm of the
 *      integrity test is self-tested before it is used);
 *   3. the integrity check (core/integrity.c);
 * then the module is operational. Every other CAST runs lazily before its algorithm's first use. A failure in any
 * step prints `fips140: <what failed>: <detail>` and aborts. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <time.h>
#include "integrity.h"
#include "internal.h"

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* fips140_power_on - the load-time sequence above. Priority 101 (the first one available to programs) so that it
 * runs before constructors of the program that might already call the module. */
__attribute__((constructor(101))) static void fips140_power_on(void)
{
    uint64_t t0 = now_ns();
    fips140_mode mode = fips140_get_mode();
    (void)fips140_cast_run_lazy(CAST_SHA2_256);      /* fatal on failure; a no-op in FIPS140=off mode */
    (void)fips140_cast_run_lazy(CAST_HMAC_SHA2_256);
    uint64_t dt = fips140_integrity_check();
    if (mode == FIPS140_MODE_DEBUG)
        fprintf(stderr, "fips140: self-test passed: integrity (%llu us)\n", (unsigned long long)(dt / 1000u));
    fips140_poweron_ns = now_ns() - t0;
}
