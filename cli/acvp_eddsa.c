/* cli/acvp_eddsa.c - ACVP handler for EDDSA keyGen, sigGen and sigVer, revision 1.0 (ACVP EDDSA spec,
 * usnistgov/ACVP src/eddsa; FIPS 186-5 §7, RFC 8032 §5.1). Only curve "ED-25519" is supported: tests of ED-448
 * groups are omitted from the response (ACVP_SKIP), with one note per group on stderr.
 *   keyGen AFT: answer "d" (the 32-byte private key, from the module's RBG) and "q" (its public key).
 *   sigGen AFT/BFT: key "d" from the group, "message" and "context" from the test; the group's "preHash" selects
 *     Ed25519ph (with the context), otherwise Ed25519 (empty context) or Ed25519ctx. Answer "signature".
 *   sigVer AFT: "q", "message", "signature" (and "context" if present, else empty); answer "testPassed". */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips140/eddsa.h"

enum { EDDSA_KEYGEN = 1, EDDSA_SIGGEN, EDDSA_SIGVER };

static int eddsa_match(acvp_set *set)
{
    if (strcmp(set->algorithm, "EDDSA") != 0 || strcmp(set->revision, "1.0") != 0 || !set->mode) return 0;
    if (strcmp(set->mode, "keyGen") == 0) set->alg = EDDSA_KEYGEN;
    else if (strcmp(set->mode, "sigGen") == 0) set->alg = EDDSA_SIGGEN;
    else if (strcmp(set->mode, "sigVer") == 0) set->alg = EDDSA_SIGVER;
    else return 0;
    return 1;
}

/* hex_opt - an optional hex field: the decoded bytes, or an empty buffer when absent. NULL on bad hex. */
static uint8_t *hex_opt(const acvp_case *c, const char *key, size_t *len)
{
    if (!acvp_field(c, key)) {
        *len = 0;
        return calloc(1, 1);
    }
    return acvp_hex(c, key, len);
}

static int eddsa_run(const acvp_case *c, json_value *out)
{
    static long long noted_tgid = -1;
    const char *curve = acvp_str(c, "curve", 1);
    if (!curve) return ACVP_FAIL;
    if (strcmp(curve, "ED-25519") != 0) {
        if (c->tgid != noted_tgid)
            fprintf(stderr, "fips140 acvp: %s: tgId %lld: curve %s not supported, its tests are omitted\n",
                    c->set->path, c->tgid, curve);
        noted_tgid = c->tgid;
        return ACVP_SKIP;
    }
    if (c->set->alg == EDDSA_KEYGEN) {
        uint8_t d[32], q[32];
        if (!acvp_is_type(c, "AFT")) return acvp_bad_type(c);
        fips140_status st = fips140_ed25519_keygen(d, q);
        if (st != FIPS140_OK) return acvp_status(c, "keygen", st);
        json_set_hex(out, "d", d, 32);
        json_set_hex(out, "q", q, 32);
        return ACVP_OK;
    }
    if (!acvp_is_type(c, "AFT") && !(c->set->alg == EDDSA_SIGGEN && acvp_is_type(c, "BFT")))
        return acvp_bad_type(c);
    const json_value *ph = acvp_field(c, "preHash");
    int prehash = ph && json_typeof(ph) == JSON_BOOL && json_bool(ph);
    size_t klen = 0, mlen = 0, ctxlen = 0, slen = 0;
    int rc = ACVP_FAIL;
    uint8_t *key = acvp_hex(c, c->set->alg == EDDSA_SIGGEN ? "d" : "q", &klen);
    uint8_t *msg = key ? acvp_hex(c, "message", &mlen) : NULL;
    uint8_t *ctx = msg ? hex_opt(c, "context", &ctxlen) : NULL;
    uint8_t *sig = NULL;
    if (!ctx) goto done;
    fips140_eddsa_variant v = prehash ? FIPS140_ED25519PH : ctxlen ? FIPS140_ED25519CTX : FIPS140_ED25519;
    if (klen != 32) {
        rc = acvp_fail(c, "key of %zu bytes (Ed25519 keys are 32)", klen);
        goto done;
    }
    if (c->set->alg == EDDSA_SIGGEN) {
        uint8_t s[64];
        fips140_status st = fips140_eddsa_sign(v, s, key, ctx, ctxlen, msg, mlen);
        if (st != FIPS140_OK) {
            rc = acvp_status(c, "sign", st);
            goto done;
        }
        json_set_hex(out, "signature", s, 64);
        rc = ACVP_OK;
    } else {
        sig = acvp_hex(c, "signature", &slen);
        if (!sig) goto done;
        fips140_status st = fips140_eddsa_verify(v, key, ctx, ctxlen, msg, mlen, sig, slen);
        if (st != FIPS140_OK && st != FIPS140_ERR_AUTH) {
            rc = acvp_status(c, "verify", st);
            goto done;
        }
        json_set_bool(out, "testPassed", st == FIPS140_OK);
        rc = ACVP_OK;
    }
done:
    free(key), free(msg), free(ctx), free(sig);
    return rc;
}

const acvp_family acvp_family_eddsa = {"EDDSA", eddsa_match, eddsa_run};
