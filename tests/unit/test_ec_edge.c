/* tests/unit/test_ec_edge.c - edge cases of the P-256 and P-384 fast paths (module/ec/ec_fast_impl.h) against
 * OpenSSL's libcrypto: private keys next to 0 and next to n (where the signed-window multiplication meets its one
 * exceptional addition, k = n - 2|d0|), public keys of small and of n - small scalars (negations of each other),
 * ECDSA verification whose double multiplication hits the doubling (u1·G = u2·Q) and the point at infinity
 * (u1·G = -u2·Q) inside its variable-time additions, and random signatures across the whole scalar range. */
#include "test_util.h"
#include "test_ec_ossl.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

typedef struct curve_info {
    fips140_ec_curve id;
    const char *name;
    size_t len;
    const char *n_hex;
} curve_info;

static const curve_info curves[] = {
    {FIPS140_EC_P256, "P-256", 32, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"},
    {FIPS140_EC_P384, "P-384", 48,
     "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"},
};

static EVP_PKEY *ossl_key(const curve_info *ci, const uint8_t *priv, const uint8_t *pub)
{
    return ossl_ec_key(ci->name, ci->len, priv, pub);
}

/* ossl_ecdh - OpenSSL's x(d·Q): the private key d is used, whatever public key accompanies it. */
static void ossl_ecdh(const curve_info *ci, const uint8_t *d, const uint8_t *dpub, const uint8_t *q, uint8_t *z)
{
    EVP_PKEY *mine = ossl_key(ci, d, dpub), *peer = ossl_key(ci, NULL, q);
    size_t n = ci->len;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(mine, NULL);
    if (EVP_PKEY_derive_init(ctx) <= 0 || EVP_PKEY_derive_set_peer(ctx, peer) <= 0 ||
        EVP_PKEY_derive(ctx, z, &n) <= 0 || n != ci->len) {
        fprintf(stderr, "OpenSSL derive failed\n");
        abort();
    }
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(mine);
    EVP_PKEY_free(peer);
}

static int ossl_verify(const curve_info *ci, const uint8_t *pub, const uint8_t *dg, size_t dlen, const uint8_t *sig)
{
    EVP_PKEY *pk = ossl_key(ci, NULL, pub);
    ECDSA_SIG *es = ECDSA_SIG_new();
    ECDSA_SIG_set0(es, BN_bin2bn(sig, (int)ci->len, NULL), BN_bin2bn(sig + ci->len, (int)ci->len, NULL));
    unsigned char *der = NULL;
    int derlen = i2d_ECDSA_SIG(es, &der);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pk, NULL);
    int ok = EVP_PKEY_verify_init(ctx) > 0 && EVP_PKEY_verify(ctx, der, (size_t)derlen, dg, dlen) == 1;
    EVP_PKEY_CTX_free(ctx);
    OPENSSL_free(der);
    ECDSA_SIG_free(es);
    EVP_PKEY_free(pk);
    return ok;
}

static void bn_out(const curve_info *ci, const BIGNUM *v, uint8_t *out) { BN_bn2binpad(v, out, (int)ci->len); }

/* test_scalar - d·G and x(d·Q) for one private key d (as a BIGNUM in [1, n-1]) against OpenSSL. */
static void test_scalar(const curve_info *ci, const BIGNUM *n, const BIGNUM *d, tu_rng *rng)
{
    const size_t L = ci->len, P = 1 + 2 * L;
    uint8_t priv[66], pub[133], peer_priv[66], peer_pub[133], z[66], want[66], negpub[133];
    bn_out(ci, d, priv);
    CHECK_OK(fips140_ec_public_from_private(ci->id, priv, L, pub, P), "%s public key", ci->name);
    CHECK_OK(fips140_ec_validate_public(ci->id, pub, P), "%s public key on the curve", ci->name);
    CHECK_OK(fips140_ec_keygen(ci->id, peer_priv, L, peer_pub, P), "%s peer key", ci->name);
    (void)rng;
    /* x(d·Q) by us and by OpenSSL (which uses d itself, not our public key). */
    CHECK_OK(fips140_ecdh(ci->id, priv, L, peer_pub, P, z, L), "%s ECDH", ci->name);
    ossl_ecdh(ci, priv, pub, peer_pub, want);
    CHECK_MEM(z, want, L, "%s ECDH with an edge private key", ci->name);
    /* d·G checked through the peer: x(e·(d·G)) = x(d·(e·G)), the right side computed by OpenSSL from d. */
    CHECK_OK(fips140_ecdh(ci->id, peer_priv, L, pub, P, z, L), "%s ECDH with the edge public key", ci->name);
    CHECK_MEM(z, want, L, "%s public key of an edge private key", ci->name);
    /* (n - d)·G = -(d·G): same x, y negated. */
    BIGNUM *nd = BN_new();
    BN_sub(nd, n, d);
    bn_out(ci, nd, priv);
    CHECK_OK(fips140_ec_public_from_private(ci->id, priv, L, negpub, P), "%s public key of n - d", ci->name);
    CHECK_MEM(negpub + 1, pub + 1, L, "%s x of (n - d)G", ci->name);
    BIGNUM *y = BN_bin2bn(pub + 1 + L, (int)L, NULL), *ny = BN_bin2bn(negpub + 1 + L, (int)L, NULL);
    BN_add(y, y, ny);
    BIGNUM *p = BN_new();
    BN_hex2bn(&p, ci->id == FIPS140_EC_P256
                      ? "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
                      : "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff");
    CHECK(BN_cmp(y, p) == 0, "%s y of (n - d)G is p - y of dG", ci->name);
    BN_free(p);
    BN_free(y);
    BN_free(ny);
    BN_free(nd);
}

/* test_verify_special - with Q = G (d = 1) and u1 = u2 = t (e = r, s = r/t) the wNAF part leaves t·G in the
 * accumulator and the comb adds its single digit t·G: the addition must double (r = x(2t·G) makes the signature
 * valid). With u1 = t, u2 = -t (e = -r, s = -r/t) the sum is the point at infinity: the signature is rejected. */
static void test_verify_special(const curve_info *ci, const BIGNUM *n)
{
    const size_t L = ci->len, P = 1 + 2 * L;
    uint8_t one[66] = {0}, G[133], tb[66], R[133], sig[132], dg[66];
    BN_CTX *bc = BN_CTX_new();
    one[L - 1] = 1;
    CHECK_OK(fips140_ec_public_from_private(ci->id, one, L, G, P), "%s G", ci->name);
    for (unsigned t = 1; t <= 31; t += 3) {
        BIGNUM *tt = BN_new(), *r = BN_new(), *s = BN_new(), *e = BN_new(), *ti = BN_new();
        BN_set_word(tt, t);
        BN_mod_inverse(ti, tt, n, bc);
        BN_set_word(tt, 2 * t);
        bn_out(ci, tt, tb);
        CHECK_OK(fips140_ec_public_from_private(ci->id, tb, L, R, P), "%s 2tG", ci->name);
        BN_bin2bn(R + 1, (int)L, r);
        BN_mod(r, r, n, bc);
        BN_mod_mul(s, r, ti, n, bc);  /* s = r/t, e = r: u1 = u2 = t */
        bn_out(ci, r, sig);
        bn_out(ci, s, sig + L);
        bn_out(ci, r, dg);
        CHECK_OK(fips140_ecdsa_verify(ci->id, G, P, dg, L, sig, 2 * L), "%s verify with u1·G = u2·Q, t = %u",
                 ci->name, t);
        CHECK(ossl_verify(ci, G, dg, L, sig), "%s OpenSSL accepts the u1 = u2 signature", ci->name);
        BN_sub(s, n, s);               /* s = -r/t, e = -r: u1 = t, u2 = -t */
        BN_sub(e, n, r);
        bn_out(ci, s, sig + L);
        bn_out(ci, e, dg);
        CHECK_ST(fips140_ecdsa_verify(ci->id, G, P, dg, L, sig, 2 * L), FIPS140_ERR_AUTH,
                 "%s verify with u1·G = -u2·Q, t = %u", ci->name, t);
        CHECK(!ossl_verify(ci, G, dg, L, sig), "%s OpenSSL rejects the u1 = -u2 signature", ci->name);
        BN_free(tt);
        BN_free(r);
        BN_free(s);
        BN_free(e);
        BN_free(ti);
    }
    BN_CTX_free(bc);
}

/* test_sign_verify - signatures by us verified by OpenSSL and by us, for keys near both ends of [1, n-1]. */
static void test_sign_verify(const curve_info *ci, const BIGNUM *d, tu_rng *rng)
{
    const size_t L = ci->len, P = 1 + 2 * L;
    uint8_t priv[66], pub[133], sig[132], dg[66];
    bn_out(ci, d, priv);
    CHECK_OK(fips140_ec_public_from_private(ci->id, priv, L, pub, P), "%s public key", ci->name);
    tu_fill(rng, dg, L);
    CHECK_OK(fips140_ecdsa_sign(ci->id, priv, L, dg, L, sig, 2 * L), "%s sign", ci->name);
    CHECK_OK(fips140_ecdsa_verify(ci->id, pub, P, dg, L, sig, 2 * L), "%s verify own", ci->name);
    CHECK(ossl_verify(ci, pub, dg, L, sig), "%s OpenSSL verifies ours", ci->name);
    dg[0] ^= 1;
    CHECK_ST(fips140_ecdsa_verify(ci->id, pub, P, dg, L, sig, 2 * L), FIPS140_ERR_AUTH, "%s tampered", ci->name);
}

int main(void)
{
    tu_rng rng = {0xed6ec0ffeeull};
    tu_print_paths("test_ec_edge");
    for (size_t c = 0; c < sizeof curves / sizeof curves[0]; c++) {
        const curve_info *ci = &curves[c];
        BIGNUM *n = NULL, *d = BN_new();
        BN_hex2bn(&n, ci->n_hex);
        for (unsigned j = 1; j <= 40; j++) {
            BN_set_word(d, j);            /* small scalars: leading zero windows */
            test_scalar(ci, n, d, &rng);
            test_sign_verify(ci, d, &rng);
            BN_sub(d, n, d);              /* n - j: for even j the last window's addition doubles */
            test_scalar(ci, n, d, &rng);
            test_sign_verify(ci, d, &rng);
        }
        for (unsigned b = 1; b < 8 * ci->len; b += 7) { /* powers of two and their neighbours */
            BN_zero(d);
            BN_set_bit(d, (int)b);
            test_scalar(ci, n, d, &rng);
            BN_sub_word(d, 1);
            test_scalar(ci, n, d, &rng);
        }
        test_verify_special(ci, n);
        BN_free(d);
        BN_free(n);
    }
    return tu_done();
}
