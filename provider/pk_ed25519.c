/* provider/pk_ed25519.c - ED25519 key management and signature (pure Ed25519, RFC 8032 §5.1 / FIPS 186-5) of the
 * fips140 provider, over <fips140/eddsa.h>. Helper "pkeddh".
 *
 * Keys are the raw 32-byte seed and encoded point, exchanged with OpenSSL as the octet strings
 * OSSL_PKEY_PARAM_PRIV_KEY / OSSL_PKEY_PARAM_PUB_KEY (what the base provider's encoders and decoders export and
 * import). Signing is the one-shot EVP_DigestSign / EVP_DigestVerify with no digest, as OpenSSL 3.0 drives
 * Ed25519. Ed25519ph / Ed25519ctx are not offered (OpenSSL 3.0 has no parameters to select them). */
#include <stdlib.h>
#include <string.h>

#include "prov.h"

#define ED_LEN 32u
#define ED_SIG 64u

typedef struct ed_key {
    int has_priv, has_pub;
    uint8_t priv[ED_LEN];
    uint8_t pub[ED_LEN];
} ed_key;

static void ed_wipe_free(ed_key *k)
{
    if (k == NULL) return;
    volatile uint8_t *v = (volatile uint8_t *)k;
    for (size_t i = 0; i < sizeof(*k); i++) v[i] = 0;
    free(k);
}

/* ---------------------------------------------------------------- keymgmt */
static void *ed_new(void *provctx)
{
    (void)provctx;
    return fips140_prov_new_ctx(NULL, sizeof(ed_key), "ED25519 key");
}

static void ed_free(void *key) { ed_wipe_free(key); }

static void *ed_dup(const void *src, int selection)
{
    const ed_key *s = src;
    if (s == NULL || !fips140_prov_is_running()) return NULL;
    ed_key *k = calloc(1, sizeof(*k));
    if (k == NULL) return NULL;
    if (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) {
        k->has_pub = s->has_pub;
        memcpy(k->pub, s->pub, ED_LEN);
    }
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) {
        k->has_priv = s->has_priv;
        memcpy(k->priv, s->priv, ED_LEN);
    }
    return k;
}

static int ed_has(const void *key, int selection)
{
    const ed_key *k = key;
    if (k == NULL) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && !k->has_pub) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && !k->has_priv) return 0;
    return 1;
}

static int ed_match(const void *a, const void *b, int selection)
{
    const ed_key *x = a, *y = b;
    if (x == NULL || y == NULL) return 0;
    if (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) {
        if (x->has_pub && y->has_pub) return memcmp(x->pub, y->pub, ED_LEN) == 0;
        if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && x->has_priv && y->has_priv)
            return memcmp(x->priv, y->priv, ED_LEN) == 0;
        return 0;
    }
    return 1;
}

static int ed_validate(const void *key, int selection, int checktype)
{
    const ed_key *k = key;
    (void)checktype;
    if (!ed_has(key, selection)) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == OSSL_KEYMGMT_SELECT_KEYPAIR) {
        uint8_t pub[ED_LEN];
        fips140_status st = fips140_ed25519_public_key(pub, k->priv);
        if (st != FIPS140_OK) return fips140_prov_raise_status(NULL, st, "ED25519 key validation");
        return memcmp(pub, k->pub, ED_LEN) == 0;
    }
    return 1;
}

static int ed_import(void *key, int selection, const OSSL_PARAM params[])
{
    ed_key *k = key;
    const OSSL_PARAM *p;
    const void *d;
    size_t n;
    int got_priv = 0, got_pub = 0;
    uint8_t priv[ED_LEN], pub[ED_LEN];

    if (k == NULL || !fips140_prov_is_running()) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) &&
        (p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_PRIV_KEY)) != NULL) {
        if (!fips140_prov_param_get_octet_ptr(p, &d, &n) || n != ED_LEN) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_KEY_LENGTH, "ED25519 private key must be 32 bytes");
            return 0;
        }
        memcpy(priv, d, ED_LEN);
        got_priv = 1;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_PKEY_PARAM_PUB_KEY)) != NULL) {
        if (!fips140_prov_param_get_octet_ptr(p, &d, &n) || n != ED_LEN) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_KEY_LENGTH, "ED25519 public key must be 32 bytes");
            return 0;
        }
        memcpy(pub, d, ED_LEN);
        got_pub = 1;
    }
    if (!got_priv && !got_pub) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM, "ED25519 import: no key");
        return 0;
    }
    if (got_priv) {
        uint8_t calc[ED_LEN];
        fips140_status st = fips140_ed25519_public_key(calc, priv);
        if (st != FIPS140_OK) return fips140_prov_raise_status(NULL, st, "ED25519 public key");
        if (got_pub && memcmp(calc, pub, ED_LEN) != 0) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_PARAM, "ED25519 public key does not match private key");
            return 0;
        }
        memcpy(pub, calc, ED_LEN);
        memcpy(k->priv, priv, ED_LEN);
        k->has_priv = 1;
        memset(priv, 0, sizeof(priv));
    }
    memcpy(k->pub, pub, ED_LEN);
    k->has_pub = 1;
    return 1;
}

static const OSSL_PARAM ed_key_types[] = {
    OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
    OSSL_PARAM_END
};

static const OSSL_PARAM *ed_types(int selection)
{
    return (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) ? ed_key_types : NULL;
}

static int ed_export(void *key, int selection, OSSL_CALLBACK *cb, void *cbarg)
{
    ed_key *k = key;
    OSSL_PARAM out[3];
    size_t n = 0;
    if (k == NULL || !fips140_prov_is_running()) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0) return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) || (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY)) {
        if (k->has_pub) out[n++] = (OSSL_PARAM)OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, k->pub, ED_LEN);
    }
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && k->has_priv)
        out[n++] = (OSSL_PARAM)OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, k->priv, ED_LEN);
    out[n] = (OSSL_PARAM)OSSL_PARAM_END;
    return cb(out, cbarg);
}

static int ed_get_params(void *key, OSSL_PARAM params[])
{
    ed_key *k = key;
    OSSL_PARAM *p;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_BITS)) != NULL && !fips140_prov_param_set_int(p, 256))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_SECURITY_BITS)) != NULL &&
        !fips140_prov_param_set_int(p, 128))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_MAX_SIZE)) != NULL &&
        !fips140_prov_param_set_int(p, (int)ED_SIG))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_MANDATORY_DIGEST)) != NULL &&
        !fips140_prov_param_set_utf8_string(p, ""))
        return 0;
    if (k != NULL && k->has_pub) {
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_PUB_KEY)) != NULL &&
            !fips140_prov_param_set_octet_string(p, k->pub, ED_LEN))
            return 0;
        if ((p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY)) != NULL &&
            !fips140_prov_param_set_octet_string(p, k->pub, ED_LEN))
            return 0;
    }
    if (k != NULL && k->has_priv && (p = fips140_prov_param_locate(params, OSSL_PKEY_PARAM_PRIV_KEY)) != NULL &&
        !fips140_prov_param_set_octet_string(p, k->priv, ED_LEN))
        return 0;
    return 1;
}

static const OSSL_PARAM *ed_gettable_params(void *provctx)
{
    static const OSSL_PARAM t[] = {
        OSSL_PARAM_int(OSSL_PKEY_PARAM_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_SECURITY_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_MAX_SIZE, NULL),
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_MANDATORY_DIGEST, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
        OSSL_PARAM_END
    };
    (void)provctx;
    return t;
}

typedef struct ed_gen { int selection; } ed_gen;

static void *ed_gen_init(void *provctx, int selection, const OSSL_PARAM params[])
{
    (void)provctx;
    (void)params;
    ed_gen *g = fips140_prov_new_ctx(NULL, sizeof *g, "ED25519 keygen");
    if (g != NULL) g->selection = selection;
    return g;
}

static int ed_gen_set_params(void *genctx, const OSSL_PARAM params[])
{
    (void)genctx;
    (void)params;
    return 1;
}

static const OSSL_PARAM *ed_gen_settable_params(void *genctx, void *provctx)
{
    static const OSSL_PARAM t[] = {OSSL_PARAM_END};
    (void)genctx;
    (void)provctx;
    return t;
}

static void *ed_gen_fn(void *genctx, OSSL_CALLBACK *cb, void *cbarg)
{
    ed_gen *g = genctx;
    (void)cb;
    (void)cbarg;
    if (g == NULL || !fips140_prov_is_running()) return NULL;
    ed_key *k = calloc(1, sizeof(*k));
    if (k == NULL) return NULL;
    if ((g->selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0) return k;
    fips140_status st = fips140_ed25519_keygen(k->priv, k->pub);
    if (st != FIPS140_OK) {
        fips140_prov_raise_status(NULL, st, "ED25519 keygen");
        ed_wipe_free(k);
        return NULL;
    }
    k->has_priv = k->has_pub = 1;
    return k;
}

static void ed_gen_cleanup(void *genctx) { free(genctx); }

static const OSSL_DISPATCH ed_keymgmt_fns[] = {
    {OSSL_FUNC_KEYMGMT_NEW, (void (*)(void))ed_new},
    {OSSL_FUNC_KEYMGMT_FREE, (void (*)(void))ed_free},
    {OSSL_FUNC_KEYMGMT_DUP, (void (*)(void))ed_dup},
    {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))ed_has},
    {OSSL_FUNC_KEYMGMT_MATCH, (void (*)(void))ed_match},
    {OSSL_FUNC_KEYMGMT_VALIDATE, (void (*)(void))ed_validate},
    {OSSL_FUNC_KEYMGMT_IMPORT, (void (*)(void))ed_import},
    {OSSL_FUNC_KEYMGMT_IMPORT_TYPES, (void (*)(void))ed_types},
    {OSSL_FUNC_KEYMGMT_EXPORT, (void (*)(void))ed_export},
    {OSSL_FUNC_KEYMGMT_EXPORT_TYPES, (void (*)(void))ed_types},
    {OSSL_FUNC_KEYMGMT_GET_PARAMS, (void (*)(void))ed_get_params},
    {OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, (void (*)(void))ed_gettable_params},
    {OSSL_FUNC_KEYMGMT_GEN_INIT, (void (*)(void))ed_gen_init},
    {OSSL_FUNC_KEYMGMT_GEN_SET_PARAMS, (void (*)(void))ed_gen_set_params},
    {OSSL_FUNC_KEYMGMT_GEN_SETTABLE_PARAMS, (void (*)(void))ed_gen_settable_params},
    {OSSL_FUNC_KEYMGMT_GEN, (void (*)(void))ed_gen_fn},
    {OSSL_FUNC_KEYMGMT_GEN_CLEANUP, (void (*)(void))ed_gen_cleanup},
    {0, NULL}
};

/* ---------------------------------------------------------------- signature */
typedef struct ed_sig {
    ed_key key; /* a copy: the EVP_PKEY may outlive or be changed independently of the ctx */
    int have_key;
} ed_sig;

static void *ed_sig_new(void *provctx, const char *propq)
{
    (void)provctx;
    (void)propq;
    return fips140_prov_new_ctx(NULL, sizeof(ed_sig), "ED25519");
}

static void ed_sig_free(void *ctx) { ed_wipe_free(ctx); }

static void *ed_sig_dup(void *ctx)
{
    if (ctx == NULL || !fips140_prov_is_running()) return NULL;
    ed_sig *c = malloc(sizeof(*c));
    if (c != NULL) memcpy(c, ctx, sizeof(*c));
    return c;
}

static int ed_sig_init(ed_sig *c, const char *mdname, const ed_key *k, int need_priv)
{
    if (c == NULL || !fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_NOT_OPERATIONAL, "ED25519");
        return 0;
    }
    if (mdname != NULL && mdname[0] != '\0') {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_UNSUPPORTED, "ED25519 takes no digest (got %s)", mdname);
        return 0;
    }
    if (k == NULL) {
        if (!c->have_key) {
            FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM, "ED25519: no key");
            return 0;
        }
        k = &c->key;
    }
    if (need_priv ? !k->has_priv : !k->has_pub) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_MISSING_PARAM, "ED25519: the key has no %s part",
                           need_priv ? "private" : "public");
        return 0;
    }
    if (k != &c->key) memcpy(&c->key, k, sizeof(*k));
    c->have_key = 1;
    return 1;
}

static int ed_dsign_init(void *ctx, const char *mdname, void *provkey, const OSSL_PARAM params[])
{
    (void)params;
    return ed_sig_init(ctx, mdname, provkey, 1);
}

static int ed_dverify_init(void *ctx, const char *mdname, void *provkey, const OSSL_PARAM params[])
{
    (void)params;
    return ed_sig_init(ctx, mdname, provkey, 0);
}

static int ed_dsign(void *ctx, unsigned char *sig, size_t *siglen, size_t sigsize, const unsigned char *tbs,
                    size_t tbslen)
{
    ed_sig *c = ctx;
    if (c == NULL || !c->have_key || !c->key.has_priv || !fips140_prov_is_running()) return 0;
    if (sig == NULL) {
        *siglen = ED_SIG;
        return 1;
    }
    if (sigsize < ED_SIG) {
        FIPS140_PROV_RAISE(NULL, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "ED25519 signature needs 64 bytes");
        return 0;
    }
    fips140_status st = fips140_ed25519_sign(sig, c->key.priv, tbs, tbslen);
    if (st != FIPS140_OK) return fips140_prov_raise_status(NULL, st, "ED25519 sign");
    *siglen = ED_SIG;
    return 1;
}

static int ed_dverify(void *ctx, const unsigned char *sig, size_t siglen, const unsigned char *tbs, size_t tbslen)
{
    ed_sig *c = ctx;
    if (c == NULL || !c->have_key || !c->key.has_pub || !fips140_prov_is_running()) return 0;
    fips140_status st = fips140_ed25519_verify(c->key.pub, tbs, tbslen, sig, siglen);
    if (st == FIPS140_OK) return 1;
    if (st != FIPS140_ERR_AUTH) fips140_prov_raise_status(NULL, st, "ED25519 verify");
    return 0;
}

/* AlgorithmIdentifier ::= SEQUENCE { OID 1.3.101.112 } (RFC 8410: parameters absent) */
static const unsigned char ed_algid[] = {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70};

static int ed_sig_get_ctx_params(void *ctx, OSSL_PARAM params[])
{
    OSSL_PARAM *p;
    (void)ctx;
    if ((p = fips140_prov_param_locate(params, OSSL_SIGNATURE_PARAM_ALGORITHM_ID)) != NULL &&
        !fips140_prov_param_set_octet_string(p, ed_algid, sizeof(ed_algid)))
        return 0;
    return 1;
}

static const OSSL_PARAM *ed_sig_gettable_ctx_params(void *ctx, void *provctx)
{
    static const OSSL_PARAM t[] = {OSSL_PARAM_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID, NULL, 0),
                                   OSSL_PARAM_END};
    (void)ctx;
    (void)provctx;
    return t;
}

static const OSSL_DISPATCH ed_signature_fns[] = {
    {OSSL_FUNC_SIGNATURE_NEWCTX, (void (*)(void))ed_sig_new},
    {OSSL_FUNC_SIGNATURE_FREECTX, (void (*)(void))ed_sig_free},
    {OSSL_FUNC_SIGNATURE_DUPCTX, (void (*)(void))ed_sig_dup},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN_INIT, (void (*)(void))ed_dsign_init},
    {OSSL_FUNC_SIGNATURE_DIGEST_SIGN, (void (*)(void))ed_dsign},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_INIT, (void (*)(void))ed_dverify_init},
    {OSSL_FUNC_SIGNATURE_DIGEST_VERIFY, (void (*)(void))ed_dverify},
    {OSSL_FUNC_SIGNATURE_GET_CTX_PARAMS, (void (*)(void))ed_sig_get_ctx_params},
    {OSSL_FUNC_SIGNATURE_GETTABLE_CTX_PARAMS, (void (*)(void))ed_sig_gettable_ctx_params},
    {0, NULL}
};

/* ---------------------------------------------------------------- tables (the DH entries: provider/pk_dh.c) */

const OSSL_ALGORITHM fips140_prov_keymgmt_eddh[] = {
    {"ED25519:1.3.101.112", FIPS140_PROV_PROPS, ed_keymgmt_fns, "fips140 Ed25519"},
    {"DH:dhKeyAgreement:1.2.840.113549.1.3.1", FIPS140_PROV_PROPS, fips140_prov_dh_keymgmt_fns,
     "fips140 FFC DH (safe-prime groups)"},
    {NULL, NULL, NULL, NULL}
};
const OSSL_ALGORITHM fips140_prov_signature_eddh[] = {
    {"ED25519:1.3.101.112", FIPS140_PROV_PROPS, ed_signature_fns, "fips140 Ed25519 (pure)"},
    {NULL, NULL, NULL, NULL}
};
