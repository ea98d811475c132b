/* provider/pk_dh.c - DH key management (named safe-prime groups only) and DH key exchange of the fips140 provider,
 * over <fips140/dh.h>, plus the ffdhe TLS-GROUP capabilities. Helper "pkeddh".
 *
 * A key belongs to one of the module's groups: RFC 7919 ffdhe2048..8192 ("ffdhe2048"...) and RFC 3526 MODP-2048..8192
 * ("modp_2048"...). Import takes OSSL_PKEY_PARAM_GROUP_NAME or, failing that, P (and G = 2) equal to one of those
 * primes; arbitrary FFC domain parameters are refused. Generated private keys are the module's N/8-byte exponents
 * (SP 800-56A Rev. 3 §5.6.1.1.4, N = 2s). Imported private keys may be any x in [1, q-1] (§5.6.2.1.2), e.g. the
 * 225-bit or len(q)-bit ones OpenSSL's default provider makes; they are kept as len(p)-byte strings, so that the
 * module's constant-time exponentiation with them always runs over len(q) bits, whatever the key's value (an
 * x = 0 or x >= q is refused with an explicit error). BIGNUM parameters (P, Q, G, PUB_KEY,
 * PRIV_KEY) are OSSL_PARAM_UNSIGNED_INTEGER in native byte order; OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY is big-endian,
 * len(p) bytes (TLS key shares). The exchange is fips140_ffdh (full peer validation); the secret keeps its leading
 * zeros when the "pad" parameter is set (TLS 1.3) and drops them otherwise, as OpenSSL's DH does. */
#include <stdlib.h>
#include <string.h>

#include "prov.h"

/* ---------------------------------------------------------------- groups */
typedef struct dh_group_info {
    const char *name;
    fips140_dh_group group;
    unsigned tls_id; /* 0: not a TLS group */
} dh_group_info;

static const dh_group_info dh_groups[] = {
    {"ffdhe2048", FIPS140_DH_FFDHE2048, 256}, {"ffdhe3072", FIPS140_DH_FFDHE3072, 257},
    {"ffdhe4096", FIPS140_DH_FFDHE4096, 258}, {"ffdhe6144", FIPS140_DH_FFDHE6144, 259},
    {"ffdhe8192", FIPS140_DH_FFDHE8192, 260}, {"modp_2048", FIPS140_DH_MODP2048, 0},
    {"modp_3072", FIPS140_DH_MODP3072, 0},    {"modp_4096", FIPS140_DH_MODP4096, 0},
    {"modp_6144", FIPS140_DH_MODP6144, 0},    {"modp_8192", FIPS140_DH_MODP8192, 0},
};
#define DH_NGROUPS (sizeof(dh_groups) / sizeof(dh_groups[0]))

static int ascii_ieq(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return 0;
        if (x == '\0') return 1;
    }
}

static const dh_group_info *dh_group_by_name(const char *name)
{
    for (size_t i = 0; i < DH_NGROUPS; i++)
        if (ascii_ieq(name, dh_groups[i].name)) return &dh_groups[i];
    return NULL;
}

static const dh_group_info *dh_group_by_id(fips140_dh_group g)
{
    for (size_t i = 0; i < DH_NGROUPS; i++)
        if (dh_groups[i].group == g) return &dh_groups[i];
    return NULL;
}

/* ---------------------------------------------------------------- keys */
typedef struct dh_key {
    fips140_dh_group group; /* 0: no domain parameters yet */
    int has_priv, has_pub;
    size_t priv_len; /* bytes of priv: fips140_dh_priv_size (generated) or fips140_dh_size (imported) */
    uint8_t priv[FIPS140_DH_MAX_SIZE];
    uint8_t pub[FIPS140_DH_MAX_SIZE];
} dh_key;

static void dh_wipe_free(void *p, size_t n)
{
    if (p == NULL) return;
    volatile uint8_t *v = p;
    for (size_t i = 0; i < n; i++) v[i] = 0;
    free(p);
}

static void *dh_new(void *provctx)
{
    (void)provctx;
    return fips140_prov_new_ctx(NULL, sizeof(dh_key), "DH key");
}

static void dh_free(void *key) { dh_wipe_free(key, sizeof(dh_key)); }

static void *dh_dup(const void *src, int selection)
{
    const dh_key *s = src;
    if (s == NULL || !fips140_prov_is_running()) return NULL;
    dh_key *k = calloc(1, sizeof(*k));
    if (k == NULL) return NULL;
    if (selection & (OSSL_KEYMGMT_SELECT_ALL_PARAMETERS | OSSL_KEYMGMT_SELECT_KEYPAIR)) k->group = s->group;
    if (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) {
        k->has_pub = s->has_pub;
        memcpy(k->pub, s->pub, sizeof(k->pub));
    }
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) {
        k->has_priv = s->has_priv;
        k->priv_len = s->priv_len;
        memcpy(k->priv, s->priv, sizeof(k->priv));
    }
    return k;
}

static int dh_has(const void *key, int selection)
{
    const dh_key *k = key;
    if (k == NULL) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_ALL_PARAMETERS) && k->group == 0) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && !k->has_pub) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && !k->has_priv) return 0;
    return 1;
}

/* priv_equal - the two private keys hold the same integer (their encodings may differ in length) */
static int priv_equal(const dh_key *x, const dh_key *y)
{
    const dh_key *s = x->priv_len <= y->priv_len ? x : y, *l = s == x ? y : x;
    size_t extra = l->priv_len - s->priv_len;
    uint8_t acc = 0;
    for (size_t i = 0; i < extra; i++) acc |= l->priv[i];
    return acc == 0 && memcmp(l->priv + extra, s->priv, s->priv_len) == 0;
}

static int dh_match(const void *a, const void *b, int selection)
{
    const dh_key *x = a, *y = b;
    if (x == NULL || y == NULL) return 0;
    if (x->group != y->group) return 0;
    if (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) {
        size_t n = fips140_dh_size(x->group);
        if (x->has_pub && y->has_pub) return memcmp(x->pub, y->pub, n) == 0;
        if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && x->has_priv && y->has_priv)
            return priv_equal(x, y);
        return 0;
    }
    return 1;
}

static int dh_validate(const void *key, int selection, int checktype)
{
    const dh_key *k = key;
    (void)checktype;
    if (!dh_has(key, selection) || k->group == 0) return 0;
    size_t n = fips140_dh_size(k->group);
    if (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) {
        fips140_status st = fips140_dh_validate_public(k->group, k->pub, n);
        if (st != FIPS140_OK) return fips140_prov_raise_status(NULL, st, "DH public key validation");
    }
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == OSSL_KEYMGMT_SELECT_KEYPAIR) {
        uint8_t *pub = malloc(n);
        if (pub == NULL) return 0;
        fips140_status st = fips140_dh_public_from_private(k->group, k->priv, k->priv_len, pub, n);
        int ok = st == FIPS140_OK && memcmp(pub, k->pub, n) == 0;
        free(pub);
        if (st != FIPS140_OK) return fips140_prov_raise_status(NULL, st, "DH key pair validation");
        return ok;
    }
    return 1;
}

/* the group named by params: GROUP_NAME, else P (+ G = 2); *found 0 when neither is present */
static int dh_group_from_params(const OSSL_PARAM params[], fips140_dh_group *out, int *found)
{
    const OSSL_PARAM *p;
    char name[64];
    *found = 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_GROUP_NAME)) != NULL) {
        *found = 1;
        const dh_group_info *gi;
        if (!fips140_prov_param_get_utf8_string(p, name, sizeof(name)) || (gi = dh_group_by_name(name)) == NULL) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_UNSUPPORTED,
                               "DH group '%s' (supported: ffdhe2048..ffdhe8192, modp_2048..modp_8192)",
                               p->data_type == OSSL_PARAM_UTF8_STRING && p->data != NULL ? name : "?");
            return 0;
        }
        *out = gi->group;
        return 1;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_FFC_P)) != NULL) {
        *found = 1;
        uint8_t *pv = malloc(FIPS140_DH_MAX_SIZE), *ref = malloc(FIPS140_DH_MAX_SIZE);
        int ok = 0;
        if (pv != NULL && ref != NULL) {
            for (size_t i = 0; i < DH_NGROUPS && !ok; i++) {
                size_t n = fips140_dh_size(dh_groups[i].group);
                if (!fips140_prov_param_get_bn(p, pv, n)) continue;
                if (fips140_dh_prime(dh_groups[i].group, ref, n) == FIPS140_OK && memcmp(pv, ref, n) == 0) {
                    *out = dh_groups[i].group;
                    ok = 1;
                }
            }
        }
        free(pv);
        free(ref);
        const OSSL_PARAM *g = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_FFC_G);
        uint8_t gv[8];
        static const uint8_t two[8] = {0, 0, 0, 0, 0, 0, 0, 2};
        if (ok && g != NULL && (!fips140_prov_param_get_bn(g, gv, sizeof(gv)) || memcmp(gv, two, 8) != 0)) ok = 0;
        if (!ok)
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_UNSUPPORTED,
                               "DH domain parameters are not one of the named safe-prime groups "
                               "(ffdhe2048..ffdhe8192, modp_2048..modp_8192) with g = 2");
        return ok;
    }
    return 1;
}

static int dh_import(void *key, int selection, const OSSL_PARAM params[])
{
    dh_key *k = key;
    const OSSL_PARAM *p;
    fips140_dh_group g = 0;
    int found;

    if (k == NULL || !fips140_prov_is_running()) return 0;
    if ((selection & (OSSL_KEYMGMT_SELECT_ALL_PARAMETERS | OSSL_KEYMGMT_SELECT_KEYPAIR)) == 0) return 0;
    if (!dh_group_from_params(params, &g, &found)) return 0;
    if (!found) {
        if (k->group == 0) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM, "DH import: no group (group name or p)");
            return 0;
        }
        g = k->group;
    }
    size_t n = fips140_dh_size(g);
    uint8_t *priv = calloc(1, FIPS140_DH_MAX_SIZE), *pub = calloc(1, FIPS140_DH_MAX_SIZE);
    int has_priv = 0, has_pub = 0, ok = 0;
    if (priv == NULL || pub == NULL) goto done;

    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) &&
        (p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_PRIV_KEY)) != NULL) {
        if (p->data_type != OSSL_PARAM_UNSIGNED_INTEGER || p->data == NULL) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "DH private key: not an unsigned integer");
            goto done;
        }
        /* len(p) bytes whatever the key's length: the exponentiation bound (len(q) bits) is then fixed */
        if (!fips140_prov_param_get_bn(p, priv, n)) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM,
                               "DH private key longer than p (%s): not in [1, q-1] (SP 800-56A Rev. 3 5.6.2.1.2)",
                               dh_group_by_id(g)->name);
            goto done;
        }
        has_priv = 1;
    }
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) &&
        (p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_PUB_KEY)) != NULL) {
        if (!fips140_prov_param_get_bn(p, pub, n)) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "DH public key: not an integer below 2^%u",
                               (unsigned)(n * 8));
            goto done;
        }
        has_pub = 1;
    }
    if (has_priv) {
        uint8_t *calc = malloc(n);
        if (calc == NULL) goto done;
        fips140_status st = fips140_dh_public_from_private(g, priv, n, calc, n);
        if (st != FIPS140_OK) {
            free(calc);
            if (st == FIPS140_ERR_ARG)
                FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM,
                                   "DH private key x not in [1, q-1] for %s (SP 800-56A Rev. 3 5.6.2.1.2)",
                                   dh_group_by_id(g)->name);
            else
                fips140_prov_raise_status(NULL, st, "DH private key");
            goto done;
        }
        if (has_pub && memcmp(calc, pub, n) != 0) {
            free(calc);
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "DH public key does not match the private key");
            goto done;
        }
        memcpy(pub, calc, n);
        free(calc);
        has_pub = 1;
    }
    if (k->group != g) {
        k->has_priv = k->has_pub = 0;
    }
    k->group = g;
    if (has_priv) {
        memcpy(k->priv, priv, n);
        k->priv_len = n;
        k->has_priv = 1;
    }
    if (has_pub) {
        memcpy(k->pub, pub, n);
        k->has_pub = 1;
    }
    ok = 1;
done:
    dh_wipe_free(priv, FIPS140_DH_MAX_SIZE);
    free(pub);
    return ok;
}

static const OSSL_PARAM dh_key_types[] = {
    OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_FFC_P, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_FFC_Q, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_FFC_G, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
    OSSL_PARAM_BN(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
    OSSL_PARAM_END
};

static const OSSL_PARAM *dh_types(int selection)
{
    (void)selection;
    return dh_key_types;
}

/* native-order buffers for the exported integers */
typedef struct dh_export_bufs {
    uint8_t p[FIPS140_DH_MAX_SIZE], q[FIPS140_DH_MAX_SIZE], g[1], pub[FIPS140_DH_MAX_SIZE];
    uint8_t priv[FIPS140_DH_MAX_SIZE];
} dh_export_bufs;

static int dh_export(void *key, int selection, OSSL_CALLBACK *cb, void *cbarg)
{
    dh_key *k = key;
    OSSL_PARAM out[8];
    size_t i = 0;
    if (k == NULL || k->group == 0 || !fips140_prov_is_running()) return 0;
    if ((selection & (OSSL_KEYMGMT_SELECT_ALL_PARAMETERS | OSSL_KEYMGMT_SELECT_KEYPAIR)) == 0) return 0;
    size_t n = fips140_dh_size(k->group);
    dh_export_bufs *b = calloc(1, sizeof(*b));
    uint8_t *tmp = malloc(n);
    int ok = 0;
    if (b == NULL || tmp == NULL) goto done;
    /* the group travels with every selection (the key is meaningless without it) */
    out[i++] = (OSSL_PARAM)OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)dh_group_by_id(k->group)->name,
                                                  strlen(dh_group_by_id(k->group)->name));
    if (fips140_dh_prime(k->group, tmp, n) != FIPS140_OK) goto done;
    fips140_prov_bn_be_to_native(b->p, tmp, n);
    /* q = (p - 1) / 2: shift p right by one bit (p is odd) */
    {
        uint8_t carry = 0;
        for (size_t j = 0; j < n; j++) {
            uint8_t v = tmp[j];
            tmp[j] = (uint8_t)((v >> 1) | (carry << 7));
            carry = v & 1u;
        }
    }
    fips140_prov_bn_be_to_native(b->q, tmp, n);
    b->g[0] = 2;
    out[i++] = (OSSL_PARAM)OSSL_PARAM_BN(OSSL_PKEY_PARAM_FFC_P, b->p, n);
    out[i++] = (OSSL_PARAM)OSSL_PARAM_BN(OSSL_PKEY_PARAM_FFC_Q, b->q, n);
    out[i++] = (OSSL_PARAM)OSSL_PARAM_BN(OSSL_PKEY_PARAM_FFC_G, b->g, 1);
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) && k->has_pub) {
        fips140_prov_bn_be_to_native(b->pub, k->pub, n);
        out[i++] = (OSSL_PARAM)OSSL_PARAM_BN(OSSL_PKEY_PARAM_PUB_KEY, b->pub, n);
    }
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && k->has_priv) {
        fips140_prov_bn_be_to_native(b->priv, k->priv, k->priv_len);
        out[i++] = (OSSL_PARAM)OSSL_PARAM_BN(OSSL_PKEY_PARAM_PRIV_KEY, b->priv, k->priv_len);
    }
    out[i] = (OSSL_PARAM)OSSL_PARAM_END;
    ok = cb(out, cbarg);
done:
    if (b != NULL) dh_wipe_free(b, sizeof(*b));
    free(tmp);
    return ok;
}

static int dh_get_params(void *key, OSSL_PARAM params[])
{
    dh_key *k = key;
    OSSL_PARAM *p;
    if (k == NULL) return 0;
    size_t n = k->group ? fips140_dh_size(k->group) : 0;
    if (k->group != 0) {
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_BITS)) != NULL &&
            !fips140_prov_param_set_int(p, (int)(n * 8)))
            return 0;
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_SECURITY_BITS)) != NULL &&
            !fips140_prov_param_set_int(p, (int)fips140_dh_security_strength(k->group)))
            return 0;
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_MAX_SIZE)) != NULL &&
            !fips140_prov_param_set_int(p, (int)n))
            return 0;
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_GROUP_NAME)) != NULL &&
            !fips140_prov_param_set_utf8_string(p, dh_group_by_id(k->group)->name))
            return 0;
    }
    if (k->has_pub) {
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY)) != NULL &&
            !fips140_prov_param_set_octet_string(p, k->pub, n))
            return 0;
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_PUB_KEY)) != NULL && !fips140_prov_param_set_bn(p, k->pub, n))
            return 0;
    }
    if (k->has_priv && (p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_PRIV_KEY)) != NULL &&
        !fips140_prov_param_set_bn(p, k->priv, k->priv_len))
        return 0;
    return 1;
}

static const OSSL_PARAM *dh_gettable_params(void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_int(OSSL_PKEY_PARAM_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_SECURITY_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_MAX_SIZE, NULL),
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_BN(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
        OSSL_PARAM_BN(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
        OSSL_PARAM_END
    };
    (void)provctx;
    return t;
}

/* set_params: the peer's public key from a TLS key share (big-endian, at most len(p) bytes) */
static int dh_set_params(void *key, const OSSL_PARAM params[])
{
    dh_key *k = key;
    const OSSL_PARAM *p;
    const void *d;
    size_t len;
    if (k == NULL) return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY)) != NULL) {
        if (k->group == 0) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM, "DH encoded public key: the key has no group");
            return 0;
        }
        size_t n = fips140_dh_size(k->group);
        if (!fips140_prov_param_get_octet_ptr(p, &d, &len) || len == 0 || len > n) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "DH encoded public key: %zu bytes for a %zu-byte group",
                               len, n);
            return 0;
        }
        memset(k->pub, 0, n - len);
        memcpy(k->pub + (n - len), d, len);
        k->has_pub = 1;
        k->has_priv = 0; /* a new public key: any private key no longer belongs to it */
    }
    return 1;
}

static const OSSL_PARAM *dh_settable_params(void *provctx)
{
    static const OSSL_PARAM t[] = {OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
                                   OSSL_PARAM_END};
    (void)provctx;
    return t;
}

typedef struct dh_gen {
    int selection;
    fips140_dh_group group;
} dh_gen;

static int dh_gen_set_params(void *genctx, const OSSL_PARAM params[])
{
    dh_gen *g = genctx;
    const OSSL_PARAM *p;
    char name[64];
    if (g == NULL) return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_GROUP_NAME)) != NULL) {
        const dh_group_info *gi;
        if (!fips140_prov_param_get_utf8_string(p, name, sizeof(name)) || (gi = dh_group_by_name(name)) == NULL) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_UNSUPPORTED,
                               "DH group (supported: ffdhe2048..ffdhe8192, modp_2048..modp_8192)");
            return 0;
        }
        g->group = gi->group;
    }
    return 1;
}

static const OSSL_PARAM *dh_gen_settable_params(void *genctx, void *provctx)
{
    static const OSSL_PARAM t[] = {OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0), OSSL_PARAM_END};
    (void)genctx;
    (void)provctx;
    return t;
}

static void *dh_gen_init(void *provctx, int selection, const OSSL_PARAM params[])
{
    (void)provctx;
    dh_gen *g = fips140_prov_new_ctx(NULL, sizeof *g, "DH keygen");
    if (g == NULL) return NULL;
    g->selection = selection;
    if (!dh_gen_set_params(g, params)) {
        free(g);
        return NULL;
    }
    return g;
}

static int dh_gen_set_template(void *genctx, void *templ)
{
    dh_gen *g = genctx;
    const dh_key *t = templ;
    if (g == NULL || t == NULL || t->group == 0) return 0;
    g->group = t->group;
    return 1;
}

static void *dh_gen_fn(void *genctx, OSSL_CALLBACK *cb, void *cbarg)
{
    dh_gen *g = genctx;
    (void)cb;
    (void)cbarg;
    if (g == NULL || !fips140_prov_is_running()) return NULL;
    if (g->group == 0) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM,
                           "DH keygen needs a named group (e.g. -pkeyopt group:ffdhe2048); "
                           "generated domain parameters are not supported");
        return NULL;
    }
    dh_key *k = calloc(1, sizeof(*k));
    if (k == NULL) return NULL;
    k->group = g->group;
    if (g->selection & OSSL_KEYMGMT_SELECT_KEYPAIR) {
        k->priv_len = fips140_dh_priv_size(g->group);
        fips140_status st = fips140_dh_keygen(g->group, k->priv, k->priv_len, k->pub, fips140_dh_size(g->group));
        if (st != FIPS140_OK) {
            fips140_prov_raise_status(NULL, st, "DH keygen");
            dh_free(k);
            return NULL;
        }
        k->has_priv = k->has_pub = 1;
    }
    return k;
}

static void dh_gen_cleanup(void *genctx) { free(genctx); }

static const char *dh_query_operation_name(int operation_id)
{
    return operation_id == OSSL_OP_KEYEXCH ? "DH" : NULL;
}

const OSSL_DISPATCH fips140_prov_dh_keymgmt_fns[] = {
    {OSSL_FUNC_KEYMGMT_NEW, (void (*)(void))dh_new},
    {OSSL_FUNC_KEYMGMT_FREE, (void (*)(void))dh_free},
    {OSSL_FUNC_KEYMGMT_DUP, (void (*)(void))dh_dup},
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))dh_has},
    {OSSL_FUNC_KEYMGMT_MATCH, (void (*)(void))dh_match},
    {OSSL_FUNC_KEYMGMT_VALIDATE, (void (*)(void))dh_validate},
    {OSSL_FUNC_KEYMGMT_IMPORT, (void (*)(void))dh_import},
    {OSSL_FUNC_KEYMGMT_IMPORT_TYPES, (void (*)(void))dh_types},
    {OSSL_FUNC_KEYMGMT_EXPORT, (void (*)(void))dh_export},
    {OSSL_FUNC_KEYMGMT_EXPORT_TYPES, (void (*)(void))dh_types},
    {OSSL_FUNC_KEYMGMT_GET_PARAMS, (void (*)(void))dh_get_params},
    {OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, (void (*)(void))dh_gettable_params},
    {OSSL_FUNC_KEYMGMT_SET_PARAMS, (void (*)(void))dh_set_params},
    {OSSL_FUNC_KEYMGMT_SETTABLE_PARAMS, (void (*)(void))dh_settable_params},
    {OSSL_FUNC_KEYMGMT_GEN_INIT, (void (*)(void))dh_gen_init},
    {OSSL_FUNC_KEYMGMT_GEN_SET_TEMPLATE, (void (*)(void))dh_gen_set_template},
    {OSSL_FUNC_KEYMGMT_GEN_SET_PARAMS, (void (*)(void))dh_gen_set_params},
    {OSSL_FUNC_KEYMGMT_GEN_SETTABLE_PARAMS, (void (*)(void))dh_gen_settable_params},
    {OSSL_FUNC_KEYMGMT_GEN, (void (*)(void))dh_gen_fn},
    {OSSL_FUNC_KEYMGMT_GEN_CLEANUP, (void (*)(void))dh_gen_cleanup},
    {OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, (void (*)(void))dh_query_operation_name},
    {0, NULL}
};

/* ---------------------------------------------------------------- key exchange */
typedef struct dh_exch {
    dh_key own, peer; /* copies */
    int have_own, have_peer, pad;
} dh_exch;

static void *dh_exch_new(void *provctx)
{
    (void)provctx;
    return fips140_prov_new_ctx(NULL, sizeof(dh_exch), "DH");
}

static void dh_exch_free(void *ctx) { dh_wipe_free(ctx, sizeof(dh_exch)); }

static void *dh_exch_dup(void *ctx)
{
    if (ctx == NULL || !fips140_prov_is_running()) return NULL;
    dh_exch *c = malloc(sizeof(*c));
    if (c != NULL) memcpy(c, ctx, sizeof(*c));
    return c;
}

static int dh_exch_set_ctx_params(void *ctx, const OSSL_PARAM params[])
{
    dh_exch *c = ctx;
    const OSSL_PARAM *p;
    const char *s;
    if (c == NULL) return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_EXCHANGE_PARAM_PAD)) != NULL) {
        unsigned v;
        if (!fips140_prov_param_get_uint(p, &v)) return 0;
        c->pad = v != 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_EXCHANGE_PARAM_KDF_TYPE)) != NULL) {
        if (!fips140_prov_param_get_utf8_ptr(p, &s)) return 0;
        if (s[0] != '\0') {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_UNSUPPORTED, "DH key exchange: KDF '%s' (only the raw secret)", s);
            return 0;
        }
    }
    return 1;
}

static const OSSL_PARAM *dh_exch_settable_ctx_params(void *ctx, void *provctx)
{
    static const OSSL_PARAM t[] = {OSSL_PARAM_int(OSSL_EXCHANGE_PARAM_PAD, NULL),
                                   OSSL_PARAM_utf8_string(OSSL_EXCHANGE_PARAM_KDF_TYPE, NULL, 0), OSSL_PARAM_END};
    (void)ctx;
    (void)provctx;
    return t;
}

static int dh_exch_init(void *ctx, void *provkey, const OSSL_PARAM params[])
{
    dh_exch *c = ctx;
    const dh_key *k = provkey;
    if (c == NULL || !fips140_prov_is_running()) return 0;
    if (k == NULL || k->group == 0 || !k->has_priv) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM, "DH key exchange: the key has no private part");
        return 0;
    }
    memcpy(&c->own, k, sizeof(*k));
    c->have_own = 1;
    c->pad = 0;
    return dh_exch_set_ctx_params(c, params);
}

static int dh_exch_set_peer(void *ctx, void *provkey)
{
    dh_exch *c = ctx;
    const dh_key *k = provkey;
    if (c == NULL || !fips140_prov_is_running()) return 0;
    if (k == NULL || !k->has_pub || !c->have_own || k->group != c->own.group) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "DH peer key: no public key, or another group");
        return 0;
    }
    memcpy(&c->peer, k, sizeof(*k));
    c->have_peer = 1;
    return 1;
}

static int dh_exch_derive(void *ctx, unsigned char *secret, size_t *secretlen, size_t outlen)
{
    dh_exch *c = ctx;
    if (c == NULL || !c->have_own || !c->have_peer || !fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_BAD_STATE, "DH derive: key or peer missing");
        return 0;
    }
    fips140_dh_group g = c->own.group;
    size_t n = fips140_dh_size(g);
    if (secret == NULL) {
        *secretlen = n;
        return 1;
    }
    uint8_t *z = malloc(n);
    if (z == NULL) return 0;
    fips140_status st = fips140_ffdh(g, c->own.priv, c->own.priv_len, c->peer.pub, n, z, n);
    if (st != FIPS140_OK) {
        free(z);
        return fips140_prov_raise_status(NULL, st, "DH derive");
    }
    size_t off = 0;
    if (!c->pad)
        while (off < n - 1 && z[off] == 0) off++;
    int ok = 0;
    if (outlen < n - off) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "DH derive: %zu bytes needed", n - off);
    } else {
        memcpy(secret, z + off, n - off);
        *secretlen = n - off;
        ok = 1;
    }
    dh_wipe_free(z, n);
    return ok;
}

static const OSSL_DISPATCH dh_keyexch_fns[] = {
    {OSSL_FUNC_KEYEXCH_NEWCTX, (void (*)(void))dh_exch_new},
    {OSSL_FUNC_KEYEXCH_FREECTX, (void (*)(void))dh_exch_free},
    {OSSL_FUNC_KEYEXCH_DUPCTX, (void (*)(void))dh_exch_dup},
    {OSSL_FUNC_KEYEXCH_INIT, (void (*)(void))dh_exch_init},
    {OSSL_FUNC_KEYEXCH_SET_PEER, (void (*)(void))dh_exch_set_peer},
    {OSSL_FUNC_KEYEXCH_DERIVE, (void (*)(void))dh_exch_derive},
    {OSSL_FUNC_KEYEXCH_SET_CTX_PARAMS, (void (*)(void))dh_exch_set_ctx_params},
    {OSSL_FUNC_KEYEXCH_SETTABLE_CTX_PARAMS, (void (*)(void))dh_exch_settable_ctx_params},
    {0, NULL}
};

const OSSL_ALGORITHM fips140_prov_keyexch_eddh[] = {
    {"DH:dhKeyAgreement:1.2.840.113549.1.3.1", FIPS140_PROV_PROPS, dh_keyexch_fns, "fips140 FFC DH (safe-prime groups)"},
    {NULL, NULL, NULL, NULL}
};

/* ---------------------------------------------------------------- TLS-GROUP (mirrors OpenSSL 3.0's default
 * provider: ffdhe groups for TLS 1.3 and later, not for DTLS) */
int fips140_prov_tls_groups_eddh(OSSL_CALLBACK *cb, void *arg)
{
    for (size_t i = 0; i < DH_NGROUPS; i++) {
        if (dh_groups[i].tls_id == 0) continue;
        unsigned id = dh_groups[i].tls_id, secbits = fips140_dh_security_strength(dh_groups[i].group);
        int mintls = 0x0304 /* TLS1_3_VERSION */, maxtls = 0, mindtls = -1, maxdtls = -1;
        char *name = (char *)dh_groups[i].name;
        OSSL_PARAM p[] = {
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME, name, strlen(name) + 1),
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME_INTERNAL, name, strlen(name) + 1),
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_ALG, (char *)"DH", 3),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_ID, &id),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_SECURITY_BITS, &secbits),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_TLS, &mintls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_TLS, &maxtls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_DTLS, &mindtls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_DTLS, &maxdtls),
            OSSL_PARAM_END
        };
        if (!cb(p, arg)) return 0;
    }
    return 1;
}
