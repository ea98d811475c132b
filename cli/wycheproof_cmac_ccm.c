/* cli/wycheproof_cmac_ccm.c - Wycheproof tests for the AES MACs and CCM: MacTest for AES-CMAC (SP 800-38B; the
 * MAC truncated to the group's tagSize, and the test's tag checked by the module's constant-time
 * fips140_cmac_verify_final; both must agree) and AeadTest for AES-CCM (SP 800-38C; one-shot encrypt and decrypt,
 * which must agree). Keys, nonces and tag sizes the module does not allow are refused by the module itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "wycheproof.h"

/* eq - a[0..alen) equals b[0..blen). */
static int eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* wp_test_aes_cmac - one MacTest case of an "AES-CMAC" file. */
wp_outcome wp_test_aes_cmac(const char *alg, const json_value *group, const json_value *test, char *detail,
                            size_t detail_len)
{
    size_t tsz = 0, keylen = 0, msglen = 0, taglen = 0;
    (void)alg;
    if (!wp_bits_field(group, "tagSize", &tsz)) {
        snprintf(detail, detail_len, "missing or bad tagSize (bits, a multiple of 8)");
        return WP_BROKEN;
    }
    wp_outcome o = WP_BROKEN;
    uint8_t *key = wp_hex_field(test, "key", &keylen, detail, detail_len);
    uint8_t *msg = key ? wp_hex_field(test, "msg", &msglen, detail, detail_len) : NULL;
    uint8_t *tag = msg ? wp_hex_field(test, "tag", &taglen, detail, detail_len) : NULL;
    uint8_t mac[16];
    if (!tag)
        goto done;
    fips140_status rc = tsz <= sizeof mac ? fips140_cmac(mac, tsz, key, keylen, msg, msglen) : FIPS140_ERR_TAG_LENGTH;
    const int computed = rc == FIPS140_OK && eq(mac, tsz, tag, taglen);
    /* a verifier set up for tsz-byte tags rejects any other length without asking the module */
    int verified = 0;
    if (taglen == tsz) {
        fips140_cmac_ctx ctx;
        fips140_status v = fips140_cmac_init(&ctx, key, keylen);
        if (v == FIPS140_OK) v = fips140_cmac_update(&ctx, msg, msglen);
        if (v == FIPS140_OK) v = fips140_cmac_verify_final(&ctx, tag, taglen);
        fips140_cmac_wipe(&ctx);
        verified = v == FIPS140_OK;
    }
    if (computed && verified) {
        o = WP_SUCCESS;
    } else if (!computed && !verified) {
        o = WP_REJECTED;
        snprintf(detail, detail_len, "%s", rc != FIPS140_OK ? fips140_status_string(rc)
                                                             : "computed MAC differs and the tag does not verify");
    } else {
        snprintf(detail, detail_len, "MAC computation %s the tag but verification %s it",
                 computed ? "matches" : "does not match", verified ? "accepts" : "rejects");
    }
done:
    if (key) fips140_wipe(key, keylen);
    free(key), free(msg), free(tag);
    return o;
}

enum { F_KEY, F_IV, F_AAD, F_MSG, F_CT, F_TAG, F_COUNT };

/* wp_test_aes_ccm - one AeadTest case of an "AES-CCM" file with the group's tagSize. */
wp_outcome wp_test_aes_ccm(const char *alg, const json_value *group, const json_value *test, char *detail,
                           size_t detail_len)
{
    static const char *const names[F_COUNT] = {"key", "iv", "aad", "msg", "ct", "tag"};
    fips140_aes_ccm_ctx ctx;
    uint8_t *f[F_COUNT] = {0};
    size_t n[F_COUNT] = {0};
    size_t tsz = 0;
    uint8_t *ct = NULL, *pt = NULL, etag[16];
    wp_outcome o = WP_BROKEN;
    (void)alg;

    if (!wp_bits_field(group, "tagSize", &tsz)) {
        snprintf(detail, detail_len, "missing or bad tagSize");
        return WP_BROKEN;
    }
    for (size_t i = 0; i < F_COUNT; i++)
        if (!(f[i] = wp_hex_field(test, names[i], &n[i], detail, detail_len)))
            goto done;
    ct = malloc(n[F_MSG] + 1);
    pt = malloc(n[F_CT] + 1);
    if (!ct || !pt) {
        snprintf(detail, detail_len, "out of memory");
        goto done;
    }
    fips140_status rc = fips140_aes_ccm_init(&ctx, f[F_KEY], n[F_KEY]);
    fips140_status enc = rc, dec = rc;
    if (rc == FIPS140_OK) {
        enc = tsz <= sizeof etag ? fips140_aes_ccm_encrypt(&ctx, ct, etag, tsz, f[F_IV], n[F_IV], f[F_AAD], n[F_AAD],
                                                           f[F_MSG], n[F_MSG])
                                 : FIPS140_ERR_TAG_LENGTH;
        /* a decrypter set up for tsz-byte tags refuses any other tag length itself */
        dec = n[F_TAG] == tsz ? fips140_aes_ccm_decrypt(&ctx, pt, f[F_IV], n[F_IV], f[F_AAD], n[F_AAD], f[F_CT],
                                                        n[F_CT], f[F_TAG], n[F_TAG])
                              : FIPS140_ERR_TAG_LENGTH;
    }
    fips140_aes_ccm_wipe(&ctx);
    const int enc_ok = enc == FIPS140_OK && eq(ct, n[F_MSG], f[F_CT], n[F_CT]) && eq(etag, tsz, f[F_TAG], n[F_TAG]);
    const int dec_ok = dec == FIPS140_OK && eq(pt, n[F_CT], f[F_MSG], n[F_MSG]);
    if (enc_ok && dec_ok) {
        o = WP_SUCCESS;
    } else {
        snprintf(detail, detail_len, "encrypt: %s; decrypt: %s",
                 enc != FIPS140_OK ? fips140_status_string(enc) : enc_ok ? "matches" : "output differs",
                 dec != FIPS140_OK ? fips140_status_string(dec) : dec_ok ? "matches" : "output differs");
        /* both must fail for a rejection; a decryption that released a plaintext is never a rejection */
        o = !enc_ok && !dec_ok && dec != FIPS140_OK ? WP_REJECTED : WP_BROKEN;
    }
done:
    if (f[F_KEY]) fips140_wipe(f[F_KEY], n[F_KEY]);
    for (size_t i = 0; i < F_COUNT; i++)
        free(f[i]);
    free(ct), free(pt);
    return o;
}
