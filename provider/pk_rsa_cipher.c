/* provider/pk_rsa_cipher.c - RSA encryption of the fips140 provider: asym-cipher "RSA",
 * RSAES-OAEP only (PKCS#1 v1.5 encryption is not approved and is refused at encrypt / decrypt time). Keys come from
 * pk_rsa_keymgmt.c (pk_rsa.h); every operation goes through <fips140/rsa.h>. */
#include <stdlib.h>
#include <string.h>

#include "pk_rsa.h"

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
    rsa_enc *c = fips140_prov_new_ctx(provctx, sizeof *c, NULL);
    if (c == NULL)
        return NULL;
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

/* enc_mgf1 - the MGF1 hash: the one set, else the OAEP digest */
static fips140_hash_alg enc_mgf1(const rsa_enc *c)
{
    return c->mgf1_set ? c->mgf1 : c->md;
}

static int rsa_enc_set_params(void *vctx, const OSSL_PARAM params[])
{
    rsa_enc *c = vctx;
    const OSSL_PARAM *p;
    if (c == NULL)
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_PAD_MODE)) != NULL) {
        int pad = 0;
        if (!fips140_prov_rsa_get_pad(p, &pad) || pad != PAD_OAEP) {
            FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_NOT_APPROVED,
                               "RSA encryption padding: only OAEP is approved (rsa_padding_mode:oaep)");
            return 0;
        }
        c->pad = pad;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST)) != NULL &&
        !fips140_prov_rsa_get_digest(c->provctx, p, &c->md))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST)) != NULL) {
        if (!fips140_prov_rsa_get_digest(c->provctx, p, &c->mgf1))
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
        !fips140_prov_param_set_utf8_string(p, fips140_hash_name(enc_mgf1(c))))
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
    if (!fips140_prov_rsa_has(keydata, priv ? OSSL_KEYMGMT_SELECT_PRIVATE_KEY : OSSL_KEYMGMT_SELECT_PUBLIC_KEY)) {
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
    fips140_status st = fips140_rsa_encrypt_oaep(c->key->k, c->md, enc_mgf1(c), c->label,
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
    fips140_status st = fips140_rsa_decrypt_oaep(c->key->k, c->md, enc_mgf1(c), c->label,
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
