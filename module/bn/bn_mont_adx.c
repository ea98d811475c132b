/* module/bn/bn_mont_adx.c - Montgomery multiplication with MULX (BMI2) and the ADX intrinsics: coarsely
 * integrated operand scanning (CIOS, Koç-Acar-Kaliski 1996), the low and high halves of each row of products added
 * by two carry chains meant for ADCX and ADOX. Compiled for those extensions in this function only. Measured slower
 * than the portable bn_mont_mul_c64 with gcc 12 and clang 14 (see bn_mont.c), so bn_mont_mul does not use it; it is
 * kept, tested and benchmarked (tests/unit/test_bn.c) as the alternative to revisit. */
#include "bn/bn.h"
#include "core/internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

__attribute__((target("bmi2,adx"))) void bn_mont_mul_adx(const bn_mont *m, uint64_t *r, const uint64_t *a,
                                                         const uint64_t *b)
{
    const size_t nl = m->nl;
    const uint64_t *n = m->n;
    unsigned long long t[BN_MAX_LIMBS + 2];
    for (size_t j = 0; j <= nl + 1; j++)
        t[j] = 0;
    for (size_t i = 0; i < nl; i++) {
        unsigned long long lo, hi, bi = b[i];
        unsigned char ca = 0, cb = 0;
        t[nl + 1] = 0;
        /* t += a * b[i]: low halves into t[j] (chain a), high halves into t[j+1] (chain b) */
        for (size_t j = 0; j < nl; j++) {
            lo = _mulx_u64(a[j], bi, &hi);
            ca = _addcarryx_u64(ca, t[j], lo, &t[j]);
            cb = _addcarryx_u64(cb, t[j + 1], hi, &t[j + 1]);
        }
        ca = _addcarryx_u64(ca, t[nl], 0, &t[nl]);
        t[nl + 1] += (unsigned long long)ca + cb;
        /* t = (t + q n) / 2^64, q = t[0] n0 mod 2^64: the same two chains, each sum stored one limb down */
        unsigned long long q = t[0] * m->n0, s;
        lo = _mulx_u64(q, n[0], &hi);
        ca = _addcarryx_u64(0, t[0], lo, &s); /* s == 0 */
        cb = _addcarryx_u64(0, t[1], hi, &t[1]);
        for (size_t j = 1; j < nl; j++) {
            lo = _mulx_u64(q, n[j], &hi);
            ca = _addcarryx_u64(ca, t[j], lo, &t[j - 1]);
            cb = _addcarryx_u64(cb, t[j + 1], hi, &t[j + 1]);
        }
        ca = _addcarryx_u64(ca, t[nl], 0, &t[nl - 1]);
        t[nl] = t[nl + 1] + ca + cb;
        (void)s;
    }
    uint64_t u[BN_MAX_LIMBS]; /* unsigned long long and uint64_t are distinct types for aliasing */
    for (size_t j = 0; j < nl; j++)
        u[j] = t[j];
    bn_cond_sub(r, t[nl], u, n, nl);
}
#else
void bn_mont_mul_adx(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    bn_mont_mul_c64(m, r, a, b);
}
#endif
