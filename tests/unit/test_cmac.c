/* tests/unit/test_cmac.c - CMAC-AES (SP 800-38B) and GMAC (SP 800-38D) from include/fips140/cmac.h: the
 * SP 800-38B Appendix D examples (= RFC 4493 §4 for AES-128); random keys, lengths 0..300 and multi-update splits
 * against OpenSSL's EVP_MAC "CMAC" and "GMAC"; truncation; verify (good and bad); reset; every bad-parameter error
 * with no output written; call order; the service indicator; FIPS140=only refusing short MACs / tags (in a child). */
#include "test_util.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

static uint8_t data[4096];
static EVP_MAC *ossl_cmac, *ossl_gmac;

static const char *cipher_name(size_t klen)
{
    return klen == 16 ? "AES-128-CBC" : klen == 24 ? "AES-192-CBC" : "AES-256-CBC";
}

static void oracle_cmac(uint8_t out[16], const uint8_t *key, size_t klen, const uint8_t *msg, size_t len)
{
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(ossl_cmac);
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)cipher_name(klen), 0),
                       OSSL_PARAM_construct_end()};
    size_t n = 0;
    if (c == NULL || !EVP_MAC_init(c, key, klen, p) || !EVP_MAC_update(c, msg, len) || !EVP_MAC_final(c, out, &n, 16) ||
        n != 16) {
        fprintf(stderr, "OpenSSL CMAC failed\n");
        abort();
    }
    EVP_MAC_CTX_free(c);
}

static void oracle_gmac(uint8_t out[16], const uint8_t *key, size_t klen, const uint8_t *iv, size_t ivlen,
                        const uint8_t *msg, size_t len)
{
    static const char *const names[] = {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"};
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(ossl_gmac);
    OSSL_PARAM p[3] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)names[(klen - 16) / 8], 0),
                       OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_IV, (void *)iv, ivlen),
                       OSSL_PARAM_construct_end()};
    size_t n = 0;
    if (c == NULL || !EVP_MAC_init(c, key, klen, p) || !EVP_MAC_update(c, msg, len) || !EVP_MAC_final(c, out, &n, 16) ||
        n != 16) {
        fprintf(stderr, "OpenSSL GMAC failed\n");
        abort();
    }
    EVP_MAC_CTX_free(c);
}

/* ---- SP 800-38B Appendix D.1 (AES-128, = RFC 4493 §4) and D.3 (AES-256): message lengths 0, 16, 40, 64 bytes
 * of the SP 800-38A sample plaintext. */
static const char *const sample_msg =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b"
    "17ad2b417be66c3710";
static const struct {
    const char *key;
    size_t len;
    const char *mac;
} kat[] = {
    {"2b7e151628aed2a6abf7158809cf4f3c", 0, "bb1d6929e95937287fa37d129b756746"},
    {"2b7e151628aed2a6abf7158809cf4f3c", 16, "070a16b46b4d4144f79bdd9dd04a287c"},
    {"2b7e151628aed2a6abf7158809cf4f3c", 40, "dfa66747de9ae63030ca32611497c827"},
    {"2b7e151628aed2a6abf7158809cf4f3c", 64, "51f0bebf7e3b9d92fc49741779363cfe"},
    {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 0, "028962f61b7bf89efc6b551f4667d983"},
    {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 16, "28a7023f452e8f82bd4bf28d8c37c35c"},
    {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 40, "aaf3d8f1de5640c232f5b169b9c911e6"},
    {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 64, "e1992190549f6ed5696a2c056c315410"},
};

static void test_cmac_kat(void)
{
    uint8_t msg[64], key[32], want[16], got[16];
    tu_unhex(msg, sizeof msg, sample_msg);
    for (size_t i = 0; i < sizeof kat / sizeof kat[0]; i++) {
        size_t klen = tu_unhex(key, sizeof key, kat[i].key);
        tu_unhex(want, sizeof want, kat[i].mac);
        memset(got, 0, sizeof got);
        CHECK_OK(fips140_cmac(got, 16, key, klen, msg, kat[i].len), "kat %zu", i);
        CHECK_MEM(got, want, 16, "SP 800-38B D example %zu", i);
        fips140_cmac_ctx ctx;
        CHECK_OK(fips140_cmac_init(&ctx, key, klen), "init");
        CHECK_OK(fips140_cmac_update(&ctx, msg, kat[i].len), "update");
        CHECK_OK(fips140_cmac_verify_final(&ctx, want, 16), "verify kat %zu", i);
        fips140_cmac_wipe(&ctx);
    }
}

/* Random keys and lengths against OpenSSL, one-shot and streamed in random pieces (including empty ones). */
static void test_cmac_vs_openssl(void)
{
    tu_rng r = {0xc3ac};
    uint8_t key[32], want[16], got[16];
    for (size_t klen = 16; klen <= 32; klen += 8) {
        for (size_t len = 0; len <= 300; len++) {
            tu_fill(&r, key, klen);
            const uint8_t *msg = data + tu_below(&r, 64);
            oracle_cmac(want, key, klen, msg, len);
            size_t tl = 1 + tu_below(&r, 16);
            memset(got, 0, sizeof got);
            CHECK_OK(fips140_cmac(got, tl, key, klen, msg, len), "one-shot");
            CHECK_MEM(got, want, tl, "one-shot klen %zu len %zu tl %zu", klen, len, tl);
            CHECK(tl == 16 || got[tl] == 0, "wrote past outlen %zu", tl);
            fips140_cmac_ctx ctx;
            CHECK_OK(fips140_cmac_init(&ctx, key, klen), "init");
            for (int rep = 0; rep < 3; rep++) {
                size_t off = 0;
                while (off < len) {
                    size_t n = tu_below(&r, 4) == 0 ? 0 : 1 + tu_below(&r, len - off);
                    if (rep == 1 && n > 17) n = 1 + tu_below(&r, 17);
                    CHECK_OK(fips140_cmac_update(&ctx, msg + off, n), "update");
                    off += n;
                }
                CHECK_OK(fips140_cmac_update(&ctx, NULL, 0), "empty update");
                memset(got, 0, sizeof got);
                CHECK_OK(fips140_cmac_final(&ctx, got, 16), "final");
                CHECK_MEM(got, want, 16, "streamed klen %zu len %zu rep %d", klen, len, rep);
                /* final leaves a fresh message under the same key */
            }
            fips140_cmac_wipe(&ctx);
        }
    }
    /* Long messages (the fast path's long loop). */
    for (size_t klen = 16; klen <= 32; klen += 8) {
        tu_fill(&r, key, klen);
        oracle_cmac(want, key, klen, data, sizeof data);
        CHECK_OK(fips140_cmac(got, 16, key, klen, data, sizeof data), "long");
        CHECK_MEM(got, want, 16, "long klen %zu", klen);
    }
}

static void test_cmac_verify_reset(void)
{
    uint8_t key[16] = {9, 8, 7}, mac[16], bad[16];
    fips140_cmac_ctx ctx;
    CHECK_OK(fips140_cmac(mac, 16, key, 16, data, 100), "one-shot");
    CHECK_OK(fips140_cmac_init(&ctx, key, 16), "init");
    CHECK_OK(fips140_cmac_update(&ctx, data, 33), "update");
    CHECK_OK(fips140_cmac_reset(&ctx), "reset");
    CHECK_OK(fips140_cmac_update(&ctx, data, 100), "update");
    CHECK_OK(fips140_cmac_verify_final(&ctx, mac, 16), "verify after reset");
    for (size_t tl = 1; tl <= 16; tl++) {
        CHECK_OK(fips140_cmac_update(&ctx, data, 100), "update");
        CHECK_OK(fips140_cmac_verify_final(&ctx, mac, tl), "verify truncated %zu", tl);
        for (size_t pos = 0; pos < tl; pos++) {
            memcpy(bad, mac, 16);
            bad[pos] ^= (uint8_t)(1u << (pos & 7));
            CHECK_OK(fips140_cmac_update(&ctx, data, 100), "update");
            CHECK_ST(fips140_cmac_verify_final(&ctx, bad, tl), FIPS140_ERR_AUTH, "bad mac tl %zu pos %zu", tl, pos);
        }
    }
    /* A byte beyond explen does not matter. */
    memcpy(bad, mac, 16);
    bad[15] ^= 1;
    CHECK_OK(fips140_cmac_update(&ctx, data, 100), "update");
    CHECK_OK(fips140_cmac_verify_final(&ctx, bad, 15), "verify 15");
    fips140_cmac_wipe(&ctx);
}

static int all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

static void test_cmac_errors(void)
{
    uint8_t key[32] = {1}, out[17];
    fips140_cmac_ctx ctx;
    static const size_t badk[] = {0, 1, 15, 17, 20, 31, 33, 64};
    for (size_t i = 0; i < sizeof badk / sizeof badk[0]; i++) {
        CHECK_ST(fips140_cmac_init(&ctx, key, badk[i]), FIPS140_ERR_KEY_LENGTH, "keylen %zu", badk[i]);
        memset(out, 0xa5, sizeof out);
        CHECK_ST(fips140_cmac(out, 16, key, badk[i], data, 3), FIPS140_ERR_KEY_LENGTH, "one-shot keylen");
        CHECK(all_bytes(out, sizeof out, 0xa5), "output written on error");
    }
    CHECK_ST(fips140_cmac_init(NULL, key, 16), FIPS140_ERR_NULL, "ctx NULL");
    CHECK_ST(fips140_cmac_init(&ctx, NULL, 16), FIPS140_ERR_NULL, "key NULL");
    CHECK_ST(fips140_cmac(NULL, 16, key, 16, data, 3), FIPS140_ERR_NULL, "out NULL");
    CHECK_ST(fips140_cmac(out, 16, NULL, 16, data, 3), FIPS140_ERR_NULL, "key NULL");
    CHECK_ST(fips140_cmac(out, 16, key, 16, NULL, 3), FIPS140_ERR_NULL, "data NULL");
    CHECK_OK(fips140_cmac(out, 16, key, 16, NULL, 0), "data NULL, len 0");
    static const size_t badt[] = {0, 17, 32, 1000};
    for (size_t i = 0; i < sizeof badt / sizeof badt[0]; i++) {
        memset(out, 0xa5, sizeof out);
        CHECK_ST(fips140_cmac(out, badt[i], key, 16, data, 3), FIPS140_ERR_TAG_LENGTH, "one-shot outlen %zu", badt[i]);
        CHECK(all_bytes(out, sizeof out, 0xa5), "output written on error");
        CHECK_OK(fips140_cmac_init(&ctx, key, 16), "init");
        CHECK_ST(fips140_cmac_final(&ctx, out, badt[i]), FIPS140_ERR_TAG_LENGTH, "final outlen %zu", badt[i]);
        CHECK(all_bytes(out, sizeof out, 0xa5), "output written on error");
        CHECK_ST(fips140_cmac_verify_final(&ctx, out, badt[i]), FIPS140_ERR_TAG_LENGTH, "verify explen %zu", badt[i]);
    }
    CHECK_OK(fips140_cmac_init(&ctx, key, 16), "init");
    CHECK_ST(fips140_cmac_update(NULL, data, 3), FIPS140_ERR_NULL, "update ctx NULL");
    CHECK_ST(fips140_cmac_update(&ctx, NULL, 3), FIPS140_ERR_NULL, "update data NULL");
    CHECK_ST(fips140_cmac_final(NULL, out, 16), FIPS140_ERR_NULL, "final ctx NULL");
    CHECK_ST(fips140_cmac_final(&ctx, NULL, 16), FIPS140_ERR_NULL, "final out NULL");
    CHECK_ST(fips140_cmac_verify_final(&ctx, NULL, 16), FIPS140_ERR_NULL, "verify NULL");
    CHECK_ST(fips140_cmac_reset(NULL), FIPS140_ERR_NULL, "reset NULL");
    /* Use after wipe / before init. */
    fips140_cmac_wipe(&ctx);
    fips140_cmac_wipe(NULL);
    CHECK_ST(fips140_cmac_update(&ctx, data, 3), FIPS140_ERR_STATE, "update after wipe");
    CHECK_ST(fips140_cmac_final(&ctx, out, 16), FIPS140_ERR_STATE, "final after wipe");
    CHECK_ST(fips140_cmac_verify_final(&ctx, out, 16), FIPS140_ERR_STATE, "verify after wipe");
    CHECK_ST(fips140_cmac_reset(&ctx), FIPS140_ERR_STATE, "reset after wipe");
    CHECK(all_bytes((const uint8_t *)&ctx, sizeof ctx, 0), "wipe zeroes the context");
}

static void test_cmac_indicator(void)
{
    uint8_t key[24] = {5}, out[16];
    fips140_cmac_ctx ctx;
    for (size_t tl = 1; tl <= 16; tl++) {
        fips140_indicator want = tl >= 8 ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED;
        fips140_indicator_clear();
        CHECK_OK(fips140_cmac(out, tl, key, 24, data, 20), "one-shot");
        CHECK(fips140_indicator_get() == want, "one-shot tl %zu indicator %d", tl, (int)fips140_indicator_get());
        CHECK_OK(fips140_cmac_init(&ctx, key, 24), "init");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "init indicator");
        CHECK_OK(fips140_cmac_update(&ctx, data, 20), "update");
        fips140_indicator_clear();
        CHECK_OK(fips140_cmac_final(&ctx, out, tl), "final");
        CHECK(fips140_indicator_get() == want, "final tl %zu indicator %d", tl, (int)fips140_indicator_get());
        CHECK_OK(fips140_cmac_update(&ctx, data, 20), "update");
        fips140_indicator_clear();
        CHECK_OK(fips140_cmac_verify_final(&ctx, out, tl), "verify");
        CHECK(fips140_indicator_get() == want, "verify tl %zu indicator %d", tl, (int)fips140_indicator_get());
    }
    fips140_indicator_clear();
    CHECK_ST(fips140_cmac(out, 0, key, 24, data, 20), FIPS140_ERR_TAG_LENGTH, "bad");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "failed call sets no indicator");
    fips140_cmac_wipe(&ctx);
}

/* ---- GMAC */

/* SP 800-38D: GCM with P empty is GMAC. Known answer: the GCM specification's Test Case 1 (McGrew & Viega, also
 * NIST GCMVS): K = 0^128, IV = 0^96, A and P empty, T = 58e2fccefa7e3061367f1d57a4e7455a. The rest against
 * OpenSSL. */
static void test_gmac_kat(void)
{
    uint8_t key[16] = {0}, iv[12] = {0}, want[16], got[16];
    tu_unhex(want, sizeof want, "58e2fccefa7e3061367f1d57a4e7455a");
    CHECK_OK(fips140_gmac(got, 16, key, 16, iv, 12, NULL, 0), "gmac tc1");
    CHECK_MEM(got, want, 16, "GCM test case 1 tag");
}

static void test_gmac_vs_openssl(void)
{
    tu_rng r = {0x474d4143};
    uint8_t key[32], iv[64], want[16], got[16];
    static const size_t ivlens[] = {12, 1, 8, 16, 17, 60};
    fips140_gmac_ctx ctx;
    for (size_t klen = 16; klen <= 32; klen += 8) {
        tu_fill(&r, key, klen);
        CHECK_OK(fips140_gmac_init(&ctx, key, klen), "init");
        for (size_t len = 0; len <= 300; len++) {
            size_t ivlen = ivlens[len % (sizeof ivlens / sizeof ivlens[0])];
            tu_fill(&r, iv, ivlen);
            const uint8_t *msg = data + tu_below(&r, 64);
            oracle_gmac(want, key, klen, iv, ivlen, msg, len);
            size_t tl = 4 + tu_below(&r, 13);
            memset(got, 0, sizeof got);
            CHECK_OK(fips140_gmac(got, tl, key, klen, iv, ivlen, msg, len), "one-shot");
            CHECK_MEM(got, want, tl, "gmac one-shot klen %zu ivlen %zu len %zu", klen, ivlen, len);
            CHECK(tl == 16 || got[tl] == 0, "wrote past taglen");
            CHECK_OK(fips140_gmac_start(&ctx, iv, ivlen), "start");
            size_t off = 0;
            while (off < len) {
                size_t n = tu_below(&r, 4) == 0 ? 0 : 1 + tu_below(&r, len - off);
                CHECK_OK(fips140_gmac_update(&ctx, msg + off, n), "update");
                off += n;
            }
            memset(got, 0, sizeof got);
            CHECK_OK(fips140_gmac_final(&ctx, got, 16), "final");
            CHECK_MEM(got, want, 16, "gmac streamed klen %zu ivlen %zu len %zu", klen, ivlen, len);
            CHECK_OK(fips140_gmac_start(&ctx, iv, ivlen), "start");
            CHECK_OK(fips140_gmac_update(&ctx, msg, len), "update");
            CHECK_OK(fips140_gmac_verify(&ctx, want, tl), "verify");
            CHECK_OK(fips140_gmac_start(&ctx, iv, ivlen), "start");
            CHECK_OK(fips140_gmac_update(&ctx, msg, len), "update");
            want[tu_below(&r, tl)] ^= 4;
            CHECK_ST(fips140_gmac_verify(&ctx, want, tl), FIPS140_ERR_AUTH, "bad tag");
        }
        /* long message */
        oracle_gmac(want, key, klen, iv, 12, data, sizeof data);
        CHECK_OK(fips140_gmac(got, 16, key, klen, iv, 12, data, sizeof data), "long");
        CHECK_MEM(got, want, 16, "gmac long");
        fips140_gmac_wipe(&ctx);
    }
}

static void test_gmac_errors(void)
{
    uint8_t key[32] = {1}, iv[12] = {2}, out[17];
    fips140_gmac_ctx ctx;
    CHECK_ST(fips140_gmac_init(&ctx, key, 20), FIPS140_ERR_KEY_LENGTH, "keylen");
    CHECK_ST(fips140_gmac_init(NULL, key, 16), FIPS140_ERR_NULL, "ctx");
    CHECK_ST(fips140_gmac_init(&ctx, NULL, 16), FIPS140_ERR_NULL, "key");
    memset(out, 0xa5, sizeof out);
    CHECK_ST(fips140_gmac(out, 16, key, 17, iv, 12, data, 3), FIPS140_ERR_KEY_LENGTH, "keylen");
    CHECK_ST(fips140_gmac(out, 16, key, 16, iv, 0, data, 3), FIPS140_ERR_IV_LENGTH, "ivlen 0");
    CHECK_ST(fips140_gmac(out, 3, key, 16, iv, 12, data, 3), FIPS140_ERR_TAG_LENGTH, "taglen 3");
    CHECK_ST(fips140_gmac(out, 17, key, 16, iv, 12, data, 3), FIPS140_ERR_TAG_LENGTH, "taglen 17");
    CHECK_ST(fips140_gmac(NULL, 16, key, 16, iv, 12, data, 3), FIPS140_ERR_NULL, "tag NULL");
    CHECK_ST(fips140_gmac(out, 16, NULL, 16, iv, 12, data, 3), FIPS140_ERR_NULL, "key NULL");
    CHECK_ST(fips140_gmac(out, 16, key, 16, NULL, 12, data, 3), FIPS140_ERR_NULL, "iv NULL");
    CHECK_ST(fips140_gmac(out, 16, key, 16, iv, 12, NULL, 3), FIPS140_ERR_NULL, "data NULL");
    CHECK(all_bytes(out, sizeof out, 0xa5), "output written on error");
    memset(&ctx, 0, sizeof ctx);
    CHECK_ST(fips140_gmac_start(&ctx, iv, 12), FIPS140_ERR_STATE, "start before init");
    CHECK_OK(fips140_gmac_init(&ctx, key, 16), "init");
    CHECK_ST(fips140_gmac_update(&ctx, data, 3), FIPS140_ERR_STATE, "update before start");
    CHECK_ST(fips140_gmac_final(&ctx, out, 16), FIPS140_ERR_STATE, "final before start");
    CHECK_ST(fips140_gmac_verify(&ctx, out, 16), FIPS140_ERR_STATE, "verify before start");
    CHECK_ST(fips140_gmac_start(&ctx, iv, 0), FIPS140_ERR_IV_LENGTH, "start ivlen 0");
    CHECK_ST(fips140_gmac_start(&ctx, NULL, 12), FIPS140_ERR_NULL, "start iv NULL");
    CHECK_ST(fips140_gmac_start(NULL, iv, 12), FIPS140_ERR_NULL, "start ctx NULL");
    CHECK_OK(fips140_gmac_start(&ctx, iv, 12), "start");
    CHECK_ST(fips140_gmac_update(&ctx, NULL, 3), FIPS140_ERR_NULL, "update NULL");
    CHECK_ST(fips140_gmac_update(NULL, data, 3), FIPS140_ERR_NULL, "update ctx NULL");
    CHECK_OK(fips140_gmac_update(&ctx, NULL, 0), "update empty");
    memset(out, 0xa5, sizeof out);
    static const size_t badt[] = {0, 1, 3, 17, 64};
    for (size_t i = 0; i < sizeof badt / sizeof badt[0]; i++) {
        CHECK_ST(fips140_gmac_final(&ctx, out, badt[i]), FIPS140_ERR_TAG_LENGTH, "final taglen %zu", badt[i]);
        CHECK_ST(fips140_gmac_verify(&ctx, out, badt[i]), FIPS140_ERR_TAG_LENGTH, "verify taglen %zu", badt[i]);
    }
    CHECK(all_bytes(out, sizeof out, 0xa5), "output written on error");
    CHECK_ST(fips140_gmac_final(&ctx, NULL, 16), FIPS140_ERR_NULL, "final NULL");
    CHECK_ST(fips140_gmac_verify(&ctx, NULL, 16), FIPS140_ERR_NULL, "verify NULL");
    CHECK_OK(fips140_gmac_final(&ctx, out, 16), "final");
    CHECK_ST(fips140_gmac_final(&ctx, out, 16), FIPS140_ERR_STATE, "final twice");
    fips140_gmac_wipe(&ctx);
    fips140_gmac_wipe(NULL);
    CHECK(all_bytes((const uint8_t *)&ctx, sizeof ctx, 0), "wipe zeroes the context");
    CHECK_ST(fips140_gmac_start(&ctx, iv, 12), FIPS140_ERR_STATE, "start after wipe");
}

static void test_gmac_indicator(void)
{
    uint8_t key[16] = {4}, iv[12] = {5}, out[16];
    fips140_gmac_ctx ctx;
    CHECK_OK(fips140_gmac_init(&ctx, key, 16), "init");
    for (size_t tl = 4; tl <= 16; tl++) {
        fips140_indicator want = (tl == 4 || tl == 8 || tl >= 12) ? FIPS140_INDICATOR_APPROVED
                                                                   : FIPS140_INDICATOR_NOT_APPROVED;
        fips140_indicator_clear();
        CHECK_OK(fips140_gmac(out, tl, key, 16, iv, 12, data, 30), "one-shot");
        CHECK(fips140_indicator_get() == want, "gmac one-shot tl %zu ind %d", tl, (int)fips140_indicator_get());
        CHECK_OK(fips140_gmac_start(&ctx, iv, 12), "start");
        CHECK_OK(fips140_gmac_update(&ctx, data, 30), "update");
        fips140_indicator_clear();
        CHECK_OK(fips140_gmac_verify(&ctx, out, tl), "verify");
        CHECK(fips140_indicator_get() == want, "gmac verify tl %zu ind %d", tl, (int)fips140_indicator_get());
    }
    fips140_gmac_wipe(&ctx);
}

/* FIPS140=only (fresh process): MACs / tags below 64 bits refused, naming the rule; others work and are approved.
 * Exit code = number of failed expectations. */
static int only_mode_child(void *arg)
{
    (void)arg;
    int bad = 0;
    uint8_t key[16] = {1, 2, 3}, out[16];
    fips140_cmac_ctx ctx;
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    for (size_t tl = 1; tl < 8; tl++) {
        memset(out, 0xa5, sizeof out);
        bad += fips140_cmac(out, tl, key, 16, "abc", 3) != FIPS140_ERR_NOT_APPROVED;
        bad += !all_bytes(out, sizeof out, 0xa5);
        bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-38B Appendix A") == NULL;
        bad += fips140_cmac_init(&ctx, key, 16) != FIPS140_OK;
        bad += fips140_cmac_update(&ctx, "abc", 3) != FIPS140_OK;
        bad += fips140_cmac_final(&ctx, out, tl) != FIPS140_ERR_NOT_APPROVED;
        bad += fips140_cmac_verify_final(&ctx, out, tl) != FIPS140_ERR_NOT_APPROVED;
    }
    fips140_indicator_clear();
    bad += fips140_cmac(out, 8, key, 16, "abc", 3) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    bad += fips140_cmac_init(&ctx, key, 16) != FIPS140_OK;
    bad += fips140_cmac_update(&ctx, "abc", 3) != FIPS140_OK;
    bad += fips140_cmac_verify_final(&ctx, out, 8) != FIPS140_OK;
    for (size_t tl = 5; tl <= 11; tl++) {
        if (tl == 8) continue;
        memset(out, 0xa5, sizeof out);
        bad += fips140_gmac(out, tl, key, 16, key, 12, "abc", 3) != FIPS140_ERR_NOT_APPROVED;
        bad += !all_bytes(out, sizeof out, 0xa5);
        bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-38D") == NULL;
    }
    fips140_indicator_clear();
    bad += fips140_gmac(out, 12, key, 16, key, 12, "abc", 3) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child(NULL));
    TU_CHECK_CHILD("only", "only");

    tu_print_paths("test_cmac");
    ossl_cmac = EVP_MAC_fetch(NULL, "CMAC", NULL);
    ossl_gmac = EVP_MAC_fetch(NULL, "GMAC", NULL);
    if (ossl_cmac == NULL || ossl_gmac == NULL) {
        fprintf(stderr, "OpenSSL has no CMAC / GMAC\n");
        return 2;
    }
    tu_rng rng = {0x434d4143};
    tu_fill(&rng, data, sizeof data);

    test_cmac_kat();
    test_cmac_vs_openssl();
    test_cmac_verify_reset();
    test_cmac_errors();
    test_cmac_indicator();
    test_gmac_kat();
    test_gmac_vs_openssl();
    test_gmac_errors();
    test_gmac_indicator();

    EVP_MAC_free(ossl_cmac);
    EVP_MAC_free(ossl_gmac);
    return tu_done();
}
