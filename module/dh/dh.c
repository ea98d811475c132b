/* module/dh/dh.c - finite-field Diffie-Hellman over the safe-prime groups of SP 800-56A Rev. 3 Appendix D
 * (RFC 7919 ffdhe*, RFC 3526 MODP), g = 2, q = (p-1)/2: key-pair generation by testing candidates (§5.6.1.1.4)
 * with the pairwise consistency test (§5.6.2.1.4), full public-key validation (§5.6.2.3.1) and the FFC DH
 * primitive (§5.7.1.1). Generated private exponents are N = 2s bits (s the group's maximum security strength);
 * private keys given by the caller may be longer, up to len(q) bits, and are checked as §5.6.2.1.2 says
 * (1 <= x <= q-1). Private exponents never choose a branch or an address: exponentiations with them use bn_mod_exp's
 * masked fixed windows over a bit length fixed by the key's encoded length (public), never by x's value. */
#include <string.h>
#include "dh_internal.h"
#include "../core/internal.h"

static const dh_group groups[] = {
    [FIPS140_DH_FFDHE2048] = {dh_ffdhe2048_p, 32, 112},
    [FIPS140_DH_FFDHE3072] = {dh_ffdhe3072_p, 48, 128},
    [FIPS140_DH_FFDHE4096] = {dh_ffdhe4096_p, 64, 152},
    [FIPS140_DH_FFDHE6144] = {dh_ffdhe6144_p, 96, 176},
    [FIPS140_DH_FFDHE8192] = {dh_ffdhe8192_p, 128, 200},
    [FIPS140_DH_MODP2048] = {dh_modp2048_p, 32, 112},
    [FIPS140_DH_MODP3072] = {dh_modp3072_p, 48, 128},
    [FIPS140_DH_MODP4096] = {dh_modp4096_p, 64, 152},
    [FIPS140_DH_MODP6144] = {dh_modp6144_p, 96, 176},
    [FIPS140_DH_MODP8192] = {dh_modp8192_p, 128, 200},
};

const dh_group *dh_group_get(fips140_dh_group id)
{
    if ((unsigned)id >= sizeof groups / sizeof groups[0] || groups[id].p == NULL)
        return NULL;
    return &groups[id];
}

size_t fips140_dh_size(fips140_dh_group group)
{
    const dh_group *g = dh_group_get(group);
    return g ? 8u * g->limbs : 0;
}

size_t fips140_dh_priv_size(fips140_dh_group group)
{
    const dh_group *g = dh_group_get(group);
    return g ? DH_PRIV_BITS(g) / 8u : 0;
}

unsigned fips140_dh_security_strength(fips140_dh_group group)
{
    const dh_group *g = dh_group_get(group);
    return g ? g->strength : 0;
}

fips140_status fips140_dh_prime(fips140_dh_group group, uint8_t *out, size_t outlen)
{
    const dh_group *g = dh_group_get(group);
    if (out == NULL)
        return FIPS140_ERR_NULL;
    if (g == NULL)
        return FIPS140_ERR_ARG;
    if (outlen != 8u * g->limbs)
        return FIPS140_ERR_OUTPUT_LENGTH;
    bn_to_bytes(out, outlen, g->p, g->limbs);
    return FIPS140_OK;
}

void dh_mont(const dh_group *g, bn_mont *m)
{
    (void)bn_mont_init(m, g->p, g->limbs); /* p odd, top limb all ones: never fails */
}

void dh_pow_g(const dh_group *g, const bn_mont *m, uint64_t *y, const uint64_t *x, size_t xbits)
{
    uint64_t two[BN_MAX_LIMBS];
    bn_set_word(two, 2, g->limbs);
    bn_mod_exp(m, y, two, x, xbits);
}

/* dh_q - q = (p-1)/2 = p >> 1 (p odd), g->limbs limbs. */
static void dh_q(const dh_group *g, uint64_t *q)
{
    const size_t nl = g->limbs;
    for (size_t i = 0; i < nl; i++)
        q[i] = (g->p[i] >> 1) | (i + 1 < nl ? g->p[i + 1] << 63 : 0);
}

int dh_check_public(const dh_group *g, const bn_mont *m, const uint64_t *y)
{
    const size_t nl = g->limbs;
    uint64_t lim[BN_MAX_LIMBS], q[BN_MAX_LIMBS], r[BN_MAX_LIMBS];
    /* step 1: 2 <= y <= p-2 (y is public: plain comparisons) */
    bn_set_word(lim, 2, nl);
    if (bn_cmp(y, lim, nl) < 0)
        return -1;
    memcpy(lim, g->p, nl * sizeof lim[0]);
    lim[0] -= 2; /* p ends in 64 one bits: no borrow */
    if (bn_cmp(y, lim, nl) > 0)
        return -1;
    /* step 2: y^q mod p = 1, q = (p-1)/2 = p >> 1 (p odd). q and y are public; bn_mod_exp's fixed 5-bit windows
     * take about 2/3 of the time of bn_mod_exp_vartime's square-and-multiply on this dense exponent. */
    dh_q(g, q);
    bn_mod_exp(m, r, y, q, DH_Q_BITS(g));
    bn_set_word(lim, 1, nl);
    return bn_cmp(r, lim, nl) == 0 ? 0 : -1;
}

uint64_t dh_z(const dh_group *g, const bn_mont *m, uint64_t *z, const uint64_t *y, const uint64_t *x, size_t xbits)
{
    uint64_t one[BN_MAX_LIMBS];
    bn_mod_exp(m, z, y, x, xbits);
    bn_set_word(one, 1, g->limbs);
    return ~bn_eq_mask(z, one, g->limbs);
}

int dh_pct(const dh_group *g, const bn_mont *m, const uint64_t *x, size_t xbits, const uint64_t *y)
{
    uint64_t y2[BN_MAX_LIMBS];
    dh_pow_g(g, m, y2, x, xbits);
    uint64_t eq = bn_eq_mask(y2, y, g->limbs);
    bn_wipe(y2, g->limbs);
    return (eq & 1u) ? 0 : 1;
}

/* priv_load - x (g->limbs limbs) from a private key of privlen bytes, N/8 <= privlen <= len(p)/8, and the public
 * bit length *xbits that every exponentiation with it runs over.
 *
 * SP 800-56A Rev. 3 §5.6.2.1.2 (owner assurance of private-key validity): for the safe-prime groups x must lie in
 * [1, q-1], and in [1, 2^N' - 1] when the key was made with a stated maximum bit length N' (§5.6.1.1.3/4, N' >= 2s).
 * The encoding states N' = 8 * privlen (so x < 2^N' holds by construction); 8 * privlen >= len(p) > len(q) states
 * none, leaving [1, q-1]. The range test is constant time and released only as the verdict. *xbits = min(N', len(q))
 * depends on privlen alone, never on x: a short x in a long encoding costs what the longest x costs.
 * FIPS140_ERR_KEY_LENGTH for a privlen out of range, FIPS140_ERR_ARG for x = 0 or x >= q (x is then wiped). */
static fips140_status priv_load(const dh_group *g, uint64_t *x, size_t *xbits, const uint8_t *priv, size_t privlen)
{
    const size_t nl = g->limbs;
    uint64_t q[BN_MAX_LIMBS];
    if (privlen < DH_PRIV_BITS(g) / 8u || privlen > 8u * nl)
        return FIPS140_ERR_KEY_LENGTH;
    (void)bn_from_bytes(x, nl, priv, privlen); /* at most len(p) bytes: always fits */
    dh_q(g, q);
    uint64_t ok = ~bn_is_zero_mask(x, nl) & bn_lt_mask(x, q, nl);
    if ((ok & 1u) == 0) {
        bn_wipe(x, nl);
        return FIPS140_ERR_ARG;
    }
    *xbits = 8u * privlen < DH_Q_BITS(g) ? 8u * privlen : DH_Q_BITS(g);
    return FIPS140_OK;
}

/* random_priv - §5.6.1.1.4 with M = min(2^N, q) = 2^N (N <= 400 < bits of q): an N-bit candidate c from the RBG,
 * rejected when c > M - 2 (c all ones), else x = c + 1, in [1, 2^N - 1]. x is computed on N/64 + 1 limbs, so that
 * bit N has room even when N is a multiple of 64. */
static fips140_status random_priv(const dh_group *g, uint64_t *x)
{
    const size_t nbits = DH_PRIV_BITS(g), xl = nbits / 64u + 1u;
    uint8_t cand[FIPS140_DH_MAX_PRIV];
    uint64_t one[BN_MAX_LIMBS];
    bn_set_word(one, 1, xl);
    for (;;) {
        fips140_status st = fips140_rand_bytes(cand, nbits / 8u);
        if (st != FIPS140_OK) {
            fips140_wipe(cand, sizeof cand);
            return st;
        }
        (void)bn_from_bytes(x, xl, cand, nbits / 8u);
        bn_add(x, x, one, xl); /* <= 2^N < 2^(64 xl): no carry out */
        /* c + 1 = 2^N exactly when c was all ones: bit N of x (a rejected candidate is discarded) */
        if (((x[nbits / 64u] >> (nbits % 64u)) & 1u) == 0)
            break;
        bn_wipe(x, xl);
    }
    fips140_wipe(cand, sizeof cand);
    return FIPS140_OK;
}

fips140_status fips140_dh_keygen(fips140_dh_group group, uint8_t *priv, size_t privlen, uint8_t *pub,
                                 size_t publen)
{
    const dh_group *g = dh_group_get(group);
    fips140_status st = fips140_service_begin(CAST_FFDH);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || pub == NULL)
        return FIPS140_ERR_NULL;
    if (g == NULL)
        return FIPS140_ERR_ARG;
    if (privlen != DH_PRIV_BITS(g) / 8u || publen != 8u * g->limbs)
        return FIPS140_ERR_OUTPUT_LENGTH;
    uint64_t x[BN_MAX_LIMBS], y[BN_MAX_LIMBS];
    bn_mont m;
    st = random_priv(g, x);
    if (st != FIPS140_OK)
        return st;
    dh_mont(g, &m);
    dh_pow_g(g, &m, y, x, DH_PRIV_BITS(g));
    /* §5.6.2.1.4: recompute y from x and compare (FIPS 140-3 IG 10.3.A); a failure is fatal. */
    fips140_pct_check(TEST_PCT_FFDH, dh_pct(g, &m, x, DH_PRIV_BITS(g), y));
    bn_to_bytes(priv, privlen, x, DH_PRIV_LIMBS(g));
    bn_to_bytes(pub, publen, y, g->limbs);
    bn_wipe(x, DH_PRIV_LIMBS(g));
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_dh_public_from_private(fips140_dh_group group, const uint8_t *priv, size_t privlen,
                                              uint8_t *pub, size_t publen)
{
    const dh_group *g = dh_group_get(group);
    fips140_status st = fips140_service_begin(CAST_FFDH);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || pub == NULL)
        return FIPS140_ERR_NULL;
    if (g == NULL)
        return FIPS140_ERR_ARG;
    if (publen != 8u * g->limbs)
        return FIPS140_ERR_OUTPUT_LENGTH;
    uint64_t x[BN_MAX_LIMBS], y[BN_MAX_LIMBS];
    size_t xbits;
    bn_mont m;
    st = priv_load(g, x, &xbits, priv, privlen);
    if (st != FIPS140_OK)
        return st;
    dh_mont(g, &m);
    dh_pow_g(g, &m, y, x, xbits);
    bn_to_bytes(pub, publen, y, g->limbs);
    bn_wipe(x, g->limbs);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* pub_load - y from exactly len(p) bytes and §5.6.2.3.1; -1 when either fails. */
static int pub_load(const dh_group *g, const bn_mont *m, uint64_t *y, const uint8_t *pub, size_t publen)
{
    if (publen != 8u * g->limbs)
        return -1;
    (void)bn_from_bytes(y, g->limbs, pub, publen);
    return dh_check_public(g, m, y);
}

fips140_status fips140_dh_validate_public(fips140_dh_group group, const uint8_t *pub, size_t publen)
{
    const dh_group *g = dh_group_get(group);
    fips140_status st = fips140_service_begin(CAST_FFDH);
    if (st != FIPS140_OK)
        return st;
    if (pub == NULL)
        return FIPS140_ERR_NULL;
    if (g == NULL || publen != 8u * g->limbs)
        return FIPS140_ERR_ARG;
    uint64_t y[BN_MAX_LIMBS];
    bn_mont m;
    dh_mont(g, &m);
    if (pub_load(g, &m, y, pub, publen) != 0)
        return FIPS140_ERR_ARG;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_ffdh(fips140_dh_group group, const uint8_t *priv, size_t privlen, const uint8_t *peer_pub,
                            size_t peer_publen, uint8_t *shared, size_t sharedlen)
{
    const dh_group *g = dh_group_get(group);
    fips140_status st = fips140_service_begin(CAST_FFDH);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || peer_pub == NULL || shared == NULL)
        return FIPS140_ERR_NULL;
    if (g == NULL || peer_publen != 8u * g->limbs)
        return FIPS140_ERR_ARG;
    if (sharedlen != 8u * g->limbs)
        return FIPS140_ERR_OUTPUT_LENGTH;
    uint64_t x[BN_MAX_LIMBS], y[BN_MAX_LIMBS], z[BN_MAX_LIMBS];
    size_t xbits;
    bn_mont m;
    st = priv_load(g, x, &xbits, priv, privlen);
    if (st != FIPS140_OK)
        return st;
    dh_mont(g, &m);
    /* §5.7.1.1 step 1 (via §5.6.2.3.1 full validation of the peer's key), step 2 Z = y^x mod p, step 3 Z != 1. */
    if (pub_load(g, &m, y, peer_pub, peer_publen) != 0) {
        bn_wipe(x, g->limbs);
        return FIPS140_ERR_ARG;
    }
    uint64_t ok = dh_z(g, &m, z, y, x, xbits);
    bn_wipe(x, g->limbs);
    if ((ok & 1u) == 0) { /* Z = 1: released only as the error (impossible for a validated y and 1 <= x < q) */
        bn_wipe(z, g->limbs);
        return FIPS140_ERR_ARG;
    }
    bn_to_bytes(shared, sharedlen, z, g->limbs);
    bn_wipe(z, g->limbs);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}
