/* tests/unit/test_ec.c - ECDSA and ECDH over P-256 and P-384 (include/fips140/ec.h) against OpenSSL's libcrypto:
 * our signatures verified by OpenSSL and OpenSSL's by us (digests of 20..64 bytes, so truncation per FIPS 186-5
 * §6.4.1 is covered), tampered signatures and r/s out of range rejected, ECDH agreement both ways, public keys
 * derived like OpenSSL's, invalid public keys rejected (off the curve, coordinates >= p, the point at infinity,
 * bad encodings), the RFC 6979 A.2.5 vector, deterministic signing reproducible, and the CASTs. */
#include "test_util.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

typedef struct curve_info {
    fips140_ec_curve id;
    const char *name;
    size_t len;
} curve_info;

static const curve_info curves[] = {{FIPS140_EC_P256, "P-256", 32}, {FIPS140_EC_P384, "P-384", 48}};

static EVP_PKEY *ossl_key(const curve_info *ci, const uint8_t *priv, const uint8_t *pub)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *d = priv ? BN_bin2bn(priv, (int)ci->len, NULL) : NULL;
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, ci->name, 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, 1 + 2 * ci->len);
    if (d) OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *pk = NULL;
    if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pk, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0) {
        fprintf(stderr, "OpenSSL fromdata failed\n");
        abort();
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(d);
    return pk;
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
    static const size_t dlens[] = {20, 28, 32, 48, 64};
    const size_t L = ci->len, P = 1 + 2 * L;
    CHECK(fips140_ec_scalar_size(ci->id) == L && fips140_ec_point_size(ci->id) == P, "%s sizes", ci->name);
    for (int it = 0; it < 24; it++) {
        uint8_t d[48], q[97], d2[48], q2[97], q3[97], sig[96], sig2[96], dg[64], z1[48], z2[48];
        size_t dlen = dlens[it % 5];
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
        uint8_t sig3[96];
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
    uint8_t d[48], q[97], sig[96], dg[32] = {1}, bad[97], z[48];
    CHECK_OK(fips140_ec_keygen(ci->id, d, L, q, P), "keygen");
    CHECK_OK(fips140_ecdsa_sign(ci->id, d, L, dg, sizeof dg, sig, 2 * L), "sign");
    uint8_t s2[96];
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
        EC_GROUP *g = EC_GROUP_new_by_curve_name(ci->id == FIPS140_EC_P256 ? NID_X9_62_prime256v1 : NID_secp384r1);
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
    uint8_t zero[48] = {0}, ff[48];
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

int main(void)
{
    tu_rng rng = {0xec0ec0ec0ull};
    test_rfc6979();
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) test_curve(&curves[i], &rng);
    return tu_done();
}
