/* cli/acvp_kas_ecc.c - ACVP handler for KAS-ECC-SSC, revision Sp800-56Ar3 (ACVP KAS-SSC spec, usnistgov/ACVP
 * src/kas-ssc; SP 800-56A Rev. 3 §6, shared secret Z only: kasMode "noKdfNoKc"). The curve is the group's
 * "domainParameterGenerationMode": P-224 .. P-521; binary curves (B-*, K-*) are omitted like in acvp_ecdsa.c, and so
 * are the MQV schemes (fullMqv, onePassMqv: not implemented), with one stderr note per group.
 *
 * Schemes and Z (§6.1.1.2, §6.2.1.2, §6.2.2.2, §6.3.1.2, §6.3.2.2; every primitive is the ECC CDH of §5.7.1.2):
 *   ephemeralUnified  Z = CDH(de_iut, Qe_server)             staticUnified  Z = CDH(ds_iut, Qs_server)
 *   fullUnified       Z = CDH(de_iut, Qe_server) || CDH(ds_iut, Qs_server)
 *   onePassDH         initiator: Z = CDH(de_iut, Qs_server); responder: Z = CDH(ds_iut, Qe_server)
 *   onePassUnified    Z = Ze || CDH(ds_iut, Qs_server), Ze as onePassDH
 *   AFT: the IUT generates the key pairs its role needs (fips140_ec_keygen), answers their public keys
 *     ("ephemeralPublicIutX/Y", "staticPublicIutX/Y") and "z", or "hashZ" = H(Z) when "hashFunctionZ" names a hash.
 *   VAL: every key is given; answer "testPassed": Z (or its hash) equals the given "z" ("hashZ"). An invalid public
 *     key of the server fails the test (the primitive's full validation, §5.6.2.3.3). */
#include "acvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips140/ec.h"
#include "fips140/hash.h"
#include "fips140/module.h"

static int kas_match(acvp_set *set)
{
    return strcmp(set->algorithm, "KAS-ECC-SSC") == 0 && strcmp(set->revision, "Sp800-56Ar3") == 0 &&
           (!set->mode || !*set->mode);
}

enum { USE_E = 1, USE_S = 2 };

/* scheme_keys - the key pairs (USE_E / USE_S) the IUT uses in its role, 0 for an unknown scheme. */
static int scheme_keys(const char *scheme, int initiator)
{
    if (strcmp(scheme, "ephemeralUnified") == 0) return USE_E;
    if (strcmp(scheme, "staticUnified") == 0) return USE_S;
    if (strcmp(scheme, "fullUnified") == 0) return USE_E | USE_S;
    if (strcmp(scheme, "onePassDH") == 0) return initiator ? USE_E : USE_S;
    if (strcmp(scheme, "onePassUnified") == 0) return initiator ? USE_E | USE_S : USE_S;
    return 0;
}

typedef struct kas_keys {
    uint8_t de[FIPS140_EC_MAX_SCALAR], ds[FIPS140_EC_MAX_SCALAR];  /* the IUT's private keys */
    uint8_t qe[FIPS140_EC_MAX_POINT], qs[FIPS140_EC_MAX_POINT];    /* the server's public keys */
} kas_keys;

/* cdh - one ECC CDH primitive into z (L bytes). Returns 1, 0 when the module refused (invalid key), -1 on an
 * unexpected status (message printed). */
static int cdh(const acvp_case *c, fips140_ec_curve curve, size_t L, const uint8_t *d, const uint8_t *q, uint8_t *z)
{
    fips140_status st = fips140_ecdh(curve, d, L, q, 1 + 2 * L, z, L);
    if (st == FIPS140_OK) return 1;
    if (st == FIPS140_ERR_ARG || st == FIPS140_ERR_KEY_LENGTH) return 0;
    acvp_status(c, "ecdh", st);
    return -1;
}

/* shared_secret - Z of the scheme into z (*zlen bytes); same return values as cdh. */
static int shared_secret(const acvp_case *c, fips140_ec_curve curve, size_t L, const char *scheme, int initiator,
                         const kas_keys *k, uint8_t *z, size_t *zlen)
{
    int rc;
    *zlen = L;
    if (strcmp(scheme, "ephemeralUnified") == 0) return cdh(c, curve, L, k->de, k->qe, z);
    if (strcmp(scheme, "staticUnified") == 0) return cdh(c, curve, L, k->ds, k->qs, z);
    if (strcmp(scheme, "onePassDH") == 0)
        return initiator ? cdh(c, curve, L, k->de, k->qs, z) : cdh(c, curve, L, k->ds, k->qe, z);
    *zlen = 2 * L;
    if (strcmp(scheme, "fullUnified") == 0)
        rc = cdh(c, curve, L, k->de, k->qe, z);
    else /* onePassUnified */
        rc = initiator ? cdh(c, curve, L, k->de, k->qs, z) : cdh(c, curve, L, k->ds, k->qe, z);
    return rc == 1 ? cdh(c, curve, L, k->ds, k->qs, z + L) : rc;
}

/* server_point - 0x04 || X || Y of the server's key named word ("ephemeral" / "static"); *ok = 0 when a coordinate
 * does not fit in L bytes. */
static int server_point(const acvp_case *c, const char *word, size_t L, uint8_t *q, int *ok)
{
    char kx[40], ky[40];
    int fx, fy;
    snprintf(kx, sizeof kx, "%sPublicServerX", word);
    snprintf(ky, sizeof ky, "%sPublicServerY", word);
    q[0] = 0x04;
    if (!acvp_hex_int(c, kx, q + 1, L, &fx) || !acvp_hex_int(c, ky, q + 1 + L, L, &fy)) return 0;
    *ok &= fx && fy;
    return 1;
}

static int kas_run(const acvp_case *c, json_value *out)
{
    static long long noted_tgid = -1;
    static const acvp_set *noted_set;
    const char *name = acvp_str(c, "domainParameterGenerationMode", 1);
    const char *scheme = acvp_str(c, "scheme", 1), *role = acvp_str(c, "kasRole", 1);
    const char *hz = acvp_str(c, "hashFunctionZ", 0);
    if (!name || !scheme || !role) return ACVP_FAIL;
    if (acvp_ec_unsupported(c, name)) return ACVP_SKIP;
    if (strstr(scheme, "Mqv")) {
        if (c->set != noted_set || c->tgid != noted_tgid)
            fprintf(stderr, "fips140 acvp: %s: tgId %lld: scheme %s not supported, its tests are omitted\n",
                    c->set->path, c->tgid, scheme);
        noted_set = c->set;
        noted_tgid = c->tgid;
        return ACVP_SKIP;
    }
    fips140_ec_curve curve = (fips140_ec_curve)acvp_ec_curve(name);
    if (!curve) return acvp_fail(c, "curve %s not supported", name);
    int initiator = strcmp(role, "initiator") == 0;
    if (!initiator && strcmp(role, "responder") != 0) return acvp_fail(c, "kasRole %s not supported", role);
    int use = scheme_keys(scheme, initiator);
    if (!use) return acvp_fail(c, "scheme %s not supported", scheme);
    int hash = 0;
    if (hz && strcmp(hz, "none") != 0) {
        for (int a = FIPS140_SHA1; a <= FIPS140_SHA3_512 && !hash; a++)
            if (fips140_hash_name((fips140_hash_alg)a) && strcmp(fips140_hash_name((fips140_hash_alg)a), hz) == 0)
                hash = a;
        if (!hash) return acvp_fail(c, "hashFunctionZ %s not supported", hz);
    }
    int val = acvp_is_type(c, "VAL");
    if (!val && !acvp_is_type(c, "AFT")) return acvp_bad_type(c);

    size_t L = fips140_ec_scalar_size(curve), zlen = 0;
    kas_keys k;
    uint8_t z[2 * FIPS140_EC_MAX_SCALAR], hzv[FIPS140_HASH_MAX_DIGEST];
    int ok = 1, rc = ACVP_FAIL;
    memset(&k, 0, sizeof k);
    /* The server's public keys: its role's key pairs (the other role of the same scheme). */
    int srv = scheme_keys(scheme, !initiator);
    if ((srv & USE_E && !server_point(c, "ephemeral", L, k.qe, &ok)) ||
        (srv & USE_S && !server_point(c, "static", L, k.qs, &ok)))
        goto done;
    if (val) {
        int fe = 1, fs = 1;
        if ((use & USE_E && !acvp_hex_int(c, "ephemeralPrivateIut", k.de, L, &fe)) ||
            (use & USE_S && !acvp_hex_int(c, "staticPrivateIut", k.ds, L, &fs)))
            goto done;
        ok &= fe && fs;
    } else {
        static const char *const words[2] = {"ephemeral", "static"};
        for (int i = 0; i < 2; i++) {
            uint8_t q[FIPS140_EC_MAX_POINT], *d = i == 0 ? k.de : k.ds;
            char kx[40], ky[40];
            if (!(use & (i == 0 ? USE_E : USE_S))) continue;
            fips140_status st = fips140_ec_keygen(curve, d, L, q, 1 + 2 * L);
            if (st != FIPS140_OK) {
                rc = acvp_status(c, "keygen", st);
                goto done;
            }
            snprintf(kx, sizeof kx, "%sPublicIutX", words[i]);
            snprintf(ky, sizeof ky, "%sPublicIutY", words[i]);
            json_set_hex(out, kx, q + 1, L);
            json_set_hex(out, ky, q + 1 + L, L);
        }
        if (!ok) {
            rc = acvp_fail(c, "server public key coordinate longer than %zu bytes", L);
            goto done;
        }
    }
    if (ok) {
        int r = shared_secret(c, curve, L, scheme, initiator, &k, z, &zlen);
        if (r < 0) goto done;
        if (r == 0 && !val) {
            rc = acvp_fail(c, "the module rejected the server's public key");
            goto done;
        }
        ok = r == 1;
    }
    size_t hlen = hash ? fips140_hash_digest_size((fips140_hash_alg)hash) : 0;
    if (ok && hash) {
        fips140_status st = fips140_hash((fips140_hash_alg)hash, hzv, hlen, z, zlen);
        if (st != FIPS140_OK) {
            rc = acvp_status(c, "hash", st);
            goto done;
        }
    }
    if (val) {
        size_t glen = 0;
        uint8_t *given = acvp_hex(c, hash ? "hashZ" : "z", &glen);
        if (!given) goto done;
        ok = ok && (hash ? glen == hlen && memcmp(given, hzv, hlen) == 0 : glen == zlen && memcmp(given, z, zlen) == 0);
        free(given);
        json_set_bool(out, "testPassed", ok);
    } else if (hash) {
        json_set_hex(out, "hashZ", hzv, hlen);
    } else {
        json_set_hex(out, "z", z, zlen);
    }
    rc = ACVP_OK;
done:
    fips140_wipe(&k, sizeof k);
    fips140_wipe(z, sizeof z);
    return rc;
}

const acvp_family acvp_family_kas_ecc = {"KAS-ECC-SSC", kas_match, kas_run};
