/* cli/acvp_kda.c - ACVP handler for algorithm "KDA", modes "HKDF" and "OneStep", revision "Sp800-56Cr2" (also
 * "Sp800-56Cr1", whose test format is the same): the SP 800-56C KDFs as tested by the ACVP KDA sub-specification.
 *
 * AFT: derive and answer "dkm". VAL: derive, compare with the test's "dkm" and answer "testPassed".
 * A test carries its inputs in "kdfParameter" (kdfType, z, salt, l in bits, hmacAlg or auxFunction, t, optional
 * algorithmId / label / context, fixedInfoPattern, fixedInputEncoding) and the parties' contributions in
 * "fixedInfoPartyU" / "fixedInfoPartyV" (partyId, optional ephemeralData). FixedInfo is built from the pattern, a
 * "||"-separated list of: uPartyInfo / vPartyInfo (partyId || ephemeralData), t, l (32-bit big-endian bit length),
 * algorithmId, label, context (the parameter's hex field) and literal[<hex>]; the only encoding is "concatenation".
 * Multi-expansion HKDF groups ("multiExpansion": true) carry "kdfMultiExpansionParameter" (z, salt, hmacAlg,
 * iterationParameters [{l, fixedInfo}]): one extraction, one expansion per entry; the answer is the array "dkms".
 *
 * Not implemented (one note per group on stderr, tests omitted): KMAC auxiliary functions (no KMAC in the module) and
 * hybrid shared secrets (usesHybridSharedSecret). */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fips140/kdf.h"

enum { KDA_HKDF = 1, KDA_ONESTEP = 2 };

/* kda_hash - fips140_hash_alg of an ACVP fixed-length hash name ("SHA-1", "SHA2-512/256", "SHA3-224"...), 0 if none. */
static int kda_hash(const char *name)
{
    if (!name) return 0;
    for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
        const char *n = fips140_hash_name((fips140_hash_alg)a);
        if (n && strcmp(n, name) == 0) return a;
    }
    return 0;
}

/* kda_match - "KDA" with mode HKDF or OneStep. */
static int kda_match(acvp_set *set)
{
    if (strcmp(set->algorithm, "KDA") != 0 || !set->mode) return 0;
    if (strcmp(set->revision, "Sp800-56Cr2") != 0 && strcmp(set->revision, "Sp800-56Cr1") != 0) return 0;
    if (strcmp(set->mode, "HKDF") == 0) set->alg = KDA_HKDF;
    else if (strcmp(set->mode, "OneStep") == 0) set->alg = KDA_ONESTEP;
    else return 0;
    return 1;
}

/* kda_skip - a group the module does not implement: one note per group, the test omitted. */
static int kda_skip(const acvp_case *c, const char *what)
{
    static long long noted = -1;
    if (noted != c->tgid) {
        fprintf(stderr, "fips140 acvp: %s: tgId %lld: %s not implemented, group skipped\n", c->set->path, c->tgid, what);
        noted = c->tgid;
    }
    return ACVP_SKIP;
}

/* bytes - a growable byte string. */
typedef struct bytes {
    uint8_t *p;
    size_t n, cap;
} bytes;

/* bytes_add - append n bytes; 0 on allocation failure. */
static int bytes_add(bytes *b, const uint8_t *p, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = (b->n + n) * 2 + 16;
        uint8_t *q = realloc(b->p, cap);
        if (!q) return 0;
        b->p = q;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->n, p, n);
    b->n += n;
    return 1;
}

/* add_hex - append the hex string s (NULL: the field is missing, an error). */
static int add_hex(const acvp_case *c, bytes *b, const char *s, const char *what)
{
    size_t n;
    uint8_t *p;
    int ok;
    if (!s) return acvp_fail(c, "fixedInfo needs \"%s\", which the test lacks", what), 0;
    p = hex_decode(s, &n);
    if (!p) return acvp_fail(c, "\"%s\" is not valid hex", what), 0;
    ok = bytes_add(b, p, n);
    free(p);
    if (!ok) acvp_fail(c, "out of memory");
    return ok;
}

/* add_party - partyId || ephemeralData (if present) of fixedInfoPartyU / V (ACVP KDA "uPartyInfo", "vPartyInfo"). */
static int add_party(const acvp_case *c, bytes *b, const char *key)
{
    const json_value *party = json_get(c->test, key);
    const char *eph;
    if (!party) return acvp_fail(c, "missing \"%s\"", key), 0;
    if (!add_hex(c, b, json_get_str(party, "partyId"), "partyId")) return 0;
    eph = json_get_str(party, "ephemeralData");
    return eph ? add_hex(c, b, eph, "ephemeralData") : 1;
}

/* build_fixed_info - FixedInfo of a kdfParameter from its pattern (concatenation encoding). */
static int build_fixed_info(const acvp_case *c, const json_value *kp, long long lbits, bytes *fi)
{
    const json_value *cfg = json_get(c->group, "kdfConfiguration");
    const char *pattern = json_get_str(kp, "fixedInfoPattern");
    const char *enc = json_get_str(kp, "fixedInputEncoding");
    if (!pattern) pattern = json_get_str(cfg, "fixedInfoPattern");
    if (!enc) enc = json_get_str(cfg, "fixedInfoEncoding");
    if (!pattern) return acvp_fail(c, "missing fixedInfoPattern"), 0;
    if (enc && strcmp(enc, "concatenation") != 0)
        return acvp_fail(c, "unsupported fixedInfo encoding \"%s\" (concatenation only)", enc), 0;

    const char *p = pattern;
    while (*p) {
        const char *end = strstr(p, "||");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char part[256];
        if (len == 0 || len >= sizeof part) return acvp_fail(c, "bad fixedInfoPattern \"%s\"", pattern), 0;
        memcpy(part, p, len);
        part[len] = '\0';
        int ok;
        if (strcmp(part, "uPartyInfo") == 0) {
            ok = add_party(c, fi, "fixedInfoPartyU");
        } else if (strcmp(part, "vPartyInfo") == 0) {
            ok = add_party(c, fi, "fixedInfoPartyV");
        } else if (strcmp(part, "l") == 0) {
            uint8_t l4[4] = {(uint8_t)(lbits >> 24), (uint8_t)(lbits >> 16), (uint8_t)(lbits >> 8), (uint8_t)lbits};
            ok = bytes_add(fi, l4, 4);
            if (!ok) acvp_fail(c, "out of memory");
        } else if (strcmp(part, "t") == 0 || strcmp(part, "algorithmId") == 0 || strcmp(part, "label") == 0 ||
                   strcmp(part, "context") == 0) {
            ok = add_hex(c, fi, json_get_str(kp, part), part);
        } else if (strncmp(part, "literal[", 8) == 0 && part[len - 1] == ']') {
            part[len - 1] = '\0';
            ok = add_hex(c, fi, part + 8, "literal");
        } else {
            return acvp_fail(c, "unsupported fixedInfoPattern element \"%s\"", part), 0;
        }
        if (!ok) return 0;
        p = end ? end + 2 : p + len;
    }
    return 1;
}

/* get_hex_opt - decode kp[key] (absent: empty, *present = 0). NULL on bad hex (message printed). */
static uint8_t *get_hex_opt(const acvp_case *c, const json_value *kp, const char *key, size_t *len, int *present)
{
    const char *s = json_get_str(kp, key);
    uint8_t *p;
    *present = s != NULL;
    p = hex_decode(s ? s : "", len);
    if (!p) acvp_fail(c, "\"%s\" is not valid hex", key);
    return p;
}

/* answer - AFT: set "dkm"; VAL: compare with the test's "dkm" and set "testPassed". */
static int answer(const acvp_case *c, json_value *out, const uint8_t *dkm, size_t n)
{
    if (acvp_is_type(c, "AFT")) {
        json_set_hex(out, "dkm", dkm, n);
        return ACVP_OK;
    }
    size_t elen;
    const char *s = json_get_str(c->test, "dkm");
    uint8_t *exp = s ? hex_decode(s, &elen) : NULL;
    if (!exp) return acvp_fail(c, "VAL test without a valid \"dkm\"");
    json_set_bool(out, "testPassed", elen == n && memcmp(exp, dkm, n) == 0);
    free(exp);
    return ACVP_OK;
}

/* run_single - one kdfParameter test (HKDF or one-step). */
static int run_single(const acvp_case *c, const json_value *kp, json_value *out)
{
    long long lbits;
    size_t zlen = 0, saltlen = 0, n;
    int has_z, has_salt, alg, hmac = 1, rc = ACVP_FAIL, st;
    uint8_t *z = NULL, *salt = NULL, *dkm = NULL;
    bytes fi = {0};

    if (!json_get_int(kp, "l", &lbits) || lbits <= 0 || lbits % 8 != 0 || lbits > (1ll << 24))
        return acvp_fail(c, "missing or unsupported \"l\" (whole bytes)");
    if (json_bool(json_get(kp, "requiresAdditionalNoncePair")))
        return acvp_fail(c, "requiresAdditionalNoncePair is not supported for this KDF");
    if (c->set->alg == KDA_HKDF) {
        const char *h = json_get_str(kp, "hmacAlg");
        alg = kda_hash(h);
        if (!alg) return acvp_fail(c, "unsupported hmacAlg \"%s\"", h ? h : "?");
    } else {
        const char *aux = json_get_str(kp, "auxFunction");
        if (!aux) return acvp_fail(c, "missing auxFunction");
        if (strncmp(aux, "KMAC-", 5) == 0) return kda_skip(c, "one-step KDF with KMAC");
        if (strncmp(aux, "HMAC-", 5) == 0) aux += 5;
        else hmac = 0;
        alg = kda_hash(aux);
        if (!alg) return acvp_fail(c, "unsupported auxFunction \"%s\"", json_get_str(kp, "auxFunction"));
    }
    n = (size_t)lbits / 8;
    z = get_hex_opt(c, kp, "z", &zlen, &has_z);
    if (z && !has_z) acvp_fail(c, "missing \"z\"");
    if (z && has_z) salt = get_hex_opt(c, kp, "salt", &saltlen, &has_salt); /* absent: empty (default salt) */
    if (salt && build_fixed_info(c, kp, lbits, &fi)) {
        dkm = malloc(n);
        if (!dkm) {
            acvp_fail(c, "out of memory");
        } else {
            if (c->set->alg == KDA_HKDF)
                st = fips140_hkdf((fips140_hash_alg)alg, dkm, n, z, zlen, salt, saltlen, fi.p, fi.n);
            else if (hmac)
                st = fips140_kda_onestep_hmac((fips140_hash_alg)alg, dkm, n, salt, saltlen, z, zlen, fi.p, fi.n);
            else
                st = fips140_kda_onestep_hash((fips140_hash_alg)alg, dkm, n, z, zlen, fi.p, fi.n);
            rc = st == FIPS140_OK ? answer(c, out, dkm, n) : acvp_status(c, "KDA", st);
        }
    }
    free(z);
    free(salt);
    free(dkm);
    free(fi.p);
    return rc;
}

/* run_multi - one multi-expansion HKDF test: PRK from (salt, z), then one expansion per iterationParameters entry. */
static int run_multi(const acvp_case *c, const json_value *kp, json_value *out)
{
    const char *h = json_get_str(kp, "hmacAlg");
    const json_value *iters = json_get(kp, "iterationParameters");
    int alg = kda_hash(h), present, rc = ACVP_OK, st;
    size_t zlen = 0, saltlen = 0, count = json_len(iters);
    uint8_t prk[FIPS140_HASH_MAX_DIGEST];
    uint8_t *z, *salt = NULL;
    json_value *dkms;

    if (c->set->alg != KDA_HKDF) return acvp_fail(c, "multi-expansion is only defined for HKDF");
    if (!alg) return acvp_fail(c, "unsupported hmacAlg \"%s\"", h ? h : "?");
    if (!iters || json_typeof(iters) != JSON_ARRAY || count == 0) return acvp_fail(c, "missing iterationParameters");
    z = get_hex_opt(c, kp, "z", &zlen, &present);
    if (z) salt = get_hex_opt(c, kp, "salt", &saltlen, &present);
    if (!salt) {
        free(z);
        return ACVP_FAIL;
    }
    st = fips140_hkdf_extract((fips140_hash_alg)alg, prk, salt, saltlen, z, zlen);
    free(z);
    free(salt);
    if (st != FIPS140_OK) return acvp_status(c, "HKDF extract", st);

    const json_value *expected = json_get(c->test, "dkms");
    int val = !acvp_is_type(c, "AFT"), same = 1;
    if (val && (!expected || json_typeof(expected) != JSON_ARRAY)) return acvp_fail(c, "VAL test without \"dkms\"");
    if (val && json_len(expected) != count) same = 0;
    dkms = json_new_array();
    for (size_t i = 0; i < count && rc == ACVP_OK; i++) {
        const json_value *it = json_at(iters, i);
        long long lbits;
        size_t filen = 0, n;
        const char *fis = json_get_str(it, "fixedInfo");
        uint8_t *fi = fis ? hex_decode(fis, &filen) : NULL, *dkm;
        if (!fi || !json_get_int(it, "l", &lbits) || lbits <= 0 || lbits % 8 != 0 || lbits > (1ll << 24)) {
            free(fi);
            rc = acvp_fail(c, "iterationParameters[%zu]: bad fixedInfo or l", i);
            break;
        }
        n = (size_t)lbits / 8;
        dkm = malloc(n);
        if (!dkm) {
            free(fi);
            rc = acvp_fail(c, "out of memory");
            break;
        }
        st = fips140_hkdf_expand((fips140_hash_alg)alg, dkm, n, prk, fips140_hash_digest_size((fips140_hash_alg)alg),
                                 fi, filen);
        if (st != FIPS140_OK) {
            rc = acvp_status(c, "HKDF expand", st);
        } else if (val) {
            size_t elen;
            const char *es = json_str(json_at(expected, i));
            uint8_t *e = es ? hex_decode(es, &elen) : NULL;
            if (!e || elen != n || memcmp(e, dkm, n) != 0) same = 0;
            free(e);
        } else {
            char *hex = hex_encode(dkm, n);
            if (hex) json_push(dkms, json_new_string(hex));
            else rc = acvp_fail(c, "out of memory");
            free(hex);
        }
        free(fi);
        free(dkm);
    }
    if (rc == ACVP_OK && val) json_set_bool(out, "testPassed", same);
    if (rc == ACVP_OK && !val) json_set(out, "dkms", dkms);
    else json_free(dkms);
    return rc;
}

/* kda_run - one KDA test case. */
static int kda_run(const acvp_case *c, json_value *out)
{
    const json_value *kp;
    if (!acvp_is_type(c, "AFT") && !acvp_is_type(c, "VAL")) return acvp_bad_type(c);
    if (json_bool(json_get(c->group, "usesHybridSharedSecret"))) return kda_skip(c, "hybrid shared secret");
    if ((kp = json_get(c->test, "kdfMultiExpansionParameter")) != NULL) return run_multi(c, kp, out);
    if ((kp = json_get(c->test, "kdfParameter")) != NULL) return run_single(c, kp, out);
    return acvp_fail(c, "missing kdfParameter");
}

const acvp_family acvp_family_kda = {"KDA", kda_match, kda_run};
