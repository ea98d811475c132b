/* module/kdf/kda_onestep.c - the one-step KDF of SP 800-56C Rev. 2 §4 with H a hash (Option 1, §4.1) or HMAC keyed
 * with a salt (Option 2):
 *     reps = ceil(L / H_outputBits); K(i) = H(counter_i || Z || FixedInfo), counter_i a 32-bit big-endian i
 *     DKM = leftmost L bits of K(1) || ... || K(reps)          (§4.1 process steps 1-6, reps <= 2^32 - 1)
 * The HMAC variant keys one context with the salt (an empty salt is the all-zero default salt of §4.1, which HMAC's
 * zero padding of the key makes identical) and restarts it with fips140_hmac_reset for every counter value.
 *
 * Service indicator: SHA-1, SHA-2 and SHA-3 (as H or inside HMAC) are all acceptable for key derivation (SP 800-56C
 * Rev. 2 §7, SP 800-131A Rev. 2 §9 Table 9, §10), so APPROVED iff the shared secret Z and the DKM are each at least
 * 112 bits (KDF_MIN_APPROVED_OUT, SP 800-131A Rev. 2 security strength); shorter: NOT_APPROVED, refused in
 * FIPS140=only. The salt of the HMAC form may have any length (a public value, §4.1). */
#include "kdf_internal.h"

/* onestep_len_ok - 1 <= outlen <= (2^32 - 1) * HashLen (§4.1 process step 2). */
static int onestep_len_ok(fips140_hash_alg alg, size_t outlen)
{
    return outlen >= 1 && (uint64_t)outlen <= (uint64_t)UINT32_MAX * fips140_hash_digest_size(alg);
}

/* onestep_approved - the length rule above, checked before any output is written. */
static int onestep_approved(size_t outlen, size_t zlen)
{
    return outlen >= KDF_MIN_APPROVED_OUT && zlen >= KDF_MIN_APPROVED_OUT;
}

fips140_status fips140_kda_onestep_hash(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *z,
                                        size_t zlen, const uint8_t *fixed_info, size_t fixed_len)
{
    if (out == NULL || (z == NULL && zlen != 0) || (fixed_info == NULL && fixed_len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_KDA_ONESTEP);
    if (st != FIPS140_OK)
        return st;
    if (!kdf_hash_ok(alg))
        return FIPS140_ERR_ARG;
    if (!onestep_len_ok(alg, outlen))
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = onestep_approved(outlen, zlen);
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56C Rev. 2 8, SP 800-131A Rev. 2: one-step KDF Z or output shorter than 112 bits");

    fips140_hash_ctx ctx;
    uint8_t k[FIPS140_HASH_MAX_DIGEST], counter[4];
    size_t n = fips140_hash_digest_size(alg), done = 0;
    uint32_t i = 0;
    while (st == FIPS140_OK && done < outlen) {
        store32_be(counter, ++i); /* step 6.1: counter = i */
        st = fips140_hash_init(&ctx, alg);
        if (st == FIPS140_OK) st = fips140_hash_update(&ctx, counter, sizeof counter); /* step 6.2 */
        if (st == FIPS140_OK) st = fips140_hash_update(&ctx, z, zlen);
        if (st == FIPS140_OK) st = fips140_hash_update(&ctx, fixed_info, fixed_len);
        if (st == FIPS140_OK) st = fips140_hash_final(&ctx, k, n);
        if (st == FIPS140_OK) {
            size_t take = outlen - done < n ? outlen - done : n; /* step 7: leftmost L bits */
            memcpy(out + done, k, take);
            done += take;
        }
    }
    fips140_wipe(&ctx, sizeof ctx);
    fips140_wipe(k, sizeof k);
    if (st != FIPS140_OK) {
        fips140_wipe(out, outlen);
        return st;
    }
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}

fips140_status fips140_kda_onestep_hmac(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *salt,
                                        size_t saltlen, const uint8_t *z, size_t zlen, const uint8_t *fixed_info,
                                        size_t fixed_len)
{
    if (out == NULL || (salt == NULL && saltlen != 0) || (z == NULL && zlen != 0) ||
        (fixed_info == NULL && fixed_len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_KDA_ONESTEP);
    if (st != FIPS140_OK)
        return st;
    if (!kdf_hash_ok(alg))
        return FIPS140_ERR_ARG;
    if (!onestep_len_ok(alg, outlen))
        return FIPS140_ERR_OUTPUT_LENGTH;
    int approved = onestep_approved(outlen, zlen);
    if (!approved && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-56C Rev. 2 8, SP 800-131A Rev. 2: one-step KDF Z or output shorter than 112 bits");

    fips140_hmac_ctx ctx;
    uint8_t k[FIPS140_HASH_MAX_DIGEST], counter[4];
    size_t n = fips140_hash_digest_size(alg), done = 0;
    uint32_t i = 0;
    st = kdf_hmac_init(&ctx, alg, salt, saltlen); /* §4.1 Option 2: H(x) = HMAC-hash(salt, x) */
    while (st == FIPS140_OK && done < outlen) {
        store32_be(counter, ++i);
        st = fips140_hmac_reset(&ctx);
        if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, counter, sizeof counter);
        if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, z, zlen);
        if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, fixed_info, fixed_len);
        if (st == FIPS140_OK) st = fips140_hmac_final(&ctx, k, n);
        if (st == FIPS140_OK) {
            size_t take = outlen - done < n ? outlen - done : n;
            memcpy(out + done, k, take);
            done += take;
        }
    }
    fips140_hmac_wipe(&ctx);
    fips140_wipe(k, sizeof k);
    if (st != FIPS140_OK) {
        fips140_wipe(out, outlen);
        return st;
    }
    fips140_indicator_approved(approved);
    return FIPS140_OK;
}
