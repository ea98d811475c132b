/* tests/unit/test_drbg.c - the SP 800-90A Rev. 1 DRBGs (include/fips140/drbg.h, module/drbg/drbg_internal.h):
 * argument and length errors, state errors (generate before instantiate, after uninstantiate), the request limit,
 * "reseed required" after the reseed interval (lowered with the internal fips140_drbg_set_reseed_interval hook,
 * since 2^48 requests are out of reach), prediction resistance, determinism, the indicator and FIPS140=only, and
 * the module-seeded service (fips140_drbg_instantiate_seeded: every mechanism, approved indicator, distinct
 * outputs, refused mixing and bad arguments with nothing written, prediction resistance and interval reseeds, a
 * forked child), and every mechanism against OpenSSL's EVP_RAND (CTR-DRBG, HASH-DRBG, HMAC-DRBG over a
 * TEST-RAND parent that hands
 * out our entropy and nonce) over random input lengths and output lengths including partial blocks, which the
 * ACVP sets (whole blocks only) do not reach. */
#include "test_util.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "drbg/drbg_internal.h"

/* ---- configurations: ours and OpenSSL's names. */
typedef struct cfg {
    fips140_drbg_type type;
    uint32_t mech;
    int df;
    const char *ossl_rand;  /* EVP_RAND name */
    const char *ossl_alg;   /* cipher or digest */
    unsigned strength;
    size_t seedlen;         /* CTR no-df entropy length */
} cfg;

static const cfg cfgs[] = {
    {FIPS140_DRBG_CTR, 128, 0, "CTR-DRBG", "AES-128-CTR", 128, 32},
    {FIPS140_DRBG_CTR, 192, 0, "CTR-DRBG", "AES-192-CTR", 192, 40},
    {FIPS140_DRBG_CTR, 256, 0, "CTR-DRBG", "AES-256-CTR", 256, 48},
    {FIPS140_DRBG_CTR, 128, 1, "CTR-DRBG", "AES-128-CTR", 128, 0},
    {FIPS140_DRBG_CTR, 192, 1, "CTR-DRBG", "AES-192-CTR", 192, 0},
    {FIPS140_DRBG_CTR, 256, 1, "CTR-DRBG", "AES-256-CTR", 256, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA1, 0, "HASH-DRBG", "SHA1", 128, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA224, 0, "HASH-DRBG", "SHA224", 192, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA256, 0, "HASH-DRBG", "SHA256", 256, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA384, 0, "HASH-DRBG", "SHA384", 256, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA512, 0, "HASH-DRBG", "SHA512", 256, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA512_224, 0, "HASH-DRBG", "SHA512-224", 192, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA512_256, 0, "HASH-DRBG", "SHA512-256", 256, 0},
    {FIPS140_DRBG_HASH, FIPS140_SHA3_256, 0, "HASH-DRBG", "SHA3-256", 256, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA1, 0, "HMAC-DRBG", "SHA1", 128, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA224, 0, "HMAC-DRBG", "SHA224", 192, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, "HMAC-DRBG", "SHA256", 256, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA384, 0, "HMAC-DRBG", "SHA384", 256, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA512, 0, "HMAC-DRBG", "SHA512", 256, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA512_256, 0, "HMAC-DRBG", "SHA512-256", 256, 0},
    {FIPS140_DRBG_HMAC, FIPS140_SHA3_512, 0, "HMAC-DRBG", "SHA3-512", 256, 0},
};
#define NCFGS (sizeof cfgs / sizeof cfgs[0])

static uint8_t ent[512], nonce[64], pers[512], add[512];

/* ---- OpenSSL side. */
typedef struct ossl_drbg {
    EVP_RAND_CTX *parent, *drbg;
} ossl_drbg;

/* ossl_feed - hand entropy (and a nonce) to the TEST-RAND parent for the next pull. */
static int ossl_feed(ossl_drbg *o, const uint8_t *e, size_t elen, const uint8_t *n, size_t nlen)
{
    OSSL_PARAM p[3], *q = p;
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, (void *)e, elen);
    if (n != NULL)
        *q++ = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_NONCE, (void *)n, nlen);
    *q = OSSL_PARAM_construct_end();
    return EVP_RAND_CTX_set_params(o->parent, p);
}

static int ossl_new(ossl_drbg *o, const cfg *c, int pr, const uint8_t *e, size_t elen, const uint8_t *n,
                    size_t nlen, const uint8_t *ps, size_t plen)
{
    unsigned strength = 1024;
    int use_df = c->df;
    OSSL_PARAM p[4], *q = p;
    EVP_RAND *trand = EVP_RAND_fetch(NULL, "TEST-RAND", NULL), *r = EVP_RAND_fetch(NULL, c->ossl_rand, NULL);
    memset(o, 0, sizeof *o);
    if (trand == NULL || r == NULL)
        goto fail;
    o->parent = EVP_RAND_CTX_new(trand, NULL);
    o->drbg = EVP_RAND_CTX_new(r, o->parent);
    if (o->parent == NULL || o->drbg == NULL)
        goto fail;
    *q++ = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength);
    *q = OSSL_PARAM_construct_end();
    if (!EVP_RAND_CTX_set_params(o->parent, p) || !EVP_RAND_instantiate(o->parent, strength, 0, NULL, 0, NULL))
        goto fail;
    q = p;
    if (c->type == FIPS140_DRBG_CTR) {
        *q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_CIPHER, (char *)c->ossl_alg, 0);
        *q++ = OSSL_PARAM_construct_int(OSSL_DRBG_PARAM_USE_DF, &use_df);
    } else {
        if (c->type == FIPS140_DRBG_HMAC)
            *q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, (char *)"HMAC", 0);
        *q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, (char *)c->ossl_alg, 0);
    }
    *q = OSSL_PARAM_construct_end();
    if (!EVP_RAND_CTX_set_params(o->drbg, p) || !ossl_feed(o, e, elen, n, nlen) ||
        !EVP_RAND_instantiate(o->drbg, c->strength, pr, ps, plen, NULL))
        goto fail;
    EVP_RAND_free(trand);
    EVP_RAND_free(r);
    return 1;
fail:
    EVP_RAND_free(trand);
    EVP_RAND_free(r);
    EVP_RAND_CTX_free(o->drbg);
    EVP_RAND_CTX_free(o->parent);
    memset(o, 0, sizeof *o);
    return 0;
}

static void ossl_free(ossl_drbg *o)
{
    EVP_RAND_CTX_free(o->drbg);
    EVP_RAND_CTX_free(o->parent);
}

/* ---- helpers. */
static fips140_drbg_params params_of(const cfg *c, int pr)
{
    fips140_drbg_params p = {c->type, c->mech, c->df, pr};
    return p;
}

/* entropy_len - a valid entropy length for c, random when the mechanism allows a range. */
static size_t entropy_len(const cfg *c, tu_rng *r)
{
    return c->seedlen ? c->seedlen : c->strength / 8 + tu_below(r, 40);
}

/* test_vs_openssl - random sequences of reseeds and generates, compared output by output. */
static void test_vs_openssl(void)
{
    static const size_t lens[] = {1, 15, 16, 17, 20, 31, 32, 33, 55, 64, 100, 111, 255, 256, 1000, 4096, 4103};
    static uint8_t a[65536], b[65536];
    tu_rng r = {0x44524247};
    for (size_t ci = 0; ci < NCFGS; ci++) {
        const cfg *c = &cfgs[ci];
        for (int pr = 0; pr <= 1; pr++) {
            for (int round = 0; round < 3; round++) {
                size_t elen = entropy_len(c, &r), nlen = c->seedlen ? 0 : c->strength / 16 + tu_below(&r, 16);
                size_t plen = c->seedlen ? tu_below(&r, c->seedlen + 1) : tu_below(&r, 200);
                tu_fill(&r, ent, elen);
                tu_fill(&r, nonce, nlen);
                tu_fill(&r, pers, plen);
                fips140_drbg_params p = params_of(c, pr);
                fips140_drbg_ctx ctx;
                ossl_drbg o;
                if (!ossl_new(&o, c, pr, ent, elen, nlen ? nonce : NULL, nlen, pers, plen)) {
                    CHECK(0, "OpenSSL %s %s df %d: cannot instantiate", c->ossl_rand, c->ossl_alg, c->df);
                    continue;
                }
                CHECK_OK(fips140_drbg_instantiate(&ctx, &p, ent, elen, nonce, nlen, pers, plen), "%s %s instantiate",
                         c->ossl_rand, c->ossl_alg);
                for (int step = 0; step < 12; step++) {
                    size_t alen = c->seedlen ? tu_below(&r, c->seedlen + 1) : tu_below(&r, 300);
                    if (tu_below(&r, 3) == 0)
                        alen = 0;
                    tu_fill(&r, add, alen);
                    if (!pr && tu_below(&r, 4) == 0) {
                        size_t rl = entropy_len(c, &r);
                        tu_fill(&r, ent, rl);
                        CHECK_OK(fips140_drbg_reseed(&ctx, ent, rl, add, alen), "%s %s reseed", c->ossl_rand,
                                 c->ossl_alg);
                        CHECK(ossl_feed(&o, ent, rl, NULL, 0) && EVP_RAND_reseed(o.drbg, 0, NULL, 0, add, alen),
                              "OpenSSL reseed");
                        continue;
                    }
                    size_t n = step == 11 && round == 0 ? 65536 : lens[tu_below(&r, sizeof lens / sizeof lens[0])];
                    size_t pl = pr ? entropy_len(c, &r) : 0;
                    tu_fill(&r, ent, pl);
                    CHECK_OK(fips140_drbg_generate(&ctx, a, n, add, alen, pr ? ent : NULL, pl), "%s %s generate %zu",
                             c->ossl_rand, c->ossl_alg, n);
                    if (pr)
                        ossl_feed(&o, ent, pl, NULL, 0);
                    memset(b, 0, n);
                    int ok = EVP_RAND_generate(o.drbg, b, n, c->strength, pr, add, alen);
                    CHECK(ok, "OpenSSL generate");
                    CHECK_MEM(a, b, n, "%s %s df %d pr %d round %d step %d: %zu bytes, add %zu", c->ossl_rand,
                              c->ossl_alg, c->df, pr, round, step, n, alen);
                }
                fips140_drbg_uninstantiate(&ctx);
                ossl_free(&o);
            }
        }
    }
}

/* test_errors - argument, length and state errors. */
static void test_errors(void)
{
    fips140_drbg_ctx ctx;
    uint8_t out[32];
    const fips140_drbg_params ctr = {FIPS140_DRBG_CTR, 256, 0, 0}, ctrdf = {FIPS140_DRBG_CTR, 256, 1, 0};
    const fips140_drbg_params hmac = {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, 0};
    fips140_drbg_params bad;

    memset(&ctx, 0, sizeof ctx);
    /* Before instantiate, and on a zeroed context: state errors. */
    CHECK_ST(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0), FIPS140_ERR_STATE, "generate first");
    CHECK_ST(fips140_drbg_reseed(&ctx, ent, 48, NULL, 0), FIPS140_ERR_STATE, "reseed first");
    CHECK(fips140_drbg_reseed_counter(&ctx) == 0, "counter of an empty ctx");
    /* NULL pointers. */
    CHECK_ST(fips140_drbg_instantiate(NULL, &ctr, ent, 48, NULL, 0, NULL, 0), FIPS140_ERR_NULL, "NULL ctx");
    CHECK_ST(fips140_drbg_instantiate(&ctx, NULL, ent, 48, NULL, 0, NULL, 0), FIPS140_ERR_NULL, "NULL params");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctr, NULL, 48, NULL, 0, NULL, 0), FIPS140_ERR_NULL, "NULL entropy");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctr, ent, 48, NULL, 0, NULL, 5), FIPS140_ERR_NULL, "NULL pers");
    CHECK_ST(fips140_drbg_generate(NULL, out, 1, NULL, 0, NULL, 0), FIPS140_ERR_NULL, "generate NULL ctx");
    /* Unknown type / mechanism / flags. */
    bad = ctr; bad.type = (fips140_drbg_type)7;
    CHECK_ST(fips140_drbg_instantiate(&ctx, &bad, ent, 48, NULL, 0, NULL, 0), FIPS140_ERR_ARG, "type 7");
    bad = ctr; bad.mechanism = 512;
    CHECK_ST(fips140_drbg_instantiate(&ctx, &bad, ent, 48, NULL, 0, NULL, 0), FIPS140_ERR_ARG, "AES-512");
    bad = hmac; bad.mechanism = FIPS140_SHAKE128;
    CHECK_ST(fips140_drbg_instantiate(&ctx, &bad, ent, 32, nonce, 16, NULL, 0), FIPS140_ERR_ARG, "HMAC SHAKE");
    bad = hmac; bad.mechanism = 0;
    CHECK_ST(fips140_drbg_instantiate(&ctx, &bad, ent, 32, nonce, 16, NULL, 0), FIPS140_ERR_ARG, "HMAC alg 0");
    bad = hmac; bad.derivation_function = 1;
    CHECK_ST(fips140_drbg_instantiate(&ctx, &bad, ent, 32, nonce, 16, NULL, 0), FIPS140_ERR_ARG, "HMAC with df");
    bad = ctr; bad.prediction_resistance = 2;
    CHECK_ST(fips140_drbg_instantiate(&ctx, &bad, ent, 48, NULL, 0, NULL, 0), FIPS140_ERR_ARG, "pr 2");
    CHECK(fips140_drbg_security_strength(&bad) == 0 && fips140_drbg_security_strength(NULL) == 0, "strength 0");
    CHECK(fips140_drbg_security_strength(&ctr) == 256 && fips140_drbg_security_strength(&hmac) == 256, "strength");
    bad = hmac; bad.mechanism = FIPS140_SHA1;
    CHECK(fips140_drbg_security_strength(&bad) == 128, "SHA-1 strength");
    bad.mechanism = FIPS140_SHA512_224;
    CHECK(fips140_drbg_security_strength(&bad) == 192, "SHA-512/224 strength");
    /* Lengths (Table 2 / Table 3). */
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctr, ent, 47, NULL, 0, NULL, 0), FIPS140_ERR_DATA_LENGTH, "no df 47");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctr, ent, 49, NULL, 0, NULL, 0), FIPS140_ERR_DATA_LENGTH, "no df 49");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctr, ent, 48, nonce, 16, NULL, 0), FIPS140_ERR_DATA_LENGTH, "no df nonce");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctr, ent, 48, NULL, 0, pers, 49), FIPS140_ERR_DATA_LENGTH, "pers 49");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctrdf, ent, 31, nonce, 16, NULL, 0), FIPS140_ERR_DATA_LENGTH, "df 31");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &ctrdf, ent, 32, nonce, 15, NULL, 0), FIPS140_ERR_DATA_LENGTH, "df n 15");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &hmac, ent, 31, nonce, 32, NULL, 0), FIPS140_ERR_DATA_LENGTH, "hmac 31");
    CHECK_ST(fips140_drbg_instantiate(&ctx, &hmac, ent, 40, nonce, 7, NULL, 0), FIPS140_ERR_DATA_LENGTH, "hmac 40+7");
    CHECK_OK(fips140_drbg_instantiate(&ctx, &hmac, ent, 48, NULL, 0, NULL, 0), "hmac 3/2 strength, no nonce");
    CHECK_OK(fips140_drbg_instantiate(&ctx, &ctrdf, ent, 32, nonce, 16, pers, 300), "ctr df 32+16");
    CHECK_ST(fips140_drbg_reseed(&ctx, ent, 31, NULL, 0), FIPS140_ERR_DATA_LENGTH, "reseed 31");
    CHECK_OK(fips140_drbg_reseed(&ctx, ent, 32, add, 300), "reseed 32");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 1, NULL, 0, ent, 32), FIPS140_ERR_ARG, "pr entropy without pr");
    /* The request limit: 2^19 bits. */
    static uint8_t big[65537];
    CHECK_ST(fips140_drbg_generate(&ctx, big, 65537, NULL, 0, NULL, 0), FIPS140_ERR_OUTPUT_LENGTH, "65537 bytes");
    CHECK_OK(fips140_drbg_generate(&ctx, big, 65536, NULL, 0, NULL, 0), "65536 bytes");
    CHECK_OK(fips140_drbg_generate(&ctx, big, 0, NULL, 0, NULL, 0), "0 bytes");
    CHECK_ST(fips140_drbg_generate(&ctx, NULL, 1, NULL, 0, NULL, 0), FIPS140_ERR_NULL, "NULL out");
    /* CTR without df: additional input ≤ seedlen. */
    CHECK_OK(fips140_drbg_instantiate(&ctx, &ctr, ent, 48, NULL, 0, pers, 48), "ctr no df");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 16, add, 49, NULL, 0), FIPS140_ERR_DATA_LENGTH, "no df add 49");
    CHECK_OK(fips140_drbg_generate(&ctx, out, 16, add, 48, NULL, 0), "no df add 48");
    CHECK_ST(fips140_drbg_reseed(&ctx, ent, 48, add, 49), FIPS140_ERR_DATA_LENGTH, "no df reseed add 49");
    CHECK_ST(fips140_drbg_reseed(&ctx, ent, 32, NULL, 0), FIPS140_ERR_DATA_LENGTH, "no df reseed 32");
    /* Prediction resistance: every generate needs fresh entropy. */
    const fips140_drbg_params hpr = {FIPS140_DRBG_HASH, FIPS140_SHA256, 0, 1};
    CHECK_OK(fips140_drbg_instantiate(&ctx, &hpr, ent, 32, nonce, 16, NULL, 0), "hash pr");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 16, NULL, 0, NULL, 0), FIPS140_ERR_DATA_LENGTH, "pr without entropy");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 16, NULL, 0, ent, 31), FIPS140_ERR_DATA_LENGTH, "pr entropy 31");
    CHECK_OK(fips140_drbg_generate(&ctx, out, 16, NULL, 0, ent, 32), "pr entropy 32");
    /* Uninstantiate zeroises and makes every call a state error. */
    fips140_drbg_uninstantiate(&ctx);
    int zero = 1;
    for (size_t i = 0; i < sizeof ctx.opaque; i++)
        zero &= ctx.opaque[i] == 0;
    CHECK(zero, "uninstantiate wipes the context");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 16, NULL, 0, ent, 32), FIPS140_ERR_STATE, "generate after uninstantiate");
    fips140_drbg_uninstantiate(NULL);
}

/* test_reseed_interval - "reseed required" once reseed_counter > reseed_interval (§9.3.1, §10.x generate step 1). */
static void test_reseed_interval(void)
{
    uint8_t out[16];
    for (size_t ci = 0; ci < NCFGS; ci += 5) {
        const cfg *c = &cfgs[ci];
        fips140_drbg_params p = params_of(c, 0);
        fips140_drbg_ctx ctx;
        size_t elen = c->seedlen ? c->seedlen : c->strength / 8, nlen = c->seedlen ? 0 : c->strength / 16;
        CHECK_OK(fips140_drbg_instantiate(&ctx, &p, ent, elen, nonce, nlen, NULL, 0), "instantiate %zu", ci);
        CHECK(fips140_drbg_reseed_counter(&ctx) == 1, "counter after instantiate");
        CHECK_ST(fips140_drbg_set_reseed_interval(&ctx, 0), FIPS140_ERR_ARG, "interval 0");
        CHECK_ST(fips140_drbg_set_reseed_interval(&ctx, DRBG_MAX_RESEED_INTERVAL + 1), FIPS140_ERR_ARG, "2^48 + 1");
        CHECK_OK(fips140_drbg_set_reseed_interval(&ctx, 3), "interval 3");
        for (int i = 0; i < 3; i++)
            CHECK_OK(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0), "generate %d of 3", i + 1);
        CHECK(fips140_drbg_reseed_counter(&ctx) == 4, "counter after 3 generates");
        CHECK_ST(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0), FIPS140_ERR_STATE, "reseed required");
        CHECK_OK(fips140_drbg_reseed(&ctx, ent, elen, NULL, 0), "reseed");
        CHECK(fips140_drbg_reseed_counter(&ctx) == 1, "counter after reseed");
        CHECK_OK(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0), "generate after reseed");
        fips140_drbg_uninstantiate(&ctx);
        /* With prediction resistance every request reseeds, so the interval never bites. */
        p.prediction_resistance = 1;
        CHECK_OK(fips140_drbg_instantiate(&ctx, &p, ent, elen, nonce, nlen, NULL, 0), "instantiate pr");
        CHECK_OK(fips140_drbg_set_reseed_interval(&ctx, 1), "interval 1");
        for (int i = 0; i < 4; i++)
            CHECK_OK(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, ent, elen), "pr generate %d", i);
        fips140_drbg_uninstantiate(&ctx);
    }
}

/* test_determinism - same inputs, same outputs; any changed input changes them. */
static void test_determinism(void)
{
    for (size_t ci = 0; ci < NCFGS; ci++) {
        const cfg *c = &cfgs[ci];
        fips140_drbg_params p = params_of(c, 0);
        fips140_drbg_ctx x, y;
        uint8_t a[100], b[100];
        size_t elen = c->seedlen ? c->seedlen : c->strength / 8, nlen = c->seedlen ? 0 : c->strength / 16;
        CHECK_OK(fips140_drbg_instantiate(&x, &p, ent, elen, nonce, nlen, pers, 16), "x");
        CHECK_OK(fips140_drbg_instantiate(&y, &p, ent, elen, nonce, nlen, pers, 16), "y");
        for (int i = 0; i < 3; i++) {
            CHECK_OK(fips140_drbg_generate(&x, a, sizeof a, add, 8, NULL, 0), "gen x");
            CHECK_OK(fips140_drbg_generate(&y, b, sizeof b, add, 8, NULL, 0), "gen y");
            CHECK_MEM(a, b, sizeof a, "%s %s: same inputs", c->ossl_rand, c->ossl_alg);
        }
        CHECK_OK(fips140_drbg_generate(&x, a, sizeof a, add, 8, NULL, 0), "gen x");
        CHECK_OK(fips140_drbg_generate(&y, b, sizeof b, add, 7, NULL, 0), "gen y");
        CHECK(memcmp(a, b, sizeof a) != 0, "%s %s: different additional input", c->ossl_rand, c->ossl_alg);
        CHECK_OK(fips140_drbg_generate(&x, a, sizeof a, NULL, 0, NULL, 0), "gen x");
        CHECK_OK(fips140_drbg_generate(&x, b, sizeof b, NULL, 0, NULL, 0), "gen x");
        CHECK(memcmp(a, b, sizeof a) != 0, "%s %s: consecutive outputs differ", c->ossl_rand, c->ossl_alg);
        fips140_drbg_uninstantiate(&x);
        fips140_drbg_uninstantiate(&y);
    }
}

/* test_indicator - public calls: NOT_APPROVED; internal calls leave the indicator alone. */
static void test_indicator(void)
{
    const fips140_drbg_params p = {FIPS140_DRBG_CTR, 256, 0, 0};
    fips140_drbg_ctx ctx;
    uint8_t out[16];
    fips140_indicator_clear();
    CHECK_OK(fips140_drbg_instantiate(&ctx, &p, ent, 48, NULL, 0, NULL, 0), "public instantiate");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "public instantiate indicator");
    fips140_indicator_clear();
    CHECK_OK(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0), "public generate");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "public generate indicator");
    fips140_indicator_clear();
    CHECK_OK(fips140_drbg_instantiate_internal(&ctx, &p, ent, 48, NULL, 0, NULL, 0), "internal instantiate");
    CHECK_OK(fips140_drbg_reseed_internal(&ctx, ent, 48, NULL, 0), "internal reseed");
    CHECK_OK(fips140_drbg_generate_internal(&ctx, out, sizeof out, NULL, 0, NULL, 0), "internal generate");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "internal calls leave the indicator");
    fips140_drbg_uninstantiate(&ctx);
}

/* ---- module-seeded contexts (fips140_drbg_instantiate_seeded): approved, entropy from the module's source. */

/* ctx_equal - the whole context, byte for byte. */
static int ctx_equal(const fips140_drbg_ctx *a, const fips140_drbg_ctx *b)
{
    return memcmp(a->opaque, b->opaque, sizeof a->opaque) == 0;
}

/* ctx_zero - every byte of the context is zero (§9.4 zeroisation). */
static int ctx_zero(const fips140_drbg_ctx *c)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < sizeof c->opaque; i++)
        acc |= c->opaque[i];
    return acc == 0;
}

/* test_seeded_each - every mechanism: instantiate, generate, reseed with the approved indicator; two instances
 * with the same personalization string give different outputs; the reseed counter moves as §9.2 / §9.3 say; caller
 * entropy is refused; uninstantiate zeroises. */
static void test_seeded_each(void)
{
    for (size_t ci = 0; ci < NCFGS; ci++) {
        const cfg *c = &cfgs[ci];
        const fips140_drbg_params p = params_of(c, 0);
        static fips140_drbg_ctx x, y;
        uint8_t a[100], b[100];
        fips140_indicator_clear();
        CHECK_OK(fips140_drbg_instantiate_seeded(&x, &p, pers, 16), "%s %s df=%d: instantiate", c->ossl_rand,
                 c->ossl_alg, c->df);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "%s %s: instantiate approved", c->ossl_rand,
              c->ossl_alg);
        CHECK(fips140_drbg_is_seeded(&x) == 1, "%s %s: is_seeded", c->ossl_rand, c->ossl_alg);
        CHECK_OK(fips140_drbg_instantiate_seeded(&y, &p, pers, 16), "instantiate y");
        fips140_indicator_clear();
        CHECK_OK(fips140_drbg_generate(&x, a, sizeof a, add, 8, NULL, 0), "generate x");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "%s %s: generate approved", c->ossl_rand,
              c->ossl_alg);
        CHECK_OK(fips140_drbg_generate(&y, b, sizeof b, add, 8, NULL, 0), "generate y");
        CHECK(memcmp(a, b, sizeof a) != 0, "%s %s df=%d: two instances, same inputs, different outputs", c->ossl_rand,
              c->ossl_alg, c->df);
        CHECK_OK(fips140_drbg_generate(&x, b, sizeof b, NULL, 0, NULL, 0), "generate x again");
        CHECK(memcmp(a, b, sizeof a) != 0, "%s %s: consecutive outputs differ", c->ossl_rand, c->ossl_alg);
        CHECK(fips140_drbg_reseed_counter(&x) == 3, "%s %s: counter after 2 generates", c->ossl_rand, c->ossl_alg);
        fips140_indicator_clear();
        CHECK_OK(fips140_drbg_reseed_seeded(&x, add, 8), "%s %s: reseed", c->ossl_rand, c->ossl_alg);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "%s %s: reseed approved", c->ossl_rand,
              c->ossl_alg);
        CHECK(fips140_drbg_reseed_counter(&x) == 1, "%s %s: counter after reseed", c->ossl_rand, c->ossl_alg);
        CHECK_OK(fips140_drbg_reseed_seeded(&x, NULL, 0), "reseed without additional input");
        CHECK_OK(fips140_drbg_generate(&x, a, sizeof a, NULL, 0, NULL, 0), "generate after reseed");
        /* Mixing: a seeded context takes no caller entropy. */
        const size_t elen = c->seedlen ? c->seedlen : c->strength / 8;
        memcpy(&y, &x, sizeof x);
        CHECK_ST(fips140_drbg_reseed(&x, ent, elen, NULL, 0), FIPS140_ERR_ARG, "%s %s: caller reseed of seeded",
                 c->ossl_rand, c->ossl_alg);
        CHECK_ST(fips140_drbg_generate(&x, a, 16, NULL, 0, ent, elen), FIPS140_ERR_ARG, "%s %s: caller pr entropy",
                 c->ossl_rand, c->ossl_alg);
        CHECK(ctx_equal(&x, &y), "%s %s: refused calls leave the state", c->ossl_rand, c->ossl_alg);
        fips140_drbg_uninstantiate(&x);
        CHECK(ctx_zero(&x) && !fips140_drbg_is_seeded(&x), "%s %s: uninstantiate zeroises", c->ossl_rand, c->ossl_alg);
        CHECK_ST(fips140_drbg_generate(&x, a, 16, NULL, 0, NULL, 0), FIPS140_ERR_STATE, "generate after uninstantiate");
        CHECK_ST(fips140_drbg_reseed_seeded(&x, NULL, 0), FIPS140_ERR_STATE, "reseed after uninstantiate");
        fips140_drbg_uninstantiate(&y);
    }
}

/* test_seeded_errors - bad arguments are refused and leave the context (and the output) as they were; a
 * caller-entropy context refuses the seeded reseed. */
static void test_seeded_errors(void)
{
    static fips140_drbg_ctx ctx, copy;
    const fips140_drbg_params nodf = {FIPS140_DRBG_CTR, 256, 0, 0}, hmac = {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, 0};
    fips140_drbg_params bad;
    static uint8_t out[65537], before[65537];

    memset(&ctx, 0x5a, sizeof ctx);
    memcpy(&copy, &ctx, sizeof ctx);
    CHECK_ST(fips140_drbg_instantiate_seeded(NULL, &hmac, NULL, 0), FIPS140_ERR_NULL, "NULL ctx");
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, NULL, NULL, 0), FIPS140_ERR_NULL, "NULL params");
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &hmac, NULL, 4), FIPS140_ERR_NULL, "NULL pers");
    bad = hmac; bad.mechanism = FIPS140_SHAKE256;
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &bad, NULL, 0), FIPS140_ERR_ARG, "HMAC SHAKE");
    bad = hmac; bad.type = (fips140_drbg_type)0;
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &bad, NULL, 0), FIPS140_ERR_ARG, "type 0");
    bad = hmac; bad.derivation_function = 1;
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &bad, NULL, 0), FIPS140_ERR_ARG, "HMAC df");
    bad = nodf; bad.mechanism = 64;
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &bad, NULL, 0), FIPS140_ERR_ARG, "AES-64");
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &nodf, pers, 49), FIPS140_ERR_DATA_LENGTH, "no df pers 49");
    CHECK(ctx_equal(&ctx, &copy), "refused instantiate writes nothing");

    /* A live seeded context survives refused calls unchanged. */
    CHECK_OK(fips140_drbg_instantiate_seeded(&ctx, &nodf, pers, 48), "no df pers 48");
    memcpy(&copy, &ctx, sizeof ctx);
    CHECK_ST(fips140_drbg_instantiate_seeded(&ctx, &nodf, pers, 49), FIPS140_ERR_DATA_LENGTH, "re-instantiate 49");
    memset(out, 0xc3, sizeof out);
    memcpy(before, out, sizeof out);
    CHECK_ST(fips140_drbg_generate(&ctx, out, 65537, NULL, 0, NULL, 0), FIPS140_ERR_OUTPUT_LENGTH, "65537 bytes");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 16, add, 49, NULL, 0), FIPS140_ERR_DATA_LENGTH, "no df add 49");
    CHECK_ST(fips140_drbg_generate(&ctx, out, 16, NULL, 5, NULL, 0), FIPS140_ERR_NULL, "NULL add");
    CHECK_ST(fips140_drbg_generate(&ctx, NULL, 16, NULL, 0, NULL, 0), FIPS140_ERR_NULL, "NULL out");
    CHECK_ST(fips140_drbg_reseed_seeded(&ctx, add, 49), FIPS140_ERR_DATA_LENGTH, "no df reseed add 49");
    CHECK_ST(fips140_drbg_reseed_seeded(&ctx, NULL, 1), FIPS140_ERR_NULL, "reseed NULL add");
    CHECK_ST(fips140_drbg_reseed_seeded(NULL, NULL, 0), FIPS140_ERR_NULL, "reseed NULL ctx");
    CHECK(ctx_equal(&ctx, &copy), "refused calls leave the seeded state");
    CHECK(memcmp(out, before, sizeof out) == 0, "refused generates write no output");
    CHECK_OK(fips140_drbg_generate(&ctx, out, 65536, add, 48, NULL, 0), "65536 bytes, add 48");
    fips140_drbg_uninstantiate(&ctx);

    /* A caller-entropy context refuses the seeded reseed; its indicator stays NOT_APPROVED. */
    CHECK_OK(fips140_drbg_instantiate(&ctx, &hmac, ent, 32, nonce, 16, NULL, 0), "caller instantiate");
    CHECK(fips140_drbg_is_seeded(&ctx) == 0, "caller ctx is not seeded");
    memcpy(&copy, &ctx, sizeof ctx);
    CHECK_ST(fips140_drbg_reseed_seeded(&ctx, NULL, 0), FIPS140_ERR_ARG, "seeded reseed of a caller ctx");
    CHECK(ctx_equal(&ctx, &copy), "refused seeded reseed leaves the caller ctx");
    fips140_indicator_clear();
    CHECK_OK(fips140_drbg_generate(&ctx, out, 16, NULL, 0, NULL, 0), "caller generate");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "caller generate not approved");
    fips140_drbg_uninstantiate(&ctx);
    memset(&ctx, 0, sizeof ctx);
    CHECK_ST(fips140_drbg_reseed_seeded(&ctx, NULL, 0), FIPS140_ERR_STATE, "seeded reseed of an empty ctx");
    CHECK(fips140_drbg_is_seeded(NULL) == 0, "is_seeded(NULL)");
}

/* test_seeded_reseeds - prediction resistance reseeds before every generate; past the reseed interval a seeded
 * context reseeds by itself (a caller-entropy one fails, test_reseed_interval). The reseed counter shows it:
 * 1 after a reseed, + 1 per generate. */
static void test_seeded_reseeds(void)
{
    fips140_drbg_ctx ctx;
    uint8_t out[32];
    const fips140_drbg_params pr = {FIPS140_DRBG_HASH, FIPS140_SHA512, 0, 1};
    CHECK_OK(fips140_drbg_instantiate_seeded(&ctx, &pr, NULL, 0), "hash pr");
    for (int i = 0; i < 3; i++) {
        CHECK_OK(fips140_drbg_generate(&ctx, out, sizeof out, add, 8, NULL, 0), "pr generate %d", i);
        CHECK(fips140_drbg_reseed_counter(&ctx) == 2, "pr: reseeded before generate %d (counter %llu)", i,
              (unsigned long long)fips140_drbg_reseed_counter(&ctx));
    }
    const fips140_drbg_params ctrdf = {FIPS140_DRBG_CTR, 128, 1, 0};
    CHECK_OK(fips140_drbg_instantiate_seeded(&ctx, &ctrdf, NULL, 0), "ctr df");
    CHECK_OK(fips140_drbg_set_reseed_interval(&ctx, 2), "interval 2");
    for (int i = 0; i < 5; i++)
        CHECK_OK(fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0), "interval generate %d", i);
    /* counter: 1 -> 2 -> 3, reseed -> 1 -> 2 -> 3, reseed -> 1 -> 2 */
    CHECK(fips140_drbg_reseed_counter(&ctx) == 2, "interval 2: automatic reseeds (counter %llu)",
          (unsigned long long)fips140_drbg_reseed_counter(&ctx));
    fips140_drbg_uninstantiate(&ctx);
}

/* test_seeded_fork - a seeded context copied into a forked child reseeds before its first output there: parent and
 * child, from the same state, give different bytes. */
static void test_seeded_fork(void)
{
    static fips140_drbg_ctx ctx;
    const fips140_drbg_params p = {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, 0};
    uint8_t mine[32], theirs[32 + 8 + 1]; /* output, counter, tu_read_all's NUL */
    int fds[2];
    CHECK_OK(fips140_drbg_instantiate_seeded(&ctx, &p, NULL, 0), "instantiate before fork");
    if (pipe(fds) != 0) {
        CHECK(0, "pipe");
        return;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        uint64_t counter;
        close(fds[0]);
        int bad = fips140_drbg_generate(&ctx, theirs, 32, NULL, 0, NULL, 0) != FIPS140_OK;
        counter = fips140_drbg_reseed_counter(&ctx);
        memcpy(theirs + 32, &counter, 8);
        bad |= write(fds[1], theirs, 40) != 40;
        _exit(bad);
    }
    close(fds[1]);
    CHECK(pid > 0, "fork");
    CHECK_OK(fips140_drbg_generate(&ctx, mine, sizeof mine, NULL, 0, NULL, 0), "parent generate");
    memset(theirs, 0, sizeof theirs);
    tu_read_all(fds[0], (char *)theirs, sizeof theirs);
    CHECK(pid > 0 && tu_wait(pid) == 0, "child generate");
    uint64_t child_counter;
    memcpy(&child_counter, theirs + 32, 8);
    CHECK(memcmp(mine, theirs, sizeof mine) != 0, "forked child does not repeat the parent's output");
    CHECK(child_counter == 2 && fips140_drbg_reseed_counter(&ctx) == 2,
          "child reseeded (counter %llu), parent did not need to (counter %llu)", (unsigned long long)child_counter,
          (unsigned long long)fips140_drbg_reseed_counter(&ctx));
    fips140_drbg_uninstantiate(&ctx);
}

/* only_mode_child - FIPS140=only refuses caller-entropy DRBG services; the internal ones still work. */
static int only_mode_child(void *arg)
{
    (void)arg;
    if (setenv("FIPS140", "only", 1) != 0) return 100;
    const fips140_drbg_params p = {FIPS140_DRBG_HMAC, FIPS140_SHA256, 0, 0};
    fips140_drbg_ctx ctx;
    uint8_t e[48] = {1}, out[16];
    int bad = fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_drbg_instantiate(&ctx, &p, e, 48, NULL, 0, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_drbg_instantiate_internal(&ctx, &p, e, 48, NULL, 0, NULL, 0) != FIPS140_OK;
    bad += fips140_drbg_generate_internal(&ctx, out, sizeof out, NULL, 0, NULL, 0) != FIPS140_OK;
    bad += fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_drbg_reseed(&ctx, e, 48, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    /* The module-seeded service is approved: allowed. */
    bad += fips140_drbg_instantiate_seeded(&ctx, &p, NULL, 0) != FIPS140_OK;
    bad += fips140_drbg_generate(&ctx, out, sizeof out, NULL, 0, NULL, 0) != FIPS140_OK;
    bad += fips140_drbg_reseed_seeded(&ctx, NULL, 0) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    fips140_drbg_uninstantiate(&ctx);
    return bad;
}

int main(int argc, char **argv)
{
    /* FIPS140=only in a fresh process image: the module reads the mode once, at load. */
    TU_CHILD(argc, argv, "only", only_mode_child(NULL));
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_drbg");
    tu_rng r = {0x90a};
    tu_fill(&r, ent, sizeof ent);
    tu_fill(&r, nonce, sizeof nonce);
    tu_fill(&r, pers, sizeof pers);
    tu_fill(&r, add, sizeof add);

    CHECK(fips140_cast_ctr_drbg() == 0 && fips140_cast_hmac_drbg() == 0 && fips140_cast_hash_drbg() == 0, "CASTs");
    test_errors();
    test_reseed_interval();
    test_determinism();
    test_indicator();
    test_seeded_each();
    test_seeded_errors();
    test_seeded_reseeds();
    test_seeded_fork();
    test_vs_openssl();
    return tu_done();
}
