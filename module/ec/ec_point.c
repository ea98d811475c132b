/* module/ec/ec_point.c - point arithmetic on y^2 = x^3 - 3x + b in homogeneous projective coordinates with the
 * complete addition law of Renes, Costello and Batina, "Complete addition formulas for prime order elliptic
 * curves" (EUROCRYPT 2016), Algorithm 4 (a = -3): no exceptional cases, so doubling, adding the point at infinity
 * and adding P to -P need no branches; Algorithm 6 of the same paper doubles. Scalar multiplication uses a fixed 4-bit window whose table entries are read
 * by a masked scan of the whole table (constant time in the scalar). */
#include <string.h>
#include "ec_internal.h"
#include "ec_fast.h"
#include "../core/ct.h"

#define FMUL(r, a, b) ec_mod_mul(&c->p, (r), (a), (b))
#define FADD(r, a, b) ec_mod_add(&c->p, (r), (a), (b))
#define FSUB(r, a, b) ec_mod_sub(&c->p, (r), (a), (b))

void ec_point_add(const ec_curve *c, ec_point *r, const ec_point *p, const ec_point *q) { c->add(r, p, q); }
void ec_point_double(const ec_curve *c, ec_point *r, const ec_point *p) { c->dbl(r, p); }

static void point_set_infinity(const ec_curve *c, ec_point *r)
{
    memset(r, 0, sizeof *r);
    memcpy(r->y, c->p.one, sizeof r->y);
}

/* table_lookup - r = tab[idx] for idx in [0, 15], reading every entry. */
static void table_lookup(const ec_curve *c, ec_point *r, const ec_point tab[16], uint32_t idx)
{
    unsigned n = c->p.limbs;
    memset(r, 0, sizeof *r);
    for (uint32_t i = 0; i < 16; i++) {
        uint64_t mask = ct_mask_u64(ct_eq_u32(i, idx) & 1u);
        for (unsigned j = 0; j < n; j++) {
            r->x[j] |= tab[i].x[j] & mask;
            r->y[j] |= tab[i].y[j] & mask;
            r->z[j] |= tab[i].z[j] & mask;
        }
    }
}

void ec_point_mul(const ec_curve *c, ec_point *r, const uint8_t *k, const ec_point *p)
{
    if (ec_fast_mul(c, r, k, p))
        return;
    ec_point tab[16], acc, t;
    point_set_infinity(c, &tab[0]);
    tab[1] = *p;
    for (int i = 2; i < 16; i++) ec_point_add(c, &tab[i], &tab[i - 1], p);
    point_set_infinity(c, &acc);
    for (size_t i = 0; i < 2 * c->bytes; i++) {
        uint32_t w = (i & 1) ? (uint32_t)(k[i / 2] & 0x0f) : (uint32_t)(k[i / 2] >> 4);
        if (i != 0)
            for (int d = 0; d < 4; d++) ec_point_double(c, &acc, &acc);
        table_lookup(c, &t, tab, w);
        ec_point_add(c, &acc, &acc, &t);
    }
    *r = acc;
    fips140_wipe(tab, sizeof tab);
    fips140_wipe(&t, sizeof t);
    fips140_wipe(&acc, sizeof acc);
}

/* ec_point_mul_base - k·G = sum over the 4-bit windows k_i of k_i·16^i·G, each term read from the precomputed
 * affine table by a masked scan of its 15 entries (k_i = 0 gives the point at infinity); no doublings. With a
 * table stride s > 1 (P-521) row r holds the multiples of 16^(s·r)·G and k·G = sum_j 16^j · sum_r k_(s·r+j) ·
 * 16^(s·r)·G, evaluated by Horner's rule in j (4 doublings between the s passes). */
void ec_point_mul_base(const ec_curve *c, ec_point *r, const uint8_t *k)
{
    if (ec_fast_mul_base(c, r, k))
        return;
    unsigned n = c->p.limbs, s = c->gstride;
    ec_point acc, t;
    point_set_infinity(c, &acc);
    for (size_t pass = 0; pass < s; pass++) {
        if (pass != 0)
            for (int d = 0; d < 4; d++) ec_point_double(c, &acc, &acc);
        for (size_t i = s - 1 - pass; i < 2 * c->bytes; i += s) {
            uint8_t byte = k[c->bytes - 1 - i / 2];
            uint32_t w = (i & 1) ? (uint32_t)(byte >> 4) : (uint32_t)(byte & 0x0f);
            const uint64_t *row = c->gtab + (i / s) * 15 * 2 * n;
            memset(&t, 0, sizeof t);
            for (uint32_t j = 0; j < 15; j++) {
                uint64_t mask = ct_mask_u64(ct_eq_u32(j + 1, w) & 1u);
                for (unsigned l = 0; l < n; l++) {
                    t.x[l] |= row[(2 * j) * n + l] & mask;
                    t.y[l] |= row[(2 * j + 1) * n + l] & mask;
                }
            }
            uint64_t nz = ~ct_mask_u64(ct_is_zero_u32(w) & 1u);
            for (unsigned l = 0; l < n; l++) {
                t.z[l] = c->p.one[l] & nz;
                t.y[l] |= c->p.one[l] & ~nz;
            }
            ec_point_add(c, &acc, &acc, &t);
        }
    }
    *r = acc;
    fips140_wipe(&t, sizeof t);
    fips140_wipe(&acc, sizeof acc);
}

int ec_point_to_affine(const ec_curve *c, uint8_t *x, uint8_t *y, const ec_point *p)
{
    unsigned n = c->p.limbs;
    uint64_t zi[EC_MAX_LIMBS], t[EC_MAX_LIMBS];
    int inf = (int)(ec_is_zero_mask(p->z, n) & 1u);
    ec_mod_inv(&c->p, zi, p->z);
    FMUL(t, p->x, zi);
    ec_mod_from_mont(&c->p, t, t);
    ec_to_bytes(x, t, c->bytes);
    if (y != NULL) {
        FMUL(t, p->y, zi);
        ec_mod_from_mont(&c->p, t, t);
        ec_to_bytes(y, t, c->bytes);
    }
    return inf ? -1 : 0;
}

int ec_point_decode(const ec_curve *c, ec_point *r, const uint8_t *in, size_t len)
{
    unsigned n = c->p.limbs;
    uint64_t x[EC_MAX_LIMBS], y[EC_MAX_LIMBS], lhs[EC_MAX_LIMBS], rhs[EC_MAX_LIMBS], t[EC_MAX_LIMBS];
    /* §5.6.2.3.3 step 1: the point at infinity has no uncompressed encoding (SEC 1 §2.3.3: it is 0x00). */
    if (len != 1 + 2 * c->bytes || in[0] != 0x04)
        return -1;
    ec_from_bytes(x, in + 1, c->bytes);
    ec_from_bytes(y, in + 1 + c->bytes, c->bytes);
    /* Step 2: x and y in [0, p-1]. */
    if (!(ec_lt_mask(x, c->p.m, n) & ec_lt_mask(y, c->p.m, n) & 1u))
        return -1;
    ec_mod_to_mont(&c->p, x, x);
    ec_mod_to_mont(&c->p, y, y);
    /* Step 3: y^2 = x^3 - 3x + b (mod p). */
    FMUL(lhs, y, y);
    FMUL(rhs, x, x);
    FMUL(rhs, rhs, x);
    FADD(t, x, x);
    FADD(t, t, x);
    FSUB(rhs, rhs, t);
    FADD(rhs, rhs, c->b);
    FSUB(t, lhs, rhs);
    if (!(ec_is_zero_mask(t, n) & 1u))
        return -1;
    /* Step 4 (n·Q = O) holds for every point on a curve of prime order n with cofactor 1 (SP 800-186 §3.2.1). */
    memset(r, 0, sizeof *r);
    memcpy(r->x, x, n * 8);
    memcpy(r->y, y, n * 8);
    memcpy(r->z, c->p.one, n * 8);
    return 0;
}

int ec_scalar_check(const ec_curve *c, const uint8_t *k, size_t len)
{
    uint64_t v[EC_MAX_LIMBS];
    if (len != c->bytes)
        return -1;
    ec_from_bytes(v, k, len);
    uint64_t ok = ec_lt_mask(v, c->n.m, c->n.limbs) & ~ec_is_zero_mask(v, c->n.limbs);
    fips140_wipe(v, sizeof v);
    return (ok & 1u) ? 0 : -1;
}
