/* provider/digests.c - the provider's digests: SHA-1, SHA-2 (FIPS 180-4), SHA-3 and SHAKE (FIPS 202), each a thin
 * front for the module's generic hash interface (<fips140/hash.h>).
 *
 * Names and parameters follow OpenSSL 3 (man 7 provider-digest, EVP_MD-SHA2, EVP_MD-SHAKE): every digest answers
 * get_params with "blocksize", "size", "xof" and "algid-absent" (OpenSSL leaves the AlgorithmIdentifier parameters
 * of all of these absent); SHAKE-128/256 take the settable context parameter "xoflen" and default to 16 / 32 bytes
 * of output, as OpenSSL's do. The same name lists are used to resolve the "digest" parameters of HMAC
 * (provider/macs.c) through fips140_prov_digest_lookup(). */
#include <stdlib.h>
#include <string.h>

#include "prov.h"

/* OpenSSL's canonical name, its aliases and the OID, exactly as OpenSSL 3 registers them. */
#define NAMES_SHA1 "SHA1:SHA-1:SSL3-SHA1:1.3.14.3.2.26"
#define NAMES_SHA224 "SHA2-224:SHA-224:SHA224:2.16.840.1.101.3.4.2.4"
#define NAMES_SHA256 "SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1"
#define NAMES_SHA384 "SHA2-384:SHA-384:SHA384:2.16.840.1.101.3.4.2.2"
#define NAMES_SHA512 "SHA2-512:SHA-512:SHA512:2.16.840.1.101.3.4.2.3"
#define NAMES_SHA512_224 "SHA2-512/224:SHA-512/224:SHA512-224:2.16.840.1.101.3.4.2.5"
#define NAMES_SHA512_256 "SHA2-512/256:SHA-512/256:SHA512-256:2.16.840.1.101.3.4.2.6"
#define NAMES_SHA3_224 "SHA3-224:2.16.840.1.101.3.4.2.7"
#define NAMES_SHA3_256 "SHA3-256:2.16.840.1.101.3.4.2.8"
#define NAMES_SHA3_384 "SHA3-384:2.16.840.1.101.3.4.2.9"
#define NAMES_SHA3_512 "SHA3-512:2.16.840.1.101.3.4.2.10"
#define NAMES_SHAKE128 "SHAKE-128:SHAKE128:2.16.840.1.101.3.4.2.11"
#define NAMES_SHAKE256 "SHAKE-256:SHAKE256:2.16.840.1.101.3.4.2.12"

static const struct {
    fips140_hash_alg alg;
    const char *names;
} digest_names[] = {
    {FIPS140_SHA1, NAMES_SHA1},
    {FIPS140_SHA224, NAMES_SHA224},
    {FIPS140_SHA256, NAMES_SHA256},
    {FIPS140_SHA384, NAMES_SHA384},
    {FIPS140_SHA512, NAMES_SHA512},
    {FIPS140_SHA512_224, NAMES_SHA512_224},
    {FIPS140_SHA512_256, NAMES_SHA512_256},
    {FIPS140_SHA3_224, NAMES_SHA3_224},
    {FIPS140_SHA3_256, NAMES_SHA3_256},
    {FIPS140_SHA3_384, NAMES_SHA3_384},
    {FIPS140_SHA3_512, NAMES_SHA3_512},
    {FIPS140_SHAKE128, NAMES_SHAKE128},
    {FIPS140_SHAKE256, NAMES_SHAKE256},
};

/* ascii_lower - ASCII-only case folding (OpenSSL's algorithm names compare case-insensitively). */
static int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int fips140_prov_name_in_list(const char *name, const char *list)
{
    if (name == NULL || list == NULL)
        return 0;
    size_t n = strlen(name);
    if (n == 0)
        return 0;
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == n) {
            size_t i = 0;
            while (i < n && ascii_lower((unsigned char)p[i]) == ascii_lower((unsigned char)name[i]))
                i++;
            if (i == n)
                return 1;
        }
        if (end == NULL)
            return 0;
        p = end + 1;
    }
}

int fips140_prov_digest_lookup(const char *name, fips140_hash_alg *alg)
{
    for (size_t i = 0; i < sizeof digest_names / sizeof digest_names[0]; i++) {
        if (fips140_prov_name_in_list(name, digest_names[i].names)) {
            if (alg != NULL)
                *alg = digest_names[i].alg;
            return 1;
        }
    }
    return 0;
}

/* ---- the digest context */

/* Phases of a context: fresh (needs init), absorbing, finished (needs init again). */
enum { DG_FRESH = 0, DG_ABSORBING = 1, DG_FINISHED = 2 };

typedef struct digest_ctx {
    void *provctx;
    fips140_hash_alg alg;
    int phase;
    size_t xoflen; /* SHAKE: output length of final; fixed hashes: the digest size */
    fips140_hash_ctx h;
} digest_ctx;

static void *digest_newctx(void *provctx, fips140_hash_alg alg)
{
    digest_ctx *ctx = fips140_prov_new_ctx(provctx, sizeof *ctx, fips140_hash_name(alg));
    if (ctx == NULL)
        return NULL;
    ctx->provctx = provctx;
    ctx->alg = alg;
    ctx->xoflen = fips140_hash_digest_size(alg);
    return ctx;
}

static void digest_freectx(void *vctx)
{
    digest_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    fips140_wipe(ctx, sizeof *ctx);
    free(ctx);
}

static void *digest_dupctx(void *vctx)
{
    const digest_ctx *src = vctx;
    if (src == NULL)
        return NULL;
    digest_ctx *ctx = malloc(sizeof *ctx);
    if (ctx == NULL) {
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    /* The module's hash states are plain data (no pointers): a copy is an independent state. */
    memcpy(ctx, src, sizeof *ctx);
    return ctx;
}

static int digest_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    digest_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (params == NULL)
        return 1;
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_DIGEST_PARAM_XOFLEN);
    if (p != NULL) {
        size_t len;
        if (!fips140_hash_is_xof(ctx->alg)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "xoflen: %s is not an XOF",
                               fips140_hash_name(ctx->alg));
            return 0;
        }
        if (!fips140_prov_param_get_size_t(p, &len)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "xoflen");
            return 0;
        }
        ctx->xoflen = len;
    }
    return 1;
}

static int digest_init(void *vctx, const OSSL_PARAM params[])
{
    digest_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "%s", fips140_hash_name(ctx->alg));
        return 0;
    }
    ctx->phase = DG_FRESH;
    ctx->xoflen = fips140_hash_digest_size(ctx->alg);
    fips140_status st = fips140_hash_init(&ctx->h, ctx->alg);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, fips140_hash_name(ctx->alg));
    ctx->phase = DG_ABSORBING;
    return digest_set_ctx_params(ctx, params);
}

static int digest_update(void *vctx, const unsigned char *in, size_t inl)
{
    digest_ctx *ctx = vctx;
    if (ctx == NULL)
        return 0;
    if (ctx->phase != DG_ABSORBING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "%s: update without init",
                           fips140_hash_name(ctx->alg));
        return 0;
    }
    if (inl == 0)
        return 1;
    fips140_status st = fips140_hash_update(&ctx->h, in, inl);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, fips140_hash_name(ctx->alg));
    return 1;
}

static int digest_final(void *vctx, unsigned char *out, size_t *outl, size_t outsz)
{
    digest_ctx *ctx = vctx;
    if (ctx == NULL || outl == NULL)
        return 0;
    if (ctx->phase != DG_ABSORBING) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_BAD_STATE, "%s: final without init",
                           fips140_hash_name(ctx->alg));
        return 0;
    }
    size_t n = ctx->xoflen;
    if (outsz < n || (out == NULL && n != 0)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: %zu bytes needed, %zu given",
                           fips140_hash_name(ctx->alg), n, outsz);
        return 0;
    }
    fips140_status st = fips140_hash_final(&ctx->h, out, n);
    ctx->phase = DG_FINISHED;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(ctx->provctx, st, fips140_hash_name(ctx->alg));
    *outl = n;
    return 1;
}

static int digest_oneshot(void *provctx, fips140_hash_alg alg, const unsigned char *in, size_t inl,
                          unsigned char *out, size_t *outl, size_t outsz)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "%s", fips140_hash_name(alg));
        return 0;
    }
    size_t n = fips140_hash_digest_size(alg);
    if (outl == NULL || out == NULL || outsz < n) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: %zu bytes needed, %zu given",
                           fips140_hash_name(alg), n, outsz);
        return 0;
    }
    fips140_status st = fips140_hash(alg, out, n, in, inl);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(provctx, st, fips140_hash_name(alg));
    *outl = n;
    return 1;
}

static int digest_get_params(fips140_hash_alg alg, OSSL_PARAM params[])
{
    OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate(params, OSSL_DIGEST_PARAM_BLOCK_SIZE)) != NULL &&
        !fips140_prov_param_set_size_t(p, fips140_hash_block_size(alg)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DIGEST_PARAM_SIZE)) != NULL &&
        !fips140_prov_param_set_size_t(p, fips140_hash_digest_size(alg)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_DIGEST_PARAM_XOF)) != NULL &&
        !fips140_prov_param_set_int(p, fips140_hash_is_xof(alg)))
        return 0;
    /* OpenSSL omits the parameters of the AlgorithmIdentifier of every SHA-1/SHA-2/SHA-3/SHAKE digest. */
    if ((p = fips140_prov_param_locate(params, OSSL_DIGEST_PARAM_ALGID_ABSENT)) != NULL &&
        !fips140_prov_param_set_int(p, 1))
        return 0;
    return 1;
}

static const OSSL_PARAM digest_gettable[] = {
    OSSL_PARAM_size_t(OSSL_DIGEST_PARAM_BLOCK_SIZE, NULL),
    OSSL_PARAM_size_t(OSSL_DIGEST_PARAM_SIZE, NULL),
    OSSL_PARAM_int(OSSL_DIGEST_PARAM_XOF, NULL),
    OSSL_PARAM_int(OSSL_DIGEST_PARAM_ALGID_ABSENT, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *digest_gettable_params(void *provctx)
{
    (void)provctx;
    return digest_gettable;
}

static const OSSL_PARAM xof_settable[] = {
    OSSL_PARAM_size_t(OSSL_DIGEST_PARAM_XOFLEN, NULL),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *xof_settable_ctx_params(void *ctx, void *provctx)
{
    (void)ctx;
    (void)provctx;
    return xof_settable;
}

/* DIGEST_FUNCS - the per-algorithm entry points (newctx, one-shot, get_params) and the dispatch table. */
#define DIGEST_COMMON_ENTRIES(fn)                                                                   \
    {OSSL_FUNC_DIGEST_NEWCTX, (void (*)(void))fn##_newctx},                                         \
    {OSSL_FUNC_DIGEST_INIT, (void (*)(void))digest_init},                                           \
    {OSSL_FUNC_DIGEST_UPDATE, (void (*)(void))digest_update},                                       \
    {OSSL_FUNC_DIGEST_FINAL, (void (*)(void))digest_final},                                         \
    {OSSL_FUNC_DIGEST_DIGEST, (void (*)(void))fn##_digest},                                         \
    {OSSL_FUNC_DIGEST_FREECTX, (void (*)(void))digest_freectx},                                     \
    {OSSL_FUNC_DIGEST_DUPCTX, (void (*)(void))digest_dupctx},                                       \
    {OSSL_FUNC_DIGEST_GET_PARAMS, (void (*)(void))fn##_get_params},                                 \
    {OSSL_FUNC_DIGEST_GETTABLE_PARAMS, (void (*)(void))digest_gettable_params}

#define DIGEST_FUNCS(fn, ALG)                                                                       \
    static void *fn##_newctx(void *provctx) { return digest_newctx(provctx, ALG); }               \
    static int fn##_digest(void *provctx, const unsigned char *in, size_t inl, unsigned char *out, \
                           size_t *outl, size_t outsz)                                              \
    {                                                                                               \
        return digest_oneshot(provctx, ALG, in, inl, out, outl, outsz);                             \
    }                                                                                               \
    static int fn##_get_params(OSSL_PARAM params[]) { return digest_get_params(ALG, params); }

#define DIGEST_TABLE(fn)                                                                            \
    static const OSSL_DISPATCH fn##_functions[] = {DIGEST_COMMON_ENTRIES(fn), {0, NULL}}

#define XOF_TABLE(fn)                                                                               \
    static const OSSL_DISPATCH fn##_functions[] = {                                                 \
        DIGEST_COMMON_ENTRIES(fn),                                                                  \
        {OSSL_FUNC_DIGEST_SET_CTX_PARAMS, (void (*)(void))digest_set_ctx_params},                   \
        {OSSL_FUNC_DIGEST_SETTABLE_CTX_PARAMS, (void (*)(void))xof_settable_ctx_params},            \
        {0, NULL}}

DIGEST_FUNCS(sha1, FIPS140_SHA1)
DIGEST_FUNCS(sha224, FIPS140_SHA224)
DIGEST_FUNCS(sha256, FIPS140_SHA256)
DIGEST_FUNCS(sha384, FIPS140_SHA384)
DIGEST_FUNCS(sha512, FIPS140_SHA512)
DIGEST_FUNCS(sha512_224, FIPS140_SHA512_224)
DIGEST_FUNCS(sha512_256, FIPS140_SHA512_256)
DIGEST_FUNCS(sha3_224, FIPS140_SHA3_224)
DIGEST_FUNCS(sha3_256, FIPS140_SHA3_256)
DIGEST_FUNCS(sha3_384, FIPS140_SHA3_384)
DIGEST_FUNCS(sha3_512, FIPS140_SHA3_512)
DIGEST_FUNCS(shake128, FIPS140_SHAKE128)
DIGEST_FUNCS(shake256, FIPS140_SHAKE256)

DIGEST_TABLE(sha1);
DIGEST_TABLE(sha224);
DIGEST_TABLE(sha256);
DIGEST_TABLE(sha384);
DIGEST_TABLE(sha512);
DIGEST_TABLE(sha512_224);
DIGEST_TABLE(sha512_256);
DIGEST_TABLE(sha3_224);
DIGEST_TABLE(sha3_256);
DIGEST_TABLE(sha3_384);
DIGEST_TABLE(sha3_512);
XOF_TABLE(shake128);
XOF_TABLE(shake256);

const OSSL_ALGORITHM fips140_prov_digests[] = {
    {NAMES_SHA1, FIPS140_PROV_PROPS, sha1_functions, "SHA-1 (FIPS 180-4), fips140 module"},
    {NAMES_SHA224, FIPS140_PROV_PROPS, sha224_functions, "SHA2-224 (FIPS 180-4), fips140 module"},
    {NAMES_SHA256, FIPS140_PROV_PROPS, sha256_functions, "SHA2-256 (FIPS 180-4), fips140 module"},
    {NAMES_SHA384, FIPS140_PROV_PROPS, sha384_functions, "SHA2-384 (FIPS 180-4), fips140 module"},
    {NAMES_SHA512, FIPS140_PROV_PROPS, sha512_functions, "SHA2-512 (FIPS 180-4), fips140 module"},
    {NAMES_SHA512_224, FIPS140_PROV_PROPS, sha512_224_functions, "SHA2-512/224 (FIPS 180-4), fips140 module"},
    {NAMES_SHA512_256, FIPS140_PROV_PROPS, sha512_256_functions, "SHA2-512/256 (FIPS 180-4), fips140 module"},
    {NAMES_SHA3_224, FIPS140_PROV_PROPS, sha3_224_functions, "SHA3-224 (FIPS 202), fips140 module"},
    {NAMES_SHA3_256, FIPS140_PROV_PROPS, sha3_256_functions, "SHA3-256 (FIPS 202), fips140 module"},
    {NAMES_SHA3_384, FIPS140_PROV_PROPS, sha3_384_functions, "SHA3-384 (FIPS 202), fips140 module"},
    {NAMES_SHA3_512, FIPS140_PROV_PROPS, sha3_512_functions, "SHA3-512 (FIPS 202), fips140 module"},
    {NAMES_SHAKE128, FIPS140_PROV_PROPS, shake128_functions, "SHAKE-128 (FIPS 202), fips140 module"},
    {NAMES_SHAKE256, FIPS140_PROV_PROPS, shake256_functions, "SHAKE-256 (FIPS 202), fips140 module"},
    {NULL, NULL, NULL, NULL}};
