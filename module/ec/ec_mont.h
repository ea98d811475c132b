/* module/ec/ec_mont.h - Montgomery multiplication (word-by-word reduction, CIOS) inlined with a constant modulus
 * and limb count, and the complete point formulas built on them, so that each curve gets its own unrolled
 * field arithmetic (instantiated in ec_curves.c). */
#ifndef FIPS140_EC_MONT_H
#define FIPS140_EC_MONT_H

#include "ec_internal.h"
#include <string.h>
#include "../core/ct.h"

/* mont_mul_n - r = a·b·R^-1 mod m for n limbs (a, b < m); r may alias a or b. */
static inline __attribute__((always_inline)) void mont_mul_n(const ec_mod *m, uint64_t *r, const uint64_t *a,
                                                             const uint64_t *b, unsigned n)
{
    typedef unsigned __int128 u128;
    uint64_t t[EC_MAX_LIMBS + 2] = {0};
    for (unsigned i = 0; i < n; i++) {
        uint64_t c = 0;
        for (unsigned j = 0; j < n; j++) {
            u128 v = (u128)a[j] * b[i] + t[j] + c;
            t[j] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        u128 v = (u128)t[n] + c;
        t[n] = (uint64_t)v;
        t[n + 1] = (uint64_t)(v >> 64);
        uint64_t q = t[0] * m->m0inv;
        v = (u128)q * m->m[0] + t[0];
        c = (uint64_t)(v >> 64);
        for (unsigned j = 1; j < n; j++) {
            v = (u128)q * m->m[j] + t[j] + c;
            t[j - 1] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        v = (u128)t[n] + c;
        t[n - 1] = (uint64_t)v;
        t[n] = t[n + 1] + (uint64_t)(v >> 64);
    }
    /* t < 2m: subtract m once unless that borrows past the top word. */
    uint64_t s[EC_MAX_LIMBS], borrow = 0;
    for (unsigned j = 0; j < n; j++) {
        u128 d = (u128)t[j] - m->m[j] - borrow;
        s[j] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - (uint64_t)((t[n] < borrow) & 1u)); /* t < m: keep t */
    for (unsigned j = 0; j < n; j++) r[j] = ct_select_u64(keep, t[j], s[j]);
}

/* mod_add_n / mod_sub_n - r = a ± b mod m (a, b < m), masked correction. */
static inline __attribute__((always_inline)) void mod_add_n(const ec_mod *m, uint64_t *r, const uint64_t *a,
                                                            const uint64_t *b, unsigned n)
{
    typedef unsigned __int128 u128;
    uint64_t t[EC_MAX_LIMBS], s[EC_MAX_LIMBS], carry = 0, borrow = 0;
    for (unsigned j = 0; j < n; j++) {
        u128 v = (u128)a[j] + b[j] + carry;
        t[j] = (uint64_t)v;
        carry = (uint64_t)(v >> 64);
    }
    for (unsigned j = 0; j < n; j++) {
        u128 d = (u128)t[j] - m->m[j] - borrow;
        s[j] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - (uint64_t)((carry < borrow) & 1u)); /* a + b < m */
    for (unsigned j = 0; j < n; j++) r[j] = ct_select_u64(keep, t[j], s[j]);
}

static inline __attribute__((always_inline)) void mod_sub_n(const ec_mod *m, uint64_t *r, const uint64_t *a,
                                                            const uint64_t *b, unsigned n)
{
    typedef unsigned __int128 u128;
    uint64_t t[EC_MAX_LIMBS], borrow = 0, carry = 0;
    for (unsigned j = 0; j < n; j++) {
        u128 d = (u128)a[j] - b[j] - borrow;
        t[j] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1u;
    }
    uint64_t mask = ct_barrier_u64(0u - borrow); /* a < b: add m back */
    for (unsigned j = 0; j < n; j++) {
        u128 v = (u128)t[j] + (m->m[j] & mask) + carry;
        r[j] = (uint64_t)v;
        carry = (uint64_t)(v >> 64);
    }
}

/* field_mul_n - the field multiplication of the point formulas: Montgomery with n limbs, except for P-521 (the only
 * 9-limb curve), whose p = 2^521 - 1 is reduced directly (ec_p521_mul; its elements are kept with R = 1). */
static inline __attribute__((always_inline)) void field_mul_n(const ec_curve *c, uint64_t *r, const uint64_t *a,
                                                              const uint64_t *b, unsigned n)
{
    if (n == 9)
        ec_p521_mul(r, a, b);
    else
        mont_mul_n(&c->p, r, a, b, n);
}

#define FMUL(r, a, b) field_mul_n(c, (r), (a), (b), n)
#define FADD(r, a, b) mod_add_n(&c->p, (r), (a), (b), n)
#define FSUB(r, a, b) mod_sub_n(&c->p, (r), (a), (b), n)

/* point_add_n - Renes–Costello–Batina 2016, Algorithm 4 (complete addition, a = -3). */
static inline __attribute__((always_inline)) void point_add_n(const ec_curve *c, ec_point *r, const ec_point *p,
                                                              const ec_point *q, unsigned n)
{
    uint64_t t0[EC_MAX_LIMBS], t1[EC_MAX_LIMBS], t2[EC_MAX_LIMBS], t3[EC_MAX_LIMBS], t4[EC_MAX_LIMBS];
    uint64_t X3[EC_MAX_LIMBS], Y3[EC_MAX_LIMBS], Z3[EC_MAX_LIMBS];
    const uint64_t *X1 = p->x, *Y1 = p->y, *Z1 = p->z, *X2 = q->x, *Y2 = q->y, *Z2 = q->z;
    FMUL(t0, X1, X2);  FMUL(t1, Y1, Y2);  FMUL(t2, Z1, Z2);
    FADD(t3, X1, Y1);  FADD(t4, X2, Y2);  FMUL(t3, t3, t4);
    FADD(t4, t0, t1);  FSUB(t3, t3, t4);  FADD(t4, Y1, Z1);
    FADD(X3, Y2, Z2);  FMUL(t4, t4, X3);  FADD(X3, t1, t2);
    FSUB(t4, t4, X3);  FADD(X3, X1, Z1);  FADD(Y3, X2, Z2);
    FMUL(X3, X3, Y3);  FADD(Y3, t0, t2);  FSUB(Y3, X3, Y3);
    FMUL(Z3, c->b, t2); FSUB(X3, Y3, Z3); FADD(Z3, X3, X3);
    FADD(X3, X3, Z3);  FSUB(Z3, t1, X3);  FADD(X3, t1, X3);
    FMUL(Y3, c->b, Y3); FADD(t1, t2, t2); FADD(t2, t1, t2);
    FSUB(Y3, Y3, t2);  FSUB(Y3, Y3, t0);  FADD(t1, Y3, Y3);
    FADD(Y3, t1, Y3);  FADD(t1, t0, t0);  FADD(t0, t1, t0);
    FSUB(t0, t0, t2);  FMUL(t1, t4, Y3);  FMUL(t2, t0, Y3);
    FMUL(Y3, X3, Z3);  FADD(Y3, Y3, t2);  FMUL(X3, t3, X3);
    FSUB(X3, X3, t1);  FMUL(Z3, t4, Z3);  FMUL(t1, t3, t0);
    FADD(Z3, Z3, t1);
    memcpy(r->x, X3, n * 8);
    memcpy(r->y, Y3, n * 8);
    memcpy(r->z, Z3, n * 8);
}

/* point_double_n - Renes–Costello–Batina 2016, Algorithm 6 (exception-free doubling, a = -3). */
static inline __attribute__((always_inline)) void point_double_n(const ec_curve *c, ec_point *r, const ec_point *p,
                                                                 unsigned n)
{
    uint64_t t0[EC_MAX_LIMBS], t1[EC_MAX_LIMBS], t2[EC_MAX_LIMBS], t3[EC_MAX_LIMBS];
    uint64_t X3[EC_MAX_LIMBS], Y3[EC_MAX_LIMBS], Z3[EC_MAX_LIMBS];
    const uint64_t *X = p->x, *Y = p->y, *Z = p->z;
    FMUL(t0, X, X);    FMUL(t1, Y, Y);    FMUL(t2, Z, Z);
    FMUL(t3, X, Y);    FADD(t3, t3, t3);  FMUL(Z3, X, Z);
    FADD(Z3, Z3, Z3);  FMUL(Y3, c->b, t2); FSUB(Y3, Y3, Z3);
    FADD(X3, Y3, Y3);  FADD(Y3, X3, Y3);  FSUB(X3, t1, Y3);
    FADD(Y3, t1, Y3);  FMUL(Y3, X3, Y3);  FMUL(X3, X3, t3);
    FADD(t3, t2, t2);  FADD(t2, t2, t3);  FMUL(Z3, c->b, Z3);
    FSUB(Z3, Z3, t2);  FSUB(Z3, Z3, t0);  FADD(t3, Z3, Z3);
    FADD(Z3, Z3, t3);  FADD(t3, t0, t0);  FADD(t0, t3, t0);
    FSUB(t0, t0, t2);  FMUL(t0, t0, Z3);  FADD(Y3, Y3, t0);
    FMUL(t0, Y, Z);    FADD(t0, t0, t0);  FMUL(Z3, t0, Z3);
    FSUB(X3, X3, Z3);  FMUL(Z3, t0, t1);  FADD(Z3, Z3, Z3);
    FADD(Z3, Z3, Z3);
    memcpy(r->x, X3, n * 8);
    memcpy(r->y, Y3, n * 8);
    memcpy(r->z, Z3, n * 8);
}

#undef FMUL
#undef FADD
#undef FSUB

#endif
