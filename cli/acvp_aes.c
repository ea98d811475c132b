/* cli/acvp_aes.c - ACVP handler for ACVP-AES-ECB, -CBC, -CTR and -GCM revision 1.0 (ACVP symmetric spec,
 * usnistgov/ACVP src/symmetric; AESAVS). This file: matching, ECB/CBC/CTR AFT (and CTR "CTR" tests).
 * MCTs are in acvp_aes_mct.c, GCM in acvp_gcm.c.
 *
 * Groups carry "direction" (encrypt: answer "ct"; decrypt: answer "pt"). CTR payloads are bit strings of
 * payloadLen bits (SP 800-38A §6.5 allows a partial last block); the answer keeps only those leftmost bits
 * and zeroes the rest of the last byte, as the expected answers do. */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/aes.h"
#include "fips140/module.h"

/* aes_match - the four AES modes, revision 1.0; "mode" absent or empty. */
static int aes_match(acvp_set *set)
{
    static const struct { const char *name; int mode; } modes[] = {
        {"ACVP-AES-ECB", ACVP_AES_ECB}, {"ACVP-AES-CBC", ACVP_AES_CBC},
        {"ACVP-AES-CTR", ACVP_AES_CTR}, {"ACVP-AES-GCM", ACVP_AES_GCM}};
    size_t i;
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->revision, "1.0") != 0) return 0;
    for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strcmp(set->algorithm, modes[i].name) == 0) {
            set->alg = modes[i].mode;
            return 1;
        }
    }
    return 0;
}

int acvp_aes_direction(const acvp_case *c, int *encrypt)
{
    const char *d = acvp_str(c, "direction", 1);
    if (!d) return 0;
    if (strcmp(d, "encrypt") == 0) *encrypt = 1;
    else if (strcmp(d, "decrypt") == 0) *encrypt = 0;
    else return acvp_fail(c, "unsupported direction \"%s\"", d), 0;
    return 1;
}

uint8_t *acvp_aes_key(const acvp_case *c, size_t *klen)
{
    uint8_t *k = acvp_hex(c, "key", klen);
    if (k && *klen != 16 && *klen != 24 && *klen != 32) {
        acvp_fail(c, "key of %zu bytes (AES needs 16, 24 or 32)", *klen);
        free(k);
        return NULL;
    }
    return k;
}

/* aes_block_aft - ECB or CBC AFT: whole blocks, one call. */
static int aes_block_aft(const acvp_case *c, int encrypt, const uint8_t *key, size_t klen, const uint8_t *in,
                         size_t len, json_value *out)
{
    fips140_aes_key ks;
    uint8_t iv[16], *res, *ivp = NULL;
    size_t ivlen;
    fips140_status st;
    int rc = ACVP_OK;

    if (len % 16) return acvp_fail(c, "payload of %zu bytes is not a whole number of blocks", len);
    if (c->set->alg == ACVP_AES_CBC) {
        ivp = acvp_hex(c, "iv", &ivlen);
        if (!ivp) return ACVP_FAIL;
        if (ivlen != 16) {
            free(ivp);
            return acvp_fail(c, "iv of %zu bytes (CBC needs 16)", ivlen);
        }
        memcpy(iv, ivp, 16);
        free(ivp);
    }
    res = malloc(len ? len : 1);
    if (!res) return acvp_fail(c, "out of memory");
    st = fips140_aes_key_init(&ks, key, klen);
    if (st == FIPS140_OK) {
        if (c->set->alg == ACVP_AES_CBC)
            st = encrypt ? fips140_aes_cbc_encrypt(&ks, iv, res, in, len) : fips140_aes_cbc_decrypt(&ks, iv, res, in, len);
        else
            st = encrypt ? fips140_aes_ecb_encrypt(&ks, res, in, len) : fips140_aes_ecb_decrypt(&ks, res, in, len);
    }
    fips140_wipe(&ks, sizeof ks);
    if (st != FIPS140_OK) rc = acvp_status(c, "AES", st);
    else json_set_hex(out, encrypt ? "ct" : "pt", res, len);
    free(res);
    return rc;
}

/* aes_ctr - CTR AFT / CTR test: payloadLen bits (default: the whole hex) through the counter mode. */
static int aes_ctr(const acvp_case *c, int encrypt, const uint8_t *key, size_t klen, json_value *out)
{
    fips140_aes_ctr_ctx ctx;
    unsigned long long bits;
    size_t n, ivlen;
    uint8_t *in, *iv, *res;
    fips140_status st;
    int rc = ACVP_OK;

    in = acvp_hex_bits(c, encrypt ? "pt" : "ct", "payloadLen", &n, &bits);
    if (!in) return ACVP_FAIL;
    iv = acvp_hex(c, "iv", &ivlen);
    if (!iv || ivlen != 16) {
        if (iv) acvp_fail(c, "iv of %zu bytes (CTR needs a 16-byte initial counter block)", ivlen);
        free(iv);
        free(in);
        return ACVP_FAIL;
    }
    res = malloc(n ? n : 1);
    if (!res) {
        free(iv);
        free(in);
        return acvp_fail(c, "out of memory");
    }
    st = fips140_aes_ctr_init(&ctx, key, klen, iv);
    if (st == FIPS140_OK) st = fips140_aes_ctr_update(&ctx, res, in, n);
    fips140_wipe(&ctx, sizeof ctx);
    if (st != FIPS140_OK) {
        rc = acvp_status(c, "AES-CTR", st);
    } else {
        if (bits % 8) res[n - 1] &= (uint8_t)(0xFF << (8 - bits % 8)); /* keep the leftmost payloadLen bits */
        json_set_hex(out, encrypt ? "ct" : "pt", res, n);
    }
    free(res);
    free(iv);
    free(in);
    return rc;
}

/* aes_run - one AES test case. */
static int aes_run(const acvp_case *c, json_value *out)
{
    int encrypt, rc;
    size_t klen, len;
    uint8_t *key, *in;

    if (c->set->alg == ACVP_AES_GCM) return acvp_gcm_run(c, out);
    if (!acvp_is_type(c, "AFT") && !acvp_is_type(c, "MCT") &&
        !(c->set->alg == ACVP_AES_CTR && acvp_is_type(c, "CTR")))
        return acvp_bad_type(c);
    if (c->set->alg == ACVP_AES_CTR && acvp_is_type(c, "MCT")) return acvp_bad_type(c);
    if (!acvp_aes_direction(c, &encrypt)) return ACVP_FAIL;
    key = acvp_aes_key(c, &klen);
    if (!key) return ACVP_FAIL;
    if (c->set->alg == ACVP_AES_CTR) {
        rc = aes_ctr(c, encrypt, key, klen, out);
    } else {
        in = acvp_hex(c, encrypt ? "pt" : "ct", &len);
        if (!in) {
            rc = ACVP_FAIL;
        } else {
            if (acvp_is_type(c, "MCT")) rc = acvp_aes_mct(c, encrypt, key, klen, in, len, out);
            else rc = aes_block_aft(c, encrypt, key, klen, in, len, out);
            free(in);
        }
    }
    fips140_wipe(key, klen);
    free(key);
    return rc;
}

const acvp_family acvp_family_aes = {"AES", aes_match, aes_run};
