/* module/aes/aes_modes.c - the ECB, CBC and CTR modes of NIST SP 800-38A (2001 edition), public services.
 *
 * Every entry passes the service gate for its mode's CAST, checks its arguments before writing anything, and
 * sets the service indicator to approved on success. Buffers may alias exactly (out == in). */
#include <string.h>
#include "aes_internal.h"

#define CTR_READY 0x43545231u /* "CTR1": fips140_aes_ctr_init has run on this context */

/* check_data - the common argument rules: NULL is an error unless the length is 0. */
static fips140_status check_data(const void *key, uint8_t *out, const uint8_t *in, size_t len)
{
    if (key == NULL)
        return FIPS140_ERR_NULL;
    if (len != 0 && (out == NULL || in == NULL))
        return FIPS140_ERR_NULL;
    return FIPS140_OK;
}

/* ---- ECB, SP 800-38A §6.1. */

static fips140_status ecb(const fips140_aes_key *key, uint8_t *out, const uint8_t *in, size_t len, int enc)
{
    fips140_status st = fips140_service_begin(CAST_AES_ECB);
    if (st != FIPS140_OK)
        return st;
    if ((st = check_data(key, out, in, len)) != FIPS140_OK)
        return st;
    if (len % FIPS140_AES_BLOCK != 0)
        return FIPS140_ERR_DATA_LENGTH;
    if (len != 0) {
        if (enc)
            aes_encrypt_blocks(aes_sched_of_const(key), out, in, len / FIPS140_AES_BLOCK);
        else
            aes_decrypt_blocks(aes_sched_of_const(key), out, in, len / FIPS140_AES_BLOCK);
    }
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_ecb_encrypt(const fips140_aes_key *key, uint8_t *out, const uint8_t *in, size_t len)
{
    return ecb(key, out, in, len, 1);
}

fips140_status fips140_aes_ecb_decrypt(const fips140_aes_key *key, uint8_t *out, const uint8_t *in, size_t len)
{
    return ecb(key, out, in, len, 0);
}

/* ---- CBC, SP 800-38A §6.2. iv holds C_(j-1) between calls, so consecutive calls continue one message. */

static fips140_status cbc(const fips140_aes_key *key, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t len,
                          int enc)
{
    fips140_status st = fips140_service_begin(CAST_AES_CBC);
    if (st != FIPS140_OK)
        return st;
    if ((st = check_data(key, out, in, len)) != FIPS140_OK)
        return st;
    if (iv == NULL)
        return FIPS140_ERR_NULL;
    if (len % FIPS140_AES_BLOCK != 0)
        return FIPS140_ERR_DATA_LENGTH;
    if (len != 0) {
        if (enc)
            aes_cbc_encrypt_blocks(aes_sched_of_const(key), iv, out, in, len / FIPS140_AES_BLOCK);
        else
            aes_cbc_decrypt_blocks(aes_sched_of_const(key), iv, out, in, len / FIPS140_AES_BLOCK);
    }
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_cbc_encrypt(const fips140_aes_key *key, uint8_t iv[16], uint8_t *out, const uint8_t *in,
                                       size_t len)
{
    return cbc(key, iv, out, in, len, 1);
}

fips140_status fips140_aes_cbc_decrypt(const fips140_aes_key *key, uint8_t iv[16], uint8_t *out, const uint8_t *in,
                                       size_t len)
{
    return cbc(key, iv, out, in, len, 0);
}

/* ---- CTR, SP 800-38A §6.5 with the standard incrementing function of §B.1 over the whole 128-bit block. */

fips140_status fips140_aes_ctr_init(fips140_aes_ctr_ctx *ctx, const uint8_t *k, size_t klen, const uint8_t iv[16])
{
    fips140_status st = fips140_service_begin(CAST_AES_CTR);
    if (st != FIPS140_OK)
        return st;
    if (ctx == NULL || k == NULL || iv == NULL)
        return FIPS140_ERR_NULL;
    if (klen != 16 && klen != 24 && klen != 32)
        return FIPS140_ERR_KEY_LENGTH;
    aes_sched_init(aes_sched_of(&ctx->key), k, klen);
    memcpy(ctx->counter, iv, 16);
    memset(ctx->stream, 0, sizeof ctx->stream);
    ctx->used = 16;
    ctx->phase = CTR_READY;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

fips140_status fips140_aes_ctr_update(fips140_aes_ctr_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len)
{
    fips140_status st = fips140_service_begin(CAST_AES_CTR);
    if (st != FIPS140_OK)
        return st;
    if (ctx == NULL)
        return FIPS140_ERR_NULL;
    if (ctx->phase != CTR_READY || ctx->used > 16)
        return FIPS140_ERR_STATE;
    if (len != 0 && (out == NULL || in == NULL))
        return FIPS140_ERR_NULL;

    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    /* 1. What is left of the previous keystream block. */
    while (len > 0 && ctx->used < 16) {
        *out++ = (uint8_t)(*in++ ^ ctx->stream[ctx->used++]);
        len--;
    }
    /* 2. Whole blocks straight from the counter. */
    size_t nb = len / 16;
    if (nb > 0) {
        aes_ctr128_xor(ks, out, in, nb, ctx->counter);
        out += 16 * nb; in += 16 * nb; len -= 16 * nb;
    }
    /* 3. A partial last block: keep its keystream for the next call. */
    if (len > 0) {
        memset(ctx->stream, 0, 16);
        aes_ctr128_xor(ks, ctx->stream, ctx->stream, 1, ctx->counter);
        for (size_t i = 0; i < len; i++)
            out[i] = (uint8_t)(in[i] ^ ctx->stream[i]);
        ctx->used = (uint32_t)len;
    }
    fips140_indicator_approved(1);
    return FIPS140_OK;
}
