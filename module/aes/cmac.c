/* module/aes/cmac.c - CMAC with AES, NIST SP 800-38B (May 2005, updated 2016): subkey generation (§6.1), MAC
 * generation with a streaming interface (§6.2) and verification (§6.3), plus the CBC-MAC chain dispatcher that
 * CCM shares.
 *
 * Streaming: update always keeps the last 1..16 bytes absorbed in ctx->buf, because only final knows whether
 * that block is the complete last block M_n (XORed with K1) or a partial one (padded, XORed with K2). */
#include <stddef.h>
#include <string.h>
#include <fips140/cmac.h>
#include "aes_mac_internal.h"
#include "../core/ct.h"

/* aes_cbcmac_blocks - aes_mac_internal.h. */
void aes_cbcmac_blocks(const aes_sched *ks, uint8_t x[16], const uint8_t *in, size_t nblocks)
{
#if FIPS140_X86_64
    if (ks->use_ni) {
        cmac_ni_cbcmac(ks, x, in, nblocks);
        return;
    }
#endif
    for (; nblocks > 0; nblocks--, in += 16) {
        for (int i = 0; i < 16; i++)
            x[i] ^= in[i];
        aes_encrypt_blocks(ks, x, x, 1);
    }
}

/* dbl - §6.1 steps 2-3: out = (in << 1) XOR (MSB_1(in) ? R_128 : 0), R_128 = 0^120 || 10000111. The carry
 * selects the constant through a mask, not a branch (the subkeys are secret). */
static void dbl(uint8_t out[16], const uint8_t in[16])
{
    const uint8_t carry = (uint8_t)(0u - (uint8_t)(in[0] >> 7));
    for (int i = 0; i < 15; i++)
        out[i] = (uint8_t)((in[i] << 1) | (in[i + 1] >> 7));
    out[15] = (uint8_t)((in[15] << 1) ^ (carry & 0x87u));
}

/* msg_reset - start a new message: zero chaining value, nothing buffered (§6.2 step 5: C_0 = 0^b). */
static void msg_reset(fips140_cmac_ctx *ctx)
{
    fips140_wipe(ctx->x, sizeof ctx->x);
    fips140_wipe(ctx->buf, sizeof ctx->buf);
    ctx->buflen = 0;
}

/* do_update - absorb len bytes, leaving the last 1..16 bytes in buf. */
static void do_update(fips140_cmac_ctx *ctx, const uint8_t *p, size_t len)
{
    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    if (len == 0)
        return;
    if (ctx->buflen > 0) {
        size_t n = 16 - ctx->buflen < len ? 16 - ctx->buflen : len;
        memcpy(ctx->buf + ctx->buflen, p, n);
        ctx->buflen += (uint32_t)n;
        p += n;
        len -= n;
        if (len == 0)
            return; /* the buffered block may be the last one */
        aes_cbcmac_blocks(ks, ctx->x, ctx->buf, 1);
        ctx->buflen = 0;
    }
    /* Whole blocks, except the last (non-empty) stretch of 1..16 bytes. */
    size_t nb = (len - 1) / 16;
    aes_cbcmac_blocks(ks, ctx->x, p, nb);
    p += 16 * nb;
    len -= 16 * nb;
    memcpy(ctx->buf, p, len);
    ctx->buflen = (uint32_t)len;
}

/* do_final - §6.2 steps 3-6: the full 16-byte MAC T (the caller truncates, step 7). */
static void do_final(fips140_cmac_ctx *ctx, uint8_t t[16])
{
    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    uint8_t last[16];
    if (ctx->buflen == 16) {
        /* Step 3: M_n complete: M_n XOR K1. */
        for (int i = 0; i < 16; i++)
            last[i] = (uint8_t)(ctx->buf[i] ^ ctx->k1[i]);
    } else {
        /* Step 3: M_n* || 10^j XOR K2 (also the empty message: n = 1, M_1* empty, step 2). */
        memcpy(last, ctx->buf, ctx->buflen);
        last[ctx->buflen] = 0x80;
        memset(last + ctx->buflen + 1, 0, 15 - ctx->buflen);
        for (int i = 0; i < 16; i++)
            last[i] ^= ctx->k2[i];
    }
    aes_cbcmac_blocks(ks, ctx->x, last, 1);
    memcpy(t, ctx->x, 16);
    fips140_wipe(last, sizeof last);
    msg_reset(ctx);
}

/* check_ctx - the context is keyed. */
static fips140_status check_ctx(const fips140_cmac_ctx *ctx)
{
    if (ctx == NULL)
        return FIPS140_ERR_NULL;
    if (ctx->phase != CMAC_MAGIC || ctx->buflen > 16)
        return FIPS140_ERR_STATE;
    return FIPS140_OK;
}

/* check_maclen - 1..16 bytes; below 64 bits not approved (SP 800-38B Appendix A), refused in FIPS140=only. */
static fips140_status check_maclen(size_t maclen)
{
    if (maclen < 1 || maclen > 16)
        return FIPS140_ERR_TAG_LENGTH;
    if (maclen < 8 && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38B Appendix A: MAC shorter than 64 bits");
    return FIPS140_OK;
}

fips140_status fips140_cmac_init(fips140_cmac_ctx *ctx, const uint8_t *key, size_t keylen)
{
    fips140_status s = fips140_service_begin(CAST_CMAC);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || key == NULL)
        return FIPS140_ERR_NULL;
    if (keylen != 16 && keylen != 24 && keylen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    aes_sched *ks = aes_sched_of(&ctx->key);
    aes_sched_init_enc(ks, key, keylen);
    /* §6.1 step 1: L = CIPH_K(0^128); steps 2-3: K1 = dbl(L), K2 = dbl(K1). */
    uint8_t l[16];
    memset(l, 0, sizeof l);
    aes_encrypt_blocks(ks, l, l, 1);
    dbl(ctx->k1, l);
    dbl(ctx->k2, ctx->k1);
    fips140_wipe(l, sizeof l);
    msg_reset(ctx);
    ctx->phase = CMAC_MAGIC;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_cmac_update(fips140_cmac_ctx *ctx, const void *data, size_t len)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    s = check_ctx(ctx);
    if (s != FIPS140_OK)
        return s;
    if (data == NULL && len != 0)
        return FIPS140_ERR_NULL;
    do_update(ctx, (const uint8_t *)data, len);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_cmac_final(fips140_cmac_ctx *ctx, uint8_t *out, size_t outlen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    s = check_ctx(ctx);
    if (s != FIPS140_OK)
        return s;
    if (out == NULL)
        return FIPS140_ERR_NULL;
    s = check_maclen(outlen);
    if (s != FIPS140_OK)
        return s;
    uint8_t t[16];
    do_final(ctx, t);
    memcpy(out, t, outlen); /* §6.2 step 7: T = MSB_Tlen(C_n) */
    fips140_wipe(t, sizeof t);
    fips140_indicator_approved(outlen >= 8);
    return FIPS140_OK;
}

fips140_status fips140_cmac_verify_final(fips140_cmac_ctx *ctx, const uint8_t *expected, size_t explen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    s = check_ctx(ctx);
    if (s != FIPS140_OK)
        return s;
    if (expected == NULL)
        return FIPS140_ERR_NULL;
    s = check_maclen(explen);
    if (s != FIPS140_OK)
        return s;
    uint8_t t[16];
    do_final(ctx, t);
    /* §6.3 step 2: compare T' with T in constant time. */
    int ok = ct_memeq(t, expected, explen);
    fips140_wipe(t, sizeof t);
    if (!ok)
        return FIPS140_ERR_AUTH;
    fips140_indicator_approved(explen >= 8);
    return FIPS140_OK;
}

fips140_status fips140_cmac_reset(fips140_cmac_ctx *ctx)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    s = check_ctx(ctx);
    if (s != FIPS140_OK)
        return s;
    msg_reset(ctx);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

void fips140_cmac_wipe(fips140_cmac_ctx *ctx)
{
    if (ctx != NULL)
        fips140_wipe(ctx, sizeof *ctx);
}

fips140_status fips140_cmac(uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen, const void *data,
                            size_t len)
{
    fips140_status s = fips140_service_begin(CAST_CMAC);
    if (s != FIPS140_OK)
        return s;
    if (out == NULL || key == NULL || (data == NULL && len != 0))
        return FIPS140_ERR_NULL;
    if (keylen != 16 && keylen != 24 && keylen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    s = check_maclen(outlen);
    if (s != FIPS140_OK)
        return s;
    fips140_cmac_ctx ctx;
    s = fips140_cmac_init(&ctx, key, keylen);
    if (s == FIPS140_OK) {
        uint8_t t[16];
        do_update(&ctx, (const uint8_t *)data, len);
        do_final(&ctx, t);
        memcpy(out, t, outlen);
        fips140_wipe(t, sizeof t);
        fips140_indicator_approved(outlen >= 8);
    }
    fips140_cmac_wipe(&ctx);
    return s;
}
