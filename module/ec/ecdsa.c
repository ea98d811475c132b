/* module/ec/ecdsa.c - ECDSA over P-224, P-256, P-384 and P-521 (FIPS 186-5 §6): key generation by rejection sampling
 * (Appendix A.2.2) with a pairwise consistency test, public-key validation (SP 800-56A Rev. 3 §5.6.2.3.3),
 * signing with a random (Appendix A.3.2) or deterministic (RFC 6979 §3.2, FIPS 186-5 §6.3.2) per-message secret,
 * and verification (§6.4.2). */
#include <string.h>
#include "ec_internal.h"
#include "ec_fast.h"
#include "../core/internal.h"
#include "../hash/hash_internal.h"

size_t fips140_ec_scalar_size(fips140_ec_curve curve)
{
    const ec_curve *c = ec_curve_get(curve);
    return c ? c->bytes : 0;
}

size_t fips140_ec_point_size(fips140_ec_curve curve)
{
    const ec_curve *c = ec_curve_get(curve);
    return c ? 1 + 2 * c->bytes : 0;
}

/* scalar_from_candidate - Appendix A.2.2 / A.3.2: from c (bytes) accept when c <= n-2 and return c+1. Returns
 * 0 when accepted. The comparison and increment are constant time; a rejected candidate is discarded. */
static int scalar_from_candidate(const ec_curve *c, uint8_t *out, const uint8_t *cand)
{
    unsigned n = c->n.limbs;
    uint64_t v[EC_MAX_LIMBS], nm1[EC_MAX_LIMBS];
    memcpy(nm1, c->n.m, sizeof nm1);
    nm1[0] -= 1; /* n is odd */
    ec_from_bytes(v, cand, c->bytes);
    uint64_t ok = ec_lt_mask(v, nm1, n);
    uint64_t carry = 1;
    for (unsigned j = 0; j < n; j++) {
        uint64_t s = v[j] + carry;
        carry = (uint64_t)(s < carry);
        v[j] = s;
    }
    ec_to_bytes(out, v, c->bytes);
    fips140_wipe(v, sizeof v);
    return (ok & 1u) ? 0 : -1;
}

/* random_scalar - a uniformly random integer in [1, n-1] from the module RBG (A.2.2 / A.3.2): candidates of
 * exactly bitlen(n) random bits (the unused high bits of the first byte cleared: P-521). */
static fips140_status random_scalar(const ec_curve *c, uint8_t *out)
{
    uint8_t cand[EC_MAX_BYTES];
    for (;;) {
        fips140_status st = fips140_rand_bytes(cand, c->bytes);
        if (st != FIPS140_OK) {
            fips140_wipe(cand, sizeof cand);
            return st;
        }
        cand[0] &= (uint8_t)(0xffu >> (8 * c->bytes - c->nbits));
        if (scalar_from_candidate(c, out, cand) == 0)
            break;
    }
    fips140_wipe(cand, sizeof cand);
    return FIPS140_OK;
}

/* bits2int - the leftmost min(bitlen(n), 8·len) bits of in as an integer (FIPS 186-5 §6.4.1 step 2, RFC 6979
 * §2.3.2), written as c->bytes big-endian bytes. When n is not a whole number of bytes (P-521: 521 bits in 66
 * bytes) and in is longer than that, the first c->bytes bytes are shifted right by the 8·bytes - bitlen(n) spare
 * bits. The shift depends only on public lengths. */
static void bits2int(const ec_curve *c, uint8_t *out, const uint8_t *in, size_t len)
{
    size_t L = c->bytes;
    unsigned shift = (unsigned)(8 * L - c->nbits);
    if (8 * len <= c->nbits) {
        memset(out, 0, L - len);
        if (len != 0)
            memcpy(out + L - len, in, len);
        return;
    }
    /* len >= L here: 8·len > bitlen(n) > 8·(L - 1). */
    for (size_t i = L; i-- > 0;) {
        unsigned v = (unsigned)in[i] >> shift;
        if (shift != 0 && i != 0)
            v |= (unsigned)in[i - 1] << (8 - shift);
        out[i] = (uint8_t)v;
    }
}

/* digest_to_e - §6.4.1 steps 2-3: the leftmost min(bitlen(n), hashlen) bits of the digest as an integer e,
 * reduced mod n (e < 2^bitlen(n) < 2n, so one conditional subtraction). */
static void digest_to_e(const ec_curve *c, uint64_t *e, const uint8_t *digest, size_t dlen)
{
    uint8_t buf[EC_MAX_BYTES];
    bits2int(c, buf, digest, dlen);
    ec_from_bytes(e, buf, c->bytes);
    ec_mod_reduce_once(&c->n, e, e);
}

/* sign_with_k - §6.4.1 steps 4-11 for a given k in [1, n-1]: r = x(k·G) mod n, s = k^-1 (e + r·d) mod n.
 * Returns -1 when r or s is 0 (the caller picks another k). */
static int sign_with_k(const ec_curve *c, const uint8_t *d, const uint8_t *k, const uint8_t *digest, size_t dlen,
                       uint8_t *sig)
{
    const ec_mod *n = &c->n;
    unsigned L = n->limbs;
    ec_point R;
    uint8_t xb[EC_MAX_BYTES];
    uint64_t r[EC_MAX_LIMBS], s[EC_MAX_LIMBS], km[EC_MAX_LIMBS], dm[EC_MAX_LIMBS], e[EC_MAX_LIMBS];
    ec_point_mul_base(c, &R, k);
    int bad = ec_point_to_affine(c, xb, NULL, &R);
    ec_from_bytes(r, xb, c->bytes);
    ec_mod_reduce_once(n, r, r); /* x < p < 2n */
    digest_to_e(c, e, digest, dlen);
    ec_from_bytes(km, k, c->bytes);
    ec_from_bytes(dm, d, c->bytes);
    ec_mod_to_mont(n, km, km);
    ec_mod_to_mont(n, dm, dm);
    ec_mod_to_mont(n, e, e);
    ec_mod_inv(n, km, km);       /* k^-1 */
    ec_mod_to_mont(n, s, r);     /* r (Montgomery) */
    ec_mod_mul(n, s, s, dm);     /* r·d */
    ec_mod_add(n, s, s, e);      /* e + r·d */
    ec_mod_mul(n, s, s, km);     /* k^-1 (e + r·d) */
    ec_mod_from_mont(n, s, s);
    bad |= (int)((ec_is_zero_mask(r, L) | ec_is_zero_mask(s, L)) & 1u);
    ec_to_bytes(sig, r, c->bytes);
    ec_to_bytes(sig + c->bytes, s, c->bytes);
    fips140_wipe(km, sizeof km);
    fips140_wipe(dm, sizeof dm);
    fips140_wipe(&R, sizeof R);
    return bad ? -1 : 0;
}

static int sign_random_internal(const ec_curve *c, const uint8_t *d, const uint8_t *digest, size_t dlen,
                                uint8_t *sig, fips140_status *st)
{
    uint8_t k[EC_MAX_BYTES];
    int rc;
    do {
        *st = random_scalar(c, k);
        if (*st != FIPS140_OK) {
            fips140_wipe(k, sizeof k);
            return -1;
        }
        rc = sign_with_k(c, d, k, digest, dlen, sig);
    } while (rc != 0);
    fips140_wipe(k, sizeof k);
    return 0;
}

/* verify_internal - §6.4.2 with a decoded, validated public key Q. Returns 0 when the signature is valid. */
static int verify_internal(const ec_curve *c, const ec_point *Q, const uint8_t *digest, size_t dlen,
                           const uint8_t *sig)
{
    const ec_mod *n = &c->n;
    unsigned L = n->limbs;
    uint64_t r[EC_MAX_LIMBS], s[EC_MAX_LIMBS], e[EC_MAX_LIMBS], w[EC_MAX_LIMBS], u[EC_MAX_LIMBS];
    uint8_t u1[EC_MAX_BYTES], u2[EC_MAX_BYTES], xb[EC_MAX_BYTES];
    ec_point A;
    if (ec_scalar_check(c, sig, c->bytes) != 0 || ec_scalar_check(c, sig + c->bytes, c->bytes) != 0)
        return -1; /* step 1: r, s in [1, n-1] */
    ec_from_bytes(r, sig, c->bytes);
    ec_from_bytes(s, sig + c->bytes, c->bytes);
    digest_to_e(c, e, digest, dlen);
    ec_mod_to_mont(n, s, s);
    ec_mod_inv(n, w, s);         /* s^-1 */
    ec_mod_to_mont(n, e, e);
    ec_mod_mul(n, u, e, w);
    ec_mod_from_mont(n, u, u);
    ec_to_bytes(u1, u, c->bytes);
    ec_mod_to_mont(n, u, r);
    ec_mod_mul(n, u, u, w);
    ec_mod_from_mont(n, u, u);
    ec_to_bytes(u2, u, c->bytes);
    ec_point_mul_double_vartime(c, &A, u1, u2, Q); /* public inputs: variable time */
    int fx = ec_fast_verify_x(c, &A, r);           /* x(A) mod n == r without an inversion, when supported */
    if (fx >= 0)
        return fx ? 0 : -1;
    if (ec_point_to_affine(c, xb, NULL, &A) != 0)
        return -1;
    ec_from_bytes(u, xb, c->bytes);
    ec_mod_reduce_once(n, u, u);
    uint64_t diff = 0;
    for (unsigned j = 0; j < L; j++) diff |= u[j] ^ r[j];
    return diff == 0 ? 0 : -1;
}

static void public_from_private(const ec_curve *c, const uint8_t *d, uint8_t *pub)
{
    ec_point Q;
    ec_point_mul_base(c, &Q, d);
    pub[0] = 0x04;
    (void)ec_point_to_affine(c, pub + 1, pub + 1 + c->bytes, &Q); /* d in [1, n-1]: never infinity */
    fips140_wipe(&Q, sizeof Q);
}

/* ec_pct - FIPS 140-3 IG 10.3.A pairwise consistency test for a new key pair: sign a fixed digest with the
 * private key and verify it with the public key. Returns 1 when the test FAILED, 0 when it passed. */
int ec_pct(const ec_curve *c, const uint8_t *priv, const uint8_t *pub)
{
    static const uint8_t digest[32] = {'f', 'i', 'p', 's', '1', '4', '0', ' ', 'E', 'C', 'D', 'S', 'A', ' ',
                                       'P', 'C', 'T'};
    uint8_t sig[2 * EC_MAX_BYTES];
    ec_point Q;
    fips140_status st;
    if (ec_point_decode(c, &Q, pub, 1 + 2 * c->bytes) != 0)
        return 1;
    if (sign_random_internal(c, priv, digest, sizeof digest, sig, &st) != 0)
        return 1;
    return verify_internal(c, &Q, digest, sizeof digest, sig) != 0;
}

fips140_status ec_keygen_internal(const ec_curve *c, uint8_t *priv, uint8_t *pub)
{
    fips140_status st = random_scalar(c, priv);
    if (st != FIPS140_OK)
        return st;
    public_from_private(c, priv, pub);
    fips140_pct_check(TEST_PCT_ECDSA, ec_pct(c, priv, pub));
    return FIPS140_OK;
}

fips140_status fips140_ec_keygen(fips140_ec_curve curve, uint8_t *priv, size_t privlen, uint8_t *pub,
                                 size_t publen)
{
    const ec_curve *c = ec_curve_get(curve);
    fips140_status st = fips140_service_begin(CAST_ECDSA);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || pub == NULL)
        return FIPS140_ERR_NULL;
    if (c == NULL)
        return FIPS140_ERR_ARG;
    if (privlen != c->bytes || publen != 1 + 2 * c->bytes)
        return FIPS140_ERR_OUTPUT_LENGTH;
    st = ec_keygen_internal(c, priv, pub);
    if (st != FIPS140_OK)
        return st;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_ec_public_from_private(fips140_ec_curve curve, const uint8_t *priv, size_t privlen,
                                              uint8_t *pub, size_t publen)
{
    const ec_curve *c = ec_curve_get(curve);
    fips140_status st = fips140_service_begin(CAST_ECDSA);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || pub == NULL)
        return FIPS140_ERR_NULL;
    if (c == NULL)
        return FIPS140_ERR_ARG;
    if (publen != 1 + 2 * c->bytes)
        return FIPS140_ERR_OUTPUT_LENGTH;
    if (ec_scalar_check(c, priv, privlen) != 0)
        return FIPS140_ERR_KEY_LENGTH;
    public_from_private(c, priv, pub);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_ec_validate_public(fips140_ec_curve curve, const uint8_t *pub, size_t publen)
{
    const ec_curve *c = ec_curve_get(curve);
    ec_point Q;
    fips140_status st = fips140_service_begin(CAST_ECDSA);
    if (st != FIPS140_OK)
        return st;
    if (pub == NULL)
        return FIPS140_ERR_NULL;
    if (c == NULL)
        return FIPS140_ERR_ARG;
    fips140_indicator_approved(1);
    return ec_point_decode(c, &Q, pub, publen) == 0 ? FIPS140_OK : FIPS140_ERR_ARG;
}

/* sign_begin - the checks common to both signing services. */
static fips140_status sign_begin(const ec_curve *c, const uint8_t *priv, size_t privlen, const uint8_t *digest,
                                 size_t dlen, const uint8_t *sig, size_t siglen, int *approved)
{
    fips140_status st = fips140_service_begin(CAST_ECDSA);
    if (st != FIPS140_OK)
        return st;
    if (priv == NULL || sig == NULL || (digest == NULL && dlen != 0))
        return FIPS140_ERR_NULL;
    if (c == NULL)
        return FIPS140_ERR_ARG;
    if (siglen != 2 * c->bytes)
        return FIPS140_ERR_OUTPUT_LENGTH;
    if (ec_scalar_check(c, priv, privlen) != 0)
        return FIPS140_ERR_KEY_LENGTH;
    /* SP 800-131A Rev. 2 §3: signature generation needs a hash of at least 112-bit security (SHA-224 and up). */
    *approved = dlen >= 28;
    if (!*approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-131A Rev. 2 9: ECDSA signature generation with a digest under 224 bits");
    return FIPS140_OK;
}

fips140_status fips140_ecdsa_sign(fips140_ec_curve curve, const uint8_t *priv, size_t privlen,
                                  const uint8_t *digest, size_t digestlen, uint8_t *sig, size_t siglen)
{
    const ec_curve *c = ec_curve_get(curve);
    int approved = 0;
    fips140_status st = sign_begin(c, priv, privlen, digest, digestlen, sig, siglen, &approved);
    if (st != FIPS140_OK)
        return st;
    if (sign_random_internal(c, priv, digest, digestlen, sig, &st) != 0)
        return st;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

/* --- RFC 6979 §3.2: deterministic k from HMAC_DRBG-like iteration over HMAC-H. --- */

typedef struct hmac_k {
    uint32_t alg;
    size_t hlen, block;
    uint8_t key[FIPS140_HASH_MAX_DIGEST];
} hmac_k;

/* hmac3 - out = HMAC_K(a || b || c) (FIPS 198-1); K is hlen bytes, never longer than the block. */
static void hmac3(const hmac_k *h, uint8_t *out, const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
                  const uint8_t *d, size_t dlen)
{
    uint8_t pad[FIPS140_HASH_MAX_BLOCK], inner[FIPS140_HASH_MAX_DIGEST];
    fips140_hash_ctx ctx;
    memset(pad, 0x36, h->block);
    for (size_t i = 0; i < h->hlen; i++) pad[i] ^= h->key[i];
    fips140_hash_setup_internal(&ctx, h->alg);
    (void)fips140_hash_absorb_internal(&ctx, pad, h->block);
    (void)fips140_hash_absorb_internal(&ctx, a, alen);
    if (blen) (void)fips140_hash_absorb_internal(&ctx, b, blen);
    if (dlen) (void)fips140_hash_absorb_internal(&ctx, d, dlen);
    fips140_hash_digest_internal(&ctx, inner);
    memset(pad, 0x5c, h->block);
    for (size_t i = 0; i < h->hlen; i++) pad[i] ^= h->key[i];
    fips140_hash_setup_internal(&ctx, h->alg);
    (void)fips140_hash_absorb_internal(&ctx, pad, h->block);
    (void)fips140_hash_absorb_internal(&ctx, inner, h->hlen);
    fips140_hash_digest_internal(&ctx, out);
    fips140_wipe(pad, sizeof pad);
    fips140_wipe(inner, sizeof inner);
}

static int rfc6979_alg_ok(fips140_hash_alg alg)
{
    return (alg >= FIPS140_SHA1 && alg <= FIPS140_SHA512_256) || (alg >= FIPS140_SHA3_224 && alg <= FIPS140_SHA3_512);
}

fips140_status fips140_ecdsa_sign_deterministic(fips140_ec_curve curve, fips140_hash_alg hash_alg,
                                                const uint8_t *priv, size_t privlen, const uint8_t *digest,
                                                size_t digestlen, uint8_t *sig, size_t siglen)
{
    const ec_curve *c = ec_curve_get(curve);
    int approved = 0;
    fips140_status st = sign_begin(c, priv, privlen, digest, digestlen, sig, siglen, &approved);
    if (st != FIPS140_OK)
        return st;
    if (!rfc6979_alg_ok(hash_alg))
        return FIPS140_ERR_ARG;
    size_t qlen = c->bytes;
    hmac_k h = {.alg = (uint32_t)hash_alg, .hlen = fips140_hash_digest_size(hash_alg),
                .block = fips140_hash_block_size(hash_alg)};
    uint8_t V[FIPS140_HASH_MAX_DIGEST], seed[2 * EC_MAX_BYTES + 1], T[EC_MAX_BYTES + FIPS140_HASH_MAX_DIGEST];
    uint8_t k[EC_MAX_BYTES];
    uint64_t e[EC_MAX_LIMBS];
    /* seed = 0x00 or 0x01 || int2octets(x) || bits2octets(h1) (§3.2 steps d and f). */
    memcpy(seed + 1, priv, qlen);
    digest_to_e(c, e, digest, digestlen); /* bits2int(h1) mod q */
    ec_to_bytes(seed + 1 + qlen, e, qlen);
    memset(V, 0x01, h.hlen);                          /* step b */
    memset(h.key, 0x00, h.hlen);                      /* step c */
    seed[0] = 0x00;
    hmac3(&h, h.key, V, h.hlen, seed, 1 + 2 * qlen, NULL, 0); /* step d */
    hmac3(&h, V, V, h.hlen, NULL, 0, NULL, 0);                /* step e */
    seed[0] = 0x01;
    hmac3(&h, h.key, V, h.hlen, seed, 1 + 2 * qlen, NULL, 0); /* step f */
    hmac3(&h, V, V, h.hlen, NULL, 0, NULL, 0);                /* step g */
    for (;;) {                                                /* step h */
        size_t tlen = 0;
        while (tlen < qlen) {
            hmac3(&h, V, V, h.hlen, NULL, 0, NULL, 0);
            memcpy(T + tlen, V, h.hlen);
            tlen += h.hlen;
        }
        /* k = bits2int(T) (the leftmost bitlen(q) bits); accept when 1 <= k <= q-1 and the signature is
         * non-zero. */
        bits2int(c, k, T, qlen);
        if (ec_scalar_check(c, k, qlen) == 0 && sign_with_k(c, priv, k, digest, digestlen, sig) == 0)
            break;
        static const uint8_t zero = 0x00;
        hmac3(&h, h.key, V, h.hlen, &zero, 1, NULL, 0);
        hmac3(&h, V, V, h.hlen, NULL, 0, NULL, 0);
    }
    fips140_wipe(&h, sizeof h);
    fips140_wipe(V, sizeof V);
    fips140_wipe(seed, sizeof seed);
    fips140_wipe(T, sizeof T);
    fips140_wipe(k, sizeof k);
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_ecdsa_verify(fips140_ec_curve curve, const uint8_t *pub, size_t publen,
                                    const uint8_t *digest, size_t digestlen, const uint8_t *sig, size_t siglen)
{
    const ec_curve *c = ec_curve_get(curve);
    ec_point Q;
    fips140_status st = fips140_service_begin(CAST_ECDSA);
    if (st != FIPS140_OK)
        return st;
    if (pub == NULL || sig == NULL || (digest == NULL && digestlen != 0))
        return FIPS140_ERR_NULL;
    if (c == NULL)
        return FIPS140_ERR_ARG;
    if (ec_point_decode(c, &Q, pub, publen) != 0)
        return FIPS140_ERR_ARG;
    /* SP 800-131A Rev. 2 §3: SHA-1 remains acceptable for legacy signature verification. */
    int approved = digestlen >= 20;
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-131A Rev. 2 9: ECDSA verification with a digest under 160 bits");
    if (siglen != 2 * c->bytes || verify_internal(c, &Q, digest, digestlen, sig) != 0)
        return FIPS140_ERR_AUTH;
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}
