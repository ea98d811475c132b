/* module/rsa/rsa_core.c - the RSA primitives (RFC 8017 §5.1, §5.2; SP 800-56B Rev. 2 §7.1): the public operation
 * with the public exponent, and the private operation by the Chinese remainder theorem (Garner's formula, RFC 8017
 * §5.1.2 step 2.b) with blinding and a check of the result before it is released; the pairwise consistency test. */
#include <string.h>
#include "rsa_internal.h"
#include "../core/internal.h"
#include "../core/ct.h"

int rsa_public_op(const fips140_rsa_key *key, uint8_t *out, const uint8_t *in)
{
    uint64_t x[BN_MAX_LIMBS];
    (void)bn_from_bytes(x, key->nl, in, key->k);
    if (bn_cmp(x, key->n, key->nl) >= 0) /* public input */
        return -1;
    bn_mod_exp_vartime(&key->mn, x, x, key->e, key->ebits);
    bn_to_bytes(out, key->k, x, key->nl);
    return 0;
}

/* blind - for one prime P (Montgomery context mp): a random r in [1, P-1] (Kocher 1996, §10), rinv = r^-1 mod P and
 * x = m * r^e mod P, on which the exponentiation by dP runs: its dP-th power is m^dP * r (e * dP == 1 mod P-1), and
 * unblind multiplies the result by r^-1 mod P. Choosing r mod p and r mod q independently is the same as blinding
 * with r = CRT(r mod p, r mod q) mod n, at half-size cost for the inversions. Returns FIPS140_OK or the RBG's
 * error. */
static fips140_status blind(const fips140_rsa_key *key, const bn_mont *mp, uint64_t *x, uint64_t *rinv,
                            const uint64_t *m)
{
    const size_t pl = mp->nl;
    uint64_t r[BN_MAX_LIMBS + 2], re[BN_MAX_LIMBS];
    uint8_t rb[(BN_MAX_LIMBS + 2) * 8];
    fips140_status st = FIPS140_ERR_STATE;
    for (int tries = 0; tries < 8; tries++) {
        /* 64 bits more than P: the reduction's bias is below 2^-64 */
        fips140_status rs = fips140_rand_bytes(rb, (pl + 1) * 8);
        if (rs != FIPS140_OK) {
            st = rs;
            goto out;
        }
        (void)bn_from_bytes(r, pl + 1, rb, (pl + 1) * 8);
        bn_reduce(mp, r, r, pl + 1);
        /* r == 0 (probability 2^-(pbits-1)) is retried, a bounded number of times (more than one retry means a
         * fault); only that event is released. gcd(r, P) = 1 otherwise. */
        if (ct_barrier_u64(bn_mod_inv_odd(rinv, r, mp->n, pl)) & 1u) {
            st = FIPS140_OK;
            break;
        }
    }
    if (st != FIPS140_OK)
        goto out;
    bn_mod_exp_vartime(mp, re, r, key->e, key->ebits); /* r^e: the timing depends on the public e only */
    bn_reduce(mp, x, m, key->nl);                       /* m mod P */
    bn_mont_mul(mp, x, x, re);                          /* m r^e R^-1 */
    bn_mont_mul(mp, x, x, mp->rr);                      /* m r^e */
out:
    bn_wipe(r, pl + 2);
    bn_wipe(re, pl);
    fips140_wipe(rb, sizeof rb);
    return st;
}

/* unblind - s = x * r^-1 mod P for x = m^dP * r: m^dP. */
static void unblind(const bn_mont *mp, uint64_t *s, uint64_t *x, const uint64_t *rinv)
{
    bn_mont_mul(mp, x, x, rinv);
    bn_mont_mul(mp, s, x, mp->rr);
}

fips140_status rsa_private_op(const fips140_rsa_key *key, uint8_t *out, const uint8_t *in)
{
    const size_t nl = key->nl, pl = key->pl, ql = key->ql;
    uint64_t m[BN_MAX_LIMBS], sp[BN_MAX_LIMBS], sq[BN_MAX_LIMBS], t[BN_MAX_LIMBS], h[BN_MAX_LIMBS];
    uint64_t s[BN_MAX_LIMBS * 2 + 2];
    (void)bn_from_bytes(m, nl, in, key->k);
    if (bn_cmp(m, key->n, nl) >= 0) /* the input is public (a ciphertext or an encoded message) */
        return FIPS140_ERR_ARG;
    uint64_t xp[BN_MAX_LIMBS], xq[BN_MAX_LIMBS], rinvp[BN_MAX_LIMBS], rinvq[BN_MAX_LIMBS];
    fips140_status st = blind(key, &key->mp, xp, rinvp, m);
    if (st == FIPS140_OK)
        st = blind(key, &key->mq, xq, rinvq, m);
    if (st == FIPS140_OK) {
        /* both CRT exponentiations at once: bn_mod_exp2 interleaves them where the bn layer can (AVX-512 IFMA).
         * The exponent lengths are the limb lengths of p and q (dP < p, dQ < q), not their bit lengths: those
         * are public by contract too, but computed from the secret primes, and the limb form costs nothing for
         * the usual sizes (p and q of 1024 or 1536 bits). */
        bn_mod_exp2(&key->mp, xp, xp, key->dp, 64 * pl, &key->mq, xq, xq, key->dq, 64 * ql);
        unblind(&key->mp, sp, xp, rinvp); /* m^dP */
        unblind(&key->mq, sq, xq, rinvq); /* m^dQ */
    }
    bn_wipe(xp, pl);
    bn_wipe(xq, ql);
    bn_wipe(rinvp, pl);
    bn_wipe(rinvq, ql);
    if (st == FIPS140_OK) {
        /* Garner: h = qInv (sp - sq) mod p, s = sq + q h (< q + q (p - 1) = n) */
        bn_reduce(&key->mp, t, sq, ql);
        uint64_t borrow = bn_sub(h, sp, t, pl);
        for (size_t i = 0; i < pl; i++)
            t[i] = key->p[i] & (0 - borrow);
        (void)bn_add(h, h, t, pl);
        bn_mont_mul(&key->mp, h, h, key->qinv_m);
        rsa_mul(s, key->q, ql, h, pl);
        uint64_t c = 0;
        for (size_t i = 0; i < pl + ql; i++) { /* s += sq */
            unsigned __int128 a = (unsigned __int128)s[i] + (i < ql ? sq[i] : 0) + c;
            s[i] = (uint64_t)a;
            c = (uint64_t)(a >> 64);
        }
        /* Check before release (FIPS 186-5 §5.4 note, fault attacks à la Boneh-DeMillo-Lipton): s^e mod n == m. */
        bn_mod_exp_vartime(&key->mn, t, s, key->e, key->ebits);
        if (!(ct_barrier_u64(bn_eq_mask(t, m, nl)) & 1u))
            st = FIPS140_ERR_STATE;
        else
            bn_to_bytes(out, key->k, s, nl);
    }
    if (st != FIPS140_OK)
        fips140_wipe(out, key->k);
    bn_wipe(m, nl);
    bn_wipe(sp, pl);
    bn_wipe(sq, ql);
    bn_wipe(t, nl);
    bn_wipe(h, pl);
    bn_wipe(s, pl + ql);
    return st;
}

int rsa_pct(const fips140_rsa_key *key)
{
    static const uint8_t digest[32] = {'f', 'i', 'p', 's', '1', '4', '0', ' ', 'R', 'S', 'A', ' ', 'P', 'C', 'T'};
    uint8_t em[FIPS140_RSA_MAX_BITS / 8], sig[FIPS140_RSA_MAX_BITS / 8], back[FIPS140_RSA_MAX_BITS / 8];
    int failed = rsa_emsa_pkcs1v15(em, key->k, FIPS140_SHA256, digest, sizeof digest) != 0 ||
                 rsa_private_op(key, sig, em) != FIPS140_OK || rsa_public_op(key, back, sig) != 0 ||
                 !ct_memeq(back, em, key->k);
    fips140_wipe(sig, sizeof sig);
    return failed;
}
