/* provider/rand_drbg.c - the provider's "HASH-DRBG" and "HMAC-DRBG": per-instance Hash_DRBG / HMAC_DRBG
 * (SP 800-90Ar1 §10.1.1, §10.1.2) over a fips140_drbg_ctx that the module instantiates and reseeds from its own
 * source (fips140_drbg_instantiate_seeded, drbg.h). How OpenSSL's parameters map onto it: the top of
 * provider/rands.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h> /* EVP_RAND_STATE_* (constants only: the provider calls no libcrypto function) */

#include "rand_local.h"

#define SDRBG_MAX_REQUEST 65536u               /* bytes: SP 800-90Ar1 §10.1 Table 2, 2^19 bits per request */
#define SDRBG_MAX_INPUT ((size_t)1 << 32)      /* bytes of personalization / additional input: Table 2, 2^35 bits */
#define SDRBG_MAX_INTERVAL ((uint64_t)1 << 48) /* Table 2 reseed_interval: what reseed_requests = 0 stands for */
#define SDRBG_RESEED_REQUESTS 256u             /* OpenSSL's defaults for a new DRBG instance */
#define SDRBG_RESEED_SECONDS 3600u

typedef struct sdrbg_ctx {
    fips140_prov_rand base;        /* first member: what rands.c's shared functions use */
    fips140_drbg_ctx drbg;         /* 64-byte aligned (the struct is aligned_alloc'ed) */
    fips140_drbg_type type;        /* FIPS140_DRBG_HASH or FIPS140_DRBG_HMAC */
    fips140_hash_alg digest;       /* 0 until "digest" is set */
    unsigned reseed_requests;      /* OpenSSL's reseed_requests; 0 = no limit but SP 800-90A's */
    uint64_t reseed_time_interval; /* seconds; 0 = none */
    time_t reseed_time;            /* wall-clock time of the last (re)seed */
} sdrbg_ctx;

/* digest_name - OpenSSL's canonical name of a digest the DRBGs run (the module's names but for SHA-1's). */
static const char *digest_name(fips140_hash_alg alg)
{
    const char *name = alg == FIPS140_SHA1 ? "SHA1" : fips140_hash_name(alg);
    return name != NULL ? name : "";
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
    fips140_prov_rand_init(&ctx->base, provctx, name);
    ctx->type = type;
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
    fips140_prov_rand_destroy(&ctx->base);
    free(ctx);
}

/* sdrbg_fail - raise st; the module's error state makes the instance unusable too. Returns 0. */
static int sdrbg_fail(sdrbg_ctx *ctx, fips140_status st, const char *what)
{
    if (st == FIPS140_ERR_ERROR_STATE)
        ctx->base.state = EVP_RAND_STATE_ERROR;
    char detail[48];
    snprintf(detail, sizeof detail, "%s %s", ctx->base.name, what);
    return fips140_prov_raise_status(ctx->base.provctx, st, detail);
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
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_PARAM, "%s digest", ctx->base.name);
        return 0;
    }
    fips140_drbg_params dp = {ctx->type, 0, 0, 0};
    if (!fips140_prov_digest_lookup(name, alg)) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_UNSUPPORTED,
                           "%s digest \"%s\": not a digest the fips140 module implements", ctx->base.name, name);
        return 0;
    }
    dp.mechanism = (uint32_t)*alg;
    if (fips140_drbg_security_strength(&dp) == 0) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_UNSUPPORTED,
                           "%s digest \"%s\": the module's DRBGs run SHA-1, SHA-2 and SHA-3 only", ctx->base.name,
                           name);
        return 0;
    }
    if (ctx->base.state == EVP_RAND_STATE_READY && *alg != ctx->digest) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_BAD_STATE,
                           "%s digest \"%s\": cannot change while instantiated", ctx->base.name, name);
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
            FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_PARAM, "%s properties", ctx->base.name);
            return 0;
        }
    }
    if (ctx->type == FIPS140_DRBG_HMAC && (p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_MAC)) != NULL) {
        char mac[32];
        if (!fips140_prov_param_get_utf8_string(p, mac, sizeof mac) || !fips140_prov_name_in_list(mac, "HMAC")) {
            FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_UNSUPPORTED, "HMAC-DRBG mac: only HMAC");
            return 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_RESEED_REQUESTS)) != NULL &&
        !fips140_prov_param_get_uint(p, &requests)) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_PARAM, "%s reseed_requests", ctx->base.name);
        return 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL)) != NULL &&
        !fips140_prov_param_get_uint64(p, &seconds)) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_PARAM, "%s reseed_time_interval", ctx->base.name);
        return 0;
    }
    ctx->digest = digest;
    ctx->reseed_time_interval = seconds;
    if (requests != ctx->reseed_requests) {
        ctx->reseed_requests = requests;
        if (ctx->base.state == EVP_RAND_STATE_READY)
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
    FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_UNSUPPORTED, "%s %s: strength %u > %u bits", ctx->base.name,
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
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "%s", ctx->base.name);
        return 0;
    }
    if (!sdrbg_set_ctx_params(ctx, params))
        return 0;
    if (ctx->digest == 0) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_MISSING_PARAM, "%s: no digest set", ctx->base.name);
        return 0;
    }
    if (!sdrbg_check_strength(ctx, strength))
        return 0;
    /* SP 800-90Ar1 §9.1 with entropy input and nonce from the module; the personalization string is mixed in. */
    const fips140_drbg_params dp = sdrbg_params(ctx);
    ctx->base.state = EVP_RAND_STATE_UNINITIALISED;
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
    ctx->base.state = EVP_RAND_STATE_READY;
    return 1;
}

static int sdrbg_uninstantiate(void *vctx)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    fips140_drbg_uninstantiate(&ctx->drbg); /* SP 800-90Ar1 §9.4 */
    ctx->base.state = EVP_RAND_STATE_UNINITIALISED;
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
static int sdrbg_draw(void *vctx, unsigned char *out, size_t outlen, int prediction_resistance,
                      const unsigned char *addin, size_t addin_len)
{
    sdrbg_ctx *ctx = vctx;
    if (prediction_resistance || sdrbg_time_due(ctx)) {
        if (!sdrbg_reseed_now(ctx, addin, addin_len))
            return 0;
        addin = NULL;
        addin_len = 0;
    }
    fips140_status st = fips140_drbg_generate(&ctx->drbg, out, outlen, addin_len ? addin : NULL, addin_len, NULL, 0);
    return st == FIPS140_OK ? 1 : sdrbg_fail(ctx, st, "generate");
}

static int sdrbg_generate(void *vctx, unsigned char *out, size_t outlen, unsigned int strength,
                          int prediction_resistance, const unsigned char *addin, size_t addin_len)
{
    sdrbg_ctx *ctx = vctx;
    if (ctx == NULL || !fips140_prov_rand_ready(&ctx->base, "generate") || !sdrbg_check_strength(ctx, strength))
        return 0;
    if (outlen > SDRBG_MAX_REQUEST) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: %zu bytes > max_request %u",
                           ctx->base.name, outlen, SDRBG_MAX_REQUEST);
        return 0;
    }
    if (out == NULL && outlen != 0) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_NULL, "%s: no output buffer", ctx->base.name);
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
    if (ctx == NULL || !fips140_prov_rand_ready(&ctx->base, "reseed"))
        return 0;
    if (ent == NULL)
        ent_len = 0;
    if (addin == NULL)
        addin_len = 0;
    if (ent_len > SDRBG_MAX_INPUT || addin_len > SDRBG_MAX_INPUT - ent_len) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "%s reseed: input too long",
                           ctx->base.name);
        return 0;
    }
    if (ent_len == 0 || addin_len == 0)
        return sdrbg_reseed_now(ctx, ent_len ? ent : addin, ent_len ? ent_len : addin_len);
    unsigned char *both = malloc(ent_len + addin_len);
    if (both == NULL) {
        FIPS140_PROV_RAISE(ctx->base.provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return 0;
    }
    memcpy(both, ent, ent_len);
    memcpy(both + ent_len, addin, addin_len);
    int ok = sdrbg_reseed_now(ctx, both, ent_len + addin_len);
    fips140_wipe(both, ent_len + addin_len);
    free(both);
    return ok;
}

static size_t sdrbg_get_seed(void *vctx, unsigned char **buffer, int entropy, size_t min_len, size_t max_len,
                             int prediction_resistance, const unsigned char *adin, size_t adin_len)
{
    sdrbg_ctx *ctx = vctx;
    return fips140_prov_rand_get_seed(vctx, buffer, entropy, min_len, max_len, ctx == NULL ? 0 : sdrbg_strength(ctx),
                                      SDRBG_MAX_REQUEST, sdrbg_draw, prediction_resistance, adin, adin_len);
}

/* sdrbg_verify_zeroization - uninstantiated and every byte of the DRBG state is zero (§9.4). */
static int sdrbg_verify_zeroization(void *vctx)
{
    const sdrbg_ctx *ctx = vctx;
    if (ctx == NULL || ctx->base.state != EVP_RAND_STATE_UNINITIALISED)
        return 0;
    unsigned char acc = 0;
    for (size_t i = 0; i < sizeof ctx->drbg.opaque; i++)
        acc |= ctx->drbg.opaque[i];
    return acc == 0;
}

static int sdrbg_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    sdrbg_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_rand_get_common(&ctx->base, params, sdrbg_strength(ctx), SDRBG_MAX_REQUEST))
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

#define SDRBG_FUNCTIONS(prefix)                                                         \
    {OSSL_FUNC_RAND_NEWCTX, (void (*)(void))prefix##_newctx},                           \
    {OSSL_FUNC_RAND_FREECTX, (void (*)(void))sdrbg_freectx},                            \
    {OSSL_FUNC_RAND_INSTANTIATE, (void (*)(void))sdrbg_instantiate},                    \
    {OSSL_FUNC_RAND_UNINSTANTIATE, (void (*)(void))sdrbg_uninstantiate},                \
    {OSSL_FUNC_RAND_GENERATE, (void (*)(void))sdrbg_generate},                          \
    {OSSL_FUNC_RAND_RESEED, (void (*)(void))sdrbg_reseed},                              \
    {OSSL_FUNC_RAND_GET_SEED, (void (*)(void))sdrbg_get_seed},                          \
    {OSSL_FUNC_RAND_CLEAR_SEED, (void (*)(void))fips140_prov_rand_clear_seed},          \
    {OSSL_FUNC_RAND_VERIFY_ZEROIZATION, (void (*)(void))sdrbg_verify_zeroization},      \
    {OSSL_FUNC_RAND_ENABLE_LOCKING, (void (*)(void))fips140_prov_rand_enable_locking},  \
    {OSSL_FUNC_RAND_LOCK, (void (*)(void))fips140_prov_rand_lock},                      \
    {OSSL_FUNC_RAND_UNLOCK, (void (*)(void))fips140_prov_rand_unlock},                  \
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, (void (*)(void))prefix##_gettable_ctx_params}, \
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, (void (*)(void))sdrbg_get_ctx_params},              \
    {OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, (void (*)(void))prefix##_settable_ctx_params}, \
    {OSSL_FUNC_RAND_SET_CTX_PARAMS, (void (*)(void))sdrbg_set_ctx_params},              \
    {0, NULL}

const OSSL_DISPATCH fips140_prov_hash_drbg_functions[] = {SDRBG_FUNCTIONS(hash_drbg)};
const OSSL_DISPATCH fips140_prov_hmac_drbg_functions[] = {SDRBG_FUNCTIONS(hmac_drbg)};

