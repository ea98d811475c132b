/* module/hmac/hmac.c - HMAC (FIPS 198-1) over every fixed-length SHA-1, SHA-2 and SHA-3 hash.
 *
 * HMAC(K, text) = H((K0 ^ opad) || H((K0 ^ ipad) || text))   (FIPS 198-1 §4, steps 1-9)
 * The block size B is the hash's input block (SHA-1/2) or its rate (SHA-3, as SP 800-107r1 and ACVP use).
 * The context keeps the states right after absorbing K0^ipad and K0^opad, so a new message under the same key
 * (fips140_hmac_reset) does not re-process the key. Keys shorter than 112 bits are non-approved
 * (SP 800-131A Rev. 2 §10, SP 800-107r1 §5.3.4). */
#include <string.h>
#include "../core/internal.h"
#include "../core/ct.h"

enum { HMAC_PHASE_NONE = 0, HMAC_PHASE_KEYED = 0x484d4143u, HMAC_PHASE_DONE = 0x484d4144u };

#define HMAC_MIN_APPROVED_KEY 14u  /* bytes: 112 bits */
#define HMAC_MIN_TAG 4u            /* bytes: SP 800-107r1 §5.3.3 (32-bit minimum) */

static int hmac_alg_ok(fips140_hash_alg alg)
{
    return alg >= FIPS140_SHA1 && alg <= FIPS140_SHA3_512;
}

/* key_approved - SP 800-131A: HMAC keys of at least 112 bits. */
static int key_approved(size_t keylen) { return keylen >= HMAC_MIN_APPROVED_KEY; }

fips140_status fips140_hmac_init(fips140_hmac_ctx *ctx, fips140_hash_alg alg, const uint8_t *key, size_t keylen)
{
    if (ctx == NULL || (key == NULL && keylen != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_begin(CAST_HMAC_SHA2_256);
    if (st != FIPS140_OK)
        return st;
    if (!hmac_alg_ok(alg))
        return FIPS140_ERR_ARG;
    if (keylen > UINT32_MAX)
        return FIPS140_ERR_KEY_LENGTH;
    if (!key_approved(keylen) && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-131A Rev. 2 10: HMAC key shorter than 112 bits");

    size_t block = fips140_hash_block_size(alg), dlen = fips140_hash_digest_size(alg);
    uint8_t k0[FIPS140_HASH_MAX_BLOCK], pad[FIPS140_HASH_MAX_BLOCK];
    memset(k0, 0, sizeof k0);
    memset(ctx, 0, sizeof *ctx);

    /* FIPS 198-1 §4 steps 1-3: K0 = K padded with zeros, or H(K) padded when K is longer than B. */
    if (keylen > block) {
        st = fips140_hash(alg, k0, dlen, key, keylen);
    } else if (keylen > 0) {
        memcpy(k0, key, keylen);
    }
    /* Step 4-5: K0 ^ ipad absorbed into the inner state. Steps 7-8: K0 ^ opad into the outer state. */
    if (st == FIPS140_OK) {
        for (size_t i = 0; i < block; i++) pad[i] = (uint8_t)(k0[i] ^ 0x36);
        st = fips140_hash_init(&ctx->inner_keyed, alg);
        if (st == FIPS140_OK) st = fips140_hash_update(&ctx->inner_keyed, pad, block);
    }
    if (st == FIPS140_OK) {
        for (size_t i = 0; i < block; i++) pad[i] = (uint8_t)(k0[i] ^ 0x5c);
        st = fips140_hash_init(&ctx->outer_keyed, alg);
        if (st == FIPS140_OK) st = fips140_hash_update(&ctx->outer_keyed, pad, block);
    }
    fips140_wipe(k0, sizeof k0);
    fips140_wipe(pad, sizeof pad);
    if (st != FIPS140_OK) {
        fips140_wipe(ctx, sizeof *ctx);
        return st;
    }
    ctx->alg = (uint32_t)alg;
    ctx->keylen = (uint32_t)keylen;
    ctx->inner = ctx->inner_keyed;
    ctx->phase = HMAC_PHASE_KEYED;
    return FIPS140_OK;
}

fips140_status fips140_hmac_update(fips140_hmac_ctx *ctx, const void *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len != 0))
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    if (ctx->phase != HMAC_PHASE_KEYED)
        return FIPS140_ERR_STATE;
    /* Step 6: text appended to K0 ^ ipad. */
    return fips140_hash_update(&ctx->inner, data, len);
}

/* hmac_compute - steps 6-9 into full[] (digest size), leaving the keyed states for reset. */
static fips140_status hmac_compute(fips140_hmac_ctx *ctx, uint8_t full[FIPS140_HASH_MAX_DIGEST], size_t *dlen)
{
    fips140_hash_alg alg = (fips140_hash_alg)ctx->alg;
    size_t n = fips140_hash_digest_size(alg);
    uint8_t inner_digest[FIPS140_HASH_MAX_DIGEST];
    fips140_status st = fips140_hash_final(&ctx->inner, inner_digest, n);
    if (st == FIPS140_OK) {
        ctx->outer = ctx->outer_keyed;
        st = fips140_hash_update(&ctx->outer, inner_digest, n);
    }
    if (st == FIPS140_OK)
        st = fips140_hash_final(&ctx->outer, full, n);
    fips140_wipe(inner_digest, sizeof inner_digest);
    fips140_wipe(&ctx->inner, sizeof ctx->inner);
    fips140_wipe(&ctx->outer, sizeof ctx->outer);
    ctx->phase = HMAC_PHASE_DONE;
    *dlen = n;
    return st;
}

fips140_status fips140_hmac_final(fips140_hmac_ctx *ctx, uint8_t *out, size_t outlen)
{
    if (ctx == NULL || out == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    if (ctx->phase != HMAC_PHASE_KEYED)
        return FIPS140_ERR_STATE;
    if (outlen < HMAC_MIN_TAG || outlen > fips140_hash_digest_size((fips140_hash_alg)ctx->alg))
        return FIPS140_ERR_OUTPUT_LENGTH;
    uint8_t full[FIPS140_HASH_MAX_DIGEST];
    size_t dlen;
    st = hmac_compute(ctx, full, &dlen);
    if (st == FIPS140_OK) {
        memcpy(out, full, outlen); /* SP 800-107r1 §5.3.3: truncation keeps the leftmost bits */
        fips140_indicator_approved(key_approved(ctx->keylen));
    }
    fips140_wipe(full, sizeof full);
    return st;
}

fips140_status fips140_hmac_verify_final(fips140_hmac_ctx *ctx, const uint8_t *expected, size_t explen)
{
    if (ctx == NULL || expected == NULL)
        return FIPS140_ERR_NULL;
    fips140_status st = fips140_service_check();
    if (st != FIPS140_OK)
        return st;
    if (ctx->phase != HMAC_PHASE_KEYED)
        return FIPS140_ERR_STATE;
    if (explen < HMAC_MIN_TAG || explen > fips140_hash_digest_size((fips140_hash_alg)ctx->alg))
        return FIPS140_ERR_TAG_LENGTH;
    uint8_t full[FIPS140_HASH_MAX_DIGEST];
    size_t dlen;
    st = hmac_compute(ctx, full, &dlen);
    if (st == FIPS140_OK) {
        st = ct_memeq(full, expected, explen) ? FIPS140_OK : FIPS140_ERR_AUTH;
        if (st == FIPS140_OK)
            fips140_indicator_approved(key_approved(ctx->keylen));
    }
    fips140_wipe(full, sizeof full);
    return st;
}

fips140_status fips140_hmac_reset(fips140_hmac_ctx *ctx)
{
    if (ctx == NULL)
        return FIPS140_ERR_NULL;
    if (ctx->phase != HMAC_PHASE_KEYED && ctx->phase != HMAC_PHASE_DONE)
        return FIPS140_ERR_STATE;
    ctx->inner = ctx->inner_keyed;
    fips140_wipe(&ctx->outer, sizeof ctx->outer);
    ctx->phase = HMAC_PHASE_KEYED;
    return FIPS140_OK;
}

void fips140_hmac_wipe(fips140_hmac_ctx *ctx)
{
    if (ctx != NULL)
        fips140_wipe(ctx, sizeof *ctx);
}

fips140_status fips140_hmac(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                            const void *data, size_t len)
{
    if (out == NULL || (data == NULL && len != 0))
        return FIPS140_ERR_NULL;
    if (hmac_alg_ok(alg) && (outlen < HMAC_MIN_TAG || outlen > fips140_hash_digest_size(alg)))
        return FIPS140_ERR_OUTPUT_LENGTH;
    fips140_hmac_ctx ctx;
    fips140_status st = fips140_hmac_init(&ctx, alg, key, keylen);
    if (st == FIPS140_OK) st = fips140_hmac_update(&ctx, data, len);
    if (st == FIPS140_OK) st = fips140_hmac_final(&ctx, out, outlen);
    fips140_hmac_wipe(&ctx);
    return st;
}

/* fips140_cast_hmac_sha256 - CAST for HMAC (FIPS 140-3 IG 10.3.A): RFC 4231 test case 2 (key "Jefe"), which
 * is shorter than 112 bits but exercises the full construction; the answer is the RFC's. */
int fips140_cast_hmac_sha256(void)
{
    static const uint8_t key[] = {'J', 'e', 'f', 'e'};
    static const char msg[] = "what do ya want for nothing?";
    static const uint8_t expected[32] = {
        0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
        0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
    };
    uint8_t mac[32];
    if (fips140_hmac(FIPS140_SHA256, mac, sizeof mac, key, sizeof key, msg, sizeof msg - 1) != FIPS140_OK)
        return 1;
    return ct_memeq(mac, expected, sizeof mac) ? 0 : 1;
}
