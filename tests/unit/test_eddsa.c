/* tests/unit/test_eddsa.c - EdDSA (include/fips140/eddsa.h): RFC 8032 §7.1 TEST 1-2 (Ed25519) and §7.3 TEST abc
 * (Ed25519ph); Ed25519 vs OpenSSL (EVP_PKEY_ED25519) for random keys and messages in both directions; rejection of
 * modified signatures, S >= L, non-canonical and off-curve R and A; Ed25519ph/Ed25519ctx context handling;
 * keygen; argument errors; the service indicator; FIPS140=only refusing Ed25519ctx (in a child process). */
#include "test_util.h"

#include <openssl/evp.h>

#include "ed25519/ed25519_internal.h"

typedef struct rfc_vec {
    fips140_eddsa_variant v;
    const char *priv, *pub, *msg, *sig;
} rfc_vec;

static const rfc_vec rfc[] = {
    {FIPS140_ED25519, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24"
     "655141438e7a100b"},
    {FIPS140_ED25519, "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aee"
     "b00d291612bb0c00"},
    {FIPS140_ED25519PH, "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", "616263",
     "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062a"
     "aad11c2a26083406"},
};

static void test_rfc(void)
{
    for (size_t i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
        uint8_t priv[32], pub[32], msg[16], sig[64], got[64], gpub[32];
        tu_unhex(priv, 32, rfc[i].priv);
        tu_unhex(pub, 32, rfc[i].pub);
        size_t mlen = tu_unhex(msg, sizeof msg, rfc[i].msg);
        tu_unhex(sig, 64, rfc[i].sig);
        CHECK_OK(fips140_ed25519_public_key(gpub, priv), "rfc %zu pub", i);
        CHECK_MEM(gpub, pub, 32, "rfc %zu public key", i);
        CHECK_OK(fips140_eddsa_sign(rfc[i].v, got, priv, NULL, 0, msg, mlen), "rfc %zu sign", i);
        CHECK_MEM(got, sig, 64, "rfc %zu signature", i);
        CHECK_OK(fips140_eddsa_verify(rfc[i].v, pub, NULL, 0, msg, mlen, sig, 64), "rfc %zu verify", i);
        sig[5] ^= 0x10;
        CHECK_ST(fips140_eddsa_verify(rfc[i].v, pub, NULL, 0, msg, mlen, sig, 64), FIPS140_ERR_AUTH, "rfc %zu bad", i);
    }
}

static EVP_PKEY *ossl_key(const uint8_t priv[32])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, priv, 32);
    if (k == NULL) abort();
    return k;
}

static void ossl_sign(uint8_t sig[64], const uint8_t priv[32], const uint8_t *msg, size_t len)
{
    EVP_PKEY *k = ossl_key(priv);
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    size_t sl = 64;
    if (m == NULL || EVP_DigestSignInit(m, NULL, NULL, NULL, k) != 1 || EVP_DigestSign(m, sig, &sl, msg, len) != 1)
        abort();
    EVP_MD_CTX_free(m);
    EVP_PKEY_free(k);
}

static int ossl_verify(const uint8_t pub[32], const uint8_t *msg, size_t len, const uint8_t sig[64])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
    if (k == NULL) return 0;
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    int ok = m != NULL && EVP_DigestVerifyInit(m, NULL, NULL, NULL, k) == 1 &&
             EVP_DigestVerify(m, sig, 64, msg, len) == 1;
    EVP_MD_CTX_free(m);
    EVP_PKEY_free(k);
    return ok;
}

static uint8_t data[4096];

static void test_vs_openssl(tu_rng *rng)
{
    for (int i = 0; i < 300; i++) {
        uint8_t priv[32], pub[32], opub[32], sig[64], osig[64];
        size_t len = tu_below(rng, 300), opl = 32;
        if (i % 50 == 0) len = tu_below(rng, sizeof data);
        tu_fill(rng, priv, 32);
        tu_fill(rng, data, len);
        EVP_PKEY *k = ossl_key(priv);
        if (EVP_PKEY_get_raw_public_key(k, opub, &opl) != 1) abort();
        EVP_PKEY_free(k);
        CHECK_OK(fips140_ed25519_public_key(pub, priv), "pub %d", i);
        CHECK_MEM(pub, opub, 32, "public key %d", i);
        CHECK_OK(fips140_ed25519_sign(sig, priv, data, len), "sign %d", i);
        ossl_sign(osig, priv, data, len);
        CHECK_MEM(sig, osig, 64, "signature %d (len %zu)", i, len);
        CHECK(ossl_verify(pub, data, len, sig), "OpenSSL rejects our signature %d", i);
        CHECK_OK(fips140_ed25519_verify(pub, data, len, osig, 64), "verify OpenSSL signature %d", i);
        /* any single-bit change of the signature, key or message must be rejected */
        size_t bit = tu_below(rng, 512);
        osig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CHECK_ST(fips140_ed25519_verify(pub, data, len, osig, 64), FIPS140_ERR_AUTH, "flipped sig bit %zu", bit);
        osig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        if (len) {
            data[0] ^= 1;
            CHECK_ST(fips140_ed25519_verify(pub, data, len, osig, 64), FIPS140_ERR_AUTH, "changed msg %d", i);
            data[0] ^= 1;
        }
        pub[i % 32] ^= 4;
        CHECK_ST(fips140_ed25519_verify(pub, data, len, osig, 64), FIPS140_ERR_AUTH, "changed key %d", i);
    }
}

/* L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
static const uint8_t L_le[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                 0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                 0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

static void add_le(uint8_t *a, const uint8_t *b, size_t n)
{
    unsigned c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (unsigned)a[i] + b[i];
        a[i] = (uint8_t)c;
        c >>= 8;
    }
}

/* test_scalar_edges - sc25519_reduce64 at the edges of the quotient estimate: 2^512 - 1, L, L - 1, 2L + 5,
 * 2^256 - 1, 513 L - 1 (expected values computed with Python integers). */
static void test_scalar_edges(void)
{
    static const struct {
        int kind;
        const char *want;
    } cases[] = {
        {0, "000f9c44e31106a447938568a71b0ed065bef517d273ecce3d9a307c1b419903"},
        {1, "0000000000000000000000000000000000000000000000000000000000000000"},
        {2, "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"},
        {3, "0500000000000000000000000000000000000000000000000000000000000000"},
        {4, "1c95988d7431ecd670cf7d73f45befc6feffffffffffffffffffffffffffff0f"},
        {5, "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t x[64], r[32], want[32];
        memset(x, 0, sizeof x);
        switch (cases[i].kind) {
        case 0: memset(x, 0xff, 64); break;
        case 1: memcpy(x, L_le, 32); break;
        case 2: memcpy(x, L_le, 32); x[0]--; break;
        case 3: memcpy(x, L_le, 32); add_le(x, L_le, 32); x[0] = (uint8_t)(x[0] + 5); break;
        case 4: memset(x, 0xff, 32); break;
        default: { /* 513 L - 1 = 512 L + L - 1 */
            uint8_t l512[64] = {0};
            for (int k = 0; k < 32; k++) {
                l512[k + 1] = (uint8_t)(l512[k + 1] | (L_le[k] << 1));
                l512[k + 2] = (uint8_t)(L_le[k] >> 7);
            }
            memcpy(x, L_le, 32);
            x[0]--;
            add_le(x, l512, 64);
        }
        }
        sc25519_reduce64(r, x);
        tu_unhex(want, 32, cases[i].want);
        CHECK_MEM(r, want, 32, "sc25519_reduce64 case %zu", i);
    }
}

static void test_rejects(void)
{
    uint8_t priv[32], pub[32], sig[64], bad[64], msg[3] = {1, 2, 3};
    tu_unhex(priv, 32, rfc[0].priv);
    tu_unhex(pub, 32, rfc[0].pub);
    CHECK_OK(fips140_ed25519_sign(sig, priv, msg, 3), "sign");
    CHECK_OK(fips140_ed25519_verify(pub, msg, 3, sig, 64), "verify");
    /* S + L: same value mod L, but not canonical (RFC 8032 §5.1.7 step 1) */
    memcpy(bad, sig, 64);
    add_le(bad + 32, L_le, 32);
    CHECK(ossl_verify(pub, msg, 3, bad) == 0, "OpenSSL accepts S + L");
    CHECK_ST(fips140_ed25519_verify(pub, msg, 3, bad, 64), FIPS140_ERR_AUTH, "S + L accepted");
    memset(bad + 32, 0xff, 32);
    CHECK_ST(fips140_ed25519_verify(pub, msg, 3, bad, 64), FIPS140_ERR_AUTH, "S = 2^256-1 accepted");
    /* lengths */
    CHECK_ST(fips140_ed25519_verify(pub, msg, 3, sig, 63), FIPS140_ERR_AUTH, "short sig");
    CHECK_ST(fips140_ed25519_verify(pub, msg, 3, sig, 0), FIPS140_ERR_AUTH, "empty sig");
    /* A with y = p (non-canonical encoding of y = 0) and y = p + 1 (non-canonical encoding of the identity) */
    uint8_t a[32];
    memset(a, 0xff, 32);
    a[0] = 0xed;
    a[31] = 0x7f;
    CHECK_ST(fips140_ed25519_verify(a, msg, 3, sig, 64), FIPS140_ERR_AUTH, "A y = p");
    a[0] = 0xee;
    CHECK_ST(fips140_ed25519_verify(a, msg, 3, sig, 64), FIPS140_ERR_AUTH, "A y = p + 1");
    /* A with y = 2: (y^2 - 1)/(d y^2 + 1) is not a square, so no point has it */
    memset(a, 0, 32);
    a[0] = 2;
    CHECK_ST(fips140_ed25519_verify(a, msg, 3, sig, 64), FIPS140_ERR_AUTH, "A off-curve");
    /* A = (0, 1) with the sign bit set: x = 0 cannot be negative */
    memset(a, 0, 32);
    a[0] = 1;
    a[31] = 0x80;
    CHECK_ST(fips140_ed25519_verify(a, msg, 3, sig, 64), FIPS140_ERR_AUTH, "A -0");
    /* R non-canonical: the encoding of R with y + p cannot be formed for most y; use y = p + 1 (identity) */
    memcpy(bad, sig, 64);
    memset(bad, 0xff, 32);
    bad[0] = 0xee;
    bad[31] = 0x7f;
    CHECK_ST(fips140_ed25519_verify(pub, msg, 3, bad, 64), FIPS140_ERR_AUTH, "R non-canonical");
}

static void test_contexts(void)
{
    uint8_t priv[32], pub[32], s_pure[64], s_ph[64], s_ph2[64], s_ctx[64], s_ctx2[64], msg[20], ctx[256];
    tu_unhex(priv, 32, rfc[1].priv);
    tu_unhex(pub, 32, rfc[1].pub);
    memset(msg, 0x5a, sizeof msg);
    memset(ctx, 0x33, sizeof ctx);
    CHECK_OK(fips140_eddsa_sign(FIPS140_ED25519, s_pure, priv, NULL, 0, msg, 20), "pure");
    CHECK_OK(fips140_eddsa_sign(FIPS140_ED25519PH, s_ph, priv, NULL, 0, msg, 20), "ph");
    CHECK_OK(fips140_eddsa_sign(FIPS140_ED25519PH, s_ph2, priv, ctx, 255, msg, 20), "ph ctx 255");
    CHECK_OK(fips140_eddsa_sign(FIPS140_ED25519CTX, s_ctx, priv, ctx, 3, msg, 20), "ctx 3");
    CHECK_OK(fips140_eddsa_sign(FIPS140_ED25519CTX, s_ctx2, priv, ctx, 4, msg, 20), "ctx 4");
    CHECK(memcmp(s_pure, s_ph, 64) && memcmp(s_ph, s_ph2, 64) && memcmp(s_ctx, s_ctx2, 64) && memcmp(s_pure, s_ctx, 64),
          "variants and contexts must give different signatures");
    CHECK_OK(fips140_eddsa_verify(FIPS140_ED25519PH, pub, ctx, 255, msg, 20, s_ph2, 64), "ph verify");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519PH, pub, ctx, 254, msg, 20, s_ph2, 64), FIPS140_ERR_AUTH, "ph ctx");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519, pub, NULL, 0, msg, 20, s_ph, 64), FIPS140_ERR_AUTH, "ph as pure");
    CHECK_OK(fips140_eddsa_verify(FIPS140_ED25519CTX, pub, ctx, 3, msg, 20, s_ctx, 64), "ctx verify");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519CTX, pub, ctx, 4, msg, 20, s_ctx, 64), FIPS140_ERR_AUTH, "ctx 4");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519PH, pub, ctx, 3, msg, 20, s_ctx, 64), FIPS140_ERR_AUTH, "ctx as ph");
    /* argument rules */
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519, s_pure, priv, ctx, 1, msg, 20), FIPS140_ERR_ARG, "pure with ctx");
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519CTX, s_pure, priv, ctx, 0, msg, 20), FIPS140_ERR_ARG, "ctx empty");
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519PH, s_pure, priv, ctx, 256, msg, 20), FIPS140_ERR_ARG, "ctx 256");
    CHECK_ST(fips140_eddsa_sign((fips140_eddsa_variant)9, s_pure, priv, NULL, 0, msg, 20), FIPS140_ERR_ARG, "variant");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519, pub, ctx, 1, msg, 20, s_pure, 64), FIPS140_ERR_ARG, "v pure ctx");
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519, NULL, priv, NULL, 0, msg, 20), FIPS140_ERR_NULL, "sig NULL");
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519, s_pure, NULL, NULL, 0, msg, 20), FIPS140_ERR_NULL, "priv NULL");
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519, s_pure, priv, NULL, 0, NULL, 1), FIPS140_ERR_NULL, "msg NULL");
    CHECK_ST(fips140_eddsa_sign(FIPS140_ED25519PH, s_pure, priv, NULL, 2, msg, 1), FIPS140_ERR_NULL, "ctx NULL");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519, NULL, NULL, 0, msg, 20, s_pure, 64), FIPS140_ERR_NULL, "pub NULL");
    CHECK_ST(fips140_eddsa_verify(FIPS140_ED25519, pub, NULL, 0, msg, 20, NULL, 64), FIPS140_ERR_NULL, "sig NULL");
    CHECK_ST(fips140_ed25519_public_key(NULL, priv), FIPS140_ERR_NULL, "pub out NULL");
    CHECK_ST(fips140_ed25519_keygen(NULL, pub), FIPS140_ERR_NULL, "keygen NULL");
    /* empty message with a NULL pointer is allowed */
    CHECK_OK(fips140_ed25519_sign(s_pure, priv, NULL, 0), "NULL empty msg");
    CHECK_OK(fips140_ed25519_verify(pub, NULL, 0, s_pure, 64), "NULL empty msg verify");
    /* indicator: approved for Ed25519 and Ed25519ph, not approved for Ed25519ctx */
    fips140_indicator_clear();
    CHECK_OK(fips140_eddsa_sign(FIPS140_ED25519PH, s_ph, priv, ctx, 2, msg, 20), "ph");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "ph indicator");
    fips140_indicator_clear();
    CHECK_OK(fips140_eddsa_verify(FIPS140_ED25519CTX, pub, ctx, 3, msg, 20, s_ctx, 64), "ctx verify");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_NOT_APPROVED, "ctx indicator");
    fips140_indicator_clear();
    CHECK_OK(fips140_ed25519_verify(pub, NULL, 0, s_pure, 64), "pure verify");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "pure verify indicator");
}

static void test_keygen(void)
{
    uint8_t priv[32], pub[32], pub2[32], priv2[32], sig[64];
    fips140_indicator_clear();
    CHECK_OK(fips140_ed25519_keygen(priv, pub), "keygen");
    CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "keygen indicator");
    CHECK_OK(fips140_ed25519_public_key(pub2, priv), "derive");
    CHECK_MEM(pub2, pub, 32, "keygen public key");
    CHECK_OK(fips140_ed25519_keygen(priv2, NULL), "keygen no pub");
    CHECK(memcmp(priv, priv2, 32) != 0, "two keygens gave the same key");
    CHECK_OK(fips140_ed25519_sign(sig, priv, data, 100), "sign");
    CHECK(ossl_verify(pub, data, 100, sig), "OpenSSL verifies keygen key's signature");
}

static int only_mode_child(void)
{
    int bad = 0;
    uint8_t priv[32] = {1}, sig[64], ctx[1] = {7};
    bad += fips140_get_mode() != FIPS140_MODE_ONLY;
    bad += fips140_eddsa_sign(FIPS140_ED25519CTX, sig, priv, ctx, 1, ctx, 1) != FIPS140_ERR_NOT_APPROVED;
    bad += fips140_eddsa_sign(FIPS140_ED25519PH, sig, priv, ctx, 1, ctx, 1) != FIPS140_OK;
    bad += fips140_eddsa_sign(FIPS140_ED25519, sig, priv, NULL, 0, ctx, 1) != FIPS140_OK;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "only", only_mode_child());
    TU_CHECK_CHILD("only", "only");
    tu_rng rng = {0xed25519};
    tu_fill(&rng, data, sizeof data);
    test_rfc();
    test_vs_openssl(&rng);
    test_scalar_edges();
    test_rejects();
    test_contexts();
    test_keygen();
    return tu_done();
}
