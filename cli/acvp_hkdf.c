/* cli/acvp_hkdf.c - ACVP handler for "HKDF" revision 1.0 (RFC 5869; the retired stand-alone HKDF vector sets of
 * usnistgov/ACVP-Server): AFT only. The group gives hmacAlg; each test gives inputKeyingMaterial, salt, otherInfo
 * (RFC 5869's info) and keyLength; the answer is derivedKey = HKDF(salt, IKM, info, L). keyLength counts BYTES here:
 * in NIST's HKDF-1.0 internalProjection every derivedKey holds exactly keyLength bytes (keyLength 3184: 3184 bytes). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/kdf.h"

/* hkdf_hash - the fips140_hash_alg of an ACVP hash name ("SHA-1", "SHA2-256", "SHA3-512"...): fixed-length hashes
 * only; 0 when unknown. */
static int hkdf_hash(const char *name)
{
    if (!name) return 0;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *n = fips140_hash_name((fips140_hash_alg)a);
        if (n && strcmp(n, name) == 0) return a;
    }
    return 0;
}

/* hkdf_match - algorithm "HKDF", no mode, revision 1.0. */
static int hkdf_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    return strcmp(set->algorithm, "HKDF") == 0 && strcmp(set->revision, "1.0") == 0;
}

/* hkdf_run - one AFT test: answer derivedKey. */
static int hkdf_run(const acvp_case *c, json_value *out)
{
    const char *hname = acvp_str(c, "hmacAlg", 1);
    int alg = hkdf_hash(hname);
    long long len;
    size_t ikmlen = 0, saltlen = 0, infolen = 0;
    uint8_t *ikm = NULL, *salt = NULL, *info = NULL, *dk = NULL;
    int rc = ACVP_FAIL;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    if (!hname) return ACVP_FAIL;
    if (!alg) return acvp_fail(c, "unsupported hmacAlg \"%s\"", hname);
    if (!acvp_need_int(c, "keyLength", &len)) return ACVP_FAIL;
    if (len <= 0 || len > (1ll << 24)) return acvp_fail(c, "unsupported keyLength %lld", len);
    ikm = acvp_hex(c, "inputKeyingMaterial", &ikmlen);
    salt = ikm ? acvp_hex(c, "salt", &saltlen) : NULL;
    info = salt ? acvp_hex(c, "otherInfo", &infolen) : NULL;
    dk = info ? malloc((size_t)len) : NULL;
    if (info && !dk) acvp_fail(c, "out of memory");
    if (dk) {
        int st = fips140_hkdf((fips140_hash_alg)alg, dk, (size_t)len, ikm, ikmlen, salt, saltlen, info, infolen);
        if (st != FIPS140_OK) {
            acvp_status(c, "HKDF", st);
        } else {
            json_set_hex(out, "derivedKey", dk, (size_t)len);
            rc = ACVP_OK;
        }
    }
    free(ikm);
    free(salt);
    free(info);
    free(dk);
    return rc;
}

const acvp_family acvp_family_hkdf = {"HKDF", hkdf_match, hkdf_run};
