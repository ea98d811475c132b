/* tests/unit/test_xts.c - XTS-AES (SP 800-38E, IEEE Std 1619-2018) against OpenSSL's EVP aes-128-xts /
 * aes-256-xts as the independent oracle: random keys, tweaks and lengths 16..5000 (including every length
 * 16..80 and non-multiples of 16, which exercise ciphertext stealing), separate and in-place buffers, both
 * directions; NIST ACVP sample answers; every bad-parameter error with nothing written; the service indicator.
 * Run on every CPU path by ctest (FIPS140_CPU). */
#include "test_util.h"

#include <openssl/evp.h>

#include <fips140/xts.h>

#define MAXLEN 5000

static uint8_t pt[MAXLEN], want[MAXLEN], got[MAXLEN], back[MAXLEN];

/* ossl_xts - OpenSSL's answer for one data unit. */
static void ossl_xts(int enc, const uint8_t *key, size_t klen, const uint8_t tweak[16], uint8_t *out,
                     const uint8_t *in, size_t len)
{
    const EVP_CIPHER *c = klen == 32 ? EVP_aes_128_xts() : EVP_aes_256_xts();
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0;
    int ok = x && EVP_CipherInit_ex(x, c, NULL, key, tweak, enc) == 1 &&
             EVP_CipherUpdate(x, out, &n1, in, (int)len) == 1 && EVP_CipherFinal_ex(x, out + n1, &n2) == 1 &&
             (size_t)(n1 + n2) == len;
    EVP_CIPHER_CTX_free(x);
    if (!ok) {
        fprintf(stderr, "OpenSSL XTS failed (len %zu)\n", len);
        abort();
    }
}

/* one_case - encrypt and decrypt len bytes with the module (separate buffers, then in place), compare with OpenSSL. */
static void one_case(tu_rng *rng, size_t klen, size_t len)
{
    uint8_t key[64], tweak[16];
    fips140_aes_xts_ctx ctx;
    do
        tu_fill(rng, key, klen);
    while (memcmp(key, key + klen / 2, klen / 2) == 0);
    tu_fill(rng, tweak, 16);
    tu_fill(rng, pt, len);
    ossl_xts(1, key, klen, tweak, want, pt, len);
    CHECK_OK(fips140_aes_xts_init(&ctx, key, klen), "init klen %zu", klen);
    CHECK_OK(fips140_aes_xts_encrypt(&ctx, got, pt, len, tweak), "encrypt len %zu", len);
    CHECK_MEM(got, want, len, "XTS-AES-%zu encrypt, len %zu", klen * 4, len);
    CHECK_OK(fips140_aes_xts_decrypt(&ctx, back, want, len, tweak), "decrypt len %zu", len);
    CHECK_MEM(back, pt, len, "XTS-AES-%zu decrypt, len %zu", klen * 4, len);
    memcpy(back, pt, len); /* in place */
    CHECK_OK(fips140_aes_xts_encrypt(&ctx, back, back, len, tweak), "in-place encrypt len %zu", len);
    CHECK_MEM(back, want, len, "XTS-AES-%zu in-place encrypt, len %zu", klen * 4, len);
    CHECK_OK(fips140_aes_xts_decrypt(&ctx, back, back, len, tweak), "in-place decrypt len %zu", len);
    CHECK_MEM(back, pt, len, "XTS-AES-%zu in-place decrypt, len %zu", klen * 4, len);
    fips140_aes_xts_wipe(&ctx);
}

static void test_random(void)
{
    tu_rng rng = {0x5874};
    for (size_t k = 32; k <= 64; k += 32) {
        for (size_t len = 16; len <= 600; len++)
            one_case(&rng, k, len);
        for (int i = 0; i < 300; i++)
            one_case(&rng, k, 16 + tu_below(&rng, MAXLEN - 15));
        one_case(&rng, k, MAXLEN);
        one_case(&rng, k, 4096);
    }
}

/* test_acvp - answers from the NIST ACVP-AES-XTS 2.0 sample (tests/vectors/acvp/ACVP-AES-XTS-2.0). */
static void test_acvp(void)
{
    static const struct {
        int enc;
        const char *key, *tweak, *in, *out;
    } v[] = {
        {1, "DCF8C5F5AC2FF90719DF2DCBBEE159C53C44E80BCFA95C718C659C4E8F6FC0A4C85A9E3C16527E66BDD924C13EC8314987F0F3E8"
            "9089007B34DC472B95B7E03E",
         "7EB2097B64CC3BCCAD39608427ECC1A5", "A06B93F02AE1B52F2D7995D024914DD490320670AD610F5B4BC91E",
         "87E96FCD94D73BA5E2CFE45A96BE469C2A13CE2F621CD76FC1C875"}, /* tcId 237 */
        {0, "8E52F6FD062D7C3DCA35E3959E0B1D397AF6CEEDCC8A833C807A6DA14C108E8F", "5C000000000000000000000000000000",
         "18AEA17A4D782407848151529C59FA54A35A413FA9B9352FCD43752A3400BF1C8780EE9860C094BC3577A702BA50",
         "72BBECDCAC5B9913780AC9D439BBDBC46367F61CB3D6F0B0DCB100A2E33A4189FF812CCCB7AF572D0B1837529F79"}, /* tcId 516 */
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t key[64], tweak[16], in[64], out[64], res[64];
        size_t kl = tu_unhex(key, sizeof key, v[i].key), n = tu_unhex(in, sizeof in, v[i].in);
        tu_unhex(tweak, sizeof tweak, v[i].tweak);
        tu_unhex(out, sizeof out, v[i].out);
        fips140_aes_xts_ctx ctx;
        CHECK_OK(fips140_aes_xts_init(&ctx, key, kl), "acvp %zu init", i);
        if (v[i].enc)
            CHECK_OK(fips140_aes_xts_encrypt(&ctx, res, in, n, tweak), "acvp %zu", i);
        else
            CHECK_OK(fips140_aes_xts_decrypt(&ctx, res, in, n, tweak), "acvp %zu", i);
        CHECK_MEM(res, out, n, "acvp vector %zu", i);
    }
}

/* test_errors - every bad parameter: an error code and the output untouched. */
static void test_errors(void)
{
    uint8_t key[64], tweak[16] = {1}, in[64] = {0}, out[64];
    fips140_aes_xts_ctx ctx;
    tu_rng rng = {7};
    tu_fill(&rng, key, sizeof key);
    static const size_t bad_klens[] = {0, 16, 24, 31, 33, 48, 63, 65, 128};
    for (size_t i = 0; i < sizeof bad_klens / sizeof bad_klens[0]; i++)
        CHECK_ST(fips140_aes_xts_init(&ctx, key, bad_klens[i]), FIPS140_ERR_KEY_LENGTH, "klen %zu", bad_klens[i]);
    /* FIPS 140-3 IG C.I: Key1 == Key2 is refused, for both sizes; differing in the last byte only is fine. */
    for (size_t kl = 32; kl <= 64; kl += 32) {
        uint8_t eq[64];
        memcpy(eq, key, kl / 2);
        memcpy(eq + kl / 2, key, kl / 2);
        CHECK_ST(fips140_aes_xts_init(&ctx, eq, kl), FIPS140_ERR_ARG, "equal halves, klen %zu", kl);
        eq[kl - 1] ^= 1;
        CHECK_OK(fips140_aes_xts_init(&ctx, eq, kl), "halves differ in one bit, klen %zu", kl);
    }
    CHECK_ST(fips140_aes_xts_init(NULL, key, 32), FIPS140_ERR_NULL, "NULL ctx");
    CHECK_ST(fips140_aes_xts_init(&ctx, NULL, 32), FIPS140_ERR_NULL, "NULL key");
    CHECK_OK(fips140_aes_xts_init(&ctx, key, 64), "init");
    for (size_t len = 0; len < 16; len++) {
        memset(out, 0xA5, sizeof out);
        CHECK_ST(fips140_aes_xts_encrypt(&ctx, out, in, len, tweak), FIPS140_ERR_DATA_LENGTH, "len %zu", len);
        CHECK_ST(fips140_aes_xts_decrypt(&ctx, out, in, len, tweak), FIPS140_ERR_DATA_LENGTH, "len %zu", len);
        int untouched = 1;
        for (size_t j = 0; j < sizeof out; j++)
            untouched &= out[j] == 0xA5;
        CHECK(untouched, "output written on error (len %zu)", len);
    }
    /* Over 2^20 blocks: refused before anything is read or written (the buffer is not that long). */
    CHECK_ST(fips140_aes_xts_encrypt(&ctx, out, in, ((size_t)1 << 24) + 1, tweak), FIPS140_ERR_DATA_LENGTH, "2^24+1");
    CHECK_ST(fips140_aes_xts_decrypt(&ctx, out, in, ((size_t)1 << 24) + 16, tweak), FIPS140_ERR_DATA_LENGTH, "big");
    CHECK_ST(fips140_aes_xts_encrypt(&ctx, NULL, in, 16, tweak), FIPS140_ERR_NULL, "NULL out");
    CHECK_ST(fips140_aes_xts_encrypt(&ctx, out, NULL, 16, tweak), FIPS140_ERR_NULL, "NULL in");
    CHECK_ST(fips140_aes_xts_encrypt(&ctx, out, in, 16, NULL), FIPS140_ERR_NULL, "NULL tweak");
    CHECK_ST(fips140_aes_xts_encrypt(NULL, out, in, 16, tweak), FIPS140_ERR_NULL, "NULL ctx");
    fips140_aes_xts_wipe(&ctx);
    memset(out, 0xA5, sizeof out);
    CHECK_ST(fips140_aes_xts_encrypt(&ctx, out, in, 32, tweak), FIPS140_ERR_STATE, "wiped context");
    CHECK(out[0] == 0xA5 && out[31] == 0xA5, "output written with a wiped context");
}

static void test_indicator(void)
{
    uint8_t key[32], tweak[16] = {0}, buf[40] = {0};
    fips140_aes_xts_ctx ctx;
    tu_rng rng = {9};
    tu_fill(&rng, key, sizeof key);
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_xts_init(&ctx, key, 32), "init");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "init indicator");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_xts_encrypt(&ctx, buf, buf, sizeof buf, tweak), "encrypt");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "encrypt indicator");
    fips140_indicator_clear();
    CHECK_OK(fips140_aes_xts_decrypt(&ctx, buf, buf, sizeof buf, tweak), "decrypt");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "decrypt indicator");
    fips140_indicator_clear();
    CHECK_ST(fips140_aes_xts_decrypt(&ctx, buf, buf, 15, tweak), FIPS140_ERR_DATA_LENGTH, "short");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "indicator set by a failed call");
}

int main(void)
{
    tu_print_paths("test_xts");
    test_acvp();
    test_random();
    test_errors();
    test_indicator();
    return tu_done();
}
