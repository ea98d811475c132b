/* module/core/wipe.c - zeroisation of secrets (FIPS 140-3 §7.9.7). The compiler barrier after memset keeps
 * the stores from being optimised away as dead. */
#include <string.h>
#include "internal.h"

void fips140_wipe(void *p, size_t n)
{
    if (p == NULL || n == 0)
        return;
    memset(p, 0, n);
#if defined(__GNUC__) || defined(__clang__)
    __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}
