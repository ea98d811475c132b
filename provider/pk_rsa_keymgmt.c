/* provider/pk_rsa_keymgmt.c - RSA key management of the fips140 provider: keymgmt "RSA" and
 * "RSA-PSS" (new / free / has / match / validate, import / export, get_params, generation; RSA-PSS keys sign with
 * PSS only and carry the optional RFC 4055 restrictions digest / mgf1-digest / minimum saltlen), and the parameter
 * helpers that pk_rsa_sig.c and pk_rsa_cipher.c share (pk_rsa.h).
 *
 * Every cryptographic operation goes through <fips140/rsa.h>. Integers cross the OSSL_PARAM interface as
 * OSSL_PARAM_UNSIGNED_INTEGER in native byte order (as OpenSSL's BIGNUM params do) and cross the module API as
 * big-endian byte strings; bn_from_param and fips140_prov_param_set_bn (params.c) convert. */
#include <stdlib.h>
#include <string.h>

#include "pk_rsa.h"

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
    if (pd != NULL && !fips140_prov_rsa_get_digest(provctx, pd, &n.md))
        return 0;
    if (pm != NULL && !fips140_prov_rsa_get_digest(provctx, pm, &n.mgf1))
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
    rsa_key *key = fips140_prov_new_ctx(provctx, sizeof *key, NULL);
    if (key == NULL)
        return NULL;
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

int fips140_prov_rsa_has(const void *keydata, int selection)
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
    return fips140_prov_rsa_has(keydata, selection);
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

/* comp_to_param - component c of k into the BIGNUM parameter p (the big-endian copy wiped and freed); 0 when the key
 * does not hold c or p cannot take it */
static int comp_to_param(OSSL_PARAM *p, const fips140_rsa_key *k, fips140_rsa_component c)
{
    uint8_t *be = NULL;
    size_t len = 0;
    if (!get_comp(k, c, &be, &len))
        return 0;
    int ok = fips140_prov_param_set_bn(p, be, len);
    memset(be, 0, len);
    free(be);
    return ok;
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
            size_t len = 0;
            if (rsa_comps[i].priv && !want_priv)
                continue;
            if (fips140_rsa_key_get(key->k, rsa_comps[i].c, NULL, 0, &len) != FIPS140_OK || len == 0)
                goto done;
            bufs[np] = calloc(1, len);
            sizes[np] = len;
            if (bufs[np] == NULL)
                goto done;
            params[np] = (OSSL_PARAM)OSSL_PARAM_BN(rsa_comps[i].name, bufs[np], len);
            np++;
            if (!(ok = comp_to_param(&params[np - 1], key->k, rsa_comps[i].c)))
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
        if ((p = fips140_prov_param_locate(params, rsa_comps[i].name)) != NULL &&
            !comp_to_param(p, key->k, rsa_comps[i].c))
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
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))fips140_prov_rsa_has},
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
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))fips140_prov_rsa_has},
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

/* ====================================================================================== helpers shared with
 * pk_rsa_sig.c and pk_rsa_cipher.c (pk_rsa.h) */

int fips140_prov_rsa_get_pad(const OSSL_PARAM *p, int *pad)
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

int fips140_prov_rsa_get_digest(void *provctx, const OSSL_PARAM *p, fips140_hash_alg *alg)
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
