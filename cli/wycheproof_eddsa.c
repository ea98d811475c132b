/* cli/wycheproof_eddsa.c - Wycheproof EddsaVerify (eddsa_verify_schema_v1) for Ed25519 (RFC 8032 §5.1.7,
 * FIPS 186-5 §7.7.2): verifies each test's signature over its message under the group's publicKey.pk.
 * Success = the module accepts; valid tests must verify, invalid ones must be rejected. Groups on other curves
 * (edwards448) are reported as errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "wycheproof.h"

wp_outcome wp_test_eddsa_verify(const char *alg, const json_value *group, const json_value *test, char *detail,
                                size_t detail_len)
{
    (void)alg;
    const json_value *key = json_get(group, "publicKey");
    const char *curve = json_get_str(key, "curve");
    if (!curve || strcmp(curve, "edwards25519") != 0) {
        snprintf(detail, detail_len, "unsupported curve %s", curve ? curve : "(missing)");
        return WP_BROKEN;
    }
    size_t pklen = 0, msglen = 0, siglen = 0;
    wp_outcome o = WP_BROKEN;
    uint8_t *pk = wp_hex_field(key, "pk", &pklen, detail, detail_len);
    uint8_t *msg = pk ? wp_hex_field(test, "msg", &msglen, detail, detail_len) : NULL;
    uint8_t *sig = msg ? wp_hex_field(test, "sig", &siglen, detail, detail_len) : NULL;
    if (!sig)
        goto done;
    if (pklen != FIPS140_ED25519_PUBLIC_KEY_SIZE) {
        snprintf(detail, detail_len, "public key of %zu bytes", pklen);
        o = WP_REJECTED;
        goto done;
    }
    fips140_status rc = fips140_ed25519_verify(pk, msg, msglen, sig, siglen);
    if (rc == FIPS140_OK) {
        o = WP_SUCCESS;
    } else if (rc == FIPS140_ERR_AUTH) {
        o = WP_REJECTED;
        snprintf(detail, detail_len, "signature rejected");
    } else {
        snprintf(detail, detail_len, "verify failed: %s", fips140_status_string(rc));
    }
done:
    free(pk), free(msg), free(sig);
    return o;
}
