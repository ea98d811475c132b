/* cli/acvp_ccm.c - ACVP handler for ACVP-AES-CCM revision 1.0 (ACVP symmetric spec, usnistgov/ACVP
 * src/symmetric; SP 800-38C): AFT encrypt and decrypt. Group fields ivLen, payloadLen, aadLen and tagLen are in
 * bits; test fields key, iv, aad and pt (encrypt) or ct (decrypt). In both directions "ct" is the ciphertext
 * followed by the tag (SP 800-38C §6.1 step 8: C = ciphertext || T XOR MSB_Tlen(S0)). Encrypt answers "ct";
 * decrypt answers "pt" and "testPassed": true, or "testPassed": false when the tag does not verify.
 *
 * Also ACVP-AES-GMAC revision 1.0 (SP 800-38D with an empty plaintext; same group fields with payloadLen 0):
 * encrypt answers "tag" (the leftmost tagLen bits of the GMAC of "aad" under "iv"), decrypt verifies the test's
 * "tag" and answers "testPassed". Only external IVs (a test "iv" field) are supported. */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/ccm.h"
#include "fips140/cmac.h"
#include "fips140/module.h"

enum { ACVP_CCM = 0, ACVP_GMAC = 1 };

static int ccm_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->revision, "1.0") != 0) return 0;
    if (strcmp(set->algorithm, "ACVP-AES-CCM") == 0) set->alg = ACVP_CCM;
    else if (strcmp(set->algorithm, "ACVP-AES-GMAC") == 0) set->alg = ACVP_GMAC;
    else return 0;
    return 1;
}

/* ccm_bytes - a hex field whose bit length is lenkey (when present), which must be whole bytes. */
static uint8_t *ccm_bytes(const acvp_case *c, const char *key, const char *lenkey, size_t *n)
{
    unsigned long long bits;
    uint8_t *p = acvp_hex_bits(c, key, lenkey, n, &bits);
    if (p && bits % 8) {
        acvp_fail(c, "%s of %llu bits is not a whole number of bytes", key, bits);
        free(p);
        return NULL;
    }
    return p;
}

/* gmac_run - one ACVP-AES-GMAC test case. */
static int gmac_run(const acvp_case *c, json_value *out)
{
    static fips140_gmac_ctx ctx;
    uint8_t *key = NULL, *iv = NULL, *aad = NULL, *tag = NULL, res[16];
    size_t klen = 0, ivlen = 0, aadlen = 0, taglen = 0;
    long long tagbits;
    int encrypt, rc = ACVP_FAIL;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!acvp_aes_direction(c, &encrypt)) return ACVP_FAIL;
    if (!acvp_field(c, "iv")) return acvp_fail(c, "no \"iv\": internal IV generation is not supported");
    if (!acvp_need_int(c, "tagLen", &tagbits)) return ACVP_FAIL;
    if (tagbits % 8 || tagbits < 8 || tagbits > 128) return acvp_fail(c, "unsupported tagLen %lld", tagbits);
    if (!(key = acvp_aes_key(c, &klen))) goto done;
    if (!(iv = ccm_bytes(c, "iv", "ivLen", &ivlen))) goto done;
    if (!(aad = ccm_bytes(c, "aad", "aadLen", &aadlen))) goto done;
    if (encrypt) {
        taglen = (size_t)tagbits / 8;
        st = fips140_gmac(res, taglen, key, klen, iv, ivlen, aad, aadlen);
        if (st != FIPS140_OK) {
            rc = acvp_status(c, "AES-GMAC", st);
            goto done;
        }
        json_set_hex(out, "tag", res, taglen);
        rc = ACVP_OK;
    } else {
        if (!(tag = ccm_bytes(c, "tag", "tagLen", &taglen))) goto done;
        st = fips140_gmac_init(&ctx, key, klen);
        if (st == FIPS140_OK) st = fips140_gmac_start(&ctx, iv, ivlen);
        if (st == FIPS140_OK) st = fips140_gmac_update(&ctx, aad, aadlen);
        if (st == FIPS140_OK) st = fips140_gmac_verify(&ctx, tag, taglen);
        fips140_gmac_wipe(&ctx);
        if (st != FIPS140_OK && st != FIPS140_ERR_AUTH) {
            rc = acvp_status(c, "AES-GMAC verify", st);
            goto done;
        }
        json_set_bool(out, "testPassed", st == FIPS140_OK); /* SP 800-38D §7.2 step 8 */
        rc = ACVP_OK;
    }
done:
    if (key) fips140_wipe(key, klen);
    free(key);
    free(iv);
    free(aad);
    free(tag);
    return rc;
}

static int ccm_run(const acvp_case *c, json_value *out)
{
    static fips140_aes_ccm_ctx ctx;
    if (c->set->alg == ACVP_GMAC) return gmac_run(c, out);
    uint8_t *key = NULL, *iv = NULL, *aad = NULL, *in = NULL, *res = NULL;
    size_t klen = 0, ivlen = 0, aadlen = 0, inlen = 0, len, taglen;
    long long tagbits;
    int encrypt, rc = ACVP_FAIL;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!acvp_aes_direction(c, &encrypt)) return ACVP_FAIL;
    if (!acvp_need_int(c, "tagLen", &tagbits)) return ACVP_FAIL;
    if (tagbits % 8 || tagbits < 8 || tagbits > 128) return acvp_fail(c, "unsupported tagLen %lld", tagbits);
    taglen = (size_t)tagbits / 8;
    if (!(key = acvp_aes_key(c, &klen))) goto done;
    if (!(iv = ccm_bytes(c, "iv", "ivLen", &ivlen))) goto done;
    if (!(aad = ccm_bytes(c, "aad", "aadLen", &aadlen))) goto done;
    if (encrypt) {
        if (!(in = ccm_bytes(c, "pt", "payloadLen", &inlen))) goto done;
        len = inlen;
    } else {
        if (!(in = acvp_hex(c, "ct", &inlen))) goto done;
        if (inlen < taglen) {
            acvp_fail(c, "ct of %zu bytes is shorter than the %zu-byte tag", inlen, taglen);
            goto done;
        }
        len = inlen - taglen;
    }
    if (!(res = malloc(len + taglen + 1))) {
        acvp_fail(c, "out of memory");
        goto done;
    }
    st = fips140_aes_ccm_init(&ctx, key, klen);
    if (st == FIPS140_OK) {
        if (encrypt)
            st = fips140_aes_ccm_encrypt(&ctx, res, res + len, taglen, iv, ivlen, aad, aadlen, in, len);
        else
            st = fips140_aes_ccm_decrypt(&ctx, res, iv, ivlen, aad, aadlen, in, len, in + len, taglen);
    }
    fips140_aes_ccm_wipe(&ctx);
    if (st == FIPS140_OK) {
        if (encrypt) {
            json_set_hex(out, "ct", res, len + taglen);
        } else {
            json_set_hex(out, "pt", res, len);
            json_set_bool(out, "testPassed", 1);
        }
        rc = ACVP_OK;
    } else if (!encrypt && st == FIPS140_ERR_AUTH) {
        json_set_bool(out, "testPassed", 0); /* SP 800-38C §6.2 step 10: INVALID */
        rc = ACVP_OK;
    } else {
        rc = acvp_status(c, "AES-CCM", st);
    }
done:
    if (key) fips140_wipe(key, klen);
    free(key);
    free(iv);
    free(aad);
    free(in);
    free(res);
    return rc;
}

const acvp_family acvp_family_ccm = {"ACVP-AES-CCM/GMAC", ccm_match, ccm_run};
