/* cli/wycheproof_hkdf.c - Wycheproof HkdfTest (hkdf_test_schema) for HKDF (RFC 5869) over SHA-1 and SHA-2: each test
 * gives ikm, salt, info, size (bytes) and okm; the module's fips140_hkdf must produce okm, or refuse the request
 * (the "SizeTooLarge" tests ask for more than 255 * HashLen bytes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "wycheproof.h"

#define WP_HKDF_MAX_SIZE (1ll << 24) /* larger requests are treated as refused without calling the module */

/* wp_hkdf_hash - the hash of a Wycheproof HKDF algorithm name ("HKDF-SHA-256"...), 0 if none. */
int wp_hkdf_hash(const char *alg)
{
    static const struct {
        const char *name;
        fips140_hash_alg hash;
    } map[] = {
        {"HKDF-SHA-1", FIPS140_SHA1},     {"HKDF-SHA-224", FIPS140_SHA224}, {"HKDF-SHA-256", FIPS140_SHA256},
        {"HKDF-SHA-384", FIPS140_SHA384}, {"HKDF-SHA-512", FIPS140_SHA512},
    };
    for (size_t i = 0; alg && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(alg, map[i].name) == 0)
            return (int)map[i].hash;
    return 0;
}

/* wp_test_hkdf - one HkdfTest case. */
wp_outcome wp_test_hkdf(const char *alg, const json_value *group, const json_value *test, char *detail,
                        size_t detail_len)
{
    (void)group;
    fips140_hash_alg h = (fips140_hash_alg)wp_hkdf_hash(alg);
    size_t ikmlen, saltlen, infolen, okmlen;
    long long size;
    wp_outcome o = WP_BROKEN;
    uint8_t *ikm = NULL, *salt = NULL, *info = NULL, *okm = NULL, *out = NULL;

    if (h == 0) {
        snprintf(detail, detail_len, "unknown algorithm \"%s\"", alg);
        return WP_BROKEN;
    }
    if (!json_get_int(test, "size", &size) || size < 0) {
        snprintf(detail, detail_len, "missing or bad \"size\"");
        return WP_BROKEN;
    }
    if ((ikm = wp_hex_field(test, "ikm", &ikmlen, detail, detail_len)) == NULL ||
        (salt = wp_hex_field(test, "salt", &saltlen, detail, detail_len)) == NULL ||
        (info = wp_hex_field(test, "info", &infolen, detail, detail_len)) == NULL ||
        (okm = wp_hex_field(test, "okm", &okmlen, detail, detail_len)) == NULL)
        goto done;
    if (size > WP_HKDF_MAX_SIZE) {
        snprintf(detail, detail_len, "size %lld not attempted", size);
        o = WP_REJECTED;
        goto done;
    }
    out = malloc((size_t)size + 1);
    if (!out) {
        snprintf(detail, detail_len, "out of memory");
        goto done;
    }
    fips140_status st = fips140_hkdf(h, out, (size_t)size, ikm, ikmlen, salt, saltlen, info, infolen);
    if (st != FIPS140_OK) {
        snprintf(detail, detail_len, "HKDF refused: %s", fips140_status_string(st));
        o = WP_REJECTED;
    } else if ((size_t)size != okmlen || memcmp(out, okm, okmlen) != 0) {
        snprintf(detail, detail_len, "okm differs");
        o = WP_REJECTED;
    } else {
        o = WP_SUCCESS;
    }
done:
    free(ikm);
    free(salt);
    free(info);
    free(okm);
    free(out);
    return o;
}
