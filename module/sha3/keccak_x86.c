/* module/sha3/keccak_x86.c - Keccak-p[1600, 24] (FIPS 202 §3.3, §3.4) tuned for x86-64.
 *
 * Two variants of the round of keccak_internal.h, both selected by fips140_keccak_f1600() (keccak_f1600.c):
 *  - fips140_keccak_f1600_bmi: the plain round compiled for BMI1 + BMI2. chi's ~b & c is one ANDN, and the
 *    rotations become RORX, which leaves its source intact and saves register copies. About 1.3x the
 *    speed of the portable code on the build machine (RORX alone is worth ~6% of that).
 *  - fips140_keccak_f1600_x86_64: the lane-complementing transform for CPUs without ANDN: six lanes are held
 *    complemented inside the permutation, so chi needs 5 NOTs per round instead of 25 (5-10% faster than the
 *    portable code there). The state in memory keeps the normal representation: the six lanes are flipped
 *    on entry and exit.
 * Neither has a data-dependent branch or address. */
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "keccak_internal.h"

#if FIPS140_X86_64

/* fips140_keccak_f1600_bmi - only after cpu_has(FIPS140_CPU_BMI1 | FIPS140_CPU_BMI2). */
__attribute__((target("bmi,bmi2"))) void fips140_keccak_f1600_bmi(uint64_t a[25])
{
    KECCAK_LANES(a)
    KECCAK_LANES(e)
    KECCAK_LOAD(a, a);
    KECCAK_24_ROUNDS(KECCAK_ROUND)
    KECCAK_STORE(a, a);
}

/* fips140_keccak_f1600_x86_64 - baseline x86-64, lane complementing. */
void fips140_keccak_f1600_x86_64(uint64_t a[25])
{
    KECCAK_LANES(a)
    KECCAK_LANES(e)
    KECCAK_LOAD(a, a);
    KECCAK_LC_FLIP(a);
    KECCAK_24_ROUNDS(KECCAK_ROUND_LC)
    KECCAK_LC_FLIP(a);
    KECCAK_STORE(a, a);
}

#endif
