/* module/bn/bn_prime.c - Miller-Rabin probabilistic primality test, FIPS 186-5 Appendix B.3.1, with the round
 * counts of Table B.1, and random bases from the module's DRBG (fips140_rand_bytes).
 *
 * The candidate w is secret (an RSA prime p or q while it is being generated). A candidate found composite is
 * discarded, so the verdict "composite" is public and may return early; a candidate that passes must leave no trace
 * of its value in the running time. What this file computes from w, and how:
 *   - a, the 2-adic valuation of w - 1 (step 2): from every limb with masks (no loop that stops at the first one);
 *   - m = (w - 1) / 2^a (step 3): a shift by a secret amount as log2(64n) masked stages of public shifts;
 *   - z = b^m mod w (step 4.3): bn_mod_exp with the exponent length of the public limb count, 64n bits;
 *   - the squarings of step 4.5: a fixed, public number per round, each one masked by "j < a" and folded into the
 *     round's verdict, so the position where z reaches -1 (or 1) is never branched on; every round runs to the end
 *     (a round that fails makes w composite, and that verdict is released before the next round);
 *   - the bases (steps 4.1-4.2): 8n bytes from the RBG (a public length), masked to wlen bits with a mask made from
 *     w's top limb without branches, then "1 < b < w - 1?" by rejection.
 * What is released besides the verdict, deliberately:
 *   - the squaring count. 62 squarings cover a <= 63 (j runs to a - 1); only when the whole low limb of w - 1 is zero
 *     (w = 1 mod 2^64, a >= 64) does a round run 64n - 2. The branch between the two reveals whether w = 1 mod 2^64:
 *     probability 2^-63 for a random odd candidate, so for the primes that are kept it reveals nothing in practice.
 *     (Always running 64n - 2 squarings would cost some 80% more per round; running exactly a - 1 would reveal a,
 *     i.e. the low a + 1 bits of each prime, about two bits on average.)
 *   - the number of base draws: each is accepted with probability (w - 3) / 2^wlen, so the count says a little
 *     about w's leading bits (for an RSA prime, already known to lie in [sqrt(2) 2^(k-1), 2^k)). This is inherent in
 *     B.3.1's "obtain a string of wlen bits, try again when b <= 1 or b >= w - 1"; the values drawn are not.
 *   - the input checks (w odd, top limb non-zero, w > 3): properties every caller gives its candidates in the open.
 * tests/ct/ct.supp names exactly these branches (bn_miller_rabin's own lines and mr_random_base). */
#include <fips140/fips140.h>
#include <fips140/rand.h>

#include "bn/bn.h"
#include "core/ct.h"

/* the squarings of step 4.5 when a <= 63: j = 1 .. a - 1 */
#define MR_SQUARINGS_SHORT 62

int bn_mr_rounds(size_t pbits)
{
    /* Table B.1, p and q with M-R only: 1024-bit (nlen 2048, 2^-112) 5; 1536-bit (nlen 3072, 2^-128) 4; 2048-bit
     * (nlen 4096, 2^-144) 4. Smaller candidates get the 1024-bit count; larger ones keep 4 (the error bound of
     * Appendix C.1 only falls as the size grows). */
    return pbits <= 1024 ? 5 : 4;
}

/* all ones when x != 0, else zero */
static uint64_t nonzero_mask(uint64_t x)
{
    return ct_barrier_u64(0 - ((x | (0 - x)) >> 63));
}

/* all ones when x < y, both below 2^63 */
static uint64_t lt_mask_small(uint64_t x, uint64_t y)
{
    return ct_barrier_u64(0 - ((x - y) >> 63));
}

/* the index of the lowest set bit of x (0 for x == 0): isolate it, then read its index bit by bit with masks */
static uint64_t ctz64(uint64_t x)
{
    uint64_t y = x & (0 - x);
    return (nonzero_mask(y & 0xffffffff00000000ull) & 32) | (nonzero_mask(y & 0xffff0000ffff0000ull) & 16) |
           (nonzero_mask(y & 0xff00ff00ff00ff00ull) & 8) | (nonzero_mask(y & 0xf0f0f0f0f0f0f0f0ull) & 4) |
           (nonzero_mask(y & 0xccccccccccccccccull) & 2) | (nonzero_mask(y & 0xaaaaaaaaaaaaaaaaull) & 1);
}

/* B.3.1 step 2: the largest a with 2^a dividing x[0..n) != 0; every limb is read, none is branched on */
static uint64_t two_adic_valuation(const uint64_t *x, size_t n)
{
    uint64_t seen = 0, a = 0; /* seen: all ones once a non-zero limb has been passed */
    for (size_t i = 0; i < n; i++) {
        uint64_t nz = nonzero_mask(x[i]);
        a += ~seen & ((~nz & 64) | (nz & ctz64(x[i])));
        seen |= nz;
    }
    return a;
}

/* r = x >> s for a secret 0 <= s < 64n: one stage per bit of s, each a public shift by 2^k kept or not by a mask */
static void shift_right_ct(uint64_t *r, const uint64_t *x, size_t n, uint64_t s)
{
    uint64_t t[BN_MAX_LIMBS];
    for (size_t i = 0; i < n; i++)
        r[i] = x[i];
    for (size_t k = 0; ((size_t)1 << k) < 64 * n; k++) {
        size_t q = ((size_t)1 << k) / 64, b = ((size_t)1 << k) % 64; /* public */
        for (size_t i = 0; i < n; i++) {
            uint64_t lo = i + q < n ? r[i + q] : 0, hi = i + q + 1 < n ? r[i + q + 1] : 0;
            t[i] = b ? (lo >> b) | (hi << (64 - b)) : lo;
        }
        bn_select(r, ct_mask_u64((uint32_t)(s >> k) & 1u), t, r, n);
    }
    bn_wipe(t, n);
}

/* 2^bitlen(x) - 1: the ones from x's top set bit down */
static uint64_t smear_down(uint64_t x)
{
    for (unsigned s = 1; s < 64; s <<= 1)
        x |= x >> s;
    return x;
}

/* B.3.1 steps 4.1-4.2: a random b with 1 < b < w - 1 from wlen-bit strings. The RBG request is 8n bytes (public);
 * the bits at wlen and above are cleared by a mask made from w's top limb. Rejected strings are discarded; only the
 * accepted base is used. Returns 0, or -1 on an RBG failure (or 1000 rejections, which a working RBG never gives:
 * each string is accepted with probability (w - 3) / 2^wlen > 1/4). */
static int mr_random_base(uint64_t *b, const uint64_t *w, const uint64_t *wm1, const uint64_t *one, size_t n)
{
    uint8_t buf[BN_MAX_LIMBS * 8];
    const uint64_t top = smear_down(w[n - 1]);
    int rc = -1;
    for (int tries = 0; tries < 1000; tries++) {
        if (fips140_rand_bytes(buf, n * 8) != FIPS140_OK)
            break;
        (void)bn_from_bytes(b, n, buf, n * 8); /* n * 8 bytes always fit */
        b[n - 1] &= top;
        if ((bn_lt_mask(one, b, n) & bn_lt_mask(b, wm1, n)) != 0) { /* released: accept or draw again */
            rc = 0;
            break;
        }
    }
    fips140_wipe(buf, sizeof buf);
    return rc;
}

/* The constants of a test of w: a, m, nsq (public), 1 and w - 1, and 1 and -1 in Montgomery form. */
typedef struct mr_ctx {
    bn_mont m;
    uint64_t wm1[BN_MAX_LIMBS], mexp[BN_MAX_LIMBS], one[BN_MAX_LIMBS], one_m[BN_MAX_LIMBS], mone_m[BN_MAX_LIMBS];
    uint64_t a;
    size_t n;
} mr_ctx;

/* B.3.1 steps 1-3 for w (already checked): w - 1 = 2^a m with m odd. */
static void mr_setup(mr_ctx *c, const uint64_t *w)
{
    const size_t n = c->n;
    bn_set_word(c->one, 1, n);
    (void)bn_sub(c->wm1, w, c->one, n);
    c->a = two_adic_valuation(c->wm1, n);
    shift_right_ct(c->mexp, c->wm1, n, c->a);
    bn_mont_one(&c->m, c->one_m);
    (void)bn_sub(c->mone_m, w, c->one_m, n); /* -1 in Montgomery form: w - (R mod w) */
}

/* B.3.1 steps 4.3-4.6 for the base b: all ones when the round passes ("continue with the next base"), zero when it
 * shows w composite (step 4.7). nsq >= a - 1 squarings run whatever happens; the ones with j >= a are masked out. */
static uint64_t mr_round(const mr_ctx *c, const uint64_t *b, size_t nsq)
{
    const size_t n = c->n;
    uint64_t z[BN_MAX_LIMBS];
    bn_mod_exp(&c->m, z, b, c->mexp, 64 * n);                        /* step 4.3: z = b^m mod w */
    uint64_t pass = bn_eq_mask(z, c->one, n) | bn_eq_mask(z, c->wm1, n); /* step 4.4 */
    bn_to_mont(&c->m, z, z);
    for (size_t j = 1; j <= nsq; j++) { /* step 4.5: j = 1 .. a - 1 */
        bn_mont_mul(&c->m, z, z, z);      /* 4.5.1: z = z^2 mod w */
        /* 4.5.2: z = w - 1 passes the round. (4.5.3, z = 1: w is composite; since 1 squares to 1 and never reaches
         * w - 1 afterwards, leaving pass untouched has the same effect.) */
        pass |= lt_mask_small(j, c->a) & bn_eq_mask(z, c->mone_m, n);
    }
    bn_wipe(z, n);
    return pass;
}

int bn_miller_rabin(const uint64_t *w, size_t n, int iterations)
{
    if (n == 0 || n > BN_MAX_LIMBS || iterations < 1)
        return -1;
    /* released: w odd with a non-zero top limb and w > 3, public properties of every caller's candidates */
    if ((w[0] & 1u) == 0 || w[n - 1] == 0 || (n == 1 && w[0] <= 3))
        return -1;
    mr_ctx c;
    c.n = n;
    if (bn_mont_init(&c.m, w, n) != 0)
        return -1;
    mr_setup(&c, w);
    /* released: w = 1 mod 2^64 (a >= 64, probability 2^-63) needs more squarings than the usual 62 (see the top) */
    volatile size_t nsq_v = MR_SQUARINGS_SHORT; /* volatile: a real branch, never a select whose result would carry */
    if (w[0] == 1)                             /* the secret into mr_round's loop bound */
        nsq_v = 64 * n - 2;
    const size_t nsq = nsq_v;
    uint64_t b[BN_MAX_LIMBS];
    int verdict = 1;
    for (int it = 0; it < iterations; it++) {
        if (mr_random_base(b, w, c.wm1, c.one, n) != 0) {
            verdict = -1;
            break;
        }
        if (mr_round(&c, b, nsq) == 0) { /* released: step 4.7, composite; the candidate is discarded */
            verdict = 0;
            break;
        }
    }
    bn_wipe(b, n);
    fips140_wipe(&c, sizeof c);
    return verdict;
}
