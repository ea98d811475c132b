/* provider/kdfs.c - the KDF algorithms of the fips140 OpenSSL 3 provider (issue 7), mapped onto the module's C API:
 *
 *   HKDF       fips140_hkdf / fips140_hkdf_extract / fips140_hkdf_expand        (RFC 5869, SP 800-56C Rev. 2 §5)
 *   TLS13-KDF  fips140_tls13_extract / fips140_tls13_expand_label_prefix        (RFC 8446 §7.1)
 *   TLS1-PRF   fips140_tls12_prf                                                (RFC 5246 §5, SP 800-135 §4.2)
 *   PBKDF2     fips140_pbkdf2                                                   (SP 800-132, RFC 8018 §5.2)
 *   SSKDF      fips140_kda_onestep_hash / fips140_kda_onestep_hmac              (SP 800-56C Rev. 2 §4)
 *   X963KDF    fips140_x963_kdf                                                 (SP 800-135 §4.1)
 *   KBKDF      fips140_kbkdf with fips140_kbkdf_fixed_data                      (SP 800-108 Rev. 1)
 *   SSHKDF     fips140_ssh_kdf                                                  (RFC 4253 §7.2, SP 800-135 §5.2)
 *
 * Parameters follow OpenSSL 3.0's names and semantics (provider-kdf(7), EVP_KDF-*(7)): within one
 * set_ctx_params call the first occurrence of a parameter wins, except HKDF's "info" and TLS1-PRF's "seed", whose
 * occurrences concatenate (at most 1024 bytes); a parameter given again in a later call replaces the old value.
 * Digests are named as OpenSSL names them ("SHA256", "SHA2-256", "SHA-256", OIDs...); "properties" is accepted and
 * ignored: the hash always comes from the module. Every refusal goes to OpenSSL's error stack through
 * fips140_prov_raise / fips140_prov_raise_status (the latter adds fips140_last_refusal() for
 * FIPS140_ERR_NOT_APPROVED).
 *
 * Where the module's approval rules are stricter than OpenSSL 3.0's FIPS provider, the default mode (FIPS140 unset
 * or "on") still derives the key with the service indicator NOT_APPROVED; only FIPS140=only refuses: HKDF and
 * SSKDF secrets or outputs under 112 bits, a TLS 1.2 master secret without EMS, PBKDF2 with pkcs5=1 below
 * SP 800-132's bounds, KBKDF keys under 112 bits, X963KDF with SHA-1, TLS13-KDF with a hash other than
 * SHA2-256/384, SSHKDF with SHA-3 or SHA2-512/t. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/kdf.h>

#include "prov.h"

/* OpenSSL 3.1 added KBKDF's counter length "r"; 3.0's headers lack the name. */
#ifndef OSSL_KDF_PARAM_KBKDF_R
#define OSSL_KDF_PARAM_KBKDF_R "r"
#endif

#define KDF_MAXBUF 1024u      /* HKDF info / TLS1-PRF seed limit (EVP_KDF-HKDF(7), EVP_KDF-TLS1_PRF(7)) */
#define PBKDF2_DEFAULT_ITER 2048u /* EVP_KDF-PBKDF2(7) */

enum kdf_kind { KDF_HKDF, KDF_TLS13, KDF_TLS1_PRF, KDF_PBKDF2, KDF_SSKDF, KDF_X963, KDF_KBKDF, KDF_SSHKDF };
enum kdf_mac { MAC_NONE = 0, MAC_HMAC = 1, MAC_CMAC = 2 };

/* kbuf - an owned byte string; p == NULL means "not set" (a set empty string has a 1-byte allocation). */
typedef struct kbuf {
    uint8_t *p;
    size_t n;
} kbuf;

/* One context type for every KDF; kind selects which fields mean what:
 *   key      HKDF/TLS13/SSKDF/X963/KBKDF/SSHKDF "key" (SSKDF also "secret"), TLS1-PRF "secret", PBKDF2 "pass"
 *   salt     HKDF/TLS13/PBKDF2/SSKDF "salt", KBKDF "salt" (= Label)
 *   info     HKDF/SSKDF/X963 "info", KBKDF "info" (= Context)
 *   seed     TLS1-PRF "seed" (label || seeds), KBKDF "seed" (= IV, feedback mode)
 *   prefix, label, data   TLS13-KDF;  xcghash, session_id, type   SSHKDF */
typedef struct kdf_ctx {
    fips140_prov_ctx *provctx;
    int kind;
    uint32_t hash;        /* fips140_hash_alg; 0 until a digest is set */
    int mode;             /* HKDF/TLS13: EVP_KDF_HKDF_MODE_*; KBKDF: fips140_kbkdf_mode */
    int mac;              /* SSKDF, KBKDF: enum kdf_mac */
    size_t cipher_keylen; /* KBKDF with CMAC: the AES key length named by "cipher"; 0 until set */
    kbuf key, salt, info, seed, prefix, label, data, xcghash, session_id;
    uint64_t iter;        /* PBKDF2 */
    int pkcs5;            /* PBKDF2: 0 = SP 800-132 lower-bound checks (the FIPS provider default), 1 = none */
    int use_l, use_separator;
    int r;                /* KBKDF counter length in bits */
    char type;            /* SSHKDF 'A'..'F'; 0 until set */
} kdf_ctx;

static const char *kdf_name(int kind)
{
    switch (kind) {
    case KDF_HKDF: return "HKDF";
    case KDF_TLS13: return "TLS13-KDF";
    case KDF_TLS1_PRF: return "TLS1-PRF";
    case KDF_PBKDF2: return "PBKDF2";
    case KDF_SSKDF: return "SSKDF";
    case KDF_X963: return "X963KDF";
    case KDF_KBKDF: return "KBKDF";
    case KDF_SSHKDF: return "SSHKDF";
    }
    return "KDF";
}

/* ---- small helpers */

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z') cb += 'a' - 'A';
        if (ca != cb) return ca - cb;
        if (ca == 0) return 0;
    }
}

static void kbuf_clear(kbuf *b)
{
    if (b->p != NULL) {
        fips140_wipe(b->p, b->n);
        free(b->p);
    }
    b->p = NULL;
    b->n = 0;
}

/* kbuf_assign - replace b with a copy of data[0..len). */
static int kbuf_assign(kdf_ctx *ctx, kbuf *b, const void *data, size_t len)
{
    uint8_t *p = malloc(len != 0 ? len : 1);
    if (p == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s", kdf_name(ctx->kind));
        return 0;
    }
    if (len != 0) memcpy(p, data, len);
    kbuf_clear(b);
    b->p = p;
    b->n = len;
    return 1;
}

static int kbuf_dup(kbuf *dst, const kbuf *src)
{
    dst->p = NULL;
    dst->n = 0;
    if (src->p == NULL) return 1;
    dst->p = malloc(src->n != 0 ? src->n : 1);
    if (dst->p == NULL) return 0;
    if (src->n != 0) memcpy(dst->p, src->p, src->n);
    dst->n = src->n;
    return 1;
}

/* get_octets - the octet string of p as a view; raises on a wrong type. */
static int get_octets(kdf_ctx *ctx, const OSSL_PARAM *p, const void **data, size_t *len)
{
    if (!fips140_prov_param_get_octet_ptr(p, data, len)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s: \"%s\" must be an octet string",
                           kdf_name(ctx->kind), p->key);
        return 0;
    }
    if (*data == NULL && *len != 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s: \"%s\" has no data",
                           kdf_name(ctx->kind), p->key);
        return 0;
    }
    return 1;
}

/* set_octets - if params hold `name`, replace b with its (first) value. */
static int set_octets(kdf_ctx *ctx, const OSSL_PARAM params[], const char *name, kbuf *b)
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, name);
    const void *data;
    size_t len;
    if (p == NULL) return 1;
    if (!get_octets(ctx, p, &data, &len)) return 0;
    return kbuf_assign(ctx, b, data, len);
}

/* set_octets_concat - if params hold `name`, replace b with the concatenation of all its values (at most
 * KDF_MAXBUF bytes), as OpenSSL's HKDF "info" and TLS1-PRF "seed". */
static int set_octets_concat(kdf_ctx *ctx, const OSSL_PARAM params[], const char *name, kbuf *b)
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, name);
    uint8_t buf[KDF_MAXBUF];
    size_t total = 0;
    int ok = 1;
    if (p == NULL) return 1;
    for (; p != NULL; p = fips140_prov_param_locate_const(p + 1, name)) {
        const void *data;
        size_t len;
        if (!get_octets(ctx, p, &data, &len)) {
            ok = 0;
            break;
        }
        if (len > sizeof buf - total) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH,
                               "%s: \"%s\" longer than %u bytes in total", kdf_name(ctx->kind), name, KDF_MAXBUF);
            ok = 0;
            break;
        }
        if (len != 0) memcpy(buf + total, data, len);
        total += len;
    }
    if (ok) ok = kbuf_assign(ctx, b, buf, total);
    fips140_wipe(buf, sizeof buf);
    return ok;
}

/* get_name - a UTF8 string parameter into buf (names are short); raises on a wrong type or an overlong value. */
static int get_name(kdf_ctx *ctx, const OSSL_PARAM *p, char *buf, size_t bufsize)
{
    if (!fips140_prov_param_get_utf8_string(p, buf, bufsize)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s: \"%s\" must be a short UTF8 string",
                           kdf_name(ctx->kind), p->key);
        return 0;
    }
    return 1;
}

static int get_int_param(kdf_ctx *ctx, const OSSL_PARAM *p, int *out)
{
    if (!fips140_prov_param_get_int(p, out)) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s: \"%s\" must be an integer",
                           kdf_name(ctx->kind), p->key);
        return 0;
    }
    return 1;
}

/* ---- digest names: OpenSSL's names and aliases for the fixed-length hashes the module implements */

/* set_digest - "digest": a fixed-length SHA-1/SHA-2/SHA-3 hash (SHAKE and others: unsupported). */
static int set_digest(kdf_ctx *ctx, const OSSL_PARAM params[])
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_DIGEST);
    char name[64];
    fips140_hash_alg alg;
    if (p == NULL) return 1;
    if (!get_name(ctx, p, name, sizeof name)) return 0;
    if (fips140_prov_digest_lookup(name, &alg) && !fips140_hash_is_xof(alg)) {
        /* The module's TLS 1.2 PRF takes SHA2-256/384/512 only (SP 800-135 §4.2.2; no TLS 1.2 suite uses another
         * hash); TLS 1.0/1.1's MD5-SHA1 PRF is not provided. */
        if (ctx->kind == KDF_TLS1_PRF && alg != FIPS140_SHA256 && alg != FIPS140_SHA384 && alg != FIPS140_SHA512) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "TLS1-PRF: digest %s not supported (SHA2-256, SHA2-384, SHA2-512 only)", name);
            return 0;
        }
        ctx->hash = (uint32_t)alg;
        return 1;
    }
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "%s: digest %s not supported", kdf_name(ctx->kind),
                       name);
    return 0;
}

/* set_hkdf_mode - "mode" as OpenSSL's HKDF takes it: a name (case-insensitive) or an EVP_KDF_HKDF_MODE_* int. */
static int set_hkdf_mode(kdf_ctx *ctx, const OSSL_PARAM params[])
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_MODE);
    int mode = -1;
    if (p == NULL) return 1;
    if (p->data_type == OSSL_PARAM_UTF8_STRING || p->data_type == OSSL_PARAM_UTF8_PTR) {
        char name[32];
        if (!get_name(ctx, p, name, sizeof name)) return 0;
        if (ascii_casecmp(name, "EXTRACT_AND_EXPAND") == 0) mode = EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND;
        else if (ascii_casecmp(name, "EXTRACT_ONLY") == 0) mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
        else if (ascii_casecmp(name, "EXPAND_ONLY") == 0) mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    } else if (!fips140_prov_param_get_int(p, &mode)) {
        mode = -1;
    }
    if (mode != EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND && mode != EVP_KDF_HKDF_MODE_EXTRACT_ONLY &&
        mode != EVP_KDF_HKDF_MODE_EXPAND_ONLY) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                           "%s: invalid mode (EXTRACT_AND_EXPAND, EXTRACT_ONLY or EXPAND_ONLY)", kdf_name(ctx->kind));
        return 0;
    }
    ctx->mode = mode;
    return 1;
}

static int missing(kdf_ctx *ctx, const char *what)
{
    FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MISSING_PARAM, "%s: %s not set", kdf_name(ctx->kind), what);
    return 0;
}

static int module_fail(kdf_ctx *ctx, fips140_status st)
{
    return fips140_prov_raise_status(ctx->provctx, st, kdf_name(ctx->kind));
}

/* ---- context management (shared by every KDF) */

static void kdf_clear(kdf_ctx *ctx)
{
    kbuf_clear(&ctx->key);
    kbuf_clear(&ctx->salt);
    kbuf_clear(&ctx->info);
    kbuf_clear(&ctx->seed);
    kbuf_clear(&ctx->prefix);
    kbuf_clear(&ctx->label);
    kbuf_clear(&ctx->data);
    kbuf_clear(&ctx->xcghash);
    kbuf_clear(&ctx->session_id);
}

static void kdf_defaults(kdf_ctx *ctx)
{
    ctx->hash = 0;
    ctx->mode = 0;
    ctx->mac = MAC_NONE;
    ctx->cipher_keylen = 0;
    ctx->iter = PBKDF2_DEFAULT_ITER;
    ctx->pkcs5 = 0;
    ctx->use_l = 1;
    ctx->use_separator = 1;
    ctx->r = 32;
    ctx->type = 0;
    if (ctx->kind == KDF_KBKDF) ctx->mode = FIPS140_KBKDF_COUNTER;
}

static void *kdf_new(void *provctx, int kind)
{
    kdf_ctx *ctx;
    ctx = fips140_prov_new_ctx(provctx, sizeof *ctx, kdf_name(kind));
    if (ctx == NULL)
        return NULL;
    ctx->provctx = fips140_prov_ctx_of(provctx);
    ctx->kind = kind;
    kdf_defaults(ctx);
    return ctx;
}

static void kdf_free(void *vctx)
{
    kdf_ctx *ctx = vctx;
    if (ctx == NULL) return;
    kdf_clear(ctx);
    fips140_wipe(ctx, sizeof *ctx);
    free(ctx);
}

static void kdf_reset(void *vctx)
{
    kdf_ctx *ctx = vctx;
    if (ctx == NULL) return;
    kdf_clear(ctx);
    kdf_defaults(ctx);
}

static void *kdf_dup(void *vsrc)
{
    const kdf_ctx *src = vsrc;
    kdf_ctx *dst;
    if (src == NULL || !fips140_prov_is_running()) return NULL;
    dst = calloc(1, sizeof *dst);
    if (dst == NULL) {
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s", kdf_name(src->kind));
        return NULL;
    }
    *dst = *src;
    if (!kbuf_dup(&dst->key, &src->key) || !kbuf_dup(&dst->salt, &src->salt) || !kbuf_dup(&dst->info, &src->info) ||
        !kbuf_dup(&dst->seed, &src->seed) || !kbuf_dup(&dst->prefix, &src->prefix) ||
        !kbuf_dup(&dst->label, &src->label) || !kbuf_dup(&dst->data, &src->data) ||
        !kbuf_dup(&dst->xcghash, &src->xcghash) || !kbuf_dup(&dst->session_id, &src->session_id)) {
        /* kbuf_dup leaves a failed field empty; the fields not reached yet still alias src: detach them first. */
        kbuf *fields[] = {&dst->key, &dst->salt, &dst->info, &dst->seed, &dst->prefix,
                          &dst->label, &dst->data, &dst->xcghash, &dst->session_id};
        const kbuf *sfields[] = {&src->key, &src->salt, &src->info, &src->seed, &src->prefix,
                                 &src->label, &src->data, &src->xcghash, &src->session_id};
        size_t i;
        for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (fields[i]->p == sfields[i]->p) fields[i]->p = NULL, fields[i]->n = 0;
        kdf_free(dst);
        FIPS140_PROV_RAISE(src->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "%s", kdf_name(src->kind));
        return NULL;
    }
    return dst;
}

/* ---- "size" (get_ctx_params): SIZE_MAX for variable-length outputs, the digest size for fixed ones, 0 with an
 * error when that size is not known yet (provider-kdf(7)). */

static size_t kdf_size(kdf_ctx *ctx)
{
    switch (ctx->kind) {
    case KDF_HKDF:
    case KDF_TLS13:
        if (ctx->mode != EVP_KDF_HKDF_MODE_EXTRACT_ONLY) return SIZE_MAX;
        break;
    case KDF_SSKDF:
    case KDF_X963:
        break; /* as OpenSSL 3.0: the digest size (one block of H) */
    default:
        return SIZE_MAX;
    }
    if (ctx->hash == 0) {
        missing(ctx, "digest");
        return 0;
    }
    return fips140_hash_digest_size((fips140_hash_alg)ctx->hash);
}

static int kdf_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (params == NULL) return 1;
    p = fips140_prov_param_locate(params, OSSL_KDF_PARAM_SIZE);
    if (p != NULL) {
        size_t sz = kdf_size(ctx);
        if (sz == 0) return 0;
        if (!fips140_prov_param_set_size_t(p, sz)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "%s: \"size\" is a size_t",
                               kdf_name(ctx->kind));
            return 0;
        }
    }
    return 1;
}

static const OSSL_PARAM kdf_gettable[] = {
    OSSL_PARAM_size_t(OSSL_KDF_PARAM_SIZE, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM *kdf_gettable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return kdf_gettable;
}

/* derive_begin - the common start of every derive: the provider is usable, params apply, outlen >= 1. */
static int derive_begin(kdf_ctx *ctx, int (*set)(void *, const OSSL_PARAM *), size_t outlen,
                        const OSSL_PARAM params[], const unsigned char *out)
{
    if (!fips140_prov_is_running()) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_OPERATIONAL, "%s", kdf_name(ctx->kind));
        return 0;
    }
    if (!set(ctx, params)) return 0;
    if (out == NULL || outlen == 0) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "%s: empty output",
                           kdf_name(ctx->kind));
        return 0;
    }
    return 1;
}

/* ======================================================================================================
 * HKDF (RFC 5869; SP 800-56C Rev. 2 §5). The module marks a secret input or output under 112 bits NOT_APPROVED
 * (refused in FIPS140=only); OpenSSL 3.0's FIPS provider has no such check. */

static int hkdf_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_hkdf_mode(ctx, params) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_KEY, &ctx->key))
        return 0;
    /* OpenSSL ignores an empty "salt" (an empty salt and no salt are the same HMAC key anyway). */
    p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_SALT);
    if (p != NULL && p->data_size != 0 && !set_octets(ctx, params, OSSL_KDF_PARAM_SALT, &ctx->salt)) return 0;
    return set_octets_concat(ctx, params, OSSL_KDF_PARAM_INFO, &ctx->info);
}

static const OSSL_PARAM hkdf_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_MODE, NULL, 0),
    OSSL_PARAM_int(OSSL_KDF_PARAM_MODE, NULL),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SALT, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_INFO, NULL, 0),
    OSSL_PARAM_END
};

static int hkdf_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_hash_alg alg;
    fips140_status st;
    if (!derive_begin(ctx, hkdf_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->hash == 0) return missing(ctx, "digest");
    if (ctx->key.p == NULL) return missing(ctx, "key");
    alg = (fips140_hash_alg)ctx->hash;
    switch (ctx->mode) {
    case EVP_KDF_HKDF_MODE_EXTRACT_ONLY:
        if (outlen != fips140_hash_digest_size(alg)) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH,
                               "HKDF: EXTRACT_ONLY derives exactly %zu bytes, not %zu", fips140_hash_digest_size(alg),
                               outlen);
            return 0;
        }
        st = fips140_hkdf_extract(alg, out, ctx->salt.p, ctx->salt.n, ctx->key.p, ctx->key.n);
        break;
    case EVP_KDF_HKDF_MODE_EXPAND_ONLY:
        st = fips140_hkdf_expand(alg, out, outlen, ctx->key.p, ctx->key.n, ctx->info.p, ctx->info.n);
        break;
    default:
        st = fips140_hkdf(alg, out, outlen, ctx->key.p, ctx->key.n, ctx->salt.p, ctx->salt.n, ctx->info.p,
                          ctx->info.n);
        break;
    }
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * TLS13-KDF (RFC 8446 §7.1): EXTRACT_ONLY = HKDF-Extract(salt', key) where salt' is HashLen zero bytes without
 * a "salt", else Derive-Secret-like HKDF-Expand-Label(salt, prefix || label, Hash(""), HashLen) (libssl passes
 * label "derived"); a missing key is HashLen zero bytes. EXPAND_ONLY = HKDF-Expand-Label(key, prefix || label,
 * data, outlen). EXTRACT_AND_EXPAND is refused, as by OpenSSL. As OpenSSL's TLS13-KDF, "data" is cleared by
 * every set_ctx_params call that does not carry it (the KDF takes all its parameters at once). The module's
 * TLS 1.3 functions carry no 112-bit output rule, so libssl's short outputs (12-byte IVs) stay APPROVED with
 * SHA2-256/384. */

static int tls13_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_hkdf_mode(ctx, params) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_KEY, &ctx->key))
        return 0;
    p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_SALT);
    if (p != NULL && p->data_size != 0 && !set_octets(ctx, params, OSSL_KDF_PARAM_SALT, &ctx->salt)) return 0;
    if (ctx->mode == EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                           "TLS13-KDF: mode must be EXTRACT_ONLY or EXPAND_ONLY");
        return 0;
    }
    if (!set_octets(ctx, params, OSSL_KDF_PARAM_PREFIX, &ctx->prefix) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_LABEL, &ctx->label))
        return 0;
    kbuf_clear(&ctx->data);
    return set_octets(ctx, params, OSSL_KDF_PARAM_DATA, &ctx->data);
}

static const OSSL_PARAM tls13_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_MODE, NULL, 0),
    OSSL_PARAM_int(OSSL_KDF_PARAM_MODE, NULL),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SALT, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_PREFIX, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_LABEL, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_DATA, NULL, 0),
    OSSL_PARAM_END
};

static int tls13_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_hash_alg alg;
    fips140_status st;
    size_t hlen;
    static const uint8_t zeros[FIPS140_HASH_MAX_DIGEST];
    if (!derive_begin(ctx, tls13_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->hash == 0) return missing(ctx, "digest");
    alg = (fips140_hash_alg)ctx->hash;
    hlen = fips140_hash_digest_size(alg);
    if (ctx->mode == EVP_KDF_HKDF_MODE_EXPAND_ONLY) {
        if (ctx->key.p == NULL) return missing(ctx, "key");
        st = fips140_tls13_expand_label_prefix(alg, out, outlen, ctx->key.p, ctx->key.n, ctx->prefix.p, ctx->prefix.n,
                                               ctx->label.p, ctx->label.n, ctx->data.p, ctx->data.n);
        return st == FIPS140_OK ? 1 : module_fail(ctx, st);
    }
    if (ctx->mode != EVP_KDF_HKDF_MODE_EXTRACT_ONLY) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "TLS13-KDF: mode must be EXTRACT_ONLY or "
                                                                       "EXPAND_ONLY");
        return 0;
    }
    if (outlen != hlen) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH,
                           "TLS13-KDF: EXTRACT_ONLY derives exactly %zu bytes, not %zu", hlen, outlen);
        return 0;
    }
    {
        const uint8_t *ikm = ctx->key.p != NULL ? ctx->key.p : zeros;
        size_t ikmlen = ctx->key.p != NULL ? ctx->key.n : hlen;
        if (ctx->salt.p == NULL) {
            st = fips140_tls13_extract(alg, out, NULL, 0, ikm, ikmlen);
        } else {
            uint8_t empty_hash[FIPS140_HASH_MAX_DIGEST], prev[FIPS140_HASH_MAX_DIGEST];
            st = fips140_hash(alg, empty_hash, hlen, "", 0);
            if (st == FIPS140_OK)
                st = fips140_tls13_expand_label_prefix(alg, prev, hlen, ctx->salt.p, ctx->salt.n, ctx->prefix.p,
                                                       ctx->prefix.n, ctx->label.p, ctx->label.n, empty_hash, hlen);
            if (st == FIPS140_OK) st = fips140_tls13_extract(alg, out, prev, hlen, ikm, ikmlen);
            fips140_wipe(prev, sizeof prev);
        }
    }
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * TLS1-PRF (RFC 5246 §5): "secret", and "seed" = label || seeds (several "seed" parameters concatenate). The
 * module marks label "master secret" (a master secret without RFC 7627's EMS) NOT_APPROVED (IG D.Q): it is
 * derived in the default mode and refused in FIPS140=only, where libssl must negotiate EMS. */

static int tls1prf_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_octets(ctx, params, OSSL_KDF_PARAM_SECRET, &ctx->key)) return 0;
    return set_octets_concat(ctx, params, OSSL_KDF_PARAM_SEED, &ctx->seed);
}

static const OSSL_PARAM tls1prf_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SECRET, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SEED, NULL, 0),
    OSSL_PARAM_END
};

static int tls1prf_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_status st;
    if (!derive_begin(ctx, tls1prf_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->hash == 0) return missing(ctx, "digest");
    if (ctx->key.p == NULL) return missing(ctx, "secret");
    if (ctx->seed.n == 0) return missing(ctx, "seed");
    st = fips140_tls12_prf((fips140_hash_alg)ctx->hash, out, outlen, ctx->key.p, ctx->key.n, NULL, 0, ctx->seed.p,
                           ctx->seed.n);
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * PBKDF2 (SP 800-132): "pass", "salt", "iter" (default 2048), "pkcs5". As OpenSSL's FIPS provider, pkcs5 = 0
 * (the default here) refuses a salt under 128 bits, fewer than 1000 iterations and a key under 112 bits;
 * pkcs5 = 1 passes such requests to the module, which derives them NOT_APPROVED (refused in FIPS140=only). */

static int pbkdf2_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_octets(ctx, params, OSSL_KDF_PARAM_PASSWORD, &ctx->key) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_SALT, &ctx->salt))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_ITER)) != NULL) {
        uint64_t iter;
        if (!fips140_prov_param_get_uint64(p, &iter) || iter == 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM,
                               "PBKDF2: \"iter\" must be an unsigned integer >= 1");
            return 0;
        }
        ctx->iter = iter;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_PKCS5)) != NULL) {
        int v;
        if (!get_int_param(ctx, p, &v)) return 0;
        ctx->pkcs5 = v != 0;
    }
    return 1;
}

static const OSSL_PARAM pbkdf2_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_PASSWORD, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SALT, NULL, 0),
    OSSL_PARAM_uint64(OSSL_KDF_PARAM_ITER, NULL),
    OSSL_PARAM_int(OSSL_KDF_PARAM_PKCS5, NULL),
    OSSL_PARAM_END
};

static int pbkdf2_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_status st;
    if (!derive_begin(ctx, pbkdf2_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->hash == 0) return missing(ctx, "digest");
    if (ctx->key.p == NULL) return missing(ctx, "pass");
    if (ctx->salt.p == NULL) return missing(ctx, "salt");
    if (ctx->pkcs5 == 0) {
        /* SP 800-132 §5.1 (salt), §5.2 (iterations), and the 112-bit key floor (SP 800-131A Rev. 2). */
        if (ctx->salt.n < 16) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_APPROVED,
                               "PBKDF2: SP 800-132 5.1: salt of %zu bytes, at least 16 needed (pkcs5=1 skips "
                               "this check)", ctx->salt.n);
            return 0;
        }
        if (ctx->iter < 1000) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_APPROVED,
                               "PBKDF2: SP 800-132 5.2: %llu iterations, at least 1000 needed (pkcs5=1 skips "
                               "this check)", (unsigned long long)ctx->iter);
            return 0;
        }
        if (outlen < 14) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_NOT_APPROVED,
                               "PBKDF2: SP 800-132 5.3: key of %zu bytes, at least 14 (112 bits) needed (pkcs5=1 "
                               "skips this check)", outlen);
            return 0;
        }
    }
    st = fips140_pbkdf2((fips140_hash_alg)ctx->hash, out, outlen, ctx->key.p, ctx->key.n, ctx->salt.p, ctx->salt.n,
                        ctx->iter);
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * SSKDF (SP 800-56C Rev. 2 §4.1): H = "digest", or HMAC-"digest" keyed with "salt" (mac = HMAC; an absent salt
 * is the default salt, a block of zeros). The secret Z is "secret" or, failing that, "key" (OpenSSL looks for
 * "secret" first). KMAC is not provided. "maclen" is accepted and, as OpenSSL does for HMAC, not used.
 * X963KDF (SP 800-135 §4.1): "key" (or "secret") = Z, "info" = SharedInfo. */

static int set_secret_z(kdf_ctx *ctx, const OSSL_PARAM params[])
{
    if (fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_SECRET) != NULL)
        return set_octets(ctx, params, OSSL_KDF_PARAM_SECRET, &ctx->key);
    return set_octets(ctx, params, OSSL_KDF_PARAM_KEY, &ctx->key);
}

/* set_mac - "mac": HMAC (SSKDF, KBKDF) or CMAC (KBKDF only). */
static int set_mac(kdf_ctx *ctx, const OSSL_PARAM params[])
{
    const OSSL_PARAM *p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_MAC);
    char name[32];
    if (p == NULL) return 1;
    if (!get_name(ctx, p, name, sizeof name)) return 0;
    if (ascii_casecmp(name, OSSL_MAC_NAME_HMAC) == 0) {
        ctx->mac = MAC_HMAC;
    } else if (ctx->kind == KDF_KBKDF && ascii_casecmp(name, OSSL_MAC_NAME_CMAC) == 0) {
        ctx->mac = MAC_CMAC;
    } else {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "%s: mac %s not supported (%s)",
                           kdf_name(ctx->kind), name, ctx->kind == KDF_KBKDF ? "HMAC or CMAC" : "HMAC only");
        return 0;
    }
    return 1;
}

static int sskdf_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_secret_z(ctx, params) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_INFO, &ctx->info))
        return 0;
    if (ctx->kind == KDF_X963) return 1;
    if (!set_mac(ctx, params) || !set_octets(ctx, params, OSSL_KDF_PARAM_SALT, &ctx->salt)) return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_MAC_SIZE)) != NULL) {
        size_t v;
        if (!fips140_prov_param_get_size_t(p, &v) || v == 0) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "SSKDF: \"maclen\" must be a size >= 1");
            return 0;
        }
    }
    return 1;
}

static const OSSL_PARAM sskdf_settable[] = {
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SECRET, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_INFO, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_MAC, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SALT, NULL, 0),
    OSSL_PARAM_size_t(OSSL_KDF_PARAM_MAC_SIZE, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM x963_settable[] = {
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SECRET, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_INFO, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_END
};

static int sskdf_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_status st;
    if (!derive_begin(ctx, sskdf_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->key.p == NULL) return missing(ctx, "secret (key)");
    if (ctx->hash == 0) return missing(ctx, "digest");
    if (ctx->kind == KDF_X963)
        st = fips140_x963_kdf((fips140_hash_alg)ctx->hash, out, outlen, ctx->key.p, ctx->key.n, ctx->info.p,
                              ctx->info.n);
    else if (ctx->mac == MAC_HMAC)
        st = fips140_kda_onestep_hmac((fips140_hash_alg)ctx->hash, out, outlen, ctx->salt.p, ctx->salt.n, ctx->key.p,
                                      ctx->key.n, ctx->info.p, ctx->info.n);
    else
        st = fips140_kda_onestep_hash((fips140_hash_alg)ctx->hash, out, outlen, ctx->key.p, ctx->key.n, ctx->info.p,
                                      ctx->info.n);
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * KBKDF (SP 800-108 Rev. 1): "mode" counter | feedback, "mac" HMAC ("digest") | CMAC ("cipher" AES-128/192/256,
 * whose key length the "key" must have), "key" = K_IN, "salt" = Label, "info" = Context, "seed" = IV (feedback
 * mode), "use-l", "use-separator" (FixedData = Label || 0x00 || Context || [L]_32), "r" = counter length 8, 16, 24
 * or 32 (OpenSSL 3.1's parameter; 32 as in 3.0 by default). The counter sits before FixedData (after K(i-1) in
 * feedback mode), OpenSSL's layout. */

static const struct {
    const char *name;
    size_t keylen;
} cmac_ciphers[] = {
    {"AES-128-CBC", 16}, {"AES128", 16}, {"2.16.840.1.101.3.4.1.2", 16},
    {"AES-192-CBC", 24}, {"AES192", 24}, {"2.16.840.1.101.3.4.1.22", 24},
    {"AES-256-CBC", 32}, {"AES256", 32}, {"2.16.840.1.101.3.4.1.42", 32},
};

static int kbkdf_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    char name[64];
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_mac(ctx, params) || !set_octets(ctx, params, OSSL_KDF_PARAM_KEY, &ctx->key) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_SALT, &ctx->salt) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_INFO, &ctx->info) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_SEED, &ctx->seed))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_CIPHER)) != NULL) {
        size_t i;
        if (!get_name(ctx, p, name, sizeof name)) return 0;
        for (i = 0; i < sizeof cmac_ciphers / sizeof cmac_ciphers[0]; i++)
            if (ascii_casecmp(name, cmac_ciphers[i].name) == 0) break;
        if (i == sizeof cmac_ciphers / sizeof cmac_ciphers[0]) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED,
                               "KBKDF: cipher %s not supported (AES-128-CBC, AES-192-CBC, AES-256-CBC)", name);
            return 0;
        }
        ctx->cipher_keylen = cmac_ciphers[i].keylen;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_MODE)) != NULL) {
        if (!get_name(ctx, p, name, sizeof name)) return 0;
        if (ascii_casecmp(name, "counter") == 0) {
            ctx->mode = FIPS140_KBKDF_COUNTER;
        } else if (ascii_casecmp(name, "feedback") == 0) {
            ctx->mode = FIPS140_KBKDF_FEEDBACK;
        } else {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_UNSUPPORTED, "KBKDF: mode %s (counter or feedback)",
                               name);
            return 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_KBKDF_USE_L)) != NULL) {
        int v;
        if (!get_int_param(ctx, p, &v)) return 0;
        ctx->use_l = v != 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_KBKDF_USE_SEPARATOR)) != NULL) {
        int v;
        if (!get_int_param(ctx, p, &v)) return 0;
        ctx->use_separator = v != 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_KBKDF_R)) != NULL) {
        int v;
        if (!get_int_param(ctx, p, &v)) return 0;
        if (v != 8 && v != 16 && v != 24 && v != 32) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "KBKDF: r = %d (8, 16, 24 or 32)", v);
            return 0;
        }
        ctx->r = v;
    }
    return 1;
}

static const OSSL_PARAM kbkdf_settable[] = {
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_INFO, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SALT, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SEED, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_CIPHER, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_MAC, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_MODE, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_int(OSSL_KDF_PARAM_KBKDF_USE_L, NULL),
    OSSL_PARAM_int(OSSL_KDF_PARAM_KBKDF_USE_SEPARATOR, NULL),
    OSSL_PARAM_int(OSSL_KDF_PARAM_KBKDF_R, NULL),
    OSSL_PARAM_END
};

static int kbkdf_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_kbkdf_params kp;
    fips140_status st;
    uint8_t *fixed;
    size_t cap, fixedlen = 0;
    if (!derive_begin(ctx, kbkdf_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->key.p == NULL || ctx->key.n == 0) return missing(ctx, "key");
    if (ctx->mac == MAC_NONE) return missing(ctx, "mac");
    memset(&kp, 0, sizeof kp);
    if (ctx->mac == MAC_HMAC) {
        if (ctx->hash == 0) return missing(ctx, "digest");
        kp.prf = FIPS140_KBKDF_HMAC;
        kp.hash = ctx->hash;
    } else {
        if (ctx->cipher_keylen == 0) return missing(ctx, "cipher");
        if (ctx->key.n != ctx->cipher_keylen) {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_KEY_LENGTH,
                               "KBKDF: CMAC key of %zu bytes for a %zu-byte AES key", ctx->key.n, ctx->cipher_keylen);
            return 0;
        }
        kp.prf = FIPS140_KBKDF_CMAC_AES;
    }
    if (outlen > SIZE_MAX / 8) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "KBKDF: output too long");
        return 0;
    }
    cap = ctx->salt.n + ctx->info.n + 5;
    if (cap < ctx->salt.n) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "KBKDF: label and context too long");
        return 0;
    }
    fixed = malloc(cap);
    if (fixed == NULL) {
        FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_MALLOC_FAILURE, "KBKDF");
        return 0;
    }
    st = fips140_kbkdf_fixed_data(fixed, cap, &fixedlen, ctx->salt.p, ctx->salt.n, ctx->info.p, ctx->info.n,
                                  (uint64_t)outlen * 8u, ctx->use_separator, ctx->use_l);
    if (st == FIPS140_OK) {
        kp.mode = (uint32_t)ctx->mode;
        kp.key = ctx->key.p;
        kp.keylen = ctx->key.n;
        if (ctx->mode == FIPS140_KBKDF_FEEDBACK) {
            kp.iv = ctx->seed.p;
            kp.ivlen = ctx->seed.n;
        }
        kp.fixed = fixed;
        kp.fixedlen = fixedlen;
        kp.ctr_bits = (uint32_t)ctx->r;
        kp.ctr_loc = FIPS140_KBKDF_CTR_BEFORE_FIXED;
        st = fips140_kbkdf(&kp, out, outlen);
    }
    fips140_wipe(fixed, cap);
    free(fixed);
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * SSHKDF (RFC 4253 §7.2): "key" = K (mpint-encoded, as SSH hashes it), "xcghash" = H, "session_id", "type" = one
 * of the letters A..F. The module approves SHA-1 and SHA2-224/256/384/512. */

static int sshkdf_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL) return 1;
    if (!set_digest(ctx, params) || !set_octets(ctx, params, OSSL_KDF_PARAM_KEY, &ctx->key) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_SSHKDF_XCGHASH, &ctx->xcghash) ||
        !set_octets(ctx, params, OSSL_KDF_PARAM_SSHKDF_SESSION_ID, &ctx->session_id))
        return 0;
    if ((p = fips140_prov_param_locate_const(params, OSSL_KDF_PARAM_SSHKDF_TYPE)) != NULL) {
        char name[8];
        if (!get_name(ctx, p, name, sizeof name) || name[0] < 'A' || name[0] > 'F' || name[1] != '\0') {
            FIPS140_PROV_RAISE(ctx->provctx, FIPS140_PROV_R_INVALID_PARAM, "SSHKDF: \"type\" must be one letter A..F");
            return 0;
        }
        ctx->type = name[0];
    }
    return 1;
}

static const OSSL_PARAM sshkdf_settable[] = {
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_PROPERTIES, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_DIGEST, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_KEY, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SSHKDF_XCGHASH, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_KDF_PARAM_SSHKDF_SESSION_ID, NULL, 0),
    OSSL_PARAM_utf8_string(OSSL_KDF_PARAM_SSHKDF_TYPE, NULL, 0),
    OSSL_PARAM_END
};

static int sshkdf_derive(void *vctx, unsigned char *out, size_t outlen, const OSSL_PARAM params[])
{
    kdf_ctx *ctx = vctx;
    fips140_status st;
    if (!derive_begin(ctx, sshkdf_set_ctx_params, outlen, params, out)) return 0;
    if (ctx->hash == 0) return missing(ctx, "digest");
    if (ctx->key.p == NULL) return missing(ctx, "key");
    if (ctx->xcghash.p == NULL) return missing(ctx, "xcghash");
    if (ctx->session_id.p == NULL) return missing(ctx, "session_id");
    if (ctx->type == 0) return missing(ctx, "type");
    st = fips140_ssh_kdf((fips140_hash_alg)ctx->hash, out, outlen, ctx->key.p, ctx->key.n, ctx->xcghash.p,
                         ctx->xcghash.n, ctx->session_id.p, ctx->session_id.n, ctx->type);
    return st == FIPS140_OK ? 1 : module_fail(ctx, st);
}

/* ======================================================================================================
 * dispatch tables */

/* The OSSL_FUNC_kdf_*_fn types check every signature against <openssl/core_dispatch.h>. */
static OSSL_FUNC_kdf_freectx_fn kdf_free;
static OSSL_FUNC_kdf_dupctx_fn kdf_dup;
static OSSL_FUNC_kdf_reset_fn kdf_reset;
static OSSL_FUNC_kdf_gettable_ctx_params_fn kdf_gettable_ctx_params;
static OSSL_FUNC_kdf_get_ctx_params_fn kdf_get_ctx_params;

#define KDF_FUNCTIONS(pfx, kind)                                                                                 \
    static OSSL_FUNC_kdf_newctx_fn pfx##_newctx;                                                                 \
    static OSSL_FUNC_kdf_settable_ctx_params_fn pfx##_settable_ctx_params;                                       \
    static OSSL_FUNC_kdf_set_ctx_params_fn pfx##_set_ctx_params;                                                 \
    static OSSL_FUNC_kdf_derive_fn pfx##_derive;                                                                 \
    static void *pfx##_newctx(void *provctx) { return kdf_new(provctx, kind); }                                  \
    static const OSSL_PARAM *pfx##_settable_ctx_params(void *vctx, void *provctx)                               \
    {                                                                                                            \
        (void)vctx;                                                                                              \
        (void)provctx;                                                                                           \
        return pfx##_settable;                                                                                   \
    }                                                                                                            \
    static const OSSL_DISPATCH pfx##_functions[] = {                                                             \
        {OSSL_FUNC_KDF_NEWCTX, (void (*)(void))pfx##_newctx},                                                    \
        {OSSL_FUNC_KDF_FREECTX, (void (*)(void))kdf_free},                                                       \
        {OSSL_FUNC_KDF_DUPCTX, (void (*)(void))kdf_dup},                                                         \
        {OSSL_FUNC_KDF_RESET, (void (*)(void))kdf_reset},                                                        \
        {OSSL_FUNC_KDF_DERIVE, (void (*)(void))pfx##_derive},                                                    \
        {OSSL_FUNC_KDF_SETTABLE_CTX_PARAMS, (void (*)(void))pfx##_settable_ctx_params},                          \
        {OSSL_FUNC_KDF_SET_CTX_PARAMS, (void (*)(void))pfx##_set_ctx_params},                                    \
        {OSSL_FUNC_KDF_GETTABLE_CTX_PARAMS, (void (*)(void))kdf_gettable_ctx_params},                            \
        {OSSL_FUNC_KDF_GET_CTX_PARAMS, (void (*)(void))kdf_get_ctx_params},                                      \
        {0, NULL}}

/* X963KDF shares SSKDF's set / derive code (kind selects). */
#define x963_derive sskdf_derive
#define x963_set_ctx_params sskdf_set_ctx_params

KDF_FUNCTIONS(hkdf, KDF_HKDF);
KDF_FUNCTIONS(tls13, KDF_TLS13);
KDF_FUNCTIONS(tls1prf, KDF_TLS1_PRF);
KDF_FUNCTIONS(pbkdf2, KDF_PBKDF2);
KDF_FUNCTIONS(sskdf, KDF_SSKDF);
KDF_FUNCTIONS(x963, KDF_X963);
KDF_FUNCTIONS(kbkdf, KDF_KBKDF);
KDF_FUNCTIONS(sshkdf, KDF_SSHKDF);

/* Names as OpenSSL 3.0's providers register them (first name canonical). */
const OSSL_ALGORITHM fips140_prov_kdfs[] = {
    {"HKDF", FIPS140_PROV_PROPS, hkdf_functions, "HKDF (RFC 5869) via the fips140 module"},
    {"TLS13-KDF", FIPS140_PROV_PROPS, tls13_functions, "TLS 1.3 KDF (RFC 8446) via the fips140 module"},
    {"TLS1-PRF", FIPS140_PROV_PROPS, tls1prf_functions, "TLS 1.2 PRF (RFC 5246) via the fips140 module"},
    {"PBKDF2:1.2.840.113549.1.5.12", FIPS140_PROV_PROPS, pbkdf2_functions,
     "PBKDF2 (SP 800-132) via the fips140 module"},
    {"SSKDF", FIPS140_PROV_PROPS, sskdf_functions, "SP 800-56C one-step KDF via the fips140 module"},
    {"X963KDF:X942KDF-CONCAT", FIPS140_PROV_PROPS, x963_functions, "ANSI X9.63 KDF via the fips140 module"},
    {"KBKDF", FIPS140_PROV_PROPS, kbkdf_functions, "SP 800-108 KBKDF via the fips140 module"},
    {"SSHKDF", FIPS140_PROV_PROPS, sshkdf_functions, "SSH KDF (RFC 4253) via the fips140 module"},
    {NULL, NULL, NULL, NULL}
};
