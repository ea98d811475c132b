/* cli/acvp_kbkdf.c - ACVP handler for "KDF" revision 1.0, the SP 800-108 Rev. 1 KBKDF (ACVP KDF spec,
 * usnistgov/ACVP src/kdf): AFT only. Group fields kdfMode ("counter", "feedback", "double pipeline iteration"),
 * macMode ("CMAC-AES128/192/256", "HMAC-<hash>"; "CMAC-TDES" is not implemented: one note per group, its tests are
 * omitted), counterLength (bits: 0, 8, 16, 24, 32), counterLocation ("before fixed data", "after fixed data",
 * "middle fixed data", "before iterator", "none"), keyOutLength (bits), zeroLengthIv; test fields keyIn, fixedData
 * (opaque: it already encodes L), iv (feedback mode's K(0); ignored by the other modes), breakLocation (bits, for
 * "middle fixed data"). The answer "keyOut" is the leftmost keyOutLength bits, trailing bits of the last byte zero. */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips140/kbkdf.h"

/* kbkdf_match - algorithm "KDF", no mode, revision 1.0. */
static int kbkdf_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    return strcmp(set->algorithm, "KDF") == 0 && strcmp(set->revision, "1.0") == 0;
}

/* tdes_note - CMAC-TDES: not implemented; one stderr note per group. */
static int tdes_note(const acvp_case *c)
{
    static const acvp_set *noted_set;
    static long long noted_tgid = -1;
    if (c->set != noted_set || c->tgid != noted_tgid)
        fprintf(stderr, "fips140 acvp: %s: tgId %lld: macMode CMAC-TDES not supported, its tests are omitted\n",
                c->set->path, c->tgid);
    noted_set = c->set;
    noted_tgid = c->tgid;
    return ACVP_SKIP;
}

/* mac_mode - the PRF (and hash) of a macMode; 0 when unknown. */
static int mac_mode(const char *s, fips140_kbkdf_params *p, size_t *cmac_key)
{
    if (strncmp(s, "CMAC-AES", 8) == 0) {
        int bits = atoi(s + 8);
        if (bits != 128 && bits != 192 && bits != 256) return 0;
        p->prf = FIPS140_KBKDF_CMAC_AES;
        *cmac_key = (size_t)bits / 8;
        return 1;
    }
    if (strncmp(s, "HMAC-", 5) != 0) return 0;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *name = fips140_hash_name((fips140_hash_alg)a);
        if (name && strcmp(name, s + 5) == 0) {
            p->prf = FIPS140_KBKDF_HMAC;
            p->hash = (uint32_t)a;
            return 1;
        }
    }
    return 0;
}

static const struct { const char *name; uint32_t mode; } kdf_modes[] = {
    {"counter", FIPS140_KBKDF_COUNTER},
    {"feedback", FIPS140_KBKDF_FEEDBACK},
    {"double pipeline iteration", FIPS140_KBKDF_DOUBLE_PIPELINE},
};
static const struct { const char *name; uint32_t loc; } ctr_locations[] = {
    {"none", FIPS140_KBKDF_CTR_NONE},
    {"before fixed data", FIPS140_KBKDF_CTR_BEFORE_FIXED},
    {"after fixed data", FIPS140_KBKDF_CTR_AFTER_FIXED},
    {"middle fixed data", FIPS140_KBKDF_CTR_MIDDLE_FIXED},
    {"before iterator", FIPS140_KBKDF_CTR_BEFORE_ITER},
};

/* kbkdf_run - one test case: answer "keyOut". */
static int kbkdf_run(const acvp_case *c, json_value *out)
{
    fips140_kbkdf_params p;
    const char *mode, *mac, *loc;
    long long ctr_bits, out_bits, brk = 0;
    size_t cmac_key = 0, i, keylen, fixedlen, ivlen = 0;
    uint8_t *key = NULL, *fixed = NULL, *iv = NULL, *res = NULL;
    int rc = ACVP_FAIL;

    memset(&p, 0, sizeof p);
    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    mac = acvp_str(c, "macMode", 1);
    if (!mac) return ACVP_FAIL;
    if (strcmp(mac, "CMAC-TDES") == 0) return tdes_note(c);
    if (!mac_mode(mac, &p, &cmac_key)) return acvp_fail(c, "unsupported macMode \"%s\"", mac);
    mode = acvp_str(c, "kdfMode", 1);
    loc = acvp_str(c, "counterLocation", 1);
    if (!mode || !loc) return ACVP_FAIL;
    for (i = 0; i < sizeof kdf_modes / sizeof kdf_modes[0]; i++)
        if (strcmp(mode, kdf_modes[i].name) == 0) p.mode = kdf_modes[i].mode;
    if (!p.mode) return acvp_fail(c, "unsupported kdfMode \"%s\"", mode);
    p.ctr_loc = 99;
    for (i = 0; i < sizeof ctr_locations / sizeof ctr_locations[0]; i++)
        if (strcmp(loc, ctr_locations[i].name) == 0) p.ctr_loc = ctr_locations[i].loc;
    if (p.ctr_loc == 99) return acvp_fail(c, "unsupported counterLocation \"%s\"", loc);
    if (!acvp_need_int(c, "counterLength", &ctr_bits) || !acvp_need_int(c, "keyOutLength", &out_bits))
        return ACVP_FAIL;
    if (ctr_bits > 32 || out_bits == 0 || out_bits > (1 << 20))
        return acvp_fail(c, "unsupported counterLength %lld or keyOutLength %lld", ctr_bits, out_bits);
    p.ctr_bits = (uint32_t)ctr_bits;
    if (p.ctr_loc == FIPS140_KBKDF_CTR_MIDDLE_FIXED && !acvp_need_int(c, "breakLocation", &brk)) return ACVP_FAIL;
    p.break_bits = (size_t)brk;

    key = acvp_hex(c, "keyIn", &keylen);
    fixed = key ? acvp_hex(c, "fixedData", &fixedlen) : NULL;
    if (fixed && p.mode == FIPS140_KBKDF_FEEDBACK) {
        const json_value *z = acvp_field(c, "zeroLengthIv");
        if (!(z && json_bool(z))) {
            iv = acvp_hex(c, "iv", &ivlen);
            if (!iv) goto done;
        }
    }
    if (!fixed) goto done;
    if (cmac_key && keylen != cmac_key) {
        acvp_fail(c, "keyIn has %zu bytes, %s needs %zu", keylen, mac, cmac_key);
        goto done;
    }
    p.key = key;
    p.keylen = keylen;
    p.fixed = fixed;
    p.fixedlen = fixedlen;
    p.iv = iv;
    p.ivlen = ivlen;
    size_t nbytes = (size_t)(out_bits + 7) / 8;
    res = malloc(nbytes);
    if (!res) {
        acvp_fail(c, "out of memory");
        goto done;
    }
    fips140_status st = fips140_kbkdf(&p, res, nbytes);
    if (st != FIPS140_OK) {
        acvp_status(c, "KBKDF", st);
        goto done;
    }
    if (out_bits % 8) res[nbytes - 1] &= (uint8_t)(0xff00u >> (out_bits % 8)); /* leftmost keyOutLength bits */
    json_set_hex(out, "keyOut", res, nbytes);
    rc = ACVP_OK;
done:
    free(key);
    free(fixed);
    free(iv);
    free(res);
    return rc;
}

const acvp_family acvp_family_kbkdf = {"KBKDF", kbkdf_match, kbkdf_run};
