/* tests/unit/test_kw.c - AES Key Wrap KW and KWP (SP 800-38F §6.2, §6.3), both forward functions.
 *
 * Oracles: RFC 3394 §4 and RFC 5649 §6 known answers; OpenSSL's EVP id-aes<n>-wrap / id-aes<n>-wrap-pad (kwCipher
 * "cipher") over many lengths; and for kwCipher "inverse" an independent computation here: SP 800-38F's W
 * (Algorithm 1) written in this file over OpenSSL's raw AES_decrypt as CIPH_K (and AES_encrypt as CIPH_K^-1),
 * itself checked against OpenSSL's AES-<n>-WRAP[-PAD]-INV ciphers. Unwrapping: tampered ciphertexts and KWP
 * plaintexts with a wrong ICV2, length indicator or padding (built with the raw W) fail with FIPS140_ERR_AUTH and a
 * zeroed output; bad lengths, NULLs and an unknown cipher selector fail without writing; the service indicator. */
#define OPENSSL_SUPPRESS_DEPRECATED /* AES_encrypt / AES_decrypt: the raw block functions are the point */
#include "test_util.h"

#include <openssl/aes.h>
#include <openssl/evp.h>

#include <fips140/keywrap.h>

#define MAXP 1100

/* ---- the independent reference: SP 800-38F W over OpenSSL's raw AES ---- */

typedef struct ref_key {
    AES_KEY enc, dec;
    int inverse; /* CIPH_K = AES_decrypt */
} ref_key;

static void ref_init(ref_key *k, const uint8_t *key, size_t klen, int inverse)
{
    AES_set_encrypt_key(key, (int)(8 * klen), &k->enc);
    AES_set_decrypt_key(key, (int)(8 * klen), &k->dec);
    k->inverse = inverse;
}

static void ref_ciph(const ref_key *k, uint8_t b[16])
{
    if (k->inverse)
        AES_decrypt(b, b, &k->dec);
    else
        AES_encrypt(b, b, &k->enc);
}

/* ref_w - W(S) of §6.1 Algorithm 1 in its literal form: s = 6(n-1) steps, each shifting R_2..R_n left. */
static void ref_w(const ref_key *k, uint8_t *s, size_t n)
{
    static uint8_t r[MAXP + 16];
    uint8_t a[8], b[16];
    memcpy(a, s, 8);
    memcpy(r, s + 8, 8 * (n - 1));
    for (uint64_t t = 1; t <= 6 * (uint64_t)(n - 1); t++) {
        memcpy(b, a, 8);
        memcpy(b + 8, r, 8);
        ref_ciph(k, b);
        for (int i = 0; i < 8; i++)
            a[i] = (uint8_t)(b[i] ^ (uint8_t)(t >> (56 - 8 * i)));
        memmove(r, r + 8, 8 * (n - 2));
        memcpy(r + 8 * (n - 2), b + 8, 8);
    }
    memcpy(s, a, 8);
    memcpy(s + 8, r, 8 * (n - 1));
}

/* ref_kw - KW-AE (§6.2): ICV1 || P through W. out gets len + 8 bytes. */
static void ref_kw(const ref_key *k, uint8_t *out, const uint8_t *p, size_t len)
{
    memset(out, 0xA6, 8);
    memcpy(out + 8, p, len);
    ref_w(k, out, len / 8 + 1);
}

/* ref_kwp_s - KWP-AE (§6.3) from an explicit S header: icv, length indicator plen, P and pad bytes. */
static size_t ref_kwp_s(const ref_key *k, uint8_t *out, const uint8_t icv[4], uint32_t plen, const uint8_t *p,
                        size_t len, uint8_t padbyte)
{
    size_t padded = (len + 7) / 8 * 8;
    memcpy(out, icv, 4);
    for (int i = 0; i < 4; i++)
        out[4 + i] = (uint8_t)(plen >> (24 - 8 * i));
    memcpy(out + 8, p, len);
    memset(out + 8 + len, 0, padded - len);
    if (padded > len)
        out[8 + padded - 1] = padbyte;
    if (padded == 8)
        ref_ciph(k, out);
    else
        ref_w(k, out, padded / 8 + 1);
    return padded + 8;
}

static const uint8_t ICV2[4] = {0xA6, 0x59, 0x59, 0xA6};

static size_t ref_kwp(const ref_key *k, uint8_t *out, const uint8_t *p, size_t len)
{
    return ref_kwp_s(k, out, ICV2, (uint32_t)len, p, len, 0);
}

/* ossl_wrap - OpenSSL EVP key wrap (name e.g. "AES-128-WRAP-PAD-INV"); returns the output length, 0 on failure. */
static size_t ossl_wrap(const char *name, int enc, const uint8_t *key, const uint8_t *in, size_t len, uint8_t *out)
{
    EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0, ok = 0;
    if (c && x) {
        EVP_CIPHER_CTX_set_flags(x, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
        ok = EVP_CipherInit_ex(x, c, NULL, key, NULL, enc) == 1 && EVP_CipherUpdate(x, out, &n1, in, (int)len) > 0 &&
             EVP_CipherFinal_ex(x, out + n1, &n2) == 1;
    }
    EVP_CIPHER_CTX_free(x);
    EVP_CIPHER_free(c);
    if (c == NULL) {
        fprintf(stderr, "OpenSSL has no %s\n", name);
        abort();
    }
    return ok ? (size_t)(n1 + n2) : 0;
}

static uint8_t pt[MAXP], want[MAXP + 16], got[MAXP + 16], back[MAXP + 16];

/* ---- known answers ---- */

static void test_kat(void)
{
    static const struct {
        int pad;
        const char *kek, *p, *c;
    } v[] = {
        /* RFC 3394 §4.1, 4.2, 4.3, 4.6 */
        {0, "000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF",
         "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"},
        {0, "000102030405060708090A0B0C0D0E0F1011121314151617", "00112233445566778899AABBCCDDEEFF",
         "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D"},
        {0, "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF",
         "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7"},
        {0, "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
         "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
         "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"},
        /* RFC 5649 §6 */
        {1, "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", "c37b7e6492584340bed12207808941155068f738",
         "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a"},
        {1, "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", "466f7250617369", "afbeb0f07dfbf5419200f2ccb50bb24f"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t kek[32], p[64], c[64], out[64];
        size_t kl = tu_unhex(kek, sizeof kek, v[i].kek), pl = tu_unhex(p, sizeof p, v[i].p);
        size_t cl = tu_unhex(c, sizeof c, v[i].c), n = 0;
        fips140_aes_key key;
        CHECK_OK(fips140_aes_key_init(&key, kek, kl), "kat %zu key", i);
        if (v[i].pad) {
            CHECK_OK(fips140_aes_kwp_wrap(&key, FIPS140_KW_CIPHER, out, &n, p, pl), "kat %zu wrap", i);
            CHECK(n == cl, "kat %zu wrap length %zu", i, n);
            CHECK_MEM(out, c, cl, "kat %zu wrap", i);
            CHECK_OK(fips140_aes_kwp_unwrap(&key, FIPS140_KW_CIPHER, out, &n, c, cl), "kat %zu unwrap", i);
        } else {
            CHECK_OK(fips140_aes_kw_wrap(&key, FIPS140_KW_CIPHER, out, &n, p, pl), "kat %zu wrap", i);
            CHECK(n == cl, "kat %zu wrap length %zu", i, n);
            CHECK_MEM(out, c, cl, "kat %zu wrap", i);
            CHECK_OK(fips140_aes_kw_unwrap(&key, FIPS140_KW_CIPHER, out, &n, c, cl), "kat %zu unwrap", i);
        }
        CHECK(n == pl, "kat %zu unwrap length %zu", i, n);
        CHECK_MEM(out, p, pl, "kat %zu unwrap", i);
    }
}

/* ---- random comparison, both variants, every key size ---- */

static void one_kw(tu_rng *rng, size_t kl, int inverse, size_t len)
{
    uint8_t kb[32];
    char name[40];
    fips140_aes_key key;
    ref_key rk;
    size_t n = 0, m = 0;
    tu_fill(rng, kb, kl);
    tu_fill(rng, pt, len);
    ref_init(&rk, kb, kl, inverse);
    snprintf(name, sizeof name, "AES-%zu-WRAP%s", kl * 8, inverse ? "-INV" : "");
    size_t wl = ossl_wrap(name, 1, kb, pt, len, want);
    CHECK(wl == len + 8, "%s wrap of %zu bytes failed in OpenSSL", name, len);
    ref_kw(&rk, back, pt, len);
    CHECK_MEM(back, want, len + 8, "reference W disagrees with OpenSSL %s (len %zu)", name, len);
    CHECK_OK(fips140_aes_key_init(&key, kb, kl), "key");
    CHECK_OK(fips140_aes_kw_wrap(&key, inverse, got, &n, pt, len), "%s wrap len %zu", name, len);
    CHECK(n == len + 8, "wrap length");
    CHECK_MEM(got, want, len + 8, "%s wrap, len %zu", name, len);
    CHECK_OK(fips140_aes_kw_unwrap(&key, inverse, back, &m, want, len + 8), "%s unwrap len %zu", name, len);
    CHECK(m == len, "unwrap length");
    CHECK_MEM(back, pt, len, "%s unwrap, len %zu", name, len);
    /* One flipped bit anywhere: FIPS140_ERR_AUTH, output zeroed. */
    size_t bit = tu_below(rng, 8 * (len + 8));
    want[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
    memset(back, 0xA5, len);
    CHECK_ST(fips140_aes_kw_unwrap(&key, inverse, back, &m, want, len + 8), FIPS140_ERR_AUTH, "%s tampered", name);
    int zero = 1;
    for (size_t i = 0; i < len; i++)
        zero &= back[i] == 0;
    CHECK(zero, "%s: output not zeroed after FIPS140_ERR_AUTH (len %zu)", name, len);
}

static void one_kwp(tu_rng *rng, size_t kl, int inverse, size_t len)
{
    uint8_t kb[32];
    char name[40];
    fips140_aes_key key;
    ref_key rk;
    size_t n = 0, m = 0;
    tu_fill(rng, kb, kl);
    tu_fill(rng, pt, len);
    ref_init(&rk, kb, kl, inverse);
    snprintf(name, sizeof name, "AES-%zu-WRAP-PAD%s", kl * 8, inverse ? "-INV" : "");
    size_t cl = (len + 7) / 8 * 8 + 8;
    size_t wl = ossl_wrap(name, 1, kb, pt, len, want);
    CHECK(wl == cl, "%s wrap of %zu bytes: OpenSSL length %zu", name, len, wl);
    CHECK(ref_kwp(&rk, back, pt, len) == cl, "reference length");
    CHECK_MEM(back, want, cl, "reference KWP disagrees with OpenSSL %s (len %zu)", name, len);
    CHECK_OK(fips140_aes_key_init(&key, kb, kl), "key");
    CHECK_OK(fips140_aes_kwp_wrap(&key, inverse, got, &n, pt, len), "%s wrap len %zu", name, len);
    CHECK(n == cl, "wrap length %zu, want %zu", n, cl);
    CHECK_MEM(got, want, cl, "%s wrap, len %zu", name, len);
    CHECK_OK(fips140_aes_kwp_unwrap(&key, inverse, back, &m, want, cl), "%s unwrap len %zu", name, len);
    CHECK(m == len, "unwrap length %zu, want %zu", m, len);
    CHECK_MEM(back, pt, len, "%s unwrap, len %zu", name, len);
}

static void test_random(void)
{
    tu_rng rng = {0x3394};
    for (int inverse = 0; inverse <= 1; inverse++)
        for (size_t kl = 16; kl <= 32; kl += 8) {
            for (size_t len = 16; len <= 320; len += 8)
                one_kw(&rng, kl, inverse, len);
            one_kw(&rng, kl, inverse, 1024);
            for (size_t len = 1; len <= 300; len++)
                one_kwp(&rng, kl, inverse, len);
            one_kwp(&rng, kl, inverse, 1000);
            one_kwp(&rng, kl, inverse, 1025);
        }
}

/* ---- KWP-AD integrity: ICV2, the length indicator, the padding (§6.3 Algorithm 6 steps 5-7) ---- */

static void expect_auth(const fips140_aes_key *key, int inverse, const uint8_t *c, size_t cl, const char *what,
                        size_t len)
{
    size_t m = 12345;
    memset(back, 0xA5, cl);
    CHECK_ST(fips140_aes_kwp_unwrap(key, inverse, back, &m, c, cl), FIPS140_ERR_AUTH, "%s (len %zu, inverse %d)",
             what, len, inverse);
    int zero = 1;
    for (size_t i = 0; i < cl - 8; i++)
        zero &= back[i] == 0;
    CHECK(zero, "%s: output not zeroed (len %zu)", what, len);
    CHECK(m == 12345, "%s: *outlen changed on failure", what);
}

static void test_kwp_integrity(void)
{
    tu_rng rng = {0x5649};
    static const uint8_t bad_icv[4] = {0xA6, 0x59, 0x59, 0xA7};
    uint8_t c[MAXP + 16], kb[32];
    for (int inverse = 0; inverse <= 1; inverse++)
        for (size_t len = 1; len <= 70; len++) {
            fips140_aes_key key;
            ref_key rk;
            size_t kl = 16 + 8 * tu_below(&rng, 3), n = (len + 7) / 8, cl;
            tu_fill(&rng, kb, kl);
            tu_fill(&rng, pt, len);
            ref_init(&rk, kb, kl, inverse);
            CHECK_OK(fips140_aes_key_init(&key, kb, kl), "key");
            cl = ref_kwp_s(&rk, c, bad_icv, (uint32_t)len, pt, len, 0);
            expect_auth(&key, inverse, c, cl, "wrong ICV2", len);
            cl = ref_kwp_s(&rk, c, ICV2, (uint32_t)(8 * n + 1 + tu_below(&rng, 8)), pt, len, 0);
            expect_auth(&key, inverse, c, cl, "length indicator above 8n", len);
            cl = ref_kwp_s(&rk, c, ICV2, (uint32_t)(8 * n + 8), pt, len, 0);
            expect_auth(&key, inverse, c, cl, "length indicator 8n + 8", len);
            cl = ref_kwp_s(&rk, c, ICV2, (uint32_t)tu_below(&rng, 8 * (n - 1) + 1), pt, len, 0);
            expect_auth(&key, inverse, c, cl, "length indicator at most 8(n-1)", len);
            cl = ref_kwp_s(&rk, c, ICV2, 0, pt, len, 0);
            expect_auth(&key, inverse, c, cl, "length indicator 0", len);
            if (len % 8) {
                cl = ref_kwp_s(&rk, c, ICV2, (uint32_t)len, pt, len, (uint8_t)(1 + tu_below(&rng, 255)));
                expect_auth(&key, inverse, c, cl, "non-zero padding", len);
                /* A length indicator that claims some of the zero padding is fine: it is just a longer P. */
                size_t m = 0;
                cl = ref_kwp_s(&rk, c, ICV2, (uint32_t)(8 * n), pt, len, 0);
                CHECK_OK(fips140_aes_kwp_unwrap(&key, inverse, back, &m, c, cl), "longer indicator, len %zu", len);
                CHECK(m == 8 * n, "longer indicator: length %zu", m);
            }
            size_t bit = tu_below(&rng, 8 * 16);
            cl = ref_kwp(&rk, c, pt, len);
            c[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
            expect_auth(&key, inverse, c, cl, "flipped bit", len);
        }
}

/* ---- argument errors: a code, and nothing written ---- */

static int untouched(const uint8_t *p, size_t n)
{
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        ok &= p[i] == 0xA5;
    return ok;
}

static void test_errors(void)
{
    uint8_t kb[16] = {1, 2, 3}, in[64] = {0}, out[80];
    fips140_aes_key key;
    size_t n = 777;
    CHECK_OK(fips140_aes_key_init(&key, kb, 16), "key");
    for (size_t len = 0; len <= 40; len++) {
        memset(out, 0xA5, sizeof out);
        if (len % 8 != 0 || len < 16)
            CHECK_ST(fips140_aes_kw_wrap(&key, 0, out, &n, in, len), FIPS140_ERR_DATA_LENGTH, "KW wrap %zu", len);
        if (len % 8 != 0 || len < 24)
            CHECK_ST(fips140_aes_kw_unwrap(&key, 0, out, &n, in, len), FIPS140_ERR_DATA_LENGTH, "KW unwrap %zu", len);
        if (len % 8 != 0 || len < 16)
            CHECK_ST(fips140_aes_kwp_unwrap(&key, 1, out, &n, in, len), FIPS140_ERR_DATA_LENGTH, "KWP unwrap %zu",
                     len);
        CHECK(untouched(out, sizeof out) && n == 777, "output written on a length error (len %zu)", len);
    }
    CHECK_ST(fips140_aes_kwp_wrap(&key, 0, out, &n, in, 0), FIPS140_ERR_DATA_LENGTH, "KWP wrap of 0 bytes");
#if SIZE_MAX > 0xFFFFFFFFu
    CHECK_ST(fips140_aes_kwp_wrap(&key, 0, out, &n, in, (size_t)1 << 32), FIPS140_ERR_DATA_LENGTH, "KWP 2^32");
#endif
    for (int bad = -1; bad <= 3; bad += 4) {
        CHECK_ST(fips140_aes_kw_wrap(&key, bad, out, &n, in, 16), FIPS140_ERR_ARG, "cipher %d", bad);
        CHECK_ST(fips140_aes_kw_unwrap(&key, bad, out, &n, in, 24), FIPS140_ERR_ARG, "cipher %d", bad);
        CHECK_ST(fips140_aes_kwp_wrap(&key, bad, out, &n, in, 16), FIPS140_ERR_ARG, "cipher %d", bad);
        CHECK_ST(fips140_aes_kwp_unwrap(&key, bad, out, &n, in, 24), FIPS140_ERR_ARG, "cipher %d", bad);
    }
    CHECK_ST(fips140_aes_kw_wrap(NULL, 0, out, &n, in, 16), FIPS140_ERR_NULL, "NULL key");
    CHECK_ST(fips140_aes_kw_wrap(&key, 0, NULL, &n, in, 16), FIPS140_ERR_NULL, "NULL out");
    CHECK_ST(fips140_aes_kw_unwrap(&key, 0, out, NULL, in, 24), FIPS140_ERR_NULL, "NULL outlen");
    CHECK_ST(fips140_aes_kwp_wrap(&key, 0, out, &n, NULL, 5), FIPS140_ERR_NULL, "NULL in");
    CHECK_ST(fips140_aes_kwp_unwrap(NULL, 0, out, &n, in, 16), FIPS140_ERR_NULL, "NULL key");
    CHECK(untouched(out, sizeof out) && n == 777, "output written on an argument error");
}

static void test_indicator(void)
{
    uint8_t kb[32] = {9}, p[24] = {1}, c[40], q[40];
    fips140_aes_key key;
    size_t n, m;
    CHECK_OK(fips140_aes_key_init(&key, kb, 32), "key");
    for (int inverse = 0; inverse <= 1; inverse++) {
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_kw_wrap(&key, inverse, c, &n, p, sizeof p), "kw wrap");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "KW wrap indicator");
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_kw_unwrap(&key, inverse, q, &m, c, n), "kw unwrap");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "KW unwrap indicator");
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_kwp_wrap(&key, inverse, c, &n, p, 5), "kwp wrap");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "KWP wrap indicator");
        fips140_indicator_clear();
        CHECK_OK(fips140_aes_kwp_unwrap(&key, inverse, q, &m, c, n), "kwp unwrap");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "KWP unwrap indicator");
        c[3] ^= 1;
        fips140_indicator_clear();
        CHECK_ST(fips140_aes_kwp_unwrap(&key, inverse, q, &m, c, n), FIPS140_ERR_AUTH, "kwp tampered");
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "indicator set by a failed unwrap");
    }
}

int main(void)
{
    tu_print_paths("test_kw");
    test_kat();
    test_random();
    test_kwp_integrity();
    test_errors();
    test_indicator();
    return tu_done();
}
