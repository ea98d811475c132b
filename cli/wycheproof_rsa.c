/* cli/wycheproof_rsa.c - Wycheproof RSA: signature verification with RSASSA-PKCS1-v1_5 (rsassa_pkcs1_verify_schema_v1,
 * RFC 8017 §8.2.2) and RSASSA-PSS (rsassa_pss_verify_schema_v1, RFC 8017 §8.1.2 / FIPS 186-5 §5.4), and RSAES-OAEP
 * decryption (rsaes_oaep_decrypt_schema_v1, RFC 8017 §7.1.2 / SP 800-56B Rev. 2 §7.2.2.4).
 *
 * Keys are loaded from their raw components: the group's "publicKey" / "privateKey" object (modulus,
 * publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient) or, in older files, the
 * group's "n" / "e" / "d" hex strings; the DER and PEM forms are not parsed. Messages are hashed here with the
 * group's "sha" (SHAKE128 / SHAKE256: 32 / 64 bytes of output, FIPS 186-5 §5.4) and the module gets the digest.
 * Keys the module does not accept (moduli below 1024 bits, e = 1 or even...) and hashes it does not implement are a
 * clean rejection, never a crash; 1024..2047-bit moduli and SHA-1 verify as non-approved legacy use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "fips140/rsa.h"
#include "wycheproof.h"

/* rsa_hash - the hash named by a Wycheproof "sha" / "mgfSha" / "mgf" field, 0 if unknown. */
static int rsa_hash(const char *name)
{
    static const struct {
        const char *name;
        fips140_hash_alg hash;
    } map[] = {
        {"SHA-1", FIPS140_SHA1},         {"SHA-224", FIPS140_SHA224},         {"SHA-256", FIPS140_SHA256},
        {"SHA-384", FIPS140_SHA384},     {"SHA-512", FIPS140_SHA512},         {"SHA-512/224", FIPS140_SHA512_224},
        {"SHA-512/256", FIPS140_SHA512_256}, {"SHA3-224", FIPS140_SHA3_224},  {"SHA3-256", FIPS140_SHA3_256},
        {"SHA3-384", FIPS140_SHA3_384},  {"SHA3-512", FIPS140_SHA3_512},      {"SHAKE128", FIPS140_SHAKE128},
        {"SHAKE256", FIPS140_SHAKE256},
    };
    for (size_t i = 0; name && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(name, map[i].name) == 0)
            return (int)map[i].hash;
    return 0;
}

/* rsa_hlen - digest length used by RSA for hash (SHAKE128 / SHAKE256: 32 / 64 bytes, FIPS 186-5 §5.4). */
static size_t rsa_hlen(fips140_hash_alg hash)
{
    if (hash == FIPS140_SHAKE128) return 32;
    if (hash == FIPS140_SHAKE256) return 64;
    return fips140_hash_digest_size(hash);
}

/* digest_msg - hash the test's "msg" with hash into dg (rsa_hlen bytes). 0 on success, else detail says why. */
static int digest_msg(const json_value *test, fips140_hash_alg hash, uint8_t *dg, char *detail, size_t detail_len)
{
    size_t mlen = 0;
    uint8_t *msg = wp_hex_field(test, "msg", &mlen, detail, detail_len);
    if (!msg)
        return -1;
    fips140_status st = fips140_hash(hash, dg, rsa_hlen(hash), msg, mlen);
    free(msg);
    if (st != FIPS140_OK) {
        snprintf(detail, detail_len, "hashing the message failed: %s", fips140_status_string(st));
        return -1;
    }
    return 0;
}

/* key_part - hex component `key` of the group's key object obj (or, when obj is NULL, of the group itself under
 * the old name `old`). */
static uint8_t *key_part(const json_value *group, const json_value *obj, const char *key, const char *old,
                         size_t *len, char *detail, size_t detail_len)
{
    return obj ? wp_hex_field(obj, key, len, detail, detail_len) : wp_hex_field(group, old, len, detail, detail_len);
}

/* load_public - the group's public key into a new key object; NULL with detail and *o set on failure (WP_REJECTED
 * when the module refuses the key, WP_BROKEN when the file lacks it). */
static fips140_rsa_key *load_public(const json_value *group, wp_outcome *o, char *detail, size_t detail_len)
{
    const json_value *pk = json_get(group, "publicKey");
    if (pk && json_typeof(pk) != JSON_OBJECT)
        pk = NULL; /* some files hold a DER string under another name; use "n" / "e" then */
    size_t nlen = 0, elen = 0;
    uint8_t *n = key_part(group, pk, "modulus", "n", &nlen, detail, detail_len);
    uint8_t *e = n ? key_part(group, pk, "publicExponent", "e", &elen, detail, detail_len) : NULL;
    fips140_rsa_key *key = NULL;
    *o = WP_BROKEN;
    if (e) {
        fips140_status st = fips140_rsa_key_new(&key);
        if (st == FIPS140_OK)
            st = fips140_rsa_key_set_public(key, n, nlen, e, elen);
        if (st != FIPS140_OK) {
            *o = key ? WP_REJECTED : WP_BROKEN;
            snprintf(detail, detail_len, "public key refused: %s", fips140_status_string(st));
            fips140_rsa_key_free(key);
            key = NULL;
        }
    }
    free(n);
    free(e);
    return key;
}

/* verify_case - common part of the two signature schemes: load the key, hash the message, run verify. */
static wp_outcome verify_case(const json_value *group, const json_value *test, int pss, char *detail,
                              size_t detail_len)
{
    const char *sha = json_get_str(group, "sha");
    int hash = rsa_hash(sha);
    int mgf = 0;
    long long slen = 0;
    if (!hash) {
        snprintf(detail, detail_len, "unsupported hash \"%s\"", sha ? sha : "?");
        return WP_BROKEN;
    }
    if (pss) {
        const char *m = json_get_str(group, "mgf");
        if (m && strcmp(m, "MGF1") == 0) {
            mgf = rsa_hash(json_get_str(group, "mgfSha"));
            if (mgf && fips140_hash_is_xof((fips140_hash_alg)mgf)) /* MGF1 over SHAKE, not the XOF as the mask */
                mgf = (int)FIPS140_RSA_MGF1((fips140_hash_alg)mgf);
        } else if (m && (strcmp(m, "SHAKE128") == 0 || strcmp(m, "SHAKE256") == 0))
            mgf = rsa_hash(m);
        if (!mgf || !json_get_int(group, "sLen", &slen) || slen < 0 || slen > 1024) {
            snprintf(detail, detail_len, "unsupported or missing mgf / mgfSha / sLen");
            return WP_BROKEN;
        }
    }
    wp_outcome o;
    fips140_rsa_key *key = load_public(group, &o, detail, detail_len);
    if (!key)
        return o;
    uint8_t dg[FIPS140_HASH_MAX_DIGEST];
    size_t siglen = 0;
    uint8_t *sig = NULL;
    o = WP_BROKEN;
    if (digest_msg(test, (fips140_hash_alg)hash, dg, detail, detail_len) == 0 &&
        (sig = wp_hex_field(test, "sig", &siglen, detail, detail_len)) != NULL) {
        size_t dlen = rsa_hlen((fips140_hash_alg)hash);
        fips140_status st =
            pss ? fips140_rsa_verify_pss(key, (fips140_hash_alg)hash, (fips140_hash_alg)mgf, (size_t)slen, dg, dlen,
                                         sig, siglen)
                : fips140_rsa_verify_pkcs1v15(key, (fips140_hash_alg)hash, dg, dlen, sig, siglen);
        o = st == FIPS140_OK ? WP_SUCCESS : WP_REJECTED;
        if (st != FIPS140_OK)
            snprintf(detail, detail_len, "%s", fips140_status_string(st));
    }
    free(sig);
    fips140_rsa_key_free(key);
    return o;
}

/* wp_test_rsa_pkcs1_verify - one RsassaPkcs1Verify case: SUCCESS when the module accepts the signature. */
wp_outcome wp_test_rsa_pkcs1_verify(const char *alg, const json_value *group, const json_value *test, char *detail,
                                    size_t detail_len)
{
    (void)alg;
    return verify_case(group, test, 0, detail, detail_len);
}

/* wp_test_rsa_pss_verify - one RsassaPssVerify case (the group's sLen is the expected salt length). */
wp_outcome wp_test_rsa_pss_verify(const char *alg, const json_value *group, const json_value *test, char *detail,
                                  size_t detail_len)
{
    (void)alg;
    return verify_case(group, test, 1, detail, detail_len);
}

/* PRIV_PARTS - the private key components in fips140_rsa_key_set_private order: key object name, old group name
 * (NULL: absent from old files). n, e, d, p, q are required; the CRT values are optional. */
static const struct {
    const char *name, *old;
    int required;
} PRIV_PARTS[] = {
    {"modulus", "n", 1},     {"publicExponent", "e", 1}, {"privateExponent", "d", 1}, {"prime1", NULL, 1},
    {"prime2", NULL, 1},     {"exponent1", NULL, 0},     {"exponent2", NULL, 0},       {"coefficient", NULL, 0},
};
#define NPRIV (sizeof PRIV_PARTS / sizeof PRIV_PARTS[0])

/* load_private - the group's private key; NULL with detail and *o set on failure. */
static fips140_rsa_key *load_private(const json_value *group, wp_outcome *o, char *detail, size_t detail_len)
{
    const json_value *sk = json_get(group, "privateKey");
    uint8_t *part[NPRIV] = {NULL};
    size_t len[NPRIV] = {0};
    fips140_rsa_key *key = NULL;
    size_t i;
    if (sk && json_typeof(sk) != JSON_OBJECT)
        sk = NULL;
    *o = WP_BROKEN;
    for (i = 0; i < NPRIV; i++) {
        const char *name = sk ? PRIV_PARTS[i].name : PRIV_PARTS[i].old;
        if (!name || !json_get_str(sk ? sk : group, name)) {
            if (!PRIV_PARTS[i].required)
                continue;
            snprintf(detail, detail_len, "private key lacks %s (only raw components are used)", PRIV_PARTS[i].name);
            goto done;
        }
        part[i] = wp_hex_field(sk ? sk : group, name, &len[i], detail, detail_len);
        if (!part[i])
            goto done;
    }
    fips140_status st = fips140_rsa_key_new(&key);
    if (st == FIPS140_OK)
        st = fips140_rsa_key_set_private(key, part[0], len[0], part[1], len[1], part[2], len[2], part[3], len[3],
                                         part[4], len[4], part[5], len[5], part[6], len[6], part[7], len[7]);
    if (st != FIPS140_OK) {
        *o = key ? WP_REJECTED : WP_BROKEN;
        snprintf(detail, detail_len, "private key refused: %s", fips140_status_string(st));
        fips140_rsa_key_free(key);
        key = NULL;
    }
done:
    for (i = 0; i < NPRIV; i++) {
        if (part[i])
            fips140_wipe(part[i], len[i]);
        free(part[i]);
    }
    return key;
}

/* wp_test_rsa_oaep_decrypt - one RsaesOaepDecrypt case: SUCCESS when the module decrypts "ct" with the group's
 * hash, MGF1 hash and the test's "label" to exactly "msg". */
wp_outcome wp_test_rsa_oaep_decrypt(const char *alg, const json_value *group, const json_value *test, char *detail,
                                    size_t detail_len)
{
    (void)alg;
    int hash = rsa_hash(json_get_str(group, "sha"));
    const char *mgf = json_get_str(group, "mgf");
    int mgf1 = rsa_hash(json_get_str(group, "mgfSha"));
    if (!hash || !mgf || strcmp(mgf, "MGF1") != 0 || !mgf1 || fips140_hash_is_xof((fips140_hash_alg)hash) ||
        fips140_hash_is_xof((fips140_hash_alg)mgf1)) {
        snprintf(detail, detail_len, "unsupported sha / mgf / mgfSha");
        return WP_BROKEN;
    }
    wp_outcome o;
    fips140_rsa_key *key = load_private(group, &o, detail, detail_len);
    if (!key)
        return o;
    size_t mlen = 0, ctlen = 0, lablen = 0, outlen = 0;
    uint8_t *want = wp_hex_field(test, "msg", &mlen, detail, detail_len);
    uint8_t *ct = want ? wp_hex_field(test, "ct", &ctlen, detail, detail_len) : NULL;
    uint8_t *label = ct ? wp_hex_field(test, "label", &lablen, detail, detail_len) : NULL;
    size_t cap = fips140_rsa_size(key);
    uint8_t *out = label ? malloc(cap ? cap : 1) : NULL;
    o = WP_BROKEN;
    if (label && !out) {
        snprintf(detail, detail_len, "out of memory");
    } else if (out) {
        fips140_status st = fips140_rsa_decrypt_oaep(key, (fips140_hash_alg)hash, (fips140_hash_alg)mgf1, label,
                                                     lablen, ct, ctlen, out, cap, &outlen);
        if (st != FIPS140_OK) {
            o = WP_REJECTED;
            snprintf(detail, detail_len, "%s", fips140_status_string(st));
        } else if (outlen != mlen || memcmp(out, want, mlen) != 0) {
            o = WP_REJECTED;
            snprintf(detail, detail_len, "decrypted message differs");
        } else {
            o = WP_SUCCESS;
        }
        fips140_wipe(out, cap);
    }
    free(out);
    free(label);
    free(ct);
    free(want);
    fips140_rsa_key_free(key);
    return o;
}
