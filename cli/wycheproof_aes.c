/* cli/wycheproof_aes.c - Wycheproof AES tests: AeadTest for AES-GCM (SP 800-38D, through the module's one-shot
 * encrypt and decrypt) and IndCpaTest for AES-CBC-PKCS5 (SP 800-38A CBC from the module; PKCS #5 padding per
 * RFC 8018 §6.1.1 step 4 done here, with the padding check in constant time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fips140/fips140.h"
#include "wycheproof.h"

/* test_fields - decode the hex fields names[0..n) of test into bufs/lens; 0 (detail set) on the first failure. */
static int test_fields(const json_value *test, const char *const *names, uint8_t **bufs, size_t *lens, size_t n,
                       char *detail, size_t detail_len)
{
    for (size_t i = 0; i < n; i++) {
        bufs[i] = wp_hex_field(test, names[i], &lens[i], detail, detail_len);
        if (!bufs[i])
            return 0;
    }
    return 1;
}

/* same - a[0..alen) equals b[0..blen). */
static int same(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* describe - a few words on one direction's result. */
static const char *describe(fips140_status rc, int match)
{
    return rc != FIPS140_OK ? fips140_status_string(rc) : match ? "matches" : "output differs";
}

/* judge - combine the encryption and decryption results of one case into an outcome and a detail line. */
static wp_outcome judge(int enc_match, const char *enc_desc, int dec_match, const char *dec_desc, char *detail,
                        size_t detail_len)
{
    if (enc_match && dec_match)
        return WP_SUCCESS;
    snprintf(detail, detail_len, "encrypt: %s; decrypt: %s", enc_desc, dec_desc);
    if (!enc_match && !dec_match)
        return WP_REJECTED;
    return WP_BROKEN; /* encryption and decryption disagree */
}

enum { GCM_KEY, GCM_IV, GCM_AAD, GCM_MSG, GCM_CT, GCM_TAG, GCM_NFIELDS };

/* wp_test_aes_gcm - one AeadTest case for AES-GCM with the group's tagSize. */
wp_outcome wp_test_aes_gcm(const char *alg, const json_value *group, const json_value *test, char *detail,
                           size_t detail_len)
{
    static const char *const names[GCM_NFIELDS] = {"key", "iv", "aad", "msg", "ct", "tag"};
    static fips140_aes_gcm_ctx ctx; /* 2.3 KB: keep it off the stack */
    uint8_t *f[GCM_NFIELDS] = {0};
    size_t n[GCM_NFIELDS] = {0};
    size_t tsz = 0;
    uint8_t *out = NULL, *pt = NULL;
    uint8_t etag[16];
    wp_outcome o = WP_BROKEN;
    (void)alg;

    if (!wp_bits_field(group, "tagSize", &tsz)) {
        snprintf(detail, detail_len, "missing or bad tagSize");
    } else if (test_fields(test, names, f, n, GCM_NFIELDS, detail, detail_len)) {
        out = malloc(n[GCM_MSG] + 1);
        pt = malloc(n[GCM_CT] + 1);
        if (!out || !pt) {
            snprintf(detail, detail_len, "out of memory");
        } else {
            fips140_status rc = fips140_aes_gcm_init(&ctx, f[GCM_KEY], n[GCM_KEY]);
            fips140_status enc_rc = rc, dec_rc = rc;
            if (rc == FIPS140_OK) {
                enc_rc = tsz <= sizeof etag ? fips140_aes_gcm_encrypt(&ctx, out, etag, tsz, f[GCM_IV], n[GCM_IV],
                                                                      f[GCM_AAD], n[GCM_AAD], f[GCM_MSG], n[GCM_MSG])
                                            : FIPS140_ERR_TAG_LENGTH;
                /* a decrypter set up for tsz-byte tags refuses any other tag length itself */
                dec_rc = n[GCM_TAG] == tsz ? fips140_aes_gcm_decrypt(&ctx, pt, f[GCM_IV], n[GCM_IV], f[GCM_AAD],
                                                                     n[GCM_AAD], f[GCM_CT], n[GCM_CT], f[GCM_TAG],
                                                                     n[GCM_TAG])
                                           : FIPS140_ERR_TAG_LENGTH;
            }
            int enc_match = enc_rc == FIPS140_OK && same(out, n[GCM_MSG], f[GCM_CT], n[GCM_CT]) &&
                            same(etag, tsz, f[GCM_TAG], n[GCM_TAG]);
            int dec_match = dec_rc == FIPS140_OK && same(pt, n[GCM_CT], f[GCM_MSG], n[GCM_MSG]);
            o = judge(enc_match, describe(enc_rc, enc_match), dec_match, describe(dec_rc, dec_match), detail, detail_len);
            /* AEAD: "rejected" must mean the module refused to decrypt, never a released wrong plaintext */
            if (o == WP_REJECTED && dec_rc == FIPS140_OK) {
                snprintf(detail, detail_len, "decryption succeeded with a different plaintext");
                o = WP_BROKEN;
            }
        }
    }
    fips140_wipe(&ctx, sizeof ctx);
    for (size_t i = 0; i < GCM_NFIELDS; i++)
        free(f[i]);
    free(out), free(pt);
    return o;
}

/* pkcs5_unpad - check the PKCS #5 padding of p[0..n) (n a non-zero multiple of 16) without branching on the
 * plaintext: the last byte v must be 1..16 and the last v bytes must all equal v. On success *len = n - v. */
static int pkcs5_unpad(const uint8_t *p, size_t n, size_t *len)
{
    uint32_t v = p[n - 1];
    uint32_t bad = ((v - 1u) >> 31) | ((16u - v) >> 31); /* v == 0 or v > 16 */
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t in_pad = 0u - ((i - v) >> 31); /* all ones when i < v */
        bad |= in_pad & (uint32_t)(p[n - 1 - i] ^ v);
    }
    uint32_t ok = 1u ^ ((0u - bad) >> 31);
    *len = n - (size_t)(v & (0u - ok));
    return (int)ok;
}

enum { CBC_KEY, CBC_IV, CBC_MSG, CBC_CT, CBC_NFIELDS };

/* wp_test_aes_cbc_pkcs5 - one IndCpaTest case for AES-CBC with PKCS #5 padding. */
wp_outcome wp_test_aes_cbc_pkcs5(const char *alg, const json_value *group, const json_value *test, char *detail,
                                 size_t detail_len)
{
    static const char *const names[CBC_NFIELDS] = {"key", "iv", "msg", "ct"};
    fips140_aes_key key;
    uint8_t *f[CBC_NFIELDS] = {0};
    size_t n[CBC_NFIELDS] = {0};
    uint8_t *padded = NULL, *pt = NULL;
    uint8_t iv[16];
    wp_outcome o = WP_BROKEN;
    (void)alg, (void)group;

    if (test_fields(test, names, f, n, CBC_NFIELDS, detail, detail_len)) {
        size_t plen = n[CBC_MSG] + 16 - n[CBC_MSG] % 16;
        padded = malloc(plen);
        pt = malloc(n[CBC_CT] + 1);
        if (!padded || !pt) {
            snprintf(detail, detail_len, "out of memory");
            goto done;
        }
        fips140_status rc = fips140_aes_key_init(&key, f[CBC_KEY], n[CBC_KEY]);
        if (rc == FIPS140_OK && n[CBC_IV] != 16)
            rc = FIPS140_ERR_IV_LENGTH;
        fips140_status enc_rc = rc, dec_rc = rc;
        int enc_match = 0, dec_match = 0, bad_padding = 0;
        if (rc == FIPS140_OK) {
            memcpy(padded, f[CBC_MSG], n[CBC_MSG]);
            memset(padded + n[CBC_MSG], (int)(plen - n[CBC_MSG]), plen - n[CBC_MSG]);
            memcpy(iv, f[CBC_IV], 16);
            enc_rc = fips140_aes_cbc_encrypt(&key, iv, padded, padded, plen);
            enc_match = enc_rc == FIPS140_OK && same(padded, plen, f[CBC_CT], n[CBC_CT]);

            if (n[CBC_CT] == 0 || n[CBC_CT] % 16 != 0) {
                dec_rc = FIPS140_ERR_DATA_LENGTH;
            } else {
                memcpy(iv, f[CBC_IV], 16);
                dec_rc = fips140_aes_cbc_decrypt(&key, iv, pt, f[CBC_CT], n[CBC_CT]);
                size_t ptlen = 0;
                if (dec_rc == FIPS140_OK)
                    bad_padding = !pkcs5_unpad(pt, n[CBC_CT], &ptlen);
                dec_match = dec_rc == FIPS140_OK && !bad_padding && same(pt, ptlen, f[CBC_MSG], n[CBC_MSG]);
            }
            fips140_wipe(&key, sizeof key);
        }
        o = judge(enc_match, describe(enc_rc, enc_match), dec_match,
                  bad_padding ? "bad padding" : describe(dec_rc, dec_match), detail, detail_len);
    }
done:
    for (size_t i = 0; i < CBC_NFIELDS; i++)
        free(f[i]);
    free(padded), free(pt);
    return o;
}
