/* tests/unit/test_kdf135.c - the SP 800-135 Rev. 1 KDFs of include/fips140/kbkdf.h: ANSI X9.63 (fips140_x963_kdf)
 * and SSH (fips140_ssh_kdf). NIST ACVP sample answers (kdf-components-ansix9.63-1.0 and kdf-components-ssh-1.0);
 * every fixed-length hash vs OpenSSL's EVP_KDF "X963KDF" and "SSHKDF" over random inputs and output lengths (every
 * letter A..F); every bad-parameter error with the output left untouched; the service indicator (X9.63: SHA-1 not
 * approved; SSH: SHA-1 and SHA2-224..512 approved, SHA-512/t and SHA-3 not); FIPS140=only refusals (child process). */
#include "test_util.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

typedef struct alg_info {
    fips140_hash_alg alg;
    const char *ossl;
    size_t dlen;
    int x963_ok, ssh_ok; /* approved for X9.63 / SSH */
} alg_info;

static const alg_info algs[] = {
    {FIPS140_SHA1, "SHA1", 20, 0, 1},           {FIPS140_SHA224, "SHA224", 28, 1, 1},
    {FIPS140_SHA256, "SHA256", 32, 1, 1},       {FIPS140_SHA384, "SHA384", 48, 1, 1},
    {FIPS140_SHA512, "SHA512", 64, 1, 1},       {FIPS140_SHA512_224, "SHA512-224", 28, 1, 0},
    {FIPS140_SHA512_256, "SHA512-256", 32, 1, 0}, {FIPS140_SHA3_224, "SHA3-224", 28, 1, 0},
    {FIPS140_SHA3_256, "SHA3-256", 32, 1, 0},   {FIPS140_SHA3_384, "SHA3-384", 48, 1, 0},
    {FIPS140_SHA3_512, "SHA3-512", 64, 1, 0},
};
#define NALGS (sizeof algs / sizeof algs[0])

/* ---- known answers: NIST ACVP-Server gen-val/json-files/kdf-components-ansix9.63-1.0 (tcId 1, 21: SHA2-224) and
 * kdf-components-ssh-1.0 (tcId 2: TDES, SHA-1) internalProjection.json. */
static void test_kats(void)
{
    uint8_t z[64], want[200], out[200];
    size_t zl = tu_unhex(z, sizeof z, "177C09032C66F0113EDFEC37951D197EFF101F523BF7461AD58D0FCE");
    size_t n = tu_unhex(want, sizeof want, "56FC136F40F0CD9D2A2854446BB7FDCB99DE9894678766C4E16AE4D5B07761E4");
    CHECK_OK(fips140_x963_kdf(FIPS140_SHA224, out, n, z, zl, NULL, 0), "X9.63 tcId 1");
    CHECK_MEM(out, want, n, "X9.63 tcId 1");
    zl = tu_unhex(z, sizeof z, "73B26CE5172F334A9138232FECEC49ACC4BCE8BECECEF2A277F67550");
    n = tu_unhex(want, sizeof want,
                 "D306A2A49DB550FEFFF6CEA7FDB8EC2CFA4AC1D51D8B6D0FC6DCF23CC4C92AE27E50BAFB296999C8BA89B7CA5B"
                 "2AAA4A64E4FEFCFA73731DA30E44CBE305E5810CDF7ED9FFFD728FB860EDE5CD3027E12859C8A89042BAC723E1"
                 "48ADD249A5D28BB9A92BAF4F0E79FE5D4876F037926D411DE54FFA8E0EC0B3E838FBE03CDCC2");
    CHECK_OK(fips140_x963_kdf(FIPS140_SHA224, out, n, z, zl, (const uint8_t *)"", 0), "X9.63 tcId 21");
    CHECK_MEM(out, want, n, "X9.63 tcId 21");

    static const char *const k_hex =
        "0000010100D94079362DDE4BA3BBEF7221C077C788FD979A780DC66C26605CA1F641EDA1366B655F45A0DEDBA4C161378391A6FC6CF64E"
        "86CE0A93B838851A1509830C04F27303C8BCE3BED78466A50CC6FFF2407565240346E0143A332243037762414ACD273675D21B6291F994"
        "66E344C7DB7B8991774BCDDA2C29E8D5E31E75B86BEA49EAD3A17B7BD2EDB1F2DD7309FD0F1741B8BBE34D8B34A1C9B1F1A4091383D708"
        "70E054DF1C344575C5D6027BF6DBD97AED32F98F745B293FB3BEAFC048B387F45869E5D78A0573B14B57A9B574548761B1ECBC9B783071"
        "56B7DEE48FE690CD6E8B76D07E3D8B66A9CD71C0E6B2E11E984E96511521136A29E72362F1AE40220C";
    static const char *const answers[6] = {
        "23A57F1829DBACB2", "A6AC0594B6D63FB8", "539EE1326C2FA11F4CC8D5CD27D7930EB05C1A69E197A130",
        "B0A83CD0AE7DF089E9737A822419E660A3378141552EBC49", "D382173FE1A1980D80B37A1454785D4F41CA474F",
        "0CFB706FB85DE4CC6577736BE7969312461B0D1D"};
    uint8_t k[300], h[20], sid[20];
    size_t kl = tu_unhex(k, sizeof k, k_hex);
    tu_unhex(h, sizeof h, "7D18E0430A485371176A45A0CB000C992DD42753");
    tu_unhex(sid, sizeof sid, "7B646AC650BAED2BAD292EC3AA9E32B1C449A5E8");
    for (int i = 0; i < 6; i++) {
        n = tu_unhex(want, sizeof want, answers[i]);
        fips140_indicator_clear();
        CHECK_OK(fips140_ssh_kdf(FIPS140_SHA1, out, n, k, kl, h, 20, sid, 20, (char)('A' + i)), "SSH tcId 2 %c",
                 'A' + i);
        CHECK_MEM(out, want, n, "SSH tcId 2 %c", 'A' + i);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "SSH SHA-1 indicator");
    }
}

/* ---- OpenSSL oracles */
static int ossl_x963(const char *md, const uint8_t *z, size_t zl, const uint8_t *info, size_t il, uint8_t *out,
                     size_t n)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "X963KDF", NULL);
    EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    OSSL_PARAM params[4], *q = params;
    *q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)md, 0);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)z, zl);
    if (il) *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, il);
    *q = OSSL_PARAM_construct_end();
    int ok = kctx && EVP_KDF_derive(kctx, out, n, params) > 0;
    EVP_KDF_CTX_free(kctx);
    EVP_KDF_free(kdf);
    return ok;
}

static int ossl_ssh(const char *md, const uint8_t *k, size_t kl, const uint8_t *h, size_t hl, const uint8_t *sid,
                    size_t sl, char type, uint8_t *out, size_t n)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SSHKDF", NULL);
    EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    OSSL_PARAM params[6], *q = params;
    char t[2] = {type, 0};
    *q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)md, 0);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)k, kl);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SSHKDF_XCGHASH, (void *)h, hl);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SSHKDF_SESSION_ID, (void *)sid, sl);
    *q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_SSHKDF_TYPE, t, 1);
    *q = OSSL_PARAM_construct_end();
    int ok = kctx && EVP_KDF_derive(kctx, out, n, params) > 0;
    EVP_KDF_CTX_free(kctx);
    EVP_KDF_free(kdf);
    return ok;
}

static void test_vs_openssl(tu_rng *rng)
{
    static uint8_t z[600], info[300], got[1500], want[1500];
    unsigned runs = 0;
    for (int iter = 0; iter < 1500; iter++) {
        const alg_info *a = &algs[iter % NALGS];
        size_t zl = 1 + tu_below(rng, iter < 500 ? 80 : 600), il = tu_below(rng, 4) ? tu_below(rng, 300) : 0;
        size_t n = 1 + tu_below(rng, iter < 500 ? 3 * a->dlen : 1500);
        tu_fill(rng, z, zl);
        tu_fill(rng, info, il);
        if (!ossl_x963(a->ossl, z, zl, info, il, want, n)) {
            CHECK(0, "OpenSSL X963KDF failed (%s z %zu info %zu n %zu)", a->ossl, zl, il, n);
            continue;
        }
        fips140_indicator_clear();
        CHECK_OK(fips140_x963_kdf(a->alg, got, n, z, zl, il ? info : NULL, il), "X9.63 iter %d", iter);
        CHECK_MEM(got, want, n, "X9.63 iter %d %s z %zu info %zu n %zu", iter, a->ossl, zl, il, n);
        CHECK(fips140_indicator_get() == (a->x963_ok ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED),
              "X9.63 %s indicator %d", a->ossl, (int)fips140_indicator_get());
        runs++;
    }
    for (int iter = 0; iter < 1500; iter++) {
        const alg_info *a = &algs[iter % NALGS];
        size_t kl = 1 + tu_below(rng, 600), hl = 1 + tu_below(rng, 80), sl = 1 + tu_below(rng, 80);
        size_t n = 1 + tu_below(rng, iter < 500 ? 3 * a->dlen : 1500);
        char letter = (char)('A' + tu_below(rng, 6));
        uint8_t h[80], sid[80];
        tu_fill(rng, z, kl);
        tu_fill(rng, h, hl);
        tu_fill(rng, sid, sl);
        if (!ossl_ssh(a->ossl, z, kl, h, hl, sid, sl, letter, want, n)) {
            CHECK(0, "OpenSSL SSHKDF failed (%s)", a->ossl);
            continue;
        }
        fips140_indicator_clear();
        CHECK_OK(fips140_ssh_kdf(a->alg, got, n, z, kl, h, hl, sid, sl, letter), "SSH iter %d", iter);
        CHECK_MEM(got, want, n, "SSH iter %d %s k %zu h %zu sid %zu %c n %zu", iter, a->ossl, kl, hl, sl, letter, n);
        CHECK(fips140_indicator_get() == (a->ssh_ok ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED),
              "SSH %s indicator %d", a->ossl, (int)fips140_indicator_get());
        runs++;
    }
    CHECK(runs == 3000, "OpenSSL comparisons run: %u", runs);
}

/* ---- bad parameters: error codes, output untouched, indicator unchanged */
#define EXPECT_BAD(expr, want, what)                                                         \
    do {                                                                                     \
        memset(out, 0xaa, sizeof out);                                                       \
        fips140_indicator_clear();                                                           \
        CHECK_ST((expr), (want), "%s", (what));                                              \
        CHECK(out[0] == 0xaa && out[sizeof out - 1] == 0xaa, "%s: output written", (what));  \
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "%s: indicator set", (what)); \
    } while (0)

static void test_errors(void)
{
    uint8_t out[64], z[32] = {1}, h[20] = {2}, sid[20] = {3};
    EXPECT_BAD(fips140_x963_kdf(FIPS140_SHA256, out, 0, z, 32, NULL, 0), FIPS140_ERR_OUTPUT_LENGTH, "X9.63 outlen 0");
    EXPECT_BAD(fips140_x963_kdf(FIPS140_SHAKE128, out, 32, z, 32, NULL, 0), FIPS140_ERR_ARG, "X9.63 SHAKE128");
    EXPECT_BAD(fips140_x963_kdf((fips140_hash_alg)0, out, 32, z, 32, NULL, 0), FIPS140_ERR_ARG, "X9.63 alg 0");
    EXPECT_BAD(fips140_x963_kdf((fips140_hash_alg)99, out, 32, z, 32, NULL, 0), FIPS140_ERR_ARG, "X9.63 alg 99");
    EXPECT_BAD(fips140_x963_kdf(FIPS140_SHA256, out, 32, NULL, 32, NULL, 0), FIPS140_ERR_NULL, "X9.63 NULL z");
    EXPECT_BAD(fips140_x963_kdf(FIPS140_SHA256, out, 32, z, 32, NULL, 5), FIPS140_ERR_NULL, "X9.63 NULL info");
    EXPECT_BAD(fips140_x963_kdf(FIPS140_SHA256, out, 32, z, 0, NULL, 0), FIPS140_ERR_DATA_LENGTH, "X9.63 empty Z");
    CHECK_ST(fips140_x963_kdf(FIPS140_SHA256, NULL, 32, z, 32, NULL, 0), FIPS140_ERR_NULL, "X9.63 NULL out");
#if SIZE_MAX > 0xffffffffu
    /* X9.63 §5.6.3: at most 2^32 - 1 hash blocks (checked before anything is written). */
    EXPECT_BAD(fips140_x963_kdf(FIPS140_SHA256, out, (size_t)32 * 0xffffffffu + 1, z, 32, NULL, 0),
               FIPS140_ERR_OUTPUT_LENGTH, "X9.63 2^32 blocks");
#endif
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 0, z, 32, h, 20, sid, 20, 'A'), FIPS140_ERR_OUTPUT_LENGTH,
               "SSH outlen 0");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, h, 20, sid, 20, '@'), FIPS140_ERR_ARG, "SSH '@'");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, h, 20, sid, 20, 'G'), FIPS140_ERR_ARG, "SSH 'G'");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, h, 20, sid, 20, 'a'), FIPS140_ERR_ARG, "SSH 'a'");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHAKE256, out, 16, z, 32, h, 20, sid, 20, 'A'), FIPS140_ERR_ARG, "SSH SHAKE");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 0, h, 20, sid, 20, 'A'), FIPS140_ERR_DATA_LENGTH,
               "SSH empty K");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, h, 0, sid, 20, 'A'), FIPS140_ERR_DATA_LENGTH,
               "SSH empty H");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, h, 20, sid, 0, 'A'), FIPS140_ERR_DATA_LENGTH,
               "SSH empty session id");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, NULL, 32, h, 20, sid, 20, 'A'), FIPS140_ERR_NULL, "SSH NULL K");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, NULL, 20, sid, 20, 'A'), FIPS140_ERR_NULL, "SSH NULL H");
    EXPECT_BAD(fips140_ssh_kdf(FIPS140_SHA256, out, 16, z, 32, h, 20, NULL, 20, 'A'), FIPS140_ERR_NULL,
               "SSH NULL session id");
    CHECK_ST(fips140_ssh_kdf(FIPS140_SHA256, NULL, 16, z, 32, h, 20, sid, 20, 'A'), FIPS140_ERR_NULL, "SSH NULL out");
}

/* FIPS140=only (fresh process): X9.63 with SHA-1 and SSH with SHA-3 / SHA-512/t are refused, naming SP 800-135. */
static int only_mode_child(void)
{
    int bad = 0;
    uint8_t out[32], z[32] = {1}, h[20] = {2}, sid[20] = {3};
    memset(out, 0x5a, sizeof out);
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_x963_kdf(FIPS140_SHA1, out, 32, z, 32, NULL, 0) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-135") == NULL ||
           strstr(fips140_last_refusal(), "X9.63") == NULL;
    bad += fips140_ssh_kdf(FIPS140_SHA3_256, out, 32, z, 32, h, 20, sid, 20, 'C') != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_ssh_kdf(FIPS140_SHA512_256, out, 32, z, 32, h, 20, sid, 20, 'C') != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SSH") == NULL;
    bad += out[0] != 0x5a || out[31] != 0x5a;
    fips140_indicator_clear();
    bad += fips140_x963_kdf(FIPS140_SHA3_256, out, 32, z, 32, NULL, 0) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    fips140_indicator_clear();
    bad += fips140_ssh_kdf(FIPS140_SHA1, out, 32, z, 32, h, 20, sid, 20, 'F') != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_kdf135");
    tu_rng rng = {0x135};
    test_kats();
    test_vs_openssl(&rng);
    test_errors();
    return tu_done();
}
