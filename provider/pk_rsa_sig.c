/* provider/pk_rsa_sig.c - RSA signatures of the fips140 provider: signature "RSA",
 * RSASSA-PKCS1-v1_5 and RSASSA-PSS over a digest (sign / verify) and the digest_sign / digest_verify forms that hash
 * the message first, plus the AlgorithmIdentifier that X.509 signing asks for. Keys come from pk_rsa_keymgmt.c
 * (pk_rsa.h); every operation goes through <fips140/rsa.h> and <fips140/hash.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pk_rsa.h"

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
    rsa_sig *c = fips140_prov_new_ctx(provctx, sizeof *c, NULL);
    if (c == NULL)
        return NULL;
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

/* sig_mgf1 - the MGF1 hash: the one set, else the message digest */
static fips140_hash_alg sig_mgf1(const rsa_sig *c)
{
    return c->mgf1_set ? c->mgf1 : c->md;
}

/* md_allowed - 1 when the key allows message digest md (an RSA-PSS key may be restricted to one, RFC 4055);
 * 0 with an error raised otherwise */
static int md_allowed(const rsa_sig *c, fips140_hash_alg md)
{
    if (c->key != NULL && c->key->restr.set && md != c->key->restr.md) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_INVALID_PARAM, "the RSA-PSS key is restricted to %s",
                           fips140_hash_name(c->key->restr.md));
        return 0;
    }
    return 1;
}

/* key_ready - the context holds a loaded key */
static int key_ready(const rsa_sig *c)
{
    return c != NULL && c->key != NULL && c->key->k != NULL;
}

/* md_ready - a message digest is set; else an error naming the operation (what) is raised */
static int md_ready(const rsa_sig *c, const char *what)
{
    if (!c->md_set) {
        FIPS140_PROV_RAISE(c->provctx, FIPS140_PROV_R_MISSING_PARAM, "%s", what);
        return 0;
    }
    return 1;
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
        if (!fips140_prov_rsa_get_digest(c->provctx, p, &md) || !md_allowed(c, md))
            return 0;
        c->md = md;
        c->md_set = 1;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_SIGNATURE_PARAM_PAD_MODE)) != NULL) {
        int pad = 0;
        if (!fips140_prov_rsa_get_pad(p, &pad) || (pad != PAD_PKCS1 && pad != PAD_PSS)) {
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
        if (!fips140_prov_rsa_get_digest(c->provctx, p, &m))
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
        (c->mgf1_set || c->md_set) && !fips140_prov_param_set_utf8_string(p, fips140_hash_name(sig_mgf1(c))))
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
            len = pss_algid(c->md, sig_mgf1(c), pss_sign_saltlen(c, fips140_hash_digest_size(c->md)), algid);
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
        if (!fips140_prov_rsa_has(key, verify ? OSSL_KEYMGMT_SELECT_PUBLIC_KEY : OSSL_KEYMGMT_SELECT_PRIVATE_KEY)) {
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
    if (!key_ready(c))
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
    if (!md_ready(c, "RSA signing needs a digest (-pkeyopt digest:...)"))
        return 0;
    fips140_status st;
    if (c->pad == PAD_PSS)
        st = fips140_rsa_sign_pss(c->key->k, c->md, sig_mgf1(c),
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
    if (!key_ready(c) || !md_ready(c, "RSA verification needs a digest"))
        return 0;
    fips140_status st;
    if (c->pad == PAD_PSS) {
        size_t s = c->saltlen == SALT_DIGEST ? fips140_hash_digest_size(c->md)
                   : c->saltlen < 0          ? FIPS140_RSA_PSS_SALT_AUTO
                                             : (size_t)c->saltlen;
        st = fips140_rsa_verify_pss(c->key->k, c->md, sig_mgf1(c), s, tbs, tbslen, sig, siglen);
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
    if (!md_allowed(c, md))
        return 0;
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
