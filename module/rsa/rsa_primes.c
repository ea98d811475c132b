/* module/rsa/rsa_primes.c - FIPS 186-5 Appendix A.1 prime generation for RSA key generation: the entry point
 * rsa_primes_generate, which checks the parameters of each method and dispatches to
 *   A.1.2 provable primes and A.1.4 provable primes with auxiliary provable primes (rsa_provable.c),
 *   A.1.3 random probable primes (here),
 *   A.1.5 probable primes with auxiliary provable primes and A.1.6 with auxiliary probable primes
 *   (rsa_primes_aux.c; fips140_rsa_prime_method calls them FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX and
 *   FIPS140_RSA_PRIMES_PROBABLE_PROBABLE_AUX).
 * FIPS140_RSA_PRIMES_PROVABLE is A.1.2 when bitlens are all zero and A.1.4 when the four lengths are given (A.1.2
 * is the construction of A.1.4 with N1 = N2 = 1).
 *
 * A.1.3 here draws independent candidates from the RBG (as module/bn/bn_rsaprime.c does), with the p = a mod 8 /
 * q = b mod 8 requirement of FIPS 186-5 A.1.3 set in the three low bits. A rejected candidate is discarded, so the
 * branches taken on it reveal nothing about the primes that are kept. */
#include <string.h>
#include <fips140/fips140.h>
#include <fips140/rand.h>

#include "rsa_primes_local.h"
#include "../core/ct.h"

/* floor(sqrt(2) * 2^63): a candidate whose top limb exceeds it is >= sqrt(2) * 2^(k-1) (A.1.3 step 4.4; equality of
 * the top limb is rejected too, which only discards candidates). */
#define SQRT2_TOP 0xB504F333F9DE6484ull

/* One probable prime of k bits (k a multiple of 64), A.1.3 step 4 (other == NULL) or 5 (|p - q| against other). */
static int a13_prime(uint64_t *p, size_t k, const uint64_t *e, size_t el, const uint64_t *other, unsigned a8)
{
    const size_t nl = k / 64;
    uint8_t buf[BN_MAX_LIMBS * 8];
    const int rounds = bn_mr_rounds(k);
    int rc = RSA_PRIMES_FAIL;
    /* i counts the candidates that reach the tests (step 4.7 / 5.8: at most 5k); draws stops a broken RBG */
    size_t i = 0;
    for (size_t draws = 0; i < 5 * k && draws < 100 * k; draws++) {
        if (fips140_rand_bytes(buf, nl * 8) != FIPS140_OK) {
            rc = RSA_PRIMES_RNG;
            break;
        }
        (void)bn_from_bytes(p, nl, buf, nl * 8); /* step 4.2: a k-bit string */
        if (a8)                                  /* step 4.3: odd, and p = a mod 8 when a is given */
            p[0] = (p[0] & ~(uint64_t)7) | a8;
        else
            p[0] |= 1u;
        if (p[nl - 1] <= SQRT2_TOP) /* step 4.4 */
            continue;
        if (other != NULL && !rp_far_apart(p, other, nl, k)) /* step 5.4 */
            continue;
        i++;
        int divisible = 0; /* trial division by the odd primes below 2048: a cheap first part of step 4.5 */
        for (size_t j = 0; j < rp_nsmall && !divisible; j++)
            divisible = rp_mod_small(p, nl, rp_small[j]) == 0;
        if (divisible || !rp_gcd_e_is_one(p, nl, e, el)) /* step 4.5: gcd(p - 1, e) = 1 */
            continue;
        int v = bn_miller_rabin(p, nl, rounds); /* step 4.5.1 */
        if (v < 0) {
            rc = RSA_PRIMES_RNG;
            break;
        }
        if (v == 1) {
            rc = RSA_PRIMES_OK;
            break;
        }
    }
    fips140_wipe(buf, sizeof buf);
    if (rc != RSA_PRIMES_OK)
        bn_wipe(p, nl);
    return rc;
}

static int a13_generate(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p,
                        uint64_t *q)
{
    const size_t k = pr->nbits / 2;
    int rc = a13_prime(p, k, e, el, NULL, pr->p_mod8);
    if (rc == RSA_PRIMES_OK)
        rc = a13_prime(q, k, e, el, p, pr->q_mod8);
    return rc;
}

static int mod8_ok(unsigned a)
{
    return a == 0 || (a < 8 && (a & 1u));
}

static int generate_once(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p,
                         uint64_t *q, int has_seed, int has_x, int has_aux_x, int has_bitlens);

int rsa_primes_generate(const fips140_rsa_keygen_params *params, const uint64_t *e, size_t el, uint64_t *p,
                        uint64_t *q)
{
    const fips140_rsa_keygen_params *pr = params;
    if (pr == NULL || e == NULL || p == NULL || q == NULL)
        return RSA_PRIMES_BAD_PARAMS;
    if (pr->nbits < FIPS140_RSA_MIN_BITS || pr->nbits > FIPS140_RSA_MAX_BITS || pr->nbits % 128 != 0 || el == 0 ||
        el > 4 || !mod8_ok(pr->p_mod8) || !mod8_ok(pr->q_mod8))
        return RSA_PRIMES_BAD_PARAMS;
    const int has_seed = pr->seed != NULL, has_x = pr->xp != NULL || pr->xq != NULL;
    const int has_aux_x = pr->xp1 != NULL || pr->xp2 != NULL || pr->xq1 != NULL || pr->xq2 != NULL;
    const int has_bitlens = (pr->bitlens[0] | pr->bitlens[1] | pr->bitlens[2] | pr->bitlens[3]) != 0;
    int rc = RSA_PRIMES_FAIL;
    /* A FAILURE of A.1 (no prime within the iteration limits: rare, e.g. a Shawe-Taylor step on a short length) from
     * inputs the module drew itself is followed by a fresh attempt with new randomness; with given inputs the
     * outcome is fixed and is returned. */
    for (int attempt = 0; attempt < 8 && rc == RSA_PRIMES_FAIL; attempt++) {
        rc = generate_once(pr, e, el, p, q, has_seed, has_x, has_aux_x, has_bitlens);
        if (has_seed || has_x || has_aux_x)
            break;
    }
    if (rc != RSA_PRIMES_OK) {
        bn_wipe(p, pr->nbits / 128);
        bn_wipe(q, pr->nbits / 128);
    }
    return rc;
}

static int generate_once(const fips140_rsa_keygen_params *pr, const uint64_t *e, size_t el, uint64_t *p,
                         uint64_t *q, int has_seed, int has_x, int has_aux_x, int has_bitlens)
{
    int rc;
    /* fields that do not apply to the method must be zero / NULL */
    switch (pr->method) {
    case FIPS140_RSA_PRIMES_PROBABLE: /* A.1.3 */
        if (has_seed || has_x || has_aux_x || has_bitlens || pr->hash != 0)
            return RSA_PRIMES_BAD_PARAMS;
        rc = a13_generate(pr, e, el, p, q);
        break;
    case FIPS140_RSA_PRIMES_PROVABLE: /* A.1.2, or A.1.4 with bitlens */
        if (has_x || has_aux_x)
            return RSA_PRIMES_BAD_PARAMS;
        rc = rp_provable_generate(pr, e, el, p, q);
        break;
    case FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX: /* A.1.5 */
        if (has_aux_x)
            return RSA_PRIMES_BAD_PARAMS;
        rc = rp_aux_generate(pr, e, el, p, q);
        break;
    case FIPS140_RSA_PRIMES_PROBABLE_PROBABLE_AUX: /* A.1.6 */
        if (has_seed || pr->hash != 0)
            return RSA_PRIMES_BAD_PARAMS;
        rc = rp_aux_generate(pr, e, el, p, q);
        break;
    default:
        return RSA_PRIMES_BAD_PARAMS;
    }
    return rc;
}
