/* cli/acvp_kw.c - ACVP handler for ACVP-AES-KW and ACVP-AES-KWP revision 1.0 (ACVP symmetric spec, usnistgov/ACVP
 * src/symmetric, key wrap sections; NIST SP 800-38F §6.2, §6.3).
 *
 * Groups carry "direction" (encrypt = wrap: answer "ct"; decrypt = unwrap: answer "pt", or "testPassed": false
 * when the module rejects the ciphertext) and "kwCipher" ("cipher": AES encryption as the forward function;
 * "inverse": the AES inverse cipher, SP 800-38F §5.1). "payloadLen" is the plaintext length in bits (whole bytes
 * here: KW needs semiblocks, KWP bytes). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/keywrap.h"
#include "fips140/module.h"

enum { KW = 1, KWP = 2 };

static int kw_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->revision, "1.0") != 0) return 0;
    if (strcmp(set->algorithm, "ACVP-AES-KW") == 0) set->alg = KW;
    else if (strcmp(set->algorithm, "ACVP-AES-KWP") == 0) set->alg = KWP;
    else return 0;
    return 1;
}

static int kw_run(const acvp_case *c, json_value *out)
{
    int encrypt, cipher, rc = ACVP_OK;
    size_t klen, len, outlen = 0;
    uint8_t *key, *in, *res;
    const char *kc;
    fips140_aes_key ks;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!acvp_aes_direction(c, &encrypt)) return ACVP_FAIL;
    kc = acvp_str(c, "kwCipher", 1);
    if (!kc) return ACVP_FAIL;
    if (strcmp(kc, "cipher") == 0) cipher = FIPS140_KW_CIPHER;
    else if (strcmp(kc, "inverse") == 0) cipher = FIPS140_KW_INVERSE;
    else return acvp_fail(c, "unsupported kwCipher \"%s\"", kc);
    key = acvp_aes_key(c, &klen);
    if (!key) return ACVP_FAIL;
    in = acvp_hex(c, encrypt ? "pt" : "ct", &len);
    if (!in) {
        fips140_wipe(key, klen);
        free(key);
        return ACVP_FAIL;
    }
    res = malloc(len + 16);
    if (!res) {
        rc = acvp_fail(c, "out of memory");
        goto done;
    }
    st = fips140_aes_key_init(&ks, key, klen);
    if (st == FIPS140_OK) {
        if (c->set->alg == KW)
            st = encrypt ? fips140_aes_kw_wrap(&ks, cipher, res, &outlen, in, len)
                         : fips140_aes_kw_unwrap(&ks, cipher, res, &outlen, in, len);
        else
            st = encrypt ? fips140_aes_kwp_wrap(&ks, cipher, res, &outlen, in, len)
                         : fips140_aes_kwp_unwrap(&ks, cipher, res, &outlen, in, len);
    }
    fips140_wipe(&ks, sizeof ks);
    if (st == FIPS140_OK) json_set_hex(out, encrypt ? "ct" : "pt", res, outlen);
    else if (!encrypt && (st == FIPS140_ERR_AUTH || st == FIPS140_ERR_DATA_LENGTH)) json_set_bool(out, "testPassed", 0);
    else rc = acvp_status(c, c->set->alg == KW ? "AES-KW" : "AES-KWP", st);
done:
    if (res) fips140_wipe(res, len + 16);
    free(res);
    free(in);
    fips140_wipe(key, klen);
    free(key);
    return rc;
}

const acvp_family acvp_family_kw = {"KW", kw_match, kw_run};
