/* module/aes/gmac.c - GMAC, NIST SP 800-38D (November 2007) §3 / §7.1 with an empty plaintext: the GCM tag of
 * the data taken as additional authenticated data, T = MSB_t(GCTR_K(J0, GHASH_H(A || 0^v || [len(A)]64 ||
 * [0]64))).
 *
 * Built on the GCM code: the context holds a GCM key and state (fips140_aes_gcm_ctx, gcm_state of gcm_internal.h),
 * and the GHASH work goes to the same three implementations (ghash_ct.c, ghash_clmul.c, gcm_vaes.c) chosen the
 * same way as gcm.c does. The GCM services themselves are not called: their caller-IV encryption is not an
 * approved service, while GMAC with a caller IV is (nothing is encrypted, so IV reuse reveals no plaintext). */
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

/* select_impl - the GHASH path for this CPU, by the same rule as gcm.c. */
static enum gcm_impl select_impl(void)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_CPU_VAES | FIPS140_CPU_VPCLMUL | FIPS140_CPU_AVX2 | FIPS140_CPU_AESNI | FIPS140_CPU_PCLMUL))
        return GCM_IMPL_VAES;
    if (cpu_has(FIPS140_CPU_PCLMUL | FIPS140_CPU_SSSE3))
        return GCM_IMPL_CLMUL;
#endif
    return GCM_IMPL_CT;
}

/* ghash - y = GHASH update over nblocks full blocks (§6.4). */
static void ghash(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    if (nblocks == 0)
        return;
#if FIPS140_X86_64
    if (st->impl == GCM_IMPL_VAES) { ghash_vaes(st, y, in, nblocks); return; }
    if (st->impl == GCM_IMPL_CLMUL) { ghash_clmul(st, y, in, nblocks); return; }
#endif
    ghash_ct(st, y, in, nblocks);
}

/* tag_approved - SP 800-38D §5.2.1.2: t in {128, 120, 112, 104, 96} bits, or 64 / 32 bits (Appendix C). */
static int tag_approved(size_t taglen) { return taglen == 4 || taglen == 8 || (taglen >= 12 && taglen <= 16); }

/* wipe_message - zeroise the per-message values and return to "keyed". */
static void wipe_message(fips140_gmac_ctx *ctx)
{
    gcm_state *st = state_of(ctx);
    fips140_wipe(st->j0, sizeof st->j0);
    fips140_wipe(st->y, sizeof st->y);
    fips140_wipe(st->buf, sizeof st->buf);
    st->aad_len = 0;
    ctx->phase = GMAC_KEYED;
}

static void do_init(fips140_gmac_ctx *ctx, const uint8_t *key, size_t keylen)
{
    gcm_state *st = state_of(ctx);
    aes_sched *ks = aes_sched_of(&ctx->gcm.key);
    memset(st, 0, sizeof *st);
    aes_sched_init_enc(ks, key, keylen);
    /* §6.4: H = CIPH_K(0^128). */
    uint8_t h[16];
    memset(h, 0, sizeof h);
    aes_encrypt_blocks(ks, h, h, 1);
    st->impl = (uint32_t)select_impl();
    ghash_ct_init(st, h);
#if FIPS140_X86_64
    if (st->impl == GCM_IMPL_VAES || st->impl == GCM_IMPL_CLMUL)
        ghash_clmul_init(st, h);
#endif
    fips140_wipe(h, sizeof h);
    ctx->phase = GMAC_KEYED;
}

/* do_start - §7.1 step 2: J0 from the IV; y = 0 for GHASH of A. */
static void do_start(fips140_gmac_ctx *ctx, const uint8_t *iv, size_t ivlen)
{
    gcm_state *st = state_of(ctx);
    memset(st->y, 0, 16);
    st->aad_len = 0;
    if (ivlen == 12) {
        /* J0 = IV || 0^31 || 1 */
        memcpy(st->j0, iv, 12);
        store32_be(st->j0 + 12, 1);
    } else {
        /* J0 = GHASH_H(IV || 0^(s+64) || [len(IV)]64) */
        uint8_t blk[16];
        memset(st->j0, 0, 16);
        ghash(st, st->j0, iv, ivlen / 16);
        size_t r = ivlen & 15u;
        if (r != 0) {
            memset(blk, 0, 16);
            memcpy(blk, iv + (ivlen - r), r);
            ghash(st, st->j0, blk, 1);
        }
        memset(blk, 0, 8);
        store64_be(blk + 8, (uint64_t)ivlen << 3);
        ghash(st, st->j0, blk, 1);
    }
    ctx->phase = GMAC_MSG;
}

/* do_update - GHASH of A, keeping a partial block in buf (its position is aad_len mod 16). */
static void do_update(gcm_state *st, const uint8_t *p, size_t len)
{
    if (len == 0)
        return;
    size_t pos = (size_t)(st->aad_len & 15u);
    st->aad_len += len;
    if (pos != 0) {
        size_t n = 16 - pos < len ? 16 - pos : len;
        memcpy(st->buf + pos, p, n);
        p += n;
        len -= n;
        if (pos + n < 16)
            return;
        ghash(st, st->y, st->buf, 1);
    }
    ghash(st, st->y, p, len / 16);
    p += len & ~(size_t)15;
    len &= 15u;
    if (len != 0)
        memcpy(st->buf, p, len);
}

/* do_tag - §7.1 steps 5-6 with C empty: S = GHASH(A || 0^v || [len(A)]64 || [0]64), T = CIPH_K(J0) ^ S. */
static void do_tag(fips140_gmac_ctx *ctx, uint8_t t[16])
{
    gcm_state *st = state_of(ctx);
    const aes_sched *ks = aes_sched_of_const(&ctx->gcm.key);
    uint8_t fin[32];
    size_t n = 0, pos = (size_t)(st->aad_len & 15u);
    if (pos != 0) {
        memcpy(fin, st->buf, pos);
        memset(fin + pos, 0, 16 - pos);
        n = 16;
    }
    store64_be(fin + n, st->aad_len << 3);
    store64_be(fin + n + 8, 0);
    ghash(st, st->y, fin, n / 16 + 1);
    aes_encrypt_blocks(ks, t, st->j0, 1);
    for (int i = 0; i < 16; i++)
        t[i] ^= st->y[i];
    fips140_wipe(fin, sizeof fin);
}

/* check_tag - 4..16 bytes (as GCM); lengths outside §5.2.1.2 not approved, refused in FIPS140=only. */
static fips140_status check_tag(size_t taglen)
{
    if (taglen < 4 || taglen > 16)
        return FIPS140_ERR_TAG_LENGTH;
    if (!tag_approved(taglen) && fips140_refuse_unapproved())
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
    do_update(st, (const uint8_t *)data, len);
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
    fips140_indicator_approved(tag_approved(taglen));
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
    fips140_indicator_approved(tag_approved(taglen));
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
    do_update(state_of(&ctx), (const uint8_t *)data, len);
    do_tag(&ctx, t);
    memcpy(tag, t, taglen);
    fips140_wipe(t, sizeof t);
    fips140_gmac_wipe(&ctx);
    fips140_indicator_approved(tag_approved(taglen));
    return FIPS140_OK;
}
