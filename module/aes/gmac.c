/* module/aes/gmac.c - GMAC, NIST SP 800-38D (November 2007) §3 / §7.1 with an empty plaintext: the GCM tag of
 * the data taken as additional authenticated data, T = MSB_t(GCTR_K(J0, GHASH_H(A || 0^v || [len(A)]64 ||
 * [0]64))).
 *
 * Built on the GCM code: the context holds a GCM key and state (fips140_aes_gcm_ctx, gcm_state of gcm_internal.h),
 * and the work is done by gcm.c's internal steps (gcm_key_setup, gcm_msg_start / _aad / _tag / _wipe), so GMAC
 * uses the same GHASH paths as GCM. The GCM services themselves are not called: their caller-IV encryption is not
 * an approved service, while GMAC with a caller IV is (nothing is encrypted, so IV reuse reveals no plaintext). */
#include <stddef.h>
#include <string.h>
#include <fips140/cmac.h>
#include "gcm_internal.h"
#include "../core/ct.h"

#define GMAC_KEYED 0x474d4b31u /* "GMK1": keyed, no message */
#define GMAC_MSG 0x474d4d31u   /* "GMM1": a message started */

/* §5.2.1.1: len(A) <= 2^64 - 1 bits, len(IV) the same (whole bytes here). */
#define GMAC_MAX_BYTES (UINT64_MAX >> 3)

static inline gcm_state *state_of(fips140_gmac_ctx *ctx) { return (gcm_state *)(void *)ctx->gcm.opaque; }

/* wipe_message - zeroise the per-message values and return to "keyed". */
static void wipe_message(fips140_gmac_ctx *ctx)
{
    gcm_msg_wipe(state_of(ctx));
    ctx->phase = GMAC_KEYED;
}

/* do_init - key the GCM machinery (§6.4: H = CIPH_K(0^128) and the GHASH key powers). */
static void do_init(fips140_gmac_ctx *ctx, const uint8_t *key, size_t keylen)
{
    gcm_key_setup(&ctx->gcm, key, keylen);
    ctx->phase = GMAC_KEYED;
}

/* do_start - §7.1 step 2: J0 from the IV; GHASH of A starts from zero. */
static void do_start(fips140_gmac_ctx *ctx, const uint8_t *iv, size_t ivlen)
{
    gcm_msg_start(state_of(ctx), FIPS140_GCM_ENCRYPT, iv, ivlen);
    ctx->phase = GMAC_MSG;
}

/* do_tag - §7.1 steps 5-6 with C empty: S = GHASH(A || 0^v || [len(A)]64 || [0]64), T = CIPH_K(J0) ^ S. */
static void do_tag(fips140_gmac_ctx *ctx, uint8_t t[16])
{
    gcm_msg_tag(state_of(ctx), aes_sched_of_const(&ctx->gcm.key), t);
}

/* check_tag - 4..16 bytes (as GCM); lengths outside §5.2.1.2 not approved, refused in FIPS140=only. */
static fips140_status check_tag(size_t taglen)
{
    if (taglen < 4 || taglen > 16)
        return FIPS140_ERR_TAG_LENGTH;
    if (!gcm_tag_approved(taglen) && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 5.2.1.2: tag length not 32, 64 or 96..128 bits");
    return FIPS140_OK;
}

fips140_status fips140_gmac_init(fips140_gmac_ctx *ctx, const uint8_t *key, size_t keylen)
{
    fips140_status s = fips140_service_begin(CAST_GMAC);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || key == NULL)
        return FIPS140_ERR_NULL;
    if (keylen != 16 && keylen != 24 && keylen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    do_init(ctx, key, keylen);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_gmac_start(fips140_gmac_ctx *ctx, const uint8_t *iv, size_t ivlen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || iv == NULL)
        return FIPS140_ERR_NULL;
    if (ctx->phase != GMAC_KEYED && ctx->phase != GMAC_MSG)
        return FIPS140_ERR_STATE;
    if (ivlen == 0)
        return FIPS140_ERR_IV_LENGTH; /* §5.2.1.1: 1 <= len(IV) */
    if ((uint64_t)ivlen > GMAC_MAX_BYTES)
        return FIPS140_ERR_DATA_LENGTH;
    do_start(ctx, iv, ivlen);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_gmac_update(fips140_gmac_ctx *ctx, const void *data, size_t len)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || (data == NULL && len != 0))
        return FIPS140_ERR_NULL;
    if (ctx->phase != GMAC_MSG)
        return FIPS140_ERR_STATE;
    gcm_state *st = state_of(ctx);
    if ((uint64_t)len > GMAC_MAX_BYTES - st->aad_len)
        return FIPS140_ERR_DATA_LENGTH;
    gcm_msg_aad(st, (const uint8_t *)data, len);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_gmac_final(fips140_gmac_ctx *ctx, uint8_t *tag, size_t taglen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || tag == NULL)
        return FIPS140_ERR_NULL;
    if (ctx->phase != GMAC_MSG)
        return FIPS140_ERR_STATE;
    s = check_tag(taglen);
    if (s != FIPS140_OK)
        return s;
    uint8_t t[16];
    do_tag(ctx, t);
    memcpy(tag, t, taglen);
    fips140_wipe(t, sizeof t);
    wipe_message(ctx);
    fips140_indicator_approved(gcm_tag_approved(taglen));
    return FIPS140_OK;
}

fips140_status fips140_gmac_verify(fips140_gmac_ctx *ctx, const uint8_t *tag, size_t taglen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || tag == NULL)
        return FIPS140_ERR_NULL;
    if (ctx->phase != GMAC_MSG)
        return FIPS140_ERR_STATE;
    s = check_tag(taglen);
    if (s != FIPS140_OK)
        return s;
    uint8_t t[16];
    do_tag(ctx, t);
    /* §7.2 step 8: compare in constant time. */
    const int ok = ct_memeq(t, tag, taglen);
    fips140_wipe(t, sizeof t);
    wipe_message(ctx);
    if (!ok)
        return FIPS140_ERR_AUTH;
    fips140_indicator_approved(gcm_tag_approved(taglen));
    return FIPS140_OK;
}

void fips140_gmac_wipe(fips140_gmac_ctx *ctx)
{
    if (ctx != NULL)
        fips140_wipe(ctx, sizeof *ctx);
}

fips140_status fips140_gmac(uint8_t *tag, size_t taglen, const uint8_t *key, size_t keylen, const uint8_t *iv,
                            size_t ivlen, const void *data, size_t len)
{
    fips140_status s = fips140_service_begin(CAST_GMAC);
    if (s != FIPS140_OK)
        return s;
    if (tag == NULL || key == NULL || iv == NULL || (data == NULL && len != 0))
        return FIPS140_ERR_NULL;
    if (keylen != 16 && keylen != 24 && keylen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    if (ivlen == 0)
        return FIPS140_ERR_IV_LENGTH;
    if ((uint64_t)ivlen > GMAC_MAX_BYTES || (uint64_t)len > GMAC_MAX_BYTES)
        return FIPS140_ERR_DATA_LENGTH;
    s = check_tag(taglen);
    if (s != FIPS140_OK)
        return s;
    fips140_gmac_ctx ctx;
    uint8_t t[16];
    do_init(&ctx, key, keylen);
    do_start(&ctx, iv, ivlen);
    gcm_msg_aad(state_of(&ctx), (const uint8_t *)data, len);
    do_tag(&ctx, t);
    memcpy(tag, t, taglen);
    fips140_wipe(t, sizeof t);
    fips140_gmac_wipe(&ctx);
    fips140_indicator_approved(gcm_tag_approved(taglen));
    return FIPS140_OK;
}
