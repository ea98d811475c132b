/* tests/unit/test_pbkdf2.c - PBKDF2 (include/fips140/pbkdf2.h, SP 800-132 §5.3): the RFC 6070 vectors
 * (HMAC-SHA-1) and PBKDF2-HMAC-SHA-256 answers from OpenSSL; every fixed-length hash (SHA-1, SHA-2, SHA-3) vs
 * OpenSSL's PKCS5_PBKDF2_HMAC over random passwords (0..200 bytes, so also longer than a block), salts,
 * iteration counts and output lengths (partial last blocks, several blocks); bad parameters (status, nothing
 * written); the service indicator at and around each SP 800-132 bound; FIPS140=only refusing a 64-bit salt, 500
 * iterations and a 64-bit key with fips140_last_refusal() naming the rule (in a child process: the mode is read once). */
#include "test_util.h"

#include <openssl/evp.h>

typedef struct alg_info {
    fips140_hash_alg alg;
    const char *ossl;
    size_t dlen;
} alg_info;

static const alg_info algs[] = {
    {FIPS140_SHA1, "SHA1", 20},           {FIPS140_SHA224, "SHA224", 28},         {FIPS140_SHA256, "SHA256", 32},
    {FIPS140_SHA384, "SHA384", 48},       {FIPS140_SHA512, "SHA512", 64},         {FIPS140_SHA512_224, "SHA512-224", 28},
    {FIPS140_SHA512_256, "SHA512-256", 32}, {FIPS140_SHA3_224, "SHA3-224", 28},   {FIPS140_SHA3_256, "SHA3-256", 32},
    {FIPS140_SHA3_384, "SHA3-384", 48},   {FIPS140_SHA3_512, "SHA3-512", 64},
};
#define NALGS (sizeof algs / sizeof algs[0])
static const EVP_MD *mds[NALGS];

static void oracle(size_t ai, uint8_t *out, size_t outlen, const uint8_t *pw, size_t pwlen, const uint8_t *salt,
                   size_t saltlen, int iter)
{
    static const uint8_t dummy[1] = {0};
    if (PKCS5_PBKDF2_HMAC(pwlen ? (const char *)pw : (const char *)dummy, (int)pwlen, saltlen ? salt : dummy,
                          (int)saltlen, iter, mds[ai], (int)outlen, out) != 1) {
        fprintf(stderr, "OpenSSL PKCS5_PBKDF2_HMAC failed (%s)\n", algs[ai].ossl);
        abort();
    }
}

/* RFC 6070 §2 (PBKDF2-HMAC-SHA1); the 16 777 216-iteration case is left out for time. */
static void test_rfc6070(void)
{
    static const struct {
        const char *p;
        size_t plen;
        const char *s;
        size_t slen;
        uint64_t c;
        const char *dk;
    } v[] = {
        {"password", 8, "salt", 4, 1, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
        {"password", 8, "salt", 4, 2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
        {"password", 8, "salt", 4, 4096, "4b007901b765489abead49d926f721d065a429c1"},
        {"passwordPASSWORDpassword", 24, "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096,
         "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"},
        {"pass\0word", 9, "sa\0lt", 5, 4096, "56fa6aa75548099dcc37d7f03425e0c3"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t want[64], got[64];
        size_t n = tu_unhex(want, sizeof want, v[i].dk);
        CHECK_OK(fips140_pbkdf2(FIPS140_SHA1, got, n, (const uint8_t *)v[i].p, v[i].plen, (const uint8_t *)v[i].s,
                                v[i].slen, v[i].c), "RFC 6070 case %zu", i + 1);
        CHECK_MEM(got, want, n, "RFC 6070 case %zu", i + 1);
    }
    /* PBKDF2-HMAC-SHA-256, the same inputs as RFC 6070 cases 2 and 5 (answers: OpenSSL 3.0 `openssl kdf ... PBKDF2`,
     * Python hashlib.pbkdf2_hmac). */
    uint8_t want[40], got[40];
    tu_unhex(want, sizeof want, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
    CHECK_OK(fips140_pbkdf2(FIPS140_SHA256, got, 32, (const uint8_t *)"password", 8, (const uint8_t *)"salt", 4, 2),
             "SHA-256 c=2");
    CHECK_MEM(got, want, 32, "SHA-256 c=2");
    tu_unhex(want, sizeof want, "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
    CHECK_OK(fips140_pbkdf2(FIPS140_SHA256, got, 40, (const uint8_t *)"passwordPASSWORDpassword", 24,
                            (const uint8_t *)"saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096), "SHA-256 c=4096");
    CHECK_MEM(got, want, 40, "SHA-256 c=4096");
}

/* Random comparison with OpenSSL. */
static void test_random(void)
{
    tu_rng r = {0x5041424b4446ull};
    static uint8_t pw[256], salt[128], got[400], want[400];
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (int k = 0; k < 60; k++) {
            size_t pwlen = k < 5 ? (size_t)k * 50 : tu_below(&r, 201);
            size_t saltlen = tu_below(&r, 100);
            size_t outlen = 1 + tu_below(&r, k % 3 == 0 ? 4 * a->dlen + 7 : a->dlen + 1);
            int iter = k == 0 ? 1 : k == 1 ? 2 : 1 + (int)tu_below(&r, k % 10 == 0 ? 3000 : 40);
            tu_fill(&r, pw, pwlen);
            tu_fill(&r, salt, saltlen);
            oracle(ai, want, outlen, pw, pwlen, salt, saltlen, iter);
            memset(got, 0xa5, sizeof got);
            CHECK_OK(fips140_pbkdf2(a->alg, got, outlen, pw, pwlen, salt, saltlen, (uint64_t)iter), "%s", a->ossl);
            CHECK_MEM(got, want, outlen, "PBKDF2-%s pw %zu salt %zu out %zu iter %d", a->ossl, pwlen, saltlen, outlen,
                      iter);
            CHECK(got[outlen] == 0xa5, "PBKDF2-%s wrote past outlen %zu", a->ossl, outlen);
        }
    }
}

/* Bad parameters: the status, and nothing written. */
static void test_errors(void)
{
    uint8_t out[64], pw[16] = {1}, salt[16] = {2};
    const uint8_t untouched[64] = {0};
    memset(out, 0, sizeof out);
#define NOWRITE(expr, want, what)                                                  \
    do {                                                                           \
        fips140_indicator_clear();                                                 \
        CHECK_ST(expr, want, what);                                                \
        CHECK_MEM(out, untouched, sizeof out, "%s wrote its output", what);         \
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "%s set the indicator", what); \
    } while (0)
    NOWRITE(fips140_pbkdf2(FIPS140_SHA256, NULL, 32, pw, 16, salt, 16, 1000), FIPS140_ERR_NULL, "out NULL");
    NOWRITE(fips140_pbkdf2(FIPS140_SHA256, out, 32, NULL, 16, salt, 16, 1000), FIPS140_ERR_NULL, "password NULL");
    NOWRITE(fips140_pbkdf2(FIPS140_SHA256, out, 32, pw, 16, NULL, 16, 1000), FIPS140_ERR_NULL, "salt NULL");
    NOWRITE(fips140_pbkdf2(FIPS140_SHAKE128, out, 32, pw, 16, salt, 16, 1000), FIPS140_ERR_ARG, "SHAKE-128");
    NOWRITE(fips140_pbkdf2(FIPS140_SHAKE256, out, 32, pw, 16, salt, 16, 1000), FIPS140_ERR_ARG, "SHAKE-256");
    NOWRITE(fips140_pbkdf2((fips140_hash_alg)0, out, 32, pw, 16, salt, 16, 1000), FIPS140_ERR_ARG, "alg 0");
    NOWRITE(fips140_pbkdf2((fips140_hash_alg)99, out, 32, pw, 16, salt, 16, 1000), FIPS140_ERR_ARG, "alg 99");
    NOWRITE(fips140_pbkdf2(FIPS140_SHA256, out, 32, pw, 16, salt, 16, 0), FIPS140_ERR_ARG, "0 iterations");
    NOWRITE(fips140_pbkdf2(FIPS140_SHA256, out, 0, pw, 16, salt, 16, 1000), FIPS140_ERR_OUTPUT_LENGTH, "outlen 0");
    if (sizeof(size_t) > 4)
        NOWRITE(fips140_pbkdf2(FIPS140_SHA1, out, (size_t)((UINT64_C(0xffffffff) * 20) + 1), pw, 16, salt, 16, 1000),
                FIPS140_ERR_OUTPUT_LENGTH, "outlen over (2^32 - 1) * hLen");
#undef NOWRITE
    /* NULL with length 0 is an empty password / salt. */
    uint8_t a[32], b[32];
    CHECK_OK(fips140_pbkdf2(FIPS140_SHA256, a, 32, NULL, 0, NULL, 0, 3), "empty password and salt");
    oracle(2, b, 32, pw, 0, salt, 0, 3);
    CHECK_MEM(a, b, 32, "empty password and salt");
}

/* Indicator: APPROVED only with salt >= 16 bytes, iterations >= 1000, output >= 14 bytes. */
static void test_indicator(void)
{
    uint8_t out[64], pw[8] = {'p', 'a', 's', 's'}, salt[32] = {0};
    static const struct {
        size_t saltlen, outlen;
        uint64_t iter;
        int approved;
    } v[] = {
        {16, 14, 1000, 1}, {32, 64, 1500, 1}, {15, 14, 1000, 0}, {16, 13, 1000, 0}, {16, 14, 999, 0},
        {0, 32, 1000, 0},  {8, 8, 500, 0},
    };
    int only = fips140_get_mode() == FIPS140_MODE_ONLY;
    for (size_t ai = 0; ai < NALGS; ai++) {
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            fips140_indicator_clear();
            fips140_status st = fips140_pbkdf2(algs[ai].alg, out, v[i].outlen, pw, sizeof pw, salt, v[i].saltlen,
                                               v[i].iter);
            if (only && !v[i].approved) {
                CHECK(st == FIPS140_ERR_NOT_APPROVED, "only: case %zu status %d", i, st);
                continue;
            }
            fips140_indicator want = v[i].approved ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED;
            CHECK(st == FIPS140_OK && fips140_indicator_get() == want, "PBKDF2-%s case %zu: status %d indicator %d",
                  algs[ai].ossl, i, st, (int)fips140_indicator_get());
        }
    }
}

/* FIPS140=only (child): each SP 800-132 bound refused with its rule; approved calls work. */
static int only_mode_child(void)
{
    int bad = 0;
    uint8_t out[32], pw[8] = {'p'}, salt[16] = {0};
    const char *rule;
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_pbkdf2(FIPS140_SHA256, out, 32, pw, 8, salt, 8, 1000) != FIPS140_ERR_NOT_APPROVED;
    rule = fips140_last_refusal();
    bad += rule == NULL || strstr(rule, "SP 800-132") == NULL || strstr(rule, "salt") == NULL;
    bad += fips140_pbkdf2(FIPS140_SHA256, out, 32, pw, 8, salt, 16, 500) != FIPS140_ERR_NOT_APPROVED;
    rule = fips140_last_refusal();
    bad += rule == NULL || strstr(rule, "SP 800-132") == NULL || strstr(rule, "iteration") == NULL;
    bad += fips140_pbkdf2(FIPS140_SHA256, out, 8, pw, 8, salt, 16, 1000) != FIPS140_ERR_NOT_APPROVED;
    rule = fips140_last_refusal();
    bad += rule == NULL || strstr(rule, "SP 800-132") == NULL || strstr(rule, "112 bits") == NULL;
    fips140_indicator_clear();
    bad += fips140_pbkdf2(FIPS140_SHA256, out, 14, pw, 8, salt, 16, 1000) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");

    tu_print_paths("test_pbkdf2");
    for (size_t i = 0; i < NALGS; i++) {
        mds[i] = EVP_get_digestbyname(algs[i].ossl);
        if (mds[i] == NULL) {
            fprintf(stderr, "OpenSSL lacks %s\n", algs[i].ossl);
            return 1;
        }
    }
    test_rfc6070();
    test_random();
    test_errors();
    test_indicator();
    return tu_done();
}
