/* tests/unit/test_ec.c - ECDSA and ECDH over P-224, P-256, P-384 and P-521 (include/fips140/ec.h) against
 * OpenSSL's libcrypto: our signatures verified by OpenSSL and OpenSSL's by us (digests of 20..80 bytes, so
 * truncation per FIPS 186-5 §6.4.1 is covered, by bytes and, for P-521's 521-bit n, by bits), tampered signatures
 * and r/s out of range rejected, ECDH agreement both ways, public keys derived like OpenSSL's, invalid public keys
 * rejected (off the curve, coordinates >= p, the point at infinity, bad encodings), the RFC 6979 A.2.4, A.2.5 and
 * A.2.7 vectors, deterministic signing reproducible, and the CASTs. */
#include "test_util.h"
#include "test_ec_ossl.h"
#include "ec/ec_internal.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

typedef struct curve_info {
    fips140_ec_curve id;
    const char *name;
    size_t len;
    int nid;
} curve_info;

static const curve_info curves[] = {{FIPS140_EC_P256, "P-256", 32, NID_X9_62_prime256v1},
                                    {FIPS140_EC_P384, "P-384", 48, NID_secp384r1},
                                    {FIPS140_EC_P224, "P-224", 28, NID_secp224r1},
                                    {FIPS140_EC_P521, "P-521", 66, NID_secp521r1}};

static EVP_PKEY *ossl_key(const curve_info *ci, const uint8_t *priv, const uint8_t *pub)
{
    return ossl_ec_key(ci->name, ci->len, priv, pub);
}

static void ossl_export(const curve_info *ci, EVP_PKEY *pk, uint8_t *priv, uint8_t *pub)
{
    BIGNUM *d = NULL;
    size_t n = 0;
    if (!EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_PRIV_KEY, &d) || BN_bn2binpad(d, priv, (int)ci->len) < 0 ||
        !EVP_PKEY_get_octet_string_param(pk, OSSL_PKEY_PARAM_PUB_KEY, pub, 1 + 2 * ci->len, &n) ||
        n != 1 + 2 * ci->len) {
        fprintf(stderr, "OpenSSL export failed\n");
        abort();
    }
    BN_free(d);
}

/* ossl_verify - 1 when OpenSSL accepts r||s over the digest. */
static int ossl_verify(const curve_info *ci, EVP_PKEY *pk, const uint8_t *dg, size_t dlen, const uint8_t *sig)
{
    ECDSA_SIG *es = ECDSA_SIG_new();
    ECDSA_SIG_set0(es, BN_bin2bn(sig, (int)ci->len, NULL), BN_bin2bn(sig + ci->len, (int)ci->len, NULL));
    unsigned char *der = NULL;
    int derlen = i2d_ECDSA_SIG(es, &der);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pk, NULL);
    int ok = EVP_PKEY_verify_init(ctx) > 0 && EVP_PKEY_verify(ctx, der, (size_t)derlen, dg, dlen) == 1;
    EVP_PKEY_CTX_free(ctx);
    OPENSSL_free(der);
    ECDSA_SIG_free(es);
    return ok;
}

static void ossl_sign(const curve_info *ci, EVP_PKEY *pk, const uint8_t *dg, size_t dlen, uint8_t *sig)
{
    unsigned char der[160];
    size_t derlen = sizeof der;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pk, NULL);
    if (EVP_PKEY_sign_init(ctx) <= 0 || EVP_PKEY_sign(ctx, der, &derlen, dg, dlen) <= 0) {
        fprintf(stderr, "OpenSSL sign failed\n");
        abort();
    }
    const unsigned char *p = der;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)derlen);
    BN_bn2binpad(ECDSA_SIG_get0_r(es), sig, (int)ci->len);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), sig + ci->len, (int)ci->len);
    ECDSA_SIG_free(es);
    EVP_PKEY_CTX_free(ctx);
}

static void ossl_derive(EVP_PKEY *mine, EVP_PKEY *peer, uint8_t *z, size_t zlen)
{
    size_t n = zlen;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(mine, NULL);
    if (EVP_PKEY_derive_init(ctx) <= 0 || EVP_PKEY_derive_set_peer(ctx, peer) <= 0 ||
        EVP_PKEY_derive(ctx, z, &n) <= 0 || n != zlen) {
        fprintf(stderr, "OpenSSL derive failed\n");
        abort();
    }
    EVP_PKEY_CTX_free(ctx);
}

static void test_curve(const curve_info *ci, tu_rng *rng)
{
    /* 66 and 80 bytes: longer than P-521's 521-bit n, so the truncation is a bit shift (§6.4.1 step 2). */
    static const size_t dlens[] = {20, 28, 32, 48, 64, 66, 80};
    const size_t L = ci->len, P = 1 + 2 * L;
    CHECK(fips140_ec_scalar_size(ci->id) == L && fips140_ec_point_size(ci->id) == P, "%s sizes", ci->name);
    for (int it = 0; it < 24; it++) {
        uint8_t d[66], q[133], d2[66], q2[133], q3[133], sig[132], sig2[132], dg[80], z1[66], z2[66];
        size_t dlen = dlens[it % 7];
        tu_fill(rng, dg, sizeof dg);
        CHECK_OK(fips140_ec_keygen(ci->id, d, L, q, P), "%s keygen", ci->name);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "keygen approved");
        CHECK_OK(fips140_ec_validate_public(ci->id, q, P), "%s validate own key", ci->name);
        EVP_PKEY *ours = ossl_key(ci, d, q); /* OpenSSL rejects a pub that does not match priv */
        CHECK_OK(fips140_ecdsa_sign(ci->id, d, L, dg, dlen, sig, 2 * L), "%s sign", ci->name);
        CHECK(ossl_verify(ci, ours, dg, dlen, sig), "%s OpenSSL verifies our signature (digest %zu)", ci->name, dlen);
        CHECK_OK(fips140_ecdsa_verify(ci->id, q, P, dg, dlen, sig, 2 * L), "%s we verify our signature", ci->name);
        CHECK_OK(fips140_ecdsa_sign_deterministic(ci->id, FIPS140_SHA256, d, L, dg, dlen, sig2, 2 * L), "det");
        CHECK(ossl_verify(ci, ours, dg, dlen, sig2), "%s OpenSSL verifies deterministic signature", ci->name);
        uint8_t sig3[132];
        CHECK_OK(fips140_ecdsa_sign_deterministic(ci->id, FIPS140_SHA256, d, L, dg, dlen, sig3, 2 * L), "det2");
        CHECK_MEM(sig3, sig2, 2 * L, "deterministic signature reproducible");
        /* Tampering: message, r, s. */
        sig[tu_below(rng, 2 * L)] ^= (uint8_t)(1u << tu_below(rng, 8));
        CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, dlen, sig, 2 * L), FIPS140_ERR_AUTH, "tampered sig");
        dg[0] ^= 0x80;
        CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, dlen, sig2, 2 * L), FIPS140_ERR_AUTH, "tampered digest");
        dg[0] ^= 0x80;

        /* OpenSSL key and signature, verified by us. */
        EVP_PKEY *theirs = EVP_PKEY_Q_keygen(NULL, NULL, "EC", ci->name);
        ossl_export(ci, theirs, d2, q2);
        CHECK_OK(fips140_ec_public_from_private(ci->id, d2, L, q3, P), "pub from priv");
        CHECK_MEM(q3, q2, P, "%s public key = d*G as OpenSSL", ci->name);
        ossl_sign(ci, theirs, dg, dlen, sig);
        CHECK_OK(fips140_ecdsa_verify(ci->id, q2, P, dg, dlen, sig, 2 * L), "%s verify OpenSSL sig", ci->name);
        CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, dlen, sig, 2 * L), FIPS140_ERR_AUTH, "wrong key");

        /* ECDH both ways. */
        CHECK_OK(fips140_ecdh(ci->id, d, L, q2, P, z1, L), "%s ecdh", ci->name);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "ecdh approved");
        ossl_derive(theirs, ours, z2, L);
        CHECK_MEM(z1, z2, L, "%s ECDH ours(d1,Q2) = OpenSSL(d2,Q1)", ci->name);
        CHECK_OK(fips140_ecdh(ci->id, d2, L, q, P, z2, L), "ecdh other way");
        CHECK_MEM(z1, z2, L, "%s ECDH symmetric", ci->name);
        EVP_PKEY_free(ours);
        EVP_PKEY_free(theirs);
    }

    /* r, s out of range: 0 and n (P-256/P-384 n starts with 0xff... and r = n is caught by the range check). */
    uint8_t d[66], q[133], sig[132], dg[32] = {1}, bad[133], z[66];
    CHECK_OK(fips140_ec_keygen(ci->id, d, L, q, P), "keygen");
    CHECK_OK(fips140_ecdsa_sign(ci->id, d, L, dg, sizeof dg, sig, 2 * L), "sign");
    uint8_t s2[132];
    memcpy(s2, sig, sizeof s2);
    memset(s2, 0, L);
    CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, sizeof dg, s2, 2 * L), FIPS140_ERR_AUTH, "r = 0");
    memcpy(s2, sig, sizeof s2);
    memset(s2 + L, 0, L);
    CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, sizeof dg, s2, 2 * L), FIPS140_ERR_AUTH, "s = 0");
    memset(s2, 0xff, 2 * L);
    CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, sizeof dg, s2, 2 * L), FIPS140_ERR_AUTH, "r, s >= n");
    CHECK_ST(fips140_ecdsa_verify(ci->id, q, P, dg, sizeof dg, sig, 2 * L - 1), FIPS140_ERR_AUTH, "short sig");

    /* Invalid public keys (SP 800-56A Rev. 3 §5.6.2.3.3). */
    memcpy(bad, q, P);
    bad[P - 1] ^= 1; /* off the curve */
    CHECK_ST(fips140_ec_validate_public(ci->id, bad, P), FIPS140_ERR_ARG, "%s off-curve", ci->name);
    CHECK_ST(fips140_ecdh(ci->id, d, L, bad, P, z, L), FIPS140_ERR_ARG, "ecdh off-curve");
    CHECK_ST(fips140_ecdsa_verify(ci->id, bad, P, dg, sizeof dg, sig, 2 * L), FIPS140_ERR_ARG, "verify off-curve");
    memset(bad + 1, 0, 2 * L); /* (0, 0): the usual "infinity" placeholder; not on the curve */
    CHECK_ST(fips140_ec_validate_public(ci->id, bad, P), FIPS140_ERR_ARG, "%s (0,0)", ci->name);
    uint8_t inf = 0x00;
    CHECK_ST(fips140_ec_validate_public(ci->id, &inf, 1), FIPS140_ERR_ARG, "%s infinity 0x00", ci->name);
    CHECK_ST(fips140_ecdh(ci->id, d, L, &inf, 1, z, L), FIPS140_ERR_ARG, "ecdh infinity");
    /* x + p: same point mod p, coordinates out of range. Build X = x + p only when it fits (x < 2^k - p). */
    {
        BIGNUM *x = BN_bin2bn(q + 1, (int)L, NULL), *p = BN_new();
        EC_GROUP *g = EC_GROUP_new_by_curve_name(ci->nid);
        EC_GROUP_get_curve(g, p, NULL, NULL, NULL);
        BN_add(x, x, p);
        memcpy(bad, q, P);
        if (BN_num_bytes(x) <= (int)L) {
            BN_bn2binpad(x, bad + 1, (int)L);
            CHECK_ST(fips140_ec_validate_public(ci->id, bad, P), FIPS140_ERR_ARG, "x + p");
        }
        BN_bn2binpad(p, bad + 1, (int)L); /* x = p */
        CHECK_ST(fips140_ec_validate_public(ci->id, bad, P), FIPS140_ERR_ARG, "x = p");
        memcpy(bad, q, P);
        BN_bn2binpad(p, bad + 1 + L, (int)L); /* y = p */
        CHECK_ST(fips140_ec_validate_public(ci->id, bad, P), FIPS140_ERR_ARG, "y = p");
        /* y -> p - y is the negated point: valid. */
        BIGNUM *y = BN_bin2bn(q + 1 + L, (int)L, NULL);
        BN_sub(y, p, y);
        memcpy(bad, q, P);
        BN_bn2binpad(y, bad + 1 + L, (int)L);
        CHECK_OK(fips140_ec_validate_public(ci->id, bad, P), "-Q valid");
        BN_free(x); BN_free(y); BN_free(p);
        EC_GROUP_free(g);
    }
    memcpy(bad, q, P);
    bad[0] = 0x02;
    CHECK_ST(fips140_ec_validate_public(ci->id, bad, P), FIPS140_ERR_ARG, "prefix 02");
    CHECK_ST(fips140_ec_validate_public(ci->id, q, P - 1), FIPS140_ERR_ARG, "short");
    /* Private keys out of range. */
    uint8_t zero[66] = {0}, ff[66];
    memset(ff, 0xff, sizeof ff);
    CHECK_ST(fips140_ecdh(ci->id, zero, L, q, P, z, L), FIPS140_ERR_KEY_LENGTH, "d = 0");
    CHECK_ST(fips140_ecdh(ci->id, ff, L, q, P, z, L), FIPS140_ERR_KEY_LENGTH, "d >= n");
    CHECK_ST(fips140_ecdsa_sign(ci->id, ff, L, dg, sizeof dg, sig, 2 * L), FIPS140_ERR_KEY_LENGTH, "sign d >= n");
}

/* RFC 6979 A.2.5, P-256 with SHA-256, message "sample". */
static void test_rfc6979(void)
{
    uint8_t d[32], q[65], dg[32], want[64], sig[64], got_q[65];
    tu_unhex(d, sizeof d, "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
    tu_unhex(q, sizeof q,
             "0460FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
             "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");
    tu_unhex(want, sizeof want,
             "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
             "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    CHECK_OK(fips140_hash(FIPS140_SHA256, dg, 32, "sample", 6), "sha256");
    CHECK_OK(fips140_ec_public_from_private(FIPS140_EC_P256, d, 32, got_q, 65), "pub");
    CHECK_MEM(got_q, q, 65, "RFC 6979 A.2.5 public key");
    CHECK_OK(fips140_ecdsa_sign_deterministic(FIPS140_EC_P256, FIPS140_SHA256, d, 32, dg, 32, sig, 64), "sign");
    CHECK_MEM(sig, want, 64, "RFC 6979 A.2.5 SHA-256 sample");
    CHECK_OK(fips140_ecdsa_verify(FIPS140_EC_P256, q, 65, dg, 32, sig, 64), "verify");
}

/* rfc6979_case - one signature of RFC 6979 Appendix A.2 (k derived per §3.2 with HMAC-hash). */
typedef struct rfc6979_case {
    fips140_ec_curve curve;
    fips140_hash_alg hash;
    const char *msg, *rs;
} rfc6979_case;

/* RFC 6979 A.2.4 (P-224: 224-bit q, whole bytes) and A.2.7 (P-521: qlen = 521, so bits2int(T) shifts the 528-bit
 * T right by 7 bits and int2octets pads to 66 bytes). */
static void test_rfc6979_p224_p521(void)
{
    static const char *const d224 = "F220266E1105BFE3083E03EC7A3A654651F45E37167E88600BF257C1";
    static const char *const q224 = "0400CF08DA5AD719E42707FA431292DEA11244D64FC51610D94B130D6C"
                                    "EEAB6F3DEBE455E3DBF85416F7030CBD94F34F2D6F232C69F3C1385A";
    static const char *const d521 = "00FAD06DAA62BA3B25D2FB40133DA757205DE67F5BB0018FEE8C86E1B68C7E75CAA896EB32F1F47C"
                                    "70855836A6D16FCC1466F6D8FBEC67DB89EC0C08B0E996B83538";
    static const char *const q521 =
        "0401894550D0785932E00EAA23B694F213F8C3121F86DC97A04E5A7167DB4E5BCD371123D46E45DB6B5D5370A7F20FB633155D38FF"
        "A16D2BD761DCAC474B9A2F5023A400493101C962CD4D2FDDF782285E64584139C2F91B47F87FF82354D6630F746A28A0DB25741B5B"
        "34A828008B22ACC23F924FAAFBD4D33F81EA66956DFEAA2BFDFCF5";
    static const rfc6979_case cases[] = {
        {FIPS140_EC_P224, FIPS140_SHA224, "sample",
         "1CDFE6662DDE1E4A1EC4CDEDF6A1F5A2FB7FBD9145C12113E6ABFD3E"
         "A6694FD7718A21053F225D3F46197CA699D45006C06F871808F43EBC"},
        {FIPS140_EC_P224, FIPS140_SHA256, "sample",
         "61AA3DA010E8E8406C656BC477A7A7189895E7E840CDFE8FF42307BA"
         "BC814050DAB5D23770879494F9E0A680DC1AF7161991BDE692B10101"},
        {FIPS140_EC_P224, FIPS140_SHA224, "test",
         "C441CE8E261DED634E4CF84910E4C5D1D22C5CF3B732BB204DBEF019"
         "902F42847A63BDC5F6046ADA114953120F99442D76510150F372A3F4"},
        {FIPS140_EC_P521, FIPS140_SHA256, "sample",
         "01511BB4D675114FE266FC4372B87682BAECC01D3CC62CF2303C92B3526012659D16876E25C7C1E57648F23B73564D67F61C6F14D"
         "527D54972810421E7D87589E1A7"
         "004A171143A83163D6DF460AAF61522695F207A58B95C0644D87E52AA1A347916E4F7A72930B1BC06DBE22CE3F58264AFD23704CB"
         "B63B29B931F7DE6C9D949A7ECFC"},
        {FIPS140_EC_P521, FIPS140_SHA256, "test",
         "000E871C4A14F993C6C7369501900C4BC1E9C7B0B4BA44E04868B30B41D8071042EB28C4C250411D0CE08CD197E4188EA4876F279F"
         "90B3D8D74A3C76E6F1E4656AA8"
         "00CD52DBAA33B063C3A6CD8058A1FB0A46A4754B034FCC644766CA14DA8CA5CA9FDE00E88C1AD60CCBA759025299079D7A427EC3CC"
         "5B619BFBC828E7769BCD694E86"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rfc6979_case *t = &cases[i];
        size_t L = fips140_ec_scalar_size(t->curve), P = fips140_ec_point_size(t->curve);
        size_t hl = fips140_hash_digest_size(t->hash);
        uint8_t d[66], q[133], got_q[133], dg[64], want[132], sig[132];
        tu_unhex(d, L, t->curve == FIPS140_EC_P224 ? d224 : d521);
        tu_unhex(q, P, t->curve == FIPS140_EC_P224 ? q224 : q521);
        tu_unhex(want, 2 * L, t->rs);
        CHECK_OK(fips140_hash(t->hash, dg, hl, t->msg, strlen(t->msg)), "hash");
        CHECK_OK(fips140_ec_public_from_private(t->curve, d, L, got_q, P), "pub");
        CHECK_MEM(got_q, q, P, "RFC 6979 case %zu public key", i);
        CHECK_OK(fips140_ecdsa_sign_deterministic(t->curve, t->hash, d, L, dg, hl, sig, 2 * L), "sign");
        CHECK_MEM(sig, want, 2 * L, "RFC 6979 case %zu signature", i);
        CHECK_OK(fips140_ecdsa_verify(t->curve, q, P, dg, hl, sig, 2 * L), "verify case %zu", i);
    }
}

/* test_p521_field - P-521's direct reduction (ec_p521_mul, p = 2^521 - 1) against BN_mod_mul on the edges of
 * [0, p-1] (0, 1, p-1, p-2, powers of two near the fold at bit 521, limb boundaries) and random values. */
static void test_p521_field(tu_rng *rng)
{
    BIGNUM *p = BN_new(), *x = BN_new(), *y = BN_new(), *z = BN_new();
    BN_CTX *bctx = BN_CTX_new();
    BN_set_bit(p, 521);
    BN_sub_word(p, 1);
    enum { NV = 40 };
    uint8_t v[NV][66];
    for (int i = 0; i < NV; i++) {
        BN_zero(x);
        switch (i) {
        case 0: break;
        case 1: BN_one(x); break;
        case 2: BN_copy(x, p); BN_sub_word(x, 1); break;
        case 3: BN_copy(x, p); BN_sub_word(x, 2); break;
        case 4: BN_set_bit(x, 520); break;
        case 5: BN_set_bit(x, 512); break;
        case 6: BN_set_bit(x, 261); BN_sub_word(x, 1); break;
        case 7: BN_copy(x, p); BN_clear_bit(x, 64); break;
        default: {
            uint8_t r[66];
            tu_fill(rng, r, sizeof r);
            r[0] &= 0x01;
            BN_bin2bn(r, 66, x);
            BN_mod(x, x, p, bctx);
        }
        }
        BN_bn2binpad(x, v[i], 66);
    }
    for (int i = 0; i < NV; i++)
        for (int j = 0; j < NV; j += (i < 8 ? 1 : 7)) {
            uint64_t a[9], b[9], r[9];
            uint8_t got[66], want[66];
            ec_from_bytes(a, v[i], 66);
            ec_from_bytes(b, v[j], 66);
            ec_p521_mul(r, a, b);
            ec_to_bytes(got, r, 66);
            BN_bin2bn(v[i], 66, x);
            BN_bin2bn(v[j], 66, y);
            BN_mod_mul(z, x, y, p, bctx);
            BN_bn2binpad(z, want, 66);
            CHECK_MEM(got, want, 66, "P-521 field product %d x %d", i, j);
            CHECK(r[8] >> 9 == 0, "P-521 product reduced below 2^521");
        }
    BN_free(p), BN_free(x), BN_free(y), BN_free(z);
    BN_CTX_free(bctx);
}

int main(void)
{
    tu_rng rng = {0xec0ec0ec0ull};
    test_p521_field(&rng);
    test_rfc6979();
    test_rfc6979_p224_p521();
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) test_curve(&curves[i], &rng);
    return tu_done();
}
