/* module/kdf/hkdf.c - HKDF (RFC 5869), the two-step KDF of SP 800-56C Rev. 2 §5 with HMAC as the MAC: randomness
 * extraction PRK = HMAC-Hash(salt, IKM) (§5.1, RFC 5869 §2.2), then expansion with the SP 800-108 Rev. 1 feedback
 * mode and an 8-bit counter after the fixed data (§5.2, RFC 5869 §2.3):
 *     T(0) = empty, T(i) = HMAC-Hash(PRK, T(i-1) || info || i), OKM = leftmost L bytes of T(1) || T(2) || ...
 * The expansion keys one HMAC context with the PRK and restarts it with fips140_hmac_reset for every block.
 *
 * Service indicator (SP 800-56C Rev. 2 §7-8, SP 800-131A Rev. 2 §10 and Table 9): every fixed-length SHA-1, SHA-2 and
 * SHA-3 hash is acceptable in HMAC for key derivation, so the rule is on lengths only: the secret input (IKM, i.e. Z,
 * or for a stand-alone expansion the PRK used as the SP 800-108 key K_DK) and the derived keying material must each be
 * at least 112 bits (KDF_MIN_APPROVED_OUT); the extraction step alone needs only the 112-bit IKM (its PRK is HashLen).
 * Anything shorter is NOT_APPROVED and refused in FIPS140=only. Salts of any length (including none) are allowed:
 * the salt is a public HMAC key (§5.1), never subject to the HMAC key-length rule.
 *
 * Empty keys: RFC 5869 allows an empty IKM (§2.2 IKM is any string) and an empty salt, and HKDF-Expand takes the PRK as
 * an HMAC key of any length (TLS 1.3, RFC 8446 §7.1, keys it with HashLen zeros or the empty string at the start of the
 * schedule). FIPS 198-1 §4 step 2 pads any short key, the empty one included, with zeros to the block size, so an
 * empty key is served as that K0 (kdf_hmac_init); being under 112 bits it is NOT_APPROVED, refused in FIPS140=only. */
#include "kdf_internal.h"

#define HKDF_MAX_BLOCKS 255u /* RFC 5869 §2.3: L <= 255 * HashLen (one-byte counter) */

/* hkdf_extract_core - PRK = HMAC(salt or HashLen zeros, ikm) into prk (HashLen bytes). */
static fips140_status hkdf_extract_core(fips140_hash_alg alg, uint8_t *prk, const uint8_t *salt, size_t saltlen,
                                        const uint8_t *ikm, size_t ikmlen)
{
    fips140_hmac_ctx ctx;
    size_t n = fips140_hash_digest_size(alg);
    /* RFC 5869 §2.2: "if not provided, [salt] is set to a string of HashLen zeros"; kdf_hmac_init gives an empty
     * key the same K0. */
    fips140_status st = kdf_hmac_init(&ctx, alg, salt, saltlen);
    if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, ikm, ikmlen);
    if (st == FIPS140_OK) st = fips140_hmac_final(&ctx, prk, n);
    fips140_hmac_wipe(&ctx);
    return st;
}

/* hkdf_expand_core - RFC 5869 §2.3 into out[0..outlen); lengths already checked. On an internal failure out is
 * zeroised. */
static fips140_status hkdf_expand_core(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *prk,
                                       size_t prklen, const uint8_t *info, size_t infolen)
{
    fips140_hmac_ctx ctx;
    uint8_t t[FIPS140_HASH_MAX_DIGEST];
    size_t n = fips140_hash_digest_size(alg), done = 0, tlen = 0;
    uint8_t counter = 0;
    fips140_status st = kdf_hmac_init(&ctx, alg, prk, prklen);
    while (st == FIPS140_OK && done < outlen) {
        counter++;
        st = fips140_hmac_reset(&ctx);
        if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, t, tlen); /* T(i-1), empty for i = 1 */
        if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, info, infolen);
        if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, &counter, 1);
        if (st == FIPS140_OK) st = fips140_hmac_final(&ctx, t, n);
        if (st == FIPS140_OK) {
            size_t take = outlen - done < n ? outlen - done : n;
            memcpy(out + done, t, take);
            done += take;
            tlen = n;
        }
    }
    fips140_hmac_wipe(&ctx);
    fips140_wipe(t, sizeof t);
    if (st != FIPS140_OK)
        fips140_wipe(out, outlen);
    return st;
}

/* expand_len_ok - 1 <= outlen <= 255 * HashLen. */
static int expand_len_ok(fips140_hash_alg alg, size_t outlen)
{
    return outlen >= 1 && outlen <= HKDF_MAX_BLOCKS * fips140_hash_digest_size(alg);
}

fips140_status fips140_hkdf_extract(fips140_hash_alg alg, uint8_t *prk, const uint8_t *salt, size_t saltlen,
                                    const uint8_t *ikm, size_t ikmlen)
{
    if (prk == NULL || (salt == NULL && saltlen != 0) || (ikm == NULL && ikmlen != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_KDA_HKDF);
    if (st != FIPS140_OK)
        return st;
    if (!kdf_hash_ok(alg))
        return FIPS140_ERR_ARG;
    int approved = ikmlen >= KDF_MIN_APPROVED_OUT;
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56C Rev. 2 8, SP 800-131A Rev. 2: HKDF input key (IKM) shorter than 112 bits");
    uint8_t tmp[FIPS140_HASH_MAX_DIGEST];
    size_t n = fips140_hash_digest_size(alg);
    st = hkdf_extract_core(alg, tmp, salt, saltlen, ikm, ikmlen);
    if (st == FIPS140_OK) {
        memcpy(prk, tmp, n);
        fips140_indicator_approved(approved);
    }
    fips140_wipe(tmp, sizeof tmp);
    return st;
}

fips140_status fips140_hkdf_expand(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *prk,
                                   size_t prklen, const uint8_t *info, size_t infolen)
{
    if (out == NULL || (prk == NULL && prklen != 0) || (info == NULL && infolen != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_KDA_HKDF);
    if (st != FIPS140_OK)
        return st;
    if (!kdf_hash_ok(alg))
        return FIPS140_ERR_ARG;
    if (!expand_len_ok(alg, outlen))
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = outlen >= KDF_MIN_APPROVED_OUT && prklen >= KDF_MIN_APPROVED_OUT;
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56C Rev. 2 8, SP 800-131A Rev. 2: HKDF key or output shorter than 112 bits");
    st = hkdf_expand_core(alg, out, outlen, prk, prklen, info, infolen);
    if (st == FIPS140_OK)
        fips140_indicator_approved(approved);
    return st;
}

fips140_status fips140_hkdf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *ikm, size_t ikmlen,
                            const uint8_t *salt, size_t saltlen, const uint8_t *info, size_t infolen)
{
    if (out == NULL || (ikm == NULL && ikmlen != 0) || (salt == NULL && saltlen != 0) || (info == NULL && infolen != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_KDA_HKDF);
    if (st != FIPS140_OK)
        return st;
    if (!kdf_hash_ok(alg))
        return FIPS140_ERR_ARG;
    if (!expand_len_ok(alg, outlen))
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = outlen >= KDF_MIN_APPROVED_OUT && ikmlen >= KDF_MIN_APPROVED_OUT;
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56C Rev. 2 8, SP 800-131A Rev. 2: HKDF input key or output shorter than 112 bits");
    uint8_t prk[FIPS140_HASH_MAX_DIGEST];
    size_t n = fips140_hash_digest_size(alg);
    st = hkdf_extract_core(alg, prk, salt, saltlen, ikm, ikmlen);                 /* SP 800-56C Rev. 2 §5.1 */
    if (st == FIPS140_OK) st = hkdf_expand_core(alg, out, outlen, prk, n, info, infolen); /* §5.2 */
    fips140_wipe(prk, sizeof prk);
    if (st == FIPS140_OK)
        fips140_indicator_approved(approved);
    return st;
}
