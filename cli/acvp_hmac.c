/* cli/acvp_hmac.c - ACVP handler for HMAC-SHA-1, HMAC-SHA2-* and HMAC-SHA3-* (ACVP HMAC spec,
 * usnistgov/ACVP src/hmac): AFT only. keyLen, msgLen and macLen are in bits; revision 1.0 gives them per
 * test group, 2.0 per test case (both are read test first, then group). The MAC is the leftmost macLen bits
 * of HMAC(key, msg) (FIPS 198-1 §5, SP 800-107r1 §5.3.3). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/hmac.h"

/* hmac_match - "HMAC-" followed by a fixed-length hash's ACVP name; revisions 1.0 and 2.0. */
static int hmac_match(acvp_set *set)
{
    int a;
    if (set->mode && *set->mode) return 0;
    if (strncmp(set->algorithm, "HMAC-", 5) != 0) return 0;
    if (strcmp(set->revision, "1.0") != 0 && strcmp(set->revision, "2.0") != 0) return 0;
    for (a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *name = fips140_hash_name((fips140_hash_alg)a);
        if (name && strcmp(name, set->algorithm + 5) == 0) {
            set->alg = a;
            return 1;
        }
    }
    return 0;
}

/* hmac_run - one HMAC test case: answer "mac". */
static int hmac_run(const acvp_case *c, json_value *out)
{
    size_t klen, mlen, d = fips140_hash_digest_size((fips140_hash_alg)c->set->alg), maclen;
    unsigned long long kbits, mbits;
    long long macbits;
    uint8_t *key, *msg, mac[FIPS140_HASH_MAX_DIGEST];
    int r, rc = ACVP_OK;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    r = acvp_int(c, "macLen", &macbits);
    if (r < 0) return ACVP_FAIL;
    if (r == 0) macbits = (long long)d * 8;
    if (macbits % 8 || macbits == 0 || (size_t)macbits / 8 > d)
        return acvp_fail(c, "unsupported macLen %lld (whole bytes up to the digest size)", macbits);
    maclen = (size_t)macbits / 8;
    key = acvp_hex_bits(c, "key", "keyLen", &klen, &kbits);
    if (!key) return ACVP_FAIL;
    msg = acvp_hex_bits(c, "msg", "msgLen", &mlen, &mbits);
    if (!msg) {
        free(key);
        return ACVP_FAIL;
    }
    if (kbits % 8 || mbits % 8) {
        rc = acvp_fail(c, "keyLen and msgLen must be whole bytes");
    } else {
        st = fips140_hmac((fips140_hash_alg)c->set->alg, mac, maclen, key, klen, msg, mlen);
        if (st != FIPS140_OK) rc = acvp_status(c, "HMAC", st);
        else json_set_hex(out, "mac", mac, maclen);
    }
    free(key);
    free(msg);
    return rc;
}

const acvp_family acvp_family_hmac = {"HMAC", hmac_match, hmac_run};
