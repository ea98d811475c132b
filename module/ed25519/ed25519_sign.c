/* module/ed25519/ed25519_sign.c - the EdDSA services for Ed25519 (FIPS 186-5 §7, RFC 8032 §5.1): key generation
 * with its pairwise consistency test, public-key derivation, signing and cofactorless verification, for Ed25519,
 * Ed25519ph and Ed25519ctx. SHA-512 is the module's own, through the ungated hash interface: the EdDSA CAST and
 * service gate cover these calls. */
#include <string.h>
#include <fips140/eddsa.h>
#include <fips140/rand.h>
#include "../core/internal.h"
#include "../hash/hash_internal.h"
#include "ed25519_internal.h"

/* dom2 prefix (RFC 8032 §2): "SigEd25519 no Ed25519 collisions" || phflag || len(ctx) || ctx. */
static const char DOM2[] = "SigEd25519 no Ed25519 collisions";

typedef struct eddsa_msg {
    int has_dom;            /* 0 for pure Ed25519 (dom2 is empty) */
    uint8_t dom_hdr[2];     /* phflag, len(ctx) */
    const uint8_t *ctx;
    size_t ctxlen;
    const uint8_t *m;       /* M, or PH(M) = SHA-512(M) for Ed25519ph */
    size_t mlen;
} eddsa_msg;

/* hash_dom - SHA-512(dom2 || a || b || M') reduced mod L (a, b may be NULL). */
static void hash_dom_reduce(uint8_t out[32], const eddsa_msg *em, const uint8_t *a, size_t alen, const uint8_t *b,
                            size_t blen)
{
    fips140_hash_ctx h;
    uint8_t d[64];
    fips140_hash_setup_internal(&h, FIPS140_SHA512);
    if (em->has_dom) {
        (void)fips140_hash_absorb_internal(&h, (const uint8_t *)DOM2, sizeof DOM2 - 1);
        (void)fips140_hash_absorb_internal(&h, em->dom_hdr, 2);
        (void)fips140_hash_absorb_internal(&h, em->ctx, em->ctxlen);
    }
    if (a)
        (void)fips140_hash_absorb_internal(&h, a, alen);
    if (b)
        (void)fips140_hash_absorb_internal(&h, b, blen);
    (void)fips140_hash_absorb_internal(&h, em->m, em->mlen);
    fips140_hash_digest_internal(&h, d);
    sc25519_reduce64(out, d);
    fips140_wipe(d, sizeof d);
}

static void sha512(uint8_t out[64], const uint8_t *p, size_t n)
{
    fips140_hash_ctx h;
    fips140_hash_setup_internal(&h, FIPS140_SHA512);
    (void)fips140_hash_absorb_internal(&h, p, n);
    fips140_hash_digest_internal(&h, out);
}

/* expand_key - RFC 8032 §5.1.5: h = SHA-512(d); s = h[0..32) with bits 0-2 and 255 cleared and bit 254 set;
 * prefix = h[32..64). */
static void expand_key(uint8_t h[64], const uint8_t priv[32])
{
    sha512(h, priv, 32);
    h[0] &= 248;
    h[31] &= 127;
    h[31] |= 64;
}

static void derive_public(uint8_t pub[32], const uint8_t h[64])
{
    ge25519 a;
    ge25519_scalarmult_base(&a, h);
    ge25519_encode(pub, &a);
    fips140_wipe(&a, sizeof a);
}

/* sign_core - RFC 8032 §5.1.6 for an expanded key h and its public key pub. */
static void sign_core(uint8_t sig[64], const uint8_t h[64], const uint8_t pub[32], const eddsa_msg *em)
{
    uint8_t r[32], k[32];
    ge25519 R;
    hash_dom_reduce(r, em, h + 32, 32, NULL, 0);  /* step 2: r = SHA-512(dom2 || prefix || PH(M)) mod L */
    ge25519_scalarmult_base(&R, r);                   /* step 3: R = [r]B */
    ge25519_encode(sig, &R);
    hash_dom_reduce(k, em, sig, 32, pub, 32);     /* step 4: k = SHA-512(dom2 || R || A || PH(M)) mod L */
    sc25519_muladd(sig + 32, k, h, r);                 /* step 5: S = (r + k s) mod L */
    fips140_wipe(r, sizeof r);
    fips140_wipe(&R, sizeof R);
}

/* verify_core - RFC 8032 §5.1.7: 0 when valid. */
static int verify_core(const uint8_t pub[32], const uint8_t sig[64], const eddsa_msg *em)
{
    ge25519 A, chk;
    uint8_t k[32], enc[32];
    if (!sc25519_is_canonical(sig + 32))  /* step 1: S in [0, L) */
        return -1;
    if (ge25519_decode(&A, pub) != 0)     /* step 1: A a canonical encoding of a curve point */
        return -1;
    hash_dom_reduce(k, em, sig, 32, pub, 32);  /* step 2 */
    ge25519_neg(&A, &A);
    /* Step 3 (cofactorless, FIPS 186-5 §7.7.2): [S]B - [k]A must equal R. Comparing encodings also rejects any R
     * that is not the canonical encoding of a point, since ge25519_encode only produces canonical encodings. */
    ge25519_double_scalarmult_vartime(&chk, sig + 32, k, &A);
    ge25519_encode(enc, &chk);
    return memcmp(enc, sig, 32) == 0 ? 0 : -1;
}

/* prepare - check the variant and context, apply the approval rule and build the message description;
 * ph receives SHA-512(M) for Ed25519ph. */
static fips140_status prepare(eddsa_msg *em, uint8_t ph[64], fips140_eddsa_variant variant, const uint8_t *ctx,
                              size_t ctxlen, const uint8_t *msg, size_t msglen, int *approved)
{
    if ((ctx == NULL && ctxlen != 0) || (msg == NULL && msglen != 0))
        return FIPS140_ERR_NULL;
    if (ctxlen > FIPS140_ED25519_MAX_CONTEXT)
        return FIPS140_ERR_ARG;
    static const uint8_t empty[1] = {0};
    memset(em, 0, sizeof *em);
    em->ctx = ctx ? ctx : empty;
    em->ctxlen = ctxlen;
    em->m = msg ? msg : empty;
    em->mlen = msglen;
    switch (variant) {
    case FIPS140_ED25519:
        if (ctxlen != 0)
            return FIPS140_ERR_ARG;
        *approved = 1;
        break;
    case FIPS140_ED25519PH:
        em->has_dom = 1;
        em->dom_hdr[0] = 1;
        sha512(ph, em->m, msglen);
        em->m = ph;
        em->mlen = 64;
        *approved = 1;
        break;
    case FIPS140_ED25519CTX: /* RFC 8032 §5.1: Ed25519ctx requires a non-empty context */
        if (ctxlen == 0)
            return FIPS140_ERR_ARG;
        em->has_dom = 1;
        *approved = 0;
        break;
    default:
        return FIPS140_ERR_ARG;
    }
    em->dom_hdr[1] = (uint8_t)ctxlen;
    if (!*approved && fips140_refuse_unapproved())
        return fips140_refuse("FIPS 186-5 7: Ed25519ctx is not an approved EdDSA variant");
    return FIPS140_OK;
}

/* pct - FIPS 140-3 IG 10.3.A pairwise consistency test: sign a fixed message with the new key and verify it. */
static void pct(const uint8_t h[64], const uint8_t pub[32])
{
    static const uint8_t msg[] = "fips140 EdDSA pairwise consistency test";
    uint8_t sig[64];
    eddsa_msg em;
    memset(&em, 0, sizeof em);
    em.m = msg;
    em.mlen = sizeof msg - 1;
    sign_core(sig, h, pub, &em);
    fips140_pct_check(TEST_PCT_EDDSA, verify_core(pub, sig, &em) != 0);
}

/* fips140_eddsa_pct_fixed - the PCT on a given private key (used by the CAST so that selftest reaches it). */
void fips140_eddsa_pct_fixed(const uint8_t priv[32])
{
    uint8_t h[64], pub[32];
    expand_key(h, priv);
    derive_public(pub, h);
    pct(h, pub);
    fips140_wipe(h, sizeof h);
}

fips140_status fips140_ed25519_keygen(uint8_t priv[32], uint8_t pub[32])
{
    if (priv == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_EDDSA);
    if (st != FIPS140_OK)
        return st;
    uint8_t h[64], A[32];
    st = fips140_rand_bytes(priv, 32);  /* FIPS 186-5 §7.4 / A.2.3: d is 256 bits from an approved RBG */
    if (st != FIPS140_OK)
        return st;
    expand_key(h, priv);
    derive_public(A, h);
    pct(h, A);
    fips140_wipe(h, sizeof h);
    if (pub)
        memcpy(pub, A, 32);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_ed25519_public_key(uint8_t pub[32], const uint8_t priv[32])
{
    if (pub == NULL || priv == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_EDDSA);
    if (st != FIPS140_OK)
        return st;
    uint8_t h[64];
    expand_key(h, priv);
    derive_public(pub, h);
    fips140_wipe(h, sizeof h);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_eddsa_sign(fips140_eddsa_variant variant, uint8_t sig[64], const uint8_t priv[32],
                                  const uint8_t *ctx, size_t ctxlen, const uint8_t *msg, size_t msglen)
{
    if (sig == NULL || priv == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_EDDSA);
    if (st != FIPS140_OK)
        return st;
    eddsa_msg em;
    uint8_t ph[64], h[64], pub[32];
    int approved = 0;
    st = prepare(&em, ph, variant, ctx, ctxlen, msg, msglen, &approved);
    if (st != FIPS140_OK)
        return st;
    expand_key(h, priv);
    derive_public(pub, h);  /* step 1's A = [s]B */
    sign_core(sig, h, pub, &em);
    fips140_wipe(h, sizeof h);
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_eddsa_verify(fips140_eddsa_variant variant, const uint8_t pub[32], const uint8_t *ctx,
                                    size_t ctxlen, const uint8_t *msg, size_t msglen, const uint8_t *sig,
                                    size_t siglen)
{
    if (pub == NULL || (sig == NULL && siglen != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_EDDSA);
    if (st != FIPS140_OK)
        return st;
    eddsa_msg em;
    uint8_t ph[64];
    int approved = 0;
    st = prepare(&em, ph, variant, ctx, ctxlen, msg, msglen, &approved);
    if (st != FIPS140_OK)
        return st;
    if (siglen != FIPS140_ED25519_SIGNATURE_SIZE || verify_core(pub, sig, &em) != 0)
        return FIPS140_ERR_AUTH;  /* a failed call leaves the indicator alone */
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_ed25519_sign(uint8_t sig[64], const uint8_t priv[32], const uint8_t *msg, size_t msglen)
{
    return fips140_eddsa_sign(FIPS140_ED25519, sig, priv, NULL, 0, msg, msglen);
}

fips140_status fips140_ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t msglen, const uint8_t *sig,
                                      size_t siglen)
{
    return fips140_eddsa_verify(FIPS140_ED25519, pub, NULL, 0, msg, msglen, sig, siglen);
}
