/* cli/acvp_rsa_keygen.c - ACVP handler for RSA keyGen, revision FIPS186-5 (ACVP RSA spec, usnistgov/ACVP src/rsa:
 * "RSA KeyGen Test Groups", "RSA KeyGen Test Group Responses"; FIPS 186-5 Appendix A.1).
 *
 * Group fields: "modulo" (modulus bits), "randPQ" (the prime-generation method), "pMod8" / "qMod8" (0: none, else
 * p = pMod8 mod 8 and q = qMod8 mod 8), "hashAlg" (methods with provable primes), "keyFormat" ("standard": answer
 * d; "crt": answer dmp1, dmq1, iqmp), "pubExp" ("random" or "fixed" with "fixedPubExp"), "infoGeneratedByServer".
 *   AFT with infoGeneratedByServer true: each test gives "e" and the method's inputs ("seed", "bitlens", "xP",
 *     "xQ", "xP1", "xP2", "xQ1", "xQ2"); the key is deterministic: fips140_rsa_keygen_ex with them. Answer "n",
 *     "p", "q" and d or the CRT values (no "e": the server chose it).
 *   GDT: the IUT makes a key by the group's method with its own randomness (e random: an odd 48-bit value from
 *     the module RBG, or fixedPubExp) and answers "n", "p", "q", d or the CRT values, and "e" when random.
 *   AFT with infoGeneratedByServer false (the IUT would report its own seed / X values) is answered like GDT: the
 *     module's API does not return the values it drew.
 * randPQ to fips140_rsa_prime_method: "provable" A.1.2 (FIPS140_RSA_PRIMES_PROVABLE, the bitlens the prompt may
 * carry do not apply), "provableWithProvableAux" A.1.4 (FIPS140_RSA_PRIMES_PROVABLE with bitlens), "probable" A.1.3,
 * "probableWithProvableAux" A.1.5, "probableWithProbableAux" A.1.6. KAT groups (primality verdicts on pRand / qRand)
 * are not supported. */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips140/fips140.h"
#include "fips140/rand.h"
#include "fips140/rsa.h"

static int rsa_keygen_match(acvp_set *set)
{
    return strcmp(set->algorithm, "RSA") == 0 && set->mode && strcmp(set->mode, "keyGen") == 0 &&
           strcmp(set->revision, "FIPS186-5") == 0;
}

static const struct {
    const char *name;
    fips140_rsa_prime_method method;
    int aux;      /* uses bitlens */
    int seed;     /* uses the seed and hashAlg */
    int x;        /* uses xP, xQ */
    int aux_x;    /* uses xP1, xP2, xQ1, xQ2 */
} rand_pq[] = {
    {"provable", FIPS140_RSA_PRIMES_PROVABLE, 0, 1, 0, 0},
    {"provableWithProvableAux", FIPS140_RSA_PRIMES_PROVABLE, 1, 1, 0, 0},
    {"probable", FIPS140_RSA_PRIMES_PROBABLE, 0, 0, 0, 0},
    {"probableWithProvableAux", FIPS140_RSA_PRIMES_PROBABLE_PROVABLE_AUX, 1, 1, 1, 0},
    {"probableWithProbableAux", FIPS140_RSA_PRIMES_PROBABLE_PROBABLE_AUX, 1, 0, 1, 1},
};

/* answer_component - component comp of key as hex under name */
static int answer_component(const acvp_case *c, json_value *out, const fips140_rsa_key *key,
                            fips140_rsa_component comp, const char *name)
{
    uint8_t buf[FIPS140_RSA_MAX_BITS / 8];
    size_t n = 0;
    int st = fips140_rsa_key_get(key, comp, buf, sizeof buf, &n);
    if (st != FIPS140_OK) return acvp_status(c, name, st);
    json_set_hex(out, name, buf, n);
    return ACVP_OK;
}

/* optional_hex - a hex field that may be absent or empty: *p NULL then; 0 on a malformed value */
static int optional_hex(const acvp_case *c, const char *key, uint8_t **p, size_t *len)
{
    const json_value *v = acvp_field(c, key);
    *p = NULL;
    *len = 0;
    if (!v || (json_typeof(v) == JSON_STRING && json_strlen(v) == 0)) return 1;
    *p = acvp_hex(c, key, len);
    if (!*p) return 0;
    if (*len == 0) {
        free(*p);
        *p = NULL;
    }
    return 1;
}

static int rsa_keygen_run(const acvp_case *c, json_value *out)
{
    const char *rp = acvp_str(c, "randPQ", 1), *fmt = acvp_str(c, "keyFormat", 1);
    const char *pubexp = acvp_str(c, "pubExp", 0), *hash = acvp_str(c, "hashAlg", 0);
    const json_value *igs = acvp_field(c, "infoGeneratedByServer");
    long long modulo, pm8 = 0, qm8 = 0;
    fips140_rsa_keygen_params pr;
    uint8_t *bufs[9] = {NULL};
    uint8_t erand[6];
    size_t i, m;
    int rc = ACVP_FAIL, st, crt, given;
    fips140_rsa_key *key = NULL;

    if (!rp || !fmt || !acvp_need_int(c, "modulo", &modulo)) return ACVP_FAIL;
    if (acvp_int(c, "pMod8", &pm8) < 0 || acvp_int(c, "qMod8", &qm8) < 0) return ACVP_FAIL;
    if (strcmp(fmt, "crt") == 0) crt = 1;
    else if (strcmp(fmt, "standard") == 0) crt = 0;
    else return acvp_fail(c, "unsupported keyFormat \"%s\"", fmt);
    for (m = 0; m < sizeof rand_pq / sizeof rand_pq[0]; m++)
        if (strcmp(rp, rand_pq[m].name) == 0) break;
    if (m == sizeof rand_pq / sizeof rand_pq[0]) return acvp_fail(c, "unsupported randPQ \"%s\"", rp);
    if (acvp_is_type(c, "AFT")) given = igs && json_typeof(igs) == JSON_BOOL && json_bool(igs);
    else if (acvp_is_type(c, "GDT")) given = 0;
    else return acvp_bad_type(c);

    memset(&pr, 0, sizeof pr);
    pr.method = rand_pq[m].method;
    pr.nbits = (unsigned)modulo;
    pr.p_mod8 = (unsigned)pm8;
    pr.q_mod8 = (unsigned)qm8;
    if (modulo <= 0 || modulo > 16384 || pm8 > 7 || qm8 > 7) return acvp_fail(c, "bad modulo, pMod8 or qMod8");
    if (rand_pq[m].seed) {
        int a;
        if (!hash) return acvp_fail(c, "randPQ \"%s\" needs hashAlg", rp);
        for (a = FIPS140_SHA1; a <= FIPS140_SHA3_512; a++) {
            const char *name = fips140_hash_name((fips140_hash_alg)a);
            if (name && strcmp(name, hash) == 0) break;
        }
        if (a > FIPS140_SHA3_512) return acvp_fail(c, "unsupported hashAlg \"%s\"", hash);
        pr.hash = (fips140_hash_alg)a;
    }

    if (given) {
        /* the server's e and the method's inputs */
        const json_value *bl = acvp_field(c, "bitlens");
        pr.e = bufs[0] = acvp_hex(c, "e", &pr.elen);
        if (!bufs[0]) goto done;
        if (rand_pq[m].seed) {
            pr.seed = bufs[1] = acvp_hex(c, "seed", &pr.seedlen);
            if (!bufs[1]) goto done;
        }
        if (rand_pq[m].aux) {
            if (json_typeof(bl) != JSON_ARRAY || json_len(bl) != 4) {
                acvp_fail(c, "randPQ \"%s\" needs \"bitlens\" (4 integers)", rp);
                goto done;
            }
            for (i = 0; i < 4; i++) {
                long long v;
                if (!json_int(json_at(bl, i), &v) || v < 0 || v > 8192) {
                    acvp_fail(c, "bad \"bitlens\"");
                    goto done;
                }
                pr.bitlens[i] = (unsigned)v;
            }
        }
        if (rand_pq[m].x && (!optional_hex(c, "xP", &bufs[2], &pr.xplen) ||
                             !optional_hex(c, "xQ", &bufs[3], &pr.xqlen)))
            goto done;
        pr.xp = bufs[2];
        pr.xq = bufs[3];
        if (rand_pq[m].aux_x && (!optional_hex(c, "xP1", &bufs[4], &pr.xp1len) ||
                                 !optional_hex(c, "xP2", &bufs[5], &pr.xp2len) ||
                                 !optional_hex(c, "xQ1", &bufs[6], &pr.xq1len) ||
                                 !optional_hex(c, "xQ2", &bufs[7], &pr.xq2len)))
            goto done;
        pr.xp1 = bufs[4];
        pr.xp2 = bufs[5];
        pr.xq1 = bufs[6];
        pr.xq2 = bufs[7];
    } else {
        /* the IUT's own key: e from the group (fixed) or random; A.1.4 needs auxiliary prime lengths: the least
         * FIPS 186-5 Table A.1 allows */
        if (pubexp && strcmp(pubexp, "fixed") == 0) {
            pr.e = bufs[0] = acvp_hex(c, "fixedPubExp", &pr.elen);
            if (!bufs[0]) goto done;
        } else {
            st = fips140_rand_bytes(erand, sizeof erand);
            if (st != FIPS140_OK) {
                acvp_status(c, "fips140_rand_bytes", st);
                goto done;
            }
            erand[0] |= 0x80;
            erand[5] |= 1;
            pr.e = erand;
            pr.elen = sizeof erand;
        }
        if (rand_pq[m].method == FIPS140_RSA_PRIMES_PROVABLE && rand_pq[m].aux)
            for (i = 0; i < 4; i++) pr.bitlens[i] = modulo <= 2048 ? 141 : modulo <= 3072 ? 171 : 201;
    }

    st = fips140_rsa_key_new(&key);
    if (st != FIPS140_OK) {
        acvp_status(c, "fips140_rsa_key_new", st);
        goto done;
    }
    st = fips140_rsa_keygen_ex(key, &pr);
    if (st != FIPS140_OK) {
        acvp_status(c, "fips140_rsa_keygen_ex", st);
        goto done;
    }
    /* "e" only when the IUT chose it (random pubExp) */
    if (!given && !(pubexp && strcmp(pubexp, "fixed") == 0) &&
        answer_component(c, out, key, FIPS140_RSA_E, "e") != ACVP_OK)
        goto done;
    if (answer_component(c, out, key, FIPS140_RSA_N, "n") != ACVP_OK ||
        answer_component(c, out, key, FIPS140_RSA_P, "p") != ACVP_OK ||
        answer_component(c, out, key, FIPS140_RSA_Q, "q") != ACVP_OK)
        goto done;
    if (crt) {
        if (answer_component(c, out, key, FIPS140_RSA_DP, "dmp1") != ACVP_OK ||
            answer_component(c, out, key, FIPS140_RSA_DQ, "dmq1") != ACVP_OK ||
            answer_component(c, out, key, FIPS140_RSA_QINV, "iqmp") != ACVP_OK)
            goto done;
    } else if (answer_component(c, out, key, FIPS140_RSA_D, "d") != ACVP_OK) {
        goto done;
    }
    rc = ACVP_OK;
done:
    fips140_rsa_key_free(key);
    for (i = 0; i < sizeof bufs / sizeof bufs[0]; i++) free(bufs[i]);
    return rc;
}

const acvp_family acvp_family_rsa_keygen = {"RSA keyGen", rsa_keygen_match, rsa_keygen_run};
