/* module/rsa/rsa_arith.c - the limb arithmetic RSA needs beyond module/bn: full products (n = p*q, e*d, the
 * Garner recombination), division by a secret divisor (d mod (p-1), lcm(p-1, q-1)) and exact division by the public
 * exponent (key generation). Loops run over public lengths; no branch or address depends on a limb value. */
#include "rsa_internal.h"
#include "../core/ct.h"

typedef unsigned __int128 u128;

void rsa_mul(uint64_t *r, const uint64_t *a, size_t al, const uint64_t *b, size_t bl)
{
    for (size_t i = 0; i < al + bl; i++)
        r[i] = 0;
    for (size_t i = 0; i < al; i++) {
        uint64_t c = 0;
        for (size_t j = 0; j < bl; j++) {
            u128 t = (u128)a[i] * b[j] + r[i + j] + c;
            r[i + j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        r[i + bl] = c;
    }
}

void rsa_divmod(uint64_t *quo, uint64_t *rem, const uint64_t *x, size_t xl, const uint64_t *m, size_t ml)
{
    uint64_t r[BN_MAX_LIMBS * 2], t[BN_MAX_LIMBS * 2];
    for (size_t j = 0; j < ml; j++)
        r[j] = 0;
    if (quo != NULL)
        for (size_t j = 0; j < xl; j++)
            quo[j] = 0;
    /* Invariant r < m. Each step: r = 2r + bit (at most 2m - 1, the bit shifted out of the top limb is hi), then
     * r -= m when hi:r >= m. */
    for (size_t i = 64 * xl; i-- > 0;) {
        uint64_t bit = (x[i / 64] >> (i % 64)) & 1u;
        uint64_t hi = r[ml - 1] >> 63;
        for (size_t j = ml; j-- > 1;)
            r[j] = (r[j] << 1) | (r[j - 1] >> 63);
        r[0] = (r[0] << 1) | bit;
        uint64_t borrow = bn_sub(t, r, m, ml);
        uint64_t take = ct_barrier_u64(0 - ((hi | (borrow ^ 1u)) & 1u));
        bn_select(r, take, t, r, ml);
        if (quo != NULL)
            quo[i / 64] |= (take & 1u) << (i % 64);
    }
    for (size_t j = 0; j < ml; j++)
        rem[j] = r[j];
    bn_wipe(r, ml);
    bn_wipe(t, ml);
}

void rsa_div_exact_public(uint64_t *r, const uint64_t *x, size_t xl, const uint64_t *e, size_t el)
{
    uint64_t t[BN_MAX_LIMBS * 2];
    /* inv = e^-1 mod 2^64 by Newton's iteration: e*e == 1 mod 8 for odd e, and each step doubles the correct bits */
    uint64_t inv = e[0];
    for (int i = 0; i < 5; i++)
        inv *= 2 - e[0] * inv;
    for (size_t i = 0; i < xl; i++)
        t[i] = x[i];
    /* Limb i of the quotient makes limb i of the remaining dividend zero: q_i = t_i * e^-1 mod 2^64; then
     * t -= q_i * e * 2^(64 i). Exactness makes the result the true quotient (Jebelean, "An algorithm for exact
     * division", 1993). */
    for (size_t i = 0; i < xl; i++) {
        uint64_t qi = t[i] * inv;
        r[i] = qi;
        uint64_t mulc = 0, br = 0;
        for (size_t j = 0; i + j < xl; j++) {
            u128 pr = (u128)qi * (j < el ? e[j] : 0) + mulc;
            mulc = (uint64_t)(pr >> 64);
            u128 s = (u128)t[i + j] - (uint64_t)pr - br;
            t[i + j] = (uint64_t)s;
            br = (uint64_t)(s >> 64) & 1u;
        }
    }
    bn_wipe(t, xl);
}
