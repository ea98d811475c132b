/* provider/pk_rsa.c - RSA for the fips140 provider (helper "pkrsa"): keymgmt "RSA" and "RSA-PSS" (import / export /
 * generate; RSA-PSS keys sign with PSS only and carry the optional RFC 4055 restrictions digest / mgf1-digest /
 * minimum saltlen),
 * signature "RSA" (RSASSA-PKCS1-v1_5 and RSASSA-PSS over a digest, and the digest_sign / digest_verify forms),
 * asym-cipher "RSA" (RSAES-OAEP only: PKCS#1 v1.5 encryption is not approved and is refused).
 *
 * Every cryptographic operation goes through <fips140/rsa.h> and <fips140/hash.h>. Integers cross the OSSL_PARAM
 * interface as OSSL_PARAM_UNSIGNED_INTEGER in native byte order (as OpenSSL's BIGNUM params do) and cross the module
 * API as big-endian byte strings; bn_from_param and fips140_prov_param_set_bn (params.c) convert. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prov.h"
#include <fips140/rsa.h>

/* OpenSSL's values (<openssl/rsa.h> constants, repeated here: the provider does not include libcrypto headers
 * beyond the core ones) */
#define PAD_PKCS1 1
#define PAD_NONE 3
#define PAD_OAEP 4
#define PAD_X931 5
#define PAD_PSS 6
#define SALT_DIGEST (-1)
#define SALT_AUTO (-2)
#define SALT_MAX (-3)

/* ====================================================================================== integer conversion */

/* bn_from_param - the unsigned integer of p as a malloc'd big-endian string (*out, *outlen); 0 on a wrong type */
static int bn_from_param(const OSSL_PARAM *p, uint8_t **out, size_t *outlen)
{
    if (p == NULL || p->data == NULL || p->data_type != OSSL_PARAM_UNSIGNED_INTEGER || p->data_size == 0)
        return 0;
    uint8_t *be = malloc(p->data_size);
    if (be == NULL)
        return 0;
    if (!fips140_prov_param_get_bn(p, be, p->data_size)) {
        free(be);
        return 0;
    }
    *out = be;
    *outlen = p->data_size;
    return 1;
}

/* ====================================================================================== key management */

/* RSA-PSS keys (RFC 4055) are RSA keys usable only for RSASSA-PSS, optionally restricted to one hash, one MGF1 hash
 * and a minimum salt length (exported / imported as digest, mgf1-digest, saltlen). */
typedef struct pss_restr {
    int set;
    fips140_hash_alg md, mgf1;
    int saltlen;
} pss_restr;

typedef struct rsa_key {
    void *provctx;
    fips140_rsa_key *k; /* NULL until generated or imported */
    int pss;            /* an RSA-PSS key */
    pss_restr restr;
} rsa_key;

static int get_digest(void *provctx, const OSSL_PARAM *p, fips140_hash_alg *alg);

/* parse_restr - the RSA-PSS restrictions among params into *r (untouched when none is given) */
static int parse_restr(void *provctx, const OSSL_PARAM params[], pss_restr *r)
{
    const OSSL_PARAM *pd = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_DIGEST);
    const OSSL_PARAM *pm = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_MGF1_DIGEST);
    const OSSL_PARAM *ps = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_PSS_SALTLEN);
    const OSSL_PARAM *pf = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_MASKGENFUNC);
    pss_restr n = *r;
    if (pd == NULL && pm == NULL && ps == NULL && pf == NULL)
        return 1;
    if (!n.set) { /* RFC 4055 defaults */
        n.md = FIPS140_SHA1;
        n.mgf1 = FIPS140_SHA1; /* an absent mgf1-digest is SHA-1 (RFC 4055), as OpenSSL reads and writes it */
        n.saltlen = 20;
    }
    if (pf != NULL) {
        char mgf[16];
        if (!fips140_prov_param_get_utf8_string(pf, mgf, sizeof mgf) || !fips140_prov_name_in_list(mgf, "MGF1")) {
            FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_UNSUPPORTED, "mask generation function: only MGF1");
            return 0;
        }
    }
    if (pd != NULL && !get_digest(provctx, pd, &n.md))
        return 0;
    if (pm != NULL && !get_digest(provctx, pm, &n.mgf1))
        return 0;
    if (ps != NULL && (!fips140_prov_param_get_int(ps, &n.saltlen) || n.saltlen < 0)) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_INVALID_PARAM, "saltlen");
        return 0;
    }
    n.set = 1;
    *r = n;
    return 1;
}

static void *rsa_km_new(void *provctx)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return NULL;
    }
    rsa_key *key = calloc(1, sizeof *key);
    if (key == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    key->provctx = provctx;
    return key;
}

static void *rsa_pss_km_new(void *provctx)
{
    rsa_key *key = rsa_km_new(provctx);
    if (key != NULL)
        key->pss = 1;
    return key;
}

static void rsa_km_free(void *keydata)
{
    rsa_key *key = keydata;
    if (key == NULL)
        return;
    fips140_rsa_key_free(key->k);
    free(key);
}

static int rsa_km_has(const void *keydata, int selection)
{
    const rsa_key *key = keydata;
    if (key == NULL)
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0)
        return 1;
    if (key->k == NULL || fips140_rsa_bits(key->k) == 0)
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) != 0 && !fips140_rsa_is_private(key->k))
        return 0;
    return 1;
}

static int rsa_km_validate(const void *keydata, int selection, int checktype)
{
    (void)checktype;
    /* the module checks every key when it is loaded or generated (rsa.h: set_public / set_private / keygen) */
    return rsa_km_has(keydata, selection);
}

/* get_comp - component c of k as a malloc'd big-endian string; 0 when the key does not hold it */
static int get_comp(const fips140_rsa_key *k, fips140_rsa_component c, uint8_t **out, size_t *len)
{
    size_t n = 0;
    if (fips140_rsa_key_get(k, c, NULL, 0, &n) != FIPS140_OK || n == 0)
        return 0;
    uint8_t *buf = malloc(n);
    if (buf == NULL)
        return 0;
    if (fips140_rsa_key_get(k, c, buf, n, &n) != FIPS140_OK) {
        free(buf);
        return 0;
    }
    *out = buf;
    *len = n;
    return 1;
}

static int comp_equal(const fips140_rsa_key *a, const fips140_rsa_key *b, fips140_rsa_component c)
{
    uint8_t *x = NULL, *y = NULL;
    size_t xl = 0, yl = 0;
    int ok = get_comp(a, c, &x, &xl) && get_comp(b, c, &y, &yl) && xl == yl && memcmp(x, y, xl) == 0;
    free(x);
    free(y);
    return ok;
}

static int rsa_km_match(const void *keydata1, const void *keydata2, int selection)
{
    const rsa_key *a = keydata1, *b = keydata2;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0)
        return 1;
    if (a == NULL || b == NULL || a->k == NULL || b->k == NULL || a->pss != b->pss)
        return 0;
    if (!comp_equal(a->k, b->k, FIPS140_RSA_N) || !comp_equal(a->k, b->k, FIPS140_RSA_E))
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) != 0 && (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) == 0)
        return comp_equal(a->k, b->k, FIPS140_RSA_D);
    return 1;
}

/* the OSSL_PARAM names of the components, in fips140_rsa_component order from N */
static const struct {
    const char *name;
    fips140_rsa_component c;
    int priv;
} rsa_comps[] = {
    {OSSL_PKEY_PARAM_RSA_N, FIPS140_RSA_N, 0},
    {OSSL_PKEY_PARAM_RSA_E, FIPS140_RSA_E, 0},
    {OSSL_PKEY_PARAM_RSA_D, FIPS140_RSA_D, 1},
    {OSSL_PKEY_PARAM_RSA_FACTOR1, FIPS140_RSA_P, 1},
    {OSSL_PKEY_PARAM_RSA_FACTOR2, FIPS140_RSA_Q, 1},
    {OSSL_PKEY_PARAM_RSA_EXPONENT1, FIPS140_RSA_DP, 1},
    {OSSL_PKEY_PARAM_RSA_EXPONENT2, FIPS140_RSA_DQ, 1},
    {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, FIPS140_RSA_QINV, 1},
};
#define NCOMPS (sizeof rsa_comps / sizeof rsa_comps[0])

static const OSSL_PARAM rsa_key_types[] = {
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_N, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_D, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_FACTOR1, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_FACTOR2, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_EXPONENT1, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_EXPONENT2, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_km_types(int selection)
{
    return (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) != 0 ? rsa_key_types : rsa_key_types + NCOMPS;
}

static int rsa_km_import(void *keydata, int selection, const OSSL_PARAM params[])
{
    rsa_key *key = keydata;
    uint8_t *v[NCOMPS] = {0};
    size_t l[NCOMPS] = {0};
    int ok = 0;
    fips140_status st;
    fips140_rsa_key *k = NULL;

    if (key == NULL)
        return 0;
    if (key->pss && !parse_restr(key->provctx, params, &key->restr))
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0)
        return 1; /* RSA has no domain parameters */
    for (size_t i = 0; i < NCOMPS; i++) {
        const OSSL_PARAM *p = fips140_prov_param_locate_const(params, rsa_comps[i].name);
        if (p != NULL && !bn_from_param(p, &v[i], &l[i])) {
            FIPS140_PROV_RAISE(key->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s", rsa_comps[i].name);
            goto done;
        }
    }
    if (v[0] == NULL || v[1] == NULL) {
        FIPS140_PROV_RAISE(key->provctx, FIPS140_PROV_R_MISSING_PARAM, "RSA key needs n and e");
        goto done;
    }
    if ((st = fips140_rsa_key_new(&k)) != FIPS140_OK) {
        fips140_prov_raise_status(key->provctx, st, "RSA key");
        goto done;
    }
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) != 0 && v[2] != NULL) {
        if (v[3] == NULL || v[4] == NULL) {
            FIPS140_PROV_RAISE(key->provctx, FIPS140_PROV_R_MISSING_PARAM,
                               "RSA private key without its prime factors");
            goto done;
        }
        st = fips140_rsa_key_set_private(k, v[0], l[0], v[1], l[1], v[2], l[2], v[3], l[3], v[4], l[4], v[5], l[5],
                                         v[6], l[6], v[7], l[7]);
    } else {
        st = fips140_rsa_key_set_public(k, v[0], l[0], v[1], l[1]);
    }
    if (st != FIPS140_OK) {
        fips140_prov_raise_status(key->provctx, st, "RSA key import");
        goto done;
    }
    fips140_rsa_key_free(key->k);
    key->k = k;
    k = NULL;
    ok = 1;
done:
    fips140_rsa_key_free(k);
    for (size_t i = 0; i < NCOMPS; i++) {
        if (v[i] != NULL) {
            memset(v[i], 0, l[i]);
            free(v[i]);
        }
    }
    return ok;
}

static int rsa_km_export(void *keydata, int selection, OSSL_CALLBACK *cb, void *cbarg)
{
    rsa_key *key = keydata;
    OSSL_PARAM params[NCOMPS + 4];
    uint8_t *bufs[NCOMPS] = {0};
    size_t sizes[NCOMPS] = {0};
    size_t np = 0;
    int ok = 0;

    if (key == NULL || key->k == NULL)
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) != 0) {
        int want_priv = (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) != 0 && fips140_rsa_is_private(key->k);
        for (size_t i = 0; i < NCOMPS; i++) {
            uint8_t *be = NULL;
            size_t len = 0;
            if (rsa_comps[i].priv && !want_priv)
                continue;
            if (!get_comp(key->k, rsa_comps[i].c, &be, &len))
                goto done;
            bufs[np] = calloc(1, len);
            sizes[np] = len;
            if (bufs[np] == NULL) {
                memset(be, 0, len);
                free(be);
                goto done;
            }
            params[np] = (OSSL_PARAM)OSSL_PARAM_BN(rsa_comps[i].name, bufs[np], len);
            np++;
            ok = fips140_prov_param_set_bn(&params[np - 1], be, len);
            memset(be, 0, len);
            free(be);
            if (!ok)
                goto done;
        }
    }
    size_t nall = np;
    int saltlen = key->restr.saltlen;
    if (key->pss && key->restr.set) {
        params[nall++] = (OSSL_PARAM)OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_DIGEST,
                                                            (char *)fips140_hash_name(key->restr.md), 0);
        params[nall - 1].data_size = strlen(params[nall - 1].data);
        params[nall++] = (OSSL_PARAM)OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_MGF1_DIGEST,
                                                            (char *)fips140_hash_name(key->restr.mgf1), 0);
        params[nall - 1].data_size = strlen(params[nall - 1].data);
        params[nall++] = (OSSL_PARAM)OSSL_PARAM_int(OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, &saltlen);
    }
    params[nall] = (OSSL_PARAM)OSSL_PARAM_END;
    ok = cb(params, cbarg);
done:
    for (size_t i = 0; i < np; i++) {
        memset(bufs[i], 0, sizes[i]);
        free(bufs[i]);
    }
    return ok;
}

static int rsa_security_bits(size_t bits)
{
    /* SP 800-57 Part 1 Table 2 */
    if (bits >= 15360)
        return 256;
    if (bits >= 7680)
        return 192;
    if (bits >= 3072)
        return 128;
    if (bits >= 2048)
        return 112;
    return 80;
}

static int rsa_km_get_params(void *keydata, OSSL_PARAM params[])
{
    rsa_key *key = keydata;
    OSSL_PARAM *p;
    if (key == NULL || key->k == NULL)
        return 0;
    size_t bits = fips140_rsa_bits(key->k);
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_BITS)) != NULL &&
        !fips140_prov_param_set_int(p, (int)bits))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_SECURITY_BITS)) != NULL &&
        !fips140_prov_param_set_int(p, rsa_security_bits(bits)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_MAX_SIZE)) != NULL &&
        !fips140_prov_param_set_int(p, (int)fips140_rsa_size(key->k)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_DEFAULT_DIGEST)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, "SHA256"))
        return 0;
    for (size_t i = 0; i < NCOMPS; i++) {
        if ((p = fips140_prov_param_locate(params, rsa_comps[i].name)) == NULL)
            continue;
        uint8_t *be = NULL;
        size_t len = 0;
        if (!get_comp(key->k, rsa_comps[i].c, &be, &len))
            return 0;
        int ok = fips140_prov_param_set_bn(p, be, len);
        memset(be, 0, len);
        free(be);
        if (!ok)
            return 0;
    }
    return 1;
}

static const OSSL_PARAM rsa_km_gettable[] = {
    OSSL_PARAM_int(OSSL_PKEY_PARAM_BITS, NULL),
    OSSL_PARAM_int(OSSL_PKEY_PARAM_SECURITY_BITS, NULL),
    OSSL_PARAM_int(OSSL_PKEY_PARAM_MAX_SIZE, NULL),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_DEFAULT_DIGEST, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_N, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_D, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_FACTOR1, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_FACTOR2, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_EXPONENT1, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_EXPONENT2, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_km_gettable_params(void *provctx)
{
    (void)provctx;
    return rsa_km_gettable;
}

/* ---- generation */
typedef struct rsa_gen {
    void *provctx;
    int pss;
    pss_restr restr;
    size_t bits;
    uint8_t *e;
    size_t elen;
} rsa_gen;

static int rsa_gen_set_params(void *genctx, const OSSL_PARAM params[])
{
    rsa_gen *g = genctx;
    const OSSL_PARAM *p;
    if (g == NULL)
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_BITS)) != NULL &&
        !fips140_prov_param_get_size_t(p, &g->bits)) {
        FIPS140_PROV_RAISE(g->provctx, FIPS140_PROV_R_INVALID_PARAM, "bits");
        return 0;
    }
    if (g->pss && !parse_restr(g->provctx, params, &g->restr))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_PRIMES)) != NULL) {
        size_t primes = 0;
        if (!fips140_prov_param_get_size_t(p, &primes) || primes != 2) {
            FIPS140_PROV_RAISE(g->provctx, FIPS140_PROV_R_UNSUPPORTED, "only 2-prime RSA keys");
            return 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_RSA_E)) != NULL) {
        uint8_t *e = NULL;
        size_t elen = 0;
        if (!bn_from_param(p, &e, &elen)) {
            FIPS140_PROV_RAISE(g->provctx, FIPS140_PROV_R_INVALID_PARAM, "e");
            return 0;
        }
        free(g->e);
        g->e = e;
        g->elen = elen;
    }
    return 1;
}

static const OSSL_PARAM rsa_gen_settable[] = {
    OSSL_PARAM_size_t(OSSL_PKEY_PARAM_RSA_BITS, NULL),
    OSSL_PARAM_size_t(OSSL_PKEY_PARAM_RSA_PRIMES, NULL),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_gen_settable_params(void *genctx, void *provctx)
{
    (void)genctx;
    (void)provctx;
    return rsa_gen_settable;
}

static void *rsa_gen_init(void *provctx, int selection, const OSSL_PARAM params[])
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return NULL;
    }
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0)
        return NULL;
    rsa_gen *g = calloc(1, sizeof *g);
    if (g == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    g->provctx = provctx;
    g->bits = 2048;
    if (!rsa_gen_set_params(g, params)) {
        free(g);
        return NULL;
    }
    return g;
}

static const OSSL_PARAM rsa_pss_gen_settable[] = {
    OSSL_PARAM_size_t(OSSL_PKEY_PARAM_RSA_BITS, NULL),
    OSSL_PARAM_size_t(OSSL_PKEY_PARAM_RSA_PRIMES, NULL),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_MGF1_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_MASKGENFUNC, NULL, 0),
    OSSL_PARAM_int(OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, NULL),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_pss_gen_settable_params(void *genctx, void *provctx)
{
    (void)genctx;
    (void)provctx;
    return rsa_pss_gen_settable;
}

static void *rsa_pss_gen_init(void *provctx, int selection, const OSSL_PARAM params[])
{
    rsa_gen *g = rsa_gen_init(provctx, selection, NULL);
    if (g == NULL)
        return NULL;
    g->pss = 1;
    if (!rsa_gen_set_params(g, params)) {
        free(g->e);
        free(g);
        return NULL;
    }
    return g;
}

static const OSSL_PARAM rsa_pss_key_types[] = {
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_N, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_D, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_FACTOR1, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_FACTOR2, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_EXPONENT1, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_EXPONENT2, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_MGF1_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_RSA_MASKGENFUNC, NULL, 0),
    OSSL_PARAM_int(OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, NULL),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_pss_km_types(int selection)
{
    return (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) != 0 ? rsa_pss_key_types : rsa_pss_key_types + NCOMPS;
}

static void rsa_gen_cleanup(void *genctx)
{
    rsa_gen *g = genctx;
    if (g == NULL)
        return;
    free(g->e);
    free(g);
}

static void *rsa_km_gen(void *genctx, OSSL_CALLBACK *cb, void *cbarg)
{
    rsa_gen *g = genctx;
    (void)cb;
    (void)cbarg;
    if (g == NULL)
        return NULL;
    if (g->bits > FIPS140_RSA_MAX_BITS) {
        FIPS140_PROV_RAISE(g->provctx, FIPS140_PROV_R_INVALID_KEY_LENGTH, "%zu bits", g->bits);
        return NULL;
    }
    rsa_key *key = rsa_km_new(g->provctx);
    if (key == NULL)
        return NULL;
    key->pss = g->pss;
    key->restr = g->restr;
    fips140_status st = fips140_rsa_key_new(&key->k);
    if (st == FIPS140_OK)
        st = fips140_rsa_keygen(key->k, (unsigned)g->bits, g->e, g->elen);
    if (st != FIPS140_OK) {
        fips140_prov_raise_status(g->provctx, st, "RSA key generation");
        rsa_km_free(key);
        return NULL;
    }
    return key;
}

static const char *rsa_km_query_name(int operation_id)
{
    (void)operation_id;
    return "RSA";
}

static const OSSL_DISPATCH rsa_keymgmt_fns[] = {
    {OSSL_FUNC_KEYMGMT_NEW, (void (*)(void))rsa_km_new},
    {OSSL_FUNC_KEYMGMT_FREE, (void (*)(void))rsa_km_free},
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))rsa_km_has},
    {OSSL_FUNC_KEYMGMT_VALIDATE, (void (*)(void))rsa_km_validate},
    {OSSL_FUNC_KEYMGMT_MATCH, (void (*)(void))rsa_km_match},
    {OSSL_FUNC_KEYMGMT_IMPORT, (void (*)(void))rsa_km_import},
    {OSSL_FUNC_KEYMGMT_IMPORT_TYPES, (void (*)(void))rsa_km_types},
    {OSSL_FUNC_KEYMGMT_EXPORT, (void (*)(void))rsa_km_export},
    {OSSL_FUNC_KEYMGMT_EXPORT_TYPES, (void (*)(void))rsa_km_types},
    {OSSL_FUNC_KEYMGMT_GET_PARAMS, (void (*)(void))rsa_km_get_params},
    {OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, (void (*)(void))rsa_km_gettable_params},
    {OSSL_FUNC_KEYMGMT_GEN_INIT, (void (*)(void))rsa_gen_init},
    {OSSL_FUNC_KEYMGMT_GEN_SET_PARAMS, (void (*)(void))rsa_gen_set_params},
    {OSSL_FUNC_KEYMGMT_GEN_SETTABLE_PARAMS, (void (*)(void))rsa_gen_settable_params},
    {OSSL_FUNC_KEYMGMT_GEN, (void (*)(void))rsa_km_gen},
    {OSSL_FUNC_KEYMGMT_GEN_CLEANUP, (void (*)(void))rsa_gen_cleanup},
    {OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, (void (*)(void))rsa_km_query_name},
    {0, NULL}};

static const OSSL_DISPATCH rsa_pss_keymgmt_fns[] = {
    {OSSL_FUNC_KEYMGMT_NEW, (void (*)(void))rsa_pss_km_new},
    {OSSL_FUNC_KEYMGMT_FREE, (void (*)(void))rsa_km_free},
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))rsa_km_has},
    {OSSL_FUNC_KEYMGMT_VALIDATE, (void (*)(void))rsa_km_validate},
    {OSSL_FUNC_KEYMGMT_MATCH, (void (*)(void))rsa_km_match},
    {OSSL_FUNC_KEYMGMT_IMPORT, (void (*)(void))rsa_km_import},
    {OSSL_FUNC_KEYMGMT_IMPORT_TYPES, (void (*)(void))rsa_pss_km_types},
    {OSSL_FUNC_KEYMGMT_EXPORT, (void (*)(void))rsa_km_export},
    {OSSL_FUNC_KEYMGMT_EXPORT_TYPES, (void (*)(void))rsa_pss_km_types},
    {OSSL_FUNC_KEYMGMT_GET_PARAMS, (void (*)(void))rsa_km_get_params},
    {OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, (void (*)(void))rsa_km_gettable_params},
    {OSSL_FUNC_KEYMGMT_GEN_INIT, (void (*)(void))rsa_pss_gen_init},
    {OSSL_FUNC_KEYMGMT_GEN_SET_PARAMS, (void (*)(void))rsa_gen_set_params},
    {OSSL_FUNC_KEYMGMT_GEN_SETTABLE_PARAMS, (void (*)(void))rsa_pss_gen_settable_params},
    {OSSL_FUNC_KEYMGMT_GEN, (void (*)(void))rsa_km_gen},
    {OSSL_FUNC_KEYMGMT_GEN_CLEANUP, (void (*)(void))rsa_gen_cleanup},
    {OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, (void (*)(void))rsa_km_query_name},
    {0, NULL}};

const OSSL_ALGORITHM fips140_prov_keymgmt_rsa[] = {
    {"RSA:rsaEncryption:1.2.840.113549.1.1.1", FIPS140_PROV_PROPS, rsa_keymgmt_fns, "fips140 RSA keys"},
    {"RSA-PSS:RSASSA-PSS:1.2.840.113549.1.1.10", FIPS140_PROV_PROPS, rsa_pss_keymgmt_fns, "fips140 RSA-PSS keys"},
    {NULL, NULL, NULL, NULL}};

/* ====================================================================================== shared ctx params */

/* pad mode from an int or a name; returns 1 and *pad, or 0 */
static int get_pad(const OSSL_PARAM *p, int *pad)
{
    static const struct {
        const char *name;
        int id;
    } pads[] = {{"pkcs1", PAD_PKCS1}, {"none", PAD_NONE}, {"oaep", PAD_OAEP}, {"oeap", PAD_OAEP},
                {"x931", PAD_X931},   {"pss", PAD_PSS}};
    if (p->data_type == OSSL_PARAM_INTEGER || p->data_type == OSSL_PARAM_UNSIGNED_INTEGER)
        return fips140_prov_param_get_int(p, pad);
    char name[16];
    if (!fips140_prov_param_get_utf8_string(p, name, sizeof name))
        return 0;
    for (size_t i = 0; i < sizeof pads / sizeof pads[0]; i++) {
        if (fips140_prov_name_in_list(name, pads[i].name)) {
            *pad = pads[i].id;
            return 1;
        }
    }
    return 0;
}

static int get_digest(void *provctx, const OSSL_PARAM *p, fips140_hash_alg *alg)
{
    char name[64] = "?";
    if (!fips140_prov_param_get_utf8_string(p, name, sizeof name) || !fips140_prov_digest_lookup(name, alg) ||
        fips140_hash_is_xof(*alg)) {
        name[sizeof name - 1] = '\0';
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_UNSUPPORTED, "digest %s", name);
        return 0;
    }
    return 1;
}

/* ====================================================================================== signature */

typedef struct rsa_sig {
    void *provctx;
    rsa_key *key;
    int pad;
    fips140_hash_alg md, mgf1;
    int md_set, mgf1_set;
    int saltlen;
    int verify;
    int hashing;            /* digest_sign / digest_verify in progress */
    fips140_hash_ctx hctx;
} rsa_sig;

static void *rsa_sig_new(void *provctx, const char *propq)
{
    (void)propq;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return NULL;
    }
    rsa_sig *c = calloc(1, sizeof *c);
    if (c == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    c->provctx = provctx;
    return c;
}

static void rsa_sig_free(void *vctx)
{
    rsa_sig *c = vctx;
    if (c == NULL)
        return;
    memset(c, 0, sizeof *c);
    free(c);
}

static void *rsa_sig_dup(void *vctx)
{
    rsa_sig *c = vctx, *d = calloc(1, sizeof *d);
    if (d == NULL) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    *d = *c;
    return d;
}

static int rsa_sig_set_params(void *vctx, const OSSL_PARAM params[])
{
    rsa_sig *c = vctx;
    const OSSL_PARAM *p;
    if (c == NULL)
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_SIGNATURE_PARAM_DIGEST)) != NULL) {
        if (c->hashing) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_BAD_STATE, "digest cannot change while hashing");
            return 0;
        }
        fips140_hash_alg md;
        if (!get_digest(c->provctx, p, &md))
            return 0;
        if (c->key != NULL && c->key->restr.set && md != c->key->restr.md) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "the RSA-PSS key is restricted to %s",
                               fips140_hash_name(c->key->restr.md));
            return 0;
        }
        c->md = md;
        c->md_set = 1;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_SIGNATURE_PARAM_PAD_MODE)) != NULL) {
        int pad = 0;
        if (!get_pad(p, &pad) || (pad != PAD_PKCS1 && pad != PAD_PSS)) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "RSA signature padding: only pkcs1 and pss are approved");
            return 0;
        }
        if (pad != PAD_PSS && c->key != NULL && c->key->pss) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "an RSA-PSS key signs with pss only");
            return 0;
        }
        c->pad = pad;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_SIGNATURE_PARAM_PSS_SALTLEN)) != NULL) {
        int s = 0;
        if (p->data_type == OSSL_PARAM_UTF8_STRING) {
            char v[24];
            if (!fips140_prov_param_get_utf8_string(p, v, sizeof v))
                return 0;
            if (strcmp(v, OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST) == 0)
                s = SALT_DIGEST;
            else if (strcmp(v, OSSL_PKEY_RSA_PSS_SALT_LEN_MAX) == 0)
                s = SALT_MAX;
            else if (strcmp(v, OSSL_PKEY_RSA_PSS_SALT_LEN_AUTO) == 0)
                s = SALT_AUTO;
            else {
                char *end = NULL;
                long n = strtol(v, &end, 10);
                if (end == v || *end != '\0' || n < SALT_MAX || n > 1024) {
                    FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "saltlen %s", v);
                    return 0;
                }
                s = (int)n;
            }
        } else if (!fips140_prov_param_get_int(p, &s) || s < SALT_MAX) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "saltlen");
            return 0;
        }
        if (c->key != NULL && c->key->restr.set && s >= 0 && s < c->key->restr.saltlen) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "the RSA-PSS key needs saltlen >= %d",
                               c->key->restr.saltlen);
            return 0;
        }
        c->saltlen = s;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_SIGNATURE_PARAM_MGF1_DIGEST)) != NULL) {
        fips140_hash_alg m;
        if (!get_digest(c->provctx, p, &m))
            return 0;
        if (c->key != NULL && c->key->restr.set && m != c->key->restr.mgf1) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "the RSA-PSS key is restricted to MGF1 with %s",
                               fips140_hash_name(c->key->restr.mgf1));
            return 0;
        }
        c->mgf1 = m;
        c->mgf1_set = 1;
    }
    return 1;
}

static const OSSL_PARAM rsa_sig_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_sig_settable_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return rsa_sig_settable;
}

/* AlgorithmIdentifier of sha*WithRSAEncryption (PKCS#1 v1.5), for X.509 signing */
static int pkcs1_algid(fips140_hash_alg md, uint8_t out[15])
{
    static const uint8_t rsa_arc[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01};
    static const uint8_t sha3_arc[] = {0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03};
    uint8_t last;
    const uint8_t *arc = rsa_arc;
    switch (md) {
    case FIPS140_SHA224: last = 14; break;
    case FIPS140_SHA256: last = 11; break;
    case FIPS140_SHA384: last = 12; break;
    case FIPS140_SHA512: last = 13; break;
    case FIPS140_SHA512_224: last = 15; break;
    case FIPS140_SHA512_256: last = 16; break;
    case FIPS140_SHA3_224: arc = sha3_arc; last = 13; break;
    case FIPS140_SHA3_256: arc = sha3_arc; last = 14; break;
    case FIPS140_SHA3_384: arc = sha3_arc; last = 15; break;
    case FIPS140_SHA3_512: arc = sha3_arc; last = 16; break;
    default: return 0;
    }
    memcpy(out, arc, 12);
    out[12] = last;
    out[13] = 0x05;
    out[14] = 0x00;
    return 1;
}

/* hash_algid - DER AlgorithmIdentifier of a SHA-2 / SHA-3 hash (parameters absent, as OpenSSL writes them) */
static size_t hash_algid(fips140_hash_alg md, uint8_t out[13])
{
    static const uint8_t arc[] = {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};
    static const struct {
        fips140_hash_alg md;
        uint8_t last;
    } tab[] = {{FIPS140_SHA256, 1},     {FIPS140_SHA384, 2},     {FIPS140_SHA512, 3},   {FIPS140_SHA224, 4},
               {FIPS140_SHA512_224, 5}, {FIPS140_SHA512_256, 6}, {FIPS140_SHA3_224, 7}, {FIPS140_SHA3_256, 8},
               {FIPS140_SHA3_384, 9},   {FIPS140_SHA3_512, 10}};
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        if (tab[i].md == md) {
            memcpy(out, arc, sizeof arc);
            out[12] = tab[i].last;
            return 13;
        }
    }
    return 0;
}

/* pss_algid - DER AlgorithmIdentifier of id-RSASSA-PSS with RSASSA-PSS-params (RFC 4055 §3.1, DEFAULT fields
 * omitted: SHA-1 is never used to sign here, saltLength 20 is omitted, trailerField is always 1) */
static size_t pss_algid(fips140_hash_alg md, fips140_hash_alg mgf1, size_t saltlen, uint8_t out[96])
{
    static const uint8_t pss_oid[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
    static const uint8_t mgf1_oid[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08};
    uint8_t h[13], m[13], params[80];
    size_t n = 0;
    if (hash_algid(md, h) == 0 || hash_algid(mgf1, m) == 0 || saltlen > 0xffff)
        return 0;
    params[n++] = 0xa0; /* [0] hashAlgorithm */
    params[n++] = 13;
    memcpy(params + n, h, 13);
    n += 13;
    params[n++] = 0xa1; /* [1] maskGenAlgorithm */
    params[n++] = 26;
    params[n++] = 0x30;
    params[n++] = 24;
    memcpy(params + n, mgf1_oid, sizeof mgf1_oid);
    n += sizeof mgf1_oid;
    memcpy(params + n, m, 13);
    n += 13;
    if (saltlen != 20) { /* [2] saltLength INTEGER (minimal two's complement) */
        uint8_t v[3];
        size_t vl = 0;
        if (saltlen > 0xff)
            v[vl++] = (uint8_t)(saltlen >> 8);
        v[vl++] = (uint8_t)saltlen;
        if (v[0] & 0x80) {
            memmove(v + 1, v, vl);
            v[0] = 0;
            vl++;
        }
        params[n++] = 0xa2;
        params[n++] = (uint8_t)(2 + vl);
        params[n++] = 0x02;
        params[n++] = (uint8_t)vl;
        memcpy(params + n, v, vl);
        n += vl;
    }
    size_t o = 0;
    out[o++] = 0x30;
    out[o++] = (uint8_t)(sizeof pss_oid + 2 + n);
    memcpy(out + o, pss_oid, sizeof pss_oid);
    o += sizeof pss_oid;
    out[o++] = 0x30;
    out[o++] = (uint8_t)n;
    memcpy(out + o, params, n);
    return o + n;
}

static size_t pss_sign_saltlen(const struct rsa_sig *c, size_t hlen);

static int rsa_sig_get_params(void *vctx, OSSL_PARAM params[])
{
    rsa_sig *c = vctx;
    OSSL_PARAM *p;
    if (c == NULL)
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_DIGEST)) != NULL && c->md_set &&
        !fips140_prov_param_set_utf8_string(p, fips140_hash_name(c->md)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_MGF1_DIGEST)) != NULL &&
        (c->mgf1_set || c->md_set) && !fips140_prov_param_set_utf8_string(p, fips140_hash_name(c->mgf1_set ? c->mgf1 : c->md)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_PAD_MODE)) != NULL) {
        int ok = (p->data_type == OSSL_PARAM_UTF8_STRING)
                     ? fips140_prov_param_set_utf8_string(p, c->pad == PAD_PSS ? "pss" : "pkcs1")
                     : fips140_prov_param_set_int(p, c->pad);
        if (!ok)
            return 0;
    }
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_PSS_SALTLEN)) != NULL) {
        int ok;
        if (p->data_type == OSSL_PARAM_UTF8_STRING) {
            char v[24];
            if (c->saltlen == SALT_DIGEST)
                strcpy(v, OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST);
            else if (c->saltlen == SALT_MAX)
                strcpy(v, OSSL_PKEY_RSA_PSS_SALT_LEN_MAX);
            else if (c->saltlen == SALT_AUTO)
                strcpy(v, OSSL_PKEY_RSA_PSS_SALT_LEN_AUTO);
            else
                snprintf(v, sizeof v, "%d", c->saltlen);
            ok = fips140_prov_param_set_utf8_string(p, v);
        } else {
            ok = fips140_prov_param_set_int(p, c->saltlen);
        }
        if (!ok)
            return 0;
    }
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_ALGORITHM_ID)) != NULL) {
        uint8_t algid[96];
        size_t len = 0;
        if (!c->md_set)
            return 0;
        if (c->pad == PAD_PSS)
            len = pss_algid(c->md, c->mgf1_set ? c->mgf1 : c->md,
                            c->verify && c->saltlen < 0 ? fips140_hash_digest_size(c->md)
                                                        : pss_sign_saltlen(c, fips140_hash_digest_size(c->md)),
                            algid);
        else if (pkcs1_algid(c->md, algid))
            len = 15;
        if (len == 0 || !fips140_prov_param_set_octet_string(p, algid, len))
            return 0;
    }
    return 1;
}

static const OSSL_PARAM rsa_sig_gettable[] = {
    OSSL_PARAM_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_sig_gettable_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return rsa_sig_gettable;
}

static int rsa_sig_init_common(void *vctx, void *keydata, const OSSL_PARAM params[], int verify)
{
    rsa_sig *c = vctx;
    rsa_key *key = keydata;
    if (c == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return 0;
    }
    if (key != NULL) {
        if (!rsa_km_has(key, verify ? OSSL_KEYMGMT_SELECT_PUBLIC_KEY : OSSL_KEYMGMT_SELECT_PRIVATE_KEY)) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MISSING_PARAM, verify ? "no public key" : "no private key");
            return 0;
        }
        c->key = key;
    }
    if (c->key == NULL) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MISSING_PARAM, "no key");
        return 0;
    }
    c->verify = verify;
    c->hashing = 0;
    c->pad = PAD_PKCS1;
    c->md_set = c->mgf1_set = 0;
    c->saltlen = SALT_AUTO;
    if (c->key->pss) {
        c->pad = PAD_PSS;
        if (c->key->restr.set) {
            c->md = c->key->restr.md;
            c->mgf1 = c->key->restr.mgf1;
            c->md_set = c->mgf1_set = 1;
            c->saltlen = c->key->restr.saltlen;
        }
    }
    return rsa_sig_set_params(c, params);
}

static int rsa_sign_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    return rsa_sig_init_common(vctx, keydata, params, 0);
}

static int rsa_verify_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    return rsa_sig_init_common(vctx, keydata, params, 1);
}

static size_t pss_sign_saltlen(const struct rsa_sig *c, size_t hlen)
{
    /* FIPS 186-5 §5.4(g): 0 <= sLen <= hLen. "digest", "max" and "auto" all give hLen, the largest allowed */
    if (c->saltlen < 0)
        return hlen;
    return (size_t)c->saltlen;
}

static int rsa_sign(void *vctx, unsigned char *sig, size_t *siglen, size_t sigsize, const unsigned char *tbs,
                    size_t tbslen)
{
    rsa_sig *c = vctx;
    if (c == NULL || c->key == NULL || c->key->k == NULL)
        return 0;
    size_t k = fips140_rsa_size(c->key->k);
    if (sig == NULL) {
        *siglen = k;
        return 1;
    }
    if (sigsize < k) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "signature buffer %zu < %zu", sigsize, k);
        return 0;
    }
    if (!c->md_set) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MISSING_PARAM, "RSA signing needs a digest (-pkeyopt digest:...)");
        return 0;
    }
    fips140_status st;
    if (c->pad == PAD_PSS)
        st = fips140_rsa_sign_pss(c->key->k, c->md, c->mgf1_set ? c->mgf1 : c->md,
                                  pss_sign_saltlen(c, fips140_hash_digest_size(c->md)), tbs, tbslen, sig, k);
    else
        st = fips140_rsa_sign_pkcs1v15(c->key->k, c->md, tbs, tbslen, sig, k);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "RSA sign");
    *siglen = k;
    return 1;
}

static int rsa_verify(void *vctx, const unsigned char *sig, size_t siglen, const unsigned char *tbs, size_t tbslen)
{
    rsa_sig *c = vctx;
    if (c == NULL || c->key == NULL || c->key->k == NULL)
        return 0;
    if (!c->md_set) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MISSING_PARAM, "RSA verification needs a digest");
        return 0;
    }
    fips140_status st;
    if (c->pad == PAD_PSS) {
        size_t s = c->saltlen == SALT_DIGEST ? fips140_hash_digest_size(c->md)
                   : c->saltlen < 0          ? FIPS140_RSA_PSS_SALT_AUTO
                                             : (size_t)c->saltlen;
        st = fips140_rsa_verify_pss(c->key->k, c->md, c->mgf1_set ? c->mgf1 : c->md, s, tbs, tbslen, sig, siglen);
    } else {
        st = fips140_rsa_verify_pkcs1v15(c->key->k, c->md, tbs, tbslen, sig, siglen);
    }
    if (st == FIPS140_ERR_AUTH)
        return 0; /* a wrong signature: not an error of the provider */
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "RSA verify");
    return 1;
}

static int rsa_digest_init_common(void *vctx, const char *mdname, void *keydata, const OSSL_PARAM params[],
                                  int verify)
{
    rsa_sig *c = vctx;
    if (!rsa_sig_init_common(vctx, keydata, NULL, verify))
        return 0;
    if (mdname == NULL || mdname[0] == '\0')
        mdname = c->key->restr.set ? fips140_hash_name(c->key->restr.md) : "SHA2-256";
    fips140_hash_alg md;
    if (!fips140_prov_digest_lookup(mdname, &md) || fips140_hash_is_xof(md)) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_UNSUPPORTED, "digest %s", mdname);
        return 0;
    }
    if (c->key->restr.set && md != c->key->restr.md) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "the RSA-PSS key is restricted to %s",
                           fips140_hash_name(c->key->restr.md));
        return 0;
    }
    c->md = md;
    c->md_set = 1;
    if (!rsa_sig_set_params(c, params))
        return 0;
    fips140_status st = fips140_hash_init(&c->hctx, c->md);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "digest init");
    c->hashing = 1;
    return 1;
}

static int rsa_dsign_init(void *vctx, const char *mdname, void *keydata, const OSSL_PARAM params[])
{
    return rsa_digest_init_common(vctx, mdname, keydata, params, 0);
}

static int rsa_dverify_init(void *vctx, const char *mdname, void *keydata, const OSSL_PARAM params[])
{
    return rsa_digest_init_common(vctx, mdname, keydata, params, 1);
}

static int rsa_digest_update(void *vctx, const unsigned char *data, size_t len)
{
    rsa_sig *c = vctx;
    if (c == NULL || !c->hashing) {
        FIPS140_PROV_RAISE(c != NULL ? c->provctx : NULL, FIPS140_PROV_R_BAD_STATE, NULL);
        return 0;
    }
    fips140_status st = fips140_hash_update(&c->hctx, data, len);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "digest update");
    return 1;
}

static int digest_final(rsa_sig *c, uint8_t *md, size_t *mdlen)
{
    *mdlen = fips140_hash_digest_size(c->md);
    fips140_status st = fips140_hash_final(&c->hctx, md, *mdlen);
    c->hashing = 0;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "digest final");
    return 1;
}

static int rsa_dsign_final(void *vctx, unsigned char *sig, size_t *siglen, size_t sigsize)
{
    rsa_sig *c = vctx;
    uint8_t md[FIPS140_HASH_MAX_DIGEST];
    size_t mdlen = 0;
    if (c == NULL || !c->hashing)
        return 0;
    if (sig == NULL)
        return rsa_sign(c, NULL, siglen, sigsize, NULL, 0);
    if (!digest_final(c, md, &mdlen))
        return 0;
    return rsa_sign(c, sig, siglen, sigsize, md, mdlen);
}

static int rsa_dverify_final(void *vctx, const unsigned char *sig, size_t siglen)
{
    rsa_sig *c = vctx;
    uint8_t md[FIPS140_HASH_MAX_DIGEST];
    size_t mdlen = 0;
    if (c == NULL || !c->hashing)
        return 0;
    if (!digest_final(c, md, &mdlen))
        return 0;
    return rsa_verify(c, sig, siglen, md, mdlen);
}

static const OSSL_DISPATCH rsa_signature_fns[] = {
    {OSSL_FUNC_SIGNATURE_NEWCTX, (void (*)(void))rsa_sig_new},
    {OSSL_FUNC_SIGNATURE_FREECTX, (void (*)(void))rsa_sig_free},
    {OSSL_FUNC_SIGNATURE_DUPCTX, (void (*)(void))rsa_sig_dup},
    {OSSL_FUNC_SIGNATURE_SIGN_INIT, (void (*)(void))rsa_sign_init},
    {OSSL_FUNC_SIGNATURE_SIGN, (void (*)(void))rsa_sign},
    {OSSL_FUNC_SIGNATURE_VERIFY_INIT, (void (*)(void))rsa_verify_init},
    {OSSL_FUNC_SIGNATURE_VERIFY, (void (*)(void))rsa_verify},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_INIT, (void (*)(void))rsa_dsign_init},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_UPDATE, (void (*)(void))rsa_digest_update},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_FINAL, (void (*)(void))rsa_dsign_final},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_INIT, (void (*)(void))rsa_dverify_init},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_UPDATE, (void (*)(void))rsa_digest_update},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_FINAL, (void (*)(void))rsa_dverify_final},
    {OSSL_FUNC_SIGNATURE_SET_CTX_PARAMS, (void (*)(void))rsa_sig_set_params},
    {OSSL_FUNC_SIGNATURE_SETTABLE_CTX_PARAMS, (void (*)(void))rsa_sig_settable_params},
    {OSSL_FUNC_SIGNATURE_GET_CTX_PARAMS, (void (*)(void))rsa_sig_get_params},
    {OSSL_FUNC_SIGNATURE_GETTABLE_CTX_PARAMS, (void (*)(void))rsa_sig_gettable_params},
    {0, NULL}};

const OSSL_ALGORITHM fips140_prov_signature_rsa[] = {
    {"RSA:rsaEncryption:1.2.840.113549.1.1.1", FIPS140_PROV_PROPS, rsa_signature_fns,
     "fips140 RSASSA-PKCS1-v1_5 and RSASSA-PSS"},
    {NULL, NULL, NULL, NULL}};

/* ====================================================================================== asym-cipher (OAEP) */

typedef struct rsa_enc {
    void *provctx;
    rsa_key *key;
    int pad;                    /* OpenSSL's default is PKCS#1 v1.5, which is refused at encrypt/decrypt time */
    fips140_hash_alg md, mgf1;  /* OpenSSL's defaults: SHA-1 for both (mgf1 follows md unless set) */
    int mgf1_set;
    uint8_t *label;
    size_t labellen;
} rsa_enc;

static void *rsa_enc_new(void *provctx)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return NULL;
    }
    rsa_enc *c = calloc(1, sizeof *c);
    if (c == NULL) {
        FIPS140_PROV_RAISE(provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    c->provctx = provctx;
    return c;
}

static void rsa_enc_free(void *vctx)
{
    rsa_enc *c = vctx;
    if (c == NULL)
        return;
    free(c->label);
    free(c);
}

static void *rsa_enc_dup(void *vctx)
{
    rsa_enc *c = vctx, *d = calloc(1, sizeof *d);
    if (d == NULL) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
        return NULL;
    }
    *d = *c;
    d->label = NULL;
    if (c->label != NULL) {
        d->label = malloc(c->labellen > 0 ? c->labellen : 1);
        if (d->label == NULL) {
            free(d);
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return NULL;
        }
        memcpy(d->label, c->label, c->labellen);
    }
    return d;
}

static int rsa_enc_set_params(void *vctx, const OSSL_PARAM params[])
{
    rsa_enc *c = vctx;
    const OSSL_PARAM *p;
    if (c == NULL)
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_PAD_MODE)) != NULL) {
        int pad = 0;
        if (!get_pad(p, &pad) || pad != PAD_OAEP) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_NOT_APPROVED,
                               "RSA encryption padding: only OAEP is approved (rsa_padding_mode:oaep)");
            return 0;
        }
        c->pad = pad;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST)) != NULL &&
        !get_digest(c->provctx, p, &c->md))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST)) != NULL) {
        if (!get_digest(c->provctx, p, &c->mgf1))
            return 0;
        c->mgf1_set = 1;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_OAEP_LABEL)) != NULL) {
        const void *data = NULL;
        size_t len = 0;
        if (!fips140_prov_param_get_octet_ptr(p, &data, &len)) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "oaep-label");
            return 0;
        }
        uint8_t *copy = malloc(len > 0 ? len : 1);
        if (copy == NULL) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MALLOC_FAILURE, NULL);
            return 0;
        }
        if (len > 0)
            memcpy(copy, data, len);
        free(c->label);
        c->label = copy;
        c->labellen = len;
    }
    return 1;
}

static const OSSL_PARAM rsa_enc_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_PAD_MODE, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST_PROPS, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST_PROPS, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_ASYM_CIPHER_PARAM_OAEP_LABEL, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_enc_settable_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return rsa_enc_settable;
}

static int rsa_enc_get_params(void *vctx, OSSL_PARAM params[])
{
    rsa_enc *c = vctx;
    OSSL_PARAM *p;
    if (c == NULL)
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_ASYM_CIPHER_PARAM_PAD_MODE)) != NULL) {
        int ok = p->data_type == OSSL_PARAM_UTF8_STRING
                     ? fips140_prov_param_set_utf8_string(p, c->pad == PAD_OAEP ? "oaep" : "pkcs1")
                     : fips140_prov_param_set_int(p, c->pad);
        if (!ok)
            return 0;
    }
    if ((p = fips140_prov_param_locate(params, OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, fips140_hash_name(c->md)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, fips140_hash_name(c->mgf1_set ? c->mgf1 : c->md)))
        return 0;
    return 1;
}

static const OSSL_PARAM rsa_enc_gettable[] = {
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_PAD_MODE, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST, NULL, 0),
    OSSL_PARAM_END};

static const OSSL_PARAM *rsa_enc_gettable_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return rsa_enc_gettable;
}

static int rsa_enc_init_common(void *vctx, void *keydata, const OSSL_PARAM params[], int priv)
{
    rsa_enc *c = vctx;
    if (c == NULL)
        return 0;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return 0;
    }
    if (!rsa_km_has(keydata, priv ? OSSL_KEYMGMT_SELECT_PRIVATE_KEY : OSSL_KEYMGMT_SELECT_PUBLIC_KEY)) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MISSING_PARAM, priv ? "no private key" : "no public key");
        return 0;
    }
    if (((rsa_key *)keydata)->pss) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "an RSA-PSS key is for signatures only");
        return 0;
    }
    c->key = keydata;
    c->pad = PAD_PKCS1;
    c->md = FIPS140_SHA1;
    c->mgf1_set = 0;
    free(c->label);
    c->label = NULL;
    c->labellen = 0;
    return rsa_enc_set_params(c, params);
}

static int rsa_encrypt_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    return rsa_enc_init_common(vctx, keydata, params, 0);
}

static int rsa_decrypt_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    return rsa_enc_init_common(vctx, keydata, params, 1);
}

static int oaep_ready(rsa_enc *c)
{
    if (c->key == NULL || c->key->k == NULL)
        return 0;
    if (c->pad != PAD_OAEP) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_NOT_APPROVED,
                           "PKCS#1 v1.5 encryption is not approved: use -pkeyopt rsa_padding_mode:oaep");
        return 0;
    }
    return 1;
}

static int rsa_encrypt(void *vctx, unsigned char *out, size_t *outlen, size_t outsize, const unsigned char *in,
                       size_t inlen)
{
    rsa_enc *c = vctx;
    if (c == NULL || !oaep_ready(c))
        return 0;
    size_t k = fips140_rsa_size(c->key->k);
    if (out == NULL) {
        *outlen = k;
        return 1;
    }
    if (outsize < k) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "output buffer %zu < %zu", outsize, k);
        return 0;
    }
    fips140_status st = fips140_rsa_encrypt_oaep(c->key->k, c->md, c->mgf1_set ? c->mgf1 : c->md, c->label,
                                                 c->labellen, in, inlen, out, k);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "RSA-OAEP encrypt");
    *outlen = k;
    return 1;
}

static int rsa_decrypt(void *vctx, unsigned char *out, size_t *outlen, size_t outsize, const unsigned char *in,
                       size_t inlen)
{
    rsa_enc *c = vctx;
    if (c == NULL || !oaep_ready(c))
        return 0;
    size_t k = fips140_rsa_size(c->key->k);
    if (out == NULL) {
        *outlen = k;
        return 1;
    }
    fips140_status st = fips140_rsa_decrypt_oaep(c->key->k, c->md, c->mgf1_set ? c->mgf1 : c->md, c->label,
                                                 c->labellen, in, inlen, out, outsize, outlen);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->provctx, st, "RSA-OAEP decrypt");
    return 1;
}

static const OSSL_DISPATCH rsa_asym_cipher_fns[] = {
    {OSSL_FUNC_ASYM_CIPHER_NEWCTX, (void (*)(void))rsa_enc_new},
    {OSSL_FUNC_ASYM_CIPHER_FREECTX, (void (*)(void))rsa_enc_free},
    {OSSL_FUNC_ASYM_CIPHER_DUPCTX, (void (*)(void))rsa_enc_dup},
    {OSSL_FUNC_ASYM_CIPHER_ENCRYPT_INIT, (void (*)(void))rsa_encrypt_init},
    {OSSL_FUNC_ASYM_CIPHER_ENCRYPT, (void (*)(void))rsa_encrypt},
    {OSSL_FUNC_ASYM_CIPHER_DECRYPT_INIT, (void (*)(void))rsa_decrypt_init},
    {OSSL_FUNC_ASYM_CIPHER_DECRYPT, (void (*)(void))rsa_decrypt},
    {OSSL_FUNC_ASYM_CIPHER_SET_CTX_PARAMS, (void (*)(void))rsa_enc_set_params},
    {OSSL_FUNC_ASYM_CIPHER_SETTABLE_CTX_PARAMS, (void (*)(void))rsa_enc_settable_params},
    {OSSL_FUNC_ASYM_CIPHER_GET_CTX_PARAMS, (void (*)(void))rsa_enc_get_params},
    {OSSL_FUNC_ASYM_CIPHER_GETTABLE_CTX_PARAMS, (void (*)(void))rsa_enc_gettable_params},
    {0, NULL}};

const OSSL_ALGORITHM fips140_prov_asym_cipher_rsa[] = {
    {"RSA:rsaEncryption:1.2.840.113549.1.1.1", FIPS140_PROV_PROPS, rsa_asym_cipher_fns, "fips140 RSAES-OAEP"},
    {NULL, NULL, NULL, NULL}};
