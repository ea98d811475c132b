/* module/ec/ec_fast.c - the hooks of ec_fast.h: route P-256 and P-384 scalar multiplications to their fast paths
 * (ec_p256.c, ec_p384.c), ECDSA verification's double multiplication, and modular inversion by Fermat's little
 * theorem with a fixed 4-bit window (the exponent m - 2 is public; the base is not and is only multiplied). */
#include <string.h>
#include "ec_fast.h"

int ec_fast_mul_base(const ec_curve *c, ec_point *r, const uint8_t *k)
{
    switch (c->id) {
    case FIPS140_EC_P256: ec_p256_mul_base(r, k); return 1;
    case FIPS140_EC_P384: ec_p384_mul_base(r, k); return 1;
    default: return 0;
    }
}

int ec_fast_mul(const ec_curve *c, ec_point *r, const uint8_t *k, const ec_point *p)
{
    switch (c->id) {
    case FIPS140_EC_P256: ec_p256_mul(r, k, p); return 1;
    case FIPS140_EC_P384: ec_p384_mul(r, k, p); return 1;
    default: return 0;
    }
}

void ec_point_mul_double_vartime(const ec_curve *c, ec_point *r, const uint8_t *u1, const uint8_t *u2,
                                 const ec_point *q)
{
    ec_point b;
    switch (c->id) {
    case FIPS140_EC_P256: ec_p256_mul_double_vartime(r, u1, u2, q); return;
    case FIPS140_EC_P384: ec_p384_mul_double_vartime(r, u1, u2, q); return;
    default:
        ec_point_mul_base(c, r, u1);
        ec_point_mul(c, &b, u2, q);
        ec_point_add(c, r, r, &b);
        return;
    }
}

int ec_fast_verify_x(const ec_curve *c, const ec_point *A, const uint64_t *r)
{
    if (c->id != FIPS140_EC_P256 && c->id != FIPS140_EC_P384)
        return -1;
    unsigned L = c->p.limbs;
    uint64_t t[EC_MAX_LIMBS], v[EC_MAX_LIMBS];
    if (ec_is_zero_mask(A->z, L))
        return 0;                                /* the point at infinity: reject (§6.4.2 step 6) */
    memcpy(v, r, L * 8);                         /* r < n < p: a field element */
    for (int pass = 0; pass < 2; pass++) {
        ec_mod_to_mont(&c->p, t, v);
        ec_mod_mul(&c->p, t, t, A->z);           /* r·Z (Montgomery, like X) */
        if (memcmp(t, A->x, L * 8) == 0)
            return 1;
        uint64_t carry = 0;                      /* v = r + n; try it only when it is below p */
        for (unsigned j = 0; j < L; j++) {
            unsigned __int128 s = (unsigned __int128)v[j] + c->n.m[j] + carry;
            v[j] = (uint64_t)s;
            carry = (uint64_t)(s >> 64);
        }
        if (carry || !(ec_lt_mask(v, c->p.m, L) & 1u))
            return 0;
    }
    return 0;
}

int ec_fast_inv(const ec_mod *m, uint64_t *r, const uint64_t *a)
{
    enum { N = 6 };
    unsigned n = m->limbs;
    if (n > N)
        return 0;
    if (ec_p256_field_inv(m, r, a))
        return 1;
    if (ec_p256_scalar_inv(m, r, a))
        return 1;
    uint64_t tab[16][N], acc[N], e[N];
    memcpy(e, m->m, n * 8);
    for (unsigned j = 0, borrow = 2; j < n && borrow != 0; j++) { /* e = m - 2 (P-224's p ends in limb 1) */
        uint64_t t = e[j];
        e[j] = t - borrow;
        borrow = t < borrow;
    }
    memcpy(tab[0], m->one, n * 8);
    memcpy(tab[1], a, n * 8);
    for (int i = 2; i < 16; i++) m->mul(tab[i], tab[i - 1], a);
    memcpy(acc, m->one, n * 8);
    for (int i = (int)(16 * n) - 1; i >= 0; i--) {
        unsigned nib = (unsigned)(e[i / 16] >> (4 * (i % 16))) & 15u;
        if (i != (int)(16 * n) - 1)
            for (int s = 0; s < 4; s++) m->mul(acc, acc, acc);
        if (nib != 0) /* the exponent is public */
            m->mul(acc, acc, tab[nib]);
    }
    memcpy(r, acc, n * 8);
    fips140_wipe(tab, sizeof tab);
    fips140_wipe(acc, sizeof acc);
    return 1;
}
