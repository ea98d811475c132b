/* module/rsa/rsa_primes_aux.c - probable primes p and q built on auxiliary primes: FIPS 186-5 Appendix B.9
 * ("compute a probable prime factor based on auxiliary primes", FIPS 186-4 C.9), used by A.1.5 (auxiliary provable
 * primes from a seed, Shawe-Taylor) and A.1.6 (auxiliary probable primes: the first probable primes from xP1, xP2,
 * xQ1, xQ2). Given X values (ACVP) make the output deterministic; otherwise they come from the module RBG.
 *
 * B.9 with the mod-8 requirement (FIPS 186-5 B.9 step 4.1): Y = X + ((R - X) mod 2 r1 r2) is moved on by 2 r1 r2
 * (at most three times) until Y = a mod 8, and later candidates step by 8 r1 r2 so that they keep that residue. */
#include <string.h>
#include <fips140/fips140.h>
#include <fips140/rand.h>

#include "rsa_primes_local.h"
#include "../core/ct.h"

size_t rp_seed_len(size_t nlen)
{
    /* 2 * security strength (SP 800-56B Rev. 2 Table 2: 112, 128, 152, 176, 200 bits), rounded up to 32 bits */
    size_t ss = nlen <= 2048 ? 112 : nlen <= 3072 ? 128 : nlen <= 4096 ? 152 : nlen <= 6144 ? 176 : 200;
    return (2 * ss + 31) / 32 * 4;
}

/* FIPS 186-5 Table A.1 (from 186-4 Table B.1, extended to 4096): the auxiliary primes are longer than min bits;
 * len(p1) + len(p2) (and len(q1) + len(q2)) is below sum_provable when p and q are provable primes (A.1.4), below
 * sum_probable when they are probable primes (A.1.5, A.1.6). Moduli above 4096 bits keep the 4096-bit row. */
static void table_a1(size_t nlen, unsigned *min, unsigned *sum_provable, unsigned *sum_probable)
{
    if (nlen <= 2048) {
        *min = 140, *sum_provable = 494, *sum_probable = 1007;
    } else if (nlen <= 3072) {
        *min = 170, *sum_provable = 750, *sum_probable = 1518;
    } else {
        *min = 200, *sum_provable = 1005, *sum_probable = 2030;
    }
}

int rp_check_bitlens(const unsigned *bitlens, size_t nlen, int provable)
{
    unsigned min, sp, sq;
    table_a1(nlen, &min, &sp, &sq);
    unsigned maxsum = provable ? sp : sq;
    for (int i = 0; i < 4; i++)
        if (bitlens[i] <= min || bitlens[i] > 4096)
            return -1;
    if (bitlens[0] + bitlens[1] >= maxsum || bitlens[2] + bitlens[3] >= maxsum)
        return -1;
    return 0;
}

unsigned rp_default_bitlen(size_t nlen)
{
    unsigned min, sp, sq;
    table_a1(nlen, &min, &sp, &sq);
    return min + 1;
}

/* B.9: p[0..L/64) from the auxiliary primes r1[0..rn), r2[0..rn) (r2 odd), X given (xgiven, checked to lie in
 * [ceil(sqrt(2) 2^(L-1)), 2^L)) or drawn; xout[0..L/64) gets the X used. */
static int ppf(uint64_t *p, uint64_t *xout, const uint64_t *r1, const uint64_t *r2, size_t rn, size_t nlen,
               const uint64_t *e, size_t el, unsigned a8, const uint64_t *xgiven)
{
    const size_t L = nlen / 2, pn = L / 64, n = pn + 1;
    uint64_t inv[RP_LIMBS], R[RP_LIMBS], m[RP_LIMBS], step[RP_LIMBS], lb[RP_LIMBS], X[RP_LIMBS], Y[RP_LIMBS],
        t[RP_LIMBS], u[RP_LIMBS];
    int rc = RSA_PRIMES_FAIL;
    /* step 1: gcd(2 r1, r2) = 1 (r2 is odd) */
    if (!rp_gcd_is_one(r1, r2, rn))
        return RSA_PRIMES_FAIL;
    /* step 2: R = 1 mod 2 r1 and R = -1 mod r2: R = 1 + 2 r1 ((-r1^-1) mod r2) */
    rp_mod(t, r1, rn, r2, rn);
    if (!(bn_mod_inv_odd(inv, t, r2, rn) & 1u))
        return RSA_PRIMES_FAIL;
    (void)bn_sub(inv, r2, inv, rn);
    rp_mul(R, n, r1, rn, inv, rn);
    rp_shl1(R, n);
    (void)rp_add_word(R, n, 1);
    rp_mul(m, n, r1, rn, r2, rn); /* m = 2 r1 r2 */
    rp_shl1(m, n);
    rp_copy(step, n, m, n); /* step 10: Y + 2 r1 r2, or Y + 8 r1 r2 to keep Y mod 8 */
    if (a8) {
        rp_shl1(step, n);
        rp_shl1(step, n);
    }
    rp_sqrt2_bound(lb, L);
    rp_copy(lb, n, lb, pn);
    for (int draws = 0; draws < 64; draws++) {
        /* step 3: X in [ceil(sqrt(2) 2^(L-1)), 2^L - 1] */
        if (xgiven != NULL) {
            if (draws > 0)
                break; /* a given X admits no second draw: FAILURE */
            rp_copy(X, n, xgiven, pn);
            if (bn_lt_mask(X, lb, n)) {
                rc = RSA_PRIMES_BAD_PARAMS;
                break;
            }
        } else {
            do {
                if (rp_random_bits(X, L, 0) != 0) {
                    rc = RSA_PRIMES_RNG;
                    goto done;
                }
                rp_copy(X, n, X, pn);
            } while (bn_lt_mask(X, lb, n)); /* a rejected draw is discarded */
        }
        /* step 4: Y = X + ((R - X) mod 2 r1 r2) */
        rp_mod(t, X, n, m, n);
        (void)bn_add(u, R, m, n);
        (void)bn_sub(u, u, t, n);
        rp_mod(t, u, n, m, n);
        (void)bn_add(Y, X, t, n);
        /* step 4.1: with a, the first of Y, Y + m, Y + 2m, Y + 3m that is = a mod 8 (chosen with masks) */
        if (a8) {
            uint64_t found = 0;
            rp_copy(u, n, Y, n);
            for (int j = 0; j < 4; j++) {
                uint64_t hit = ct_mask_u64(ct_eq_u32((uint32_t)(u[0] & 7u), a8) & 1u) & ~found;
                bn_select(Y, hit, u, Y, n);
                found |= hit;
                (void)bn_add(u, u, m, n);
            }
        }
        rp_sieve sv;
        rp_sieve_init(&sv, Y, n, step, n);
        /* steps 5-10 */
        for (size_t i = 0; Y[pn] == 0;) { /* step 6: while Y < 2^L (L = 64 pn) */
            if (rp_gcd_e_is_one(Y, pn, e, el) && !rp_sieve_composite(&sv)) { /* step 7 */
                int v = bn_miller_rabin(Y, pn, bn_mr_rounds(L));
                if (v < 0) {
                    rc = RSA_PRIMES_RNG;
                    goto done;
                }
                if (v == 1) {
                    rp_copy(p, pn, Y, pn);
                    rp_copy(xout, pn, X, pn);
                    rc = RSA_PRIMES_OK;
                    goto done;
                }
            }
            if (++i >= 20 * L) /* steps 8-9 */
                goto done;
            (void)bn_add(Y, Y, step, n); /* step 10 */
            rp_sieve_step(&sv, 1);
        }
        /* Y reached 2^L: back to step 3 */
    }
done:
    bn_wipe(inv, rn);
    bn_wipe(R, n);
    bn_wipe(m, n);
    bn_wipe(step, n);
    bn_wipe(X, n);
    bn_wipe(Y, n);
    bn_wipe(t, n);
    bn_wipe(u, n);
    return rc;
}

/* load a given big-endian value into r[0..n), refusing values that do not fit or are zero */
static int load(uint64_t *r, size_t n, const uint8_t *b, size_t len)
{
    if (bn_from_bytes(r, n, b, len) != 0)
        return -1;
    return bn_is_zero_mask(r, n) ? -1 : 0;
}

/* the auxiliary primes of A.1.6 (steps 4.1-4.2 / 5.1-5.2): r[0..*rn) = the first probable prime >= xb (given) or
 * >= a random odd value of `bits` bits */
static int aux_probable(uint64_t *r, size_t *rn, const uint8_t *xb, size_t xlen, unsigned bits, size_t nlen)
{
    uint64_t x[RP_LIMBS];
    size_t xn;
    if (xb != NULL) {
        if (load(x, RP_LIMBS, xb, xlen) != 0)
            return RSA_PRIMES_BAD_PARAMS;
        x[0] |= 1u; /* an even X starts at X + 1 */
        xn = rp_limbs(rp_bits(x, RP_LIMBS));
    } else {
        if (rp_random_bits(x, bits, 1) != 0)
            return RSA_PRIMES_RNG;
        xn = rp_limbs(bits);
    }
    int rc = rp_first_probable_prime(r, x, xn, rp_mr_rounds_aux(nlen));
    *rn = xn;
    bn_wipe(x, xn);
    return rc;
}

/* a given xP / xQ: L bits at most (ppf checks the lower bound) */
static int load_x(uint64_t *x, size_t pn, const uint8_t *b, size_t len, const uint64_t **xp)
{
    *xp = NULL;
    if (b == NULL)
        return 0;
    if (load(x, pn, b, len) != 0)
        return -1;
    *xp = x;
    return 0;
}

int rp_aux_generate(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p, uint64_t *q)
{
    const size_t nlen = pr->nbits, L = nlen / 2, pn = L / 64;
    const int provable_aux = pr->method == FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX;
    unsigned bl[4];
    uint64_t r1[RP_LIMBS], r2[RP_LIMBS], xpv[RP_LIMBS], xqv[RP_LIMBS], xpu[RP_LIMBS], xqu[RP_LIMBS];
    const uint64_t *xpg, *xqg;
    size_t n1, n2;
    int rc;
    if (load_x(xpv, pn, pr->xp, pr->xplen, &xpg) != 0 || load_x(xqv, pn, pr->xq, pr->xqlen, &xqg) != 0)
        return RSA_PRIMES_BAD_PARAMS;
    const int given_aux = pr->xp1 != NULL;
    if (!provable_aux && (given_aux != (pr->xp2 != NULL) || given_aux != (pr->xq1 != NULL) ||
                          given_aux != (pr->xq2 != NULL))) /* all four or none */
        return RSA_PRIMES_BAD_PARAMS;
    const int any_bl = pr->bitlens[0] | pr->bitlens[1] | pr->bitlens[2] | pr->bitlens[3];
    for (int i = 0; i < 4; i++)
        bl[i] = any_bl ? pr->bitlens[i] : rp_default_bitlen(nlen);
    if (rp_check_bitlens(bl, nlen, 0) != 0)
        return RSA_PRIMES_BAD_PARAMS;

    rp_seed s;
    if (provable_aux) { /* A.1.5 steps 3-4: the seed */
        fips140_hash_alg h = pr->hash ? pr->hash : FIPS140_SHA256;
        if (pr->seed != NULL) {
            if (pr->seedlen < (nlen <= 2048 ? 28u : 32u) || rp_seed_set(&s, h, pr->seed, pr->seedlen) != 0)
                return RSA_PRIMES_BAD_PARAMS;
        } else {
            uint8_t sb[64];
            size_t sl = rp_seed_len(nlen);
            if (fips140_rand_bytes(sb, sl) != FIPS140_OK)
                return RSA_PRIMES_RNG;
            sb[0] |= 0x80;
            rc = rp_seed_set(&s, h, sb, sl);
            fips140_wipe(sb, sizeof sb);
            if (rc != 0)
                return RSA_PRIMES_BAD_PARAMS;
        }
    } else if (given_aux) {
        /* A.1.6: the lengths of the given X values must meet Table A.1 too */
        const uint8_t *xs[4] = {pr->xp1, pr->xp2, pr->xq1, pr->xq2};
        const size_t xl[4] = {pr->xp1len, pr->xp2len, pr->xq1len, pr->xq2len};
        unsigned gl[4];
        for (int i = 0; i < 4; i++) {
            uint64_t t[RP_LIMBS];
            if (load(t, RP_LIMBS, xs[i], xl[i]) != 0)
                return RSA_PRIMES_BAD_PARAMS;
            gl[i] = (unsigned)rp_bits(t, RP_LIMBS);
        }
        if (rp_check_bitlens(gl, nlen, 0) != 0)
            return RSA_PRIMES_BAD_PARAMS;
    }

    /* p: A.1.5 step 5 / A.1.6 step 4 */
    if (provable_aux) {
        if ((rc = rp_st_random_prime(r1, bl[0], &s)) != RSA_PRIMES_OK ||
            (rc = rp_st_random_prime(r2, bl[1], &s)) != RSA_PRIMES_OK)
            goto done;
        n1 = rp_limbs(bl[0]);
        n2 = rp_limbs(bl[1]);
    } else if ((rc = aux_probable(r1, &n1, pr->xp1, pr->xp1len, bl[0], nlen)) != RSA_PRIMES_OK ||
               (rc = aux_probable(r2, &n2, pr->xp2, pr->xp2len, bl[1], nlen)) != RSA_PRIMES_OK) {
        goto done;
    }
    size_t rn = n1 > n2 ? n1 : n2;
    rp_copy(r1, rn, r1, n1);
    rp_copy(r2, rn, r2, n2);
    if ((rc = ppf(p, xpu, r1, r2, rn, nlen, e, el, pr->p_mod8, xpg)) != RSA_PRIMES_OK)
        goto done;

    /* q: A.1.5 step 6 / A.1.6 step 5, again while |p - q| or |xP - xQ| <= 2^(nlen/2 - 100) (step 7 / 6) */
    if (provable_aux) {
        if ((rc = rp_st_random_prime(r1, bl[2], &s)) != RSA_PRIMES_OK ||
            (rc = rp_st_random_prime(r2, bl[3], &s)) != RSA_PRIMES_OK)
            goto done;
        n1 = rp_limbs(bl[2]);
        n2 = rp_limbs(bl[3]);
    } else if ((rc = aux_probable(r1, &n1, pr->xq1, pr->xq1len, bl[2], nlen)) != RSA_PRIMES_OK ||
               (rc = aux_probable(r2, &n2, pr->xq2, pr->xq2len, bl[3], nlen)) != RSA_PRIMES_OK) {
        goto done;
    }
    rn = n1 > n2 ? n1 : n2;
    rp_copy(r1, rn, r1, n1);
    rp_copy(r2, rn, r2, n2);
    for (int tries = 0;; tries++) {
        if ((rc = ppf(q, xqu, r1, r2, rn, nlen, e, el, pr->q_mod8, xqg)) != RSA_PRIMES_OK)
            goto done;
        if (rp_far_apart(p, q, pn, L) && rp_far_apart(xpu, xqu, pn, L))
            break;
        if (xqg != NULL || tries == 16) { /* a given xQ cannot be drawn again: FAILURE */
            rc = RSA_PRIMES_FAIL;
            goto done;
        }
    }
    rc = RSA_PRIMES_OK;
done:
    if (provable_aux)
        fips140_wipe(&s, sizeof s);
    bn_wipe(r1, RP_LIMBS);
    bn_wipe(r2, RP_LIMBS);
    bn_wipe(xpu, pn);
    bn_wipe(xqu, pn);
    bn_wipe(xpv, pn);
    bn_wipe(xqv, pn);
    if (rc != RSA_PRIMES_OK) {
        bn_wipe(p, pn);
        bn_wipe(q, pn);
    }
    return rc;
}
