/* module/bn/bn_prime.c - Miller-Rabin probabilistic primality test, FIPS 186-5 Appendix B.3.1, with the round
 * counts of Table B.1, and random bases from the module's DRBG (fips140_rand_bytes). */
#include <fips140/rand.h>

#include "bn/bn.h"
#include "core/ct.h"

int bn_mr_rounds(size_t pbits)
{
    /* Table B.1, p and q with M-R only: 1024-bit (nlen 2048, 2^-112) 5; 1536-bit (nlen 3072, 2^-128) 4; 2048-bit
     * (nlen 4096, 2^-144) 4. Smaller candidates get the 1024-bit count; larger ones keep 4 (the error bound of
     * Appendix C.1 only falls as the size grows). */
    return pbits <= 1024 ? 5 : 4;
}

/* B.3.1 step 4.1-4.2: a random b with 1 < b < w - 1, by rejection over wlen-bit strings. */
static int random_base(uint64_t *b, const uint64_t *wm1, size_t n, size_t wlen)
{
    uint8_t buf[BN_MAX_BITS / 8];
    size_t blen = (wlen + 7) / 8;
    uint64_t one[BN_MAX_LIMBS];
    bn_set_word(one, 1, n);
    for (int tries = 0; tries < 1000; tries++) {
        if (fips140_rand_bytes(buf, blen) != FIPS140_OK)
            return -1;
        if (wlen % 8)
            buf[0] &= (uint8_t)((1u << (wlen % 8)) - 1u);
        if (bn_from_bytes(b, n, buf, blen) != 0)
            return -1;
        /* the rejected values are discarded; only the accepted base is used */
        if ((bn_lt_mask(one, b, n) & bn_lt_mask(b, wm1, n)) != 0)
            return 0;
    }
    return -1;
}

int bn_miller_rabin(const uint64_t *w, size_t n, int iterations)
{
    bn_mont m;
    uint64_t wm1[BN_MAX_LIMBS], mexp[BN_MAX_LIMBS], b[BN_MAX_LIMBS], z[BN_MAX_LIMBS];
    uint64_t one[BN_MAX_LIMBS], one_m[BN_MAX_LIMBS], mone_m[BN_MAX_LIMBS];
    if (n == 0 || n > BN_MAX_LIMBS || (w[0] & 1u) == 0 || w[n - 1] == 0 || (n == 1 && w[0] <= 3) || iterations < 1)
        return -1;
    if (bn_mont_init(&m, w, n) != 0)
        return -1;
    size_t wlen = bn_bits_vartime(w, n);
    /* step 1-2: w - 1 = 2^a * mexp with mexp odd. a is a property of w that the verdict's timing reveals. */
    bn_set_word(one, 1, n);
    bn_sub(wm1, w, one, n);
    size_t a = 0;
    while (((wm1[a / 64] >> (a % 64)) & 1u) == 0)
        a++;
    for (size_t i = 0; i < n; i++) {
        size_t li = i + a / 64, sh = a % 64;
        uint64_t lo = li < n ? wm1[li] >> sh : 0;
        uint64_t hi = (sh && li + 1 < n) ? wm1[li + 1] << (64 - sh) : 0;
        mexp[i] = lo | hi;
    }
    bn_mont_one(&m, one_m);
    bn_sub(mone_m, w, one_m, n); /* -1 in Montgomery form: n - (R mod n) */
    int verdict = 1;
    for (int it = 0; it < iterations && verdict; it++) {
        if (random_base(b, wm1, n, wlen) != 0) {
            verdict = -1;
            break;
        }
        bn_mod_exp(&m, z, b, mexp, wlen - a); /* step 4.3: z = b^m mod w */
        if (bn_eq_mask(z, one, n) | bn_eq_mask(z, wm1, n))
            continue; /* step 4.4 */
        bn_to_mont(&m, z, z);
        int passed = 0;
        for (size_t j = 1; j < a; j++) { /* step 4.5 */
            bn_mont_mul(&m, z, z, z);
            if (bn_eq_mask(z, mone_m, n)) {
                passed = 1;
                break;
            }
            if (bn_eq_mask(z, one_m, n))
                break;
        }
        if (!passed)
            verdict = 0; /* step 4.7: composite */
    }
    bn_wipe(b, n);
    bn_wipe(z, n);
    return verdict;
}
