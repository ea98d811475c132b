/* module/bn/bn_inv_odd.c - constant-time inversion modulo an odd m by T. Pornin's optimised binary GCD ("Optimized
 * Binary GCD for Modular Inversion", IACR ePrint 2020/972, Algorithm 2), with k = 32: each outer iteration runs 31
 * binary-GCD steps on 64-bit approximations of a and b (their low 31 bits exact, their top 33 bits aligned on the
 * top bit of max(a, b)), collects them in a matrix of signed factors (|f|, |g| <= 2^31), and applies the matrix
 * once to the full-size a, b and to the cofactors u, v (divided by 2^31 modulo m). ceil((2 len(m) - 1) / 31) outer
 * iterations always suffice (ibid.), so the iteration count depends on the bit length of m only.
 *
 * Invariants: a == u x and b == v x (mod m), a, b >= 0. At the end b = gcd(x, m) and, when it is 1, v = x^-1.
 * Constant time: no branch and no address depends on x (the top-limb search scans every limb under masks). */
#include "bn/bn.h"
#include "core/ct.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

#define STEPS 31
#define LOW31 0x7fffffffu

/* ct_clz - leading zeros of w, 64 for w == 0, without branches (binary search under masks). */
static uint64_t ct_clz(uint64_t w)
{
    uint64_t n = 0;
    for (unsigned s = 32; s > 0; s >>= 1) {
        uint64_t top = w >> (64 - s);
        uint64_t zero = ct_barrier_u64(((top | (0 - top)) >> 63) - 1u); /* all ones when the top s bits are 0 */
        n += s & zero;
        w = (w & ~zero) | ((w << s) & zero);
    }
    return n + ((w >> 63) ^ 1u); /* after the shifts the top bit is set, unless w was 0 */
}

/* approx - a 64-bit stand-in for x: its low 31 bits (from x0), then its 33 bits from the top bit of c = a | b down
 * (bits 31..63 when c < 2^64); hi, lo and s: the limbs and the shift found by window(). */
static uint64_t approx(uint64_t x0, uint64_t hi, uint64_t lo, uint64_t s)
{
    /* top64 = (hi:lo) << s, for 0 <= s <= 64 without shifting by 64 */
    uint64_t top = ((hi << (s >> 1)) << (s - (s >> 1))) | ((lo >> ((64 - s) >> 1)) >> ((64 - s) - ((64 - s) >> 1)));
    return (x0 & LOW31) | (top & ~(uint64_t)LOW31);
}

/* window - the two limbs of a and b holding the top 64 bits of max(a, b) (at limb index >= 1), and the shift that
 * aligns them; every limb is read. */
static void window(const uint64_t *a, const uint64_t *b, size_t n, uint64_t *ah, uint64_t *al, uint64_t *bh,
                   uint64_t *bl, uint64_t *s)
{
    uint64_t found = 0;
    *ah = *al = *bh = *bl = 0;
    uint64_t ch = 0;
    for (size_t i = n; i-- > 1;) {
        uint64_t c = a[i] | b[i];
        uint64_t nz = 0 - ((c | (0 - c)) >> 63);
        uint64_t take = ct_barrier_u64((nz | (0 - (uint64_t)(i == 1))) & ~found); /* the top non-zero, or index 1 */
        *ah |= a[i] & take;
        *al |= a[i - 1] & take;
        *bh |= b[i] & take;
        *bl |= b[i - 1] & take;
        ch |= c & take;
        found |= take;
    }
    *s = ct_clz(ch);
}

/* lincomb - r[0..n] = (x f + y g) / 2^31 as a signed (two's complement) n+1-limb value; the sum is divisible by
 * 2^31 (for a, b) or made so by the caller. x, y: n limbs, non-negative. */
static void lincomb(uint64_t *r, const uint64_t *x, int64_t f, const uint64_t *y, int64_t g, size_t n)
{
    i128 c = 0;
    uint64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        c += (i128)x[i] * f + (i128)y[i] * g;
        uint64_t w = (uint64_t)c;
        c >>= 64; /* arithmetic (gcc, clang) */
        if (i > 0)
            r[i - 1] = (prev >> STEPS) | (w << (64 - STEPS));
        prev = w;
    }
    uint64_t top = (uint64_t)c;
    r[n - 1] = (prev >> STEPS) | (top << (64 - STEPS));
    r[n] = (uint64_t)((int64_t)top >> STEPS);
}

/* negate_if - x[0..n] = -x when mask is all ones (two's complement). */
static void negate_if(uint64_t *x, uint64_t mask, size_t n)
{
    uint64_t c = mask & 1u;
    for (size_t i = 0; i <= n; i++) {
        u128 t = (u128)(x[i] ^ mask) + c;
        x[i] = (uint64_t)t;
        c = (uint64_t)(t >> 64);
    }
}

/* cofactor - r = (u f + v g) / 2^31 mod m, for u, v in [0, m): the sum plus q m with q = -sum / m mod 2^31
 * (m0inv31 = -m^-1 mod 2^31) is divisible by 2^31; the quotient lies in (-m, 2m) and is brought into [0, m). */
static void cofactor(uint64_t *r, const uint64_t *u, int64_t f, const uint64_t *v, int64_t g, const uint64_t *m,
                     uint64_t m0inv31, size_t n)
{
    uint64_t t[BN_MAX_LIMBS + 1];
    uint64_t low = (uint64_t)((i128)u[0] * f + (i128)v[0] * g);
    uint64_t q = (low * m0inv31) & LOW31;
    i128 c = 0;
    uint64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        c += (i128)u[i] * f + (i128)v[i] * g + (i128)((u128)m[i] * q);
        uint64_t w = (uint64_t)c;
        c >>= 64;
        if (i > 0)
            t[i - 1] = (prev >> STEPS) | (w << (64 - STEPS));
        prev = w;
    }
    uint64_t top = (uint64_t)c;
    t[n - 1] = (prev >> STEPS) | (top << (64 - STEPS));
    t[n] = (uint64_t)((int64_t)top >> STEPS);
    /* negative: add m (then in [0, m)); else subtract m when >= m */
    uint64_t neg = 0 - (t[n] >> 63);
    uint64_t cy = 0;
    for (size_t i = 0; i < n; i++) {
        u128 s = (u128)t[i] + (m[i] & neg) + cy;
        t[i] = (uint64_t)s;
        cy = (uint64_t)(s >> 64);
    }
    t[n] += cy; /* 0 when the value was negative and is now in [0, m); unchanged otherwise */
    bn_cond_sub(r, t[n] & 1u, t, m, n);
    bn_wipe(t, n + 1);
}

uint64_t bn_mod_inv_odd(uint64_t *r, const uint64_t *x, const uint64_t *m, size_t n)
{
    uint64_t a[BN_MAX_LIMBS + 1], b[BN_MAX_LIMBS + 1], u[BN_MAX_LIMBS], v[BN_MAX_LIMBS];
    uint64_t na[BN_MAX_LIMBS + 1], nb[BN_MAX_LIMBS + 1], nu[BN_MAX_LIMBS];
    /* -m^-1 mod 2^64 by Newton's iteration (m odd) */
    uint64_t minv = m[0];
    for (int i = 0; i < 5; i++)
        minv *= 2 - m[0] * minv;
    const uint64_t m0inv31 = (0 - minv) & LOW31;
    for (size_t i = 0; i < n; i++) {
        a[i] = x[i];
        b[i] = m[i];
    }
    a[n] = b[n] = 0;
    bn_set_word(u, 1, n);
    bn_set_word(v, 0, n);
    /* one limb more than m so that the window always has two limbs */
    const size_t w = n + 1;
    const size_t len = bn_bits_vartime(m, n); /* public */
    const size_t outer = (2 * len - 1 + STEPS - 1) / STEPS;
    for (size_t it = 0; it < outer; it++) {
        uint64_t ah, al, bh, bl, s;
        window(a, b, w, &ah, &al, &bh, &bl, &s);
        uint64_t xa = approx(a[0], ah, al, s), xb = approx(b[0], bh, bl, s);
        uint64_t f0 = 1, g0 = 0, f1 = 0, g1 = 1;
        for (int j = 0; j < STEPS; j++) {
            uint64_t odd = 0 - (xa & 1u);
            uint64_t d = xa - xb;
            uint64_t lt = 0 - (((~xa & xb) | (~(xa ^ xb) & d)) >> 63); /* xa < xb */
            uint64_t swap = ct_barrier_u64(odd & lt);
            uint64_t t = (xa ^ xb) & swap;
            xa ^= t, xb ^= t;
            t = (f0 ^ f1) & swap;
            f0 ^= t, f1 ^= t;
            t = (g0 ^ g1) & swap;
            g0 ^= t, g1 ^= t;
            xa -= xb & odd;
            f0 -= f1 & odd;
            g0 -= g1 & odd;
            xa >>= 1;
            f1 <<= 1;
            g1 <<= 1;
        }
        int64_t sf0 = (int64_t)f0, sg0 = (int64_t)g0, sf1 = (int64_t)f1, sg1 = (int64_t)g1;
        lincomb(na, a, sf0, b, sg0, w - 1);
        lincomb(nb, a, sf1, b, sg1, w - 1);
        uint64_t nega = 0 - (na[w - 1] >> 63), negb = 0 - (nb[w - 1] >> 63);
        negate_if(na, nega, w - 1);
        negate_if(nb, negb, w - 1);
        sf0 = (int64_t)(((uint64_t)sf0 ^ nega) - nega);
        sg0 = (int64_t)(((uint64_t)sg0 ^ nega) - nega);
        sf1 = (int64_t)(((uint64_t)sf1 ^ negb) - negb);
        sg1 = (int64_t)(((uint64_t)sg1 ^ negb) - negb);
        for (size_t i = 0; i < w; i++) {
            a[i] = na[i];
            b[i] = nb[i];
        }
        cofactor(nu, u, sf0, v, sg0, m, m0inv31, n);
        cofactor(v, u, sf1, v, sg1, m, m0inv31, n);
        for (size_t i = 0; i < n; i++)
            u[i] = nu[i];
    }
    for (size_t i = 0; i < n; i++)
        r[i] = v[i];
    /* invertible exactly when b == 1 */
    uint64_t acc = b[0] ^ 1u;
    for (size_t i = 1; i < w; i++)
        acc |= b[i];
    uint64_t ok = ct_barrier_u64(((acc | (0 - acc)) >> 63) - 1u);
    bn_wipe(a, w);
    bn_wipe(b, w);
    bn_wipe(u, n);
    bn_wipe(v, n);
    bn_wipe(na, w);
    bn_wipe(nb, w);
    bn_wipe(nu, n);
    return ok;
}
