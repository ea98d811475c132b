/* module/ec/ec_p384.c - P-384 (SP 800-186 §3.2.1.4) field arithmetic modulo p = 2^384 - 2^128 - 2^96 + 2^32 - 1
 * and the fast point multiplications of ec_fast_impl.h built on it.
 *
 * Montgomery multiplication (R = 2^384) with word-by-word reduction, -p^-1 = 2^32 + 1 mod 2^64: portable C on
 * unsigned __int128, and x86-64 inline assembly with MULX and the ADCX/ADOX carry chains (Intel SDM Vol. 2) when the
 * CPU has BMI2 and ADX. Constant time: no branches or indexes on data, final subtraction by masked selection/CMOV. */
#include <string.h>
#include "ec_internal.h"
#include "ec_fast.h"
#include "../core/ct.h"
#include "../core/internal.h"

typedef unsigned __int128 u128;

static const uint64_t P384_P[6] = {0x00000000ffffffffull, 0xffffffff00000000ull, 0xfffffffffffffffeull,
                                   0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull};
#define P384_M0INV 0x0000000100000001ull
static const uint64_t P384_N[6] = {0xecec196accc52973ull, 0x581a0db248b0a77aull, 0xc7634d81f4372ddfull,
                                   0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull};
static const uint64_t P384_N0INV = 0x6ed46089e88fdc45ull;
static const uint64_t P384_B[6] = {0x081188719d412dccull, 0xf729add87a4c32ecull, 0x77f2209b1920022eull,
                                   0xe3374bee94938ae2ull, 0xb62b21f41f022094ull, 0xcd08114b604fbff9ull};
static const uint64_t P384_ONE[6] = {0xffffffff00000001ull, 0x00000000ffffffffull, 0x0000000000000001ull, 0, 0, 0};

/* p384_reduce_select - r = t - p when t (with top bits hi) >= p, else t; t < 2p. */
static inline void p384_reduce_select(uint64_t r[6], const uint64_t t[6], uint64_t hi)
{
    uint64_t s[6], b = 0;
    for (int j = 0; j < 6; j++) {
        u128 d = (u128)t[j] - P384_P[j] - b;
        s[j] = (uint64_t)d;
        b = (uint64_t)(d >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - (uint64_t)((hi < b) & 1u));
    for (int j = 0; j < 6; j++) r[j] = ct_select_u64(keep, t[j], s[j]);
}

/* mont6_c - r = a·b·2^-384 mod m (a, b < m), portable (CIOS), for m = p or n of P-384. */
static inline __attribute__((always_inline)) void mont6_c(uint64_t r[6], const uint64_t a[6], const uint64_t b[6],
                                                          const uint64_t m[6], uint64_t m0inv)
{
    uint64_t t[8] = {0};
    for (int i = 0; i < 6; i++) {
        uint64_t c = 0, bi = b[i];
        for (int j = 0; j < 6; j++) {
            u128 v = (u128)a[j] * bi + t[j] + c;
            t[j] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        u128 v = (u128)t[6] + c;
        t[6] = (uint64_t)v;
        t[7] = (uint64_t)(v >> 64);
        uint64_t q = t[0] * m0inv;
        v = (u128)q * m[0] + t[0];
        c = (uint64_t)(v >> 64);
        for (int j = 1; j < 6; j++) {
            v = (u128)q * m[j] + t[j] + c;
            t[j - 1] = (uint64_t)v;
            c = (uint64_t)(v >> 64);
        }
        v = (u128)t[6] + c;
        t[5] = (uint64_t)v;
        t[6] = t[7] + (uint64_t)(v >> 64);
    }
    uint64_t d[6], bw = 0;
    for (int j = 0; j < 6; j++) {
        u128 e = (u128)t[j] - m[j] - bw;
        d[j] = (uint64_t)e;
        bw = (uint64_t)(e >> 64) & 1u;
    }
    uint64_t keep = ct_barrier_u64(0u - (uint64_t)((t[6] < bw) & 1u));
    for (int j = 0; j < 6; j++) r[j] = ct_select_u64(keep, t[j], d[j]);
}

static void p384_mul_c(uint64_t r[6], const uint64_t a[6], const uint64_t b[6])
{
    mont6_c(r, a, b, P384_P, P384_M0INV);
}

#if FIPS140_X86_64
#define EC_MONT_ADX_P384
#include "ec_mont_adx.h"

/* p384_add_asm / p384_sub_asm - r = a ± b mod p: the sum (difference) is stored, p subtracted (added) in the
 * registers, and CMOV takes the stored value back when that was not needed (plain x86-64, constant time). */
static inline void p384_add_asm(uint64_t r[6], const uint64_t a[6], const uint64_t b[6])
{
    uint64_t t0, t1, t2, t3, t4, t5, c;
    __asm__ volatile("movq 0(%[a]), %[t0]\n\t"
                     "movq 8(%[a]), %[t1]\n\t"
                     "movq 16(%[a]), %[t2]\n\t"
                     "movq 24(%[a]), %[t3]\n\t"
                     "movq 32(%[a]), %[t4]\n\t"
                     "movq 40(%[a]), %[t5]\n\t"
                     "xorl %k[c], %k[c]\n\t"
                     "addq 0(%[b]), %[t0]\n\t"
                     "adcq 8(%[b]), %[t1]\n\t"
                     "adcq 16(%[b]), %[t2]\n\t"
                     "adcq 24(%[b]), %[t3]\n\t"
                     "adcq 32(%[b]), %[t4]\n\t"
                     "adcq 40(%[b]), %[t5]\n\t"
                     "adcq $0, %[c]\n\t"
                     "movq %[t0], 0(%[r])\n\t"
                     "movq %[t1], 8(%[r])\n\t"
                     "movq %[t2], 16(%[r])\n\t"
                     "movq %[t3], 24(%[r])\n\t"
                     "movq %[t4], 32(%[r])\n\t"
                     "movq %[t5], 40(%[r])\n\t"
                     "subq 0+%[p], %[t0]\n\t"
                     "sbbq 8+%[p], %[t1]\n\t"
                     "sbbq 16+%[p], %[t2]\n\t"
                     "sbbq 24+%[p], %[t3]\n\t"
                     "sbbq 32+%[p], %[t4]\n\t"
                     "sbbq 40+%[p], %[t5]\n\t"
                     "sbbq $0, %[c]\n\t"
                     "cmovcq 0(%[r]), %[t0]\n\t"
                     "cmovcq 8(%[r]), %[t1]\n\t"
                     "cmovcq 16(%[r]), %[t2]\n\t"
                     "cmovcq 24(%[r]), %[t3]\n\t"
                     "cmovcq 32(%[r]), %[t4]\n\t"
                     "cmovcq 40(%[r]), %[t5]\n\t"
                     "movq %[t0], 0(%[r])\n\t"
                     "movq %[t1], 8(%[r])\n\t"
                     "movq %[t2], 16(%[r])\n\t"
                     "movq %[t3], 24(%[r])\n\t"
                     "movq %[t4], 32(%[r])\n\t"
                     "movq %[t5], 40(%[r])\n\t"
                     : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
                       [t5] "=&r"(t5), [c] "=&r"(c)
                     : [a] "r"(a), [b] "r"(b), [r] "r"(r), [p] "m"(P384_P)
                     : "cc", "memory");
}

static inline void p384_sub_asm(uint64_t r[6], const uint64_t a[6], const uint64_t b[6])
{
    uint64_t t0, t1, t2, t3, t4, t5, c;
    __asm__ volatile("movq 0(%[a]), %[t0]\n\t"
                     "movq 8(%[a]), %[t1]\n\t"
                     "movq 16(%[a]), %[t2]\n\t"
                     "movq 24(%[a]), %[t3]\n\t"
                     "movq 32(%[a]), %[t4]\n\t"
                     "movq 40(%[a]), %[t5]\n\t"
                     "subq 0(%[b]), %[t0]\n\t"
                     "sbbq 8(%[b]), %[t1]\n\t"
                     "sbbq 16(%[b]), %[t2]\n\t"
                     "sbbq 24(%[b]), %[t3]\n\t"
                     "sbbq 32(%[b]), %[t4]\n\t"
                     "sbbq 40(%[b]), %[t5]\n\t"
                     "sbbq %[c], %[c]\n\t"          /* all ones when a < b */
                     "movq %[t0], 0(%[r])\n\t"
                     "movq %[t1], 8(%[r])\n\t"
                     "movq %[t2], 16(%[r])\n\t"
                     "movq %[t3], 24(%[r])\n\t"
                     "movq %[t4], 32(%[r])\n\t"
                     "movq %[t5], 40(%[r])\n\t"
                     "addq 0+%[p], %[t0]\n\t"
                     "adcq 8+%[p], %[t1]\n\t"
                     "adcq 16+%[p], %[t2]\n\t"
                     "adcq 24+%[p], %[t3]\n\t"
                     "adcq 32+%[p], %[t4]\n\t"
                     "adcq 40+%[p], %[t5]\n\t"
                     "testq %[c], %[c]\n\t"         /* no borrow: keep the stored difference */
                     "cmovzq 0(%[r]), %[t0]\n\t"
                     "cmovzq 8(%[r]), %[t1]\n\t"
                     "cmovzq 16(%[r]), %[t2]\n\t"
                     "cmovzq 24(%[r]), %[t3]\n\t"
                     "cmovzq 32(%[r]), %[t4]\n\t"
                     "cmovzq 40(%[r]), %[t5]\n\t"
                     "movq %[t0], 0(%[r])\n\t"
                     "movq %[t1], 8(%[r])\n\t"
                     "movq %[t2], 16(%[r])\n\t"
                     "movq %[t3], 24(%[r])\n\t"
                     "movq %[t4], 32(%[r])\n\t"
                     "movq %[t5], 40(%[r])\n\t"
                     : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
                       [t5] "=&r"(t5), [c] "=&r"(c)
                     : [a] "r"(a), [b] "r"(b), [r] "r"(r), [p] "m"(P384_P)
                     : "cc", "memory");
}
#define P384_HAVE_ADX() cpu_has(FIPS140_CPU_BMI2 | FIPS140_CPU_ADX)
#endif

static inline void p384_add_c(uint64_t r[6], const uint64_t a[6], const uint64_t b[6])
{
    uint64_t t[6], c = 0;
    for (int j = 0; j < 6; j++) {
        u128 v = (u128)a[j] + b[j] + c;
        t[j] = (uint64_t)v;
        c = (uint64_t)(v >> 64);
    }
    p384_reduce_select(r, t, c);
}

static inline void p384_sub_c(uint64_t r[6], const uint64_t a[6], const uint64_t b[6])
{
    uint64_t t[6], b0 = 0, c = 0;
    for (int j = 0; j < 6; j++) {
        u128 d = (u128)a[j] - b[j] - b0;
        t[j] = (uint64_t)d;
        b0 = (uint64_t)(d >> 64) & 1u;
    }
    uint64_t mask = ct_barrier_u64(0u - b0);
    for (int j = 0; j < 6; j++) {
        u128 v = (u128)t[j] + (P384_P[j] & mask) + c;
        r[j] = (uint64_t)v;
        c = (uint64_t)(v >> 64);
    }
}

/* ---- instantiations of the point arithmetic ---- */
typedef struct p384_pt {
    uint64_t x[6], y[6], z[6];
} p384_pt;

#define FE_PT p384_pt
#define FE_N 6
#define FE_BYTES 48
#define FE_B P384_B
#define FE_ONE P384_ONE
#define COMB_W 5

#define FN(name) p384c_##name
#define FE_MUL(r, a, b) p384_mul_c((r), (a), (b))
#define FE_SQR(r, a) p384_mul_c((r), (a), (a))
#define FE_ADD(r, a, b) p384_add_c((r), (a), (b))
#define FE_SUB(r, a, b) p384_sub_c((r), (a), (b))
#include "ec_fast_impl.h"
#undef FN
#undef FE_MUL
#undef FE_SQR
#undef FE_ADD
#undef FE_SUB

#if FIPS140_X86_64
/* The ADX instantiation is also compiled for AVX2 (wider masked table scans); it only runs after
 * cpu_has(AVX2 | BMI2 | ADX). */
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
#define FN(name) p384x_##name
#define FE_MUL(r, a, b) p384_mul_adx((r), (a), (b))
#define FE_SQR(r, a) p384_mul_adx((r), (a), (a))
#define FE_ADD(r, a, b) p384_add_asm((r), (a), (b))
#define FE_SUB(r, a, b) p384_sub_asm((r), (a), (b))
#include "ec_fast_impl.h"
#undef FN
#undef FE_MUL
#undef FE_SQR
#undef FE_ADD
#undef FE_SUB
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#define P384_HAVE_ADX_AVX2() cpu_has(FIPS140_CPU_BMI2 | FIPS140_CPU_ADX | FIPS140_CPU_AVX2)
#endif

static void to_ec_point(ec_point *r, const p384_pt *p)
{
    memset(r, 0, sizeof *r);
    memcpy(r->x, p->x, 48);
    memcpy(r->y, p->y, 48);
    memcpy(r->z, p->z, 48);
}

static void from_ec_point(p384_pt *r, const ec_point *p)
{
    memcpy(r->x, p->x, 48);
    memcpy(r->y, p->y, 48);
    memcpy(r->z, p->z, 48);
}

void ec_p384_mul_base(ec_point *r, const uint8_t k[48])
{
    p384_pt t;
#if FIPS140_X86_64
    if (P384_HAVE_ADX_AVX2())
        p384x_mul_base_ct(&t, k, &ec_p384_comb[0][0][0][0]);
    else
#endif
        p384c_mul_base_ct(&t, k, &ec_p384_comb[0][0][0][0]);
    to_ec_point(r, &t);
    fips140_wipe(&t, sizeof t);
}

void ec_p384_mul(ec_point *r, const uint8_t k[48], const ec_point *p)
{
    p384_pt t, q;
    from_ec_point(&q, p);
#if FIPS140_X86_64
    if (P384_HAVE_ADX_AVX2())
        p384x_mul_ct(&t, k, &q);
    else
#endif
        p384c_mul_ct(&t, k, &q);
    to_ec_point(r, &t);
    fips140_wipe(&t, sizeof t);
    fips140_wipe(&q, sizeof q);
}

void ec_p384_mul_double_vartime(ec_point *r, const uint8_t u1[48], const uint8_t u2[48], const ec_point *q)
{
    p384_pt t, qq;
    from_ec_point(&qq, q);
#if FIPS140_X86_64
    if (P384_HAVE_ADX_AVX2())
        p384x_mul_double_vartime(&t, u1, u2, &qq, &ec_p384_comb[0][0][0][0]);
    else
#endif
        p384c_mul_double_vartime(&t, u1, u2, &qq, &ec_p384_comb[0][0][0][0]);
    to_ec_point(r, &t);
}

/* ec_p384_field_mul / ec_p384_scalar_mul - the multiplications modulo p and n for ec_mod (ec_curves.c). */
void ec_p384_field_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
#if FIPS140_X86_64
    if (P384_HAVE_ADX()) {
        p384_mul_adx(r, a, b);
        return;
    }
#endif
    p384_mul_c(r, a, b);
}

void ec_p384_scalar_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
#if FIPS140_X86_64
    if (P384_HAVE_ADX()) {
        p384_nmul_adx(r, a, b);
        return;
    }
#endif
    mont6_c(r, a, b, P384_N, P384_N0INV);
}
