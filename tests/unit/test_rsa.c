/* tests/unit/test_rsa.c - RSA (include/fips140/rsa.h) against OpenSSL libcrypto as the oracle: keys made by
 * OpenSSL load into the module; PKCS#1 v1.5 and PSS signatures and OAEP ciphertexts cross in both directions;
 * generated keys pass OpenSSL's key check and FIPS 186-5's bounds on d; SHAKE-PSS encodings are decoded here with
 * OpenSSL's raw RSA and SHAKE; error cases; legacy use and FIPS140=only. */
#include "test_util.h"
#include <fips140/rsa.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#define KMAX 1024

typedef struct comp {
    uint8_t b[KMAX];
    size_t len;
} comp;

/* The eight components of an OpenSSL key, big-endian (n, e, d, p, q, dp, dq, qinv). */
typedef struct ossl_comps {
    comp c[8];
} ossl_comps;

static const char *const param_names[8] = {
    OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,         OSSL_PKEY_PARAM_RSA_D,
    OSSL_PKEY_PARAM_RSA_FACTOR1,   OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
    OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};

static void ossl_export(EVP_PKEY *pk, ossl_comps *oc)
{
    for (int i = 0; i < 8; i++) {
        BIGNUM *bn = NULL;
        if (!EVP_PKEY_get_bn_param(pk, param_names[i], &bn)) {
            fprintf(stderr, "OpenSSL export failed\n");
            abort();
        }
        oc->c[i].len = (size_t)BN_bn2bin(bn, oc->c[i].b);
        BN_free(bn);
    }
}

/* ossl_import - an OpenSSL key from components (private when with_priv). */
static EVP_PKEY *ossl_import(const ossl_comps *oc, int with_priv)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *bn[8] = {0};
    int count = with_priv ? 8 : 2;
    for (int i = 0; i < count; i++) {
        bn[i] = BN_bin2bn(oc->c[i].b, (int)oc->c[i].len, NULL);
        OSSL_PARAM_BLD_push_BN(bld, param_names[i], bn[i]);
    }
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    EVP_PKEY *pk = NULL;
    if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pk, with_priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0) {
        fprintf(stderr, "OpenSSL import failed\n");
        abort();
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    for (int i = 0; i < count; i++)
        BN_free(bn[i]);
    return pk;
}

/* odd_key - a key with an odd modulus length (OpenSSL's generator rounds those down above 2048 bits): primes of
 * (bits+1)/2 and (bits-1)/2 bits from BN_generate_prime_ex2 (top two bits set, so n has exactly bits bits), and
 * d = e^-1 mod lcm(p-1, q-1), all with OpenSSL's BN. */
static EVP_PKEY *odd_key(int bits, ossl_comps *oc)
{
    BN_CTX *bc = BN_CTX_new();
    BIGNUM *v[8], *p1 = BN_new(), *q1 = BN_new(), *g = BN_new(), *lam = BN_new(), *t = BN_new();
    for (int i = 0; i < 8; i++)
        v[i] = BN_new();
    BN_set_word(v[1], 65537);
    for (;;) {
        BN_generate_prime_ex2(v[3], (bits + 1) / 2, 0, NULL, NULL, NULL, bc);
        BN_generate_prime_ex2(v[4], bits / 2, 0, NULL, NULL, NULL, bc);
        BN_mul(v[0], v[3], v[4], bc);
        BN_sub(p1, v[3], BN_value_one());
        BN_sub(q1, v[4], BN_value_one());
        BN_gcd(g, p1, q1, bc);
        BN_mul(t, p1, q1, bc);
        BN_div(lam, NULL, t, g, bc);
        if (BN_num_bits(v[0]) == bits && BN_mod_inverse(v[2], v[1], lam, bc) != NULL)
            break;
    }
    BN_mod(v[5], v[2], p1, bc);
    BN_mod(v[6], v[2], q1, bc);
    BN_mod_inverse(v[7], v[4], v[3], bc);
    for (int i = 0; i < 8; i++) {
        oc->c[i].len = (size_t)BN_bn2bin(v[i], oc->c[i].b);
        BN_free(v[i]);
    }
    BN_free(p1); BN_free(q1); BN_free(g); BN_free(lam); BN_free(t);
    BN_CTX_free(bc);
    return ossl_import(oc, 1);
}

/* our_key - the module's key from OpenSSL components (with_crt: dp, dq, qinv given too). */
static fips140_rsa_key *our_key(const ossl_comps *oc, int with_priv, int with_crt)
{
    fips140_rsa_key *k = NULL;
    if (fips140_rsa_key_new(&k) != FIPS140_OK)
        abort();
    const comp *c = oc->c;
    fips140_status st;
    if (!with_priv)
        st = fips140_rsa_key_set_public(k, c[0].b, c[0].len, c[1].b, c[1].len);
    else
        st = fips140_rsa_key_set_private(k, c[0].b, c[0].len, c[1].b, c[1].len, c[2].b, c[2].len, c[3].b, c[3].len,
                                         c[4].b, c[4].len, with_crt ? c[5].b : NULL, c[5].len,
                                         with_crt ? c[6].b : NULL, c[6].len, with_crt ? c[7].b : NULL, c[7].len);
    CHECK_OK(st, "load OpenSSL key (priv %d crt %d)", with_priv, with_crt);
    return k;
}

static const struct hinfo {
    fips140_hash_alg alg;
    const char *ossl;
} hashes[] = {
    {FIPS140_SHA224, "SHA224"},         {FIPS140_SHA256, "SHA256"},         {FIPS140_SHA384, "SHA384"},
    {FIPS140_SHA512, "SHA512"},         {FIPS140_SHA512_224, "SHA512-224"}, {FIPS140_SHA512_256, "SHA512-256"},
    {FIPS140_SHA3_224, "SHA3-224"},     {FIPS140_SHA3_256, "SHA3-256"},     {FIPS140_SHA3_384, "SHA3-384"},
    {FIPS140_SHA3_512, "SHA3-512"},
};
#define NHASH (sizeof hashes / sizeof hashes[0])

/* ossl_pkey_ctx - a sign/verify/encrypt/decrypt context with padding and digests set. op: 's', 'v', 'e', 'd'. */
static EVP_PKEY_CTX *ossl_ctx(EVP_PKEY *pk, char op, int pad, const char *md, const char *mgf, int saltlen)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pk, NULL);
    int ok = op == 's' ? EVP_PKEY_sign_init(ctx) : op == 'v' ? EVP_PKEY_verify_init(ctx)
           : op == 'e' ? EVP_PKEY_encrypt_init(ctx) : EVP_PKEY_decrypt_init(ctx);
    ok = ok > 0 && EVP_PKEY_CTX_set_rsa_padding(ctx, pad) > 0;
    if (ok && md != NULL && (op == 's' || op == 'v'))
        ok = EVP_PKEY_CTX_set_signature_md(ctx, EVP_get_digestbyname(md)) > 0;
    if (ok && md != NULL && (op == 'e' || op == 'd'))
        ok = EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_get_digestbyname(md)) > 0;
    if (ok && mgf != NULL)
        ok = EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_get_digestbyname(mgf)) > 0;
    if (ok && pad == RSA_PKCS1_PSS_PADDING)
        ok = EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, saltlen) > 0;
    if (!ok) {
        fprintf(stderr, "OpenSSL context setup failed (%c %s)\n", op, md ? md : "-");
        abort();
    }
    return ctx;
}

static int ossl_verify(EVP_PKEY *pk, int pad, const char *md, const char *mgf, int saltlen, const uint8_t *dg,
                       size_t dlen, const uint8_t *sig, size_t slen)
{
    EVP_PKEY_CTX *ctx = ossl_ctx(pk, 'v', pad, md, mgf, saltlen);
    int ok = EVP_PKEY_verify(ctx, sig, slen, dg, dlen) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

static size_t ossl_sign(EVP_PKEY *pk, int pad, const char *md, const char *mgf, int saltlen, const uint8_t *dg,
                        size_t dlen, uint8_t *sig)
{
    EVP_PKEY_CTX *ctx = ossl_ctx(pk, 's', pad, md, mgf, saltlen);
    size_t slen = KMAX;
    if (EVP_PKEY_sign(ctx, sig, &slen, dg, dlen) <= 0) {
        fprintf(stderr, "OpenSSL sign failed\n");
        abort();
    }
    EVP_PKEY_CTX_free(ctx);
    return slen;
}

/* ossl_raw_public - m = s^e mod n with OpenSSL (no padding). Returns 0 when OpenSSL refused (s >= n). */
static int ossl_raw_public(EVP_PKEY *pk, const uint8_t *s, size_t slen, uint8_t *m)
{
    EVP_PKEY_CTX *ctx = ossl_ctx(pk, 'e', RSA_NO_PADDING, NULL, NULL, 0);
    size_t mlen = KMAX;
    int ok = EVP_PKEY_encrypt(ctx, m, &mlen, s, slen) > 0 && mlen == slen;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

/* ---- signatures */

static void test_signatures(tu_rng *rng, EVP_PKEY *pk, fips140_rsa_key *priv, fips140_rsa_key *pub, int bits)
{
    size_t k = fips140_rsa_size(priv);
    uint8_t dg[64], sig[KMAX], osig[KMAX];
    CHECK(k == ((size_t)bits + 7) / 8 && fips140_rsa_bits(priv) == (size_t)bits && fips140_rsa_size(pub) == k,
          "sizes %d: k %zu bits %zu pub %zu", bits, k, fips140_rsa_bits(priv), fips140_rsa_size(pub));
    /* every hash with the 2048-bit keys; a third of them (in turn) with the larger ones, to keep sanitizer runs short */
    for (size_t h = bits < 3000 ? 0 : (size_t)bits % 3; h < NHASH; h += bits < 3000 ? 1 : 3) {
        const struct hinfo *hi = &hashes[h];
        size_t dl = fips140_hash_digest_size(hi->alg);
        tu_fill(rng, dg, dl);
        /* PKCS#1 v1.5: deterministic, so both implementations give the same bytes */
        fips140_indicator_clear();
        CHECK_OK(fips140_rsa_sign_pkcs1v15(priv, hi->alg, dg, dl, sig, k), "v1.5 sign %s %d", hi->ossl, bits);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "v1.5 sign indicator %s", hi->ossl);
        CHECK(ossl_verify(pk, RSA_PKCS1_PADDING, hi->ossl, NULL, 0, dg, dl, sig, k), "OpenSSL verifies our v1.5 %s %d",
              hi->ossl, bits);
        size_t ol = ossl_sign(pk, RSA_PKCS1_PADDING, hi->ossl, NULL, 0, dg, dl, osig);
        CHECK(ol == k, "OpenSSL v1.5 length");
        CHECK_MEM(sig, osig, k, "v1.5 signature equals OpenSSL's %s %d", hi->ossl, bits);
        CHECK_OK(fips140_rsa_verify_pkcs1v15(pub, hi->alg, dg, dl, osig, k), "verify OpenSSL v1.5 %s %d", hi->ossl,
                 bits);
        /* PSS, salt = hLen, MGF1 with the same hash */
        CHECK_OK(fips140_rsa_sign_pss(priv, hi->alg, hi->alg, dl, dg, dl, sig, k), "PSS sign %s %d", hi->ossl, bits);
        CHECK(ossl_verify(pk, RSA_PKCS1_PSS_PADDING, hi->ossl, hi->ossl, (int)dl, dg, dl, sig, k),
              "OpenSSL verifies our PSS %s %d", hi->ossl, bits);
        CHECK_OK(fips140_rsa_verify_pss(pub, hi->alg, hi->alg, dl, dg, dl, sig, k), "PSS self-verify %s", hi->ossl);
        ol = ossl_sign(pk, RSA_PKCS1_PSS_PADDING, hi->ossl, hi->ossl, (int)dl, dg, dl, osig);
        CHECK_OK(fips140_rsa_verify_pss(pub, hi->alg, hi->alg, dl, dg, dl, osig, ol), "verify OpenSSL PSS %s %d",
                 hi->ossl, bits);
        CHECK_OK(fips140_rsa_verify_pss(pub, hi->alg, hi->alg, FIPS140_RSA_PSS_SALT_AUTO, dg, dl, osig, ol),
                 "verify OpenSSL PSS, salt auto %s", hi->ossl);
        CHECK_ST(fips140_rsa_verify_pss(pub, hi->alg, hi->alg, dl - 1, dg, dl, osig, ol), FIPS140_ERR_AUTH,
                 "wrong salt length %s", hi->ossl);
        /* a wrong digest fails both schemes */
        dg[0] ^= 0x80;
        CHECK_ST(fips140_rsa_verify_pss(pub, hi->alg, hi->alg, dl, dg, dl, osig, ol), FIPS140_ERR_AUTH, "PSS bad digest");
        CHECK_ST(fips140_rsa_verify_pkcs1v15(pub, hi->alg, dg, dl, sig, k), FIPS140_ERR_AUTH, "v1.5 bad digest");
    }
    /* PSS with salt 0, a longer MGF1 hash, and an OpenSSL signature with the maximal salt (auto only) */
    tu_fill(rng, dg, 32);
    CHECK_OK(fips140_rsa_sign_pss(priv, FIPS140_SHA256, FIPS140_RSA_MGF1(FIPS140_SHA512), 0, dg, 32, sig, k),
             "PSS salt 0 (MGF1 named explicitly)");
    CHECK(ossl_verify(pk, RSA_PKCS1_PSS_PADDING, "SHA256", "SHA512", 0, dg, 32, sig, k), "OpenSSL PSS salt 0");
    size_t ol = ossl_sign(pk, RSA_PKCS1_PSS_PADDING, "SHA256", "SHA256", RSA_PSS_SALTLEN_MAX, dg, 32, osig);
    CHECK_OK(fips140_rsa_verify_pss(pub, FIPS140_SHA256, FIPS140_SHA256, FIPS140_RSA_PSS_SALT_AUTO, dg, 32, osig, ol),
             "PSS max salt, auto");
    CHECK_ST(fips140_rsa_verify_pss(pub, FIPS140_SHA256, FIPS140_SHA256, 32, dg, 32, osig, ol), FIPS140_ERR_AUTH,
             "PSS max salt, given 32");
    /* a given salt makes PSS deterministic */
    uint8_t salt[32], sig2[KMAX];
    tu_fill(rng, salt, sizeof salt);
    CHECK_OK(fips140_rsa_sign_pss_salt(priv, FIPS140_SHA384, FIPS140_SHA384, salt, 20, dg, 48, sig, k), "PSS salt");
    CHECK_OK(fips140_rsa_sign_pss_salt(priv, FIPS140_SHA384, FIPS140_SHA384, salt, 20, dg, 48, sig2, k), "PSS salt");
    CHECK_MEM(sig, sig2, k, "PSS with a given salt is deterministic");
    CHECK(ossl_verify(pk, RSA_PKCS1_PSS_PADDING, "SHA384", "SHA384", 20, dg, 48, sig, k), "OpenSSL PSS given salt");
}

/* shake_pss_check - decode EMSA-PSS with SHAKE hash / mask (FIPS 186-5 §5.4) here, with OpenSSL's raw RSA and
 * SHAKE, independently of the module. Returns 1 when sig is a valid encoding of dg with a salt of slen bytes. */
static int shake_pss_check(EVP_PKEY *pk, int bits, const char *hname, size_t hl, const char *mname, int mgf1,
                           const uint8_t *dg, const uint8_t *sig, size_t k, size_t slen)
{
    uint8_t m[KMAX], mask[KMAX], h2[64];
    if (!ossl_raw_public(pk, sig, k, m))
        return 0;
    size_t embits = (size_t)bits - 1, emlen = (embits + 7) / 8, off = k - emlen, dblen = emlen - hl - 1;
    if (off && m[0] != 0)
        return 0;
    uint8_t *em = m + off;
    if (em[emlen - 1] != 0xbc)
        return 0;
    unsigned int outl = 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = 1;
    if (!mgf1) { /* the XOF output is the mask */
        ok = EVP_DigestInit_ex(c, EVP_get_digestbyname(mname), NULL) && EVP_DigestUpdate(c, em + dblen, hl) &&
             EVP_DigestFinalXOF(c, mask, dblen);
    } else { /* MGF1 whose hash is the XOF with hl bytes of output */
        size_t ml = 0;
        for (uint32_t ctr = 0; ml < dblen; ctr++, ml += hl) {
            uint8_t cb[4] = {(uint8_t)(ctr >> 24), (uint8_t)(ctr >> 16), (uint8_t)(ctr >> 8), (uint8_t)ctr}, blk[64];
            ok &= EVP_DigestInit_ex(c, EVP_get_digestbyname(mname), NULL) && EVP_DigestUpdate(c, em + dblen, hl) &&
                  EVP_DigestUpdate(c, cb, 4) && EVP_DigestFinalXOF(c, blk, hl);
            memcpy(mask + ml, blk, dblen - ml < hl ? dblen - ml : hl);
        }
    }
    for (size_t i = 0; i < dblen; i++)
        em[i] ^= mask[i];
    em[0] &= (uint8_t)(0xffu >> (8 * emlen - embits));
    for (size_t i = 0; i + slen + 1 < dblen; i++)
        ok &= em[i] == 0;
    ok &= em[dblen - slen - 1] == 0x01;
    static const uint8_t zeros[8] = {0};
    ok &= EVP_DigestInit_ex(c, EVP_get_digestbyname(hname), NULL) && EVP_DigestUpdate(c, zeros, 8) &&
          EVP_DigestUpdate(c, dg, hl) && EVP_DigestUpdate(c, em + dblen - slen, slen) &&
          EVP_DigestFinalXOF(c, h2, hl);
    (void)outl;
    EVP_MD_CTX_free(c);
    return ok && memcmp(h2, em + dblen, hl) == 0;
}

static void test_shake_pss(tu_rng *rng, EVP_PKEY *pk, fips140_rsa_key *priv, fips140_rsa_key *pub, int bits)
{
    static const struct {
        fips140_hash_alg h, m;
        const char *hn, *mn;
        size_t hl;
    } cases[] = {
        {FIPS140_SHAKE128, FIPS140_SHAKE128, "SHAKE128", "SHAKE128", 32},
        {FIPS140_SHAKE256, FIPS140_SHAKE256, "SHAKE256", "SHAKE256", 64},
        {FIPS140_SHAKE256, FIPS140_SHAKE128, "SHAKE256", "SHAKE128", 64},
        {FIPS140_SHAKE128, FIPS140_RSA_MGF1(FIPS140_SHAKE128), "SHAKE128", "SHAKE128", 32},
        {FIPS140_SHAKE256, FIPS140_RSA_MGF1(FIPS140_SHAKE256), "SHAKE256", "SHAKE256", 64},
    };
    size_t k = fips140_rsa_size(priv);
    uint8_t dg[64], sig[KMAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t hl = cases[i].hl;
        tu_fill(rng, dg, hl);
        fips140_indicator_clear();
        CHECK_OK(fips140_rsa_sign_pss(priv, cases[i].h, cases[i].m, hl, dg, hl, sig, k), "SHAKE PSS sign %zu", i);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "SHAKE PSS indicator");
        CHECK(shake_pss_check(pk, bits, cases[i].hn, hl, cases[i].mn, cases[i].m > FIPS140_SHAKE256, dg, sig, k, hl),
              "SHAKE PSS encoding %s/%s%s %d", cases[i].hn, cases[i].m > FIPS140_SHAKE256 ? "MGF1-" : "", cases[i].mn,
              bits);
        CHECK_OK(fips140_rsa_verify_pss(pub, cases[i].h, cases[i].m, hl, dg, hl, sig, k), "SHAKE PSS verify");
        CHECK_OK(fips140_rsa_verify_pss(pub, cases[i].h, cases[i].m, FIPS140_RSA_PSS_SALT_AUTO, dg, hl, sig, k),
                 "SHAKE PSS verify auto");
        sig[k / 2] ^= 4;
        CHECK_ST(fips140_rsa_verify_pss(pub, cases[i].h, cases[i].m, hl, dg, hl, sig, k), FIPS140_ERR_AUTH,
                 "SHAKE PSS corrupted");
    }
    CHECK_ST(fips140_rsa_sign_pss(priv, FIPS140_SHAKE128, FIPS140_SHAKE128, 0, dg, 16, sig, k),
             FIPS140_ERR_DATA_LENGTH, "SHAKE128 digest is 32 bytes");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHAKE256, dg, 64, sig, k), FIPS140_ERR_ARG, "no SHAKE v1.5");
}

/* ---- OAEP */

static void test_oaep(tu_rng *rng, EVP_PKEY *pk, fips140_rsa_key *priv, fips140_rsa_key *pub)
{
    static const struct {
        fips140_hash_alg h, m;
        const char *hn, *mn;
        size_t labellen;
    } cases[] = {
        {FIPS140_SHA256, FIPS140_SHA256, "SHA256", "SHA256", 0},
        {FIPS140_SHA256, FIPS140_SHA256, "SHA256", "SHA256", 13},
        {FIPS140_SHA384, FIPS140_SHA1, "SHA384", "SHA1", 5},
        {FIPS140_SHA512, FIPS140_SHA256, "SHA512", "SHA256", 0},
        {FIPS140_SHA3_256, FIPS140_SHA3_256, "SHA3-256", "SHA3-256", 7},
        {FIPS140_SHA224, FIPS140_SHA3_512, "SHA224", "SHA3-512", 0},
    };
    size_t k = fips140_rsa_size(priv);
    uint8_t msg[KMAX], ct[KMAX], pt[KMAX], label[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t hl = fips140_hash_digest_size(cases[i].h), maxm = k - 2 * hl - 2;
        size_t mlen = i == 0 ? maxm : i == 1 ? 0 : 1 + tu_below(rng, maxm);
        tu_fill(rng, msg, mlen);
        tu_fill(rng, label, cases[i].labellen);
        /* ours -> OpenSSL */
        fips140_indicator_clear();
        CHECK_OK(fips140_rsa_encrypt_oaep(pub, cases[i].h, cases[i].m, label, cases[i].labellen, msg, mlen, ct, k),
                 "OAEP encrypt %zu", i);
        CHECK(fips140_indicator_get() == (cases[i].m == FIPS140_SHA1 ? FIPS140_INDICATOR_NOT_APPROVED
                                                                     : FIPS140_INDICATOR_APPROVED),
              "OAEP encrypt indicator %zu", i);
        EVP_PKEY_CTX *ctx = ossl_ctx(pk, 'd', RSA_PKCS1_OAEP_PADDING, cases[i].hn, cases[i].mn, 0);
        if (cases[i].labellen) {
            uint8_t *l = OPENSSL_memdup(label, cases[i].labellen);
            EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, l, (int)cases[i].labellen);
        }
        size_t ol = KMAX;
        int ok = EVP_PKEY_decrypt(ctx, pt, &ol, ct, k) > 0;
        CHECK(ok && ol == mlen && memcmp(pt, msg, mlen) == 0, "OpenSSL decrypts our OAEP %zu", i);
        EVP_PKEY_CTX_free(ctx);
        /* OpenSSL -> ours */
        ctx = ossl_ctx(pk, 'e', RSA_PKCS1_OAEP_PADDING, cases[i].hn, cases[i].mn, 0);
        if (cases[i].labellen) {
            uint8_t *l = OPENSSL_memdup(label, cases[i].labellen);
            EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, l, (int)cases[i].labellen);
        }
        ol = KMAX;
        CHECK(EVP_PKEY_encrypt(ctx, ct, &ol, msg, mlen) > 0 && ol == k, "OpenSSL encrypt");
        EVP_PKEY_CTX_free(ctx);
        size_t got = 0;
        memset(pt, 0xee, sizeof pt);
        CHECK_OK(fips140_rsa_decrypt_oaep(priv, cases[i].h, cases[i].m, label, cases[i].labellen, ct, k, pt, maxm,
                                          &got),
                 "decrypt OpenSSL OAEP %zu", i);
        CHECK(got == mlen && memcmp(pt, msg, mlen) == 0, "OAEP plaintext %zu", i);
        /* every corruption gives the same error and leaves out untouched */
        uint8_t bad[KMAX];
        for (int t = 0; t < 4; t++) {
            memcpy(bad, ct, k);
            bad[tu_below(rng, k)] ^= (uint8_t)(1u << tu_below(rng, 8));
            memset(pt, 0xee, sizeof pt);
            CHECK_ST(fips140_rsa_decrypt_oaep(priv, cases[i].h, cases[i].m, label, cases[i].labellen, bad, k, pt,
                                              maxm, &got),
                     FIPS140_ERR_AUTH, "corrupted OAEP %zu", i);
            CHECK(pt[0] == 0xee && pt[maxm - 1] == 0xee, "nothing written on error");
        }
        if (cases[i].labellen) {
            label[0] ^= 1;
            CHECK_ST(fips140_rsa_decrypt_oaep(priv, cases[i].h, cases[i].m, label, cases[i].labellen, ct, k, pt,
                                              maxm, &got),
                     FIPS140_ERR_AUTH, "wrong label %zu", i);
        }
        CHECK_ST(fips140_rsa_decrypt_oaep(priv, cases[i].h, cases[i].m, label, cases[i].labellen, ct, k, pt,
                                          maxm - 1, &got),
                 FIPS140_ERR_OUTPUT_LENGTH, "outcap too small");
        CHECK_ST(fips140_rsa_encrypt_oaep(pub, cases[i].h, cases[i].m, NULL, 0, msg, maxm + 1, ct, k),
                 FIPS140_ERR_DATA_LENGTH, "message too long");
    }
}

/* mgf1_sha256 - MGF1 (RFC 8017 B.2.1) with OpenSSL's SHA-256, for crafting encodings here. */
static void mgf1_sha256(uint8_t *out, size_t len, const uint8_t *seed, size_t seedlen)
{
    uint8_t buf[KMAX + 4], h[32];
    memcpy(buf, seed, seedlen);
    for (uint32_t c = 0; (size_t)c * 32 < len; c++) {
        buf[seedlen] = (uint8_t)(c >> 24), buf[seedlen + 1] = (uint8_t)(c >> 16);
        buf[seedlen + 2] = (uint8_t)(c >> 8), buf[seedlen + 3] = (uint8_t)c;
        EVP_Digest(buf, seedlen + 4, h, NULL, EVP_sha256(), NULL);
        size_t n = len - (size_t)c * 32 < 32 ? len - (size_t)c * 32 : 32;
        memcpy(out + (size_t)c * 32, h, n);
    }
}

/* test_oaep_padding - crafted encodings (raw RSA with OpenSSL) with each single defect: all FIPS140_ERR_AUTH. */
static void test_oaep_padding(tu_rng *rng, EVP_PKEY *pk, fips140_rsa_key *priv)
{
    size_t k = fips140_rsa_size(priv), hl = 32, dblen = k - hl - 1, got = 0;
    uint8_t em[KMAX], ct[KMAX], pt[KMAX], seed[32], mask[KMAX];
    for (int defect = 0; defect < 6; defect++) {
        /* DB = lHash || PS || 0x01 || M with M = 10 bytes, then masked with MGF1-SHA-256 (mgf1_sha256 below) */
        uint8_t db[KMAX];
        memset(db, 0, dblen);
        EVP_Digest("", 0, db, NULL, EVP_sha256(), NULL);
        size_t mlen = 10;
        db[dblen - mlen - 1] = 0x01;
        tu_fill(rng, db + dblen - mlen, mlen);
        if (defect == 1) db[3] ^= 1;                       /* wrong lHash */
        if (defect == 2) db[dblen - mlen - 1] = 0x02;      /* separator is not 0x01 */
        if (defect == 3) memset(db + hl, 0, dblen - hl);   /* no separator at all */
        if (defect == 4) db[hl + 2] = 0x07;                 /* non-zero byte inside PS */
        tu_fill(rng, seed, hl);
        mgf1_sha256(mask, dblen, seed, hl);
        em[0] = defect == 5 ? 0x01 : 0x00; /* Y != 0 (still below n for a 2048-bit n with top byte > 1) */
        for (size_t i = 0; i < dblen; i++)
            em[1 + hl + i] = db[i] ^ mask[i];
        mgf1_sha256(mask, hl, em + 1 + hl, dblen);
        for (size_t i = 0; i < hl; i++)
            em[1 + i] = seed[i] ^ mask[i];
        CHECK(ossl_raw_public(pk, em, k, ct), "raw encrypt");
        fips140_status st = fips140_rsa_decrypt_oaep(priv, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, ct, k, pt,
                                                     k - 2 * hl - 2, &got);
        if (defect == 0)
            CHECK(st == FIPS140_OK && got == mlen && memcmp(pt, db + dblen - mlen, mlen) == 0, "crafted good OAEP");
        else
            CHECK_ST(st, FIPS140_ERR_AUTH, "crafted OAEP defect %d", defect);
    }
    /* c >= n and a wrong length: the same error */
    fips140_rsa_key *key = priv;
    uint8_t n[KMAX];
    size_t nl = 0;
    CHECK_OK(fips140_rsa_key_get(key, FIPS140_RSA_N, n, sizeof n, &nl), "get n");
    CHECK_ST(fips140_rsa_decrypt_oaep(priv, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, n, k, pt, k, &got),
             FIPS140_ERR_AUTH, "c == n");
    CHECK_ST(fips140_rsa_decrypt_oaep(priv, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, ct, k - 1, pt, k, &got),
             FIPS140_ERR_AUTH, "short ciphertext");
}

/* ---- key loading, export and errors */

static void test_key_checks(const ossl_comps *oc)
{
    fips140_rsa_key *k = NULL;
    CHECK_OK(fips140_rsa_key_new(&k), "new");
    const comp *c = oc->c;
    uint8_t buf[KMAX];
    size_t w = 0;
    /* export equals what was loaded */
    CHECK_OK(fips140_rsa_key_set_private(k, c[0].b, c[0].len, c[1].b, c[1].len, c[2].b, c[2].len, c[3].b,
                                         c[3].len, c[4].b, c[4].len, NULL, 0, NULL, 0, NULL, 0),
             "set_private without CRT values");
    for (int i = 0; i < 8; i++) {
        CHECK_OK(fips140_rsa_key_get(k, (fips140_rsa_component)(i + 1), buf, sizeof buf, &w), "get %d", i);
        CHECK(w == c[i].len && memcmp(buf, c[i].b, w) == 0, "component %d round trip (computed CRT values)", i);
    }
    CHECK_OK(fips140_rsa_key_get(k, FIPS140_RSA_N, NULL, 0, &w), "length query");
    CHECK(w == c[0].len, "length query value");
    CHECK_ST(fips140_rsa_key_get(k, FIPS140_RSA_N, buf, w - 1, &w), FIPS140_ERR_OUTPUT_LENGTH, "short out");
    CHECK(fips140_rsa_is_private(k) == 1, "is private");

    /* each corrupted component is rejected */
    comp bad[8];
    for (int which = 2; which < 8; which++) {
        memcpy(bad, c, sizeof bad);
        bad[which].b[bad[which].len - 1] ^= 0x02; /* stays odd / even as before */
        fips140_status st = fips140_rsa_key_set_private(k, bad[0].b, bad[0].len, bad[1].b, bad[1].len, bad[2].b,
                                                        bad[2].len, bad[3].b, bad[3].len, bad[4].b, bad[4].len,
                                                        bad[5].b, bad[5].len, bad[6].b, bad[6].len, bad[7].b,
                                                        bad[7].len);
        CHECK_ST(st, FIPS140_ERR_ARG, "corrupted component %d rejected", which);
        CHECK(fips140_rsa_bits(k) == 0 && fips140_rsa_is_private(k) == 0, "rejected key is empty");
    }
    /* p == q, p and q swapped (then qinv differs: computed value accepted, the given one rejected) */
    CHECK_ST(fips140_rsa_key_set_private(k, c[0].b, c[0].len, c[1].b, c[1].len, c[2].b, c[2].len, c[3].b, c[3].len,
                                         c[3].b, c[3].len, NULL, 0, NULL, 0, NULL, 0),
             FIPS140_ERR_ARG, "p == q");
    CHECK_OK(fips140_rsa_key_set_private(k, c[0].b, c[0].len, c[1].b, c[1].len, c[2].b, c[2].len, c[4].b, c[4].len,
                                         c[3].b, c[3].len, NULL, 0, NULL, 0, NULL, 0),
             "p and q swapped");
    CHECK_ST(fips140_rsa_key_set_private(k, c[0].b, c[0].len, c[1].b, c[1].len, c[2].b, c[2].len, c[4].b, c[4].len,
                                         c[3].b, c[3].len, c[6].b, c[6].len, c[5].b, c[5].len, c[7].b, c[7].len),
             FIPS140_ERR_ARG, "p and q swapped, qinv of the other order");
    /* e*d != 1: d + 2 (still odd-sized), e changed to 65539 */
    static const uint8_t e2[3] = {0x01, 0x00, 0x03}, e_even[3] = {0x01, 0x00, 0x02}, one[1] = {1};
    CHECK_ST(fips140_rsa_key_set_private(k, c[0].b, c[0].len, e2, 3, c[2].b, c[2].len, c[3].b, c[3].len, c[4].b,
                                         c[4].len, NULL, 0, NULL, 0, NULL, 0),
             FIPS140_ERR_ARG, "wrong e for d");
    /* public keys: even n, even e, e = 1, e >= n, n too small / too large */
    CHECK_OK(fips140_rsa_key_set_public(k, c[0].b, c[0].len, c[1].b, c[1].len), "set_public");
    CHECK(fips140_rsa_is_private(k) == 0, "public only");
    CHECK_ST(fips140_rsa_key_get(k, FIPS140_RSA_D, buf, sizeof buf, &w), FIPS140_ERR_STATE, "no d in a public key");
    CHECK_ST(fips140_rsa_key_set_public(k, c[0].b, c[0].len, e_even, 3), FIPS140_ERR_ARG, "even e");
    CHECK_ST(fips140_rsa_key_set_public(k, c[0].b, c[0].len, one, 1), FIPS140_ERR_ARG, "e = 1");
    CHECK_ST(fips140_rsa_key_set_public(k, c[0].b, c[0].len, c[0].b, c[0].len), FIPS140_ERR_ARG, "e = n");
    memcpy(buf, c[0].b, c[0].len);
    buf[c[0].len - 1] ^= 1;
    CHECK_ST(fips140_rsa_key_set_public(k, buf, c[0].len, c[1].b, c[1].len), FIPS140_ERR_ARG, "even n");
    CHECK_ST(fips140_rsa_key_set_public(k, c[0].b, 100, c[1].b, c[1].len), FIPS140_ERR_ARG, "800-bit n");
    uint8_t big[1025];
    memset(big, 0xff, sizeof big);
    CHECK_ST(fips140_rsa_key_set_public(k, big, sizeof big, c[1].b, c[1].len), FIPS140_ERR_ARG, "8200-bit n");
    CHECK_ST(fips140_rsa_key_set_public(k, NULL, 0, c[1].b, c[1].len), FIPS140_ERR_NULL, "NULL n");
    /* an empty key object */
    CHECK(fips140_rsa_bits(k) == 0 && fips140_rsa_size(k) == 0, "empty after failure");
    uint8_t dg[32] = {0}, sig[KMAX];
    CHECK_ST(fips140_rsa_verify_pkcs1v15(k, FIPS140_SHA256, dg, 32, sig, 256), FIPS140_ERR_STATE, "empty key");
    fips140_rsa_key_free(k);
    fips140_rsa_key_free(NULL);
}

static void test_errors(fips140_rsa_key *priv, fips140_rsa_key *pub)
{
    size_t k = fips140_rsa_size(priv);
    uint8_t dg[64] = {1}, sig[KMAX], n[KMAX];
    size_t nl = 0;
    CHECK_ST(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA256, dg, 32, sig, k - 1), FIPS140_ERR_OUTPUT_LENGTH, "siglen");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA256, dg, 31, sig, k), FIPS140_ERR_DATA_LENGTH, "digest len");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA1, dg, 20, sig, k), FIPS140_ERR_ARG, "SHA-1 signing refused");
    CHECK_ST(fips140_rsa_sign_pss(priv, FIPS140_SHA1, FIPS140_SHA1, 20, dg, 20, sig, k), FIPS140_ERR_ARG,
             "SHA-1 PSS signing refused");
    CHECK_ST(fips140_rsa_sign_pss(priv, FIPS140_SHA256, FIPS140_SHA256, 33, dg, 32, sig, k), FIPS140_ERR_ARG,
             "salt longer than the hash");
    CHECK_ST(fips140_rsa_sign_pss(priv, FIPS140_SHA256, (fips140_hash_alg)0, 32, dg, 32, sig, k), FIPS140_ERR_ARG,
             "no MGF");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(pub, FIPS140_SHA256, dg, 32, sig, k), FIPS140_ERR_STATE, "public key signs");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(priv, (fips140_hash_alg)99, dg, 32, sig, k), FIPS140_ERR_ARG, "unknown hash");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(NULL, FIPS140_SHA256, dg, 32, sig, k), FIPS140_ERR_NULL, "NULL key");
    CHECK_OK(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA256, dg, 32, sig, k), "sign");
    CHECK_ST(fips140_rsa_verify_pkcs1v15(pub, FIPS140_SHA256, dg, 32, sig, k - 1), FIPS140_ERR_AUTH, "short sig");
    CHECK_OK(fips140_rsa_key_get(pub, FIPS140_RSA_N, n, sizeof n, &nl), "get n");
    CHECK_ST(fips140_rsa_verify_pkcs1v15(pub, FIPS140_SHA256, dg, 32, n, k), FIPS140_ERR_AUTH, "s == n");
    memset(n, 0xff, k);
    CHECK_ST(fips140_rsa_verify_pkcs1v15(pub, FIPS140_SHA256, dg, 32, n, k), FIPS140_ERR_AUTH, "s > n");
    CHECK_ST(fips140_rsa_verify_pss(pub, FIPS140_SHA256, FIPS140_SHA256, 32, dg, 32, n, k), FIPS140_ERR_AUTH,
             "PSS s > n");
    sig[0] ^= 1;
    CHECK_ST(fips140_rsa_verify_pkcs1v15(pub, FIPS140_SHA256, dg, 32, sig, k), FIPS140_ERR_AUTH, "corrupted sig");
    CHECK_ST(fips140_rsa_verify_pkcs1v15(pub, FIPS140_SHA384, dg, 48, sig, k), FIPS140_ERR_AUTH, "other hash");
}

/* test_legacy - 1024-bit keys verify (not approved) but do not sign; SHA-1 verifies (not approved). */
static void test_legacy(tu_rng *rng, EVP_PKEY *pk2048, fips140_rsa_key *pub2048)
{
    EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    ossl_comps oc;
    ossl_export(pk, &oc);
    fips140_rsa_key *priv = our_key(&oc, 1, 1);
    uint8_t dg[32], sig[KMAX];
    tu_fill(rng, dg, 32);
    size_t sl = ossl_sign(pk, RSA_PKCS1_PADDING, "SHA256", NULL, 0, dg, 32, sig);
    fips140_indicator_clear();
    CHECK_OK(fips140_rsa_verify_pkcs1v15(priv, FIPS140_SHA256, dg, 32, sig, sl), "1024-bit verify");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "1024-bit verify not approved");
    CHECK_ST(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA256, dg, 32, sig, 128), FIPS140_ERR_KEY_LENGTH,
             "1024-bit signing refused");
    CHECK_ST(fips140_rsa_encrypt_oaep(priv, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, dg, 8, sig, 128),
             FIPS140_ERR_KEY_LENGTH, "1024-bit encryption refused");
    sl = ossl_sign(pk2048, RSA_PKCS1_PADDING, "SHA1", NULL, 0, dg, 20, sig);
    fips140_indicator_clear();
    CHECK_OK(fips140_rsa_verify_pkcs1v15(pub2048, FIPS140_SHA1, dg, 20, sig, sl), "SHA-1 verify");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "SHA-1 verify not approved");
    fips140_indicator_clear();
    CHECK_OK(fips140_rsa_verify_pkcs1v15(pub2048, FIPS140_SHA1, dg, 20, sig, sl), "SHA-1 verify");
    fips140_rsa_key_free(priv);
    EVP_PKEY_free(pk);
    /* e = 3 (below FIPS 186-5's 2^16 < e): works, not approved */
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    BIGNUM *three = BN_new();
    BN_set_word(three, 3);
    pk = NULL;
    CHECK(EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) > 0 &&
          EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, three) > 0 && EVP_PKEY_keygen(ctx, &pk) > 0, "e = 3 key");
    BN_free(three);
    EVP_PKEY_CTX_free(ctx);
    ossl_export(pk, &oc);
    priv = our_key(&oc, 1, 1);
    fips140_indicator_clear();
    CHECK_OK(fips140_rsa_sign_pkcs1v15(priv, FIPS140_SHA256, dg, 32, sig, 256), "e = 3 sign");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "e = 3 sign not approved");
    CHECK(ossl_verify(pk, RSA_PKCS1_PADDING, "SHA256", NULL, 0, dg, 32, sig, 256), "OpenSSL verifies e = 3");
    fips140_rsa_key_free(priv);
    EVP_PKEY_free(pk);
}

/* ---- key generation */

static void test_keygen(unsigned bits)
{
    fips140_rsa_key *k = NULL;
    CHECK_OK(fips140_rsa_key_new(&k), "new");
    fips140_indicator_clear();
    CHECK_OK(fips140_rsa_keygen(k, bits, NULL, 0), "keygen %u", bits);
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "keygen indicator");
    CHECK(fips140_rsa_bits(k) == bits && fips140_rsa_is_private(k), "generated key size");
    ossl_comps oc;
    for (int i = 0; i < 8; i++)
        CHECK_OK(fips140_rsa_key_get(k, (fips140_rsa_component)(i + 1), oc.c[i].b, KMAX, &oc.c[i].len), "export");
    EVP_PKEY *pk = ossl_import(&oc, 1);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pk, NULL);
    CHECK(EVP_PKEY_check(ctx) == 1, "OpenSSL EVP_PKEY_check of a generated %u-bit key", bits);
    EVP_PKEY_CTX_free(ctx);
    /* FIPS 186-5 §5.1 / A.1: p, q of nlen/2 bits, 2^(nlen/2) < d < lcm(p-1, q-1), e*d == 1 mod lcm */
    BN_CTX *bc = BN_CTX_new();
    BIGNUM *e = BN_bin2bn(oc.c[1].b, (int)oc.c[1].len, NULL), *d = BN_bin2bn(oc.c[2].b, (int)oc.c[2].len, NULL);
    BIGNUM *p = BN_bin2bn(oc.c[3].b, (int)oc.c[3].len, NULL), *q = BN_bin2bn(oc.c[4].b, (int)oc.c[4].len, NULL);
    BIGNUM *p1 = BN_dup(p), *q1 = BN_dup(q), *g = BN_new(), *lam = BN_new(), *t = BN_new(), *r = BN_new();
    BN_sub_word(p1, 1);
    BN_sub_word(q1, 1);
    BN_gcd(g, p1, q1, bc);
    BN_mul(t, p1, q1, bc);
    BN_div(lam, r, t, g, bc);
    CHECK(BN_num_bits(p) == (int)bits / 2 && BN_num_bits(q) == (int)bits / 2, "prime sizes");
    CHECK(BN_cmp(d, lam) < 0 && BN_num_bits(d) > (int)bits / 2, "2^(nlen/2) < d < lcm");
    BN_mod_mul(t, e, d, lam, bc);
    CHECK(BN_is_one(t), "e d == 1 mod lcm(p-1, q-1)");
    CHECK(oc.c[1].len == 3 && oc.c[1].b[0] == 1 && oc.c[1].b[1] == 0 && oc.c[1].b[2] == 1, "e = 65537");
    BN_free(e); BN_free(d); BN_free(p); BN_free(q); BN_free(p1); BN_free(q1);
    BN_free(g); BN_free(lam); BN_free(t); BN_free(r);
    BN_CTX_free(bc);
    /* the key works with OpenSSL */
    uint8_t dg[32] = {7}, sig[KMAX];
    CHECK_OK(fips140_rsa_sign_pkcs1v15(k, FIPS140_SHA256, dg, 32, sig, bits / 8), "sign with generated key");
    CHECK(ossl_verify(pk, RSA_PKCS1_PADDING, "SHA256", NULL, 0, dg, 32, sig, bits / 8), "OpenSSL verifies it");
    EVP_PKEY_free(pk);
    /* a bigger e */
    static const uint8_t e3[5] = {0x01, 0x00, 0x00, 0x00, 0x0f};
    if (bits == 2048) {
        CHECK_OK(fips140_rsa_keygen(k, bits, e3, sizeof e3), "keygen with e = 2^32 + 15");
        size_t w = 0;
        uint8_t eb[8];
        CHECK_OK(fips140_rsa_key_get(k, FIPS140_RSA_E, eb, sizeof eb, &w), "get e");
        CHECK(w == 5 && memcmp(eb, e3, 5) == 0, "e kept");
    }
    fips140_rsa_key_free(k);
}

static void test_keygen_errors(void)
{
    fips140_rsa_key *k = NULL;
    CHECK_OK(fips140_rsa_key_new(&k), "new");
    static const uint8_t e_even[3] = {0x01, 0x00, 0x00}, e3[1] = {3}, e_big[33] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                                                     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                                                     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    CHECK_ST(fips140_rsa_keygen(k, 1024, NULL, 0), FIPS140_ERR_ARG, "1024-bit keygen");
    CHECK_ST(fips140_rsa_keygen(k, 2100, NULL, 0), FIPS140_ERR_ARG, "2100-bit keygen");
    CHECK_ST(fips140_rsa_keygen(k, 8320, NULL, 0), FIPS140_ERR_ARG, "8320-bit keygen");
    CHECK_ST(fips140_rsa_keygen(k, 2048, e_even, sizeof e_even), FIPS140_ERR_ARG, "even e");
    CHECK_ST(fips140_rsa_keygen(k, 2048, e3, sizeof e3), FIPS140_ERR_ARG, "e = 3");
    CHECK_ST(fips140_rsa_keygen(k, 2048, e_big, sizeof e_big), FIPS140_ERR_ARG, "e > 2^256");
    CHECK_ST(fips140_rsa_keygen(NULL, 2048, NULL, 0), FIPS140_ERR_NULL, "NULL key");
    fips140_rsa_keygen_params params;
    memset(&params, 0, sizeof params);
    params.nbits = 2048;
    CHECK_ST(fips140_rsa_keygen_ex(k, &params), FIPS140_ERR_ARG, "no prime-generation method");
    CHECK_ST(fips140_rsa_keygen_ex(k, NULL), FIPS140_ERR_NULL, "NULL params");
    size_t w = 0;
    CHECK_ST(fips140_rsa_key_get(k, FIPS140_RSA_N, NULL, 0, &w), FIPS140_ERR_STATE, "empty key has no n");
    fips140_rsa_key_free(k);
}

/* ---- FIPS140=only */

static int only_child(void)
{
    int bad = fips140_get_mode() != FIPS140_MODE_ONLY;
    EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
    EVP_PKEY *pk1 = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    ossl_comps oc, oc1;
    ossl_export(pk, &oc);
    ossl_export(pk1, &oc1);
    fips140_rsa_key *k = our_key(&oc, 1, 1), *k1 = our_key(&oc1, 0, 0);
    uint8_t dg[32] = {3}, sig[KMAX], ct[KMAX];
    size_t sl = ossl_sign(pk, RSA_PKCS1_PADDING, "SHA1", NULL, 0, dg, 20, sig);
    bad += fips140_rsa_verify_pkcs1v15(k, FIPS140_SHA1, dg, 20, sig, sl) != FIPS140_ERR_NOT_APPROVED;
    sl = ossl_sign(pk, RSA_PKCS1_PADDING, "SHA256", NULL, 0, dg, 32, sig);
    bad += fips140_rsa_verify_pkcs1v15(k, FIPS140_SHA256, dg, 32, sig, sl) != FIPS140_OK;
    sl = ossl_sign(pk1, RSA_PKCS1_PADDING, "SHA256", NULL, 0, dg, 32, sig);
    bad += fips140_rsa_verify_pkcs1v15(k1, FIPS140_SHA256, dg, 32, sig, sl) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_rsa_sign_pss(k, FIPS140_SHA256, FIPS140_SHA256, 32, dg, 32, sig, 256) != FIPS140_OK;
    bad += fips140_rsa_encrypt_oaep(k, FIPS140_SHA1, FIPS140_SHA1, NULL, 0, dg, 8, ct, 256) !=
           FIPS140_ERR_NOT_APPROVED;
    bad += fips140_rsa_encrypt_oaep(k, FIPS140_SHA256, FIPS140_SHA256, NULL, 0, dg, 8, ct, 256) != FIPS140_OK;
    fips140_rsa_key_free(k);
    fips140_rsa_key_free(k1);
    EVP_PKEY_free(pk);
    EVP_PKEY_free(pk1);
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_child());
    TU_CHECK_CHILD("only", "only");
    tu_print_paths("test_rsa");
    tu_rng rng = {0x52534131ull};
    static const int sizes[] = {2048, 3072, 4096, 2057}; /* 2057: emLen = k - 1 in PSS, odd p and q sizes */
    EVP_PKEY *pk2048 = NULL;
    fips140_rsa_key *pub2048 = NULL;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        ossl_comps oc;
        EVP_PKEY *pk = sizes[s] % 2 ? odd_key(sizes[s], &oc) : EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)sizes[s]);
        CHECK(EVP_PKEY_get_bits(pk) == sizes[s], "OpenSSL key of %d bits", sizes[s]);
        ossl_export(pk, &oc);
        fips140_rsa_key *priv = our_key(&oc, 1, s != 1), *pub = our_key(&oc, 0, 0);
        test_signatures(&rng, pk, priv, pub, sizes[s]);
        test_shake_pss(&rng, pk, priv, pub, sizes[s]);
        test_oaep(&rng, pk, priv, pub);
        if (s == 0) {
            test_oaep_padding(&rng, pk, priv);
            test_key_checks(&oc);
            test_errors(priv, pub);
            pk2048 = pk;
            pub2048 = pub;
        } else {
            EVP_PKEY_free(pk);
            fips140_rsa_key_free(pub);
        }
        fips140_rsa_key_free(priv);
    }
    test_legacy(&rng, pk2048, pub2048);
    fips140_rsa_key_free(pub2048);
    EVP_PKEY_free(pk2048);
    test_keygen(2048);
    test_keygen(3072);
    test_keygen_errors();
    return tu_done();
}
