/* module/bn/bn_rsaprime.c - generation of the RSA primes p and q as probable primes, FIPS 186-5 Appendix A.1.3
 * (random candidates, the sqrt(2) * 2^(nlen/2 - 1) lower bound, gcd(p - 1, e) = 1, Miller-Rabin with the rounds of
 * Table B.1, and |p - q| > 2^(nlen/2 - 100)). Candidates come from fips140_rand_bytes. A rejected candidate is
 * discarded, so the branches taken on it reveal nothing about the primes that are kept; the accepted candidate's
 * trial divisions and tests all take the "passed" path. */
#include <fips140/fips140.h>
#include <fips140/rand.h>

#include "bn/bn.h"
#include "core/ct.h"

/* floor(sqrt(2) * 2^63): a candidate whose top 64 bits exceed it is >= sqrt(2) * 2^(k-1) (step 4.4; equality of the
 * top limb is rejected too, which only discards candidates). */
#define SQRT2_TOP 0xB504F333F9DE6484ull

/* the odd primes below 2048, by a sieve into primes[], with their reciprocals for bn_mod_word_ct in recips[];
 * returns their count */
static size_t small_primes(uint16_t *primes, uint64_t *recips)
{
    uint8_t composite[2048] = {0};
    size_t cnt = 0;
    for (uint32_t i = 3; i < 2048; i += 2) {
        if (composite[i])
            continue;
        recips[cnt] = bn_mod_word_recip(i);
        primes[cnt++] = (uint16_t)i;
        for (uint32_t j = i * i; j < 2048; j += 2 * i)
            composite[j] = 1;
    }
    return cnt;
}

/* One prime of k bits (k a multiple of 64), A.1.3 steps 4 (other == NULL) or 5 (|p - q| against other). */
static int gen_prime(uint64_t *p, size_t k, const uint64_t *e, const uint64_t *other, const uint16_t *primes,
                     const uint64_t *recips, size_t nprimes)
{
    const size_t nl = k / 64;
    uint8_t buf[BN_MAX_LIMBS * 8];
    uint64_t t[BN_MAX_LIMBS], g[BN_MAX_LIMBS], one[BN_MAX_LIMBS];
    bn_set_word(one, 1, nl);
    int rounds = bn_mr_rounds(k);
    int rc = -1;
    /* i counts the candidates that reach the primality tests (step 4.6 / 5.7; a candidate below the sqrt(2) bound or
     * too close to the other prime goes back to step 4.2 / 5.2 without counting). draws only stops a broken RBG from
     * looping for ever: about 3 draws in 10 pass the bound, so even 5 * k counted candidates take some 17 * k draws. */
    size_t i = 0;
    for (size_t draws = 0; i < 5 * k && draws < 100 * k; draws++) { /* step 4.7 / 5.8 */
        if (fips140_rand_bytes(buf, nl * 8) != FIPS140_OK)
            break;
        (void)bn_from_bytes(p, nl, buf, nl * 8); /* step 4.2: a k-bit string */
        p[0] |= 1;                                /* step 4.3: p + 1 when p is even */
        if (p[nl - 1] <= SQRT2_TOP)               /* step 4.4 */
            continue;
        if (other != NULL) { /* step 5.4: |p - q| <= 2^(k - 100) is rejected */
            uint64_t d1[BN_MAX_LIMBS], d2[BN_MAX_LIMBS];
            bn_sub(d1, p, other, nl);
            uint64_t p_above = 0 - bn_sub(d2, other, p, nl); /* borrow: other < p */
            bn_select(d1, p_above, d1, d2, nl);               /* |p - q| */
            size_t lim = k - 100;
            uint64_t high = 0; /* the bits of |p - q| at 2^lim and above */
            for (size_t b = lim / 64; b < nl; b++)
                high |= b == lim / 64 ? d1[b] >> (lim % 64) : d1[b];
            uint64_t exact = 1; /* |p - q| == 2^lim */
            for (size_t b = 0; b < nl; b++)
                exact &= b == lim / 64 ? d1[b] == (1ull << (lim % 64)) : d1[b] == 0;
            if (high == 0 || exact)
                continue;
        }
        i++;
        /* trial division by the odd primes below 2048, a cheap first part of step 4.5: remainders by reciprocals
         * (bn_mod_word_ct, no DIV on the candidate); the loop stops at the first factor of a candidate that is then
         * rejected, and runs over every prime for the one that is kept */
        int divisible = 0;
        for (size_t j = 0; j < nprimes && !divisible; j++)
            divisible = bn_mod_word_ct(p, nl, primes[j], recips[j]) == 0;
        if (divisible)
            continue;
        bn_sub(t, p, one, nl);     /* step 4.5: gcd(p - 1, e) = 1 */
        bn_gcd_odd(g, t, e, nl);
        if (!bn_eq_mask(g, one, nl))
            continue;
        int v = bn_miller_rabin(p, nl, rounds); /* step 4.5.1 */
        if (v < 0)
            break;
        if (v == 1) {
            rc = 0;
            break;
        }
    }
    fips140_wipe(buf, sizeof buf);
    bn_wipe(t, nl);
    bn_wipe(g, nl);
    if (rc != 0)
        bn_wipe(p, nl);
    return rc;
}

int bn_rsa_gen_primes(uint64_t *p, uint64_t *q, size_t nlen, const uint64_t *e, size_t el)
{
    /* step 1: nlen (here a multiple of 128 from 2048 up) and 2^16 < e < 2^256 odd */
    if (nlen < 2048 || nlen % 128 != 0 || nlen / 2 > BN_MAX_BITS || el == 0 || el > nlen / 128)
        return -1;
    size_t ebits = bn_bits_vartime(e, el);
    if ((e[0] & 1u) == 0 || ebits <= 16 || ebits > 256)
        return -1;
    const size_t k = nlen / 2, nl = k / 64;
    uint64_t ee[BN_MAX_LIMBS];
    bn_set_word(ee, 0, nl);
    for (size_t i = 0; i < el; i++)
        ee[i] = e[i];
    uint16_t primes[400];
    uint64_t recips[400];
    size_t np = small_primes(primes, recips);
    if (gen_prime(p, k, ee, NULL, primes, recips, np) != 0)
        return -1;
    if (gen_prime(q, k, ee, p, primes, recips, np) != 0) {
        bn_wipe(p, nl);
        return -1;
    }
    return 0;
}
