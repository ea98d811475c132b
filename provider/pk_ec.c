/* provider/pk_ec.c - EC keys (P-224, P-256, P-384, P-521), ECDSA and ECDH for the fips140 provider.
 *
 * keymgmt "EC": keys hold the curve, the uncompressed public point and the big-endian private scalar (the
 * encodings of <fips140/ec.h>). Import/export use OpenSSL's parameter names: "group" (curve name), "pub" (octet
 * string, uncompressed point), "priv" (BIGNUM: OSSL_PARAM_UNSIGNED_INTEGER in native byte order).
 * signature "ECDSA": DER-encoded Ecdsa-Sig-Value (SEQUENCE { r INTEGER, s INTEGER }) over a digest; digest_sign /
 * digest_verify hash with the module. keyexch "ECDH": the x coordinate of d*Q, scalar_size bytes. TLS-GROUP:
 * secp256r1, secp384r1, secp521r1 (and their aliases P-256, P-384, P-521). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fips140/ec.h>
#include <fips140/hash.h>

#include "prov.h"

/* ======================================================================================= curves */
typedef struct ec_curve_info {
    fips140_ec_curve curve;
    const char *name;   /* OpenSSL's short name, returned as the group name */
    const char *alias1; /* NIST name */
    const char *alias2; /* SEC name */
    const char *oid;
    int bits;
    int secbits;
} ec_curve_info;

static const ec_curve_info ec_curves[] = {
    {FIPS140_EC_P224, "secp224r1", "P-224", "secp224r1", "1.3.132.0.33", 224, 112},
    {FIPS140_EC_P256, "prime256v1", "P-256", "secp256r1", "1.2.840.10045.3.1.7", 256, 128},
    {FIPS140_EC_P384, "secp384r1", "P-384", "secp384r1", "1.3.132.0.34", 384, 192},
    {FIPS140_EC_P521, "secp521r1", "P-521", "secp521r1", "1.3.132.0.35", 521, 256},
};

static const ec_curve_info *curve_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof(ec_curves) / sizeof(ec_curves[0]); i++) {
        const ec_curve_info *c = &ec_curves[i];
        if (strcasecmp(name, c->name) == 0 || strcasecmp(name, c->alias1) == 0 ||
            strcasecmp(name, c->alias2) == 0 || strcmp(name, c->oid) == 0)
            return c;
    }
    return NULL;
}

static const ec_curve_info *curve_info(fips140_ec_curve curve)
{
    for (size_t i = 0; i < sizeof(ec_curves) / sizeof(ec_curves[0]); i++)
        if (ec_curves[i].curve == curve)
            return &ec_curves[i];
    return NULL;
}

/* Largest DER Ecdsa-Sig-Value for the curve: two INTEGERs of scalar_size + 1 content bytes. */
static size_t ecdsa_der_max(size_t n)
{
    size_t content = 2 * (2 + n + 1);
    return content + (content < 128 ? 2 : 3);
}

/* ======================================================================================= key */
typedef struct ec_key {
    fips140_prov_ctx *prov;
    fips140_ec_curve curve; /* 0: no group yet */
    int has_pub, has_priv;
    uint8_t pub[FIPS140_EC_MAX_POINT];
    uint8_t priv[FIPS140_EC_MAX_SCALAR];
} ec_key;

static void ec_key_wipe_free(ec_key *k)
{
    if (k == NULL)
        return;
    volatile uint8_t *p = (volatile uint8_t *)k;
    for (size_t i = 0; i < sizeof(*k); i++)
        p[i] = 0;
    free(k);
}

static void *eckm_new(void *provctx)
{
    ec_key *k = fips140_prov_new_ctx(provctx, sizeof *k, NULL);
    if (k == NULL)
        return NULL;
    k->prov = fips140_prov_ctx_of(provctx);
    return k;
}

static void eckm_free(void *keydata)
{
    ec_key_wipe_free(keydata);
}

static void *eckm_dup(const void *keydata, int selection)
{
    const ec_key *src = keydata;
    ec_key *k = eckm_new(src->prov);
    if (k == NULL)
        return NULL;
    k->curve = src->curve; /* the group is needed by any selection */
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && src->has_pub) {
        k->has_pub = 1;
        memcpy(k->pub, src->pub, sizeof(k->pub));
    }
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && src->has_priv) {
        k->has_priv = 1;
        memcpy(k->priv, src->priv, sizeof(k->priv));
    }
    return k;
}

static int eckm_has(const void *keydata, int selection)
{
    const ec_key *k = keydata;
    if (k == NULL)
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS) && k->curve == 0)
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && !k->has_pub)
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && !k->has_priv)
        return 0;
    return 1;
}

static int eckm_match(const void *a, const void *b, int selection)
{
    const ec_key *k1 = a, *k2 = b;
    if (k1->curve != k2->curve)
        return 0; /* every selection of an EC key depends on its group */
    if (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) {
        size_t ps = fips140_ec_point_size(k1->curve), ss = fips140_ec_scalar_size(k1->curve);
        if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && k1->has_pub && k2->has_pub)
            return memcmp(k1->pub, k2->pub, ps) == 0;
        if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && k1->has_priv && k2->has_priv)
            return memcmp(k1->priv, k2->priv, ss) == 0;
        return 0;
    }
    return 1;
}

static int eckm_validate(const void *keydata, int selection, int checktype)
{
    const ec_key *k = keydata;
    (void)checktype;
    if (k == NULL || k->curve == 0)
        return 0;
    size_t ps = fips140_ec_point_size(k->curve), ss = fips140_ec_scalar_size(k->curve);
    if (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) {
        if (!k->has_pub || fips140_ec_validate_public(k->curve, k->pub, ps) != FIPS140_OK)
            return 0;
    }
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) {
        uint8_t pub[FIPS140_EC_MAX_POINT];
        if (!k->has_priv || fips140_ec_public_from_private(k->curve, k->priv, ss, pub, ps) != FIPS140_OK)
            return 0;
        if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && memcmp(pub, k->pub, ps) != 0)
            return 0; /* pairwise: pub must be d*G */
    }
    return 1;
}

/* set the public key from an uncompressed point; clears a private key that no longer belongs to it */
static int ec_key_set_pub(ec_key *k, const void *data, size_t len)
{
    size_t ps = fips140_ec_point_size(k->curve);
    if (k->curve == 0 || len != ps) {
        FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_INVALID_PARAM, "EC public key: %zu bytes, expected an "
                           "uncompressed point of %zu bytes", len, ps);
        return 0;
    }
    fips140_status st = fips140_ec_validate_public(k->curve, data, len);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(k->prov, st, "EC public key");
    if (k->has_priv && !(k->has_pub && memcmp(k->pub, data, len) == 0)) {
        memset(k->priv, 0, sizeof(k->priv));
        k->has_priv = 0;
    }
    memcpy(k->pub, data, len);
    k->has_pub = 1;
    return 1;
}

static int eckm_import(void *keydata, int selection, const OSSL_PARAM params[])
{
    ec_key *k = keydata;
    if (k == NULL || !fips140_prov_is_running())
        return 0;
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_GROUP_NAME);
    if (p != NULL) {
        char name[64];
        const ec_curve_info *c;
        if (!fips140_prov_param_get_utf8_string(p, name, sizeof(name)) || (c = curve_by_name(name)) == NULL) {
            FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_UNSUPPORTED, "EC group");
            return 0;
        }
        if (k->curve != 0 && k->curve != c->curve)
            return 0;
        k->curve = c->curve;
    }
    if (k->curve == 0) {
        FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_MISSING_PARAM, "EC group (only named curves are supported)");
        return 0;
    }
    if (!(selection & OSSL_KEYMGMT_SELECT_KEYPAIR))
        return 1;
    size_t ps = fips140_ec_point_size(k->curve), ss = fips140_ec_scalar_size(k->curve);
    const OSSL_PARAM *ppub = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_PUB_KEY);
    const OSSL_PARAM *ppriv = (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
                                  ? fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_PRIV_KEY)
                                  : NULL;
    if (ppub == NULL && ppriv == NULL) {
        FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_MISSING_PARAM, "EC key: neither pub nor priv");
        return 0;
    }
    uint8_t priv[FIPS140_EC_MAX_SCALAR], derived[FIPS140_EC_MAX_POINT];
    if (ppriv != NULL) {
        if (!fips140_prov_param_get_bn(ppriv, priv, ss)) {
            FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_INVALID_PARAM, "EC private key");
            return 0;
        }
        fips140_status st = fips140_ec_public_from_private(k->curve, priv, ss, derived, ps);
        if (st != FIPS140_OK) {
            memset(priv, 0, sizeof(priv));
            return fips140_prov_raise_status(k->prov, st, "EC private key");
        }
    }
    if (ppub != NULL) {
        const void *d;
        size_t n;
        if (!fips140_prov_param_get_octet_ptr(ppub, &d, &n)) {
            FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_INVALID_PARAM, "EC public key");
            return 0;
        }
        if (ppriv != NULL && (n != ps || memcmp(d, derived, ps) != 0)) {
            memset(priv, 0, sizeof(priv));
            FIPS140_PROV_RAISE(k->prov, FIPS140_PROV_R_INVALID_PARAM, "EC public key does not match the private key");
            return 0;
        }
        if (!ec_key_set_pub(k, d, n))
            return 0;
    } else {
        memcpy(k->pub, derived, ps);
        k->has_pub = 1;
    }
    if (ppriv != NULL) {
        memcpy(k->priv, priv, ss);
        k->has_priv = 1;
        memset(priv, 0, sizeof(priv));
    }
    return 1;
}

static int eckm_export(void *keydata, int selection, OSSL_CALLBACK *cb, void *cbarg)
{
    ec_key *k = keydata;
    if (k == NULL || k->curve == 0 || !fips140_prov_is_running())
        return 0;
    const ec_curve_info *c = curve_info(k->curve);
    size_t ps = fips140_ec_point_size(k->curve), ss = fips140_ec_scalar_size(k->curve);
    uint8_t privn[FIPS140_EC_MAX_SCALAR];
    OSSL_PARAM params[4];
    size_t n = 0;
    params[n++] = (OSSL_PARAM){OSSL_PKEY_PARAM_GROUP_NAME, OSSL_PARAM_UTF8_STRING, (void *)c->name,
                               strlen(c->name), OSSL_PARAM_UNMODIFIED};
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && k->has_pub)
        params[n++] = (OSSL_PARAM){OSSL_PKEY_PARAM_PUB_KEY, OSSL_PARAM_OCTET_STRING, k->pub, ps,
                                   OSSL_PARAM_UNMODIFIED};
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && k->has_priv) {
        fips140_prov_bn_be_to_native(privn, k->priv, ss);
        params[n++] = (OSSL_PARAM){OSSL_PKEY_PARAM_PRIV_KEY, OSSL_PARAM_UNSIGNED_INTEGER, privn, ss,
                                   OSSL_PARAM_UNMODIFIED};
    }
    params[n] = (OSSL_PARAM){NULL, 0, NULL, 0, 0};
    int ret = cb(params, cbarg);
    memset(privn, 0, sizeof(privn));
    return ret;
}

static const OSSL_PARAM eckm_types[] = {
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
    OSSL_PARAM_END,
};

static const OSSL_PARAM *eckm_import_types(int selection)
{
    (void)selection;
    return eckm_types;
}

static int eckm_get_params(void *keydata, OSSL_PARAM params[])
{
    ec_key *k = keydata;
    if (k == NULL || k->curve == 0)
        return 0;
    const ec_curve_info *c = curve_info(k->curve);
    size_t ps = fips140_ec_point_size(k->curve), ss = fips140_ec_scalar_size(k->curve);
    OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_BITS)) != NULL && !fips140_prov_param_set_int(p, c->bits))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_SECURITY_BITS)) != NULL &&
        !fips140_prov_param_set_int(p, c->secbits))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_MAX_SIZE)) != NULL &&
        !fips140_prov_param_set_int(p, (int)ecdsa_der_max(ss)))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_GROUP_NAME)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, c->name))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_DEFAULT_DIGEST)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, "SHA256"))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY)) != NULL) {
        if (!k->has_pub || !fips140_prov_param_set_octet_string(p, k->pub, ps))
            return 0;
    }
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_PUB_KEY)) != NULL) {
        if (!k->has_pub || !fips140_prov_param_set_octet_string(p, k->pub, ps))
            return 0;
    }
    return 1;
}

static const OSSL_PARAM *eckm_gettable_params(void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_int(OSSL_PKEY_PARAM_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_SECURITY_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_MAX_SIZE, NULL),
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0),
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_DEFAULT_DIGEST, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
        OSSL_PARAM_END,
    };
    (void)provctx;
    return t;
}

static int eckm_set_params(void *keydata, const OSSL_PARAM params[])
{
    ec_key *k = keydata;
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY);
    if (p != NULL) {
        const void *d;
        size_t n;
        if (!fips140_prov_param_get_octet_ptr(p, &d, &n))
            return 0;
        return ec_key_set_pub(k, d, n);
    }
    return 1;
}

static const OSSL_PARAM *eckm_settable_params(void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_END,
    };
    (void)provctx;
    return t;
}

static const char *eckm_query_operation_name(int operation_id)
{
    switch (operation_id) {
    case OSSL_OP_SIGNATURE:
        return "ECDSA";
    case OSSL_OP_KEYEXCH:
        return "ECDH";
    default:
        return NULL;
    }
}

/* ---- key generation */
typedef struct ec_gen_ctx {
    fips140_prov_ctx *prov;
    int selection;
    fips140_ec_curve curve;
} ec_gen_ctx;

static int eckm_gen_set_params(void *genctx, const OSSL_PARAM params[])
{
    ec_gen_ctx *g = genctx;
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_GROUP_NAME);
    if (p != NULL) {
        char name[64];
        const ec_curve_info *c;
        if (!fips140_prov_param_get_utf8_string(p, name, sizeof(name))) {
            FIPS140_PROV_RAISE(g->prov, FIPS140_PROV_R_INVALID_PARAM, "EC group");
            return 0;
        }
        if ((c = curve_by_name(name)) == NULL) {
            FIPS140_PROV_RAISE(g->prov, FIPS140_PROV_R_UNSUPPORTED, "EC group %s", name);
            return 0;
        }
        g->curve = c->curve;
    }
    return 1;
}

static void *eckm_gen_init(void *provctx, int selection, const OSSL_PARAM params[])
{
    ec_gen_ctx *g = fips140_prov_new_ctx(provctx, sizeof *g, NULL);
    if (g == NULL)
        return NULL;
    g->prov = fips140_prov_ctx_of(provctx);
    g->selection = selection;
    if (!eckm_gen_set_params(g, params)) {
        free(g);
        return NULL;
    }
    return g;
}

static int eckm_gen_set_template(void *genctx, void *templ)
{
    ec_gen_ctx *g = genctx;
    const ec_key *t = templ;
    if (t == NULL || t->curve == 0)
        return 0;
    g->curve = t->curve;
    return 1;
}

static const OSSL_PARAM *eckm_gen_settable_params(void *genctx, void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0),
        OSSL_PARAM_END,
    };
    (void)genctx;
    (void)provctx;
    return t;
}

static void *eckm_gen(void *genctx, OSSL_CALLBACK *cb, void *cbarg)
{
    ec_gen_ctx *g = genctx;
    (void)cb;
    (void)cbarg;
    if (g->curve == 0) {
        FIPS140_PROV_RAISE(g->prov, FIPS140_PROV_R_MISSING_PARAM, "EC group not set");
        return NULL;
    }
    ec_key *k = eckm_new(g->prov);
    if (k == NULL)
        return NULL;
    k->curve = g->curve;
    if (g->selection & OSSL_KEYMGMT_SELECT_KEYPAIR) {
        fips140_status st = fips140_ec_keygen(k->curve, k->priv, fips140_ec_scalar_size(k->curve), k->pub,
                                              fips140_ec_point_size(k->curve));
        if (st != FIPS140_OK) {
            fips140_prov_raise_status(g->prov, st, "EC key generation");
            ec_key_wipe_free(k);
            return NULL;
        }
        k->has_pub = k->has_priv = 1;
    }
    return k;
}

static void eckm_gen_cleanup(void *genctx)
{
    free(genctx);
}

static const OSSL_DISPATCH fips140_prov_ec_keymgmt_functions[] = {
    {OSSL_FUNC_KEYMGMT_NEW, (void (*)(void))eckm_new},
    {OSSL_FUNC_KEYMGMT_FREE, (void (*)(void))eckm_free},
    {OSSL_FUNC_KEYMGMT_DUP, (void (*)(void))eckm_dup},
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))eckm_has},
    {OSSL_FUNC_KEYMGMT_MATCH, (void (*)(void))eckm_match},
    {OSSL_FUNC_KEYMGMT_VALIDATE, (void (*)(void))eckm_validate},
    {OSSL_FUNC_KEYMGMT_IMPORT, (void (*)(void))eckm_import},
    {OSSL_FUNC_KEYMGMT_IMPORT_TYPES, (void (*)(void))eckm_import_types},
    {OSSL_FUNC_KEYMGMT_EXPORT, (void (*)(void))eckm_export},
    {OSSL_FUNC_KEYMGMT_EXPORT_TYPES, (void (*)(void))eckm_import_types},
    {OSSL_FUNC_KEYMGMT_GET_PARAMS, (void (*)(void))eckm_get_params},
    {OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, (void (*)(void))eckm_gettable_params},
    {OSSL_FUNC_KEYMGMT_SET_PARAMS, (void (*)(void))eckm_set_params},
    {OSSL_FUNC_KEYMGMT_SETTABLE_PARAMS, (void (*)(void))eckm_settable_params},
    {OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, (void (*)(void))eckm_query_operation_name},
    {OSSL_FUNC_KEYMGMT_GEN_INIT, (void (*)(void))eckm_gen_init},
    {OSSL_FUNC_KEYMGMT_GEN_SET_TEMPLATE, (void (*)(void))eckm_gen_set_template},
    {OSSL_FUNC_KEYMGMT_GEN_SET_PARAMS, (void (*)(void))eckm_gen_set_params},
    {OSSL_FUNC_KEYMGMT_GEN_SETTABLE_PARAMS, (void (*)(void))eckm_gen_settable_params},
    {OSSL_FUNC_KEYMGMT_GEN, (void (*)(void))eckm_gen},
    {OSSL_FUNC_KEYMGMT_GEN_CLEANUP, (void (*)(void))eckm_gen_cleanup},
    {0, NULL},
};

const OSSL_ALGORITHM fips140_prov_keymgmt_ec[] = {
    {"EC:id-ecPublicKey:1.2.840.10045.2.1", FIPS140_PROV_PROPS, fips140_prov_ec_keymgmt_functions,
     "fips140 EC keys (P-224, P-256, P-384, P-521)"},
    {NULL, NULL, NULL, NULL},
};

/* ======================================================================================= ECDSA */
/* DER INTEGER of a non-negative big-endian number */
static size_t der_put_int(uint8_t *out, const uint8_t *v, size_t n)
{
    size_t i = 0;
    while (i + 1 < n && v[i] == 0)
        i++;
    size_t len = n - i, pad = (v[i] & 0x80) ? 1 : 0;
    out[0] = 0x02;
    out[1] = (uint8_t)(len + pad);
    if (pad)
        out[2] = 0;
    memcpy(out + 2 + pad, v + i, len);
    return 2 + pad + len;
}

/* r||s (each n bytes) -> DER Ecdsa-Sig-Value; returns its length (<= ecdsa_der_max(n)) */
static size_t ecdsa_sig_to_der(const uint8_t *rs, size_t n, uint8_t *out)
{
    uint8_t body[2 * (3 + FIPS140_EC_MAX_SCALAR)];
    size_t blen = der_put_int(body, rs, n);
    blen += der_put_int(body + blen, rs + n, n);
    size_t h = 0;
    out[h++] = 0x30;
    if (blen >= 128)
        out[h++] = 0x81;
    out[h++] = (uint8_t)blen;
    memcpy(out + h, body, blen);
    return h + blen;
}

/* one strict-DER INTEGER at *pp (within end), non-negative, minimal, fitting n bytes -> out (big-endian, n) */
static int der_get_int(const uint8_t **pp, const uint8_t *end, uint8_t *out, size_t n)
{
    const uint8_t *p = *pp;
    if (end - p < 2 || p[0] != 0x02 || p[1] >= 0x80)
        return 0;
    size_t len = p[1];
    p += 2;
    if (len == 0 || (size_t)(end - p) < len)
        return 0;
    if (p[0] & 0x80)
        return 0; /* negative */
    if (len > 1 && p[0] == 0 && !(p[1] & 0x80))
        return 0; /* not minimal */
    const uint8_t *v = p;
    size_t vlen = len;
    if (v[0] == 0 && vlen > 1) {
        v++;
        vlen--;
    }
    if (vlen > n)
        return 0;
    memset(out, 0, n - vlen);
    memcpy(out + n - vlen, v, vlen);
    *pp = p + len;
    return 1;
}

static int ecdsa_der_to_sig(const uint8_t *der, size_t dlen, uint8_t *rs, size_t n)
{
    const uint8_t *p = der, *end = der + dlen;
    if (dlen < 2 || p[0] != 0x30)
        return 0;
    size_t len;
    if (p[1] < 0x80) {
        len = p[1];
        p += 2;
    } else if (p[1] == 0x81 && dlen >= 3 && p[2] >= 0x80) {
        len = p[2];
        p += 3;
    } else {
        return 0;
    }
    if ((size_t)(end - p) != len)
        return 0;
    if (!der_get_int(&p, end, rs, n) || !der_get_int(&p, end, rs + n, n))
        return 0;
    return p == end;
}

typedef struct ecdsa_ctx {
    fips140_prov_ctx *prov;
    ec_key key;
    int has_key;
    int md_set;              /* a digest was chosen (digest_*_init or the "digest" parameter) */
    fips140_hash_alg md;
    int hashing;             /* digest_sign/verify in progress */
    fips140_hash_ctx hctx;
} ecdsa_ctx;

static void ecdsa_freectx(void *vctx)
{
    ecdsa_ctx *c = vctx;
    if (c == NULL)
        return;
    volatile uint8_t *p = (volatile uint8_t *)c;
    for (size_t i = 0; i < sizeof(*c); i++)
        p[i] = 0;
    free(c);
}

static void *ecdsa_newctx(void *provctx, const char *propq)
{
    (void)propq;
    ecdsa_ctx *c = fips140_prov_new_ctx(provctx, sizeof *c, NULL);
    if (c == NULL)
        return NULL;
    c->prov = fips140_prov_ctx_of(provctx);
    return c;
}

static void *ecdsa_dupctx(void *vctx)
{
    ecdsa_ctx *c = vctx, *d = malloc(sizeof(*d));
    if (d == NULL)
        return NULL;
    memcpy(d, c, sizeof(*d));
    return d;
}

static int ecdsa_set_md(ecdsa_ctx *c, const char *name)
{
    fips140_hash_alg alg;
    if (!fips140_prov_digest_lookup(name, &alg) || fips140_hash_is_xof(alg)) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_UNSUPPORTED, "ECDSA digest %s", name);
        return 0;
    }
    c->md = alg;
    c->md_set = 1;
    return 1;
}

static int ecdsa_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    ecdsa_ctx *c = vctx;
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_SIGNATURE_PARAM_DIGEST);
    if (p != NULL) {
        char name[64];
        if (c->hashing || !fips140_prov_param_get_utf8_string(p, name, sizeof(name)))
            return 0;
        if (!ecdsa_set_md(c, name))
            return 0;
    }
    return 1;
}

static const OSSL_PARAM *ecdsa_settable_ctx_params(void *vctx, void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, NULL, 0),
        OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PROPERTIES, NULL, 0),
        OSSL_PARAM_END,
    };
    (void)vctx;
    (void)provctx;
    return t;
}

/* AlgorithmIdentifier of ecdsa-with-<md> (ANSI X9.62 / NIST OIDs, parameters absent) */
static size_t ecdsa_algid(fips140_hash_alg md, uint8_t out[16])
{
    static const uint8_t x962[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04}; /* 1.2.840.10045.4 */
    static const uint8_t nist[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03}; /* 2.16.840.1.101.3.4.3 */
    uint8_t oid[12];
    size_t olen;
    switch (md) {
    case FIPS140_SHA1:
        memcpy(oid, x962, 6), oid[6] = 0x01, olen = 7;
        break;
    case FIPS140_SHA224: case FIPS140_SHA256: case FIPS140_SHA384: case FIPS140_SHA512:
        memcpy(oid, x962, 6), oid[6] = 0x03;
        oid[7] = (uint8_t)(md == FIPS140_SHA224 ? 1 : md == FIPS140_SHA256 ? 2 : md == FIPS140_SHA384 ? 3 : 4);
        olen = 8;
        break;
    case FIPS140_SHA3_224: case FIPS140_SHA3_256: case FIPS140_SHA3_384: case FIPS140_SHA3_512:
        memcpy(oid, nist, 8);
        oid[8] = (uint8_t)(9 + (md - FIPS140_SHA3_224));
        olen = 9;
        break;
    default:
        return 0;
    }
    out[0] = 0x30;
    out[1] = (uint8_t)(olen + 2);
    out[2] = 0x06;
    out[3] = (uint8_t)olen;
    memcpy(out + 4, oid, olen);
    return olen + 4;
}

static int ecdsa_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    ecdsa_ctx *c = vctx;
    OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_ALGORITHM_ID)) != NULL) {
        uint8_t aid[16];
        size_t n = c->md_set ? ecdsa_algid(c->md, aid) : 0;
        if (n == 0 || !fips140_prov_param_set_octet_string(p, aid, n))
            return 0;
    }
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_DIGEST)) != NULL) {
        if (!c->md_set || !fips140_prov_param_set_utf8_string(p, fips140_hash_name(c->md)))
            return 0;
    }
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_DIGEST_SIZE)) != NULL) {
        if (!c->md_set || !fips140_prov_param_set_size_t(p, fips140_hash_digest_size(c->md)))
            return 0;
    }
    return 1;
}

static const OSSL_PARAM *ecdsa_gettable_ctx_params(void *vctx, void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID, NULL, 0),
        OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, NULL, 0),
        OSSL_PARAM_size_t(OSSL_SIGNATURE_PARAM_DIGEST_SIZE, NULL),
        OSSL_PARAM_END,
    };
    (void)vctx;
    (void)provctx;
    return t;
}

static int ecdsa_init(ecdsa_ctx *c, void *keydata, const OSSL_PARAM params[], int need_priv)
{
    const ec_key *k = keydata;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return 0;
    }
    if (k != NULL) {
        if (k->curve == 0 || (need_priv ? !k->has_priv : !k->has_pub)) {
            FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_MISSING_PARAM, "ECDSA: the key has no %s key",
                               need_priv ? "private" : "public");
            return 0;
        }
        memcpy(&c->key, k, sizeof(c->key));
        c->has_key = 1;
    } else if (!c->has_key) {
        return 0;
    }
    c->hashing = 0;
    c->md_set = 0;
    return ecdsa_set_ctx_params(c, params);
}

static int ecdsa_sign_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    return ecdsa_init(vctx, keydata, params, 1);
}

static int ecdsa_verify_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    return ecdsa_init(vctx, keydata, params, 0);
}

static int ecdsa_sign(void *vctx, unsigned char *sig, size_t *siglen, size_t sigsize, const unsigned char *tbs,
                      size_t tbslen)
{
    ecdsa_ctx *c = vctx;
    if (!c->has_key) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_BAD_STATE, "ECDSA: no key (sign_init not called)");
        return 0;
    }
    size_t n = fips140_ec_scalar_size(c->key.curve), max = ecdsa_der_max(n);
    if (sig == NULL) {
        *siglen = max;
        return 1;
    }
    if (sigsize < max) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "ECDSA: %zu bytes < %zu", sigsize, max);
        return 0;
    }
    if (c->md_set && tbslen != fips140_hash_digest_size(c->md)) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_INVALID_DATA_LENGTH, "ECDSA: digest of %zu bytes", tbslen);
        return 0;
    }
    uint8_t rs[2 * FIPS140_EC_MAX_SCALAR];
    fips140_status st = fips140_ecdsa_sign(c->key.curve, c->key.priv, n, tbs, tbslen, rs, 2 * n);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->prov, st, "ECDSA sign");
    *siglen = ecdsa_sig_to_der(rs, n, sig);
    return 1;
}

static int ecdsa_verify(void *vctx, const unsigned char *sig, size_t siglen, const unsigned char *tbs,
                        size_t tbslen)
{
    ecdsa_ctx *c = vctx;
    if (!c->has_key)
        return 0;
    size_t n = fips140_ec_scalar_size(c->key.curve);
    uint8_t rs[2 * FIPS140_EC_MAX_SCALAR];
    if (c->md_set && tbslen != fips140_hash_digest_size(c->md))
        return 0;
    if (!ecdsa_der_to_sig(sig, siglen, rs, n))
        return 0;
    fips140_status st = fips140_ecdsa_verify(c->key.curve, c->key.pub, fips140_ec_point_size(c->key.curve), tbs,
                                             tbslen, rs, 2 * n);
    if (st == FIPS140_OK)
        return 1;
    if (st != FIPS140_ERR_AUTH)
        fips140_prov_raise_status(c->prov, st, "ECDSA verify");
    return 0;
}

static int ecdsa_digest_init(ecdsa_ctx *c, const char *mdname, void *keydata, const OSSL_PARAM params[],
                             int need_priv)
{
    if (!ecdsa_init(c, keydata, params, need_priv))
        return 0;
    if (mdname != NULL && mdname[0] != '\0') {
        if (!ecdsa_set_md(c, mdname))
            return 0;
    } else if (!c->md_set) {
        c->md = FIPS140_SHA256;
        c->md_set = 1;
    }
    fips140_status st = fips140_hash_init(&c->hctx, c->md);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->prov, st, "ECDSA digest");
    c->hashing = 1;
    return 1;
}

static int ecdsa_digest_sign_init(void *vctx, const char *mdname, void *keydata, const OSSL_PARAM params[])
{
    return ecdsa_digest_init(vctx, mdname, keydata, params, 1);
}

static int ecdsa_digest_verify_init(void *vctx, const char *mdname, void *keydata, const OSSL_PARAM params[])
{
    return ecdsa_digest_init(vctx, mdname, keydata, params, 0);
}

static int ecdsa_digest_update(void *vctx, const unsigned char *data, size_t len)
{
    ecdsa_ctx *c = vctx;
    if (!c->hashing)
        return 0;
    fips140_status st = fips140_hash_update(&c->hctx, data, len);
    return st == FIPS140_OK ? 1 : fips140_prov_raise_status(c->prov, st, "ECDSA digest");
}

static int ecdsa_digest_sign_final(void *vctx, unsigned char *sig, size_t *siglen, size_t sigsize)
{
    ecdsa_ctx *c = vctx;
    uint8_t dgst[FIPS140_HASH_MAX_DIGEST];
    size_t dlen = fips140_hash_digest_size(c->md);
    if (!c->hashing)
        return 0;
    if (sig == NULL)
        return ecdsa_sign(c, NULL, siglen, 0, NULL, 0);
    fips140_status st = fips140_hash_final(&c->hctx, dgst, dlen);
    c->hashing = 0;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->prov, st, "ECDSA digest");
    return ecdsa_sign(c, sig, siglen, sigsize, dgst, dlen);
}

static int ecdsa_digest_verify_final(void *vctx, const unsigned char *sig, size_t siglen)
{
    ecdsa_ctx *c = vctx;
    uint8_t dgst[FIPS140_HASH_MAX_DIGEST];
    size_t dlen = fips140_hash_digest_size(c->md);
    if (!c->hashing)
        return 0;
    fips140_status st = fips140_hash_final(&c->hctx, dgst, dlen);
    c->hashing = 0;
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->prov, st, "ECDSA digest");
    return ecdsa_verify(c, sig, siglen, dgst, dlen);
}

static const OSSL_DISPATCH ecdsa_functions[] = {
    {OSSL_FUNC_SIGNATURE_NEWCTX, (void (*)(void))ecdsa_newctx},
    {OSSL_FUNC_SIGNATURE_FREECTX, (void (*)(void))ecdsa_freectx},
    {OSSL_FUNC_SIGNATURE_DUPCTX, (void (*)(void))ecdsa_dupctx},
    {OSSL_FUNC_SIGNATURE_SIGN_INIT, (void (*)(void))ecdsa_sign_init},
    {OSSL_FUNC_SIGNATURE_SIGN, (void (*)(void))ecdsa_sign},
    {OSSL_FUNC_SIGNATURE_VERIFY_INIT, (void (*)(void))ecdsa_verify_init},
    {OSSL_FUNC_SIGNATURE_VERIFY, (void (*)(void))ecdsa_verify},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_INIT, (void (*)(void))ecdsa_digest_sign_init},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_UPDATE, (void (*)(void))ecdsa_digest_update},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_FINAL, (void (*)(void))ecdsa_digest_sign_final},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_INIT, (void (*)(void))ecdsa_digest_verify_init},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_UPDATE, (void (*)(void))ecdsa_digest_update},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_FINAL, (void (*)(void))ecdsa_digest_verify_final},
    {OSSL_FUNC_SIGNATURE_GET_CTX_PARAMS, (void (*)(void))ecdsa_get_ctx_params},
    {OSSL_FUNC_SIGNATURE_GETTABLE_CTX_PARAMS, (void (*)(void))ecdsa_gettable_ctx_params},
    {OSSL_FUNC_SIGNATURE_SET_CTX_PARAMS, (void (*)(void))ecdsa_set_ctx_params},
    {OSSL_FUNC_SIGNATURE_SETTABLE_CTX_PARAMS, (void (*)(void))ecdsa_settable_ctx_params},
    {0, NULL},
};

const OSSL_ALGORITHM fips140_prov_signature_ec[] = {
    {"ECDSA", FIPS140_PROV_PROPS, ecdsa_functions, "fips140 ECDSA (FIPS 186-5)"},
    {NULL, NULL, NULL, NULL},
};

/* ======================================================================================= ECDH */
typedef struct ecdh_ctx {
    fips140_prov_ctx *prov;
    ec_key key, peer;
    int has_key, has_peer;
} ecdh_ctx;

static void *ecdh_newctx(void *provctx)
{
    ecdh_ctx *c = fips140_prov_new_ctx(provctx, sizeof *c, NULL);
    if (c != NULL)
        c->prov = fips140_prov_ctx_of(provctx);
    return c;
}

static void ecdh_freectx(void *vctx)
{
    ecdh_ctx *c = vctx;
    if (c == NULL)
        return;
    volatile uint8_t *p = (volatile uint8_t *)c;
    for (size_t i = 0; i < sizeof(*c); i++)
        p[i] = 0;
    free(c);
}

static void *ecdh_dupctx(void *vctx)
{
    ecdh_ctx *d = malloc(sizeof(*d));
    if (d != NULL)
        memcpy(d, vctx, sizeof(*d));
    return d;
}

static int ecdh_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    ecdh_ctx *c = vctx;
    const OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate_const(params, OSSL_EXCHANGE_PARAM_EC_ECDH_COFACTOR_MODE)) != NULL) {
        int mode; /* -1 default, 0 off, 1 on: the NIST prime curves have cofactor 1, all are the same */
        if (!fips140_prov_param_get_int(p, &mode) || mode < -1 || mode > 1)
            return 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_EXCHANGE_PARAM_KDF_TYPE)) != NULL) {
        char name[32];
        if (!fips140_prov_param_get_utf8_string(p, name, sizeof(name)) || name[0] != '\0') {
            FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_UNSUPPORTED, "ECDH KDF");
            return 0;
        }
    }
    return 1;
}

static const OSSL_PARAM *ecdh_settable_ctx_params(void *vctx, void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_int(OSSL_EXCHANGE_PARAM_EC_ECDH_COFACTOR_MODE, NULL),
        OSSL_PARAM_utf8_string(OSSL_EXCHANGE_PARAM_KDF_TYPE, NULL, 0),
        OSSL_PARAM_END,
    };
    (void)vctx;
    (void)provctx;
    return t;
}

static int ecdh_init(void *vctx, void *keydata, const OSSL_PARAM params[])
{
    ecdh_ctx *c = vctx;
    const ec_key *k = keydata;
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_NOT_OPERATIONAL, NULL);
        return 0;
    }
    if (k == NULL || k->curve == 0 || !k->has_priv) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_MISSING_PARAM, "ECDH: the key has no private key");
        return 0;
    }
    memcpy(&c->key, k, sizeof(c->key));
    c->has_key = 1;
    c->has_peer = 0;
    return ecdh_set_ctx_params(c, params);
}

static int ecdh_set_peer(void *vctx, void *peerdata)
{
    ecdh_ctx *c = vctx;
    const ec_key *p = peerdata;
    if (!c->has_key || p == NULL || !p->has_pub || p->curve != c->key.curve) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_INVALID_PARAM, "ECDH: peer key missing or on another curve");
        return 0;
    }
    memcpy(&c->peer, p, sizeof(c->peer));
    c->has_peer = 1;
    return 1;
}

static int ecdh_derive(void *vctx, unsigned char *secret, size_t *secretlen, size_t outlen)
{
    ecdh_ctx *c = vctx;
    if (!c->has_key || !c->has_peer) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_BAD_STATE, "ECDH: key or peer not set");
        return 0;
    }
    size_t n = fips140_ec_scalar_size(c->key.curve);
    if (secret == NULL) {
        *secretlen = n;
        return 1;
    }
    if (outlen < n) {
        FIPS140_PROV_RAISE(c->prov, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "ECDH: %zu bytes < %zu", outlen, n);
        return 0;
    }
    fips140_status st = fips140_ecdh(c->key.curve, c->key.priv, n, c->peer.pub, fips140_ec_point_size(c->key.curve),
                                     secret, n);
    if (st != FIPS140_OK)
        return fips140_prov_raise_status(c->prov, st, "ECDH");
    *secretlen = n;
    return 1;
}

static const OSSL_DISPATCH ecdh_functions[] = {
    {OSSL_FUNC_KEYEXCH_NEWCTX, (void (*)(void))ecdh_newctx},
    {OSSL_FUNC_KEYEXCH_FREECTX, (void (*)(void))ecdh_freectx},
    {OSSL_FUNC_KEYEXCH_DUPCTX, (void (*)(void))ecdh_dupctx},
    {OSSL_FUNC_KEYEXCH_INIT, (void (*)(void))ecdh_init},
    {OSSL_FUNC_KEYEXCH_SET_PEER, (void (*)(void))ecdh_set_peer},
    {OSSL_FUNC_KEYEXCH_DERIVE, (void (*)(void))ecdh_derive},
    {OSSL_FUNC_KEYEXCH_SET_CTX_PARAMS, (void (*)(void))ecdh_set_ctx_params},
    {OSSL_FUNC_KEYEXCH_SETTABLE_CTX_PARAMS, (void (*)(void))ecdh_settable_ctx_params},
    {0, NULL},
};

const OSSL_ALGORITHM fips140_prov_keyexch_ec[] = {
    {"ECDH", FIPS140_PROV_PROPS, ecdh_functions, "fips140 ECC CDH (SP 800-56A Rev. 3)"},
    {NULL, NULL, NULL, NULL},
};

/* ======================================================================================= TLS-GROUP */
int fips140_prov_tls_groups_ec(OSSL_CALLBACK *cb, void *arg)
{
    static const struct {
        const char *name, *internal;
        unsigned int id, secbits;
    } groups[] = {
        {"secp256r1", "prime256v1", 23, 128},
        {"secp384r1", "secp384r1", 24, 192},
        {"secp521r1", "secp521r1", 25, 256},
        /* the NIST names, accepted by SSL_CTX_set1_groups_list like the default provider's aliases */
        {"P-256", "prime256v1", 23, 128},
        {"P-384", "secp384r1", 24, 192},
        {"P-521", "secp521r1", 25, 256},
    };
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        unsigned int id = groups[i].id, secbits = groups[i].secbits, is_kem = 0;
        int min_tls = 0x0301 /* TLS 1.0 */, max_tls = 0, min_dtls = 0xFEFF /* DTLS 1.0 */, max_dtls = 0;
        OSSL_PARAM p[] = {
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME, (char *)groups[i].name, strlen(groups[i].name)),
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME_INTERNAL, (char *)groups[i].internal,
                                   strlen(groups[i].internal)),
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_ALG, (char *)"EC", 2),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_ID, &id),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_SECURITY_BITS, &secbits),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_TLS, &min_tls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_TLS, &max_tls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_DTLS, &min_dtls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_DTLS, &max_dtls),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_IS_KEM, &is_kem),
            OSSL_PARAM_END,
        };
        if (!cb(p, arg))
            return 0;
    }
    return 1;
}
