/* cli/acvp_drbg.c - ACVP handler for ctrDRBG, hashDRBG and hmacDRBG, revisions 1.0 and SP800-90Ar1 (ACVP DRBG
 * spec, usnistgov/ACVP src/drbg; SP 800-90A Rev. 1). AFT only.
 *
 * Group fields: mode ("AES-128"…, "SHA2-256"…), derFunc, predResistance, returnedBitsLen (bits). Test fields:
 * entropyInput, nonce, persoString, otherInput[] of {intendedUse: "reSeed" | "generate", additionalInput,
 * entropyInput}. The procedure: instantiate(entropyInput, nonce, persoString); then for each otherInput, reseed
 * with its entropy and additional input, or generate returnedBitsLen bits with its additional input (and, with
 * prediction resistance, its entropy input); the answer "returnedBits" is the output of the last generate.
 * Modes the module does not implement (TDES) are left out of the response with a note on stderr. */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fips140/drbg.h"

/* drbg_match - the three DRBG families; set->alg is the fips140_drbg_type. */
static int drbg_match(acvp_set *set)
{
    if (set->mode && *set->mode) return 0;
    if (strcmp(set->revision, "1.0") != 0 && strcmp(set->revision, "SP800-90Ar1") != 0) return 0;
    if (strcmp(set->algorithm, "ctrDRBG") == 0) set->alg = FIPS140_DRBG_CTR;
    else if (strcmp(set->algorithm, "hmacDRBG") == 0) set->alg = FIPS140_DRBG_HMAC;
    else if (strcmp(set->algorithm, "hashDRBG") == 0) set->alg = FIPS140_DRBG_HASH;
    else return 0;
    return 1;
}

/* drbg_mechanism - the group's mode as a mechanism (AES key bits or fips140_hash_alg); 0 for modes the module does
 * not offer (TDES: not an approved DRBG primitive under SP 800-131A Rev. 2). */
static uint32_t drbg_mechanism(int type, const char *mode)
{
    int a;
    if (type == FIPS140_DRBG_CTR) {
        if (strcmp(mode, "AES-128") == 0) return 128;
        if (strcmp(mode, "AES-192") == 0) return 192;
        if (strcmp(mode, "AES-256") == 0) return 256;
        return 0;
    }
    for (a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *name = fips140_hash_name((fips140_hash_alg)a);
        if (name && strcmp(name, mode) == 0) return (uint32_t)a;
    }
    return 0;
}

/* group_bool - a boolean group field (absent: 0). */
static int group_bool(const acvp_case *c, const char *key)
{
    const json_value *v = acvp_field(c, key);
    return v && json_typeof(v) == JSON_BOOL && json_bool(v);
}

/* entry_hex - hex field key of an otherInput entry (absent: empty); NULL and a message when invalid. */
static uint8_t *entry_hex(const acvp_case *c, const json_value *e, const char *key, size_t *len)
{
    const char *s = json_get_str(e, key);
    uint8_t *p = hex_decode(s ? s : "", len);
    if (!p) acvp_fail(c, "otherInput field \"%s\" is not valid hex", key);
    return p;
}

/* drbg_steps - the reseed / generate calls of otherInput[]; the last generate's output stays in out. */
static int drbg_steps(const acvp_case *c, fips140_drbg_ctx *ctx, int pr, const json_value *steps, uint8_t *out,
                      size_t outlen)
{
    size_t i;
    int generated = 0;
    for (i = 0; i < json_len(steps); i++) {
        const json_value *e = json_at(steps, i);
        const char *use = json_get_str(e, "intendedUse");
        size_t alen, elen;
        uint8_t *add, *ent;
        fips140_status st;
        if (!use) return acvp_fail(c, "otherInput[%zu] has no \"intendedUse\"", i);
        add = entry_hex(c, e, "additionalInput", &alen);
        ent = add ? entry_hex(c, e, "entropyInput", &elen) : NULL;
        if (!ent) {
            free(add);
            return ACVP_FAIL;
        }
        if (strcmp(use, "reSeed") == 0) {
            st = fips140_drbg_reseed(ctx, ent, elen, add, alen);
        } else if (strcmp(use, "generate") == 0) {
            st = fips140_drbg_generate(ctx, out, outlen, add, alen, pr ? ent : NULL, pr ? elen : 0);
            generated = 1;
        } else {
            free(add);
            free(ent);
            return acvp_fail(c, "otherInput[%zu]: unknown intendedUse \"%s\"", i, use);
        }
        free(add);
        free(ent);
        if (st != FIPS140_OK) return acvp_status(c, use, st);
    }
    return generated ? ACVP_OK : acvp_fail(c, "otherInput has no \"generate\" step");
}

/* drbg_run - one AFT test case: answer "returnedBits". */
static int drbg_run(const acvp_case *c, json_value *out)
{
    static long long noted_tgid = -1;
    fips140_drbg_params p;
    fips140_drbg_ctx ctx;
    const char *mode;
    const json_value *steps;
    long long bits;
    size_t elen, nlen, plen, outlen;
    uint8_t *ent = NULL, *nonce = NULL, *pers = NULL, *res = NULL;
    int rc = ACVP_FAIL;
    fips140_status st;

    if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
    mode = acvp_str(c, "mode", 1);
    if (!mode) return ACVP_FAIL;
    memset(&p, 0, sizeof p);
    p.type = (fips140_drbg_type)c->set->alg;
    p.mechanism = drbg_mechanism(c->set->alg, mode);
    if (p.mechanism == 0) {
        if (noted_tgid != c->tgid)
            fprintf(stderr, "fips140 acvp: %s: tgId %lld: mode \"%s\" is not offered by the module (not approved), group left out\n",
                    c->set->path, c->tgid, mode);
        noted_tgid = c->tgid;
        return ACVP_SKIP;
    }
    p.derivation_function = group_bool(c, "derFunc");
    p.prediction_resistance = group_bool(c, "predResistance");
    if (!acvp_need_int(c, "returnedBitsLen", &bits)) return ACVP_FAIL;
    if (bits % 8 || bits <= 0 || bits > 65536 * 8)
        return acvp_fail(c, "unsupported returnedBitsLen %lld (whole bytes up to 2^19 bits)", bits);
    outlen = (size_t)bits / 8;
    steps = json_get(c->test, "otherInput");
    if (json_typeof(steps) != JSON_ARRAY) return acvp_fail(c, "missing array \"otherInput\"");

    ent = acvp_hex(c, "entropyInput", &elen);
    nonce = ent ? acvp_hex(c, "nonce", &nlen) : NULL;
    pers = nonce ? acvp_hex(c, "persoString", &plen) : NULL;
    res = pers ? malloc(outlen) : NULL;
    if (pers && !res) acvp_fail(c, "out of memory");
    if (res) {
        st = fips140_drbg_instantiate(&ctx, &p, ent, elen, nonce, nlen, pers, plen);
        if (st != FIPS140_OK) {
            rc = acvp_status(c, "instantiate", st);
        } else {
            rc = drbg_steps(c, &ctx, p.prediction_resistance, steps, res, outlen);
            if (rc == ACVP_OK) json_set_hex(out, "returnedBits", res, outlen);
            fips140_drbg_uninstantiate(&ctx);
        }
    }
    free(ent);
    free(nonce);
    free(pers);
    free(res);
    return rc;
}

const acvp_family acvp_family_drbg = {"DRBG", drbg_match, drbg_run};
