/* module/bn/bn_core.c - byte conversions and constant-time limb-vector arithmetic (bn.h). No branch and no memory
 * address depends on a limb value; loops run over public lengths only. */
#include "bn/bn.h"
#include "core/ct.h"

typedef unsigned __int128 u128;

int bn_from_bytes(uint64_t *r, size_t n, const uint8_t *in, size_t len)
{
    uint64_t excess = 0;
    for (size_t i = 0; i < n; i++)
        r[i] = 0;
    /* byte k counted from the least significant end is in[len-1-k] */
    for (size_t k = 0; k < len; k++) {
        uint8_t b = in[len - 1 - k];
        if (k < 8 * n) /* public: the position, not the byte */
            r[k / 8] |= (uint64_t)b << (8 * (k % 8));
        else
            excess |= b;
    }
    excess = ct_barrier_u64(excess);
    return -(int)((excess | (0 - excess)) >> 63);
}

void bn_to_bytes(uint8_t *out, size_t len, const uint64_t *a, size_t n)
{
    for (size_t k = 0; k < len; k++) {
        uint8_t b = 0;
        if (k < 8 * n)
            b = (uint8_t)(a[k / 8] >> (8 * (k % 8)));
        out[len - 1 - k] = b;
    }
}

uint64_t bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] + b[i] + c;
        r[i] = (uint64_t)t;
        c = (uint64_t)(t >> 64);
    }
    return c;
}

uint64_t bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] - b[i] - borrow;
        r[i] = (uint64_t)t;
        borrow = (uint64_t)(t >> 64) & 1u;
    }
    return borrow;
}

uint64_t bn_lt_mask(const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] - b[i] - borrow;
        borrow = (uint64_t)(t >> 64) & 1u;
    }
    return ct_barrier_u64(0 - borrow);
}

uint64_t bn_is_zero_mask(const uint64_t *a, size_t n)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= a[i];
    /* (acc | -acc) has its top bit set exactly when acc != 0 */
    return ct_barrier_u64(((acc | (0 - acc)) >> 63) - 1u);
}

uint64_t bn_eq_mask(const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= a[i] ^ b[i];
    return ct_barrier_u64(((acc | (0 - acc)) >> 63) - 1u);
}

int bn_cmp(const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t lt = bn_lt_mask(a, b, n), gt = bn_lt_mask(b, a, n);
    return (int)(gt & 1u) - (int)(lt & 1u);
}

void bn_select(uint64_t *r, uint64_t mask, const uint64_t *a, const uint64_t *b, size_t n)
{
    mask = ct_barrier_u64(mask);
    for (size_t i = 0; i < n; i++)
        r[i] = (a[i] & mask) | (b[i] & ~mask);
}

void bn_cond_sub(uint64_t *r, uint64_t hi, const uint64_t *a, const uint64_t *m, size_t n)
{
    /* d = a - m over n limbs; (hi:a) >= m exactly when hi == 1 or there was no borrow */
    uint64_t borrow = 0;
    uint64_t d[BN_MAX_LIMBS];
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] - m[i] - borrow;
        d[i] = (uint64_t)t;
        borrow = (uint64_t)(t >> 64) & 1u;
    }
    /* keep d when hi - borrow does not go negative, i.e. hi >= borrow */
    uint64_t keep = ct_barrier_u64(0 - (((hi - borrow) >> 63) ^ 1u));
    for (size_t i = 0; i < n; i++)
        r[i] = (d[i] & keep) | (a[i] & ~keep);
}

size_t bn_bits_vartime(const uint64_t *a, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (a[i])
            return 64 * i + 64 - (size_t)__builtin_clzll(a[i]);
    return 0;
}

void bn_set_word(uint64_t *r, uint64_t w, size_t n)
{
    r[0] = w;
    for (size_t i = 1; i < n; i++)
        r[i] = 0;
}

void bn_wipe(uint64_t *a, size_t n)
{
    volatile uint64_t *p = a;
    for (size_t i = 0; i < n; i++)
        p[i] = 0;
}
