/* cli/wycheproof_mac.c - Wycheproof MacTest (mac_test_schema_v1) for HMAC (FIPS 198-1): computes the MAC
 * truncated to the group's tagSize (SP 800-107r1 §5.3.3) and verifies the test's tag with the module's
 * constant-time fips140_hmac_verify_final; both must agree. Keys of any length are used as given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "wycheproof.h"

/* wp_hmac_hash - see wycheproof.h. Wycheproof spells the names "HMACSHA256", "HMACSHA512/224", "HMACSHA3-256". */
int wp_hmac_hash(const char *alg)
{
    static const struct {
        const char *name;
        fips140_hash_alg hash;
    } map[] = {
        {"HMACSHA1", FIPS140_SHA1},           {"HMACSHA224", FIPS140_SHA224},
        {"HMACSHA256", FIPS140_SHA256},       {"HMACSHA384", FIPS140_SHA384},
        {"HMACSHA512", FIPS140_SHA512},       {"HMACSHA512/224", FIPS140_SHA512_224},
        {"HMACSHA512/256", FIPS140_SHA512_256}, {"HMACSHA3-224", FIPS140_SHA3_224},
        {"HMACSHA3-256", FIPS140_SHA3_256},   {"HMACSHA3-384", FIPS140_SHA3_384},
        {"HMACSHA3-512", FIPS140_SHA3_512},
    };
    for (size_t i = 0; alg && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(alg, map[i].name) == 0)
            return (int)map[i].hash;
    return 0;
}

/* compute_mac - HMAC(key, msg) truncated to outlen into out. */
static fips140_status compute_mac(fips140_hash_alg h, uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                                  const uint8_t *msg, size_t msglen)
{
    fips140_hmac_ctx ctx;
    fips140_status rc = fips140_hmac_init(&ctx, h, key, keylen);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_update(&ctx, msg, msglen);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_final(&ctx, out, outlen);
    fips140_hmac_wipe(&ctx);
    return rc;
}

/* verify_mac - 1 when the module accepts tag (taglen bytes) for msg under key, 0 otherwise. */
static int verify_mac(fips140_hash_alg h, const uint8_t *key, size_t keylen, const uint8_t *msg, size_t msglen,
                      const uint8_t *tag, size_t taglen)
{
    fips140_hmac_ctx ctx;
    fips140_status rc = fips140_hmac_init(&ctx, h, key, keylen);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_update(&ctx, msg, msglen);
    if (rc == FIPS140_OK)
        rc = fips140_hmac_verify_final(&ctx, tag, taglen);
    fips140_hmac_wipe(&ctx);
    return rc == FIPS140_OK;
}

/* wp_test_hmac - one MacTest case. */
wp_outcome wp_test_hmac(const char *alg, const json_value *group, const json_value *test, char *detail,
                        size_t detail_len)
{
    fips140_hash_alg h = (fips140_hash_alg)wp_hmac_hash(alg);
    size_t tsz = 0, keylen = 0, msglen = 0, taglen = 0;
    if (!h || !wp_bits_field(group, "tagSize", &tsz)) {
        snprintf(detail, detail_len, "missing or bad tagSize (bits, a multiple of 8)");
        return WP_BROKEN;
    }
    wp_outcome o = WP_BROKEN;
    uint8_t *key = wp_hex_field(test, "key", &keylen, detail, detail_len);
    uint8_t *msg = key ? wp_hex_field(test, "msg", &msglen, detail, detail_len) : NULL;
    uint8_t *tag = msg ? wp_hex_field(test, "tag", &taglen, detail, detail_len) : NULL;
    uint8_t mac[FIPS140_HASH_MAX_DIGEST];
    if (!tag)
        goto done;
    if (tsz > sizeof mac) {
        snprintf(detail, detail_len, "tagSize %zu bits is longer than any digest", tsz * 8);
        o = WP_REJECTED;
        goto done;
    }
    fips140_status rc = compute_mac(h, mac, tsz, key, keylen, msg, msglen);
    int computed_match = rc == FIPS140_OK && taglen == tsz && memcmp(mac, tag, tsz) == 0;
    /* a verifier set up for tsz-byte tags rejects any other length without asking the module */
    int verified = taglen == tsz && verify_mac(h, key, keylen, msg, msglen, tag, taglen);
    if (computed_match && verified) {
        o = WP_SUCCESS;
    } else if (!computed_match && !verified) {
        o = WP_REJECTED;
        if (rc != FIPS140_OK)
            snprintf(detail, detail_len, "MAC computation failed: %s", fips140_status_string(rc));
        else
            snprintf(detail, detail_len, "computed MAC differs and the tag does not verify");
    } else {
        snprintf(detail, detail_len, "MAC computation %s the tag but verification %s it",
                 computed_match ? "matches" : "does not match", verified ? "accepts" : "rejects");
    }
done:
    free(key), free(msg), free(tag);
    return o;
}
