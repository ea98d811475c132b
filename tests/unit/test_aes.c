/* tests/unit/test_aes.c - AES ECB, CBC and CTR (include/fips140/aes.h): known answers from FIPS 197 Appendix C
 * and SP 800-38A Appendix F; every key size vs OpenSSL for lengths 0..1024 (block multiples for ECB/CBC), out of
 * place and in place; CBC streaming (IV chaining across calls); CTR streaming at every 2- and 3-way split point
 * of a 100-byte message and random chunks; counter carries across 32, 64 and 128 bits (wrap at FF..FF); errors
 * (key length, data length, NULL, call order) leave outputs untouched; the service indicator. */
#include "test_util.h"

#include <openssl/evp.h>

static const size_t klens[3] = {16, 24, 32};
static uint8_t data[1024 + 64];
static uint8_t keybytes[32];

/* ossl - OpenSSL's answer: mode "ECB", "CBC" or "CTR"; enc 1/0. */
static void ossl(const char *mode, int enc, const uint8_t *key, size_t klen, const uint8_t *iv, uint8_t *out,
                 const uint8_t *in, size_t len)
{
    char name[32];
    snprintf(name, sizeof name, "AES-%zu-%s", klen * 8, mode);
    EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0;
    int ok = c && x && EVP_CipherInit_ex(x, c, NULL, key, iv, enc) == 1 && EVP_CIPHER_CTX_set_padding(x, 0) == 1 &&
             EVP_CipherUpdate(x, out, &n1, in, (int)len) == 1 && EVP_CipherFinal_ex(x, out + n1, &n2) == 1 &&
             (size_t)(n1 + n2) == len;
    EVP_CIPHER_CTX_free(x);
    EVP_CIPHER_free(c);
    if (!ok) {
        fprintf(stderr, "OpenSSL %s failed\n", name);
        abort();
    }
}

static void test_kat(void)
{
    uint8_t k[32], pt[64], want[64], got[64], iv[16];
    fips140_aes_key key;
    /* FIPS 197 Appendix C.1-C.3: plaintext 00112233..ff, key 000102.. */
    static const char *const c_vectors[3] = {"69c4e0d86a7b0430d8cdb78070b4c55a", "dda97ca4864cdfe06eaf70a0ec0d7191",
                                             "8ea2b7ca516745bfeafc49904b496089"};
    tu_unhex(pt, sizeof pt, "00112233445566778899aabbccddeeff");
    for (int i = 0; i < 3; i++) {
        tu_unhex(k, sizeof k, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        tu_unhex(want, sizeof want, c_vectors[i]);
        CHECK_OK(fips140_aes_key_init(&key, k, klens[i]), "key init %zu", klens[i]);
        CHECK_OK(fips140_aes_ecb_encrypt(&key, got, pt, 16), "ecb");
        CHECK_MEM(got, want, 16, "FIPS 197 C.%d cipher", i + 1);
        CHECK_OK(fips140_aes_ecb_decrypt(&key, got, want, 16), "ecb dec");
        CHECK_MEM(got, pt, 16, "FIPS 197 C.%d inverse cipher", i + 1);
    }
    /* SP 800-38A F.1.1 (ECB-AES128), F.2.1 (CBC-AES128), F.5.1 (CTR-AES128). */
    tu_unhex(k, sizeof k, "2b7e151628aed2a6abf7158809cf4f3c");
    tu_unhex(pt, sizeof pt,
             "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
             "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    CHECK_OK(fips140_aes_key_init(&key, k, 16), "key");
    tu_unhex(want, sizeof want,
             "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
             "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4");
    CHECK_OK(fips140_aes_ecb_encrypt(&key, got, pt, 64), "ecb");
    CHECK_MEM(got, want, 64, "SP 800-38A F.1.1 ECB-AES128.Encrypt");
    tu_unhex(want, sizeof want,
             "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
             "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7");
    tu_unhex(iv, sizeof iv, "000102030405060708090a0b0c0d0e0f");
    CHECK_OK(fips140_aes_cbc_encrypt(&key, iv, got, pt, 64), "cbc");
    CHECK_MEM(got, want, 64, "SP 800-38A F.2.1 CBC-AES128.Encrypt");
    tu_unhex(want, sizeof want,
             "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
             "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
    tu_unhex(iv, sizeof iv, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    fips140_aes_ctr_ctx ctr;
    CHECK_OK(fips140_aes_ctr_init(&ctr, k, 16, iv), "ctr init");
    CHECK_OK(fips140_aes_ctr_update(&ctr, got, pt, 64), "ctr");
    CHECK_MEM(got, want, 64, "SP 800-38A F.5.1 CTR-AES128.Encrypt");
}

/* ECB and CBC vs OpenSSL, every block-multiple length up to 1024, out of place and in place. */
static void test_ecb_cbc(void)
{
    static uint8_t want[1024], got[1024], back[1024];
    uint8_t iv0[16], iv[16];
    tu_rng rng = {3};
    tu_fill(&rng, iv0, 16);
    for (int ki = 0; ki < 3; ki++) {
        size_t kl = klens[ki];
        fips140_aes_key key;
        CHECK_OK(fips140_aes_key_init(&key, keybytes, kl), "key %zu", kl);
        for (size_t len = 0; len <= 1024; len += 16) {
            const uint8_t *in = data + (len / 16) % 8; /* varying alignment */
            ossl("ECB", 1, keybytes, kl, NULL, want, in, len);
            CHECK_OK(fips140_aes_ecb_encrypt(&key, got, in, len), "ecb %zu", len);
            CHECK_MEM(got, want, len, "AES-%zu-ECB encrypt %zu bytes", kl * 8, len);
            CHECK_OK(fips140_aes_ecb_decrypt(&key, back, got, len), "ecb dec %zu", len);
            CHECK_MEM(back, in, len, "AES-%zu-ECB decrypt %zu bytes", kl * 8, len);
            memcpy(back, in, len);
            CHECK_OK(fips140_aes_ecb_encrypt(&key, back, back, len), "ecb in place");
            CHECK_MEM(back, want, len, "AES-%zu-ECB in-place encrypt %zu", kl * 8, len);
            CHECK_OK(fips140_aes_ecb_decrypt(&key, back, back, len), "ecb dec in place");
            CHECK_MEM(back, in, len, "AES-%zu-ECB in-place decrypt %zu", kl * 8, len);

            ossl("CBC", 1, keybytes, kl, iv0, want, in, len);
            memcpy(iv, iv0, 16);
            CHECK_OK(fips140_aes_cbc_encrypt(&key, iv, got, in, len), "cbc %zu", len);
            CHECK_MEM(got, want, len, "AES-%zu-CBC encrypt %zu bytes", kl * 8, len);
            CHECK_MEM(iv, len ? want + len - 16 : iv0, 16, "AES-%zu-CBC iv after encrypt %zu", kl * 8, len);
            memcpy(iv, iv0, 16);
            CHECK_OK(fips140_aes_cbc_decrypt(&key, iv, back, got, len), "cbc dec %zu", len);
            CHECK_MEM(back, in, len, "AES-%zu-CBC decrypt %zu bytes", kl * 8, len);
            CHECK_MEM(iv, len ? want + len - 16 : iv0, 16, "AES-%zu-CBC iv after decrypt %zu", kl * 8, len);
            memcpy(back, in, len);
            memcpy(iv, iv0, 16);
            CHECK_OK(fips140_aes_cbc_encrypt(&key, iv, back, back, len), "cbc in place");
            CHECK_MEM(back, want, len, "AES-%zu-CBC in-place encrypt %zu", kl * 8, len);
            memcpy(iv, iv0, 16);
            CHECK_OK(fips140_aes_cbc_decrypt(&key, iv, back, back, len), "cbc dec in place");
            CHECK_MEM(back, in, len, "AES-%zu-CBC in-place decrypt %zu", kl * 8, len);
        }
        /* CBC streaming: random block-multiple pieces continue one message through the updated IV. */
        ossl("CBC", 1, keybytes, kl, iv0, want, data, 1024);
        for (int rep = 0; rep < 30; rep++) {
            fips140_status st = FIPS140_OK;
            memcpy(iv, iv0, 16);
            for (size_t pos = 0; pos < 1024 && st == FIPS140_OK;) {
                size_t n = 16 * tu_below(&rng, 20);
                if (n > 1024 - pos) n = 1024 - pos;
                st = fips140_aes_cbc_encrypt(&key, iv, got + pos, data + pos, n);
                pos += n;
            }
            CHECK(st == FIPS140_OK, "cbc stream status %d", st);
            CHECK_MEM(got, want, 1024, "AES-%zu-CBC streaming encrypt (rep %d)", kl * 8, rep);
            memcpy(iv, iv0, 16);
            for (size_t pos = 0; pos < 1024 && st == FIPS140_OK;) {
                size_t n = 16 * tu_below(&rng, 20);
                if (n > 1024 - pos) n = 1024 - pos;
                st = fips140_aes_cbc_decrypt(&key, iv, back + pos, got + pos, n);
                pos += n;
            }
            CHECK(st == FIPS140_OK, "cbc stream dec status %d", st);
            CHECK_MEM(back, data, 1024, "AES-%zu-CBC streaming decrypt (rep %d)", kl * 8, rep);
        }
        fips140_wipe(&key, sizeof key);
    }
}

/* ctr_run - CTR over msg cut at the given points. */
static fips140_status ctr_run(size_t kl, const uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t len,
                              const size_t *cuts, size_t ncuts)
{
    fips140_aes_ctr_ctx ctx;
    fips140_status st = fips140_aes_ctr_init(&ctx, keybytes, kl, iv);
    size_t pos = 0;
    for (size_t i = 0; i <= ncuts && st == FIPS140_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        st = fips140_aes_ctr_update(&ctx, out + pos, in + pos, end - pos);
        pos = end;
    }
    fips140_wipe(&ctx, sizeof ctx);
    return st;
}

static void test_ctr(void)
{
    static uint8_t want[1024], got[1024];
    uint8_t iv[16];
    tu_rng rng = {4};
    tu_fill(&rng, iv, 16);
    for (int ki = 0; ki < 3; ki++) {
        size_t kl = klens[ki];
        for (size_t len = 0; len <= 1024; len++) {
            const uint8_t *in = data + len % 8;
            ossl("CTR", 1, keybytes, kl, iv, want, in, len);
            CHECK_OK(ctr_run(kl, iv, got, in, len, NULL, 0), "ctr %zu", len);
            CHECK_MEM(got, want, len, "AES-%zu-CTR %zu bytes", kl * 8, len);
            memcpy(got, in, len);
            CHECK_OK(ctr_run(kl, iv, got, got, len, NULL, 0), "ctr in place %zu", len);
            CHECK_MEM(got, want, len, "AES-%zu-CTR in place %zu bytes", kl * 8, len);
        }
        /* Every 2-way and 3-way split of a 100-byte message. */
        ossl("CTR", 1, keybytes, kl, iv, want, data, 100);
        for (size_t i = 0; i <= 100; i++) {
            size_t bad = SIZE_MAX;
            for (size_t j = i; j <= 100 && bad == SIZE_MAX; j++) {
                size_t cuts[2] = {i, j};
                memset(got, 0, 100);
                if (ctr_run(kl, iv, got, data, 100, cuts, 2) != FIPS140_OK || memcmp(got, want, 100) != 0)
                    bad = j;
            }
            CHECK(bad == SIZE_MAX, "AES-%zu-CTR split (%zu, %zu) of 100 bytes", kl * 8, i, bad);
            memset(got, 0, 100);
            CHECK(ctr_run(kl, iv, got, data, 100, &i, 1) == FIPS140_OK && memcmp(got, want, 100) == 0,
                  "AES-%zu-CTR split at %zu of 100 bytes", kl * 8, i);
        }
        /* Random chunks over 1024 bytes, including empty updates. */
        ossl("CTR", 1, keybytes, kl, iv, want, data, 1024);
        for (int rep = 0; rep < 30; rep++) {
            fips140_aes_ctr_ctx ctx;
            fips140_status st = fips140_aes_ctr_init(&ctx, keybytes, kl, iv);
            for (size_t pos = 0; pos < 1024 && st == FIPS140_OK;) {
                size_t n = tu_below(&rng, 200);
                if (n > 1024 - pos) n = 1024 - pos;
                st = fips140_aes_ctr_update(&ctx, got + pos, data + pos, n);
                pos += n;
            }
            CHECK(st == FIPS140_OK, "ctr stream status %d", st);
            CHECK_MEM(got, want, 1024, "AES-%zu-CTR random chunks (rep %d)", kl * 8, rep);
        }
    }
    /* Counter carries: the whole block is one 128-bit big-endian counter (wraps modulo 2^128). */
    static const char *const ivs[] = {
        "ffffffffffffffffffffffffffffffff", /* wraps to zero */
        "fffffffffffffffffffffffffffffffd",
        "000000000000000000000000fffffffe", /* carry out of the low 32 bits */
        "0000000000000000fffffffffffffffe", /* carry out of the low 64 bits */
        "00000000ffffffffffffffffffffffff", /* carry out of the low 96 bits */
        "0102030405060708090a0b0cfffffff0",
    };
    for (size_t v = 0; v < sizeof ivs / sizeof ivs[0]; v++) {
        tu_unhex(iv, 16, ivs[v]);
        for (int ki = 0; ki < 3; ki++) {
            size_t kl = klens[ki];
            for (size_t len = 1; len <= 600; len += 37) {
                ossl("CTR", 1, keybytes, kl, iv, want, data, len);
                CHECK_OK(ctr_run(kl, iv, got, data, len, NULL, 0), "ctr wrap");
                CHECK_MEM(got, want, len, "AES-%zu-CTR counter %s, %zu bytes", kl * 8, ivs[v], len);
                size_t cut = len / 3;
                CHECK_OK(ctr_run(kl, iv, got, data, len, &cut, 1), "ctr wrap split");
                CHECK_MEM(got, want, len, "AES-%zu-CTR counter %s, %zu bytes split at %zu", kl * 8, ivs[v], len, cut);
            }
        }
    }
}

static void test_errors(void)
{
    fips140_aes_key key;
    uint8_t out[64], in[64] = {0}, iv[16] = {0}, iv_copy[16];
    static const size_t bad_klens[] = {0, 1, 15, 17, 20, 23, 25, 31, 33, 64};
    for (size_t i = 0; i < sizeof bad_klens / sizeof bad_klens[0]; i++) {
        CHECK_ST(fips140_aes_key_init(&key, keybytes, bad_klens[i]), FIPS140_ERR_KEY_LENGTH, "key length %zu",
                 bad_klens[i]);
        fips140_aes_ctr_ctx ctx;
        CHECK_ST(fips140_aes_ctr_init(&ctx, keybytes, bad_klens[i], iv), FIPS140_ERR_KEY_LENGTH, "ctr key length %zu",
                 bad_klens[i]);
    }
    CHECK_ST(fips140_aes_key_init(NULL, keybytes, 16), FIPS140_ERR_NULL, "key init NULL key struct");
    CHECK_ST(fips140_aes_key_init(&key, NULL, 16), FIPS140_ERR_NULL, "key init NULL key bytes");
    CHECK_OK(fips140_aes_key_init(&key, keybytes, 16), "key");

    static const size_t bad_lens[] = {1, 15, 17, 31, 33, 63};
    for (size_t i = 0; i < sizeof bad_lens / sizeof bad_lens[0]; i++) {
        size_t n = bad_lens[i];
        memset(out, 0x5A, sizeof out);
        CHECK_ST(fips140_aes_ecb_encrypt(&key, out, in, n), FIPS140_ERR_DATA_LENGTH, "ECB encrypt len %zu", n);
        CHECK_ST(fips140_aes_ecb_decrypt(&key, out, in, n), FIPS140_ERR_DATA_LENGTH, "ECB decrypt len %zu", n);
        memcpy(iv_copy, iv, 16);
        CHECK_ST(fips140_aes_cbc_encrypt(&key, iv, out, in, n), FIPS140_ERR_DATA_LENGTH, "CBC encrypt len %zu", n);
        CHECK_ST(fips140_aes_cbc_decrypt(&key, iv, out, in, n), FIPS140_ERR_DATA_LENGTH, "CBC decrypt len %zu", n);
        CHECK_MEM(iv, iv_copy, 16, "CBC error changed the IV (len %zu)", n);
        uint8_t fill[64];
        memset(fill, 0x5A, sizeof fill);
        CHECK_MEM(out, fill, sizeof out, "refused ECB/CBC call wrote output (len %zu)", n);
    }
    CHECK_ST(fips140_aes_ecb_encrypt(NULL, out, in, 16), FIPS140_ERR_NULL, "ECB NULL key");
    CHECK_ST(fips140_aes_ecb_encrypt(&key, NULL, in, 16), FIPS140_ERR_NULL, "ECB NULL out");
    CHECK_ST(fips140_aes_ecb_decrypt(&key, out, NULL, 16), FIPS140_ERR_NULL, "ECB NULL in");
    CHECK_OK(fips140_aes_ecb_encrypt(&key, NULL, NULL, 0), "ECB NULL buffers, len 0");
    CHECK_ST(fips140_aes_cbc_encrypt(NULL, iv, out, in, 16), FIPS140_ERR_NULL, "CBC NULL key");
    CHECK_ST(fips140_aes_cbc_encrypt(&key, NULL, out, in, 16), FIPS140_ERR_NULL, "CBC NULL iv");
    CHECK_ST(fips140_aes_cbc_encrypt(&key, iv, NULL, in, 16), FIPS140_ERR_NULL, "CBC NULL out");
    CHECK_ST(fips140_aes_cbc_decrypt(&key, iv, out, NULL, 16), FIPS140_ERR_NULL, "CBC NULL in");
    CHECK_OK(fips140_aes_cbc_decrypt(&key, iv, NULL, NULL, 0), "CBC NULL buffers, len 0");

    fips140_aes_ctr_ctx ctx;
    CHECK_ST(fips140_aes_ctr_init(NULL, keybytes, 16, iv), FIPS140_ERR_NULL, "CTR init NULL ctx");
    CHECK_ST(fips140_aes_ctr_init(&ctx, NULL, 16, iv), FIPS140_ERR_NULL, "CTR init NULL key");
    CHECK_ST(fips140_aes_ctr_init(&ctx, keybytes, 16, NULL), FIPS140_ERR_NULL, "CTR init NULL iv");
    memset(&ctx, 0, sizeof ctx);
    CHECK_ST(fips140_aes_ctr_update(&ctx, out, in, 16), FIPS140_ERR_STATE, "CTR update on a zeroed ctx");
    CHECK_OK(fips140_aes_ctr_init(&ctx, keybytes, 16, iv), "CTR init");
    CHECK_ST(fips140_aes_ctr_update(NULL, out, in, 16), FIPS140_ERR_NULL, "CTR update NULL ctx");
    CHECK_ST(fips140_aes_ctr_update(&ctx, NULL, in, 16), FIPS140_ERR_NULL, "CTR update NULL out");
    CHECK_ST(fips140_aes_ctr_update(&ctx, out, NULL, 16), FIPS140_ERR_NULL, "CTR update NULL in");
    CHECK_OK(fips140_aes_ctr_update(&ctx, NULL, NULL, 0), "CTR update NULL buffers, len 0");
    fips140_wipe(&ctx, sizeof ctx);
    CHECK_ST(fips140_aes_ctr_update(&ctx, out, in, 16), FIPS140_ERR_STATE, "CTR update after wipe");
}

static void test_indicator(void)
{
    fips140_aes_key key;
    fips140_aes_ctr_ctx ctx;
    uint8_t out[64], iv[16] = {0};
    for (int ki = 0; ki < 3; ki++) {
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_key_init(&key, keybytes, klens[ki]), "key");
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_ecb_encrypt(&key, out, data, 64), "ecb");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "ECB-%zu indicator", klens[ki] * 8);
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_ecb_decrypt(&key, out, data, 64), "ecb dec");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "ECB-%zu decrypt indicator", klens[ki] * 8);
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_cbc_encrypt(&key, iv, out, data, 64), "cbc");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "CBC-%zu indicator", klens[ki] * 8);
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_cbc_decrypt(&key, iv, out, data, 64), "cbc dec");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "CBC-%zu decrypt indicator", klens[ki] * 8);
        CHECK_OK(fips140_aes_ctr_init(&ctx, keybytes, klens[ki], iv), "ctr init");
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_ctr_update(&ctx, out, data, 50), "ctr");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "CTR-%zu indicator", klens[ki] * 8);
        fips140_indicator_clear();
        fips140_status st = fips140_aes_ecb_encrypt(&key, out, data, 17);
        CHECK(st != FIPS140_OK && fips140_indicator_get() == FIPS140_INDICATOR_NONE, "failed ECB set the indicator");
    }
}

int main(void)
{
    tu_print_paths("test_aes");
    tu_rng rng = {0xAE5};
    tu_fill(&rng, data, sizeof data);
    tu_fill(&rng, keybytes, sizeof keybytes);
    test_kat();
    test_ecb_cbc();
    test_ctr();
    test_errors();
    test_indicator();
    return tu_done();
}
