/* provider/rand_ctr.c - the provider's "CTR-DRBG": a handle on the module's approved RBG (fips140_rand_bytes), the
 * per-thread CTR_DRBG AES-256 with the derivation function that the module seeds from its own SP 800-90B source.
 * An instance holds no DRBG state of its own; what that means for instantiate, reseed, personalization and
 * additional input is explained at the top of provider/rands.c. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h> /* EVP_RAND_STATE_* (constants only: the provider calls no libcrypto function) */

#include "rand_local.h"

#define RAND_STRENGTH 256u        /* bits: CTR_DRBG AES-256, SP 800-90Ar1 §10.2.1 Table 3 */
#define RAND_MAX_REQUEST 65536u   /* bytes per generate call, as the module splits its own requests */
#define RAND_CIPHER "AES-256-CTR" /* the module DRBG's block cipher, in OpenSSL's name */

static void *ctr_newctx(void *provctx, void *parent, const OSSL_DISPATCH *parent_calls)
{
    /* The parent is ignored on purpose: seeding comes only from the module's entropy source (see the top). */
    (void)parent;
    (void)parent_calls;
    fips140_prov_rand *ctx = fips140_prov_new_ctx(provctx, sizeof *ctx, "CTR-DRBG");
    if (ctx == NULL)
        return NULL;
    fips140_prov_rand_init(ctx, provctx, "CTR-DRBG");
    return ctx;
}

static void ctr_freectx(void *vctx)
{
    fips140_prov_rand *ctx = vctx;
    if (ctx == NULL)
        return;
    fips140_prov_rand_destroy(ctx);
    free(ctx);
}

/* ctr_draw - len bytes from the module RBG; on failure the instance enters the error state. */
static int ctr_draw(fips140_prov_rand *ctx, unsigned char *out, size_t len, int prediction_resistance)
{
    fips140_status st = prediction_resistance ? fips140_rand_bytes_pr(out, len) : fips140_rand_bytes(out, len);
    if (st != FIPS140_OK) {
        ctx->state = EVP_RAND_STATE_ERROR;
        return fips140_prov_raise_status(ctx->provctx, st, "CTR-DRBG");
    }
    return 1;
}

/* ctr_refresh - one request whose output is wiped: makes the module (re)instantiate and health-check the calling
 * thread's DRBG, and with prediction_resistance reseed it from the entropy source first. */
static int ctr_refresh(fips140_prov_rand *ctx, int prediction_resistance)
{
    unsigned char scratch[16];
    int ok = ctr_draw(ctx, scratch, sizeof scratch, prediction_resistance);
    fips140_wipe(scratch, sizeof scratch);
    return ok;
}

static int ctr_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    fips140_prov_rand *ctx = vctx;
    const OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    if (params == NULL)
        return 1;
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_CIPHER)) != NULL) {
        char name[64];
        if (!fips140_prov_param_get_utf8_string(p, name, sizeof name)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "CTR-DRBG cipher");
            return 0;
        }
        if (!fips140_prov_name_in_list(name, RAND_CIPHER)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "CTR-DRBG cipher \"%s\": the module's DRBG is " RAND_CIPHER, name);
            return 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_USE_DF)) != NULL) {
        int df;
        if (!fips140_prov_param_get_int(p, &df)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "CTR-DRBG use_derivation_function");
            return 0;
        }
        if (df == 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "CTR-DRBG without derivation function: the module's DRBG uses it");
            return 0;
        }
    }
    /* "properties" and the reseed interval parameters are accepted and have no effect (see the top). */
    return 1;
}

static int ctr_instantiate(void *vctx, unsigned int strength, int prediction_resistance, const unsigned char *pstr,
                            size_t pstr_len, const OSSL_PARAM params[])
{
    fips140_prov_rand *ctx = vctx;
    (void)pstr; /* not mixed in: see the top */
    (void)pstr_len;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "CTR-DRBG");
        return 0;
    }
    if (!ctr_set_ctx_params(ctx, params))
        return 0;
    if (strength > RAND_STRENGTH) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "CTR-DRBG: strength %u > %u bits", strength,
                           RAND_STRENGTH);
        return 0;
    }
    if (!ctr_refresh(ctx, prediction_resistance))
        return 0;
    ctx->state = EVP_RAND_STATE_READY;
    return 1;
}

static int ctr_uninstantiate(void *vctx)
{
    fips140_prov_rand *ctx = vctx;
    if (ctx == NULL)
        return 0;
    ctx->state = EVP_RAND_STATE_UNINITIALISED;
    return 1;
}

static int ctr_generate(void *vctx, unsigned char *out, size_t outlen, unsigned int strength,
                         int prediction_resistance, const unsigned char *addin, size_t addin_len)
{
    fips140_prov_rand *ctx = vctx;
    (void)addin; /* not mixed in: see the top */
    (void)addin_len;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_rand_ready(ctx, "generate"))
        return 0;
    if (strength > RAND_STRENGTH) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "CTR-DRBG: strength %u > %u bits", strength,
                           RAND_STRENGTH);
        return 0;
    }
    if (outlen > RAND_MAX_REQUEST) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH,
                           "CTR-DRBG: %zu bytes > max_request %u", outlen, RAND_MAX_REQUEST);
        return 0;
    }
    if (outlen == 0)
        return 1;
    if (out == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_NULL, "CTR-DRBG: no output buffer");
        return 0;
    }
    return ctr_draw(ctx, out, outlen, prediction_resistance);
}

static int ctr_reseed(void *vctx, int prediction_resistance, const unsigned char *ent, size_t ent_len,
                       const unsigned char *addin, size_t addin_len)
{
    fips140_prov_rand *ctx = vctx;
    /* Caller entropy is never used and additional input is not mixed in: see the top. */
    (void)prediction_resistance;
    (void)ent;
    (void)ent_len;
    (void)addin;
    (void)addin_len;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_rand_ready(ctx, "reseed"))
        return 0;
    /* Reseed the calling thread's CTR_DRBG from the module's entropy source. */
    return ctr_refresh(ctx, 1);
}

/* ctr_draw_seed - ctr_draw in the shape get_seed takes (additional input is not mixed in: see rands.c). */
static int ctr_draw_seed(void *vctx, unsigned char *out, size_t len, int prediction_resistance,
                         const unsigned char *adin, size_t adin_len)
{
    (void)adin;
    (void)adin_len;
    return ctr_draw(vctx, out, len, prediction_resistance);
}

static size_t ctr_get_seed(void *vctx, unsigned char **buffer, int entropy, size_t min_len, size_t max_len,
                           int prediction_resistance, const unsigned char *adin, size_t adin_len)
{
    return fips140_prov_rand_get_seed(vctx, buffer, entropy, min_len, max_len, RAND_STRENGTH, RAND_MAX_REQUEST,
                                      ctr_draw_seed, prediction_resistance, adin, adin_len);
}

/* ctr_verify_zeroization - the instance holds no secret state of its own (the DRBG state lives in the module,
 * which zeroises it itself): 1 once uninstantiated, as an uninstantiated DRBG's state is zero. */
static int ctr_verify_zeroization(void *vctx)
{
    const fips140_prov_rand *ctx = vctx;
    return ctx != NULL && ctx->state == EVP_RAND_STATE_UNINITIALISED;
}

static int ctr_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    fips140_prov_rand *ctx = vctx;
    OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_rand_get_common(ctx, params, RAND_STRENGTH, RAND_MAX_REQUEST))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_CIPHER)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, RAND_CIPHER))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_USE_DF)) != NULL && !fips140_prov_param_set_int(p, 1))
        return 0;
    return 1;
}

static const OSSL_PARAM ctr_gettable[] = {
    OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, NULL),
    OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, NULL),
    OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, NULL),
    OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_int(OSSL_DRBG_PARAM_USE_DF, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *ctr_gettable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return ctr_gettable;
}

static const OSSL_PARAM ctr_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_int(OSSL_DRBG_PARAM_USE_DF, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *ctr_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return ctr_settable;
}

const OSSL_DISPATCH fips140_prov_ctr_drbg_functions[] = {
    {OSSL_FUNC_RAND_NEWCTX, (void (*)(void))ctr_newctx},
    {OSSL_FUNC_RAND_FREECTX, (void (*)(void))ctr_freectx},
    {OSSL_FUNC_RAND_INSTANTIATE, (void (*)(void))ctr_instantiate},
    {OSSL_FUNC_RAND_UNINSTANTIATE, (void (*)(void))ctr_uninstantiate},
    {OSSL_FUNC_RAND_GENERATE, (void (*)(void))ctr_generate},
    {OSSL_FUNC_RAND_RESEED, (void (*)(void))ctr_reseed},
    {OSSL_FUNC_RAND_GET_SEED, (void (*)(void))ctr_get_seed},
    {OSSL_FUNC_RAND_CLEAR_SEED, (void (*)(void))fips140_prov_rand_clear_seed},
    {OSSL_FUNC_RAND_VERIFY_ZEROIZATION, (void (*)(void))ctr_verify_zeroization},
    {OSSL_FUNC_RAND_ENABLE_LOCKING, (void (*)(void))fips140_prov_rand_enable_locking},
    {OSSL_FUNC_RAND_LOCK, (void (*)(void))fips140_prov_rand_lock},
    {OSSL_FUNC_RAND_UNLOCK, (void (*)(void))fips140_prov_rand_unlock},
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, (void (*)(void))ctr_gettable_ctx_params},
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, (void (*)(void))ctr_get_ctx_params},
    {OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, (void (*)(void))ctr_settable_ctx_params},
    {OSSL_FUNC_RAND_SET_CTX_PARAMS, (void (*)(void))ctr_set_ctx_params},
    {0, NULL}};

