/* cli/acvp_pbkdf.c - ACVP handler for PBKDF 1.0 (ACVP PBKDF specification, usnistgov/ACVP src/pbkdf): PBKDF2 with
 * HMAC (SP 800-132 §5.3). Group: hmacAlg ("SHA-1", "SHA2-*", "SHA3-*"), testType AFT. Test: password (a string),
 * salt (hex), iterationCount, keyLen (bits). Answer: derivedKey.
 *
 * NIST's sets use salts, iteration counts and key lengths below SP 800-132's approved minimums to test the
 * implementation's range, so those derivations are answered with the indicator NOT_APPROVED; only FIPS140=only mode
 * refuses them (the test then fails with the refusal). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/pbkdf2.h"

/* pbkdf_hash - the fips140_hash_alg of an ACVP hash name ("SHA-1", "SHA2-256", "SHA3-512"...), 0 if none. */
static int pbkdf_hash(const char *name)
{
    if (name == NULL) return 0;
    if (strcmp(name, "SHA1") == 0) return FIPS140_SHA1;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *n = fips140_hash_name((fips140_hash_alg)a);
        if (n && strcmp(n, name) == 0) return a;
    }
    return 0;
}

static int pbkdf_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->algorithm, "PBKDF") != 0 || strcmp(set->revision, "1.0") != 0) return 0;
    set->alg = 0;
    return 1;
}

static int pbkdf_run(const acvp_case *c, json_value *out)
{
    const char *hname, *password;
    long long iterations, keybits;
    uint8_t *salt, *dk;
    size_t saltlen;
    int alg, rc = ACVP_OK;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    hname = acvp_str(c, "hmacAlg", 1);
    if (!hname) return ACVP_FAIL;
    alg = pbkdf_hash(hname);
    if (!alg) return acvp_fail(c, "hmacAlg %s not supported", hname);
    password = acvp_str(c, "password", 1);
    if (!password) return ACVP_FAIL;
    if (!acvp_need_int(c, "iterationCount", &iterations) || !acvp_need_int(c, "keyLen", &keybits)) return ACVP_FAIL;
    if (keybits <= 0 || keybits % 8 != 0 || iterations <= 0)
        return acvp_fail(c, "keyLen %lld (whole bytes) or iterationCount %lld not supported", keybits, iterations);
    salt = acvp_hex(c, "salt", &saltlen);
    if (!salt) return ACVP_FAIL;
    dk = malloc((size_t)keybits / 8);
    if (!dk) {
        free(salt);
        return acvp_fail(c, "out of memory");
    }
    fips140_status st = fips140_pbkdf2((fips140_hash_alg)alg, dk, (size_t)keybits / 8, (const uint8_t *)password,
                                       strlen(password), salt, saltlen, (uint64_t)iterations);
    if (st != FIPS140_OK) rc = acvp_status(c, "PBKDF2", st);
    else json_set_hex(out, "derivedKey", dk, (size_t)keybits / 8);
    free(dk);
    free(salt);
    return rc;
}

const acvp_family acvp_family_pbkdf = {"PBKDF", pbkdf_match, pbkdf_run};
