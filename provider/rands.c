/* provider/rands.c - the provider's random generators (OpenSSL's EVP_RAND): "CTR-DRBG", a handle on the module's
 * approved RBG, and "HASH-DRBG" / "HMAC-DRBG", DRBG instances of their own seeded by the module.
 *
 * How an instance relates to SP 800-90A (read this before changing anything here).
 *   The module's SP 800-90B entropy source seeds a per-process seed DRBG, which seeds one CTR_DRBG per thread
 *   (SP 800-90Ar1 §10.2.1, AES-256 with the derivation function, security strength 256 bits), an SP 800-90C-style
 *   chain (include/fips140/rand.h, module/rand/, docs/ENTROPY.md). Seeding never comes from OpenSSL: the `parent`
 *   given to newctx (a seed source or another DRBG of the core or of a provider) is ignored by every algorithm
 *   here, and entropy a caller passes to reseed is never credited (HASH-DRBG / HMAC-DRBG take it as additional
 *   input, as SP 800-90Ar1 §9.1 / §9.2 leave entropy input to the DRBG's own source; CTR-DRBG drops it).
 *
 *   "CTR-DRBG" is NOT a separate DRBG: it is a handle on the module's per-thread CTR_DRBG. Its instantiate /
 *   uninstantiate only switch the handle between OpenSSL's READY and UNINITIALISED states (after a test draw that
 *   makes the module set up and health-check the calling thread's DRBG); generate is fips140_rand_bytes (or
 *   fips140_rand_bytes_pr when prediction resistance is asked for); reseed reseeds the calling thread's CTR_DRBG
 *   from the entropy source (one fips140_rand_bytes_pr request whose output is wiped). Personalization strings and
 *   additional input are accepted but not mixed in (the module RBG API takes none; SP 800-90A makes both optional
 *   and credits them with no entropy). The mechanism is fixed: "cipher" accepts only AES-256-CTR and
 *   "use_derivation_function" only 1; anything else is refused rather than silently served by another DRBG. The
 *   reseed interval parameters are ignored: the module's own limits apply. This is what OpenSSL's library context
 *   uses by default (primary, public and private DRBGs).
 *
 *   "HASH-DRBG" and "HMAC-DRBG" are real per-instance DRBGs: each holds a fips140_drbg_ctx (Hash_DRBG §10.1.1 or
 *   HMAC_DRBG §10.1.2 over the "digest" chosen: SHA-1, SHA-2 or SHA-3 by any OpenSSL name or alias) instantiated by
 *   the module's approved seeded service, fips140_drbg_instantiate_seeded (drbg.h): entropy input and nonce come
 *   from the module's seed DRBG (3s/2 bits), explicit reseeds and prediction resistance from the entropy source
 *   itself, and a copy inherited by a forked child reseeds before its next output. Personalization strings and
 *   additional input ARE mixed in. OpenSSL's per-call prediction_resistance becomes a module reseed from the
 *   entropy source whose additional input is the request's (§9.3.1 step 7); prediction_resistance at instantiate
 *   asks for the same right after instantiation. "reseed_requests" is the module DRBG's reseed interval (the module
 *   then reseeds from the seed DRBG; 0 = the SP 800-90A maximum, 2^48), "reseed_time_interval" is kept here (a
 *   module reseed when it has passed). "properties" is accepted and has no effect (the digest is always the
 *   module's); "mac" accepts only HMAC. A [random] section that names a digest the module does not run for these
 *   DRBGs (SHAKE, MD5...) fails with that name in the error.
 *
 *   get_seed / clear_seed let a DRBG of another provider use an instance as its parent (an RBG seeding a DRBG,
 *   as in SP 800-90C); with only fips140 and base loaded nothing else needs them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* ==== HASH-DRBG and HMAC-DRBG: DRBG instances seeded by the module (see the top). */

#define SDRBG_MAX_REQUEST 65536u               /* bytes: SP 800-90Ar1 §10.1 Table 2, 2^19 bits per request */
#define SDRBG_MAX_INPUT ((size_t)1 << 32)      /* bytes of personalization / additional input: Table 2, 2^35 bits */
#define SDRBG_MAX_INTERVAL ((uint64_t)1 << 48) /* Table 2 reseed_interval: what reseed_requests = 0 stands for */
#define SDRBG_RESEED_REQUESTS 256u             /* OpenSSL's defaults for a new DRBG instance */
#define SDRBG_RESEED_SECONDS 3600u

typedef struct sdrbg_ctx {
    fips140_drbg_ctx drbg;         /* first member: keeps its 64-byte alignment (the struct is aligned_alloc'ed) */
    void *provctx;
    const char *name;              /* "HASH-DRBG" or "HMAC-DRBG", for messages */
    fips140_drbg_type type;        /* FIPS140_DRBG_HASH or FIPS140_DRBG_HMAC */
    fips140_hash_alg digest;       /* 0 until "digest" is set */
    int state;                     /* EVP_RAND_STATE_* */
    unsigned reseed_requests;      /* OpenSSL's reseed_requests; 0 = no limit but SP 800-90A's */
    uint64_t reseed_time_interval; /* seconds; 0 = none */
    time_t reseed_time;            /* wall-clock time of the last (re)seed */
    int locking;
    pthread_mutex_t lock;
} sdrbg_ctx;

/* digest_name - OpenSSL's canonical name of a digest the DRBGs run. */
static const char *digest_name(fips140_hash_alg alg)
{
    switch (alg) {
    case FIPS140_SHA1: return "SHA1";
    case FIPS140_SHA224: return "SHA2-224";
    case FIPS140_SHA256: return "SHA2-256";
    case FIPS140_SHA384: return "SHA2-384";
    case FIPS140_SHA512: return "SHA2-512";
    case FIPS140_SHA512_224: return "SHA2-512/224";
    case FIPS140_SHA512_256: return "SHA2-512/256";
    case FIPS140_SHA3_224: return "SHA3-224";
    case FIPS140_SHA3_256: return "SHA3-256";
    case FIPS140_SHA3_384: return "SHA3-384";
    case FIPS140_SHA3_512: return "SHA3-512";
    default: return "";
    }
}

/* sdrbg_params - the module DRBG parameters of ctx (prediction resistance is asked per request, see the top). */
static fips140_drbg_params sdrbg_params(const sdrbg_ctx *ctx)
{
    const fips140_drbg_params p = {ctx->type, (uint32_t)ctx->digest, 0, 0};
    return p;
}

static unsigned sdrbg_strength(const sdrbg_ctx *ctx)
{
    const fips140_drbg_params p = sdrbg_params(ctx);
    return ctx->digest == 0 ? 0 : fips140_drbg_security_strength(&p);
}

static void *sdrbg_newctx(void *provctx, fips140_drbg_type type, const char *name)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "%s", name);
        return NULL;
    }
    const size_t size = (sizeof(sdrbg_ctx) + 63u) & ~(size_t)63u; /* aligned_alloc: a multiple of the alignment */
    sdrbg_ctx *ctx = aligned_alloc(64, size);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    memset(ctx, 0, size);
    ctx->provctx = provctx;
    ctx->name = name;
    ctx->type = type;
    ctx->state = EVP_RAND_STATE_UNINITIALISED;
    ctx->reseed_requests = SDRBG_RESEED_REQUESTS;
    ctx->reseed_time_interval = SDRBG_RESEED_SECONDS;
    return ctx;
}

/* The parent is ignored on purpose: seeding comes only from the module (see the top). */
static void *hash_drbg_newctx(void *provctx, void *parent, const OSSL_DISPATCH *parent_calls)
{
    (void)parent;
    (void)parent_calls;
    return sdrbg_newctx(provctx, FIPS140_DRBG_HASH, "HASH-DRBG");
}

static void *hmac_drbg_newctx(void *provctx, void *parent, const OSSL_DISPATCH *parent_calls)
{
    (void)parent;
    (void)parent_calls;
    return sdrbg_newctx(provctx, FIPS140_DRBG_HMAC, "HMAC-DRBG");
}

static void sdrbg_freectx(void *vctx)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    fips140_drbg_uninstantiate(&ctx->drbg); /* SP 800-90Ar1 §9.4: zeroise */
    if (ctx->locking)
        (void)pthread_mutex_destroy(&ctx->lock);
    free(ctx);
}

/* sdrbg_fail - raise st; the module's error state makes the instance unusable too. Returns 0. */
static int sdrbg_fail(sdrbg_ctx *ctx, fips140_status st, const char *what)
{
    if (st == FIPS140_ERR_ERROR_STATE)
        ctx->state = EVP_RAND_STATE_ERROR;
    char detail[48];
    snprintf(detail, sizeof detail, "%s %s", ctx->name, what);
    return fips140_prov_raise_status(ctx->provctx, st, detail);
}

/* sdrbg_apply_interval - the module DRBG's reseed interval from reseed_requests (0: SP 800-90A's maximum). */
static int sdrbg_apply_interval(sdrbg_ctx *ctx)
{
    uint64_t n = ctx->reseed_requests == 0 ? SDRBG_MAX_INTERVAL : ctx->reseed_requests;
    fips140_status st = fips140_drbg_set_reseed_interval(&ctx->drbg, n);
    return st == FIPS140_OK ? 1 : sdrbg_fail(ctx, st, "reseed_requests");
}

/* sdrbg_parse_digest - "digest": any OpenSSL name of a digest the module's Hash_DRBG / HMAC_DRBG run. */
static int sdrbg_parse_digest(sdrbg_ctx *ctx, const OSSL_PARAM *p, fips140_hash_alg *alg)
{
    char name[64];
    if (!fips140_prov_param_get_utf8_string(p, name, sizeof name)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s digest", ctx->name);
        return 0;
    }
    fips140_drbg_params dp = {ctx->type, 0, 0, 0};
    if (!fips140_prov_digest_lookup(name, alg)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                           "%s digest \"%s\": not a digest the fips140 module implements", ctx->name, name);
        return 0;
    }
    dp.mechanism = (uint32_t)*alg;
    if (fips140_drbg_security_strength(&dp) == 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                           "%s digest \"%s\": the module's DRBGs run SHA-1, SHA-2 and SHA-3 only", ctx->name, name);
        return 0;
    }
    if (ctx->state == EVP_RAND_STATE_READY && *alg != ctx->digest) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE,
                           "%s digest \"%s\": cannot change while instantiated", ctx->name, name);
        return 0;
    }
    return 1;
}

/* sdrbg_set_ctx_params - every value is checked before any is stored: a refused call changes nothing. */
static int sdrbg_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    sdrbg_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    if (params == NULL)
        return 1;
    fips140_hash_alg digest = ctx->digest;
    unsigned requests = ctx->reseed_requests;
    uint64_t seconds = ctx->reseed_time_interval;
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_DIGEST)) != NULL &&
        !sdrbg_parse_digest(ctx, p, &digest))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_PROPERTIES)) != NULL) {
        const char *props;
        if (!fips140_prov_param_get_utf8_ptr(p, &props)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s properties", ctx->name);
            return 0;
        }
    }
    if (ctx->type == FIPS140_DRBG_HMAC && (p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_MAC)) != NULL) {
        char mac[32];
        if (!fips140_prov_param_get_utf8_string(p, mac, sizeof mac) || !fips140_prov_name_in_list(mac, "HMAC")) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "HMAC-DRBG mac: only HMAC");
            return 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_RESEED_REQUESTS)) != NULL &&
        !fips140_prov_param_get_uint(p, &requests)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s reseed_requests", ctx->name);
        return 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL)) != NULL &&
        !fips140_prov_param_get_uint64(p, &seconds)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s reseed_time_interval", ctx->name);
        return 0;
    }
    ctx->digest = digest;
    ctx->reseed_time_interval = seconds;
    if (requests != ctx->reseed_requests) {
        ctx->reseed_requests = requests;
        if (ctx->state == EVP_RAND_STATE_READY)
            return sdrbg_apply_interval(ctx);
    }
    return 1;
}

/* sdrbg_check_strength - a request for more security strength than the instance has is refused (§9.1 step 1,
 * §9.3.1 step 3). */
static int sdrbg_check_strength(sdrbg_ctx *ctx, unsigned strength)
{
    if (strength <= sdrbg_strength(ctx))
        return 1;
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "%s %s: strength %u > %u bits", ctx->name,
                       digest_name(ctx->digest), strength, sdrbg_strength(ctx));
    return 0;
}

/* sdrbg_reseed_now - fips140_drbg_reseed_seeded: fresh entropy input from the module's entropy source. */
static int sdrbg_reseed_now(sdrbg_ctx *ctx, const unsigned char *addin, size_t addin_len)
{
    fips140_status st = fips140_drbg_reseed_seeded(&ctx->drbg, addin, addin_len);
    if (st != FIPS140_OK)
        return sdrbg_fail(ctx, st, "reseed");
    ctx->reseed_time = time(NULL);
    return 1;
}

static int sdrbg_instantiate(void *vctx, unsigned int strength, int prediction_resistance, const unsigned char *pstr,
                             size_t pstr_len, const OSSL_PARAM params[])
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "%s", ctx->name);
        return 0;
    }
    if (!sdrbg_set_ctx_params(ctx, params))
        return 0;
    if (ctx->digest == 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "%s: no digest set", ctx->name);
        return 0;
    }
    if (!sdrbg_check_strength(ctx, strength))
        return 0;
    /* SP 800-90Ar1 §9.1 with entropy input and nonce from the module; the personalization string is mixed in. */
    const fips140_drbg_params dp = sdrbg_params(ctx);
    ctx->state = EVP_RAND_STATE_UNINITIALISED;
    fips140_status st = fips140_drbg_instantiate_seeded(&ctx->drbg, &dp, pstr_len ? pstr : NULL, pstr_len);
    if (st != FIPS140_OK) {
        fips140_drbg_uninstantiate(&ctx->drbg); /* no earlier state survives a failed re-instantiation */
        return sdrbg_fail(ctx, st, "instantiate");
    }
    ctx->reseed_time = time(NULL);
    if (!sdrbg_apply_interval(ctx) || (prediction_resistance && !sdrbg_reseed_now(ctx, NULL, 0))) {
        fips140_drbg_uninstantiate(&ctx->drbg);
        return 0;
    }
    ctx->state = EVP_RAND_STATE_READY;
    return 1;
}

static int sdrbg_uninstantiate(void *vctx)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    fips140_drbg_uninstantiate(&ctx->drbg); /* SP 800-90Ar1 §9.4 */
    ctx->state = EVP_RAND_STATE_UNINITIALISED;
    return 1;
}

/* sdrbg_time_due - reseed_time_interval has passed since the last (re)seed (or the clock went back). */
static int sdrbg_time_due(const sdrbg_ctx *ctx)
{
    if (ctx->reseed_time_interval == 0)
        return 0;
    const time_t now = time(NULL);
    return now < ctx->reseed_time || (uint64_t)(now - ctx->reseed_time) >= ctx->reseed_time_interval;
}

/* sdrbg_draw - §9.3.1: with prediction resistance (or reseed_time_interval passed) first a module reseed from the
 * entropy source that takes the additional input (step 7), then generate without it. */
static int sdrbg_draw(sdrbg_ctx *ctx, unsigned char *out, size_t outlen, int prediction_resistance,
                      const unsigned char *addin, size_t addin_len)
{
    if (prediction_resistance || sdrbg_time_due(ctx)) {
        if (!sdrbg_reseed_now(ctx, addin, addin_len))
            return 0;
        addin = NULL;
        addin_len = 0;
    }
    fips140_status st = fips140_drbg_generate(&ctx->drbg, out, outlen, addin_len ? addin : NULL, addin_len, NULL, 0);
    return st == FIPS140_OK ? 1 : sdrbg_fail(ctx, st, "generate");
}

static int sdrbg_check_ready(sdrbg_ctx *ctx, const char *what)
{
    if (ctx->state == EVP_RAND_STATE_READY)
        return 1;
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "%s: %s while not instantiated", ctx->name, what);
    return 0;
}

static int sdrbg_generate(void *vctx, unsigned char *out, size_t outlen, unsigned int strength,
                          int prediction_resistance, const unsigned char *addin, size_t addin_len)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL || !sdrbg_check_ready(ctx, "generate") || !sdrbg_check_strength(ctx, strength))
        return 0;
    if (outlen > SDRBG_MAX_REQUEST) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: %zu bytes > max_request %u",
                           ctx->name, outlen, SDRBG_MAX_REQUEST);
        return 0;
    }
    if (out == NULL && outlen != 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_NULL, "%s: no output buffer", ctx->name);
        return 0;
    }
    return sdrbg_draw(ctx, out, outlen, prediction_resistance, addin, addin_len);
}

/* sdrbg_reseed - always fresh entropy from the module's source; entropy the caller offers is not credited: it joins
 * the additional input (ent || addin), as SP 800-90Ar1 §9.2 lets only the DRBG's own source supply entropy input. */
static int sdrbg_reseed(void *vctx, int prediction_resistance, const unsigned char *ent, size_t ent_len,
                        const unsigned char *addin, size_t addin_len)
{
    sdrbg_ctx *ctx = vctx;
    (void)prediction_resistance; /* every reseed here takes entropy from the source */
    if (ctx == NULL || !sdrbg_check_ready(ctx, "reseed"))
        return 0;
    if (ent == NULL)
        ent_len = 0;
    if (addin == NULL)
        addin_len = 0;
    if (ent_len > SDRBG_MAX_INPUT || addin_len > SDRBG_MAX_INPUT - ent_len) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "%s reseed: input too long", ctx->name);
        return 0;
    }
    if (ent_len == 0 || addin_len == 0)
        return sdrbg_reseed_now(ctx, ent_len ? ent : addin, ent_len ? ent_len : addin_len);
    unsigned char *both = malloc(ent_len + addin_len);
    if (both == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return 0;
    }
    memcpy(both, ent, ent_len);
    memcpy(both + ent_len, addin, addin_len);
    int ok = sdrbg_reseed_now(ctx, both, ent_len + addin_len);
    fips140_wipe(both, ent_len + addin_len);
    free(both);
    return ok;
}

/* sdrbg_get_seed - output of this instance for a DRBG that uses it as its parent (SP 800-90C: an RBG as the
 * randomness source of another DRBG); at most the instance's strength in entropy. */
static size_t sdrbg_get_seed(void *vctx, unsigned char **buffer, int entropy, size_t min_len, size_t max_len,
                             int prediction_resistance, const unsigned char *adin, size_t adin_len)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL || buffer == NULL || !sdrbg_check_ready(ctx, "get_seed"))
        return 0;
    if (entropy < 0 || (unsigned)entropy > sdrbg_strength(ctx)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "%s: %d bits of entropy requested", ctx->name,
                           entropy);
        return 0;
    }
    size_t len = ((size_t)entropy + 7u) / 8u;
    if (len < min_len)
        len = min_len;
    if (len == 0 || len > max_len || len > SDRBG_MAX_REQUEST) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: seed of %zu..%zu bytes for %d bits",
                           ctx->name, min_len, max_len, entropy);
        return 0;
    }
    unsigned char *buf = malloc(len);
    if (buf == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return 0;
    }
    if (!sdrbg_draw(ctx, buf, len, prediction_resistance, adin_len ? adin : NULL, adin_len)) {
        fips140_wipe(buf, len);
        free(buf);
        return 0;
    }
    *buffer = buf;
    return len;
}

/* sdrbg_verify_zeroization - uninstantiated and every byte of the DRBG state is zero (§9.4). */
static int sdrbg_verify_zeroization(void *vctx)
{
    const sdrbg_ctx *ctx = vctx;
    if (ctx == NULL || ctx->state != EVP_RAND_STATE_UNINITIALISED)
        return 0;
    unsigned char acc = 0;
    for (size_t i = 0; i < sizeof ctx->drbg.opaque; i++)
        acc |= ctx->drbg.opaque[i];
    return acc == 0;
}

/* Locking: a DRBG instance is not thread-safe by itself; once OpenSSL enables locking it serialises callers
 * through lock / unlock. */
static int sdrbg_enable_locking(void *vctx)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!ctx->locking) {
        if (pthread_mutex_init(&ctx->lock, NULL) != 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s lock", ctx->name);
            return 0;
        }
        ctx->locking = 1;
    }
    return 1;
}

static int sdrbg_lock(void *vctx)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    return !ctx->locking || pthread_mutex_lock(&ctx->lock) == 0;
}

static void sdrbg_unlock(void *vctx)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx != NULL && ctx->locking)
        (void)pthread_mutex_unlock(&ctx->lock);
}

static int sdrbg_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    sdrbg_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_STATE)) != NULL &&
        !fips140_prov_param_set_int(p, ctx->state))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_STRENGTH)) != NULL &&
        !fips140_prov_param_set_uint(p, sdrbg_strength(ctx)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_RAND_PARAM_MAX_REQUEST)) != NULL &&
        !fips140_prov_param_set_size_t(p, SDRBG_MAX_REQUEST))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_MAX_PERSLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, SDRBG_MAX_INPUT))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_MAX_ADINLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, SDRBG_MAX_INPUT))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_RESEED_REQUESTS)) != NULL &&
        !fips140_prov_param_set_uint(p, ctx->reseed_requests))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL)) != NULL &&
        !fips140_prov_param_set_uint64(p, ctx->reseed_time_interval))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_RESEED_TIME)) != NULL &&
        !fips140_prov_param_set_uint64(p, ctx->reseed_time < 0 ? 0 : (uint64_t)ctx->reseed_time))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_DIGEST)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, digest_name(ctx->digest)))
        return 0;
    if (ctx->type == FIPS140_DRBG_HMAC && (p = fips140_prov_param_locate(params, OSSL_DRBG_PARAM_MAC)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, "HMAC"))
        return 0;
    return 1;
}

#define SDRBG_GETTABLE_COMMON                                                                         \
    OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, NULL), OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, NULL),    \
        OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, NULL),                                         \
        OSSL_PARAM_size_t(OSSL_DRBG_PARAM_MAX_PERSLEN, NULL), OSSL_PARAM_size_t(OSSL_DRBG_PARAM_MAX_ADINLEN, NULL), \
        OSSL_PARAM_uint(OSSL_DRBG_PARAM_RESEED_REQUESTS, NULL),                                       \
        OSSL_PARAM_time_t(OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, NULL),                                \
        OSSL_PARAM_time_t(OSSL_DRBG_PARAM_RESEED_TIME, NULL), OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_DIGEST, NULL, 0)

static const OSSL_PARAM hash_drbg_gettable[] = {SDRBG_GETTABLE_COMMON, OSSL_PARAM_END};
static const OSSL_PARAM hmac_drbg_gettable[] = {SDRBG_GETTABLE_COMMON,
                                                OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_MAC, NULL, 0), OSSL_PARAM_END};

#define SDRBG_SETTABLE_COMMON                                                                         \
    OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_DIGEST, NULL, 0),                                          \
        OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_PROPERTIES, NULL, 0),                                  \
        OSSL_PARAM_uint(OSSL_DRBG_PARAM_RESEED_REQUESTS, NULL),                                       \
        OSSL_PARAM_time_t(OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, NULL)

static const OSSL_PARAM hash_drbg_settable[] = {SDRBG_SETTABLE_COMMON, OSSL_PARAM_END};
static const OSSL_PARAM hmac_drbg_settable[] = {SDRBG_SETTABLE_COMMON,
                                                OSSL_PARAM_utf8_string(OSSL_DRBG_PARAM_MAC, NULL, 0), OSSL_PARAM_END};

static const OSSL_PARAM *hash_drbg_gettable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return hash_drbg_gettable;
}

static const OSSL_PARAM *hmac_drbg_gettable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return hmac_drbg_gettable;
}

static const OSSL_PARAM *hash_drbg_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return hash_drbg_settable;
}

static const OSSL_PARAM *hmac_drbg_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return hmac_drbg_settable;
}

#define SDRBG_FUNCTIONS(prefix)                                                                         \
    {OSSL_FUNC_RAND_NEWCTX, (void (*)(void))prefix##_newctx},                                           \
        {OSSL_FUNC_RAND_FREECTX, (void (*)(void))sdrbg_freectx},                                        \
        {OSSL_FUNC_RAND_INSTANTIATE, (void (*)(void))sdrbg_instantiate},                                \
        {OSSL_FUNC_RAND_UNINSTANTIATE, (void (*)(void))sdrbg_uninstantiate},                            \
        {OSSL_FUNC_RAND_GENERATE, (void (*)(void))sdrbg_generate},                                      \
        {OSSL_FUNC_RAND_RESEED, (void (*)(void))sdrbg_reseed},                                          \
        {OSSL_FUNC_RAND_GET_SEED, (void (*)(void))sdrbg_get_seed},                                      \
        {OSSL_FUNC_RAND_CLEAR_SEED, (void (*)(void))rand_clear_seed},                                   \
        {OSSL_FUNC_RAND_VERIFY_ZEROIZATION, (void (*)(void))sdrbg_verify_zeroization},                  \
        {OSSL_FUNC_RAND_ENABLE_LOCKING, (void (*)(void))sdrbg_enable_locking},                          \
        {OSSL_FUNC_RAND_LOCK, (void (*)(void))sdrbg_lock},                                              \
        {OSSL_FUNC_RAND_UNLOCK, (void (*)(void))sdrbg_unlock},                                          \
        {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, (void (*)(void))prefix##_gettable_ctx_params},             \
        {OSSL_FUNC_RAND_GET_CTX_PARAMS, (void (*)(void))sdrbg_get_ctx_params},                          \
        {OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, (void (*)(void))prefix##_settable_ctx_params},             \
        {OSSL_FUNC_RAND_SET_CTX_PARAMS, (void (*)(void))sdrbg_set_ctx_params},                          \
    {                                                                                                   \
        0, NULL                                                                                         \
    }

static const OSSL_DISPATCH hash_drbg_functions[] = {SDRBG_FUNCTIONS(hash_drbg)};
static const OSSL_DISPATCH hmac_drbg_functions[] = {SDRBG_FUNCTIONS(hmac_drbg)};

const OSSL_ALGORITHM fips140_prov_rands[] = {
    {"CTR-DRBG", FIPS140_PROV_PROPS, ctr_drbg_functions,
     "the fips140 module's approved RBG: per-thread CTR_DRBG AES-256 with df (SP 800-90Ar1), own SP 800-90B source"},
    {"HASH-DRBG", FIPS140_PROV_PROPS, hash_drbg_functions,
     "Hash_DRBG (SP 800-90Ar1 10.1.1, SHA-1/SHA-2/SHA-3) instantiated and reseeded by the fips140 module's own source"},
    {"HMAC-DRBG", FIPS140_PROV_PROPS, hmac_drbg_functions,
     "HMAC_DRBG (SP 800-90Ar1 10.1.2, SHA-1/SHA-2/SHA-3) instantiated and reseeded by the fips140 module's own source"},
    {NULL, NULL, NULL, NULL}};
