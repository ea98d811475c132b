/* tests/e2e/symm_api.c - EVP-level checks of the fips140 provider's digests, MACs and CTR-DRBG (provider/digests.c,
 * macs.c, rands.c), built and run by tests/e2e/test_symm.sh with OPENSSL_CONF pointing at a config that loads only
 * fips140 and base. Every result of fips140 is compared with OpenSSL's default provider loaded into a second,
 * separate library context (the oracle). Exercises what the command-line tools do not: streaming in odd chunks,
 * EVP_MD_CTX_copy (dupctx) and EVP_MAC_CTX_dup mid-message, re-initialisation without a key, the one-shot digest,
 * EVP_DigestFinalXOF, the get_params values, parameter errors, and the RAND life cycle and threads.
 * This program links libcrypto; the provider does not. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

static int failures;
static OSSL_LIB_CTX *ref; /* the oracle: default provider only */

#define CHECK(cond, ...)                                   \
    do {                                                   \
        if (!(cond)) {                                     \
            failures++;                                    \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                  \
            fprintf(stderr, "\n");                         \
            ERR_print_errors_fp(stderr);                   \
        }                                                  \
    } while (0)

static unsigned char msg[10007];

/* digest_of - the digest of msg under md, fed in chunks of the given stride (0 = one EVP_Digest call). */
static size_t digest_of(EVP_MD *md, size_t stride, size_t xoflen, unsigned char *out)
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    unsigned int n = 0;
    size_t len = 0;
    if (stride == 0 && xoflen == 0) {
        if (EVP_Digest(msg, sizeof msg, out, &n, md, NULL) != 1)
            n = 0;
        EVP_MD_CTX_free(c);
        return n;
    }
    if (stride == 0)
        stride = sizeof msg;
    int ok = EVP_DigestInit_ex(c, md, NULL);
    for (size_t off = 0; ok && off < sizeof msg; off += stride)
        ok = EVP_DigestUpdate(c, msg + off, off + stride > sizeof msg ? sizeof msg - off : stride);
    if (ok && xoflen != 0) {
        ok = EVP_DigestFinalXOF(c, out, xoflen);
        len = ok ? xoflen : 0;
    } else if (ok) {
        ok = EVP_DigestFinal_ex(c, out, &n);
        len = ok ? n : 0;
    }
    EVP_MD_CTX_free(c);
    return len;
}

static void test_digests(void)
{
    static const char *names[] = {"SHA1", "SHA2-224", "SHA-256", "SHA384", "SHA2-512", "SHA512-224", "SHA2-512/256",
                                  "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512", "SHAKE-128", "SHAKE256"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        EVP_MD *md = EVP_MD_fetch(NULL, names[i], "provider=fips140");
        EVP_MD *rmd = EVP_MD_fetch(ref, names[i], NULL);
        CHECK(md != NULL && rmd != NULL, "fetch %s", names[i]);
        if (md == NULL || rmd == NULL)
            continue;
        CHECK(EVP_MD_get_size(md) == EVP_MD_get_size(rmd), "%s size", names[i]);
        CHECK(EVP_MD_get_block_size(md) == EVP_MD_get_block_size(rmd), "%s block size", names[i]);
        CHECK(EVP_MD_get_flags(md) == EVP_MD_get_flags(rmd), "%s flags %lx vs %lx", names[i], EVP_MD_get_flags(md),
              EVP_MD_get_flags(rmd));
        unsigned char want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
        size_t wl = digest_of(rmd, 0, 0, want);
        CHECK(wl > 0, "%s reference", names[i]);
        static const size_t strides[] = {0, 1, 63, 64, 135, 1000, 4096};
        for (size_t s = 0; s < sizeof strides / sizeof strides[0]; s++) {
            size_t gl = digest_of(md, strides[s], 0, got);
            CHECK(gl == wl && memcmp(got, want, wl) == 0, "%s stride %zu", names[i], strides[s]);
        }
        /* dupctx mid-message: both copies finish to the same digest */
        EVP_MD_CTX *a = EVP_MD_CTX_new(), *b = EVP_MD_CTX_new();
        unsigned int n1 = 0, n2 = 0;
        unsigned char d1[EVP_MAX_MD_SIZE], d2[EVP_MAX_MD_SIZE];
        CHECK(EVP_DigestInit_ex(a, md, NULL) && EVP_DigestUpdate(a, msg, 5000) && EVP_MD_CTX_copy_ex(b, a) &&
                  EVP_DigestUpdate(a, msg + 5000, sizeof msg - 5000) &&
                  EVP_DigestUpdate(b, msg + 5000, sizeof msg - 5000) && EVP_DigestFinal_ex(a, d1, &n1) &&
                  EVP_DigestFinal_ex(b, d2, &n2),
              "%s copy", names[i]);
        CHECK(n1 == wl && n2 == wl && memcmp(d1, want, wl) == 0 && memcmp(d2, want, wl) == 0, "%s copy result",
              names[i]);
        /* update after final fails; a new init works */
        ERR_set_mark();
        CHECK(EVP_DigestUpdate(a, msg, 1) != 1, "%s update after final accepted", names[i]);
        ERR_pop_to_mark();
        EVP_MD_CTX_free(a);
        EVP_MD_CTX_free(b);
        if (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) {
            unsigned char x1[300], x2[300];
            size_t l1 = digest_of(md, 77, sizeof x1, x1), l2 = digest_of(rmd, 0, sizeof x2, x2);
            CHECK(l1 == sizeof x1 && l2 == sizeof x2 && memcmp(x1, x2, sizeof x1) == 0, "%s XOF 300", names[i]);
        }
        EVP_MD_free(md);
        EVP_MD_free(rmd);
    }
    /* the one-shot OSSL_FUNC_digest_digest, which OpenSSL 3.0's EVP layer does not call: through the dispatch
     * table the provider returns for OSSL_OP_DIGEST, checked against the oracle for every algorithm listed */
    OSSL_PROVIDER *prov = OSSL_PROVIDER_load(NULL, "fips140");
    int no_cache = 0, seen = 0;
    const OSSL_ALGORITHM *table = prov != NULL ? OSSL_PROVIDER_query_operation(prov, OSSL_OP_DIGEST, &no_cache) : NULL;
    const OSSL_ALGORITHM *algs = table;
    CHECK(table != NULL, "query_operation(OSSL_OP_DIGEST)");
    for (; algs != NULL && algs->algorithm_names != NULL; algs++) {
        char first[64];
        size_t n = strcspn(algs->algorithm_names, ":");
        OSSL_FUNC_digest_digest_fn *oneshot = NULL;
        for (const OSSL_DISPATCH *f = algs->implementation; f->function_id != 0; f++)
            if (f->function_id == OSSL_FUNC_DIGEST_DIGEST)
                oneshot = OSSL_FUNC_digest_digest(f);
        snprintf(first, sizeof first, "%.*s", (int)n, algs->algorithm_names);
        CHECK(strcmp(algs->property_definition, "provider=fips140,fips=yes") == 0, "%s properties", first);
        CHECK(oneshot != NULL, "%s has no one-shot digest", first);
        EVP_MD *rmd = EVP_MD_fetch(ref, first, NULL);
        unsigned char want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
        unsigned int wl = 0;
        size_t gl = 0;
        CHECK(rmd != NULL && EVP_Digest(msg, sizeof msg, want, &wl, rmd, NULL) == 1, "%s oracle", first);
        if (oneshot != NULL) {
            void *provctx = OSSL_PROVIDER_get0_provider_ctx(prov);
            CHECK(oneshot(provctx, msg, sizeof msg, got, &gl, sizeof got) == 1 && gl == wl &&
                      memcmp(got, want, wl) == 0,
                  "%s one-shot", first);
            CHECK(oneshot(provctx, msg, sizeof msg, got, &gl, wl - 1) != 1, "%s one-shot into a short buffer", first);
        }
        EVP_MD_free(rmd);
        seen++;
    }
    CHECK(seen == 13, "%d digests registered, 13 expected", seen);
    if (prov != NULL) {
        OSSL_PROVIDER_unquery_operation(prov, OSSL_OP_DIGEST, table);
        OSSL_PROVIDER_unload(prov);
    }
    ERR_clear_error();

    EVP_MD *md5 = EVP_MD_fetch(NULL, "MD5", NULL);
    CHECK(md5 == NULL, "MD5 fetched in the fips140 configuration");
    EVP_MD_free(md5);
    ERR_clear_error();
}

/* mac_case - a MAC of msg with params and the key given to init, a second message after re-initialisation, and a
 * copy (EVP_MAC_CTX_dup) taken mid-message; fips140 against the oracle. */
static void mac_case(const char *mac, const char *pname, const char *pval, const unsigned char *key, size_t keylen,
                     const unsigned char *iv, size_t ivlen)
{
    EVP_MAC *m = EVP_MAC_fetch(NULL, mac, "provider=fips140");
    EVP_MAC *rm = EVP_MAC_fetch(ref, mac, NULL);
    CHECK(m != NULL && rm != NULL, "fetch %s", mac);
    if (m == NULL || rm == NULL)
        return;
    OSSL_PARAM params[3], *p = params;
    *p++ = OSSL_PARAM_construct_utf8_string(pname, (char *)pval, 0);
    if (iv != NULL)
        *p++ = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_IV, (void *)iv, ivlen);
    *p = OSSL_PARAM_construct_end();
    unsigned char want[2][64], got[2][64], dup[64];
    size_t wl[2] = {0, 0}, gl[2] = {0, 0}, dl = 0;
    for (int side = 0; side < 2; side++) {
        EVP_MAC_CTX *c = EVP_MAC_CTX_new(side ? m : rm), *d = NULL;
        size_t *lens = side ? gl : wl;
        unsigned char(*out)[64] = side ? got : want;
        int ok = c != NULL && EVP_MAC_init(c, key, keylen, params) && EVP_MAC_update(c, msg, 3000);
        if (ok && side) {
            d = EVP_MAC_CTX_dup(c);
            ok = d != NULL && EVP_MAC_update(d, msg + 3000, 1000) && EVP_MAC_final(d, dup, &dl, sizeof dup);
        }
        ok = ok && EVP_MAC_update(c, msg + 3000, 1000) && EVP_MAC_final(c, out[0], &lens[0], sizeof out[0]);
        /* second message: fips140 re-initialises without a key (the key is kept); the oracle is given the key
         * again (OpenSSL's own GMAC cannot restart without one) */
        ok = ok && (side ? EVP_MAC_init(c, NULL, 0, NULL) : EVP_MAC_init(c, key, keylen, params)) &&
             EVP_MAC_update(c, msg, sizeof msg) &&
             EVP_MAC_final(c, out[1], &lens[1], sizeof out[1]);
        CHECK(ok, "%s %s=%s (%s)", mac, pname, pval, side ? "fips140" : "default");
        if (side) {
            CHECK(EVP_MAC_CTX_get_mac_size(c) == lens[0], "%s mac size", mac);
            if (strcmp(mac, "GMAC") != 0)
                CHECK(EVP_MAC_CTX_get_block_size(c) > 0, "%s block size", mac);
        }
        EVP_MAC_CTX_free(c);
        EVP_MAC_CTX_free(d);
    }
    for (int i = 0; i < 2; i++)
        CHECK(gl[i] == wl[i] && gl[i] > 0 && memcmp(got[i], want[i], wl[i]) == 0, "%s %s message %d", mac, pval, i);
    CHECK(dl == wl[0] && memcmp(dup, want[0], dl) == 0, "%s %s dup", mac, pval);
    EVP_MAC_free(m);
    EVP_MAC_free(rm);
}

static void test_macs(void)
{
    unsigned char key[80], iv[16];
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (unsigned char)(i * 7 + 1);
    for (size_t i = 0; i < sizeof iv; i++)
        iv[i] = (unsigned char)(0xa0 + i);
    static const char *digests[] = {"SHA1", "SHA2-224", "SHA256", "SHA-384", "SHA512", "SHA512-256", "SHA3-224",
                                    "SHA3-256", "SHA3-384", "SHA3-512"};
    for (size_t i = 0; i < sizeof digests / sizeof digests[0]; i++) {
        mac_case("HMAC", OSSL_MAC_PARAM_DIGEST, digests[i], key, 20, NULL, 0);
        mac_case("HMAC", OSSL_MAC_PARAM_DIGEST, digests[i], key, sizeof key, NULL, 0); /* longer than a block */
    }
    mac_case("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", key, 16, NULL, 0);
    mac_case("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-192-CBC", key, 24, NULL, 0);
    mac_case("CMAC", OSSL_MAC_PARAM_CIPHER, "aes256", key, 32, NULL, 0);
    mac_case("GMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-GCM", key, 16, iv, 12);
    mac_case("GMAC", OSSL_MAC_PARAM_CIPHER, "AES-192-GCM", key, 24, iv, 16);
    mac_case("GMAC", OSSL_MAC_PARAM_CIPHER, "id-aes256-GCM", key, 32, iv, 12);

    /* refusals: XOF under HMAC, unknown digest, CMAC key of the wrong length, CMAC over a non-AES cipher */
    struct {
        const char *mac, *pname, *pval;
        size_t keylen;
    } bad[] = {{"HMAC", OSSL_MAC_PARAM_DIGEST, "SHAKE256", 32},
               {"HMAC", OSSL_MAC_PARAM_DIGEST, "MD5", 32},
               {"CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", 32},
               {"CMAC", OSSL_MAC_PARAM_CIPHER, "DES-EDE3-CBC", 24},
               {"GMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", 16}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        EVP_MAC *m = EVP_MAC_fetch(NULL, bad[i].mac, "provider=fips140");
        EVP_MAC_CTX *c = m != NULL ? EVP_MAC_CTX_new(m) : NULL;
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(bad[i].pname, (char *)bad[i].pval, 0),
                               OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_IV, iv, 12),
                               OSSL_PARAM_construct_end()};
        CHECK(c != NULL, "%s ctx", bad[i].mac);
        ERR_set_mark();
        CHECK(c == NULL || EVP_MAC_init(c, key, bad[i].keylen, params) != 1, "%s %s key %zu accepted", bad[i].mac,
              bad[i].pval, bad[i].keylen);
        ERR_pop_to_mark();
        EVP_MAC_CTX_free(c);
        EVP_MAC_free(m);
    }
    /* GMAC without an IV cannot start */
    EVP_MAC *g = EVP_MAC_fetch(NULL, "GMAC", "provider=fips140");
    EVP_MAC_CTX *gc = EVP_MAC_CTX_new(g);
    OSSL_PARAM gp[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, "AES-128-GCM", 0),
                       OSSL_PARAM_construct_end()};
    ERR_set_mark();
    CHECK(EVP_MAC_init(gc, key, 16, gp) != 1, "GMAC without IV accepted");
    ERR_pop_to_mark();
    EVP_MAC_CTX_free(gc);
    EVP_MAC_free(g);
}

static void *rand_thread(void *arg)
{
    unsigned char *out = arg;
    for (int i = 0; i < 200; i++)
        if (RAND_bytes(out, 32) != 1 || RAND_priv_bytes(out, 32) != 1)
            return (void *)1;
    return NULL;
}

static int all_zero(const unsigned char *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static void test_rand(void)
{
    /* the library context's DRBGs (primary/public/private) are fips140's */
    static unsigned char big[1 << 20];
    CHECK(RAND_bytes(big, sizeof big) == 1 && !all_zero(big, sizeof big), "RAND_bytes 1 MiB");
    CHECK(RAND_priv_bytes(big, 100) == 1, "RAND_priv_bytes");
    EVP_RAND_CTX *pub = RAND_get0_public(NULL);
    CHECK(pub != NULL && strcmp(OSSL_PROVIDER_get0_name(EVP_RAND_get0_provider(EVP_RAND_CTX_get0_rand(pub))),
                                "fips140") == 0,
          "public DRBG not from fips140");
    RAND_add("some bytes", 10, 0.0); /* reseed with additional input: accepted */
    CHECK(RAND_status() == 1, "RAND_status");

    /* an application's own instance */
    EVP_RAND *r = EVP_RAND_fetch(NULL, "CTR-DRBG", "provider=fips140");
    EVP_RAND_CTX *c = r != NULL ? EVP_RAND_CTX_new(r, NULL) : NULL;
    CHECK(c != NULL, "CTR-DRBG instance");
    if (c == NULL)
        return;
    unsigned char a[100], b[100];
    CHECK(EVP_RAND_get_state(c) == EVP_RAND_STATE_UNINITIALISED, "state before instantiate");
    ERR_set_mark();
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) != 1, "generate before instantiate accepted");
    CHECK(EVP_RAND_instantiate(c, 384, 0, NULL, 0, NULL) != 1, "strength 384 accepted");
    ERR_pop_to_mark();
    CHECK(EVP_RAND_instantiate(c, 256, 0, (const unsigned char *)"pers", 4, NULL) == 1, "instantiate");
    CHECK(EVP_RAND_get_state(c) == EVP_RAND_STATE_READY, "state READY");
    CHECK(EVP_RAND_get_strength(c) == 256, "strength 256");
    OSSL_PARAM gp[2];
    size_t maxreq = 0;
    gp[0] = OSSL_PARAM_construct_size_t(OSSL_RAND_PARAM_MAX_REQUEST, &maxreq);
    gp[1] = OSSL_PARAM_construct_end();
    CHECK(EVP_RAND_CTX_get_params(c, gp) == 1 && maxreq == 65536, "max_request %zu", maxreq);
    CHECK(EVP_RAND_generate(c, a, sizeof a, 256, 0, (const unsigned char *)"ad", 2) == 1, "generate");
    CHECK(EVP_RAND_generate(c, b, sizeof b, 128, 1, NULL, 0) == 1, "generate with prediction resistance");
    CHECK(memcmp(a, b, sizeof a) != 0 && !all_zero(a, sizeof a), "outputs differ");
    CHECK(EVP_RAND_reseed(c, 0, NULL, 0, NULL, 0) == 1, "reseed");
    CHECK(EVP_RAND_generate(c, big, 200000, 0, 0, NULL, 0) == 1, "generate 200000 (split by max_request)");
    CHECK(EVP_RAND_enable_locking(c) == 1, "enable_locking");
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) == 1, "generate with locking");
    CHECK(EVP_RAND_uninstantiate(c) == 1 && EVP_RAND_get_state(c) == EVP_RAND_STATE_UNINITIALISED, "uninstantiate");
    CHECK(EVP_RAND_verify_zeroization(c) == 1, "verify_zeroization");
    ERR_set_mark();
    CHECK(EVP_RAND_generate(c, a, sizeof a, 0, 0, NULL, 0) != 1, "generate after uninstantiate accepted");
    ERR_pop_to_mark();
    EVP_RAND_CTX_free(c);

    /* a default-provider DRBG (oracle context) cannot use it as parent across library contexts, but a second
     * fips140 instance may: parents are ignored, it still works */
    EVP_RAND_CTX *parent = EVP_RAND_CTX_new(r, NULL), *child = NULL;
    CHECK(parent != NULL && EVP_RAND_instantiate(parent, 0, 0, NULL, 0, NULL) == 1 && EVP_RAND_enable_locking(parent),
          "parent");
    child = EVP_RAND_CTX_new(r, parent);
    CHECK(child != NULL && EVP_RAND_instantiate(child, 0, 0, NULL, 0, NULL) == 1 &&
              EVP_RAND_generate(child, a, sizeof a, 0, 0, NULL, 0) == 1,
          "child of a fips140 parent");
    EVP_RAND_CTX_free(child);
    EVP_RAND_CTX_free(parent);
    EVP_RAND_free(r);

    /* threads */
    pthread_t t[4];
    unsigned char outs[4][32];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, rand_thread, outs[i]) == 0, "thread");
    for (int i = 0; i < 4; i++) {
        void *ret = (void *)1;
        pthread_join(t[i], &ret);
        CHECK(ret == NULL, "RAND_bytes in thread %d", i);
    }
    CHECK(memcmp(outs[0], outs[1], 32) != 0 && memcmp(outs[2], outs[3], 32) != 0, "thread outputs differ");
}

int main(void)
{
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)(i * 131 + (i >> 8));
    OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL);
    ref = OSSL_LIB_CTX_new();
    OSSL_PROVIDER *refprov = ref != NULL ? OSSL_PROVIDER_load(ref, "default") : NULL;
    if (refprov == NULL) {
        fprintf(stderr, "cannot load the default provider into the oracle context\n");
        return 2;
    }
    if (!OSSL_PROVIDER_available(NULL, "fips140") || OSSL_PROVIDER_available(NULL, "default")) {
        fprintf(stderr, "the configuration must load fips140 and not default\n");
        return 2;
    }
    test_digests();
    test_macs();
    test_rand();
    OSSL_PROVIDER_unload(refprov);
    OSSL_LIB_CTX_free(ref);
    if (failures != 0) {
        fprintf(stderr, "symm_api: %d failure(s)\n", failures);
        return 1;
    }
    printf("symm_api: all checks passed\n");
    return 0;
}
