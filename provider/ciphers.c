/* provider/ciphers.c - the AES ciphers of the fips140 provider: the algorithm table
 * fips140_prov_ciphers, the context management and parameters shared by every AES cipher, and the non-AEAD modes:
 * ECB and CBC (PKCS#7 padding, streaming with a partial-block buffer as EVP does), CTR, XTS and the SP 800-38F key
 * wraps (KW, KWP and their inverse-cipher variants). GCM and CCM are in provider/cipher_aead.c.
 *
 * All cryptography goes through the fips140 C API; this file only does OpenSSL's bookkeeping (buffers, padding,
 * parameters). Names, aliases, modes, lengths and flags are OpenSSL 3's, so that EVP_CIPHER_fetch() callers,
 * `openssl enc` and libssl see the same ciphers as with the default provider. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h> /* EVP_CIPH_*_MODE values only (macros; nothing from libcrypto is called) */

#include "cipher_local.h"

/* ======================================================================================================
 * shared helpers (declared in cipher_local.h)
 * ====================================================================================================== */

int fips140_cipher_running(void *provctx)
{
    if (fips140_prov_is_running())
        return 1;
    FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "cipher");
    return 0;
}

int fips140_cipher_fail(fips140_cipher_ctx *ctx, fips140_status st, const char *what)
{
    char detail[128];
    snprintf(detail, sizeof detail, "%s: %s", ctx->d->name, what);
    return fips140_prov_raise_status(ctx->provctx, st, detail);
}

void fips140_cipher_note(fips140_cipher_ctx *ctx)
{
    if (fips140_indicator_get() != FIPS140_INDICATOR_APPROVED)
        ctx->approved = 0;
}

int fips140_cipher_set_octets(OSSL_PARAM *p, const void *data, size_t len)
{
    if (p->data_type == OSSL_PARAM_OCTET_PTR) {
        p->return_size = len;
        if (p->data == NULL)
            return 1;
        if (p->data_size < sizeof(void *))
            return 0;
        *(const void **)p->data = data;
        return 1;
    }
    return fips140_prov_param_set_octet_string(p, data, len);
}

static int bad_param(fips140_cipher_ctx *ctx, const char *key)
{
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s: parameter \"%s\"", ctx->d->name, key);
    return 0;
}

int fips140_cipher_get_common(fips140_cipher_ctx *ctx, OSSL_PARAM params[])
{
    OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_KEYLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, ctx->d->keylen))
        return bad_param(ctx, OSSL_CIPHER_PARAM_KEYLEN);
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_IVLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, ctx->ivlen))
        return bad_param(ctx, OSSL_CIPHER_PARAM_IVLEN);
    if ((p = fips140_prov_param_locate(params, FIPS140_CIPHER_PARAM_INDICATOR)) != NULL &&
        !fips140_prov_param_set_int(p, ctx->approved))
        return bad_param(ctx, FIPS140_CIPHER_PARAM_INDICATOR);
    return 1;
}

/* inplace - the module accepts out == in or disjoint buffers. For a partial overlap, move the input to out first
 * and work in place. Returns the input pointer to use. */
static const uint8_t *inplace(uint8_t *out, const uint8_t *in, size_t len)
{
    if (len == 0 || out == in)
        return in;
    if ((out < in && out + len > in) || (in < out && in + len > out)) {
        memmove(out, in, len);
        return out;
    }
    return in;
}

/* ======================================================================================================
 * context management (every AES cipher)
 * ====================================================================================================== */

static void *cipher_newctx(void *provctx, const fips140_cipher_desc *d)
{
    if (!fips140_cipher_running(provctx))
        return NULL;
    size_t size = (sizeof(fips140_cipher_ctx) + 63u) & ~(size_t)63u;
    fips140_cipher_ctx *ctx = aligned_alloc(64, size);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s context", d->name);
        return NULL;
    }
    memset(ctx, 0, sizeof *ctx);
    ctx->d = d;
    ctx->provctx = provctx;
    ctx->padding = 1;
    ctx->approved = 1;
    ctx->ivlen = d->ivlen;
    if (d->kind == FIPS140_CK_CCM) {
        ctx->ivlen = 7;   /* OpenSSL's CCM default: L = 8, so a 7-byte nonce */
        ctx->taglen = 12; /* and M = 12 */
    }
    return ctx;
}

static void cipher_freectx(void *vctx)
{
    fips140_cipher_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    if (ctx->aad != NULL) {
        fips140_wipe(ctx->aad, ctx->aadcap);
        free(ctx->aad);
    }
    fips140_wipe(ctx, sizeof *ctx);
    free(ctx);
}

static void *cipher_dupctx(void *vctx)
{
    fips140_cipher_ctx *src = vctx;
    if (!fips140_cipher_running(src->provctx))
        return NULL;
    size_t size = (sizeof(fips140_cipher_ctx) + 63u) & ~(size_t)63u;
    fips140_cipher_ctx *ctx = aligned_alloc(64, size);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s context", src->d->name);
        return NULL;
    }
    memcpy(ctx, src, sizeof *ctx); /* the module's contexts hold no pointers: a byte copy is a full copy */
    /* GCM: the copy never steps the source's IV construction (cipher_aead.c): two copies of one counter would build
     * the same IVs. It encrypts with caller IVs (non-approved) until it gets a new key. */
    ctx->ivc = FIPS140_GCM_IVC_OFF;
    ctx->ivc_next = 0;
    ctx->aad = NULL;
    ctx->aadcap = 0;
    if (src->aad != NULL && src->aadcap != 0) {
        ctx->aad = malloc(src->aadcap);
        if (ctx->aad == NULL) {
            fips140_wipe(ctx, sizeof *ctx);
            free(ctx);
            FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s context", src->d->name);
            return NULL;
        }
        memcpy(ctx->aad, src->aad, src->aadcap);
        ctx->aadcap = src->aadcap;
    }
    return ctx;
}

/* ======================================================================================================
 * algorithm parameters (get_params): constant per cipher
 * ====================================================================================================== */

static const OSSL_PARAM cipher_known_gettable_params[] = {
    OSSL_PARAM_uint(OSSL_CIPHER_PARAM_MODE, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_KEYLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_IVLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_BLOCK_SIZE, NULL),
    OSSL_PARAM_int(OSSL_CIPHER_PARAM_AEAD, NULL),
    OSSL_PARAM_int(OSSL_CIPHER_PARAM_CUSTOM_IV, NULL),
    OSSL_PARAM_int(OSSL_CIPHER_PARAM_CTS, NULL),
    OSSL_PARAM_int(OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK, NULL),
    OSSL_PARAM_int(OSSL_CIPHER_PARAM_HAS_RAND_KEY, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM *cipher_gettable_params(void *provctx)
{
    (void)provctx;
    return cipher_known_gettable_params;
}

static int cipher_get_params(const fips140_cipher_desc *d, OSSL_PARAM params[])
{
    OSSL_PARAM *p;
    const char *bad = NULL;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_MODE)) != NULL &&
        !fips140_prov_param_set_uint(p, d->mode))
        bad = OSSL_CIPHER_PARAM_MODE;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_KEYLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, d->keylen))
        bad = OSSL_CIPHER_PARAM_KEYLEN;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_IVLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, d->ivlen))
        bad = OSSL_CIPHER_PARAM_IVLEN;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_BLOCK_SIZE)) != NULL &&
        !fips140_prov_param_set_size_t(p, d->blocksize))
        bad = OSSL_CIPHER_PARAM_BLOCK_SIZE;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD)) != NULL &&
        !fips140_prov_param_set_int(p, d->aead))
        bad = OSSL_CIPHER_PARAM_AEAD;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_CUSTOM_IV)) != NULL &&
        !fips140_prov_param_set_int(p, d->custom_iv))
        bad = OSSL_CIPHER_PARAM_CUSTOM_IV;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_CTS)) != NULL && !fips140_prov_param_set_int(p, 0))
        bad = OSSL_CIPHER_PARAM_CTS;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK)) != NULL &&
        !fips140_prov_param_set_int(p, 0))
        bad = OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_HAS_RAND_KEY)) != NULL &&
        !fips140_prov_param_set_int(p, 0))
        bad = OSSL_CIPHER_PARAM_HAS_RAND_KEY;
    if (bad != NULL) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "%s: parameter \"%s\"", d->name, bad);
        return 0;
    }
    return 1;
}

/* ======================================================================================================
 * non-AEAD modes: init and context parameters
 * ====================================================================================================== */

static const uint8_t kw_default_iv[8] = {0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}; /* SP 800-38F ICV1 */
static const uint8_t kwp_default_iv[4] = {0xA6, 0x59, 0x59, 0xA6};                       /* SP 800-38F ICV2 */

static int generic_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    fips140_cipher_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL)
        return 1;
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_PADDING)) != NULL) {
        unsigned int pad;
        if (!fips140_prov_param_get_uint(p, &pad))
            return bad_param(ctx, OSSL_CIPHER_PARAM_PADDING);
        ctx->padding = pad != 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_KEYLEN)) != NULL) {
        size_t kl;
        if (!fips140_prov_param_get_size_t(p, &kl))
            return bad_param(ctx, OSSL_CIPHER_PARAM_KEYLEN);
        if (kl != ctx->d->keylen) { /* AES key lengths are fixed per cipher name */
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_KEY_LENGTH, "%s: key length %zu", ctx->d->name,
                               kl);
            return 0;
        }
    }
    return 1;
}

static int generic_init(fips140_cipher_ctx *ctx, const unsigned char *key, size_t keylen, const unsigned char *iv,
                        size_t ivlen, const OSSL_PARAM params[], int enc)
{
    const fips140_cipher_desc *d = ctx->d;
    if (!fips140_cipher_running(ctx->provctx))
        return 0;
    ctx->enc = enc;
    ctx->bufl = 0;
    ctx->approved = 1;
    if (!generic_set_ctx_params(ctx, params))
        return 0;
    if (iv != NULL && d->kind != FIPS140_CK_ECB) {
        if (ivlen != ctx->ivlen) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "%s: IV length %zu (want %zu)",
                               d->name, ivlen, ctx->ivlen);
            return 0;
        }
        if ((d->kind == FIPS140_CK_KW && memcmp(iv, kw_default_iv, sizeof kw_default_iv) != 0) ||
            (d->kind == FIPS140_CK_KWP && memcmp(iv, kwp_default_iv, sizeof kwp_default_iv) != 0)) {
            /* the module implements the standard's ICVs only (SP 800-38F §6.2, §6.3) */
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "%s: only the default integrity check value of SP 800-38F is supported", d->name);
            return 0;
        }
        memcpy(ctx->iv, iv, ivlen);
        if (ivlen <= sizeof ctx->oiv)
            memcpy(ctx->oiv, iv, ivlen);
        ctx->iv_set = 1;
    } else if (iv == NULL && d->kind == FIPS140_CK_CBC && ctx->iv_set) {
        memcpy(ctx->iv, ctx->oiv, 16); /* re-initialisation without an IV restarts from the original IV */
    }
    if (key != NULL) {
        fips140_status st = FIPS140_OK;
        if (keylen != d->keylen) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_KEY_LENGTH, "%s: key length %zu (want %zu)",
                               d->name, keylen, d->keylen);
            return 0;
        }
        ctx->key_set = 0;
        fips140_indicator_clear();
        switch (d->kind) {
        case FIPS140_CK_XTS:
            st = fips140_aes_xts_init(&ctx->m.xts, key, keylen);
            break;
        case FIPS140_CK_CTR:
            memcpy(ctx->rawkey, key, keylen);
            break;
        default:
            st = fips140_aes_key_init(&ctx->m.key, key, keylen);
            break;
        }
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "key");
        ctx->key_set = 1;
    }
    if (d->kind == FIPS140_CK_CTR && ctx->key_set && (key != NULL || iv != NULL)) {
        fips140_indicator_clear();
        fips140_status st = fips140_aes_ctr_init(&ctx->m.ctr, ctx->rawkey, d->keylen, ctx->oiv);
        if (st != FIPS140_OK) {
            ctx->key_set = 0;
            return fips140_cipher_fail(ctx, st, "key");
        }
        fips140_cipher_note(ctx);
    }
    return 1;
}

static int generic_einit(void *vctx, const unsigned char *key, size_t keylen, const unsigned char *iv, size_t ivlen,
                         const OSSL_PARAM params[])
{
    return generic_init(vctx, key, keylen, iv, ivlen, params, 1);
}

static int generic_dinit(void *vctx, const unsigned char *key, size_t keylen, const unsigned char *iv, size_t ivlen,
                         const OSSL_PARAM params[])
{
    return generic_init(vctx, key, keylen, iv, ivlen, params, 0);
}

static int generic_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    fips140_cipher_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (!fips140_cipher_get_common(ctx, params))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_PADDING)) != NULL &&
        !fips140_prov_param_set_uint(p, (unsigned int)ctx->padding))
        return bad_param(ctx, OSSL_CIPHER_PARAM_PADDING);
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_NUM)) != NULL) {
        unsigned int num = ctx->d->kind == FIPS140_CK_CTR && ctx->key_set ? (ctx->m.ctr.used & 15u) : 0;
        if (!fips140_prov_param_set_uint(p, num))
            return bad_param(ctx, OSSL_CIPHER_PARAM_NUM);
    }
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_IV)) != NULL &&
        !fips140_cipher_set_octets(p, ctx->d->kind == FIPS140_CK_CBC || ctx->d->kind == FIPS140_CK_CTR ? ctx->oiv
                                                                                                       : ctx->iv,
                                   ctx->ivlen))
        return bad_param(ctx, OSSL_CIPHER_PARAM_IV);
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_UPDATED_IV)) != NULL) {
        const uint8_t *v = ctx->iv;
        if (ctx->d->kind == FIPS140_CK_CTR)
            v = ctx->key_set ? ctx->m.ctr.counter : ctx->oiv; /* the next counter block, as OpenSSL's */
        if (!fips140_cipher_set_octets(p, v, ctx->ivlen))
            return bad_param(ctx, OSSL_CIPHER_PARAM_UPDATED_IV);
    }
    return 1;
}

static const OSSL_PARAM generic_known_gettable_ctx_params[] = {
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_KEYLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_IVLEN, NULL),
    OSSL_PARAM_uint(OSSL_CIPHER_PARAM_PADDING, NULL),
    OSSL_PARAM_uint(OSSL_CIPHER_PARAM_NUM, NULL),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_IV, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_UPDATED_IV, NULL, 0),
    OSSL_PARAM_int(FIPS140_CIPHER_PARAM_INDICATOR, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM generic_known_settable_ctx_params[] = {
    OSSL_PARAM_uint(OSSL_CIPHER_PARAM_PADDING, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_KEYLEN, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM *generic_gettable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return generic_known_gettable_ctx_params;
}

static const OSSL_PARAM *generic_settable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return generic_known_settable_ctx_params;
}

static int need_key(fips140_cipher_ctx *ctx)
{
    if (ctx->key_set)
        return 1;
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "%s: no key set", ctx->d->name);
    return 0;
}

static int out_too_small(fips140_cipher_ctx *ctx, size_t need, size_t outsize)
{
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH,
                       "%s: output buffer of %zu bytes, %zu needed", ctx->d->name, outsize, need);
    return 0;
}

/* ======================================================================================================
 * ECB and CBC: whole blocks through the module, the rest buffered; PKCS#7 padding at final
 * ====================================================================================================== */

/* block_run - ECB/CBC over len bytes (a multiple of 16), out == in or disjoint. */
static int block_run(fips140_cipher_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len)
{
    fips140_status st;
    if (len == 0)
        return 1;
    fips140_indicator_clear();
    if (ctx->d->kind == FIPS140_CK_ECB)
        st = ctx->enc ? fips140_aes_ecb_encrypt(&ctx->m.key, out, in, len)
                      : fips140_aes_ecb_decrypt(&ctx->m.key, out, in, len);
    else
        st = ctx->enc ? fips140_aes_cbc_encrypt(&ctx->m.key, ctx->iv, out, in, len)
                      : fips140_aes_cbc_decrypt(&ctx->m.key, ctx->iv, out, in, len);
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "encrypt" : "decrypt");
    fips140_cipher_note(ctx);
    return 1;
}

static int block_update(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                        size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    if (!need_key(ctx))
        return 0;
    if (inl == 0) {
        *outl = 0;
        return 1;
    }
    if (in == NULL || out == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_NULL, "%s: update without a buffer", ctx->d->name);
        return 0;
    }
    size_t total = ctx->bufl + inl;
    if (total < inl) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "%s: too much data", ctx->d->name);
        return 0;
    }
    /* Decryption with padding holds the last whole block back: it may be the padding block that final strips. */
    size_t keep = total % 16u;
    if (keep == 0 && !ctx->enc && ctx->padding)
        keep = 16;
    size_t nout = total - keep;
    if (nout == 0) {
        memcpy(ctx->buf + ctx->bufl, in, inl);
        ctx->bufl += inl;
        *outl = 0;
        return 1;
    }
    if (outsize < nout)
        return out_too_small(ctx, nout, outsize);

    /* The order below keeps out == in (and any other overlap) working: complete the buffered block from in, save
     * the tail, move the bulk input to its output position if the two overlap, then write. */
    size_t take = ctx->bufl != 0 ? 16u - ctx->bufl : 0; /* bytes of in completing the buffered block */
    if (ctx->bufl != 0)
        memcpy(ctx->buf + ctx->bufl, in, take);
    uint8_t tail[16];
    memcpy(tail, in + inl - keep, keep);
    size_t head = ctx->bufl != 0 ? 16u : 0;
    size_t bulk = nout - head;
    const uint8_t *bin = in + take;
    uint8_t *bout = out + head;
    if (bulk != 0 && bin != bout && !(out + nout <= in || in + inl <= out)) {
        memmove(bout, bin, bulk);
        bin = bout;
    }
    int ok = 1;
    if (head != 0)
        ok = block_run(ctx, out, ctx->buf, 16);
    if (ok)
        ok = block_run(ctx, bout, bin, bulk);
    memcpy(ctx->buf, tail, keep);
    ctx->bufl = keep;
    fips140_wipe(tail, sizeof tail);
    if (!ok)
        return 0;
    *outl = nout;
    return 1;
}

static int block_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    fips140_cipher_ctx *ctx = vctx;
    if (!need_key(ctx))
        return 0;
    if (!ctx->padding) {
        if (ctx->bufl != 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH,
                               "%s: data not a multiple of the block length (padding off)", ctx->d->name);
            return 0;
        }
        *outl = 0;
        return 1;
    }
    if (ctx->enc) {
        /* PKCS#7: n = 16 - buffered bytes of value n (a full block of 16s when nothing is buffered) */
        uint8_t n = (uint8_t)(16u - ctx->bufl);
        if (outsize < 16)
            return out_too_small(ctx, 16, outsize);
        memset(ctx->buf + ctx->bufl, n, n);
        int ok = block_run(ctx, out, ctx->buf, 16);
        ctx->bufl = 0;
        if (!ok)
            return 0;
        *outl = 16;
        return 1;
    }
    if (ctx->bufl != 16) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "%s: wrong final block length",
                           ctx->d->name);
        return 0;
    }
    uint8_t blk[16];
    int ok = block_run(ctx, blk, ctx->buf, 16);
    ctx->bufl = 0;
    if (!ok)
        return 0;
    /* check the padding without branching on the padding bytes */
    unsigned int n = blk[15];
    unsigned int bad = ((n - 1u) >> 31) | ((16u - n) >> 31); /* n == 0 or n > 16 */
    for (unsigned int i = 0; i < 16; i++) {
        unsigned int in_pad = (15u - i - n) >> 31; /* i >= 16 - n */
        bad |= in_pad & (unsigned int)((blk[i] ^ n) != 0);
    }
    if (bad) {
        fips140_wipe(blk, sizeof blk);
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_AUTH_FAILED, "%s: bad decrypt (padding)", ctx->d->name);
        return 0;
    }
    size_t len = 16u - n;
    if (outsize < len) {
        fips140_wipe(blk, sizeof blk);
        return out_too_small(ctx, len, outsize);
    }
    memcpy(out, blk, len);
    fips140_wipe(blk, sizeof blk);
    *outl = len;
    return 1;
}

/* block_cipher - EVP_Cipher(): whole blocks, no buffering, no padding. */
static int block_cipher(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                        size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    if (!need_key(ctx))
        return 0;
    if (in == NULL || inl == 0) {
        *outl = 0;
        return 1;
    }
    if (outsize < inl)
        return out_too_small(ctx, inl, outsize);
    if (!block_run(ctx, out, inplace(out, in, inl), inl))
        return 0;
    *outl = inl;
    return 1;
}

/* ======================================================================================================
 * CTR: a stream; the module keeps the unused keystream between calls
 * ====================================================================================================== */

static int ctr_update(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                      size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    if (!need_key(ctx))
        return 0;
    if (inl == 0 || in == NULL) {
        *outl = 0;
        return 1;
    }
    if (outsize < inl)
        return out_too_small(ctx, inl, outsize);
    fips140_indicator_clear();
    fips140_status st = fips140_aes_ctr_update(&ctx->m.ctr, out, inplace(out, in, inl), inl);
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, "CTR");
    fips140_cipher_note(ctx);
    *outl = inl;
    return 1;
}

static int stream_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    fips140_cipher_ctx *ctx = vctx;
    (void)out;
    (void)outsize;
    if (!need_key(ctx))
        return 0;
    *outl = 0;
    return 1;
}

/* ======================================================================================================
 * XTS: every update is one data unit under the IV (tweak), as with OpenSSL
 * ====================================================================================================== */

static int xts_update(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                      size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    if (!need_key(ctx))
        return 0;
    if (!ctx->iv_set) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "%s: no IV (tweak) set", ctx->d->name);
        return 0;
    }
    if (in == NULL || out == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_NULL, "%s: update without a buffer", ctx->d->name);
        return 0;
    }
    if (outsize < inl)
        return out_too_small(ctx, inl, outsize);
    const uint8_t *src = inplace(out, in, inl);
    fips140_indicator_clear();
    fips140_status st = ctx->enc ? fips140_aes_xts_encrypt(&ctx->m.xts, out, src, inl, ctx->iv)
                                 : fips140_aes_xts_decrypt(&ctx->m.xts, out, src, inl, ctx->iv);
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "encrypt" : "decrypt");
    fips140_cipher_note(ctx);
    *outl = inl;
    return 1;
}

/* ======================================================================================================
 * Key wrap (SP 800-38F KW / KWP): one update wraps or unwraps the whole input; out == NULL asks for the size
 * ====================================================================================================== */

static int wrap_update(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                       size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    int pad = ctx->d->kind == FIPS140_CK_KWP;
    if (!need_key(ctx))
        return 0;
    if (inl == 0) {
        *outl = 0;
        return 1;
    }
    if (in == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_NULL, "%s: update without input", ctx->d->name);
        return 0;
    }
    size_t need;
    if (ctx->enc) {
        if (inl > SIZE_MAX - 16) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "%s: input too long", ctx->d->name);
            return 0;
        }
        need = pad ? ((inl + 7u) / 8u) * 8u + 8u : inl + 8u;
    } else {
        if (inl < 16) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "%s: wrapped key of %zu bytes",
                               ctx->d->name, inl);
            return 0;
        }
        need = inl - 8u;
    }
    if (out == NULL) {
        *outl = need;
        return 1;
    }
    /* EVP offers outsize = inl + 8 whatever the mode; KWP wrapping needs up to 7 bytes more, which EVP's callers
     * provide (OpenSSL's own provider accepts it the same way). Everything else must fit exactly. */
    size_t room = (pad && ctx->enc && outsize <= SIZE_MAX - 7) ? outsize + 7u : outsize;
    if (need > room)
        return out_too_small(ctx, need, outsize);

    /* the module needs disjoint buffers */
    uint8_t *dst = out;
    uint8_t *tmp = NULL;
    if (!(out + need <= in || in + inl <= out)) {
        tmp = malloc(need);
        if (tmp == NULL) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s", ctx->d->name);
            return 0;
        }
        dst = tmp;
    }
    size_t len = 0;
    fips140_status st;
    fips140_indicator_clear();
    if (ctx->enc)
        st = pad ? fips140_aes_kwp_wrap(&ctx->m.key, ctx->d->kw_cipher, dst, &len, in, inl)
                 : fips140_aes_kw_wrap(&ctx->m.key, ctx->d->kw_cipher, dst, &len, in, inl);
    else
        st = pad ? fips140_aes_kwp_unwrap(&ctx->m.key, ctx->d->kw_cipher, dst, &len, in, inl)
                 : fips140_aes_kw_unwrap(&ctx->m.key, ctx->d->kw_cipher, dst, &len, in, inl);
    if (st == FIPS140_OK) {
        fips140_cipher_note(ctx);
        if (tmp != NULL)
            memcpy(out, tmp, len);
    }
    if (tmp != NULL) {
        fips140_wipe(tmp, need);
        free(tmp);
    }
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "wrap" : "unwrap");
    *outl = len;
    return 1;
}

/* ======================================================================================================
 * descriptors, dispatch tables and the algorithm table
 * ====================================================================================================== */

#define FIPS140_CIPHER_DESC(id, nm, kind, mode, kl, ivl, bs, aead, civ, kwc) \
    static const fips140_cipher_desc id##_desc = {nm, kind, mode, kl, ivl, bs, aead, civ, kwc};

/* centry(cipher): the entry of OSSL_FUNC_CIPHER_CIPHER (EVP_Cipher) with FIPS140_CIPHER_ENTRY, or nothing with
 * FIPS140_CIPHER_NO_ENTRY: OpenSSL's key wraps offer none (EVP reports EVP_CIPH_FLAG_CUSTOM_CIPHER when it is
 * there). */
#define FIPS140_CIPHER_ENTRY(fn) {OSSL_FUNC_CIPHER_CIPHER, (void (*)(void))fn},
#define FIPS140_CIPHER_NO_ENTRY(fn)
#define FIPS140_CIPHER_DISPATCH(id, einit, dinit, update, final, centry, cipher, getctx, setctx, gettablectx, \
                                settablectx)                                                                     \
    static void *id##_newctx(void *provctx)                                                                     \
    {                                                                                                           \
        return cipher_newctx(provctx, &id##_desc);                                                              \
    }                                                                                                           \
    static int id##_get_params(OSSL_PARAM params[])                                                             \
    {                                                                                                           \
        return cipher_get_params(&id##_desc, params);                                                           \
    }                                                                                                           \
    static const OSSL_DISPATCH id##_functions[] = {                                                             \
        {OSSL_FUNC_CIPHER_NEWCTX, (void (*)(void))id##_newctx},                                                 \
        {OSSL_FUNC_CIPHER_FREECTX, (void (*)(void))cipher_freectx},                                             \
        {OSSL_FUNC_CIPHER_DUPCTX, (void (*)(void))cipher_dupctx},                                               \
        {OSSL_FUNC_CIPHER_ENCRYPT_INIT, (void (*)(void))einit},                                                 \
        {OSSL_FUNC_CIPHER_DECRYPT_INIT, (void (*)(void))dinit},                                                 \
        {OSSL_FUNC_CIPHER_UPDATE, (void (*)(void))update},                                                      \
        {OSSL_FUNC_CIPHER_FINAL, (void (*)(void))final},                                                        \
        centry(cipher)                                                                                          \
        {OSSL_FUNC_CIPHER_GET_PARAMS, (void (*)(void))id##_get_params},                                         \
        {OSSL_FUNC_CIPHER_GETTABLE_PARAMS, (void (*)(void))cipher_gettable_params},                             \
        {OSSL_FUNC_CIPHER_GET_CTX_PARAMS, (void (*)(void))getctx},                                              \
        {OSSL_FUNC_CIPHER_SET_CTX_PARAMS, (void (*)(void))setctx},                                              \
        {OSSL_FUNC_CIPHER_GETTABLE_CTX_PARAMS, (void (*)(void))gettablectx},                                    \
        {OSSL_FUNC_CIPHER_SETTABLE_CTX_PARAMS, (void (*)(void))settablectx},                                    \
        {0, NULL}};

/* one more expansion step, so that GENERIC_FNS / GENERIC_CTX count as their arguments */
#define FIPS140_CIPHER_DISPATCH_X(...) FIPS140_CIPHER_DISPATCH(__VA_ARGS__)

#define GENERIC_CTX generic_get_ctx_params, generic_set_ctx_params, generic_gettable_ctx_params, \
                    generic_settable_ctx_params

#define GENERIC_FNS(update, final, centry, cipher) \
    generic_einit, generic_dinit, update, final, centry, cipher, GENERIC_CTX

#define BLOCK_CIPHER(id, nm, kind, mode, kl, ivl)                 \
    FIPS140_CIPHER_DESC(id, nm, kind, mode, kl, ivl, 16, 0, 0, 0) \
    FIPS140_CIPHER_DISPATCH_X(id, GENERIC_FNS(block_update, block_final, FIPS140_CIPHER_ENTRY, block_cipher))
#define CTR_CIPHER(id, nm, kl)                                                         \
    FIPS140_CIPHER_DESC(id, nm, FIPS140_CK_CTR, EVP_CIPH_CTR_MODE, kl, 16, 1, 0, 0, 0) \
    FIPS140_CIPHER_DISPATCH_X(id, GENERIC_FNS(ctr_update, stream_final, FIPS140_CIPHER_ENTRY, ctr_update))
#define XTS_CIPHER(id, nm, kl)                                                         \
    FIPS140_CIPHER_DESC(id, nm, FIPS140_CK_XTS, EVP_CIPH_XTS_MODE, kl, 16, 1, 0, 1, 0) \
    FIPS140_CIPHER_DISPATCH_X(id, GENERIC_FNS(xts_update, stream_final, FIPS140_CIPHER_ENTRY, xts_update))
#define WRAP_CIPHER(id, nm, kind, kl, ivl, kwc)                                  \
    FIPS140_CIPHER_DESC(id, nm, kind, EVP_CIPH_WRAP_MODE, kl, ivl, 8, 0, 1, kwc) \
    FIPS140_CIPHER_DISPATCH_X(id, GENERIC_FNS(wrap_update, stream_final, FIPS140_CIPHER_NO_ENTRY, wrap_update))
#define GCM_CIPHER(id, nm, kl)                                                                                 \
    FIPS140_CIPHER_DESC(id, nm, FIPS140_CK_GCM, EVP_CIPH_GCM_MODE, kl, 12, 1, 1, 1, 0)                         \
    FIPS140_CIPHER_DISPATCH(id, fips140_gcm_einit, fips140_gcm_dinit, fips140_gcm_update, fips140_gcm_final, \
                            FIPS140_CIPHER_ENTRY, fips140_gcm_cipher, fips140_gcm_get_ctx_params,            \
                            fips140_gcm_set_ctx_params, fips140_gcm_gettable_ctx_params,                     \
                            fips140_gcm_settable_ctx_params)
#define CCM_CIPHER(id, nm, kl)                                                                                 \
    FIPS140_CIPHER_DESC(id, nm, FIPS140_CK_CCM, EVP_CIPH_CCM_MODE, kl, 12, 1, 1, 1, 0)                         \
    FIPS140_CIPHER_DISPATCH(id, fips140_ccm_einit, fips140_ccm_dinit, fips140_ccm_update, fips140_ccm_final, \
                            FIPS140_CIPHER_ENTRY, fips140_ccm_cipher, fips140_ccm_get_ctx_params,            \
                            fips140_ccm_set_ctx_params, fips140_ccm_gettable_ctx_params,                     \
                            fips140_ccm_settable_ctx_params)

BLOCK_CIPHER(aes128ecb, "AES-128-ECB", FIPS140_CK_ECB, EVP_CIPH_ECB_MODE, 16, 0)
BLOCK_CIPHER(aes192ecb, "AES-192-ECB", FIPS140_CK_ECB, EVP_CIPH_ECB_MODE, 24, 0)
BLOCK_CIPHER(aes256ecb, "AES-256-ECB", FIPS140_CK_ECB, EVP_CIPH_ECB_MODE, 32, 0)
BLOCK_CIPHER(aes128cbc, "AES-128-CBC", FIPS140_CK_CBC, EVP_CIPH_CBC_MODE, 16, 16)
BLOCK_CIPHER(aes192cbc, "AES-192-CBC", FIPS140_CK_CBC, EVP_CIPH_CBC_MODE, 24, 16)
BLOCK_CIPHER(aes256cbc, "AES-256-CBC", FIPS140_CK_CBC, EVP_CIPH_CBC_MODE, 32, 16)
CTR_CIPHER(aes128ctr, "AES-128-CTR", 16)
CTR_CIPHER(aes192ctr, "AES-192-CTR", 24)
CTR_CIPHER(aes256ctr, "AES-256-CTR", 32)
GCM_CIPHER(aes128gcm, "AES-128-GCM", 16)
GCM_CIPHER(aes192gcm, "AES-192-GCM", 24)
GCM_CIPHER(aes256gcm, "AES-256-GCM", 32)
CCM_CIPHER(aes128ccm, "AES-128-CCM", 16)
CCM_CIPHER(aes192ccm, "AES-192-CCM", 24)
CCM_CIPHER(aes256ccm, "AES-256-CCM", 32)
XTS_CIPHER(aes128xts, "AES-128-XTS", 32)
XTS_CIPHER(aes256xts, "AES-256-XTS", 64)
WRAP_CIPHER(aes128wrap, "AES-128-WRAP", FIPS140_CK_KW, 16, 8, FIPS140_KW_CIPHER)
WRAP_CIPHER(aes192wrap, "AES-192-WRAP", FIPS140_CK_KW, 24, 8, FIPS140_KW_CIPHER)
WRAP_CIPHER(aes256wrap, "AES-256-WRAP", FIPS140_CK_KW, 32, 8, FIPS140_KW_CIPHER)
WRAP_CIPHER(aes128wrappad, "AES-128-WRAP-PAD", FIPS140_CK_KWP, 16, 4, FIPS140_KW_CIPHER)
WRAP_CIPHER(aes192wrappad, "AES-192-WRAP-PAD", FIPS140_CK_KWP, 24, 4, FIPS140_KW_CIPHER)
WRAP_CIPHER(aes256wrappad, "AES-256-WRAP-PAD", FIPS140_CK_KWP, 32, 4, FIPS140_KW_CIPHER)
WRAP_CIPHER(aes128wrapinv, "AES-128-WRAP-INV", FIPS140_CK_KW, 16, 8, FIPS140_KW_INVERSE)
WRAP_CIPHER(aes192wrapinv, "AES-192-WRAP-INV", FIPS140_CK_KW, 24, 8, FIPS140_KW_INVERSE)
WRAP_CIPHER(aes256wrapinv, "AES-256-WRAP-INV", FIPS140_CK_KW, 32, 8, FIPS140_KW_INVERSE)
WRAP_CIPHER(aes128wrappadinv, "AES-128-WRAP-PAD-INV", FIPS140_CK_KWP, 16, 4, FIPS140_KW_INVERSE)
WRAP_CIPHER(aes192wrappadinv, "AES-192-WRAP-PAD-INV", FIPS140_CK_KWP, 24, 4, FIPS140_KW_INVERSE)
WRAP_CIPHER(aes256wrappadinv, "AES-256-WRAP-PAD-INV", FIPS140_CK_KWP, 32, 4, FIPS140_KW_INVERSE)

#define ALG(names, id) {names, FIPS140_PROV_PROPS, id##_functions, NULL}

/* Names and aliases as OpenSSL 3.0 registers them (`openssl list -cipher-algorithms`). */
const OSSL_ALGORITHM fips140_prov_ciphers[] = {
    ALG("AES-256-ECB:2.16.840.1.101.3.4.1.41", aes256ecb),
    ALG("AES-192-ECB:2.16.840.1.101.3.4.1.21", aes192ecb),
    ALG("AES-128-ECB:2.16.840.1.101.3.4.1.1", aes128ecb),
    ALG("AES-256-CBC:AES256:2.16.840.1.101.3.4.1.42", aes256cbc),
    ALG("AES-192-CBC:AES192:2.16.840.1.101.3.4.1.22", aes192cbc),
    ALG("AES-128-CBC:AES128:2.16.840.1.101.3.4.1.2", aes128cbc),
    ALG("AES-256-CTR", aes256ctr),
    ALG("AES-192-CTR", aes192ctr),
    ALG("AES-128-CTR", aes128ctr),
    ALG("AES-256-XTS:1.3.111.2.1619.0.1.2", aes256xts),
    ALG("AES-128-XTS:1.3.111.2.1619.0.1.1", aes128xts),
    ALG("AES-256-GCM:id-aes256-GCM:2.16.840.1.101.3.4.1.46", aes256gcm),
    ALG("AES-192-GCM:id-aes192-GCM:2.16.840.1.101.3.4.1.26", aes192gcm),
    ALG("AES-128-GCM:id-aes128-GCM:2.16.840.1.101.3.4.1.6", aes128gcm),
    ALG("AES-256-CCM:id-aes256-CCM:2.16.840.1.101.3.4.1.47", aes256ccm),
    ALG("AES-192-CCM:id-aes192-CCM:2.16.840.1.101.3.4.1.27", aes192ccm),
    ALG("AES-128-CCM:id-aes128-CCM:2.16.840.1.101.3.4.1.7", aes128ccm),
    ALG("AES-256-WRAP:id-aes256-wrap:AES256-WRAP:2.16.840.1.101.3.4.1.45", aes256wrap),
    ALG("AES-192-WRAP:id-aes192-wrap:AES192-WRAP:2.16.840.1.101.3.4.1.25", aes192wrap),
    ALG("AES-128-WRAP:id-aes128-wrap:AES128-WRAP:2.16.840.1.101.3.4.1.5", aes128wrap),
    ALG("AES-256-WRAP-PAD:id-aes256-wrap-pad:AES256-WRAP-PAD:2.16.840.1.101.3.4.1.48", aes256wrappad),
    ALG("AES-192-WRAP-PAD:id-aes192-wrap-pad:AES192-WRAP-PAD:2.16.840.1.101.3.4.1.28", aes192wrappad),
    ALG("AES-128-WRAP-PAD:id-aes128-wrap-pad:AES128-WRAP-PAD:2.16.840.1.101.3.4.1.8", aes128wrappad),
    ALG("AES-256-WRAP-INV:AES256-WRAP-INV", aes256wrapinv),
    ALG("AES-192-WRAP-INV:AES192-WRAP-INV", aes192wrapinv),
    ALG("AES-128-WRAP-INV:AES128-WRAP-INV", aes128wrapinv),
    ALG("AES-256-WRAP-PAD-INV:AES256-WRAP-PAD-INV", aes256wrappadinv),
    ALG("AES-192-WRAP-PAD-INV:AES192-WRAP-PAD-INV", aes192wrappadinv),
    ALG("AES-128-WRAP-PAD-INV:AES128-WRAP-PAD-INV", aes128wrappadinv),
    {NULL, NULL, NULL, NULL}};
