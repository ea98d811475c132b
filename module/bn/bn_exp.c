/* module/bn/bn_exp.c - modular exponentiation in the Montgomery domain: fixed 5-bit windows with a masked scan of
 * the whole table for secret exponents (HAC 14.82 left-to-right k-ary, without the data-dependent skips), and plain
 * square-and-multiply for public exponents. */
#include "bn/bn.h"
#include "bn/bn_x86.h"
#include "core/ct.h"

#define WIN 5
#define TABLE (1u << WIN)

/* bits [pos, pos+WIN) of e (pos public), zero above ebits' storage */
static uint32_t window_at(const uint64_t *e, size_t elimbs, size_t pos)
{
    size_t li = pos / 64, sh = pos % 64;
    uint64_t w = e[li] >> sh;
    if (sh > 64 - WIN && li + 1 < elimbs)
        w |= e[li + 1] << (64 - sh);
    return (uint32_t)(w & (TABLE - 1));
}

void bn_mod_exp(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits)
{
    if (bn_mod_exp_ifma(m, r, a, e, ebits, 1) == 0)
        return;
    const size_t nl = m->nl;
    uint64_t table[TABLE][BN_MAX_LIMBS];
    uint64_t acc[BN_MAX_LIMBS], sel[BN_MAX_LIMBS];
    bn_mont_one(m, table[0]);
    bn_to_mont(m, table[1], a);
    for (uint32_t k = 2; k < TABLE; k++)
        bn_mont_mul(m, table[k], table[k - 1], table[1]);
    bn_mont_one(m, acc);
    size_t elimbs = (ebits + 63) / 64;
    /* ebits rounded up to a whole number of windows; the bits above ebits read as zero */
    size_t nwin = (ebits + WIN - 1) / WIN;
    for (size_t wi = nwin; wi-- > 0;) {
        for (int s = 0; s < WIN; s++)
            bn_mont_mul(m, acc, acc, acc);
        uint32_t w = window_at(e, elimbs, wi * WIN);
        size_t top = wi * WIN + WIN; /* mask off bits at or above ebits (public) */
        if (top > ebits)
            w &= (1u << (WIN - (top - ebits))) - 1u;
        for (size_t j = 0; j < nl; j++)
            sel[j] = 0;
        for (uint32_t k = 0; k < TABLE; k++) {
            uint64_t mask = ct_mask_u64(ct_eq_u32(w, k) & 1u);
            for (size_t j = 0; j < nl; j++)
                sel[j] |= table[k][j] & mask;
        }
        bn_mont_mul(m, acc, acc, sel);
    }
    bn_from_mont(m, r, acc);
    for (uint32_t k = 0; k < TABLE; k++)
        bn_wipe(table[k], nl);
    bn_wipe(acc, nl);
    bn_wipe(sel, nl);
}

void bn_mod_exp_vartime(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *e, size_t ebits)
{
    if (bn_mod_exp_ifma(m, r, a, e, ebits, 0) == 0)
        return;
    uint64_t base[BN_MAX_LIMBS], acc[BN_MAX_LIMBS];
    bn_to_mont(m, base, a);
    bn_mont_one(m, acc);
    for (size_t i = ebits; i-- > 0;) {
        bn_mont_mul(m, acc, acc, acc);
        if ((e[i / 64] >> (i % 64)) & 1u) /* public exponent only */
            bn_mont_mul(m, acc, acc, base);
    }
    bn_from_mont(m, r, acc);
}

void bn_mod_exp2(const bn_mont *m1, uint64_t *r1, const uint64_t *a1, const uint64_t *e1, size_t ebits1,
                 const bn_mont *m2, uint64_t *r2, const uint64_t *a2, const uint64_t *e2, size_t ebits2)
{
    if (bn_mod_exp2_ifma(m1, r1, a1, e1, ebits1, m2, r2, a2, e2, ebits2) == 0)
        return;
    bn_mod_exp(m1, r1, a1, e1, ebits1);
    bn_mod_exp(m2, r2, a2, e2, ebits2);
}
