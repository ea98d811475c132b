/* cli/acvp_aes_mct.c - AES Monte Carlo tests for ECB and CBC (ACVP symmetric spec, usnistgov/ACVP
 * src/symmetric §"AES Monte Carlo Test - ECB mode", §"- CBC mode" and §"AES Monte Carlo Key Shuffle";
 * AESAVS §6.4). Decryption is the encryption pseudocode with PT and CT swapped. */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/aes.h"
#include "fips140/module.h"

/* key_shuffle - AES_KEY_SHUFFLE: Key[i+1] = Key[i] xor (the last klen bytes of out[998] || out[999]). */
static void key_shuffle(uint8_t *key, size_t klen, const uint8_t before[16], const uint8_t last[16])
{
    size_t i;
    for (i = 0; i < 16; i++) key[klen - 16 + i] ^= last[i];   /* MSB(CT[j], 128) */
    for (i = 0; i + 16 < klen; i++) key[i] ^= before[32 - klen + i]; /* LSB(CT[j-1], 64) or CT[j-1] */
}

int acvp_aes_mct(const acvp_case *c, int encrypt, const uint8_t *key0, size_t klen, const uint8_t *text,
                 size_t len, json_value *out)
{
    const char *in_name = encrypt ? "pt" : "ct", *out_name = encrypt ? "ct" : "pt";
    int cbc = c->set->alg == ACVP_AES_CBC, i, j;
    uint8_t key[32], in[16], iv[16] = {0}, chain[16], o[2][16];
    fips140_aes_key ks;
    fips140_status st = FIPS140_OK;
    json_value *results;

    if (len != 16) return acvp_fail(c, "MCT %s must be one 16-byte block", in_name);
    if (cbc) {
        size_t ivlen;
        uint8_t *ivp = acvp_hex(c, "iv", &ivlen);
        if (!ivp) return ACVP_FAIL;
        if (ivlen != 16) {
            free(ivp);
            return acvp_fail(c, "iv of %zu bytes (CBC needs 16)", ivlen);
        }
        memcpy(iv, ivp, 16);
        free(ivp);
    }
    memcpy(key, key0, klen); /* Key[0] = KEY */
    memcpy(in, text, 16);    /* PT[0] = PT */
    results = json_new_array();
    for (i = 0; i < 100 && st == FIPS140_OK; i++) {
        json_value *r = json_new_object();
        json_set_hex(r, "key", key, klen); /* Output Key[i], (IV[i]), PT[0] */
        if (cbc) json_set_hex(r, "iv", iv, 16);
        json_set_hex(r, in_name, in, 16);
        st = fips140_aes_key_init(&ks, key, klen);
        memcpy(chain, iv, 16);
        for (j = 0; j < 1000 && st == FIPS140_OK; j++) {
            uint8_t *cur = o[j & 1];
            if (cbc) {
                /* the chaining value in `chain` continues from block to block (IV[i] for j = 0) */
                st = encrypt ? fips140_aes_cbc_encrypt(&ks, chain, cur, in, 16)
                             : fips140_aes_cbc_decrypt(&ks, chain, cur, in, 16);
                memcpy(in, j == 0 ? iv : o[(j - 1) & 1], 16); /* PT[j+1] = IV[i] or CT[j-1] */
            } else {
                st = encrypt ? fips140_aes_ecb_encrypt(&ks, cur, in, 16) : fips140_aes_ecb_decrypt(&ks, cur, in, 16);
                memcpy(in, cur, 16); /* PT[j+1] = CT[j] */
            }
        }
        if (st != FIPS140_OK) {
            json_free(r);
            break;
        }
        /* j ended at 999 (odd): o[1] = out[999], o[0] = out[998] */
        json_set_hex(r, out_name, o[1], 16);
        json_push(results, r);
        key_shuffle(key, klen, o[0], o[1]);
        if (cbc) {
            memcpy(iv, o[1], 16); /* IV[i+1] = CT[j] */
            memcpy(in, o[0], 16); /* PT[0] = CT[j-1] */
        } else {
            memcpy(in, o[1], 16); /* PT[0] = CT[j] */
        }
    }
    fips140_wipe(&ks, sizeof ks);
    fips140_wipe(key, sizeof key);
    if (st != FIPS140_OK) {
        json_free(results);
        return acvp_status(c, "AES", st);
    }
    json_set(out, "resultsArray", results);
    return ACVP_OK;
}
