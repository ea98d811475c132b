/* cli/acvp_kdf135.c - ACVP handler for "kdf-components" revision 1.0, modes "ansix9.63" and "ssh" (ACVP KDF
 * components spec, usnistgov/ACVP src/kdf-components; SP 800-135 Rev. 1 §4.1 and §5.2). Mode "tls" is answered by
 * acvp_tls_kdf.c. AFT only.
 *   ansix9.63: group hashAlg, keyDataLength (bits), sharedInfoLength, fieldSize; test z, sharedInfo -> "keyData".
 *   ssh:       group hashAlg, cipher ("TDES", "AES-128/192/256": sets the IV and key lengths); test k (mpint), h,
 *              sessionId -> initialIvClient/Server ('A'/'B', the cipher's block size), encryptionKeyClient/Server
 *              ('C'/'D', its key size) and integrityKeyClient/Server ('E'/'F', the hash's output size). */
#include "acvp.h"

#include <stdlib.h>
#include <string.h>

#include "fips140/kbkdf.h"

enum { KDF135_X963 = 1, KDF135_SSH = 2 };

static int kdf135_match(acvp_set *set)
{
    if (strcmp(set->algorithm, "kdf-components") != 0 || strcmp(set->revision, "1.0") != 0 || !set->mode) return 0;
    if (strcmp(set->mode, "ansix9.63") == 0) set->alg = KDF135_X963;
    else if (strcmp(set->mode, "ssh") == 0) set->alg = KDF135_SSH;
    else return 0;
    return 1;
}

/* hash_alg - the fips140_hash_alg of the group's hashAlg (fixed-length hashes), 0 when unknown. */
static int hash_alg(const acvp_case *c)
{
    const char *s = acvp_str(c, "hashAlg", 1);
    if (!s) return 0;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *name = fips140_hash_name((fips140_hash_alg)a);
        if (name && strcmp(name, s) == 0) return a;
    }
    acvp_fail(c, "unsupported hashAlg \"%s\"", s);
    return 0;
}

/* x963_run - keyData = the leftmost keyDataLength bits of the X9.63 KDF output. */
static int x963_run(const acvp_case *c, int alg, json_value *out)
{
    long long bits;
    size_t zlen, silen;
    uint8_t *z, *si = NULL, *res = NULL;
    int rc = ACVP_FAIL;
    if (!acvp_need_int(c, "keyDataLength", &bits)) return ACVP_FAIL;
    if (bits == 0 || bits > (1 << 20)) return acvp_fail(c, "unsupported keyDataLength %lld", bits);
    z = acvp_hex(c, "z", &zlen);
    if (z) si = acvp_hex(c, "sharedInfo", &silen);
    size_t n = (size_t)(bits + 7) / 8;
    if (si) res = malloc(n);
    if (res) {
        fips140_status st = fips140_x963_kdf((fips140_hash_alg)alg, res, n, z, zlen, si, silen);
        if (st != FIPS140_OK) {
            acvp_status(c, "X9.63 KDF", st);
        } else {
            if (bits % 8) res[n - 1] &= (uint8_t)(0xff00u >> (bits % 8));
            json_set_hex(out, "keyData", res, n);
            rc = ACVP_OK;
        }
    } else if (si) {
        acvp_fail(c, "out of memory");
    }
    free(z);
    free(si);
    free(res);
    return rc;
}

/* ssh_run - the six SSH keys of one test case. */
static int ssh_run(const acvp_case *c, int alg, json_value *out)
{
    static const struct { const char *name; size_t iv, key; } ciphers[] = {
        {"TDES", 8, 24}, {"AES-128", 16, 16}, {"AES-192", 16, 24}, {"AES-256", 16, 32},
    };
    static const char *const fields[6] = {"initialIvClient", "initialIvServer", "encryptionKeyClient",
                                          "encryptionKeyServer", "integrityKeyClient", "integrityKeyServer"};
    const char *cipher = acvp_str(c, "cipher", 1);
    size_t ivlen = 0, keylen = 0, klen, hlen, sidlen, i;
    uint8_t *k, *h = NULL, *sid = NULL, buf[FIPS140_HASH_MAX_DIGEST];
    int rc = ACVP_OK;
    if (!cipher) return ACVP_FAIL;
    for (i = 0; i < sizeof ciphers / sizeof ciphers[0]; i++)
        if (strcmp(cipher, ciphers[i].name) == 0) {
            ivlen = ciphers[i].iv;
            keylen = ciphers[i].key;
        }
    if (!ivlen) return acvp_fail(c, "unsupported cipher \"%s\"", cipher);
    size_t lens[6] = {ivlen, ivlen, keylen, keylen, fips140_hash_digest_size((fips140_hash_alg)alg), 0};
    lens[5] = lens[4];
    k = acvp_hex(c, "k", &klen);
    if (k) h = acvp_hex(c, "h", &hlen);
    if (h) sid = acvp_hex(c, "sessionId", &sidlen);
    if (!sid) rc = ACVP_FAIL;
    for (i = 0; i < 6 && rc == ACVP_OK; i++) {
        fips140_status st = fips140_ssh_kdf((fips140_hash_alg)alg, buf, lens[i], k, klen, h, hlen, sid, sidlen,
                                            (char)('A' + i));
        if (st != FIPS140_OK) rc = acvp_status(c, "SSH KDF", st);
        else json_set_hex(out, fields[i], buf, lens[i]);
    }
    free(k);
    free(h);
    free(sid);
    return rc;
}

static int kdf135_run(const acvp_case *c, json_value *out)
{
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    int alg = hash_alg(c);
    if (!alg) return ACVP_FAIL;
    return c->set->alg == KDF135_X963 ? x963_run(c, alg, out) : ssh_run(c, alg, out);
}

const acvp_family acvp_family_kdf135 = {"kdf-components", kdf135_match, kdf135_run};
