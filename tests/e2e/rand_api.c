/* tests/e2e/rand_api.c - the EVP_RAND life cycle of the fips140 provider's HASH-DRBG and HMAC-DRBG
 * (provider/rands.c: DRBG instances seeded by the module, SP 800-90Ar1 §9), through the system's libcrypto. Built
 * and run by tests/e2e/test_rand.sh with OPENSSL_CONF naming a config that loads only fips140 and base.
 *
 *   rand_api                  fetch, digest / mac parameters (names, aliases, OIDs, unknown names), instantiate with
 *                             strength and personalization, generate with additional input and prediction resistance,
 *                             reseed, the gettable parameters, the max_request limit (EVP's split, and the
 *                             provider's own refusal through its dispatch table), locking, uninstantiate and
 *                             zeroization, for both algorithms and several digests.
 *   rand_api primary NAME [DIGEST]
 *                             the library context's public DRBG (what a [random] section chose) is NAME from fips140
 *                             (with DIGEST), and RAND_bytes gives distinct outputs.
 * Prints one line per failed check; exit 0 when every check passed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

static int failures;

#define CHECK(cond, ...)                                   \
    do {                                                   \
        if (!(cond)) {                                     \
            failures++;                                    \
            fprintf(stderr, "FAIL: rand_api: " __VA_ARGS__); \
            fprintf(stderr, " (line %d)\n", __LINE__);     \
            ERR_print_errors_fp(stderr);                   \
        }                                                  \
        ERR_clear_error();                                 \
    } while (0)

static int all_zero(const unsigned char *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

/* set_digest - EVP_RAND_CTX_set_params with "digest" (and "mac" = HMAC, "properties" when given). */
static int set_digest(EVP_RAND_CTX *c, const char *digest, const char *mac, const char *props)
{
    OSSL_PARAM p[4], *q = p;
    *q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, (char *)digest, 0);
    if (mac != NULL)
        *q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, (char *)mac, 0);
    if (props != NULL)
        *q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_PROPERTIES, (char *)props, 0);
    *q = OSSL_PARAM_construct_end();
    return EVP_RAND_CTX_set_params(c, p);
}

/* get_digest - the "digest" the instance reports, into buf. */
static int get_digest(EVP_RAND_CTX *c, char *buf, size_t len)
{
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, buf, len), OSSL_PARAM_construct_end()};
    buf[0] = '\0';
    return EVP_RAND_CTX_get_params(c, p);
}

static EVP_RAND_CTX *new_ctx(const char *alg)
{
    EVP_RAND *r = EVP_RAND_fetch(NULL, alg, "provider=fips140");
    CHECK(r != NULL, "fetch %s", alg);
    if (r == NULL)
        return NULL;
    CHECK(strcmp(OSSL_PROVIDER_get0_name(EVP_RAND_get0_provider(r)), "fips140") == 0, "%s from fips140", alg);
    EVP_RAND_CTX *c = EVP_RAND_CTX_new(r, NULL);
    EVP_RAND_free(r);
    CHECK(c != NULL, "%s EVP_RAND_CTX_new", alg);
    return c;
}

/* test_names - every OpenSSL name of a digest maps to the module's; unknown and unsupported names are refused. */
static void test_names(const char *alg, const char *mac)
{
    static const struct {
        const char *name, *canonical;
    } names[] = {
        {"SHA1", "SHA1"}, {"SHA-1", "SHA1"}, {"1.3.14.3.2.26", "SHA1"},
        {"SHA2-224", "SHA2-224"}, {"SHA224", "SHA2-224"}, {"SHA-224", "SHA2-224"},
        {"SHA2-256", "SHA2-256"}, {"SHA256", "SHA2-256"}, {"sha-256", "SHA2-256"},
        {"2.16.840.1.101.3.4.2.1", "SHA2-256"}, {"SHA2-384", "SHA2-384"}, {"SHA384", "SHA2-384"},
        {"SHA2-512", "SHA2-512"}, {"SHA512", "SHA2-512"}, {"SHA2-512/224", "SHA2-512/224"},
        {"SHA512-224", "SHA2-512/224"}, {"SHA2-512/256", "SHA2-512/256"}, {"SHA512-256", "SHA2-512/256"},
        {"SHA-512/256", "SHA2-512/256"}, {"SHA3-224", "SHA3-224"}, {"SHA3-256", "SHA3-256"},
        {"SHA3-384", "SHA3-384"}, {"SHA3-512", "SHA3-512"}, {"2.16.840.1.101.3.4.2.10", "SHA3-512"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        EVP_RAND_CTX *c = new_ctx(alg);
        char got[64];
        if (c == NULL)
            return;
        CHECK(set_digest(c, names[i].name, mac, NULL) == 1, "%s digest %s accepted", alg, names[i].name);
        CHECK(get_digest(c, got, sizeof got) == 1 && strcmp(got, names[i].canonical) == 0, "%s digest %s reads %s",
              alg, names[i].name, got);
        EVP_RAND_CTX_free(c);
    }
    static const char *const refused[] = {"SHAKE-256", "SHAKE128", "MD5", "NOPE-999", ""};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        EVP_RAND_CTX *c = new_ctx(alg);
        if (c == NULL)
            return;
        CHECK(set_digest(c, refused[i], mac, NULL) != 1, "%s digest \"%s\" refused", alg, refused[i]);
        CHECK(EVP_RAND_instantiate(c, 0, 0, NULL, 0, NULL) != 1, "%s instantiate without digest refused", alg);
        EVP_RAND_CTX_free(c);
    }
}

/* test_life - one instance (and a sibling) of alg over digest, from instantiate to zeroization. */
static void test_life(const char *alg, const char *mac, const char *digest, unsigned strength)
{
    static unsigned char big[65537];
    unsigned char a[64], b[64], s[64];
    EVP_RAND_CTX *c = new_ctx(alg), *d = new_ctx(alg);
    if (c == NULL || d == NULL)
        goto out;
    CHECK(EVP_RAND_get_state(c) == EVP_RAND_STATE_UNINITIALISED, "%s state before instantiate", alg);
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) != 1, "%s generate before instantiate refused", alg);
    CHECK(EVP_RAND_reseed(c, 0, NULL, 0, NULL, 0) != 1, "%s reseed before instantiate refused", alg);
    if (mac != NULL)
        CHECK(set_digest(c, digest, "CMAC", NULL) != 1, "%s mac CMAC refused", alg);
    CHECK(set_digest(c, digest, mac, "provider=fips140") == 1, "%s digest %s, properties", alg, digest);
    CHECK(EVP_RAND_instantiate(c, strength + 1, 0, NULL, 0, NULL) != 1, "%s %s strength %u refused", alg, digest,
          strength + 1);
    CHECK(EVP_RAND_get_state(c) != EVP_RAND_STATE_READY, "%s not ready after a refused instantiate", alg);
    CHECK(EVP_RAND_instantiate(c, strength, 0, (const unsigned char *)"personalization", 15, NULL) == 1,
          "%s %s instantiate strength %u with personalization", alg, digest, strength);
    CHECK(EVP_RAND_get_state(c) == EVP_RAND_STATE_READY, "%s state READY", alg);
    CHECK(EVP_RAND_get_strength(c) == strength, "%s strength %u", alg, EVP_RAND_get_strength(c));

    /* The sibling gets its parameters at instantiate, as OpenSSL's library context passes them. */
    OSSL_PARAM ip[3] = {OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, (char *)digest, 0),
                        OSSL_PARAM_construct_end(), OSSL_PARAM_construct_end()};
    if (mac != NULL)
        ip[1] = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, (char *)mac, 0);
    CHECK(EVP_RAND_instantiate(d, 0, 1, (const unsigned char *)"personalization", 15, ip) == 1,
          "%s instantiate with params and prediction resistance", alg);

    /* Generate: additional input, prediction resistance; distinct instances and calls give distinct bytes. */
    CHECK(EVP_RAND_generate(c, a, sizeof a, strength, 1, (const unsigned char *)"additional", 10) == 1,
          "%s generate with additional input and prediction resistance", alg);
    CHECK(EVP_RAND_generate(d, b, sizeof b, 0, 1, (const unsigned char *)"additional", 10) == 1,
          "%s sibling generate", alg);
    CHECK(!all_zero(a, sizeof a) && memcmp(a, b, sizeof a) != 0, "%s two instances give different output", alg);
    CHECK(EVP_RAND_generate(c, b, sizeof b, 0, 0, NULL, 0) == 1, "%s generate", alg);
    CHECK(memcmp(a, b, sizeof a) != 0, "%s consecutive outputs differ", alg);
    CHECK(EVP_RAND_generate(c, b, sizeof b, strength + 1, 0, NULL, 0) != 1, "%s generate above strength refused",
          alg);

    /* Reseed (caller entropy is taken as additional input only), then generate on. */
    CHECK(EVP_RAND_reseed(c, 0, NULL, 0, (const unsigned char *)"more", 4) == 1, "%s reseed", alg);
    CHECK(EVP_RAND_reseed(c, 1, (const unsigned char *)"caller entropy is not credited", 30, NULL, 0) == 1,
          "%s reseed with prediction resistance and caller bytes", alg);
    CHECK(EVP_RAND_generate(c, s, sizeof s, 0, 0, NULL, 0) == 1 && memcmp(s, b, sizeof s) != 0,
          "%s generate after reseed", alg);

    /* Parameters. */
    size_t maxreq = 0;
    unsigned reseed_requests = 0, pstrength = 0;
    int state = -1;
    char got[64] = "";
    OSSL_PARAM gp[6] = {OSSL_PARAM_construct_size_t(OSSL_RAND_PARAM_MAX_REQUEST, &maxreq),
                        OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &pstrength),
                        OSSL_PARAM_construct_int(OSSL_RAND_PARAM_STATE, &state),
                        OSSL_PARAM_construct_uint(OSSL_DRBG_PARAM_RESEED_REQUESTS, &reseed_requests),
                        OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, got, sizeof got),
                        OSSL_PARAM_construct_end()};
    CHECK(EVP_RAND_CTX_get_params(c, gp) == 1, "%s get_ctx_params", alg);
    CHECK(maxreq == 65536 && pstrength == strength && state == EVP_RAND_STATE_READY && reseed_requests > 0,
          "%s params: max_request %zu strength %u state %d reseed_requests %u", alg, maxreq, pstrength, state,
          reseed_requests);
    CHECK(strcmp(got, digest) == 0,
          "%s digest reads %s", alg, got);
    if (mac != NULL) {
        char m[16] = "";
        OSSL_PARAM mp[2] = {OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, m, sizeof m),
                            OSSL_PARAM_construct_end()};
        CHECK(EVP_RAND_CTX_get_params(c, mp) == 1 && strcmp(m, "HMAC") == 0, "%s mac reads %s", alg, m);
    }
    time_t interval = -1, when = 0, ten = 10;
    OSSL_PARAM tp[3] = {OSSL_PARAM_construct_time_t(OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, &interval),
                        OSSL_PARAM_construct_time_t(OSSL_DRBG_PARAM_RESEED_TIME, &when), OSSL_PARAM_construct_end()};
    CHECK(EVP_RAND_CTX_get_params(c, tp) == 1 && interval == 3600 && when > 0,
          "%s reseed_time_interval %lld (OpenSSL's default 3600), reseed_time %lld", alg, (long long)interval,
          (long long)when);
    OSSL_PARAM tset[2] = {OSSL_PARAM_construct_time_t(OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, &ten),
                          OSSL_PARAM_construct_end()};
    interval = -1;
    CHECK(EVP_RAND_CTX_set_params(c, tset) == 1 && EVP_RAND_CTX_get_params(c, tp) == 1 && interval == 10,
          "%s reseed_time_interval set to 10 reads %lld", alg, (long long)interval);
    unsigned one = 1;
    OSSL_PARAM sp[2] = {OSSL_PARAM_construct_uint(OSSL_DRBG_PARAM_RESEED_REQUESTS, &one), OSSL_PARAM_construct_end()};
    CHECK(EVP_RAND_CTX_set_params(c, sp) == 1, "%s reseed_requests 1", alg);
    for (int i = 0; i < 3; i++)
        CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) == 1, "%s generate, reseeding each time", alg);
    CHECK(set_digest(c, strcmp(digest, "SHA1") == 0 ? "SHA2-256" : "SHA1", mac, NULL) != 1,
          "%s digest change while instantiated refused", alg);

    /* EVP_RAND_generate splits a request at max_request (the provider's own refusal: test_direct). */
    CHECK(EVP_RAND_generate(c, big, sizeof big, 0, 0, NULL, 0) == 1 && !all_zero(big + 65536, 1) &&
              !all_zero(big, 65536),
          "%s generate 65537 bytes (split by EVP at max_request)", alg);

    /* Locking, get_seed-style use as a parent is left to OpenSSL's own DRBGs. */
    CHECK(EVP_RAND_enable_locking(c) == 1, "%s enable_locking", alg);
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) == 1, "%s generate with locking", alg);

    /* Uninstantiate: state, zeroization, no more output; instantiate again works. */
    CHECK(EVP_RAND_uninstantiate(c) == 1 && EVP_RAND_get_state(c) == EVP_RAND_STATE_UNINITIALISED,
          "%s uninstantiate", alg);
    CHECK(EVP_RAND_verify_zeroization(c) == 1, "%s verify_zeroization", alg);
    CHECK(EVP_RAND_verify_zeroization(d) != 1, "%s a live instance is not zeroized", alg);
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) != 1, "%s generate after uninstantiate refused", alg);
    CHECK(EVP_RAND_instantiate(c, 0, 0, NULL, 0, NULL) == 1, "%s instantiate again", alg);
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) == 1, "%s generate again", alg);
out:
    EVP_RAND_CTX_free(c);
    EVP_RAND_CTX_free(d);
}

/* test_direct - the provider's generate itself (its dispatch table, below EVP_RAND_generate, which splits long
 * requests): more than max_request = 65536 bytes (SP 800-90Ar1 Table 2: 2^19 bits) is refused with nothing
 * written, 65536 bytes are served. */
static void test_direct(const char *alg, const char *digest)
{
    static unsigned char big[65537];
    EVP_RAND *r = EVP_RAND_fetch(NULL, alg, "provider=fips140");
    CHECK(r != NULL, "fetch %s", alg);
    if (r == NULL)
        return;
    const OSSL_PROVIDER *prov = EVP_RAND_get0_provider(r);
    int no_cache = 0;
    const OSSL_ALGORITHM *algs = OSSL_PROVIDER_query_operation(prov, OSSL_OP_RAND, &no_cache);
    const OSSL_DISPATCH *fns = NULL;
    for (const OSSL_ALGORITHM *a = algs; a != NULL && a->algorithm_names != NULL; a++)
        if (strcmp(a->algorithm_names, alg) == 0)
            fns = a->implementation;
    CHECK(fns != NULL, "%s in fips140's RAND table", alg);
    OSSL_FUNC_rand_newctx_fn *newctx = NULL;
    OSSL_FUNC_rand_freectx_fn *freectx = NULL;
    OSSL_FUNC_rand_set_ctx_params_fn *set_params = NULL;
    OSSL_FUNC_rand_instantiate_fn *instantiate = NULL;
    OSSL_FUNC_rand_generate_fn *generate = NULL;
    for (const OSSL_DISPATCH *f = fns; f != NULL && f->function_id != 0; f++) {
        switch (f->function_id) {
        case OSSL_FUNC_RAND_NEWCTX: newctx = OSSL_FUNC_rand_newctx(f); break;
        case OSSL_FUNC_RAND_FREECTX: freectx = OSSL_FUNC_rand_freectx(f); break;
        case OSSL_FUNC_RAND_SET_CTX_PARAMS: set_params = OSSL_FUNC_rand_set_ctx_params(f); break;
        case OSSL_FUNC_RAND_INSTANTIATE: instantiate = OSSL_FUNC_rand_instantiate(f); break;
        case OSSL_FUNC_RAND_GENERATE: generate = OSSL_FUNC_rand_generate(f); break;
        default: break;
        }
    }
    CHECK(newctx && freectx && set_params && instantiate && generate, "%s dispatch functions", alg);
    if (newctx && freectx && set_params && instantiate && generate) {
        void *c = newctx(OSSL_PROVIDER_get0_provider_ctx(prov), NULL, NULL);
        OSSL_PARAM p[2] = {OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, (char *)digest, 0),
                           OSSL_PARAM_construct_end()};
        CHECK(c != NULL && set_params(c, p) == 1 && instantiate(c, 0, 0, NULL, 0, NULL) == 1, "%s direct instantiate",
              alg);
        memset(big, 0, sizeof big);
        CHECK(c != NULL && generate(c, big, 65537, 0, 0, NULL, 0) == 0 && all_zero(big, sizeof big),
              "%s: 65537 bytes > max_request refused, nothing written", alg);
        CHECK(c != NULL && generate(c, big, 65536, 0, 0, NULL, 0) == 1 && !all_zero(big, 65536),
              "%s: 65536 bytes served", alg);
        freectx(c);
    }
    OSSL_PROVIDER_unquery_operation(prov, OSSL_OP_RAND, algs);
    EVP_RAND_free(r);
}

/* check_primary - the public DRBG of the default library context comes from fips140 and is NAME (over DIGEST). */
static void check_primary(const char *name, const char *digest)
{
    unsigned char a[32], b[32];
    CHECK(RAND_bytes(a, sizeof a) == 1 && RAND_bytes(b, sizeof b) == 1 && memcmp(a, b, sizeof a) != 0,
          "RAND_bytes twice, different");
    EVP_RAND_CTX *pub = RAND_get0_public(NULL);
    CHECK(pub != NULL, "public DRBG");
    if (pub == NULL)
        return;
    const EVP_RAND *r = EVP_RAND_CTX_get0_rand(pub);
    CHECK(EVP_RAND_is_a(r, name), "public DRBG is %s (got %s)", name, EVP_RAND_get0_name(r));
    CHECK(strcmp(OSSL_PROVIDER_get0_name(EVP_RAND_get0_provider(r)), "fips140") == 0, "public DRBG from fips140");
    if (digest != NULL) {
        char got[64];
        CHECK(get_digest(pub, got, sizeof got) == 1 && strcmp(got, digest) == 0, "public DRBG digest %s (got %s)",
              digest, got);
    }
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "primary") == 0) {
        check_primary(argv[2], argc >= 4 ? argv[3] : NULL);
    } else {
        test_names("HASH-DRBG", NULL);
        test_names("HMAC-DRBG", "HMAC");
        test_life("HASH-DRBG", NULL, "SHA2-512", 256);
        test_life("HASH-DRBG", NULL, "SHA1", 128);
        test_life("HASH-DRBG", NULL, "SHA2-224", 192);
        test_life("HASH-DRBG", NULL, "SHA3-256", 256);
        test_life("HMAC-DRBG", "HMAC", "SHA2-256", 256);
        test_life("HMAC-DRBG", "HMAC", "SHA2-512/256", 256);
        test_life("HMAC-DRBG", NULL, "SHA1", 128);
        test_direct("HASH-DRBG", "SHA2-256");
        test_direct("HMAC-DRBG", "SHA2-384");
    }
    printf("rand_api: %d failure(s)\n", failures);
    return failures != 0;
}
