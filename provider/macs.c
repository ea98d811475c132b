/* provider/macs.c - the provider's MACs: HMAC (FIPS 198-1) over the module's SHA-1/SHA-2/SHA-3, CMAC-AES
 * (SP 800-38B) and GMAC (SP 800-38D), fronts for <fips140/hmac.h> and <fips140/cmac.h>.
 *
 * Parameters follow OpenSSL 3 (man 7 provider-mac, EVP_MAC-HMAC, EVP_MAC-CMAC, EVP_MAC-GMAC):
 *   HMAC  "digest" (any name of provider/digests.c except SHAKE), "key"; gettable "size", "block-size".
 *   CMAC  "cipher" AES-128-CBC / AES-192-CBC / AES-256-CBC (or OpenSSL's aliases), "key" of that cipher's length;
 *         gettable "size" (16), "block-size" (16).
 *   GMAC  "cipher" AES-128-GCM / AES-192-GCM / AES-256-GCM (or OpenSSL's aliases), "key", "iv"; "size" (16).
 * "properties" is accepted and has no effect: the hash or cipher under the MAC is always the module's own.
 * Not supported: HMAC's "digest-noinit", "digest-oneshot" and "tls-data-size" (libssl's constant-time CBC record
 * MAC), which are therefore not advertised as settable.
 *
 * Keys are kept (copied) in the context so that a later init without a key, or a change of digest/cipher, re-keys
 * from the same key as OpenSSL's MACs do; every copy is wiped before it is freed. */
#include <stdlib.h>
#include <string.h>

#include "prov.h"

/* Context phases: not ready (missing key / digest / cipher / IV), ready for data, finished (init again). */
enum { MAC_UNSET = 0, MAC_RUNNING = 1, MAC_FINISHED = 2 };

/* mac_alloc - zeroed memory aligned for the module's contexts (the AES/GCM states are _Alignas(64)). */
static void *mac_alloc(size_t size)
{
    size_t rounded = (size + 63u) & ~(size_t)63u;
    void *p = aligned_alloc(64, rounded);
    if (p != NULL)
        memset(p, 0, rounded);
    return p;
}

static void mac_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    fips140_wipe(p, size);
    free(p);
}

/* key_store - replace *dst (wiped) by a copy of key[0..len). Returns 1, or 0 when out of memory. */
static int key_store(uint8_t **dst, size_t *dstlen, const void *key, size_t len)
{
    uint8_t *k = malloc(len != 0 ? len : 1);
    if (k == NULL)
        return 0;
    if (len != 0)
        memcpy(k, key, len);
    if (*dst != NULL) {
        fips140_wipe(*dst, *dstlen);
        free(*dst);
    }
    *dst = k;
    *dstlen = len;
    return 1;
}

static void key_clear(uint8_t **dst, size_t *dstlen)
{
    if (*dst != NULL) {
        fips140_wipe(*dst, *dstlen);
        free(*dst);
    }
    *dst = NULL;
    *dstlen = 0;
}

/* key_dup - a copy of src[0..len) in *dst (NULL stays NULL). */
static int key_dup(uint8_t **dst, const uint8_t *src, size_t len)
{
    *dst = NULL;
    if (src == NULL)
        return 1;
    *dst = malloc(len != 0 ? len : 1);
    if (*dst == NULL)
        return 0;
    if (len != 0)
        memcpy(*dst, src, len);
    return 1;
}

/* get_name_param - the UTF8 value of params[key] into buf; 1 found and read, 0 absent, -1 malformed. */
static int get_name_param(void *provctx, const OSSL_PARAM params[], const char *key, char *buf, size_t bufsize)
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, key);
    if (p == NULL)
        return 0;
    if (!fips140_prov_param_get_utf8_string(p, buf, bufsize)) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_INVALID_PARAM, "%s", key);
        return -1;
    }
    return 1;
}

/* get_octets_param - a view of the octet string params[key]; 1 found, 0 absent, -1 malformed. */
static int get_octets_param(void *provctx, const OSSL_PARAM params[], const char *key, const void **data,
                            size_t *len)
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, key);
    if (p == NULL)
        return 0;
    if (!fips140_prov_param_get_octet_ptr(p, data, len) || (*data == NULL && *len != 0)) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_INVALID_PARAM, "%s", key);
        return -1;
    }
    return 1;
}

/* ================================================================ HMAC */

typedef struct hmac_ctx {
    void *provctx;
    fips140_hash_alg alg; /* 0 until a digest is set */
    uint8_t *key;         /* NULL until a key is set */
    size_t keylen;
    int phase;
    int keyed; /* h holds the keyed state of (alg, key) */
    fips140_hmac_ctx h;
} hmac_ctx;

static void *hmac_newctx(void *provctx)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "HMAC");
        return NULL;
    }
    hmac_ctx *ctx = mac_alloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    ctx->provctx = provctx;
    return ctx;
}

static void hmac_freectx(void *vctx)
{
    hmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    key_clear(&ctx->key, &ctx->keylen);
    mac_free(ctx, sizeof *ctx);
}

static void *hmac_dupctx(void *vctx)
{
    const hmac_ctx *src = vctx;
    if (src == NULL)
        return NULL;
    hmac_ctx *ctx = mac_alloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    memcpy(ctx, src, sizeof *ctx); /* the module's HMAC state is plain data */
    if (!key_dup(&ctx->key, src->key, src->keylen)) {
        ctx->key = NULL;
        hmac_freectx(ctx);
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    return ctx;
}

/* hmac_rekey - key the module's HMAC with (alg, key) when both are known: a new message starts. */
static int hmac_rekey(hmac_ctx *ctx)
{
    ctx->keyed = 0;
    ctx->phase = MAC_UNSET;
    if (ctx->alg == 0 || ctx->key == NULL)
        return 1;
    fips140_status st = fips140_hmac_init(&ctx->h, ctx->alg, ctx->key, ctx->keylen);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "HMAC key");
    ctx->keyed = 1;
    ctx->phase = MAC_RUNNING;
    return 1;
}

static int hmac_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    hmac_ctx *ctx = vctx;
    char name[64];
    const void *key;
    size_t keylen;
    int changed = 0, r;
    if (ctx == NULL)
        return 0;
    if (params == NULL)
        return 1;
    if ((r = get_name_param(ctx->provctx, params, OSSL_MAC_PARAM_DIGEST, name, sizeof name)) < 0)
        return 0;
    if (r > 0) {
        fips140_hash_alg alg;
        if (!fips140_prov_digest_lookup(name, &alg) || fips140_hash_is_xof(alg)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "HMAC digest \"%s\"", name);
            return 0;
        }
        ctx->alg = alg;
        changed = 1;
    }
    if ((r = get_octets_param(ctx->provctx, params, OSSL_MAC_PARAM_KEY, &key, &keylen)) < 0)
        return 0;
    if (r > 0) {
        if (!key_store(&ctx->key, &ctx->keylen, key, keylen)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        changed = 1;
    }
    return changed ? hmac_rekey(ctx) : 1;
}

static int hmac_init(void *vctx, const unsigned char *key, size_t keylen, const OSSL_PARAM params[])
{
    hmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "HMAC");
        return 0;
    }
    if (!hmac_set_ctx_params(ctx, params))
        return 0;
    if (key != NULL) {
        if (!key_store(&ctx->key, &ctx->keylen, key, keylen)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        if (!hmac_rekey(ctx))
            return 0;
    } else if (ctx->keyed) {
        fips140_status st = fips140_hmac_reset(&ctx->h);
        if (st != FIPS140_OK)
            return fips140_prov_raise_status(ctx->provctx, st, "HMAC");
        ctx->phase = MAC_RUNNING;
    }
    if (ctx->alg == 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "HMAC: no digest set");
        return 0;
    }
    if (ctx->key == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "HMAC: no key set");
        return 0;
    }
    return ctx->phase == MAC_RUNNING;
}

static int hmac_update(void *vctx, const unsigned char *in, size_t inl)
{
    hmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (ctx->phase != MAC_RUNNING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "HMAC: update without init");
        return 0;
    }
    if (inl == 0)
        return 1;
    fips140_status st = fips140_hmac_update(&ctx->h, in, inl);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "HMAC");
    return 1;
}

static int hmac_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    hmac_ctx *ctx = vctx;
    if (ctx == NULL || outl == NULL)
        return 0;
    if (ctx->phase != MAC_RUNNING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "HMAC: final without init");
        return 0;
    }
    size_t n = fips140_hash_digest_size(ctx->alg);
    if (out == NULL || outsize < n) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "HMAC: %zu bytes needed", n);
        return 0;
    }
    fips140_status st = fips140_hmac_final(&ctx->h, out, n);
    ctx->phase = MAC_FINISHED;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "HMAC");
    *outl = n;
    return 1;
}

static int hmac_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    hmac_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    size_t size = ctx->alg != 0 ? fips140_hash_digest_size(ctx->alg) : 0;
    size_t block = ctx->alg != 0 ? fips140_hash_block_size(ctx->alg) : 0;
    if ((p = fips140_prov_param_locate(params, OSSL_MAC_PARAM_SIZE)) != NULL && !fips140_prov_param_set_size_t(p, size))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_MAC_PARAM_BLOCK_SIZE)) != NULL &&
        !fips140_prov_param_set_size_t(p, block))
        return 0;
    return 1;
}

static const OSSL_PARAM hmac_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_MAC_PARAM_KEY, NULL, 0),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *hmac_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return hmac_settable;
}

/* "size" and "block-size", shared by HMAC and CMAC */
static const OSSL_PARAM size_block_gettable[] = {
    OSSL_PARAM_size_t(OSSL_MAC_PARAM_SIZE, NULL),
    OSSL_PARAM_size_t(OSSL_MAC_PARAM_BLOCK_SIZE, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *size_block_gettable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return size_block_gettable;
}

static const OSSL_DISPATCH hmac_functions[] = {
    {OSSL_FUNC_MAC_NEWCTX, (void (*)(void))hmac_newctx},
    {OSSL_FUNC_MAC_DUPCTX, (void (*)(void))hmac_dupctx},
    {OSSL_FUNC_MAC_FREECTX, (void (*)(void))hmac_freectx},
    {OSSL_FUNC_MAC_INIT, (void (*)(void))hmac_init},
    {OSSL_FUNC_MAC_UPDATE, (void (*)(void))hmac_update},
    {OSSL_FUNC_MAC_FINAL, (void (*)(void))hmac_final},
    {OSSL_FUNC_MAC_GETTABLE_CTX_PARAMS, (void (*)(void))size_block_gettable_ctx_params},
    {OSSL_FUNC_MAC_GET_CTX_PARAMS, (void (*)(void))hmac_get_ctx_params},
    {OSSL_FUNC_MAC_SETTABLE_CTX_PARAMS, (void (*)(void))hmac_settable_ctx_params},
    {OSSL_FUNC_MAC_SET_CTX_PARAMS, (void (*)(void))hmac_set_ctx_params},
    {0, NULL}};

/* ================================================================ AES cipher names for CMAC and GMAC */

/* aes_cipher_keylen - the AES key length named by a cipher name of the given mode list, 0 if none. Names as
 * OpenSSL registers them (canonical name, aliases, OID). */
static size_t aes_cipher_keylen(const char *name, int gcm)
{
    static const struct {
        size_t keylen;
        const char *cbc, *gcm;
    } aes_names[] = {
        {16, "AES-128-CBC:AES128:2.16.840.1.101.3.4.1.2", "AES-128-GCM:id-aes128-GCM:2.16.840.1.101.3.4.1.6"},
        {24, "AES-192-CBC:AES192:2.16.840.1.101.3.4.1.22", "AES-192-GCM:id-aes192-GCM:2.16.840.1.101.3.4.1.26"},
        {32, "AES-256-CBC:AES256:2.16.840.1.101.3.4.1.42", "AES-256-GCM:id-aes256-GCM:2.16.840.1.101.3.4.1.46"},
    };
    for (size_t i = 0; i < sizeof aes_names / sizeof aes_names[0]; i++)
        if (fips140_prov_name_in_list(name, gcm ? aes_names[i].gcm : aes_names[i].cbc))
            return aes_names[i].keylen;
    return 0;
}

/* ================================================================ CMAC */

typedef struct cmac_ctx {
    void *provctx;
    size_t cipher_keylen; /* 16, 24, 32; 0 until a cipher is set */
    uint8_t *key;
    size_t keylen;
    int phase;
    int keyed;
    fips140_cmac_ctx c;
} cmac_ctx;

static void *cmac_newctx(void *provctx)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "CMAC");
        return NULL;
    }
    cmac_ctx *ctx = mac_alloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    ctx->provctx = provctx;
    return ctx;
}

static void cmac_freectx(void *vctx)
{
    cmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    key_clear(&ctx->key, &ctx->keylen);
    mac_free(ctx, sizeof *ctx);
}

static void *cmac_dupctx(void *vctx)
{
    const cmac_ctx *src = vctx;
    if (src == NULL)
        return NULL;
    cmac_ctx *ctx = mac_alloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    memcpy(ctx, src, sizeof *ctx); /* the module's CMAC state (expanded key included) is plain data */
    if (!key_dup(&ctx->key, src->key, src->keylen)) {
        ctx->key = NULL;
        cmac_freectx(ctx);
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    return ctx;
}

static int cmac_rekey(cmac_ctx *ctx)
{
    ctx->keyed = 0;
    ctx->phase = MAC_UNSET;
    if (ctx->cipher_keylen == 0 || ctx->key == NULL)
        return 1;
    if (ctx->keylen != ctx->cipher_keylen) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_KEY_LENGTH,
                           "CMAC: a %zu-byte key for a cipher with %zu-byte keys", ctx->keylen, ctx->cipher_keylen);
        return 0;
    }
    fips140_status st = fips140_cmac_init(&ctx->c, ctx->key, ctx->keylen);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "CMAC key");
    ctx->keyed = 1;
    ctx->phase = MAC_RUNNING;
    return 1;
}

static int cmac_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    cmac_ctx *ctx = vctx;
    char name[64];
    const void *key;
    size_t keylen;
    int changed = 0, r;
    if (ctx == NULL)
        return 0;
    if (params == NULL)
        return 1;
    if ((r = get_name_param(ctx->provctx, params, OSSL_MAC_PARAM_CIPHER, name, sizeof name)) < 0)
        return 0;
    if (r > 0) {
        size_t kl = aes_cipher_keylen(name, 0);
        if (kl == 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "CMAC cipher \"%s\" (AES-128-CBC, AES-192-CBC or AES-256-CBC)", name);
            return 0;
        }
        ctx->cipher_keylen = kl;
        changed = 1;
    }
    if ((r = get_octets_param(ctx->provctx, params, OSSL_MAC_PARAM_KEY, &key, &keylen)) < 0)
        return 0;
    if (r > 0) {
        if (!key_store(&ctx->key, &ctx->keylen, key, keylen)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        changed = 1;
    }
    return changed ? cmac_rekey(ctx) : 1;
}

static int cmac_init(void *vctx, const unsigned char *key, size_t keylen, const OSSL_PARAM params[])
{
    cmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "CMAC");
        return 0;
    }
    if (!cmac_set_ctx_params(ctx, params))
        return 0;
    if (key != NULL) {
        if (!key_store(&ctx->key, &ctx->keylen, key, keylen)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        if (!cmac_rekey(ctx))
            return 0;
    } else if (ctx->keyed) {
        fips140_status st = fips140_cmac_reset(&ctx->c);
        if (st != FIPS140_OK)
            return fips140_prov_raise_status(ctx->provctx, st, "CMAC");
        ctx->phase = MAC_RUNNING;
    }
    if (ctx->cipher_keylen == 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "CMAC: no cipher set");
        return 0;
    }
    if (ctx->key == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "CMAC: no key set");
        return 0;
    }
    return ctx->phase == MAC_RUNNING;
}

static int cmac_update(void *vctx, const unsigned char *in, size_t inl)
{
    cmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (ctx->phase != MAC_RUNNING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "CMAC: update without init");
        return 0;
    }
    if (inl == 0)
        return 1;
    fips140_status st = fips140_cmac_update(&ctx->c, in, inl);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "CMAC");
    return 1;
}

static int cmac_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    cmac_ctx *ctx = vctx;
    if (ctx == NULL || outl == NULL)
        return 0;
    if (ctx->phase != MAC_RUNNING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "CMAC: final without init");
        return 0;
    }
    if (out == NULL || outsize < FIPS140_AES_BLOCK) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "CMAC: 16 bytes needed");
        return 0;
    }
    fips140_status st = fips140_cmac_final(&ctx->c, out, FIPS140_AES_BLOCK);
    ctx->phase = MAC_FINISHED;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "CMAC");
    *outl = FIPS140_AES_BLOCK;
    return 1;
}

static int cmac_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    OSSL_PARAM *p;
    if (vctx == NULL)
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_MAC_PARAM_SIZE)) != NULL &&
        !fips140_prov_param_set_size_t(p, FIPS140_AES_BLOCK))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_MAC_PARAM_BLOCK_SIZE)) != NULL &&
        !fips140_prov_param_set_size_t(p, FIPS140_AES_BLOCK))
        return 0;
    return 1;
}

static const OSSL_PARAM cmac_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_MAC_PARAM_KEY, NULL, 0),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *cmac_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return cmac_settable;
}

static const OSSL_DISPATCH cmac_functions[] = {
    {OSSL_FUNC_MAC_NEWCTX, (void (*)(void))cmac_newctx},
    {OSSL_FUNC_MAC_DUPCTX, (void (*)(void))cmac_dupctx},
    {OSSL_FUNC_MAC_FREECTX, (void (*)(void))cmac_freectx},
    {OSSL_FUNC_MAC_INIT, (void (*)(void))cmac_init},
    {OSSL_FUNC_MAC_UPDATE, (void (*)(void))cmac_update},
    {OSSL_FUNC_MAC_FINAL, (void (*)(void))cmac_final},
    {OSSL_FUNC_MAC_GETTABLE_CTX_PARAMS, (void (*)(void))size_block_gettable_ctx_params},
    {OSSL_FUNC_MAC_GET_CTX_PARAMS, (void (*)(void))cmac_get_ctx_params},
    {OSSL_FUNC_MAC_SETTABLE_CTX_PARAMS, (void (*)(void))cmac_settable_ctx_params},
    {OSSL_FUNC_MAC_SET_CTX_PARAMS, (void (*)(void))cmac_set_ctx_params},
    {0, NULL}};

/* ================================================================ GMAC */

#define GMAC_TAG_BYTES 16u

typedef struct gmac_ctx {
    void *provctx;
    size_t cipher_keylen;
    uint8_t *key;
    size_t keylen;
    uint8_t *iv;
    size_t ivlen;
    int phase;
    int keyed; /* g holds the expanded key of (cipher, key) */
    fips140_gmac_ctx g;
} gmac_ctx;

static void *gmac_newctx(void *provctx)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "GMAC");
        return NULL;
    }
    gmac_ctx *ctx = mac_alloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    ctx->provctx = provctx;
    return ctx;
}

static void gmac_freectx(void *vctx)
{
    gmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    key_clear(&ctx->key, &ctx->keylen);
    key_clear(&ctx->iv, &ctx->ivlen);
    mac_free(ctx, sizeof *ctx);
}

static void *gmac_dupctx(void *vctx)
{
    const gmac_ctx *src = vctx;
    if (src == NULL)
        return NULL;
    gmac_ctx *ctx = mac_alloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    memcpy(ctx, src, sizeof *ctx); /* the module's GCM state is plain data */
    int ok = key_dup(&ctx->key, src->key, src->keylen);
    if (!ok)
        ctx->key = NULL;
    if (!key_dup(&ctx->iv, src->iv, src->ivlen)) {
        ctx->iv = NULL;
        ok = 0;
    }
    if (!ok) {
        gmac_freectx(ctx);
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    return ctx;
}

/* gmac_setup - (re)key when the key or cipher changed (rekey = 1), then start a message under the IV once the
 * cipher, key and IV are all known. */
static int gmac_setup(gmac_ctx *ctx, int rekey)
{
    ctx->phase = MAC_UNSET;
    if (rekey)
        ctx->keyed = 0;
    if (ctx->cipher_keylen == 0 || ctx->key == NULL)
        return 1;
    if (!ctx->keyed) {
        if (ctx->keylen != ctx->cipher_keylen) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_KEY_LENGTH,
                               "GMAC: a %zu-byte key for a cipher with %zu-byte keys", ctx->keylen,
                               ctx->cipher_keylen);
            return 0;
        }
        fips140_status st = fips140_gmac_init(&ctx->g, ctx->key, ctx->keylen);
        if (st != FIPS140_OK)
            return fips140_prov_raise_status(ctx->provctx, st, "GMAC key");
        ctx->keyed = 1;
    }
    if (ctx->iv == NULL)
        return 1;
    fips140_status st = fips140_gmac_start(&ctx->g, ctx->iv, ctx->ivlen);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "GMAC IV");
    ctx->phase = MAC_RUNNING;
    return 1;
}

static int gmac_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    gmac_ctx *ctx = vctx;
    char name[64];
    const void *data;
    size_t len;
    int rekey = 0, restart = 0, r;
    if (ctx == NULL)
        return 0;
    if (params == NULL)
        return 1;
    if ((r = get_name_param(ctx->provctx, params, OSSL_MAC_PARAM_CIPHER, name, sizeof name)) < 0)
        return 0;
    if (r > 0) {
        size_t kl = aes_cipher_keylen(name, 1);
        if (kl == 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "GMAC cipher \"%s\" (AES-128-GCM, AES-192-GCM or AES-256-GCM)", name);
            return 0;
        }
        ctx->cipher_keylen = kl;
        rekey = 1;
    }
    if ((r = get_octets_param(ctx->provctx, params, OSSL_MAC_PARAM_KEY, &data, &len)) < 0)
        return 0;
    if (r > 0) {
        if (!key_store(&ctx->key, &ctx->keylen, data, len)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        rekey = 1;
    }
    if ((r = get_octets_param(ctx->provctx, params, OSSL_MAC_PARAM_IV, &data, &len)) < 0)
        return 0;
    if (r > 0) {
        if (len == 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "GMAC: empty IV");
            return 0;
        }
        if (!key_store(&ctx->iv, &ctx->ivlen, data, len)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        restart = 1;
    }
    return (rekey || restart) ? gmac_setup(ctx, rekey) : 1;
}

static int gmac_init(void *vctx, const unsigned char *key, size_t keylen, const OSSL_PARAM params[])
{
    gmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "GMAC");
        return 0;
    }
    if (!gmac_set_ctx_params(ctx, params))
        return 0;
    int rekey = 0;
    if (key != NULL) {
        if (!key_store(&ctx->key, &ctx->keylen, key, keylen)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        rekey = 1;
    }
    /* A new message: restart under the current IV (as OpenSSL's GMAC, reusing an IV is the caller's choice). */
    if (!gmac_setup(ctx, rekey))
        return 0;
    if (ctx->cipher_keylen == 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "GMAC: no cipher set");
        return 0;
    }
    if (ctx->key == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "GMAC: no key set");
        return 0;
    }
    if (ctx->iv == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "GMAC: no IV set");
        return 0;
    }
    return ctx->phase == MAC_RUNNING;
}

static int gmac_update(void *vctx, const unsigned char *in, size_t inl)
{
    gmac_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (ctx->phase != MAC_RUNNING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "GMAC: update without init");
        return 0;
    }
    if (inl == 0)
        return 1;
    fips140_status st = fips140_gmac_update(&ctx->g, in, inl);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "GMAC");
    return 1;
}

static int gmac_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    gmac_ctx *ctx = vctx;
    if (ctx == NULL || outl == NULL)
        return 0;
    if (ctx->phase != MAC_RUNNING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "GMAC: final without init");
        return 0;
    }
    if (out == NULL || outsize < GMAC_TAG_BYTES) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "GMAC: 16 bytes needed");
        return 0;
    }
    fips140_status st = fips140_gmac_final(&ctx->g, out, GMAC_TAG_BYTES);
    ctx->phase = MAC_FINISHED;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, "GMAC");
    *outl = GMAC_TAG_BYTES;
    return 1;
}

static int gmac_get_params(OSSL_PARAM params[])
{
    OSSL_PARAM *p = fips140_prov_param_locate(params, OSSL_MAC_PARAM_SIZE);
    return p == NULL || fips140_prov_param_set_size_t(p, GMAC_TAG_BYTES);
}

static int gmac_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    return vctx != NULL && gmac_get_params(params);
}

static const OSSL_PARAM gmac_gettable[] = {
    OSSL_PARAM_size_t(OSSL_MAC_PARAM_SIZE, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *gmac_gettable_params(void *provctx)
{
    (void)provctx;
    return gmac_gettable;
}

static const OSSL_PARAM *gmac_gettable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return gmac_gettable;
}

static const OSSL_PARAM gmac_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_MAC_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_MAC_PARAM_IV, NULL, 0),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *gmac_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return gmac_settable;
}

static const OSSL_DISPATCH gmac_functions[] = {
    {OSSL_FUNC_MAC_NEWCTX, (void (*)(void))gmac_newctx},
    {OSSL_FUNC_MAC_DUPCTX, (void (*)(void))gmac_dupctx},
    {OSSL_FUNC_MAC_FREECTX, (void (*)(void))gmac_freectx},
    {OSSL_FUNC_MAC_INIT, (void (*)(void))gmac_init},
    {OSSL_FUNC_MAC_UPDATE, (void (*)(void))gmac_update},
    {OSSL_FUNC_MAC_FINAL, (void (*)(void))gmac_final},
    {OSSL_FUNC_MAC_GETTABLE_PARAMS, (void (*)(void))gmac_gettable_params},
    {OSSL_FUNC_MAC_GET_PARAMS, (void (*)(void))gmac_get_params},
    {OSSL_FUNC_MAC_GETTABLE_CTX_PARAMS, (void (*)(void))gmac_gettable_ctx_params},
    {OSSL_FUNC_MAC_GET_CTX_PARAMS, (void (*)(void))gmac_get_ctx_params},
    {OSSL_FUNC_MAC_SETTABLE_CTX_PARAMS, (void (*)(void))gmac_settable_ctx_params},
    {OSSL_FUNC_MAC_SET_CTX_PARAMS, (void (*)(void))gmac_set_ctx_params},
    {0, NULL}};

const OSSL_ALGORITHM fips140_prov_macs[] = {
    {"HMAC", FIPS140_PROV_PROPS, hmac_functions, "HMAC (FIPS 198-1), fips140 module"},
    {"CMAC", FIPS140_PROV_PROPS, cmac_functions, "CMAC-AES (SP 800-38B), fips140 module"},
    {"GMAC:1.0.9797.3.4", FIPS140_PROV_PROPS, gmac_functions, "GMAC (SP 800-38D), fips140 module"},
    {NULL, NULL, NULL, NULL}};
