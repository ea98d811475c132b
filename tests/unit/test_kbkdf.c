/* tests/unit/test_kbkdf.c - SP 800-108 Rev. 1 KBKDF (include/fips140/kbkdf.h: fips140_kbkdf,
 * fips140_kbkdf_fixed_data): NIST ACVP KDF-1.0 sample answers for every mode and counter location; counter and
 * feedback modes with Label || 0x00 || Context || [L]_2 vs OpenSSL's EVP_KDF "KBKDF" (HMAC over every fixed-length
 * hash and CMAC-AES-128/192/256, random inputs and output lengths; 32-bit counter, seeds of h bytes or none, as
 * OpenSSL 3.0 allows); every mode, counter length and location
 * (including a counter in the middle of FixedData at any bit) vs a bit-string reference built here over OpenSSL's
 * EVP_Q_mac; the FixedData helper; every bad-parameter error with the output left untouched; the counter limit
 * n <= 2^r - 1; the service indicator; FIPS140=only refusing keys under 112 bits (in a child process). */
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
    {FIPS140_SHA1, "SHA1", 20},           {FIPS140_SHA224, "SHA224", 28},         {FIPS140_SHA256, "SHA256", 32},
    {FIPS140_SHA384, "SHA384", 48},       {FIPS140_SHA512, "SHA512", 64},
    {FIPS140_SHA512_224, "SHA512-224", 28},
    {FIPS140_SHA512_256, "SHA512-256", 32}, {FIPS140_SHA3_224, "SHA3-224", 28},   {FIPS140_SHA3_256, "SHA3-256", 32},
    {FIPS140_SHA3_384, "SHA3-384", 48},   {FIPS140_SHA3_512, "SHA3-512", 64},
};
#define NALGS (sizeof algs / sizeof algs[0])
static const char *const cmac_ciphers[3] = {"AES-128-CBC", "AES-192-CBC", "AES-256-CBC"};

/* ---- known answers: NIST ACVP-Server gen-val/json-files/KDF-1.0/internalProjection.json (sample answers). */
typedef struct kat {
    const char *mode, *mac, *loc;
    unsigned ctr_bits, break_bits;
    const char *key, *fixed, *iv, *out;
} kat;

static const kat kats[] = {
    {"counter", "HMAC-SHA2-256", "before fixed data", 8, 97,
     "6BFA008AE64B2B41CEBA2FE20B0A2C2A17B5A91D386B7D9EF63BF9345EE075A7", "3D2BC67FE2932E65A9CBAB3413B5FF82", "",
     "42201B351409CB46C4E44075E594C2169490AEDA749BF1FDB0C9EA2510629607DFB165C2A7AB0A0DD3219866CC14FD627329D91269A17AD1"
     "D7C67D29BC18DF73"}, /* tcId 1153 */
    {"counter", "HMAC-SHA3-256", "middle fixed data", 24, 125,
     "07C2C4A0E75774CDEC4B1CCD2C2EA36B00DA74758E987774818772B16E067484", "2FAB961FAC98FD2BA2AC9DA9590590B4", "",
     "E5C33531C199BB16CC81938B35EE60DD1BA3"}, /* tcId 2358 */
    {"counter", "CMAC-AES192", "after fixed data", 16, 59, "8A2164BF8D224F6885B8A506D632C91762E963316CBE9AF4",
     "8F8BA7AA630838210FE4ED82B71E40AD", "", "CCFB9D6A1847F7EFFF237B774554331D"}, /* tcId 242 */
    {"feedback", "HMAC-SHA-1", "after fixed data", 16, 90, "A7959AE6C94164DF7EC4EB376459C03A2BDE1D73",
     "B37CFE35EC7D831F0CC38B67CE589F73", "647AFCEC48F521744449EAD1C51EFAFF9155BF0B",
     "4D3BDC19671DF922150B6FC8579D027C612E7F9A26FF4439ADB4164DACE6B7BA0E0BD89997DD36513A3F9504B7986F05C7DE6ACDAF2DDB61"
     "093F571EA6172DCC1ADDDCEC3D4E6294183D3A83ECBE30F1"}, /* tcId 4510 */
    {"feedback", "CMAC-AES256", "before iterator", 16, 115,
     "CFBADF831E0EFE66D5FAC072540E30D73C484E13FD8EA1EA9DE6361DEC665CAF", "0A19C8271F859061EF1DD8CA45A7C78C",
     "17185EC8411C6D96B1CCD3337E1AB936", "F1F8FE9987DE6225BAD0444F29346F3C3C4D7A03B3192AEBAC6831CC01FDA9CA"}, /* 3766 */
    {"feedback", "HMAC-SHA2-512/224", "none", 0, 24, "DDC455F4F84E22B3528F8BF6E01E974E83458449E80FDDF3D7E70586",
     "AA0D6641E36484F7DC7D32199EE3EEB7", "647E8710CE78413BB4CA3F411BAD626DDC6F4CD3B8566B1FC08D6C6A",
     "4BFD08D71855BE01748A706F030A4F5A8571728C82E2205845F9BB61"}, /* tcId 6382 */
    {"feedback", "CMAC-AES128", "before fixed data", 8, 68, "15E134FE8BCAEC77EC16BA8775B5D99B",
     "B63FF8FE25B55419F5CCD355ED5BBB59", "",
     "0857A0E1D86A6D67E8B73273CE446F784C14676A03005B4932CE9ED606DEF224046E275435EB5DAF17B6A7B2D5C482AE"}, /* 2847 */
    {"double pipeline iteration", "HMAC-SHA2-512", "before iterator", 16, 90,
     "B21C2FAA4F8F60866B49C77CABA3D0175159C8F18E38A93B4235B4D4FF67B86644A494DB901ABE13EB029CE509DA9B968F331AFC8D88C6"
     "47F8C0C50EA24C8807",
     "60A5E2B430F6972A51A94E07DEAFC1FF", "",
     "1324B55C4BD2226F410604055108F1F871214A93865FE69088957DBEFDF63A4189A9D835873A64C06343282A8B7E275AD58EAD94119BB1"
     "259FE037B8AEB405A5B53E6A672745EB8B78CEB2C07126"}, /* tcId 10476 */
    {"double pipeline iteration", "CMAC-AES128", "none", 0, 48, "C19589B5732936A0DC603B2E502383BC",
     "9E66EE1435E217E34C57554B22514454", "",
     "BD7214333C71F91FC078B61FC1B49BB635446E0EBA1D9BE6DE089CC98BA50C26EC0758DB0D18B116516D9F1CB6A58B8B7533C50200F6E1"
     "FCA6063808D886623249C5F49A0F33333AAAC3307E80D921E3"}, /* tcId 8766 */
    {"double pipeline iteration", "HMAC-SHA2-384", "after fixed data", 16, 51,
     "053EE04523674D309EAABEB9A6B6BAAFCAF1D8563C4CA5E0F6701A240F7483F29B0195A9D95A8971CA41C05A74CF0F12",
     "514474A7A8798858F12650B6B68BCED9", "",
     "7D67E0229BF97F1DDFAC489A1B3829089FB148BB00373665BD8096435F4DB0B60C8E95553C6F01C98B869BD47394CD03"}, /* 10252 */
};

static uint32_t mode_of(const char *s)
{
    if (strcmp(s, "counter") == 0) return FIPS140_KBKDF_COUNTER;
    if (strcmp(s, "feedback") == 0) return FIPS140_KBKDF_FEEDBACK;
    return FIPS140_KBKDF_DOUBLE_PIPELINE;
}

static uint32_t loc_of(const char *s)
{
    if (strcmp(s, "before fixed data") == 0) return FIPS140_KBKDF_CTR_BEFORE_FIXED;
    if (strcmp(s, "after fixed data") == 0) return FIPS140_KBKDF_CTR_AFTER_FIXED;
    if (strcmp(s, "middle fixed data") == 0) return FIPS140_KBKDF_CTR_MIDDLE_FIXED;
    if (strcmp(s, "before iterator") == 0) return FIPS140_KBKDF_CTR_BEFORE_ITER;
    return FIPS140_KBKDF_CTR_NONE;
}

static void test_kats(void)
{
    for (size_t i = 0; i < sizeof kats / sizeof kats[0]; i++) {
        const kat *k = &kats[i];
        uint8_t key[64], fixed[64], iv[64], want[128], out[128];
        fips140_kbkdf_params p;
        memset(&p, 0, sizeof p);
        p.mode = mode_of(k->mode);
        p.ctr_loc = loc_of(k->loc);
        p.ctr_bits = k->ctr_bits;
        p.break_bits = p.ctr_loc == FIPS140_KBKDF_CTR_MIDDLE_FIXED ? k->break_bits : 0;
        p.keylen = tu_unhex(key, sizeof key, k->key);
        p.fixedlen = tu_unhex(fixed, sizeof fixed, k->fixed);
        p.ivlen = tu_unhex(iv, sizeof iv, k->iv);
        size_t n = tu_unhex(want, sizeof want, k->out);
        p.key = key;
        p.fixed = fixed;
        p.iv = iv;
        if (strncmp(k->mac, "CMAC", 4) == 0) {
            p.prf = FIPS140_KBKDF_CMAC_AES;
        } else {
            p.prf = FIPS140_KBKDF_HMAC;
            for (size_t a = 0; a < NALGS; a++)
                if (strcmp(fips140_hash_name(algs[a].alg), k->mac + 5) == 0) p.hash = algs[a].alg;
        }
        fips140_indicator_clear();
        CHECK_OK(fips140_kbkdf(&p, out, n), "KAT %zu (%s %s %s)", i, k->mode, k->mac, k->loc);
        CHECK_MEM(out, want, n, "KAT %zu (%s %s %s)", i, k->mode, k->mac, k->loc);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "KAT %zu indicator", i);
    }
}

/* ---- OpenSSL's EVP_KDF "KBKDF": counter and feedback modes, 32-bit counter before the fixed data (OpenSSL 3.0 has
 * no counter-length parameter), FixedData = Label || 0x00 || Context || [L]_2 with use-l / use-separator. */
static int ossl_kbkdf(int feedback, int cmac, const char *md_or_cipher, const uint8_t *key, size_t keylen,
                      const uint8_t *label, size_t labellen, const uint8_t *ctx, size_t ctxlen, const uint8_t *seed,
                      size_t seedlen, int use_l, int use_sep, uint8_t *out, size_t outlen)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "KBKDF", NULL);
    EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    OSSL_PARAM params[12], *q = params;
    static uint8_t empty[1];
    *q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, (char *)(feedback ? "FEEDBACK" : "COUNTER"), 0);
    *q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, (char *)(cmac ? "CMAC" : "HMAC"), 0);
    *q++ = OSSL_PARAM_construct_utf8_string(cmac ? OSSL_KDF_PARAM_CIPHER : OSSL_KDF_PARAM_DIGEST,
                                            (char *)md_or_cipher, 0);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, keylen);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, labellen ? (void *)label : empty, labellen);
    *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, ctxlen ? (void *)ctx : empty, ctxlen);
    if (feedback && seedlen)
        *q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, (void *)seed, seedlen);
    int l = use_l, s = use_sep;
    *q++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_KBKDF_USE_L, &l);
    *q++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_KBKDF_USE_SEPARATOR, &s);
    *q = OSSL_PARAM_construct_end();
    int ok = kctx && EVP_KDF_derive(kctx, out, outlen, params) > 0;
    EVP_KDF_CTX_free(kctx);
    EVP_KDF_free(kdf);
    return ok;
}

static void test_vs_openssl(tu_rng *rng)
{
    uint8_t key[64], label[64], ctx[64], seed[64], fixed[200], got[700], want[700];
    unsigned count = 0;
    for (int iter = 0; iter < 600; iter++) {
        int feedback = iter & 1, cmac = (iter >> 1) % 4 == 3;
        size_t ai = tu_below(rng, NALGS), ci = tu_below(rng, 3);
        size_t keylen = cmac ? 16 + 8 * ci : 1 + tu_below(rng, 64);
        size_t labellen = tu_below(rng, 40), ctxlen = tu_below(rng, 40), seedlen = 0;
        /* OpenSSL 3.0 takes a seed of exactly the PRF's output length (or none) */
        if (feedback && tu_below(rng, 4) != 0) seedlen = cmac ? 16 : algs[ai].dlen;
        size_t outlen = 1 + tu_below(rng, iter < 100 ? 40 : 700);
        int use_l = (int)tu_below(rng, 2), use_sep = (int)tu_below(rng, 2);
        tu_fill(rng, key, keylen);
        tu_fill(rng, label, labellen);
        tu_fill(rng, ctx, ctxlen);
        tu_fill(rng, seed, seedlen);
        if (!ossl_kbkdf(feedback, cmac, cmac ? cmac_ciphers[ci] : algs[ai].ossl, key, keylen, label, labellen, ctx,
                        ctxlen, seed, seedlen, use_l, use_sep, want, outlen)) {
            CHECK(0, "OpenSSL KBKDF failed: fb %d cmac %d %s key %zu label %zu ctx %zu seed %zu out %zu", feedback,
                  cmac, cmac ? cmac_ciphers[ci] : algs[ai].ossl, keylen, labellen, ctxlen, seedlen, outlen);
            continue;
        }
        fips140_kbkdf_params p;
        size_t fixedlen = 0;
        memset(&p, 0, sizeof p);
        CHECK_OK(fips140_kbkdf_fixed_data(fixed, sizeof fixed, &fixedlen, label, labellen, ctx, ctxlen,
                                          (uint64_t)outlen * 8, use_sep, use_l), "fixed data");
        p.mode = feedback ? FIPS140_KBKDF_FEEDBACK : FIPS140_KBKDF_COUNTER;
        p.prf = cmac ? FIPS140_KBKDF_CMAC_AES : FIPS140_KBKDF_HMAC;
        p.hash = cmac ? 0 : algs[ai].alg;
        p.ctr_bits = 32;
        p.ctr_loc = FIPS140_KBKDF_CTR_BEFORE_FIXED;
        p.key = key;
        p.keylen = keylen;
        p.iv = seed;
        p.ivlen = seedlen;
        p.fixed = fixed;
        p.fixedlen = fixedlen;
        CHECK_OK(fips140_kbkdf(&p, got, outlen), "iter %d", iter);
        CHECK_MEM(got, want, outlen, "iter %d: %s %s key %zu label %zu ctx %zu seed %zu out %zu l %d sep %d", iter,
                  feedback ? "feedback" : "counter", cmac ? cmac_ciphers[ci] : algs[ai].ossl, keylen, labellen,
                  ctxlen, seedlen, outlen, use_l, use_sep);
        count++;
    }
    CHECK(count == 600, "OpenSSL comparisons run: %u", count);
}

/* ---- a reference of every mode and counter location: each PRF input is built as a string of bits (one byte per
 * bit), the counter spliced in at its bit position, then packed; the PRF is OpenSSL's EVP_Q_mac. */
static size_t put_bits(uint8_t *bits, size_t pos, const uint8_t *bytes, size_t nbits_from_bytes)
{
    for (size_t i = 0; i < nbits_from_bytes; i++)
        bits[pos + i] = (uint8_t)((bytes[i / 8] >> (7 - i % 8)) & 1);
    return pos + nbits_from_bytes;
}

static int ref_prf(const fips140_kbkdf_params *p, const uint8_t *msg, size_t len, uint8_t *out, size_t *outlen)
{
    const char *sub = NULL;
    if (p->prf == FIPS140_KBKDF_HMAC) {
        for (size_t a = 0; a < NALGS; a++)
            if (algs[a].alg == (fips140_hash_alg)p->hash) sub = algs[a].ossl;
    } else {
        sub = cmac_ciphers[(p->keylen - 16) / 8];
    }
    static const uint8_t one[1];
    return EVP_Q_mac(NULL, p->prf == FIPS140_KBKDF_HMAC ? "HMAC" : "CMAC", NULL, sub, NULL,
                     p->keylen ? p->key : one, p->keylen, msg, len, out, 64, outlen) != NULL;
}

static int reference(const fips140_kbkdf_params *p, uint8_t *out, size_t outlen)
{
    static uint8_t bits[8 * 600], msg[600];
    uint8_t k[64], a[64], ctr[4], prev[64];
    size_t h = 0, prevlen = p->ivlen, done = 0;
    memcpy(prev, p->iv, p->ivlen);
    if (p->mode == FIPS140_KBKDF_DOUBLE_PIPELINE) {
        if (!ref_prf(p, p->fixed, p->fixedlen, a, &h)) return 0; /* A(1) */
    }
    for (uint32_t i = 1; done < outlen; i++) {
        if (p->mode == FIPS140_KBKDF_DOUBLE_PIPELINE && i > 1 && !ref_prf(p, a, h, a, &h)) return 0;
        ctr[0] = (uint8_t)(i >> 24); ctr[1] = (uint8_t)(i >> 16); ctr[2] = (uint8_t)(i >> 8); ctr[3] = (uint8_t)i;
        const uint8_t *c = ctr + 4 - p->ctr_bits / 8;
        size_t pos = 0;
        const uint8_t *iter = p->mode == FIPS140_KBKDF_FEEDBACK ? prev : a;
        size_t iterlen = p->mode == FIPS140_KBKDF_FEEDBACK ? prevlen : p->mode == FIPS140_KBKDF_DOUBLE_PIPELINE ? h : 0;
        if (p->ctr_loc == FIPS140_KBKDF_CTR_BEFORE_ITER) pos = put_bits(bits, pos, c, p->ctr_bits);
        pos = put_bits(bits, pos, iter, 8 * iterlen);
        switch (p->ctr_loc) {
        case FIPS140_KBKDF_CTR_BEFORE_FIXED:
            pos = put_bits(bits, pos, c, p->ctr_bits);
            pos = put_bits(bits, pos, p->fixed, 8 * p->fixedlen);
            break;
        case FIPS140_KBKDF_CTR_AFTER_FIXED:
            pos = put_bits(bits, pos, p->fixed, 8 * p->fixedlen);
            pos = put_bits(bits, pos, c, p->ctr_bits);
            break;
        case FIPS140_KBKDF_CTR_MIDDLE_FIXED: {
            size_t start = pos;
            pos = put_bits(bits, pos, p->fixed, 8 * p->fixedlen);
            /* shift the bits after the break right by r and write the counter into the gap */
            memmove(bits + start + p->break_bits + p->ctr_bits, bits + start + p->break_bits,
                    8 * p->fixedlen - p->break_bits);
            put_bits(bits, start + p->break_bits, c, p->ctr_bits);
            pos += p->ctr_bits;
            break;
        }
        default:
            pos = put_bits(bits, pos, p->fixed, 8 * p->fixedlen);
            break;
        }
        memset(msg, 0, sizeof msg);
        for (size_t b = 0; b < pos; b++)
            msg[b / 8] |= (uint8_t)(bits[b] << (7 - b % 8));
        if (!ref_prf(p, msg, pos / 8, k, &h)) return 0;
        size_t take = outlen - done < h ? outlen - done : h;
        memcpy(out + done, k, take);
        done += take;
        memcpy(prev, k, h);
        prevlen = h;
    }
    return 1;
}

static void test_vs_reference(tu_rng *rng)
{
    static const uint32_t locs[5] = {FIPS140_KBKDF_CTR_NONE, FIPS140_KBKDF_CTR_BEFORE_FIXED,
                                     FIPS140_KBKDF_CTR_AFTER_FIXED, FIPS140_KBKDF_CTR_MIDDLE_FIXED,
                                     FIPS140_KBKDF_CTR_BEFORE_ITER};
    uint8_t key[64], fixed[80], iv[64], got[400], want[400];
    unsigned count = 0;
    for (int iter = 0; iter < 3000; iter++) {
        fips140_kbkdf_params p;
        memset(&p, 0, sizeof p);
        p.mode = 1 + (uint32_t)tu_below(rng, 3);
        p.prf = tu_below(rng, 4) == 0 ? FIPS140_KBKDF_CMAC_AES : FIPS140_KBKDF_HMAC;
        size_t ai = tu_below(rng, NALGS);
        p.hash = p.prf == FIPS140_KBKDF_HMAC ? algs[ai].alg : 0;
        p.keylen = p.prf == FIPS140_KBKDF_CMAC_AES ? 16 + 8 * tu_below(rng, 3) : tu_below(rng, 65);
        p.ctr_loc = locs[tu_below(rng, 5)];
        if (p.mode == FIPS140_KBKDF_COUNTER && (p.ctr_loc == FIPS140_KBKDF_CTR_NONE ||
                                                p.ctr_loc == FIPS140_KBKDF_CTR_BEFORE_ITER))
            p.ctr_loc = FIPS140_KBKDF_CTR_MIDDLE_FIXED;
        p.ctr_bits = p.ctr_loc == FIPS140_KBKDF_CTR_NONE ? 0 : 8 * (1 + (uint32_t)tu_below(rng, 4));
        p.fixedlen = tu_below(rng, 81);
        p.break_bits = p.ctr_loc == FIPS140_KBKDF_CTR_MIDDLE_FIXED ? tu_below(rng, 8 * p.fixedlen + 1) : 0;
        p.ivlen = p.mode == FIPS140_KBKDF_FEEDBACK ? tu_below(rng, 65) : 0;
        size_t outlen = 1 + tu_below(rng, iter < 1000 ? 70 : 400);
        tu_fill(rng, key, p.keylen);
        tu_fill(rng, fixed, p.fixedlen);
        tu_fill(rng, iv, p.ivlen);
        p.key = key;
        p.fixed = fixed;
        p.iv = iv;
        if (!reference(&p, want, outlen)) {
            CHECK(0, "reference failed");
            continue;
        }
        CHECK_OK(fips140_kbkdf(&p, got, outlen), "iter %d", iter);
        CHECK_MEM(got, want, outlen, "iter %d: mode %u prf %u hash %u key %zu loc %u r %u fixed %zu break %zu iv %zu "
                  "out %zu", iter, p.mode, p.prf, p.hash, p.keylen, p.ctr_loc, p.ctr_bits, p.fixedlen, p.break_bits,
                  p.ivlen, outlen);
        count++;
    }
    CHECK(count == 3000, "reference comparisons run: %u", count);
}

/* ---- FixedData helper */
static void test_fixed_data(void)
{
    uint8_t buf[32];
    size_t n = 0;
    static const uint8_t label[3] = {'a', 'b', 'c'}, ctx[2] = {0xc1, 0xc2};
    static const uint8_t want_all[] = {'a', 'b', 'c', 0x00, 0xc1, 0xc2, 0x00, 0x00, 0x01, 0x00};
    CHECK_OK(fips140_kbkdf_fixed_data(buf, sizeof buf, &n, label, 3, ctx, 2, 256, 1, 1), "fixed data");
    CHECK(n == sizeof want_all, "fixed data length %zu", n);
    CHECK_MEM(buf, want_all, sizeof want_all, "Label || 0x00 || Context || [256]_32");
    CHECK_OK(fips140_kbkdf_fixed_data(buf, sizeof buf, &n, label, 3, ctx, 2, 256, 0, 0), "no separator, no L");
    CHECK(n == 5 && memcmp(buf, "abc\xc1\xc2", 5) == 0, "Label || Context");
    CHECK_OK(fips140_kbkdf_fixed_data(buf, 10, &n, label, 3, ctx, 2, 0xffffffffu, 1, 1), "exact cap, L = 2^32 - 1");
    CHECK(n == 10 && memcmp(buf + 6, "\xff\xff\xff\xff", 4) == 0, "L = 2^32 - 1");
    CHECK_OK(fips140_kbkdf_fixed_data(buf, 0, &n, NULL, 0, NULL, 0, 8, 0, 0), "empty");
    CHECK(n == 0, "empty length %zu", n);
    memset(buf, 0xaa, sizeof buf);
    n = 77;
    CHECK_ST(fips140_kbkdf_fixed_data(buf, 9, &n, label, 3, ctx, 2, 256, 1, 1), FIPS140_ERR_OUTPUT_LENGTH, "cap 9");
    CHECK_ST(fips140_kbkdf_fixed_data(buf, 32, &n, label, 3, ctx, 2, (uint64_t)1 << 32, 1, 1),
             FIPS140_ERR_OUTPUT_LENGTH, "L >= 2^32");
    CHECK_ST(fips140_kbkdf_fixed_data(NULL, 32, &n, label, 3, ctx, 2, 256, 1, 1), FIPS140_ERR_NULL, "NULL out");
    CHECK_ST(fips140_kbkdf_fixed_data(buf, 32, NULL, label, 3, ctx, 2, 256, 1, 1), FIPS140_ERR_NULL, "NULL len");
    CHECK_ST(fips140_kbkdf_fixed_data(buf, 32, &n, NULL, 3, ctx, 2, 256, 1, 1), FIPS140_ERR_NULL, "NULL label");
    CHECK_ST(fips140_kbkdf_fixed_data(buf, 32, &n, label, 3, NULL, 2, 256, 1, 1), FIPS140_ERR_NULL, "NULL context");
    CHECK(n == 77 && buf[0] == 0xaa && buf[31] == 0xaa, "nothing written on error");
}

/* ---- bad parameters: each error code, and out left untouched */
static fips140_kbkdf_params good_params(const uint8_t *key, const uint8_t *fixed)
{
    fips140_kbkdf_params p;
    memset(&p, 0, sizeof p);
    p.mode = FIPS140_KBKDF_COUNTER;
    p.prf = FIPS140_KBKDF_HMAC;
    p.hash = FIPS140_SHA256;
    p.ctr_bits = 32;
    p.ctr_loc = FIPS140_KBKDF_CTR_BEFORE_FIXED;
    p.key = key;
    p.keylen = 32;
    p.fixed = fixed;
    p.fixedlen = 16;
    return p;
}

#define EXPECT_BAD(p, outlen, want, what)                                                    \
    do {                                                                                     \
        memset(out, 0xaa, sizeof out);                                                       \
        fips140_indicator_clear();                                                           \
        CHECK_ST(fips140_kbkdf(&(p), out, (outlen)), (want), "%s", (what));                  \
        CHECK(out[0] == 0xaa && out[sizeof out - 1] == 0xaa, "%s: output written", (what));  \
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NONE, "%s: indicator set", (what)); \
    } while (0)

static void test_errors(void)
{
    uint8_t key[32] = {1}, fixed[16] = {2}, iv[16] = {3}, out[8200];
    fips140_kbkdf_params p = good_params(key, fixed);
    CHECK_OK(fips140_kbkdf(&p, out, 32), "baseline");
    CHECK_ST(fips140_kbkdf(NULL, out, 32), FIPS140_ERR_NULL, "NULL params");
    CHECK_ST(fips140_kbkdf(&p, NULL, 32), FIPS140_ERR_NULL, "NULL out");
    p.key = NULL; EXPECT_BAD(p, 32, FIPS140_ERR_NULL, "NULL key"); p = good_params(key, fixed);
    p.fixed = NULL; EXPECT_BAD(p, 32, FIPS140_ERR_NULL, "NULL fixed"); p = good_params(key, fixed);
    p.mode = FIPS140_KBKDF_FEEDBACK; p.ivlen = 4; EXPECT_BAD(p, 32, FIPS140_ERR_NULL, "NULL iv");
    p = good_params(key, fixed);
    p.mode = 0; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "mode 0"); p.mode = 4; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "mode 4");
    p = good_params(key, fixed);
    p.prf = 0; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "prf 0"); p.prf = 3; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "prf 3");
    p = good_params(key, fixed);
    p.hash = FIPS140_SHAKE128; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "SHAKE128");
    p.hash = 0; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "hash 0");
    p = good_params(key, fixed);
    p.prf = FIPS140_KBKDF_CMAC_AES; p.keylen = 20; EXPECT_BAD(p, 32, FIPS140_ERR_KEY_LENGTH, "CMAC key 20");
    p.keylen = 0; EXPECT_BAD(p, 32, FIPS140_ERR_KEY_LENGTH, "CMAC key 0");
    p = good_params(key, fixed);
    p.ctr_bits = 12; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "r = 12");
    p.ctr_bits = 40; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "r = 40");
    p.ctr_bits = 0; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "counter mode without a counter");
    p.ctr_loc = FIPS140_KBKDF_CTR_NONE; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "counter mode, location none");
    p = good_params(key, fixed);
    p.ctr_loc = FIPS140_KBKDF_CTR_BEFORE_ITER; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "counter mode before iterator");
    p.ctr_loc = 5; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "location 5");
    p = good_params(key, fixed);
    p.mode = FIPS140_KBKDF_FEEDBACK; p.ctr_bits = 0; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "r = 0 with a location");
    p.ctr_loc = FIPS140_KBKDF_CTR_NONE; p.ctr_bits = 8; EXPECT_BAD(p, 32, FIPS140_ERR_ARG, "location none, r = 8");
    p = good_params(key, fixed);
    p.iv = iv; p.ivlen = 16; EXPECT_BAD(p, 32, FIPS140_ERR_IV_LENGTH, "IV in counter mode");
    p.mode = FIPS140_KBKDF_DOUBLE_PIPELINE; EXPECT_BAD(p, 32, FIPS140_ERR_IV_LENGTH, "IV in double pipeline");
    p = good_params(key, fixed);
    p.ctr_loc = FIPS140_KBKDF_CTR_MIDDLE_FIXED; p.break_bits = 129;
    EXPECT_BAD(p, 32, FIPS140_ERR_DATA_LENGTH, "break past FixedData");
    p.break_bits = 128; CHECK_OK(fips140_kbkdf(&p, out, 32), "break at the end of FixedData");
    p = good_params(key, fixed);
    EXPECT_BAD(p, 0, FIPS140_ERR_OUTPUT_LENGTH, "outlen 0");
    /* SP 800-108 Rev. 1 §4: n <= 2^r - 1. HMAC-SHA-256 with r = 8: 255 blocks = 8160 bytes. */
    p.ctr_bits = 8;
    CHECK_OK(fips140_kbkdf(&p, out, 255 * 32), "255 blocks with r = 8");
    EXPECT_BAD(p, 255 * 32 + 1, FIPS140_ERR_OUTPUT_LENGTH, "256 blocks with r = 8");
    p.mode = FIPS140_KBKDF_FEEDBACK;
    EXPECT_BAD(p, 255 * 32 + 1, FIPS140_ERR_OUTPUT_LENGTH, "feedback, 256 blocks with r = 8");
    p.ctr_bits = 16;
    CHECK_OK(fips140_kbkdf(&p, out, 255 * 32 + 1), "256 blocks with r = 16");
}

/* ---- service indicator: keys of 112 bits or more are approved (SP 800-131A Rev. 2 §8); CMAC keys always are. */
static void test_indicator(void)
{
    uint8_t key[64] = {9}, fixed[16] = {8}, out[64];
    int only = fips140_get_mode() == FIPS140_MODE_ONLY;
    for (size_t ai = 0; ai < NALGS; ai++) {
        for (size_t klen = 0; klen <= 20; klen++) {
            fips140_kbkdf_params p = good_params(key, fixed);
            p.hash = algs[ai].alg;
            p.keylen = klen;
            fips140_indicator_clear();
            fips140_status st = fips140_kbkdf(&p, out, 40);
            if (klen < 14 && only) {
                CHECK(st == FIPS140_ERR_NOT_APPROVED, "%s key %zu in FIPS140=only: %d", algs[ai].ossl, klen, st);
                continue;
            }
            fips140_indicator want = klen >= 14 ? FIPS140_INDICATOR_APPROVED : FIPS140_INDICATOR_NOT_APPROVED;
            CHECK(st == FIPS140_OK && fips140_indicator_get() == want, "%s key %zu: status %d indicator %d",
                  algs[ai].ossl, klen, st, (int)fips140_indicator_get());
        }
    }
    for (size_t klen = 16; klen <= 32; klen += 8) {
        fips140_kbkdf_params p = good_params(key, fixed);
        p.prf = FIPS140_KBKDF_CMAC_AES;
        p.keylen = klen;
        p.mode = FIPS140_KBKDF_DOUBLE_PIPELINE;
        fips140_indicator_clear();
        CHECK(fips140_kbkdf(&p, out, 64) == FIPS140_OK && fips140_indicator_get() == FIPS140_INDICATOR_APPROVED,
              "CMAC key %zu indicator %d", klen, (int)fips140_indicator_get());
    }
}

/* FIPS140=only (fresh process): keys under 112 bits are refused and the refusal names SP 800-131A. */
static int only_mode_child(void)
{
    int bad = 0;
    uint8_t key[32] = {1}, fixed[16] = {2}, out[32];
    memset(out, 0x5a, sizeof out);
    fips140_kbkdf_params p = good_params(key, fixed);
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    p.keylen = 13;
    bad += fips140_kbkdf(&p, out, 32) != FIPS140_ERR_NOT_APPROVED;
    bad += out[0] != 0x5a || out[31] != 0x5a;
    bad += fips140_last_refusal() == NULL || strstr(fips140_last_refusal(), "SP 800-131A") == NULL ||
           strstr(fips140_last_refusal(), "KBKDF") == NULL;
    p.keylen = 14;
    fips140_indicator_clear();
    bad += fips140_kbkdf(&p, out, 32) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_kbkdf");
    tu_rng rng = {0x108};
    test_kats();
    test_vs_openssl(&rng);
    test_vs_reference(&rng);
    test_fixed_data();
    test_errors();
    test_indicator();
    return tu_done();
}
