/* tests/unit/test_dh.c - finite-field DH over the SP 800-56A Rev. 3 Appendix D safe-prime groups
 * (include/fips140/dh.h) against OpenSSL's libcrypto: the primes byte-identical to OpenSSL's named groups
 * ("ffdhe2048".., "modp_2048"..), our key pairs accepted by EVP_PKEY_public_check and EVP_PKEY_pairwise_check, the
 * shared secret agreed both ways with OpenSSL keys in every group, public keys g^x equal to OpenSSL's BN_mod_exp
 * (including x = 2^N - 1), public-key validation agreeing with OpenSSL on residues and non-residues and rejecting
 * 0, 1, p-2 (a non-residue in range), p-1, p, 2^bits-1 and wrong lengths, bad private keys and unknown groups
 * refused with nothing written, the CAST, and the services approved under FIPS140=only. Private keys longer than
 * N = 2s bits (SP 800-56A Rev. 3 §5.6.2.1.2: any x in [1, q-1]): OpenSSL's default 225..400-bit keys and len(q)-bit
 * keys (OpenSSL's priv_len = len(q)) give OpenSSL's public key and shared secret, in every encoding length from N/8
 * to len(p) bytes; x = q-1 is accepted and 0, q, q+1, p-1 and 2^bits-1 are refused (FIPS140_ERR_ARG), lengths
 * outside [N/8, len(p)] bytes too (FIPS140_ERR_KEY_LENGTH), with nothing written. */
#include "test_util.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "core/internal.h"

typedef struct group_info {
    fips140_dh_group id;
    const char *name; /* OpenSSL's group name */
    size_t bytes;     /* of p */
    size_t priv;      /* N/8 */
    int rounds;       /* agreement rounds against OpenSSL (8192 is slow: one) */
} group_info;

static const group_info groups[] = {
    {FIPS140_DH_FFDHE2048, "ffdhe2048", 256, 28, 2}, {FIPS140_DH_FFDHE3072, "ffdhe3072", 384, 32, 2},
    {FIPS140_DH_FFDHE4096, "ffdhe4096", 512, 38, 1}, {FIPS140_DH_FFDHE6144, "ffdhe6144", 768, 44, 1},
    {FIPS140_DH_FFDHE8192, "ffdhe8192", 1024, 50, 1}, {FIPS140_DH_MODP2048, "modp_2048", 256, 28, 2},
    {FIPS140_DH_MODP3072, "modp_3072", 384, 32, 1},   {FIPS140_DH_MODP4096, "modp_4096", 512, 38, 1},
    {FIPS140_DH_MODP6144, "modp_6144", 768, 44, 1},   {FIPS140_DH_MODP8192, "modp_8192", 1024, 50, 1},
};
#define NGROUPS (sizeof groups / sizeof groups[0])

static void die(const char *what)
{
    fprintf(stderr, "OpenSSL: %s failed\n", what);
    abort();
}

/* ossl_keygen_len - an OpenSSL key pair in the named group; priv_bits > 0 sets OpenSSL's maximum private-key length
 * (OSSL_PKEY_PARAM_DH_PRIV_LEN), 0 keeps its default for the group. */
static EVP_PKEY *ossl_keygen_len(const group_info *gi, int priv_bits)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
    EVP_PKEY *pk = NULL;
    OSSL_PARAM len[] = {OSSL_PARAM_int(OSSL_PKEY_PARAM_DH_PRIV_LEN, &priv_bits), OSSL_PARAM_END};
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 || EVP_PKEY_CTX_set_group_name(ctx, gi->name) <= 0 ||
        (priv_bits > 0 && EVP_PKEY_CTX_set_params(ctx, len) <= 0) || EVP_PKEY_generate(ctx, &pk) <= 0)
        die("DH keygen");
    EVP_PKEY_CTX_free(ctx);
    return pk;
}

/* ossl_keygen - an OpenSSL key pair in the named group, OpenSSL's default private-key length. */
static EVP_PKEY *ossl_keygen(const group_info *gi) { return ossl_keygen_len(gi, 0); }

/* ossl_key - an OpenSSL key in the named group from our encodings (priv may be NULL: public key only). */
static EVP_PKEY *ossl_key(const group_info *gi, const uint8_t *priv, const uint8_t *pub)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *x = priv ? BN_bin2bn(priv, (int)gi->priv, NULL) : NULL;
    BIGNUM *y = BN_bin2bn(pub, (int)gi->bytes, NULL);
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, gi->name, 0);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, y);
    if (x) OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, x);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
    EVP_PKEY *pk = NULL;
    if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pk, x ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0)
        die("DH fromdata");
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(x);
    BN_free(y);
    return pk;
}

/* ossl_bn - the BIGNUM parameter name of pk as gi->bytes big-endian bytes. */
static void ossl_bn(const group_info *gi, EVP_PKEY *pk, const char *name, uint8_t *out)
{
    BIGNUM *v = NULL;
    if (!EVP_PKEY_get_bn_param(pk, name, &v) || BN_bn2binpad(v, out, (int)gi->bytes) < 0)
        die("get_bn_param");
    BN_free(v);
}

/* ossl_derive - Z from OpenSSL, padded to len(p) (SP 800-56A's fixed-length Z). */
static void ossl_derive(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t *z, size_t len)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
    size_t n = len;
    if (EVP_PKEY_derive_init(ctx) <= 0 || EVP_PKEY_CTX_set_dh_pad(ctx, 1) <= 0 ||
        EVP_PKEY_derive_set_peer(ctx, peer) <= 0 || EVP_PKEY_derive(ctx, z, &n) <= 0 || n != len)
        die("DH derive");
    EVP_PKEY_CTX_free(ctx);
}

/* ossl_check - 1 when OpenSSL's public check (pairwise check too when the key has a private part) accepts pk. */
static int ossl_check(EVP_PKEY *pk, int pairwise)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pk, NULL);
    int ok = EVP_PKEY_public_check(ctx) == 1 && (!pairwise || EVP_PKEY_pairwise_check(ctx) == 1);
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

/* ossl_pow - b^x mod p (b of len(p) bytes, x of xlen bytes) with OpenSSL's BIGNUMs, as len(p) bytes. */
static void ossl_pow(const group_info *gi, const uint8_t *p, const uint8_t *b, const uint8_t *x, size_t xlen,
                     uint8_t *out)
{
    BN_CTX *bc = BN_CTX_new();
    BIGNUM *P = BN_bin2bn(p, (int)gi->bytes, NULL), *X = BN_bin2bn(x, (int)xlen, NULL),
           *B = BN_bin2bn(b, (int)gi->bytes, NULL), *r = BN_new();
    if (!BN_mod_exp(r, B, X, P, bc) || BN_bn2binpad(r, out, (int)gi->bytes) < 0)
        die("BN_mod_exp");
    BN_free(P);
    BN_free(X);
    BN_free(B);
    BN_free(r);
    BN_CTX_free(bc);
}

/* ossl_pow2 - 2^x mod p (x of xlen bytes) with OpenSSL's BIGNUMs, as len(p) bytes. */
static void ossl_pow2(const group_info *gi, const uint8_t *p, const uint8_t *x, size_t xlen, uint8_t *out)
{
    uint8_t two[1024] = {0};
    two[gi->bytes - 1] = 2;
    ossl_pow(gi, p, two, x, xlen, out);
}

/* add_small - v (len bytes, big-endian) += d (d may be negative; no wrap in the tests' uses). */
static void add_small(uint8_t *v, size_t len, int d)
{
    int carry = d;
    for (size_t i = len; i-- > 0 && carry != 0;) {
        int s = v[i] + carry;
        v[i] = (uint8_t)(s & 0xff);
        carry = (s - (s & 0xff)) / 256;
    }
}

/* test_group - everything for one group. Each y^q check of 4096 bits and more costs a full-length exponentiation,
 * here and in OpenSSL (about a second each for 8192 bits in OpenSSL on a loaded machine, much more under the
 * sanitizers), so those groups ("big") run one agreement, ours(x1, y2) = OpenSSL(x2, y1), and skip what 2048 and
 * 3072 already cover: separate validation calls, y = 2, the in-range non-residue p - 2, OpenSSL's public and pairwise
 * checks (its derive validates our public key all the same), the second OpenSSL derive. */
static void test_group(const group_info *gi, tu_rng *rng)
{
    const size_t L = gi->bytes, X = gi->priv;
    const int big = L >= 512;
    uint8_t p[1024], op[1024], x[50], y[1024], y2[1024], z1[1024], z2[1024], oy[1024];
    CHECK(fips140_dh_size(gi->id) == L && fips140_dh_priv_size(gi->id) == X, "%s sizes", gi->name);
    CHECK(fips140_dh_security_strength(gi->id) == 4 * X, "%s strength = N/2", gi->name);

    /* The prime, byte for byte as OpenSSL's named group. */
    CHECK_OK(fips140_dh_prime(gi->id, p, L), "%s prime", gi->name);
    EVP_PKEY *theirs = ossl_keygen(gi);
    ossl_bn(gi, theirs, OSSL_PKEY_PARAM_FFC_P, op);
    CHECK_MEM(p, op, L, "%s p = OpenSSL's", gi->name);
    ossl_bn(gi, theirs, OSSL_PKEY_PARAM_FFC_G, op);
    static const uint8_t zeros[1024];
    CHECK(op[L - 1] == 2 && memcmp(op, zeros, L - 1) == 0, "%s g = 2", gi->name);
    EVP_PKEY_free(theirs);

    for (int it = 0; it < gi->rounds; it++) {
        CHECK_OK(fips140_dh_keygen(gi->id, x, X, y, L), "%s keygen", gi->name);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "keygen approved");
        int nz = 0;
        for (size_t i = 0; i < X; i++) nz |= x[i];
        CHECK(nz != 0, "%s private key non-zero", gi->name);
        if (!big) {
            CHECK_OK(fips140_dh_validate_public(gi->id, y, L), "%s validate own key", gi->name);
            CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "validate approved");
        }
        ossl_pow2(gi, p, x, X, oy);
        CHECK_MEM(y, oy, L, "%s keygen y = 2^x mod p (OpenSSL BN_mod_exp)", gi->name);
        EVP_PKEY *ours = ossl_key(gi, x, y);
        if (!big) /* for big groups, EVP_PKEY_derive_set_peer below checks our public key */
            CHECK(ossl_check(ours, 1), "%s our key pair passes EVP_PKEY_public_check and pairwise_check", gi->name);

        /* Agreement both ways with an OpenSSL key pair. */
        theirs = ossl_keygen(gi);
        ossl_bn(gi, theirs, OSSL_PKEY_PARAM_PUB_KEY, oy);
        if (!big)
            CHECK_OK(fips140_dh_validate_public(gi->id, oy, L), "%s validate OpenSSL's key", gi->name);
        CHECK_OK(fips140_ffdh(gi->id, x, X, oy, L, z1, L), "%s ffdh", gi->name);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "ffdh approved");
        ossl_derive(theirs, ours, z2, L);
        CHECK_MEM(z1, z2, L, "%s Z ours(x1, y2) = OpenSSL(x2, y1)", gi->name);
        if (!big) {
            ossl_derive(ours, theirs, z2, L);
            CHECK_MEM(z1, z2, L, "%s Z ours(x1, y2) = OpenSSL(x1, y2)", gi->name);
        }
        EVP_PKEY_free(ours);
        EVP_PKEY_free(theirs);

        /* public_from_private of a test-chosen x equals OpenSSL's 2^x mod p. */
        tu_fill(rng, x, X);
        if (it == 0) memset(x, 0xff, X); /* x = 2^N - 1, the largest private key */
        if (it == 1) { memset(x, 0, X); x[X - 1] = 1; } /* x = 1 */
        CHECK_OK(fips140_dh_public_from_private(gi->id, x, X, y2, L), "%s pub from priv", gi->name);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "pub from priv approved");
        ossl_pow2(gi, p, x, X, oy);
        CHECK_MEM(y2, oy, L, "%s 2^x mod p as OpenSSL (round %d)", gi->name, it);
    }

    /* Public keys out of range or of order not q; wrong lengths. p - 2 = -2 is a non-residue (p = 7 mod 8: -1 is
     * a non-residue and 2 a residue), so only the y^q check rejects it. */
    uint8_t bad[1025];
    memset(bad, 0, L);
    CHECK_ST(fips140_dh_validate_public(gi->id, bad, L), FIPS140_ERR_ARG, "%s y = 0", gi->name);
    bad[L - 1] = 1;
    CHECK_ST(fips140_dh_validate_public(gi->id, bad, L), FIPS140_ERR_ARG, "%s y = 1", gi->name);
    bad[L - 1] = 2;
    if (!big)
        CHECK_OK(fips140_dh_validate_public(gi->id, bad, L), "%s y = 2 (the generator)", gi->name);
    static const int offs[] = {0, -1, 1, -2};
    for (size_t k = 0; k < sizeof offs / sizeof offs[0] - (big ? 1 : 0); k++) {
        memcpy(bad, p, L);
        add_small(bad, L, offs[k]);
        CHECK_ST(fips140_dh_validate_public(gi->id, bad, L), FIPS140_ERR_ARG, "%s y = p%+d", gi->name, offs[k]);
        memset(z1, 0xa5, L);
        memcpy(z2, z1, L);
        CHECK_ST(fips140_ffdh(gi->id, x, X, bad, L, z1, L), FIPS140_ERR_ARG, "%s ffdh peer p%+d", gi->name, offs[k]);
        CHECK_MEM(z1, z2, L, "%s nothing written for peer p%+d", gi->name, offs[k]);
    }
    memset(bad, 0xff, L);
    CHECK_ST(fips140_dh_validate_public(gi->id, bad, L), FIPS140_ERR_ARG, "%s y = 2^bits - 1", gi->name);
    CHECK_ST(fips140_dh_validate_public(gi->id, y2, L - 1), FIPS140_ERR_ARG, "%s short key", gi->name);
    bad[0] = 0;
    memcpy(bad + 1, y2, L);
    CHECK_ST(fips140_dh_validate_public(gi->id, bad, L + 1), FIPS140_ERR_ARG, "%s key with a leading zero", gi->name);
    CHECK_ST(fips140_ffdh(gi->id, x, X, bad, L + 1, z1, L), FIPS140_ERR_ARG, "%s ffdh long peer key", gi->name);

    /* Private keys: lengths outside [N/8, len(p)] bytes, zero in every length; output lengths. Nothing written. */
    static const uint8_t zero[1025];
    uint8_t xl[1025];
    memset(xl, 0, L + 1);
    memcpy(xl + L + 1 - X, x, X); /* the valid x, one byte longer than len(p) */
    memset(z1, 0xa5, L);
    memcpy(z2, z1, L);
    CHECK_ST(fips140_ffdh(gi->id, zero, X, y2, L, z1, L), FIPS140_ERR_ARG, "%s x = 0", gi->name);
    CHECK_ST(fips140_ffdh(gi->id, zero, X + 1, y2, L, z1, L), FIPS140_ERR_ARG, "%s x = 0, N/8 + 1 bytes", gi->name);
    CHECK_ST(fips140_ffdh(gi->id, zero, L, y2, L, z1, L), FIPS140_ERR_ARG, "%s x = 0, len(p) bytes", gi->name);
    CHECK_ST(fips140_ffdh(gi->id, x + 1, X - 1, y2, L, z1, L), FIPS140_ERR_KEY_LENGTH, "%s short x", gi->name);
    CHECK_ST(fips140_ffdh(gi->id, xl, L + 1, y2, L, z1, L), FIPS140_ERR_KEY_LENGTH, "%s x over len(p)", gi->name);
    CHECK_ST(fips140_ffdh(gi->id, x, X, y2, L, z1, L - 1), FIPS140_ERR_OUTPUT_LENGTH, "%s short Z", gi->name);
    CHECK_MEM(z1, z2, L, "%s nothing written for bad private keys", gi->name);
    CHECK_ST(fips140_dh_public_from_private(gi->id, zero, X, z1, L), FIPS140_ERR_ARG, "%s pub of x = 0", gi->name);
    CHECK_ST(fips140_dh_public_from_private(gi->id, zero, L, z1, L), FIPS140_ERR_ARG, "%s pub of x = 0 (L)", gi->name);
    CHECK_ST(fips140_dh_public_from_private(gi->id, x + 1, X - 1, z1, L), FIPS140_ERR_KEY_LENGTH, "%s pub short x",
             gi->name);
    CHECK_ST(fips140_dh_public_from_private(gi->id, xl, L + 1, z1, L), FIPS140_ERR_KEY_LENGTH, "%s pub of long x",
             gi->name);
    CHECK_MEM(z1, z2, L, "%s nothing written by public_from_private", gi->name);
    CHECK_ST(fips140_dh_public_from_private(gi->id, x, X, z1, L + 1), FIPS140_ERR_OUTPUT_LENGTH, "pub length");
    CHECK_ST(fips140_dh_keygen(gi->id, x, X - 1, z1, L), FIPS140_ERR_OUTPUT_LENGTH, "%s keygen x length", gi->name);
    CHECK_ST(fips140_dh_keygen(gi->id, x, X, z1, L - 1), FIPS140_ERR_OUTPUT_LENGTH, "%s keygen y length", gi->name);
}

/* left_pad - v (vlen bytes, big-endian) as the len-byte encoding of the same integer into out (len >= vlen). */
static void left_pad(uint8_t *out, size_t len, const uint8_t *v, size_t vlen)
{
    memset(out, 0, len - vlen);
    memcpy(out + (len - vlen), v, vlen);
}

/* check_long_key - an OpenSSL key pair theirs (x of any length up to len(q)) used through our API in every
 * encoding length from the shortest that holds x (at least N/8) to len(p): the same public key as OpenSSL's, and the
 * same Z as OpenSSL's derive with the peer (ours: a module key pair peer_x/peer_y). */
static void check_long_key(const group_info *gi, EVP_PKEY *theirs, const uint8_t *peer_x, const uint8_t *peer_y,
                           EVP_PKEY *peer, const char *what)
{
    const size_t L = gi->bytes, X = gi->priv;
    uint8_t x[1024], xe[1024], oy[1024], y[1024], z1[1024], z2[1024], z3[1024];
    BIGNUM *bx = NULL;
    if (!EVP_PKEY_get_bn_param(theirs, OSSL_PKEY_PARAM_PRIV_KEY, &bx) || BN_bn2binpad(bx, x, (int)L) < 0)
        die("get priv");
    size_t xb = (size_t)BN_num_bytes(bx);
    BN_free(bx);
    ossl_bn(gi, theirs, OSSL_PKEY_PARAM_PUB_KEY, oy);
    ossl_derive(theirs, peer, z2, L);       /* OpenSSL: Z = y_peer^x */
    ossl_derive(peer, theirs, z3, L);       /* OpenSSL: Z = y^x_peer */
    CHECK_MEM(z2, z3, L, "%s %s: OpenSSL agrees with itself", gi->name, what);
    size_t lens[] = {xb > X ? xb : X, L};
    for (size_t i = 0; i < 2; i++) {
        size_t n = lens[i];
        left_pad(xe, n, x + (L - xb), xb);
        fips140_indicator_clear();
        CHECK_OK(fips140_dh_public_from_private(gi->id, xe, n, y, L), "%s %s pub (%zu-byte x)", gi->name, what, n);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "long-key pub approved");
        CHECK_MEM(y, oy, L, "%s %s: our y = OpenSSL's (%zu-byte x of a %zu-byte value)", gi->name, what, n, xb);
        fips140_indicator_clear();
        CHECK_OK(fips140_ffdh(gi->id, xe, n, peer_y, L, z1, L), "%s %s ffdh (%zu-byte x)", gi->name, what, n);
        CHECK(fips140_indicator_get() == FIPS140_INDICATOR_APPROVED, "long-key ffdh approved");
        CHECK_MEM(z1, z2, L, "%s %s: our Z(x, y_peer) = OpenSSL's (%zu-byte x)", gi->name, what, n);
    }
    /* and the other way: our module key with OpenSSL's public key */
    CHECK_OK(fips140_ffdh(gi->id, peer_x, X, oy, L, z1, L), "%s %s: ffdh with the long key's y", gi->name, what);
    CHECK_MEM(z1, z2, L, "%s %s: our Z(x_peer, y) = OpenSSL's", gi->name, what);
}

/* test_long_keys - private keys longer than N = 2s bits (SP 800-56A Rev. 3 §5.6.2.1.2: x in [1, q-1]) against
 * OpenSSL, and the edges of that range. */
static void test_long_keys(const group_info *gi, tu_rng *rng)
{
    const size_t L = gi->bytes, X = gi->priv;
    uint8_t p[1024], q[1024], x[1024], px[64], py[1024], y[1024], oy[1024], z1[1024], z2[1024];
    CHECK_OK(fips140_dh_prime(gi->id, p, L), "%s prime", gi->name);
    CHECK_OK(fips140_dh_keygen(gi->id, px, X, py, L), "%s keygen", gi->name);
    EVP_PKEY *peer = ossl_key(gi, px, py);

    /* OpenSSL's default private-key length for the group (225 bits for ffdhe2048...) and len(q) bits. */
    EVP_PKEY *theirs = ossl_keygen(gi);
    check_long_key(gi, theirs, px, py, peer, "OpenSSL default-length key");
    EVP_PKEY_free(theirs);
    theirs = ossl_keygen_len(gi, (int)(8 * L - 1));
    check_long_key(gi, theirs, px, py, peer, "len(q)-bit key");
    EVP_PKEY_free(theirs);

    /* q = (p-1)/2: the edges of [1, q-1] in len(p)-byte encodings. */
    uint8_t carry = 0;
    for (size_t i = 0; i < L; i++) {
        q[i] = (uint8_t)((p[i] >> 1) | (carry << 7));
        carry = p[i] & 1u;
    }
    memcpy(x, q, L);
    add_small(x, L, -1); /* x = q - 1: the largest valid key */
    CHECK_OK(fips140_dh_public_from_private(gi->id, x, L, y, L), "%s x = q-1 accepted", gi->name);
    ossl_pow2(gi, p, x, L, oy);
    CHECK_MEM(y, oy, L, "%s 2^(q-1) mod p as OpenSSL", gi->name);
    CHECK_OK(fips140_ffdh(gi->id, x, L, py, L, z1, L), "%s ffdh with x = q-1", gi->name);
    ossl_pow(gi, p, py, x, L, oy);
    CHECK_MEM(z1, oy, L, "%s y^(q-1) mod p as OpenSSL", gi->name);
    tu_fill(rng, x, L);
    x[0] &= 0x7f; /* below 2^(len(p)-1); q's top 63 bits are ones, so below q but for 2^-63 of the draws */
    CHECK_OK(fips140_ffdh(gi->id, x, L, py, L, z1, L), "%s ffdh with a random len(q)-bit x", gi->name);
    ossl_pow(gi, p, py, x, L, oy);
    CHECK_MEM(z1, oy, L, "%s y^x mod p as OpenSSL (random len(q)-bit x)", gi->name);

    static const int offs[] = {0, 1}; /* x = q, q + 1 */
    memset(z1, 0xa5, L);
    memcpy(z2, z1, L);
    for (size_t k = 0; k < 2; k++) {
        memcpy(x, q, L);
        add_small(x, L, offs[k]);
        CHECK_ST(fips140_ffdh(gi->id, x, L, py, L, z1, L), FIPS140_ERR_ARG, "%s ffdh x = q%+d", gi->name, offs[k]);
        CHECK_ST(fips140_dh_public_from_private(gi->id, x, L, z1, L), FIPS140_ERR_ARG, "%s pub x = q%+d", gi->name,
                 offs[k]);
    }
    memcpy(x, p, L);
    add_small(x, L, -1); /* p - 1 = 2q */
    CHECK_ST(fips140_ffdh(gi->id, x, L, py, L, z1, L), FIPS140_ERR_ARG, "%s ffdh x = p-1", gi->name);
    memset(x, 0xff, L);
    CHECK_ST(fips140_ffdh(gi->id, x, L, py, L, z1, L), FIPS140_ERR_ARG, "%s ffdh x = 2^bits-1", gi->name);
    CHECK_ST(fips140_dh_public_from_private(gi->id, x, L, z1, L), FIPS140_ERR_ARG, "%s pub x = 2^bits-1", gi->name);
    CHECK_MEM(z1, z2, L, "%s nothing written for x outside [1, q-1]", gi->name);
    EVP_PKEY_free(peer);
}

/* Validation against OpenSSL on residues r^2 (accepted) and their negatives -r^2 (non-residues, rejected), in the
 * 2048-bit groups (each y^q check is a full-length exponentiation). */
static void test_residues(const group_info *gi, tu_rng *rng)
{
    const size_t L = gi->bytes;
    uint8_t p[1024], r[1024], y[1024], n[1024];
    CHECK_OK(fips140_dh_prime(gi->id, p, L), "prime");
    BN_CTX *bc = BN_CTX_new();
    BIGNUM *P = BN_bin2bn(p, (int)L, NULL), *R = BN_new(), *Y = BN_new();
    for (int i = 0; i < 4; i++) {
        tu_fill(rng, r, L);
        r[0] &= 0x7f;
        BN_bin2bn(r, (int)L, R);
        if (!BN_mod_sqr(Y, R, P, bc) || BN_bn2binpad(Y, y, (int)L) < 0 || !BN_sub(Y, P, Y) ||
            BN_bn2binpad(Y, n, (int)L) < 0)
            die("BN_mod_sqr");
        EVP_PKEY *ky = ossl_key(gi, NULL, y), *kn = ossl_key(gi, NULL, n);
        CHECK(ossl_check(ky, 0) && !ossl_check(kn, 0), "%s OpenSSL: r^2 valid, -r^2 invalid", gi->name);
        CHECK_OK(fips140_dh_validate_public(gi->id, y, L), "%s residue r^2 accepted", gi->name);
        CHECK_ST(fips140_dh_validate_public(gi->id, n, L), FIPS140_ERR_ARG, "%s non-residue -r^2", gi->name);
        EVP_PKEY_free(ky);
        EVP_PKEY_free(kn);
    }
    BN_free(P);
    BN_free(R);
    BN_free(Y);
    BN_CTX_free(bc);
}

static void test_unknown_group(void)
{
    uint8_t x[64] = {1}, y[1024] = {0}, z[1024];
    y[255] = 4;
    static const int ids[] = {0, 11, -1, 1000};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        fips140_dh_group g = (fips140_dh_group)ids[i];
        CHECK(fips140_dh_size(g) == 0 && fips140_dh_priv_size(g) == 0 && fips140_dh_security_strength(g) == 0,
              "group %d sizes 0", ids[i]);
        CHECK_ST(fips140_dh_prime(g, z, 256), FIPS140_ERR_ARG, "prime of group %d", ids[i]);
        CHECK_ST(fips140_dh_keygen(g, x, 28, y, 256), FIPS140_ERR_ARG, "keygen group %d", ids[i]);
        CHECK_ST(fips140_dh_public_from_private(g, x, 28, z, 256), FIPS140_ERR_ARG, "pub group %d", ids[i]);
        CHECK_ST(fips140_dh_validate_public(g, y, 256), FIPS140_ERR_ARG, "validate group %d", ids[i]);
        CHECK_ST(fips140_ffdh(g, x, 28, y, 256, z, 256), FIPS140_ERR_ARG, "ffdh group %d", ids[i]);
    }
    CHECK_ST(fips140_ffdh(FIPS140_DH_FFDHE2048, NULL, 28, y, 256, z, 256), FIPS140_ERR_NULL, "NULL x");
    CHECK_ST(fips140_ffdh(FIPS140_DH_FFDHE2048, x, 28, NULL, 256, z, 256), FIPS140_ERR_NULL, "NULL y");
    CHECK_ST(fips140_ffdh(FIPS140_DH_FFDHE2048, x, 28, y, 256, NULL, 256), FIPS140_ERR_NULL, "NULL Z");
    CHECK_ST(fips140_dh_keygen(FIPS140_DH_FFDHE2048, NULL, 28, y, 256), FIPS140_ERR_NULL, "NULL keygen");
    CHECK_ST(fips140_dh_validate_public(FIPS140_DH_FFDHE2048, NULL, 256), FIPS140_ERR_NULL, "NULL validate");
    CHECK_ST(fips140_dh_prime(FIPS140_DH_FFDHE2048, z, 255), FIPS140_ERR_OUTPUT_LENGTH, "prime length");
}

/* FIPS140=only: every DH service is approved, so none is refused and each reports APPROVED. */
static int child_only(void)
{
    uint8_t x[28], y[256], z[256];
    int bad = 0;
    bad += fips140_dh_keygen(FIPS140_DH_FFDHE2048, x, sizeof x, y, sizeof y) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    fips140_indicator_clear();
    bad += fips140_ffdh(FIPS140_DH_FFDHE2048, x, sizeof x, y, sizeof y, z, sizeof z) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    fips140_indicator_clear();
    bad += fips140_dh_public_from_private(FIPS140_DH_MODP2048, x, sizeof x, y, sizeof y) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    fips140_indicator_clear();
    uint8_t xl[256] = {0}; /* a key longer than N = 2s bits, in a len(p)-byte encoding: approved too */
    xl[1] = 0x5a;
    xl[255] = 3;
    bad += fips140_ffdh(FIPS140_DH_MODP2048, xl, sizeof xl, y, sizeof y, z, sizeof z) != FIPS140_OK;
    bad += fips140_indicator_get() != FIPS140_INDICATOR_APPROVED;
    return bad;
}

int main(int argc, char **argv)
{
    TU_CHILD(argc, argv, "dh-only", child_only());
    tu_rng rng = {0xd1ff1e4e11ull};
    CHECK(fips140_cast_ffdh() == 0, "KAS-FFC-SSC CAST passes");
    test_unknown_group();
    for (size_t i = 0; i < NGROUPS; i++) test_group(&groups[i], &rng);
    test_long_keys(&groups[0], &rng); /* ffdhe2048 */
    test_long_keys(&groups[1], &rng); /* ffdhe3072: N = 256, a multiple of 64 */
    test_long_keys(&groups[5], &rng); /* modp_2048 */
    test_residues(&groups[0], &rng);
    test_residues(&groups[5], &rng);
    TU_CHECK_CHILD("only", "dh-only");
    return tu_done();
}
