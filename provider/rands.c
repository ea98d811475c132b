/* provider/rands.c - the provider's random generator "CTR-DRBG": OpenSSL's view of the module's approved RBG.
 *
 * How an instance relates to SP 800-90A (read this before changing anything here).
 *   The module has exactly one approved random bit generator (include/fips140/rand.h, module/rand/,
 *   docs/ENTROPY.md): its SP 800-90B entropy source seeds a per-process seed DRBG, which seeds one CTR_DRBG per
 *   thread (SP 800-90Ar1 §10.2.1, AES-256 with the derivation function, security strength 256 bits), an
 *   SP 800-90C-style chain. fips140_rand_bytes() is §9.3 Generate on the calling thread's CTR_DRBG;
 *   fips140_rand_bytes_pr() first reseeds it from the entropy source (prediction resistance, §9.3.1).
 *   The state of those DRBGs lives inside the module and never leaves it.
 *
 *   An OpenSSL "CTR-DRBG" instance made here is NOT a separate DRBG: it is a handle on that RBG. Its
 *   instantiate / uninstantiate only switch the handle between OpenSSL's READY and UNINITIALISED states (after
 *   a test draw that makes the module set up and health-check the calling thread's DRBG); generate is
 *   fips140_rand_bytes (or fips140_rand_bytes_pr when prediction resistance is asked for); reseed reseeds the
 *   calling thread's CTR_DRBG from the entropy source (one fips140_rand_bytes_pr request whose output is
 *   wiped). So every byte OpenSSL obtains through this provider - the primary, public and private DRBGs of a
 *   library context, or an instance an application creates - is output of the module's CTR_DRBG.
 *
 *   Consequences, all deliberate:
 *   - Seeding never comes from OpenSSL: the `parent` given to newctx (a seed source or another DRBG of the core or
 *     of a provider) is ignored, and the entropy input a caller passes to reseed is not used. The module accepts
 *     entropy from its own SP 800-90B source only.
 *   - Personalization strings and additional input are accepted (OpenSSL passes them, e.g. RAND_add() reseeds
 *     the primary DRBG with the caller's bytes as additional input) but not mixed in: the module's RBG API takes
 *     none. SP 800-90A makes both optional and credits them with no entropy.
 *   - The mechanism is fixed: "cipher" accepts only AES-256-CTR and "use_derivation_function" only 1, the
 *     parameters of the module's DRBG; anything else is refused rather than silently served by another DRBG.
 *     The reseed interval parameters OpenSSL sets are ignored: the module's own limits apply.
 *   - "HASH-DRBG" and "HMAC-DRBG" are not registered. The module has no approved Hash_DRBG or HMAC_DRBG service
 *     (its drbg.h DRBGs take caller entropy and are a testing interface, indicator NOT_APPROVED), and answering a
 *     request for those mechanisms (with its "digest") with the CTR_DRBG would misname what runs. OpenSSL's
 *     library context uses "CTR-DRBG" unless a [random] section names another; such a configuration fails to
 *     fetch instead of getting a substitute.
 *
 *   get_seed / clear_seed let a DRBG of another provider use an instance as its parent (an RBG seeding a DRBG,
 *   as in SP 800-90C); with only fips140 and base loaded nothing else needs them. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h> /* EVP_RAND_STATE_* (constants only: the provider calls no libcrypto function) */

#include "prov.h"

#define RAND_STRENGTH 256u        /* bits: CTR_DRBG AES-256, SP 800-90Ar1 §10.2.1 Table 3 */
#define RAND_MAX_REQUEST 65536u   /* bytes per generate call, as the module splits its own requests */
#define RAND_CIPHER "AES-256-CTR" /* the module DRBG's block cipher, in OpenSSL's name */

typedef struct rand_ctx {
    void *provctx;
    int state; /* EVP_RAND_STATE_* */
    int locking;
    pthread_mutex_t lock;
} rand_ctx;

static void *rand_newctx(void *provctx, void *parent, const OSSL_DISPATCH *parent_calls)
{
    /* The parent is ignored on purpose: seeding comes only from the module's entropy source (see the top). */
    (void)parent;
    (void)parent_calls;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "CTR-DRBG");
        return NULL;
    }
    rand_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    ctx->provctx = provctx;
    ctx->state = EVP_RAND_STATE_UNINITIALISED;
    return ctx;
}

static void rand_freectx(void *vctx)
{
    rand_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    if (ctx->locking)
        (void)pthread_mutex_destroy(&ctx->lock);
    free(ctx);
}

/* rand_draw - len bytes from the module RBG; on failure the instance enters the error state. */
static int rand_draw(rand_ctx *ctx, unsigned char *out, size_t len, int prediction_resistance)
{
    fips140_status st = prediction_resistance ? fips140_rand_bytes_pr(out, len) : fips140_rand_bytes(out, len);
    if (st != FIPS140_OK) {
        ctx->state = EVP_RAND_STATE_ERROR;
        return fips140_prov_raise_status(ctx->provctx, st, "CTR-DRBG");
    }
    return 1;
}

/* rand_refresh - one request whose output is wiped: makes the module (re)instantiate and health-check the calling
 * thread's DRBG, and with prediction_resistance reseed it from the entropy source first. */
static int rand_refresh(rand_ctx *ctx, int prediction_resistance)
{
    unsigned char scratch[16];
    int ok = rand_draw(ctx, scratch, sizeof scratch, prediction_resistance);
    fips140_wipe(scratch, sizeof scratch);
    return ok;
}

static int rand_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    rand_ctx *ctx = vctx;
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

static int rand_instantiate(void *vctx, unsigned int strength, int prediction_resistance, const unsigned char *pstr,
                            size_t pstr_len, const OSSL_PARAM params[])
{
    rand_ctx *ctx = vctx;
    (void)pstr; /* not mixed in: see the top */
    (void)pstr_len;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "CTR-DRBG");
        return 0;
    }
    if (!rand_set_ctx_params(ctx, params))
        return 0;
    if (strength > RAND_STRENGTH) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "CTR-DRBG: strength %u > %u bits", strength,
                           RAND_STRENGTH);
        return 0;
    }
    if (!rand_refresh(ctx, prediction_resistance))
        return 0;
    ctx->state = EVP_RAND_STATE_READY;
    return 1;
}

static int rand_uninstantiate(void *vctx)
{
    rand_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    ctx->state = EVP_RAND_STATE_UNINITIALISED;
    return 1;
}

static int rand_generate(void *vctx, unsigned char *out, size_t outlen, unsigned int strength,
                         int prediction_resistance, const unsigned char *addin, size_t addin_len)
{
    rand_ctx *ctx = vctx;
    (void)addin; /* not mixed in: see the top */
    (void)addin_len;
    if (ctx == NULL)
        return 0;
    if (ctx->state != EVP_RAND_STATE_READY) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "CTR-DRBG: generate while not instantiated");
        return 0;
    }
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
    return rand_draw(ctx, out, outlen, prediction_resistance);
}

static int rand_reseed(void *vctx, int prediction_resistance, const unsigned char *ent, size_t ent_len,
                       const unsigned char *addin, size_t addin_len)
{
    rand_ctx *ctx = vctx;
    /* Caller entropy is never used and additional input is not mixed in: see the top. */
    (void)prediction_resistance;
    (void)ent;
    (void)ent_len;
    (void)addin;
    (void)addin_len;
    if (ctx == NULL)
        return 0;
    if (ctx->state != EVP_RAND_STATE_READY) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "CTR-DRBG: reseed while not instantiated");
        return 0;
    }
    /* Reseed the calling thread's CTR_DRBG from the module's entropy source. */
    return rand_refresh(ctx, 1);
}

static size_t rand_get_seed(void *vctx, unsigned char **buffer, int entropy, size_t min_len, size_t max_len,
                            int prediction_resistance, const unsigned char *adin, size_t adin_len)
{
    rand_ctx *ctx = vctx;
    (void)adin;
    (void)adin_len;
    if (ctx == NULL || buffer == NULL)
        return 0;
    if (ctx->state != EVP_RAND_STATE_READY) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "CTR-DRBG: get_seed while not instantiated");
        return 0;
    }
    if (entropy < 0 || (unsigned)entropy > RAND_STRENGTH) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "CTR-DRBG: %d bits of entropy requested",
                           entropy);
        return 0;
    }
    /* Enough bytes to carry the requested security strength, within [min_len, max_len]. */
    size_t len = ((size_t)entropy + 7u) / 8u;
    if (len < min_len)
        len = min_len;
    if (len == 0 || len > max_len || len > RAND_MAX_REQUEST) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH,
                           "CTR-DRBG: seed of %zu..%zu bytes for %d bits", min_len, max_len, entropy);
        return 0;
    }
    unsigned char *buf = malloc(len);
    if (buf == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return 0;
    }
    if (!rand_draw(ctx, buf, len, prediction_resistance)) {
        fips140_wipe(buf, len);
        free(buf);
        return 0;
    }
    *buffer = buf;
    return len;
}

static void rand_clear_seed(void *vctx, unsigned char *buffer, size_t b_len)
{
    (void)vctx;
    if (buffer == NULL)
        return;
    fips140_wipe(buffer, b_len);
    free(buffer);
}

/* rand_verify_zeroization - the instance holds no secret state of its own (the DRBG state lives in the module,
 * which zeroises it itself): 1 once uninstantiated, as an uninstantiated DRBG's state is zero. */
static int rand_verify_zeroization(void *vctx)
{
    const rand_ctx *ctx = vctx;
    return ctx != NULL && ctx->state == EVP_RAND_STATE_UNINITIALISED;
}

/* Locking: the module RBG is thread-safe by itself (one DRBG per thread); the lock only serialises OpenSSL's use
 * of the instance's own state, as the EVP layer expects once locking is enabled. */
static int rand_enable_locking(void *vctx)
{
    rand_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!ctx->locking) {
        if (pthread_mutex_init(&ctx->lock, NULL) != 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "CTR-DRBG lock");
            return 0;
        }
        ctx->locking = 1;
    }
    return 1;
}

static int rand_lock(void *vctx)
{
    rand_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    return !ctx->locking || pthread_mutex_lock(&ctx->lock) == 0;
}

static void rand_unlock(void *vctx)
{
    rand_ctx *ctx = vctx;
    if (ctx != NULL && ctx->locking)
        (void)pthread_mutex_unlock(&ctx->lock);
}

static int rand_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    rand_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_STATE)) != NULL &&
        !fips140_prov_param_set_int(p, ctx->state))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_STRENGTH)) != NULL &&
        !fips140_prov_param_set_uint(p, RAND_STRENGTH))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_MAX_REQUEST)) != NULL &&
        !fips140_prov_param_set_size_t(p, RAND_MAX_REQUEST))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_CIPHER)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, RAND_CIPHER))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_USE_DF)) != NULL && !fips140_prov_param_set_int(p, 1))
        return 0;
    return 1;
}

static const OSSL_PARAM rand_gettable[] = {
    OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, NULL),
    OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, NULL),
    OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, NULL),
    OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_int(OSSL_DRBG_PARAM_USE_DF, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *rand_gettable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return rand_gettable;
}

static const OSSL_PARAM rand_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_int(OSSL_DRBG_PARAM_USE_DF, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *rand_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return rand_settable;
}

static const OSSL_DISPATCH ctr_drbg_functions[] = {
    {OSSL_FUNC_RAND_NEWCTX, (void (*)(void))rand_newctx},
    {OSSL_FUNC_RAND_FREECTX, (void (*)(void))rand_freectx},
    {OSSL_FUNC_RAND_INSTANTIATE, (void (*)(void))rand_instantiate},
    {OSSL_FUNC_RAND_UNINSTANTIATE, (void (*)(void))rand_uninstantiate},
    {OSSL_FUNC_RAND_GENERATE, (void (*)(void))rand_generate},
    {OSSL_FUNC_RAND_RESEED, (void (*)(void))rand_reseed},
    {OSSL_FUNC_RAND_GET_SEED, (void (*)(void))rand_get_seed},
    {OSSL_FUNC_RAND_CLEAR_SEED, (void (*)(void))rand_clear_seed},
    {OSSL_FUNC_RAND_VERIFY_ZEROIZATION, (void (*)(void))rand_verify_zeroization},
    {OSSL_FUNC_RAND_ENABLE_LOCKING, (void (*)(void))rand_enable_locking},
    {OSSL_FUNC_RAND_LOCK, (void (*)(void))rand_lock},
    {OSSL_FUNC_RAND_UNLOCK, (void (*)(void))rand_unlock},
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, (void (*)(void))rand_gettable_ctx_params},
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, (void (*)(void))rand_get_ctx_params},
    {OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, (void (*)(void))rand_settable_ctx_params},
    {OSSL_FUNC_RAND_SET_CTX_PARAMS, (void (*)(void))rand_set_ctx_params},
    {0, NULL}};

const OSSL_ALGORITHM fips140_prov_rands[] = {
    {"CTR-DRBG", FIPS140_PROV_PROPS, ctr_drbg_functions,
     "the fips140 module's approved RBG: per-thread CTR_DRBG AES-256 with df (SP 800-90Ar1), own SP 800-90B source"},
    {NULL, NULL, NULL, NULL}};
