/* module/aes/gcm_random_iv.c - AES-GCM encryption with IVs generated inside the module: the RBG-based
 * construction of NIST SP 800-38D §8.2.2. The IV is a 96-bit random field from the module's approved RBG
 * (fips140_rand_bytes, SP 800-90A DRBGs seeded from the module's entropy source) with an empty free field; at most
 * 2^32 such encryptions per key (§8.3), counted in the context. Because the module, not the caller, guarantees
 * IV uniqueness (§8 requirement), this encryption is an approved service, unlike fips140_aes_gcm_encrypt with a
 * caller-chosen IV. The message itself runs through the ordinary GCM code in gcm.c. This file also holds the
 * service shape shared with the deterministic constructions of gcm_iv_construct.c (gcm_internal.h). */
#include <string.h>
#include "gcm_internal.h"
#include <fips140/rand.h>

/* §5.2.1.1: len(P) ≤ 2^39 - 256 bits; len(A) ≤ 2^64 - 1 bits (whole bytes here). Same limits as gcm.c. */
#define MODULE_IV_MAX_TEXT_BYTES ((UINT64_C(1) << 36) - 32u)
#define MODULE_IV_MAX_AAD_BYTES (UINT64_MAX >> 3)

fips140_status gcm_start_module_iv(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12], gcm_iv_start_fn start)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || iv_out == NULL)
        return FIPS140_ERR_NULL;
    s = start(ctx, iv_out);
    if (s != FIPS140_OK)
        return s;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status gcm_encrypt_module_iv(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                     uint8_t iv_out[12], const uint8_t *aad, size_t aadlen, const uint8_t *in,
                                     size_t len, gcm_iv_ready_fn ready, gcm_iv_start_fn start)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    /* Every argument check before an IV is spent. */
    if (ctx == NULL || iv_out == NULL || (tag == NULL && taglen != 0) || (aad == NULL && aadlen != 0) ||
        ((in == NULL || out == NULL) && len != 0))
        return FIPS140_ERR_NULL;
    if (ready != NULL && (s = ready(ctx)) != FIPS140_OK)
        return s;
    if (taglen < 4 || taglen > 16)
        return FIPS140_ERR_TAG_LENGTH;
    if ((uint64_t)aadlen > MODULE_IV_MAX_AAD_BYTES || (uint64_t)len > MODULE_IV_MAX_TEXT_BYTES)
        return FIPS140_ERR_DATA_LENGTH;
    if (!gcm_tag_approved(taglen) && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 5.2.1.2: GCM tag length not 32, 64 or 96..128 bits");

    s = start(ctx, iv_out);
    if (s == FIPS140_OK)
        s = fips140_aes_gcm_aad(ctx, aad, aadlen);
    if (s == FIPS140_OK)
        s = fips140_aes_gcm_update(ctx, out, in, len);
    if (s == FIPS140_OK)
        s = fips140_aes_gcm_finish(ctx, tag, taglen);
    if (s != FIPS140_OK) {
        /* Only reachable if the module entered its error state meanwhile: release no ciphertext. */
        fips140_wipe(out, len);
        return s;
    }
    fips140_indicator_approved(gcm_tag_approved(taglen));
    return FIPS140_OK;
}

/* riv_start - §8.2.2: draw the 96-bit random field from the RBG, publish it as the IV and start the message. */
static fips140_status riv_start(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12])
{
    uint8_t iv[12];
    fips140_status s = fips140_rand_bytes(iv, sizeof iv);
    if (s == FIPS140_OK)
        s = gcm_start_generated_iv(ctx, iv);
    if (s == FIPS140_OK)
        memcpy(iv_out, iv, sizeof iv);
    return s;
}

/* fips140_aes_gcm_start_random_iv - aes.h: streaming start under a generated IV. */
fips140_status fips140_aes_gcm_start_random_iv(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12])
{
    return gcm_start_module_iv(ctx, iv_out, riv_start);
}

/* fips140_aes_gcm_encrypt_random_iv - aes.h: one-shot encryption under a generated IV. */
fips140_status fips140_aes_gcm_encrypt_random_iv(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                                 uint8_t iv_out[12], const uint8_t *aad, size_t aadlen,
                                                 const uint8_t *in, size_t len)
{
    return gcm_encrypt_module_iv(ctx, out, tag, taglen, iv_out, aad, aadlen, in, len, NULL, riv_start);
}
