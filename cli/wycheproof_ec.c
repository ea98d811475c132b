/* cli/wycheproof_ec.c - Wycheproof ECDSA verification with IEEE P1363 signatures r || s
 * (ecdsa_p1363_verify_schema_v1, FIPS 186-5 §6.4.2) and ECDH with uncompressed-point public keys
 * (ecdh_ecpoint_test_schema_v1, SP 800-56A Rev. 3 §5.7.1.2 with §5.6.2.3.3 validation), over P-256 and P-384.
 * Also the DER forms: ecdsa_verify_schema_v1 (signatures as DER SEQUENCE { INTEGER r, INTEGER s }, X9.62 / RFC 3279
 * §2.2.3) and ecdh_test_schema_v1 (peer keys as SubjectPublicKeyInfo, RFC 5480 §2), decoded strictly (DER only:
 * definite minimal lengths, minimal positive integers, no trailing data), so BER variants are rejected.
 * Messages are hashed here with the group's "sha"; the module is given the digest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "wycheproof.h"

/* wp_ec_curve - the module curve of a Wycheproof/SEC 2 curve name, 0 if unsupported. */
static int wp_ec_curve(const char *name)
{
    if (name == NULL) return 0;
    if (strcmp(name, "secp256r1") == 0 || strcmp(name, "P-256") == 0) return FIPS140_EC_P256;
    if (strcmp(name, "secp384r1") == 0 || strcmp(name, "P-384") == 0) return FIPS140_EC_P384;
    return 0;
}

/* wp_sha - the hash named by a group's "sha" field ("SHA-256", "SHA3-256", "SHA-512/256"), 0 if unknown. */
static int wp_sha(const char *name)
{
    static const struct {
        const char *name;
        fips140_hash_alg hash;
    } map[] = {
        {"SHA-1", FIPS140_SHA1},         {"SHA-224", FIPS140_SHA224},         {"SHA-256", FIPS140_SHA256},
        {"SHA-384", FIPS140_SHA384},     {"SHA-512", FIPS140_SHA512},         {"SHA-512/224", FIPS140_SHA512_224},
        {"SHA-512/256", FIPS140_SHA512_256}, {"SHA3-224", FIPS140_SHA3_224},  {"SHA3-256", FIPS140_SHA3_256},
        {"SHA3-384", FIPS140_SHA3_384},  {"SHA3-512", FIPS140_SHA3_512},
    };
    for (size_t i = 0; name && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(name, map[i].name) == 0)
            return (int)map[i].hash;
    return 0;
}

/* wp_test_ecdsa_p1363 - one EcdsaP1363Verify case: SUCCESS when the module accepts the signature. */
wp_outcome wp_test_ecdsa_p1363(const char *alg, const json_value *group, const json_value *test, char *detail,
                               size_t detail_len)
{
    (void)alg;
    const json_value *pk = json_get(group, "publicKey");
    int curve = wp_ec_curve(json_get_str(pk, "curve"));
    int hash = wp_sha(json_get_str(group, "sha"));
    if (!curve || !hash) {
        snprintf(detail, detail_len, "unsupported curve or hash");
        return WP_BROKEN;
    }
    size_t qlen = 0, mlen = 0, slen = 0;
    uint8_t *q = wp_hex_field(pk, "uncompressed", &qlen, detail, detail_len);
    uint8_t *msg = q ? wp_hex_field(test, "msg", &mlen, detail, detail_len) : NULL;
    uint8_t *sig = msg ? wp_hex_field(test, "sig", &slen, detail, detail_len) : NULL;
    wp_outcome o = WP_BROKEN;
    if (sig) {
        uint8_t dg[FIPS140_HASH_MAX_DIGEST];
        size_t dlen = fips140_hash_digest_size((fips140_hash_alg)hash);
        if (fips140_hash((fips140_hash_alg)hash, dg, dlen, msg, mlen) != FIPS140_OK) {
            snprintf(detail, detail_len, "hash failed");
        } else {
            fips140_status st = fips140_ecdsa_verify((fips140_ec_curve)curve, q, qlen, dg, dlen, sig, slen);
            o = st == FIPS140_OK ? WP_SUCCESS : WP_REJECTED;
            if (st != FIPS140_OK)
                snprintf(detail, detail_len, "%s", fips140_status_string(st));
        }
    }
    free(q);
    free(msg);
    free(sig);
    return o;
}

/* der_tl - read the tag and definite, minimal DER length of the element at *p (end = limit). Returns the
 * content length and advances *p to the content, or -1. */
static long der_tl(const uint8_t **p, const uint8_t *end, uint8_t tag)
{
    const uint8_t *q = *p;
    if (end - q < 2 || q[0] != tag)
        return -1;
    size_t len = q[1];
    q += 2;
    if (len & 0x80) {
        size_t nb = len & 0x7f;
        if (nb == 0 || nb > 2 || (size_t)(end - q) < nb || q[0] == 0)
            return -1;
        len = 0;
        for (size_t i = 0; i < nb; i++) len = (len << 8) | *q++;
        if (len < 0x80)
            return -1; /* not minimal */
    }
    if ((size_t)(end - q) < len)
        return -1;
    *p = q;
    return (long)len;
}

/* der_uint - a DER INTEGER that must be non-negative and minimally encoded, written as a big-endian number of
 * exactly L bytes; -1 when malformed, negative or longer than L bytes. */
static int der_uint(const uint8_t **p, const uint8_t *end, uint8_t *out, size_t L)
{
    long n = der_tl(p, end, 0x02);
    if (n <= 0)
        return -1;
    const uint8_t *v = *p;
    *p += n;
    if (v[0] & 0x80)
        return -1; /* negative */
    if (n > 1 && v[0] == 0 && !(v[1] & 0x80))
        return -1; /* non-minimal */
    if (v[0] == 0) {
        v++;
        n--;
    }
    if ((size_t)n > L)
        return -1;
    memset(out, 0, L);
    memcpy(out + L - (size_t)n, v, (size_t)n);
    return 0;
}

/* der_sig - DER ECDSA-Sig-Value to r || s (2·L bytes); -1 if not strict DER. */
static int der_sig(const uint8_t *der, size_t len, uint8_t *rs, size_t L)
{
    const uint8_t *p = der, *end = der + len;
    long n = der_tl(&p, end, 0x30);
    if (n < 0 || p + n != end)
        return -1;
    if (der_uint(&p, end, rs, L) != 0 || der_uint(&p, end, rs + L, L) != 0 || p != end)
        return -1;
    return 0;
}

/* wp_test_ecdsa_der - one EcdsaVerify case (DER signature). */
wp_outcome wp_test_ecdsa_der(const char *alg, const json_value *group, const json_value *test, char *detail,
                             size_t detail_len)
{
    (void)alg;
    const json_value *pk = json_get(group, "publicKey");
    int curve = wp_ec_curve(json_get_str(pk, "curve"));
    int hash = wp_sha(json_get_str(group, "sha"));
    if (!curve || !hash) {
        snprintf(detail, detail_len, "unsupported curve or hash");
        return WP_BROKEN;
    }
    size_t L = fips140_ec_scalar_size((fips140_ec_curve)curve);
    size_t qlen = 0, mlen = 0, slen = 0;
    uint8_t *q = wp_hex_field(pk, "uncompressed", &qlen, detail, detail_len);
    uint8_t *msg = q ? wp_hex_field(test, "msg", &mlen, detail, detail_len) : NULL;
    uint8_t *sig = msg ? wp_hex_field(test, "sig", &slen, detail, detail_len) : NULL;
    wp_outcome o = WP_BROKEN;
    if (sig) {
        uint8_t dg[FIPS140_HASH_MAX_DIGEST], rs[2 * FIPS140_EC_MAX_SCALAR];
        size_t dlen = fips140_hash_digest_size((fips140_hash_alg)hash);
        if (der_sig(sig, slen, rs, L) != 0) {
            o = WP_REJECTED;
            snprintf(detail, detail_len, "not a DER signature");
        } else if (fips140_hash((fips140_hash_alg)hash, dg, dlen, msg, mlen) != FIPS140_OK) {
            snprintf(detail, detail_len, "hash failed");
        } else {
            fips140_status st = fips140_ecdsa_verify((fips140_ec_curve)curve, q, qlen, dg, dlen, rs, 2 * L);
            o = st == FIPS140_OK ? WP_SUCCESS : WP_REJECTED;
            if (st != FIPS140_OK)
                snprintf(detail, detail_len, "%s", fips140_status_string(st));
        }
    }
    free(q);
    free(msg);
    free(sig);
    return o;
}

/* der_spki_point - the EC point inside a SubjectPublicKeyInfo with algorithm id-ecPublicKey and the named curve
 * (RFC 5480 §2.1.1: 1.2.840.10045.2.1 and prime256v1 1.2.840.10045.3.1.7 or secp384r1 1.3.132.0.34). Sets
 * *pt / *ptlen to the BIT STRING's content after its unused-bits byte; -1 otherwise (explicit parameters
 * included). */
static int der_spki_point(const uint8_t *der, size_t len, int curve, const uint8_t **pt, size_t *ptlen)
{
    static const uint8_t id_ec[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
    static const uint8_t p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    static const uint8_t p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
    const uint8_t *want = curve == FIPS140_EC_P256 ? p256 : p384;
    size_t wlen = curve == FIPS140_EC_P256 ? sizeof p256 : sizeof p384;
    const uint8_t *p = der, *end = der + len;
    long n = der_tl(&p, end, 0x30);
    if (n < 0 || p + n != end)
        return -1;
    const uint8_t *alg = p;
    long an = der_tl(&alg, end, 0x30);
    if (an < 0)
        return -1;
    const uint8_t *aend = alg + an, *o = alg;
    long on = der_tl(&o, aend, 0x06);
    if (on != (long)sizeof id_ec || memcmp(o, id_ec, sizeof id_ec) != 0)
        return -1;
    o += on;
    on = der_tl(&o, aend, 0x06);
    if (on != (long)wlen || memcmp(o, want, wlen) != 0 || o + on != aend)
        return -1;
    p = aend;
    long bn = der_tl(&p, end, 0x03);
    if (bn < 1 || p + bn != end || p[0] != 0)
        return -1;
    *pt = p + 1;
    *ptlen = (size_t)bn - 1;
    return 0;
}

/* ecdh_case - one Wycheproof ECDH case: SUCCESS when the module accepts the peer key and computes exactly the
 * test's shared secret. The peer key is an uncompressed point (EcdhEcpointTest) or, with der, a DER
 * SubjectPublicKeyInfo (EcdhTest). Private keys are big-endian integers, possibly with leading zero bytes or
 * shorter than the field: normalised to the scalar size. */
static wp_outcome ecdh_case(const json_value *group, const json_value *test, int der, char *detail, size_t detail_len)
{
    int curve = wp_ec_curve(json_get_str(group, "curve"));
    if (!curve) {
        snprintf(detail, detail_len, "unsupported curve");
        return WP_BROKEN;
    }
    size_t L = fips140_ec_scalar_size((fips140_ec_curve)curve);
    size_t qlen = 0, dlen = 0, zlen = 0, ptlen = 0;
    const uint8_t *pt = NULL;
    uint8_t *q = wp_hex_field(test, "public", &qlen, detail, detail_len);
    uint8_t *d = q ? wp_hex_field(test, "private", &dlen, detail, detail_len) : NULL;
    uint8_t *want = d ? wp_hex_field(test, "shared", &zlen, detail, detail_len) : NULL;
    wp_outcome o = WP_BROKEN;
    if (want) {
        uint8_t dn[FIPS140_EC_MAX_SCALAR] = {0}, z[FIPS140_EC_MAX_SCALAR];
        size_t off = 0;
        while (off < dlen && d[off] == 0) off++;
        if (!der) {
            pt = q;
            ptlen = qlen;
        }
        if (dlen - off > L) {
            snprintf(detail, detail_len, "private key longer than the curve order");
        } else if (der && der_spki_point(q, qlen, curve, &pt, &ptlen) != 0) {
            o = WP_REJECTED;
            snprintf(detail, detail_len, "public key is not a named-curve SubjectPublicKeyInfo");
        } else {
            memcpy(dn + L - (dlen - off), d + off, dlen - off);
            fips140_status st = fips140_ecdh((fips140_ec_curve)curve, dn, L, pt, ptlen, z, L);
            if (st != FIPS140_OK) {
                o = WP_REJECTED;
                snprintf(detail, detail_len, "%s", fips140_status_string(st));
            } else if (zlen != L || memcmp(z, want, L) != 0) {
                o = WP_REJECTED;
                snprintf(detail, detail_len, "shared secret differs");
            } else {
                o = WP_SUCCESS;
            }
        }
    }
    free(q);
    free(d);
    free(want);
    return o;
}

/* wp_test_ecdh_ecpoint - one EcdhEcpointTest case (uncompressed point). */
wp_outcome wp_test_ecdh_ecpoint(const char *alg, const json_value *group, const json_value *test, char *detail,
                                size_t detail_len)
{
    (void)alg;
    return ecdh_case(group, test, 0, detail, detail_len);
}

/* wp_test_ecdh_der - one EcdhTest case: the peer key is a DER SubjectPublicKeyInfo. */
wp_outcome wp_test_ecdh_der(const char *alg, const json_value *group, const json_value *test, char *detail,
                            size_t detail_len)
{
    (void)alg;
    return ecdh_case(group, test, 1, detail, detail_len);
}
