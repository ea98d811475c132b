/* tests/tamper/poweron_time.c - how long the module's power-on sequence took in this process (load-time CASTs +
 * integrity check, measured by the constructor) and how long main() then waits for its first approved operation
 * (one SHA2-256). Prints "poweron_ns N first_op_ns M"; tests/tamper/poweron_bench.sh takes medians. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>
#include <fips140/fips140.h>
#include "core/integrity.h"

static unsigned long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

int main(void)
{
    unsigned long long t0 = now_ns();
    uint8_t d[32];
    if (fips140_hash(FIPS140_SHA256, d, sizeof d, "abc", 3) != FIPS140_OK)
        return 1;
    unsigned long long t1 = now_ns();
    printf("poweron_ns %llu first_op_ns %llu\n", (unsigned long long)fips140_poweron_ns, t1 - t0);
    return 0;
}
