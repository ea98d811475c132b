/* cli/acvp_cmac.c - ACVP handler for CMAC-AES revision 1.0 (ACVP MAC spec, usnistgov/ACVP src/mac; SP 800-38B):
 * AFT in both directions. Group fields keyLen, msgLen and macLen are in bits (msgLen may be 0); test fields key,
 * message and, for "ver", mac. "gen" answers "mac" (the leftmost macLen bits of the CMAC); "ver" answers
 * "testPassed" from the module's constant-time verification. */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/cmac.h"
#include "fips140/module.h"

static int cmac_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->algorithm, "CMAC-AES") != 0 || strcmp(set->revision, "1.0") != 0) return 0;
    set->alg = 0;
    return 1;
}

/* cmac_verify - FIPS140_OK when mac (maclen bytes) is the CMAC of msg, else the module's status. */
static fips140_status cmac_verify(const uint8_t *key, size_t klen, const uint8_t *msg, size_t mlen, const uint8_t *mac,
                                  size_t maclen)
{
    fips140_cmac_ctx ctx;
    fips140_status st = fips140_cmac_init(&ctx, key, klen);
    if (st == FIPS140_OK) st = fips140_cmac_update(&ctx, msg, mlen);
    if (st == FIPS140_OK) st = fips140_cmac_verify_final(&ctx, mac, maclen);
    fips140_cmac_wipe(&ctx);
    return st;
}

static int cmac_run(const acvp_case *c, json_value *out)
{
    uint8_t *key = NULL, *msg = NULL, *mac = NULL, res[16];
    size_t klen = 0, mlen = 0, maclen = 0;
    unsigned long long mbits = 0, macbits = 0;
    long long mlbits;
    int rc = ACVP_FAIL, gen;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    const char *dir = acvp_str(c, "direction", 1);
    if (!dir) return ACVP_FAIL;
    if (strcmp(dir, "gen") == 0) gen = 1;
    else if (strcmp(dir, "ver") == 0) gen = 0;
    else return acvp_fail(c, "unsupported direction \"%s\"", dir);
    if (!acvp_need_int(c, "macLen", &mlbits)) return ACVP_FAIL;
    if (mlbits % 8 || mlbits < 8 || mlbits > 128)
        return acvp_fail(c, "unsupported macLen %lld (whole bytes, 8..128 bits)", mlbits);
    if (!(key = acvp_aes_key(c, &klen))) goto done;
    if (!(msg = acvp_hex_bits(c, "message", "msgLen", &mlen, &mbits))) goto done;
    if (mbits % 8) {
        acvp_fail(c, "msgLen %llu is not a whole number of bytes", mbits);
        goto done;
    }
    if (gen) {
        maclen = (size_t)mlbits / 8;
        st = fips140_cmac(res, maclen, key, klen, msg, mlen);
        if (st != FIPS140_OK) {
            rc = acvp_status(c, "CMAC-AES", st);
            goto done;
        }
        json_set_hex(out, "mac", res, maclen);
        rc = ACVP_OK;
    } else {
        if (!(mac = acvp_hex_bits(c, "mac", "macLen", &maclen, &macbits))) goto done;
        st = cmac_verify(key, klen, msg, mlen, mac, maclen);
        if (st != FIPS140_OK && st != FIPS140_ERR_AUTH) {
            rc = acvp_status(c, "CMAC-AES verify", st);
            goto done;
        }
        json_set_bool(out, "testPassed", st == FIPS140_OK); /* SP 800-38B §6.3 */
        rc = ACVP_OK;
    }
done:
    if (key) fips140_wipe(key, klen);
    free(key);
    free(msg);
    free(mac);
    return rc;
}

const acvp_family acvp_family_cmac = {"CMAC-AES", cmac_match, cmac_run};
