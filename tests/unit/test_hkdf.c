/* tests/unit/test_hkdf.c - the SP 800-56C Rev. 2 KDFs (include/fips140/kdf.h): HKDF (extract, expand, one call) and
 * the one-step KDF with a hash or HMAC. RFC 5869 Appendix A (all seven cases, PRK and OKM); every SHA-1 / SHA-2 /
 * SHA-3 hash against OpenSSL's EVP_KDF "HKDF" (also EXTRACT_ONLY / EXPAND_ONLY) and "SSKDF" (digest and HMAC forms)
 * over random input lengths and output lengths from 1 byte to 255 * HashLen; salts shorter than 112 bits and empty;
 * empty keys as RFC 5869 allows them (empty IKM, empty PRK: OpenSSL's answer, the same as a key of zero bytes, not
 * approved); bad parameters (output length 0 or too long, SHAKE and unknown algorithms, NULL pointers) with the output
 * left untouched; the service indicator (112-bit rule on the secret input and on the output, any salt length);
 * FIPS140=only refusals in a fresh process (short and empty keys, naming the rule). */
#include "test_util.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

typedef struct alg_info {
    fips140_hash_alg alg;
    const char *ossl;
    size_t dlen;
} alg_info;

static const alg_info algs[] = {
    {FIPS140_SHA1, "SHA1", 20},         {FIPS140_SHA224, "SHA224", 28},         {FIPS140_SHA256, "SHA256", 32},
    {FIPS140_SHA384, "SHA384", 48},     {FIPS140_SHA512, "SHA512", 64},         {FIPS140_SHA512_224, "SHA512-224", 28},
    {FIPS140_SHA512_256, "SHA512-256", 32}, {FIPS140_SHA3_224, "SHA3-224", 28}, {FIPS140_SHA3_256, "SHA3-256", 32},
    {FIPS140_SHA3_384, "SHA3-384", 48}, {FIPS140_SHA3_512, "SHA3-512", 64},
};
#define NALGS (sizeof algs / sizeof algs[0])
#define MAX_OUT (255u * 64u)

static uint8_t data[4096];

/* ---- OpenSSL oracles */

/* ossl_kdf - run EVP_KDF name with params; aborts on failure (an oracle failure is a test bug). */
static void ossl_kdf(const char *name, OSSL_PARAM *params, uint8_t *out, size_t outlen)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, name, NULL);
    EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    if (ctx == NULL || EVP_KDF_derive(ctx, out, outlen, params) <= 0) {
        fprintf(stderr, "OpenSSL %s failed\n", name);
        abort();
    }
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
}

/* ossl_hkdf - mode: EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, _EXTRACT_ONLY or _EXPAND_ONLY (key = PRK then). */
static void ossl_hkdf(const alg_info *a, int mode, uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                      const uint8_t *salt, size_t saltlen, const uint8_t *info, size_t infolen)
{
    OSSL_PARAM p[6];
    size_t n = 0;
    p[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)a->ossl, 0);
    p[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, keylen);
    if (saltlen) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, saltlen);
    if (infolen) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, infolen);
    p[n] = OSSL_PARAM_construct_end();
    ossl_kdf("HKDF", p, out, outlen);
}

/* ossl_sskdf - SP 800-56C one-step: hash form (use_hmac 0) or HMAC form with salt (empty: OpenSSL's default salt). */
static void ossl_sskdf(const alg_info *a, int use_hmac, uint8_t *out, size_t outlen, const uint8_t *salt,
                       size_t saltlen, const uint8_t *z, size_t zlen, const uint8_t *fi, size_t filen)
{
    OSSL_PARAM p[6];
    size_t n = 0;
    p[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)a->ossl, 0);
    if (use_hmac) {
        p[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, (char *)"HMAC", 0);
        if (saltlen) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, saltlen);
    }
    p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)z, zlen);
    if (filen) p[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)fi, filen);
    p[n] = OSSL_PARAM_construct_end();
    ossl_kdf("SSKDF", p, out, outlen);
}

/* ---- RFC 5869 Appendix A */

typedef struct rfc_case {
    fips140_hash_alg alg;
    int ikm_kind; /* 0: ikm_byte x ikm_len; 1: 0x00, 0x01, ... ikm_len */
    uint8_t ikm_byte;
    size_t ikm_len;
    uint8_t salt_first, info_first; /* salt / info are salt_first.., info_first.. counting up */
    size_t salt_len, info_len, L;
    const char *prk, *okm;
} rfc_case;

static const rfc_case rfc_cases[] = {
    {FIPS140_SHA256, 0, 0x0b, 22, 0x00, 0xf0, 13, 10, 42, /* A.1 */
     "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
     "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
    {FIPS140_SHA256, 1, 0, 80, 0x60, 0xb0, 80, 80, 82, /* A.2 */
     "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
     "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8"
     "367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
    {FIPS140_SHA256, 0, 0x0b, 22, 0, 0, 0, 0, 42, /* A.3 */
     "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
     "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
    {FIPS140_SHA1, 0, 0x0b, 11, 0x00, 0xf0, 13, 10, 42, /* A.4 */
     "9b6c18c432a7bf8f0e71c8eb88f4b30baa2ba243",
     "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"},
    {FIPS140_SHA1, 1, 0, 80, 0x60, 0xb0, 80, 80, 82, /* A.5 */
     "8adae09a2a307059478d309b26c4115a224cfaf6",
     "0bd770a74d1160f7c9f12cd5912a06ebff6adcae899d92191fe4305673ba2ffe8fa3f1a4e5ad79f3f334b3b202b2173c486ea37ce3d397ed"
     "034c7f9dfeb15c5e927336d0441f4c4300e2cff0d0900b52d3b4"},
    {FIPS140_SHA1, 0, 0x0b, 22, 0, 0, 0, 0, 42, /* A.6 */
     "da8c8a73c7fa77288ec6f5e7c297786aa0d32d01",
     "0ac1af7002b3d761d1e55298da9d0506b9ae52057220a306e07b6b87e8df21d0ea00033de03984d34918"},
    {FIPS140_SHA1, 0, 0x0c, 22, 0, 0, 0, 0, 42, /* A.7: salt not provided */
     "2adccada18779e7c2077ad2eb19d3f3e731385dd",
     "2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5673a081d70cce7acfc48"},
};

static void test_rfc5869(void)
{
    for (size_t i = 0; i < sizeof rfc_cases / sizeof rfc_cases[0]; i++) {
        const rfc_case *c = &rfc_cases[i];
        uint8_t ikm[80], salt[80], info[80], prk[64], want_prk[64], okm[128], want_okm[128];
        for (size_t j = 0; j < c->ikm_len; j++) ikm[j] = c->ikm_kind ? (uint8_t)j : c->ikm_byte;
        for (size_t j = 0; j < c->salt_len; j++) salt[j] = (uint8_t)(c->salt_first + j);
        for (size_t j = 0; j < c->info_len; j++) info[j] = (uint8_t)(c->info_first + j);
        size_t plen = tu_unhex(want_prk, sizeof want_prk, c->prk), olen = tu_unhex(want_okm, sizeof want_okm, c->okm);
        CHECK(olen == c->L, "A.%zu length", i + 1);
        CHECK_OK(fips140_hkdf_extract(c->alg, prk, c->salt_len ? salt : NULL, c->salt_len, ikm, c->ikm_len),
                 "A.%zu extract", i + 1);
        CHECK_MEM(prk, want_prk, plen, "RFC 5869 A.%zu PRK", i + 1);
        CHECK_OK(fips140_hkdf_expand(c->alg, okm, olen, prk, plen, c->info_len ? info : NULL, c->info_len),
                 "A.%zu expand", i + 1);
        CHECK_MEM(okm, want_okm, olen, "RFC 5869 A.%zu OKM (expand)", i + 1);
        memset(okm, 0, sizeof okm);
        CHECK_OK(fips140_hkdf(c->alg, okm, olen, ikm, c->ikm_len, c->salt_len ? salt : NULL, c->salt_len,
                              c->info_len ? info : NULL, c->info_len),
                 "A.%zu hkdf", i + 1);
        CHECK_MEM(okm, want_okm, olen, "RFC 5869 A.%zu OKM (one call)", i + 1);
    }
}

/* ---- random comparison with OpenSSL */

static uint8_t got[MAX_OUT + 1], want[MAX_OUT + 1];

/* out_lengths - interesting output lengths for a digest size d: 1, d-1, d, d+1, 2d+3, a random one, 255d. */
static size_t out_length(tu_rng *rng, size_t d, int k)
{
    switch (k) {
    case 0: return 1;
    case 1: return d - 1;
    case 2: return d;
    case 3: return d + 1;
    case 4: return 2 * d + 3;
    case 5: return 1 + tu_below(rng, 20 * d);
    default: return 255 * d;
    }
}

static void test_hkdf_vs_openssl(void)
{
    tu_rng rng = {0x484b4446};
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (int k = 0; k < 7; k++) {
            for (int rep = 0; rep < 4; rep++) {
                size_t outlen = out_length(&rng, a->dlen, k);
                size_t ikmlen = 1 + tu_below(&rng, 300), saltlen = rep == 0 ? 0 : tu_below(&rng, 200);
                size_t infolen = rep == 1 ? 0 : tu_below(&rng, 300);
                const uint8_t *ikm = data + tu_below(&rng, 1000), *salt = data + 1200 + tu_below(&rng, 1000);
                const uint8_t *info = data + 2400 + tu_below(&rng, 1000);
                ossl_hkdf(a, EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, want, outlen, ikm, ikmlen, salt, saltlen, info,
                          infolen);
                CHECK_OK(fips140_hkdf(a->alg, got, outlen, ikm, ikmlen, salt, saltlen, info, infolen), "HKDF-%s",
                         a->ossl);
                CHECK_MEM(got, want, outlen, "HKDF-%s out %zu ikm %zu salt %zu info %zu", a->ossl, outlen, ikmlen,
                          saltlen, infolen);
                /* Extract alone, then expand alone from OpenSSL's PRK. */
                uint8_t prk[64], wprk[64];
                ossl_hkdf(a, EVP_KDF_HKDF_MODE_EXTRACT_ONLY, wprk, a->dlen, ikm, ikmlen, salt, saltlen, NULL, 0);
                CHECK_OK(fips140_hkdf_extract(a->alg, prk, salt, saltlen, ikm, ikmlen), "extract %s", a->ossl);
                CHECK_MEM(prk, wprk, a->dlen, "HKDF-Extract-%s salt %zu", a->ossl, saltlen);
                /* Expand with a PRK of any length (OpenSSL keys HMAC with it as given). */
                size_t prklen = 1 + tu_below(&rng, 150);
                ossl_hkdf(a, EVP_KDF_HKDF_MODE_EXPAND_ONLY, want, outlen, ikm, prklen, NULL, 0, info, infolen);
                CHECK_OK(fips140_hkdf_expand(a->alg, got, outlen, ikm, prklen, info, infolen), "expand %s", a->ossl);
                CHECK_MEM(got, want, outlen, "HKDF-Expand-%s prk %zu out %zu", a->ossl, prklen, outlen);
            }
        }
    }
}

static void test_onestep_vs_openssl(void)
{
    tu_rng rng = {0x4f4e45};
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (int k = 0; k < 7; k++) {
            for (int rep = 0; rep < 4; rep++) {
                size_t outlen = out_length(&rng, a->dlen, k);
                size_t zlen = 1 + tu_below(&rng, 600), filen = rep == 1 ? 0 : tu_below(&rng, 300);
                size_t saltlen = rep == 0 ? 0 : 1 + tu_below(&rng, 200);
                const uint8_t *z = data + tu_below(&rng, 1000), *fi = data + 1200 + tu_below(&rng, 1000);
                const uint8_t *salt = data + 2400 + tu_below(&rng, 1000);
                ossl_sskdf(a, 0, want, outlen, NULL, 0, z, zlen, fi, filen);
                CHECK_OK(fips140_kda_onestep_hash(a->alg, got, outlen, z, zlen, fi, filen), "onestep %s", a->ossl);
                CHECK_MEM(got, want, outlen, "one-step %s out %zu z %zu fi %zu", a->ossl, outlen, zlen, filen);
                ossl_sskdf(a, 1, want, outlen, salt, saltlen, z, zlen, fi, filen);
                CHECK_OK(fips140_kda_onestep_hmac(a->alg, got, outlen, salt, saltlen, z, zlen, fi, filen),
                         "onestep HMAC %s", a->ossl);
                CHECK_MEM(got, want, outlen, "one-step HMAC-%s out %zu salt %zu z %zu fi %zu", a->ossl, outlen,
                          saltlen, zlen, filen);
            }
        }
    }
}

/* ---- bad parameters: an error code, the output untouched */

static int untouched(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0xa5) return 0;
    return 1;
}

/* ---- empty keys (RFC 5869 §2.2-2.3: IKM and PRK of any length; FIPS 198-1 §4: an empty HMAC key is B zero bytes) */

static void test_empty_keys(void)
{
    static const uint8_t zeros[64];
    const uint8_t *info = data + 100, *salt = data + 300;
    const fips140_indicator N = FIPS140_INDICATOR_NOT_APPROVED;
    uint8_t prk[64], wprk[64];
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (int k = 0; k < 3; k++) {
            size_t outlen = k == 0 ? 1 : k == 1 ? a->dlen + 5 : 255 * a->dlen, infolen = k == 0 ? 0 : 17;
            size_t saltlen = k == 2 ? 0 : 20;
            /* One call and extract with an empty IKM, against OpenSSL. */
            ossl_hkdf(a, EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, want, outlen, zeros, 0, salt, saltlen, info, infolen);
            fips140_indicator_clear();
            CHECK_OK(fips140_hkdf(a->alg, got, outlen, NULL, 0, salt, saltlen, info, infolen), "hkdf empty IKM %s",
                     a->ossl);
            CHECK(fips140_indicator_get() == N, "hkdf %s empty IKM not approved", a->ossl);
            CHECK_MEM(got, want, outlen, "HKDF-%s empty IKM out %zu salt %zu", a->ossl, outlen, saltlen);
            ossl_hkdf(a, EVP_KDF_HKDF_MODE_EXTRACT_ONLY, wprk, a->dlen, zeros, 0, salt, saltlen, NULL, 0);
            fips140_indicator_clear();
            CHECK_OK(fips140_hkdf_extract(a->alg, prk, salt, saltlen, zeros, 0), "extract empty IKM %s", a->ossl);
            CHECK(fips140_indicator_get() == N, "extract %s empty IKM not approved", a->ossl);
            CHECK_MEM(prk, wprk, a->dlen, "HKDF-Extract-%s empty IKM", a->ossl);
            /* Expand with an empty PRK (NULL or not), against OpenSSL and against a PRK of HashLen zero bytes (the
             * same HMAC key K0). */
            ossl_hkdf(a, EVP_KDF_HKDF_MODE_EXPAND_ONLY, want, outlen, zeros, 0, NULL, 0, info, infolen);
            fips140_indicator_clear();
            CHECK_OK(fips140_hkdf_expand(a->alg, got, outlen, NULL, 0, info, infolen), "expand empty PRK %s", a->ossl);
            CHECK(fips140_indicator_get() == N, "expand %s empty PRK not approved", a->ossl);
            CHECK_MEM(got, want, outlen, "HKDF-Expand-%s empty PRK out %zu (OpenSSL)", a->ossl, outlen);
            memset(got, 0, outlen);
            CHECK_OK(fips140_hkdf_expand(a->alg, got, outlen, zeros, 0, info, infolen), "expand empty PRK %s", a->ossl);
            CHECK_MEM(got, want, outlen, "HKDF-Expand-%s empty PRK (non-NULL pointer)", a->ossl);
            CHECK_OK(fips140_hkdf_expand(a->alg, got, outlen, zeros, a->dlen, info, infolen), "expand zero PRK %s",
                     a->ossl);
            CHECK_MEM(got, want, outlen, "HKDF-Expand-%s empty PRK = HashLen zero bytes", a->ossl);
        }
    }
}

static void test_errors(void)
{
    uint8_t out[64], prk[64];
    const uint8_t *k = data;
    static const fips140_hash_alg bad_algs[] = {FIPS140_SHAKE128, FIPS140_SHAKE256, (fips140_hash_alg)0,
                                                (fips140_hash_alg)99};
    for (size_t i = 0; i < sizeof bad_algs / sizeof bad_algs[0]; i++) {
        fips140_hash_alg b = bad_algs[i];
        memset(out, 0xa5, sizeof out);
        memset(prk, 0xa5, sizeof prk);
        CHECK_ST(fips140_hkdf(b, out, 32, k, 32, k, 32, k, 8), FIPS140_ERR_ARG, "hkdf alg %d", (int)b);
        CHECK_ST(fips140_hkdf_extract(b, prk, k, 32, k, 32), FIPS140_ERR_ARG, "extract alg %d", (int)b);
        CHECK_ST(fips140_hkdf_expand(b, out, 32, k, 32, k, 8), FIPS140_ERR_ARG, "expand alg %d", (int)b);
        CHECK_ST(fips140_kda_onestep_hash(b, out, 32, k, 32, k, 8), FIPS140_ERR_ARG, "onestep alg %d", (int)b);
        CHECK_ST(fips140_kda_onestep_hmac(b, out, 32, k, 32, k, 32, k, 8), FIPS140_ERR_ARG, "onestep hmac %d", (int)b);
        CHECK(untouched(out, sizeof out) && untouched(prk, sizeof prk), "output written on bad alg %d", (int)b);
    }
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        memset(got, 0xa5, 255 * a->dlen + 1);
        /* Output lengths: 0 and 255 * HashLen + 1 (RFC 5869 §2.3). */
        CHECK_ST(fips140_hkdf(a->alg, got, 0, k, 32, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH, "hkdf L=0 %s", a->ossl);
        CHECK_ST(fips140_hkdf(a->alg, got, 255 * a->dlen + 1, k, 32, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH,
                 "hkdf L=255*HashLen+1 %s", a->ossl);
        CHECK_ST(fips140_hkdf_expand(a->alg, got, 0, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH, "expand L=0 %s",
                 a->ossl);
        CHECK_ST(fips140_hkdf_expand(a->alg, got, 255 * a->dlen + 1, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH,
                 "expand too long %s", a->ossl);
        CHECK_ST(fips140_kda_onestep_hash(a->alg, got, 0, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH, "onestep L=0 %s",
                 a->ossl);
        CHECK_ST(fips140_kda_onestep_hmac(a->alg, got, 0, k, 32, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH,
                 "onestep hmac L=0 %s", a->ossl);
        if (sizeof(size_t) > 4) {
            /* (2^32 - 1) * HashLen + 1 bytes: refused before anything is written (the buffer is far smaller). */
            size_t huge = (size_t)((uint64_t)UINT32_MAX * a->dlen + 1);
            CHECK_ST(fips140_kda_onestep_hash(a->alg, got, huge, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH,
                     "onestep too long %s", a->ossl);
            CHECK_ST(fips140_kda_onestep_hmac(a->alg, got, huge, k, 32, k, 32, k, 8), FIPS140_ERR_OUTPUT_LENGTH,
                     "onestep hmac too long %s", a->ossl);
        }
        CHECK(untouched(got, 255 * a->dlen + 1), "output written on a bad length (%s)", a->ossl);
    }
    /* NULL pointers (with non-zero lengths); NULL with a zero length is an empty string. */
    memset(out, 0xa5, sizeof out);
    CHECK_ST(fips140_hkdf(FIPS140_SHA256, NULL, 32, k, 32, k, 32, k, 8), FIPS140_ERR_NULL, "hkdf out NULL");
    CHECK_ST(fips140_hkdf(FIPS140_SHA256, out, 32, NULL, 32, k, 32, k, 8), FIPS140_ERR_NULL, "hkdf ikm NULL");
    CHECK_ST(fips140_hkdf(FIPS140_SHA256, out, 32, k, 32, NULL, 32, k, 8), FIPS140_ERR_NULL, "hkdf salt NULL");
    CHECK_ST(fips140_hkdf(FIPS140_SHA256, out, 32, k, 32, k, 32, NULL, 8), FIPS140_ERR_NULL, "hkdf info NULL");
    CHECK_ST(fips140_hkdf_extract(FIPS140_SHA256, NULL, k, 32, k, 32), FIPS140_ERR_NULL, "extract prk NULL");
    CHECK_ST(fips140_hkdf_extract(FIPS140_SHA256, out, NULL, 3, k, 32), FIPS140_ERR_NULL, "extract salt NULL");
    CHECK_ST(fips140_hkdf_extract(FIPS140_SHA256, out, k, 3, NULL, 32), FIPS140_ERR_NULL, "extract ikm NULL");
    CHECK_ST(fips140_hkdf_expand(FIPS140_SHA256, NULL, 32, k, 32, k, 8), FIPS140_ERR_NULL, "expand out NULL");
    CHECK_ST(fips140_hkdf_expand(FIPS140_SHA256, out, 32, NULL, 32, k, 8), FIPS140_ERR_NULL, "expand prk NULL");
    CHECK_ST(fips140_hkdf_expand(FIPS140_SHA256, out, 32, k, 32, NULL, 8), FIPS140_ERR_NULL, "expand info NULL");
    CHECK_ST(fips140_kda_onestep_hash(FIPS140_SHA256, NULL, 32, k, 32, k, 8), FIPS140_ERR_NULL, "onestep out NULL");
    CHECK_ST(fips140_kda_onestep_hash(FIPS140_SHA256, out, 32, NULL, 32, k, 8), FIPS140_ERR_NULL, "onestep z NULL");
    CHECK_ST(fips140_kda_onestep_hash(FIPS140_SHA256, out, 32, k, 32, NULL, 8), FIPS140_ERR_NULL, "onestep fi NULL");
    CHECK_ST(fips140_kda_onestep_hmac(FIPS140_SHA256, NULL, 32, k, 32, k, 32, k, 8), FIPS140_ERR_NULL, "hmac out");
    CHECK_ST(fips140_kda_onestep_hmac(FIPS140_SHA256, out, 32, NULL, 32, k, 32, k, 8), FIPS140_ERR_NULL, "hmac salt");
    CHECK_ST(fips140_kda_onestep_hmac(FIPS140_SHA256, out, 32, k, 32, NULL, 32, k, 8), FIPS140_ERR_NULL, "hmac z");
    CHECK_ST(fips140_kda_onestep_hmac(FIPS140_SHA256, out, 32, k, 32, k, 32, NULL, 8), FIPS140_ERR_NULL, "hmac fi");
    CHECK(untouched(out, sizeof out), "output written on a NULL argument");
    /* Zero-length inputs given as NULL are fine. */
    CHECK_OK(fips140_hkdf(FIPS140_SHA256, out, 32, NULL, 0, NULL, 0, NULL, 0), "hkdf all empty");
    CHECK_OK(fips140_kda_onestep_hash(FIPS140_SHA256, out, 32, NULL, 0, NULL, 0), "onestep all empty");
    CHECK_OK(fips140_kda_onestep_hmac(FIPS140_SHA256, out, 32, NULL, 0, NULL, 0, NULL, 0), "onestep hmac all empty");
}

/* ---- service indicator: APPROVED iff the secret input (IKM, Z, or an expansion's PRK) and the output are >= 112 bits */

static fips140_indicator ind_after(fips140_status st)
{
    return st == FIPS140_OK ? fips140_indicator_get() : (fips140_indicator)-1;
}

static void test_indicator(void)
{
    uint8_t out[64], prk[64];
    const uint8_t *k = data;
    const fips140_indicator A = FIPS140_INDICATOR_APPROVED, N = FIPS140_INDICATOR_NOT_APPROVED;
    for (size_t ai = 0; ai < NALGS; ai++) {
        const alg_info *a = &algs[ai];
        for (size_t L = 1; L <= 20; L++) {
            fips140_indicator w = L >= 14 ? A : N;
            fips140_indicator_clear();
            CHECK(ind_after(fips140_hkdf(a->alg, out, L, k, 32, k, 4, k, 8)) == w, "hkdf %s L=%zu", a->ossl, L);
            fips140_indicator_clear();
            CHECK(ind_after(fips140_hkdf_expand(a->alg, out, L, k, 32, k, 8)) == w, "expand %s L=%zu", a->ossl, L);
            fips140_indicator_clear();
            CHECK(ind_after(fips140_kda_onestep_hash(a->alg, out, L, k, 32, k, 8)) == w, "onestep %s L=%zu", a->ossl,
                  L);
            fips140_indicator_clear();
            CHECK(ind_after(fips140_kda_onestep_hmac(a->alg, out, L, k, 3, k, 32, k, 8)) == w, "onestep hmac %s L=%zu",
                  a->ossl, L);
        }
        /* The secret input must be 112 bits too: IKM / Z of 13 bytes is not approved, 14 is. */
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf(a->alg, out, 32, k, 13, k, 4, k, 8)) == N, "hkdf %s IKM 13", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf(a->alg, out, 32, k, 14, k, 4, k, 8)) == A, "hkdf %s IKM 14", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf_extract(a->alg, prk, k, 4, k, 13)) == N, "extract %s IKM 13", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_kda_onestep_hash(a->alg, out, 32, k, 13, k, 8)) == N, "onestep %s Z 13", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_kda_onestep_hmac(a->alg, out, 32, k, 4, k, 13, k, 8)) == N, "onestep hmac %s Z 13",
              a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_kda_onestep_hmac(a->alg, out, 32, k, 4, k, 14, k, 8)) == A, "onestep hmac %s Z 14",
              a->ossl);
        /* Salts of any length (even empty or 1 byte) leave HKDF approved; a PRK under 112 bits does not. */
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf(a->alg, out, 32, k, 32, NULL, 0, NULL, 0)) == A, "hkdf %s empty salt", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf_extract(a->alg, prk, k, 1, k, 32)) == A, "extract %s", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf_expand(a->alg, out, 32, k, 13, NULL, 0)) == N, "expand %s PRK 13", a->ossl);
        fips140_indicator_clear();
        CHECK(ind_after(fips140_hkdf_expand(a->alg, out, 32, k, 14, NULL, 0)) == A, "expand %s PRK 14", a->ossl);
    }
    /* A failed call leaves the indicator as it was. */
    fips140_indicator_clear();
    CHECK(fips140_hkdf(FIPS140_SHA256, out, 0, k, 32, k, 32, k, 8) != FIPS140_OK &&
              fips140_indicator_get() == FIPS140_INDICATOR_NONE,
          "failed hkdf changed the indicator");
    fips140_indicator_clear();
    CHECK(fips140_kda_onestep_hash(FIPS140_SHAKE128, out, 32, k, 32, k, 8) != FIPS140_OK &&
              fips140_indicator_get() == FIPS140_INDICATOR_NONE,
          "failed onestep changed the indicator");
}

/* ---- FIPS140=only (fresh process): inputs or outputs under 112 bits refused, naming the rule; short salts accepted. */
static int only_mode_child(void)
{
    int bad = 0;
    uint8_t out[64];
    const uint8_t *k = data;
    memset(out, 0xa5, sizeof out);
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_hkdf(FIPS140_SHA256, out, 13, k, 32, k, 32, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-56C") == NULL;
    bad += fips140_hkdf_expand(FIPS140_SHA256, out, 32, k, 13, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_kda_onestep_hash(FIPS140_SHA256, out, 13, k, 32, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_kda_onestep_hmac(FIPS140_SHA256, out, 13, k, 32, k, 32, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_hkdf(FIPS140_SHA256, out, 32, k, 13, k, 32, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_hkdf_extract(FIPS140_SHA256, out, k, 32, k, 13) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_kda_onestep_hash(FIPS140_SHA256, out, 32, k, 13, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_kda_onestep_hmac(FIPS140_SHA256, out, 32, k, 32, k, 13, k, 8) != FIPS140_ERR_NOT_APPROVED;
    /* Empty keys (served, NOT_APPROVED, in the other modes) are refused with the rule named. */
    bad += fips140_hkdf_expand(FIPS140_SHA256, out, 32, NULL, 0, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-56C") == NULL;
    bad += fips140_hkdf(FIPS140_SHA256, out, 32, NULL, 0, k, 32, k, 8) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_hkdf_extract(FIPS140_SHA256, out, k, 32, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    bad += !untouched(out, sizeof out);
    /* A 13-byte (or empty) salt is a public HMAC key here: not refused, approved. */
    fips140_indicator_clear();
    bad += fips140_hkdf(FIPS140_SHA256, out, 14, k, 32, k, 13, k, 8) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    bad += fips140_hkdf(FIPS140_SHA3_256, out, 32, k, 32, NULL, 0, NULL, 0) != FIPS140_OK;
    bad += fips140_kda_onestep_hmac(FIPS140_SHA1, out, 14, k, 1, k, 32, NULL, 0) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    bad += fips140_hkdf_extract(FIPS140_SHA512, out, k, 2, k, 32) != FIPS140_OK;
    return bad;
}

int main(int argc, char **argv)
{
    tu_rng rng = {0x4b4446};
    tu_fill(&rng, data, sizeof data);
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");

    tu_print_paths("test_hkdf");
    test_rfc5869();
    test_hkdf_vs_openssl();
    test_onestep_vs_openssl();
    test_empty_keys();
    test_errors();
    test_indicator();
    return tu_done();
}
