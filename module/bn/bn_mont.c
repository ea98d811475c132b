/* module/bn/bn_mont.c - Montgomery arithmetic (P. Montgomery, "Modular multiplication without trial division",
 * Math. Comp. 44, 1985) on 64-bit limbs, R = 2^(64*nl). The path used is the portable one with unsigned __int128; the
 * MULX/ADX alternative written with intrinsics measured slower and was removed. Exponentiations of 512 bits and more
 * run in radix 2^52 with AVX-512 IFMA where the CPU has it (bn_mont_x86.c); bn_mont_init prepares its constant. */
#include "bn/bn.h"
#include "bn/bn_x86.h"
#include "core/ct.h"

typedef unsigned __int128 u128;

/* *t + x * y + *c into (*c:*t): the multiply-accumulate step of every loop below (it cannot overflow). */
static inline void mac(uint64_t *t, uint64_t x, uint64_t y, uint64_t *c)
{
    u128 u = (u128)x * y;
    uint64_t lo = (uint64_t)u, hi = (uint64_t)(u >> 64);
    lo += *t;
    hi += lo < *t;
    lo += *c;
    hi += lo < *c;
    *t = lo;
    *c = hi;
}

/* n0 = -n^-1 mod 2^64 by Newton's iteration x <- x(2 - n x): for odd n, x = n is correct to 3 bits (n^2 = 1 mod 8)
 * and each step doubles the correct bits: 3, 6, 12, 24, 48, 96. */
static uint64_t mont_n0(uint64_t n)
{
    uint64_t x = n;
    for (int i = 0; i < 5; i++)
        x *= 2 - n * x;
    return 0 - x;
}

/* r = 2r mod n for r < n (constant time). */
static void mod_double(uint64_t *r, const uint64_t *n, size_t nl)
{
    uint64_t hi = r[nl - 1] >> 63;
    for (size_t i = nl - 1; i > 0; i--)
        r[i] = (r[i] << 1) | (r[i - 1] >> 63);
    r[0] <<= 1;
    bn_cond_sub(r, hi, r, n, nl);
}

int bn_mont_init(bn_mont *m, const uint64_t *n, size_t nl)
{
    if (nl == 0 || nl > BN_MAX_LIMBS || (n[0] & 1u) == 0 || n[nl - 1] == 0 || (nl == 1 && n[0] == 1))
        return -1;
    for (size_t i = 0; i < nl; i++)
        m->n[i] = n[i];
    m->nl = nl;
    m->n0 = mont_n0(n[0]);
    /* R^2 mod n: t = 2^(64*nl + nl) mod n = R * 2^nl by doublings from 2^(b-1) < n (b = the bit length of n, a
     * public property: nl + 1 doublings for a full top limb), then six Montgomery squarings, each taking R * 2^k to
     * R * 2^(2k): R * 2^(64*nl) = R^2. Branch-free in n's value. */
    uint64_t t[BN_MAX_LIMBS];
    size_t b = bn_bits_vartime(n, nl);
    bn_set_word(t, 0, nl);
    t[(b - 1) / 64] = (uint64_t)1 << ((b - 1) % 64);
    for (size_t i = b - 1; i < 64 * nl + nl; i++)
        mod_double(t, m->n, nl);
    for (int i = 0; i < 6; i++)
        bn_mont_mul(m, t, t, t);
    for (size_t i = 0; i < nl; i++)
        m->rr[i] = t[i];
    bn_mont_init_ifma(m);
    return 0;
}

/* t[0..2nl) holds a double-length product; reduce it in place (Montgomery's REDC word by word, HAC 14.32) and write
 * t / R mod n to r. Each row adds q*n with q = t[i] * n0, clearing limb i; the row's last carry joins a running
 * carry into the limb above. The result before the final subtraction is < 2n. */
static void mont_redc(const bn_mont *m, uint64_t *r, uint64_t *t)
{
    const size_t nl = m->nl;
    const uint64_t *n = m->n;
    uint64_t top = 0;
    for (size_t i = 0; i < nl; i++) {
        uint64_t q = t[i] * m->n0, c = 0;
        uint64_t *ti = t + i;
#pragma GCC unroll 4
        for (size_t j = 0; j < nl; j++) {
            mac(&ti[j], q, n[j], &c);
        }
        u128 u = (u128)ti[nl] + c + top;
        ti[nl] = (uint64_t)u;
        top = (uint64_t)(u >> 64);
    }
    bn_cond_sub(r, top, t + nl, n, nl);
}

/* Separated operand scanning (Koç, Acar, Kaliski 1996, "SOS"): the full product, then REDC. Squarings compute each
 * cross product once, double them, and add the squares (HAC 14.16). */
void bn_mont_mul_c64(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    const size_t nl = m->nl;
    uint64_t t[2 * BN_MAX_LIMBS];
    if (a == b) {
        for (size_t k = 0; k < 2 * nl; k++)
            t[k] = 0;
        for (size_t i = 0; i + 1 < nl; i++) {
            uint64_t ai = a[i], c = 0;
            uint64_t *ti = t + 2 * i + 1;
            const uint64_t *aj = a + i + 1;
            size_t len = nl - i - 1;
#pragma GCC unroll 4
            for (size_t j = 0; j < len; j++) {
                mac(&ti[j], ai, aj[j], &c);
            }
            ti[len] = c;
        }
        uint64_t c = 0; /* double the cross products, add the squares a[i]^2 at limb 2i */
        for (size_t i = 0; i < nl; i++) {
            u128 sq = (u128)a[i] * a[i];
            uint64_t lo = t[2 * i], hi = t[2 * i + 1];
            uint64_t dlo = lo << 1, dhi = (hi << 1) | (lo >> 63), out = hi >> 63;
            u128 u = (u128)dlo + (uint64_t)sq + c;
            t[2 * i] = (uint64_t)u;
            u = (u128)dhi + (uint64_t)(sq >> 64) + (uint64_t)(u >> 64);
            t[2 * i + 1] = (uint64_t)u;
            c = (uint64_t)(u >> 64) + out;
        }
    } else {
        for (size_t k = 0; k < nl; k++)
            t[k] = 0;
        for (size_t i = 0; i < nl; i++) {
            uint64_t bi = b[i], c = 0;
            uint64_t *ti = t + i;
#pragma GCC unroll 4
            for (size_t j = 0; j < nl; j++) {
                mac(&ti[j], a[j], bi, &c);
            }
            ti[nl] = c;
        }
    }
    mont_redc(m, r, t);
}

/* The dispatch. A MULX/ADX path (written with _mulx_u64/_addcarryx_u64; removed) measured slower than this portable code with both gcc 12 and
 * clang 14, which serialise the two _addcarryx_u64 chains through the one carry flag (best of 9 runs on a shared
 * Xeon, 2048/3072/4096-bit: gcc 3.9/9.2/16.7 us vs 1.5/3.5/6.1 us; clang 2.2/5.5/9.4 us vs 1.4/3.1/6.7 us), so the
 * portable code runs on every CPU. */
void bn_mont_mul(const bn_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    bn_mont_mul_c64(m, r, a, b);
}

const char *bn_mont_impl(void)
{
    return "c64";
}

void bn_to_mont(const bn_mont *m, uint64_t *r, const uint64_t *a)
{
    bn_mont_mul(m, r, a, m->rr);
}

void bn_from_mont(const bn_mont *m, uint64_t *r, const uint64_t *a)
{
    uint64_t one[BN_MAX_LIMBS];
    bn_set_word(one, 1, m->nl);
    bn_mont_mul(m, r, a, one);
}

void bn_mont_one(const bn_mont *m, uint64_t *r)
{
    uint64_t one[BN_MAX_LIMBS];
    bn_set_word(one, 1, m->nl);
    bn_mont_mul(m, r, one, m->rr); /* 1 * R^2 / R = R */
}

void bn_reduce(const bn_mont *m, uint64_t *r, const uint64_t *a, size_t an)
{
    /* Horner in base R over nl-limb chunks of a, most significant first, kept in Montgomery form X = x R mod n:
     * X' = (x R + c) R = mont_mul(X, R^2) + mont_mul(c, R^2). A chunk c may exceed n (c < R); mont_mul(c, R^2) is
     * still exact, as c * R^2 < R n keeps its result below 2n before the final subtraction. */
    const size_t nl = m->nl;
    uint64_t x[BN_MAX_LIMBS], c[BN_MAX_LIMBS], one[BN_MAX_LIMBS];
    bn_set_word(x, 0, nl);
    size_t chunks = (an + nl - 1) / nl;
    for (size_t k = chunks; k-- > 0;) {
        for (size_t j = 0; j < nl; j++) /* public positions */
            c[j] = k * nl + j < an ? a[k * nl + j] : 0;
        bn_mont_mul(m, x, x, m->rr);
        bn_mont_mul(m, c, c, m->rr);
        uint64_t carry = bn_add(x, x, c, nl);
        bn_cond_sub(x, carry, x, m->n, nl);
    }
    bn_set_word(one, 1, nl);
    bn_mont_mul(m, r, x, one);
    bn_wipe(x, nl);
    bn_wipe(c, nl);
}
