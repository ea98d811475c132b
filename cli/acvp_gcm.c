/* cli/acvp_gcm.c - ACVP-AES-GCM revision 1.0 AFT (ACVP symmetric spec, usnistgov/ACVP src/symmetric;
 * SP 800-38D). Group fields ivLen, payloadLen, aadLen, tagLen are in bits; test fields key, iv, aad and
 * pt (encrypt: answer "ct" and "tag") or ct + tag (decrypt: answer "pt", or "testPassed": false when the tag
 * does not verify). Only externally supplied IVs are supported (ivGen "external", or an iv in the test). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/aes.h"
#include "fips140/module.h"

/* gcm_bits_field - a byte-string field whose bit length is the group's lenkey (when present). */
static uint8_t *gcm_bits_field(const acvp_case *c, const char *key, const char *lenkey, size_t *n)
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

int acvp_gcm_run(const acvp_case *c, json_value *out)
{
    fips140_aes_gcm_ctx ctx;
    uint8_t *key = NULL, *iv = NULL, *aad = NULL, *in = NULL, *tag = NULL, *res = NULL, tagout[16];
    size_t klen, ivlen, aadlen, len = 0, taglen = 0;
    long long tagbits;
    int encrypt, rc = ACVP_FAIL;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!acvp_aes_direction(c, &encrypt)) return ACVP_FAIL;
    if (!acvp_field(c, "iv")) return acvp_fail(c, "no \"iv\": internal IV generation is not supported");
    if (!(key = acvp_aes_key(c, &klen))) goto done;
    if (!(iv = gcm_bits_field(c, "iv", "ivLen", &ivlen))) goto done;
    if (!(aad = gcm_bits_field(c, "aad", "aadLen", &aadlen))) goto done;
    if (!(in = gcm_bits_field(c, encrypt ? "pt" : "ct", "payloadLen", &len))) goto done;
    if (encrypt) {
        if (!acvp_need_int(c, "tagLen", &tagbits)) goto done;
        if (tagbits % 8 || tagbits < 8 || tagbits > 128) {
            acvp_fail(c, "unsupported tagLen %lld", tagbits);
            goto done;
        }
        taglen = (size_t)tagbits / 8;
    } else if (!(tag = gcm_bits_field(c, "tag", "tagLen", &taglen))) {
        goto done;
    }
    if (!(res = malloc(len ? len : 1))) {
        acvp_fail(c, "out of memory");
        goto done;
    }
    st = fips140_aes_gcm_init(&ctx, key, klen);
    if (st == FIPS140_OK) {
        if (encrypt)
            st = fips140_aes_gcm_encrypt(&ctx, res, tagout, taglen, iv, ivlen, aad, aadlen, in, len);
        else
            st = fips140_aes_gcm_decrypt(&ctx, res, iv, ivlen, aad, aadlen, in, len, tag, taglen);
    }
    fips140_wipe(&ctx, sizeof ctx);
    if (st == FIPS140_OK) {
        if (encrypt) {
            json_set_hex(out, "ct", res, len);
            json_set_hex(out, "tag", tagout, taglen);
        } else {
            json_set_hex(out, "pt", res, len);
        }
        rc = ACVP_OK;
    } else if (!encrypt && st == FIPS140_ERR_AUTH) {
        json_set_bool(out, "testPassed", 0); /* SP 800-38D §7.2 step 8: FAIL */
        rc = ACVP_OK;
    } else {
        rc = acvp_status(c, "AES-GCM", st);
    }
done:
    if (key) fips140_wipe(key, klen);
    free(key);
    free(iv);
    free(aad);
    free(in);
    free(tag);
    free(res);
    return rc;
}
