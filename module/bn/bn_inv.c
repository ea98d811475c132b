/* module/bn/bn_inv.c - constant-time inversion and gcd. Modulo a prime: Fermat's little theorem, a^(p-2) with the
 * constant-time bn_mod_exp. Modulo any odd m: the binary extended Euclidean algorithm (HAC 14.61, binary gcd) made
 * constant time by running a fixed number of steps and replacing every branch by masks, as in T. Pornin's
 * "Optimized Binary GCD for Modular Inversion" (2020) in its simple form: with a, b < 2^k every step at least halves
 * a*b, so 2k steps leave a == 0 and b == gcd. */
#include "bn/bn.h"
#include "core/ct.h"

typedef unsigned __int128 u128;

uint64_t bn_mod_inv_prime(const bn_mont *p, uint64_t *r, const uint64_t *a)
{
    const size_t nl = p->nl;
    uint64_t e[BN_MAX_LIMBS], two[BN_MAX_LIMBS];
    bn_set_word(two, 2, nl);
    bn_sub(e, p->n, two, nl);
    bn_mod_exp(p, r, a, e, bn_bits_vartime(p->n, nl)); /* 0^(p-2) = 0 */
    return ~bn_is_zero_mask(a, nl);
}

/* swap x and y when mask is all ones */
static void cswap(uint64_t *x, uint64_t *y, uint64_t mask, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t d = (x[i] ^ y[i]) & mask;
        x[i] ^= d;
        y[i] ^= d;
    }
}

/* x >>= 1, the bit top entering at the top */
static void shr1(uint64_t *x, uint64_t top, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        x[i] = (x[i] >> 1) | (x[i + 1] << 63);
    x[n - 1] = (x[n - 1] >> 1) | (top << 63);
}

/* x = x - (y & mask), returns the borrow */
static uint64_t sub_masked(uint64_t *x, const uint64_t *y, uint64_t mask, size_t n)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)x[i] - (y[i] & mask) - borrow;
        x[i] = (uint64_t)t;
        borrow = (uint64_t)(t >> 64) & 1u;
    }
    return borrow;
}

/* x = x + (y & mask), returns the carry */
static uint64_t add_masked(uint64_t *x, const uint64_t *y, uint64_t mask, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)x[i] + (y[i] & mask) + c;
        x[i] = (uint64_t)t;
        c = (uint64_t)(t >> 64);
    }
    return c;
}

/* The common loop. With u and v (when inv != 0): a = u x, b = v x (mod m) throughout, m = the initial b. */
static void binary_gcd(uint64_t *a, uint64_t *b, uint64_t *u, uint64_t *v, const uint64_t *m, size_t n, int inv)
{
    for (size_t step = 0; step < 2 * 64 * n; step++) {
        uint64_t odd = ct_barrier_u64(0 - (a[0] & 1u));
        uint64_t swap = odd & bn_lt_mask(a, b, n);
        cswap(a, b, swap, n);
        sub_masked(a, b, odd, n); /* a odd: a >= b, both odd, a - b even */
        shr1(a, 0, n);
        if (inv) { /* public flag */
            cswap(u, v, swap, n);
            uint64_t borrow = sub_masked(u, v, odd, n); /* u - v mod m */
            add_masked(u, m, 0 - borrow, n);
            uint64_t c = add_masked(u, m, 0 - (u[0] & 1u), n); /* u / 2 mod m: make u even first */
            shr1(u, c, n);
        }
    }
}

/* bn_mod_inv_odd: bn_inv_odd.c (optimised binary GCD, 31 steps per pass over the big numbers) */

void bn_gcd_odd(uint64_t *g, const uint64_t *x, const uint64_t *y, size_t n)
{
    uint64_t a[BN_MAX_LIMBS], b[BN_MAX_LIMBS];
    for (size_t i = 0; i < n; i++) {
        a[i] = x[i];
        b[i] = y[i];
    }
    binary_gcd(a, b, NULL, NULL, NULL, n, 0);
    for (size_t i = 0; i < n; i++)
        g[i] = b[i];
    bn_wipe(a, n);
    bn_wipe(b, n);
}
