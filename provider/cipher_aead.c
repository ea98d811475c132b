/* provider/cipher_aead.c - AES-GCM and AES-CCM of the fips140 provider, with OpenSSL 3's
 * semantics:
 *
 * GCM: the IV length is settable (1..128 bytes, default 12); AAD is given by update with out == NULL; the tag is
 * read after an encryption's final (OSSL_CIPHER_PARAM_AEAD_TAG, up to 16 bytes) and set before a decryption's
 * final. Encryption started without an IV gets a 96-bit IV generated inside the module
 * (fips140_aes_gcm_start_random_iv, SP 800-38D §8.2.2), readable through OSSL_CIPHER_PARAM_IV. TLS record
 * encryption runs under IVs the module constructs (FIPS 140-3 IG C.H; see "IV constructions" below): TLS 1.2
 * (SP 800-38D §8.2.1 fixed field || invocation counter) and TLS 1.3 (RFC 8446 §5.3). Those are the approved GCM
 * encryptions. With any other IV from the caller (the usual EVP use) encryption is a non-approved service of the
 * module: the indicator ("fips-indicator" context parameter) says 0, and under FIPS140=only the module refuses it.
 * The TLS 1.2 record helpers (OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD, then one
 * update per record over explicit IV || payload || tag, in place) are implemented as libssl uses them.
 *
 * CCM: one-shot underneath (fips140/ccm.h). OpenSSL's sequence is kept: nonce length (7..13, default 7) and tag
 * length (4..16 even, default 12) through parameters, update(NULL, NULL, len) announces the payload length,
 * update(out = NULL, aad) gives AAD (buffered here, any number of calls), then one update with the whole payload
 * does the work; a decryption's tag must be set before that update, which fails if the tag does not verify.
 * The TLS 1.2 CCM record helpers (RFC 6655: fixed 4-byte IV, explicit nonce = the record's sequence number, tag
 * of M bytes) work the same way as GCM's. */
#include <stdlib.h>
#include <string.h>

#include "cipher_local.h"

static int raise_ctx(fips140_cipher_ctx *ctx, int reason, const char *what)
{
    FIPS140_PROV_RAISE(ctx->provctx, reason, "%s: %s", ctx->d->name, what);
    return 0;
}

/* same_key - 1 if the context is keyed with exactly key[0..keylen) (kept in ctx->rawkey, which only CTR uses
 * otherwise; wiped with the context): re-initialising with the key already set then skips the module's key set-up
 * (AES key expansion, GCM's hash subkey and its powers), which OpenSSL 3.0's `speed -aead` and applications that
 * pass the key at every message would otherwise pay per message. Constant time in the key bytes; the module
 * resets all per-message state at the next start either way (SP 800-38D §7.1 steps depend on K only through
 * the schedule and H). */
static int same_key(const fips140_cipher_ctx *ctx, const unsigned char *key, size_t keylen)
{
    unsigned char diff = 0;
    if (!ctx->key_set || keylen > sizeof ctx->rawkey)
        return 0;
    for (size_t i = 0; i < keylen; i++)
        diff |= (unsigned char)(ctx->rawkey[i] ^ key[i]);
    return diff == 0;
}

static void gcm_ivc_at_init(fips140_cipher_ctx *ctx, int key_given, int iv_given);

/* common_init - key and IV of GCM and CCM; the parameters first, so that an IV length given with the IV applies. */
static int aead_init(fips140_cipher_ctx *ctx, const unsigned char *key, size_t keylen, const unsigned char *iv,
                     size_t ivlen, const OSSL_PARAM params[], int enc)
{
    int gcm = ctx->d->kind == FIPS140_CK_GCM;
    if (!fips140_cipher_running(ctx->provctx))
        return 0;
    ctx->enc = enc;
    if (!(gcm ? fips140_gcm_set_ctx_params(ctx, params) : fips140_ccm_set_ctx_params(ctx, params)))
        return 0;
    if (iv != NULL) {
        if (gcm ? (ivlen == 0 || ivlen > FIPS140_CIPHER_MAX_IV) : ivlen != ctx->ivlen)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "IV length");
        ctx->ivlen = ivlen;
        memcpy(ctx->iv, iv, ivlen);
        ctx->iv_set = 1;
    }
    if (key != NULL) {
        if (keylen != ctx->d->keylen)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_KEY_LENGTH, "key length");
        if (!same_key(ctx, key, keylen)) {
            ctx->key_set = 0;
            fips140_indicator_clear();
            fips140_status st = gcm ? fips140_aes_gcm_init(&ctx->m.gcm, key, keylen)
                                    : fips140_aes_ccm_init(&ctx->m.ccm, key, keylen);
            if (st != FIPS140_OK)
                return fips140_cipher_fail(ctx, st, "key");
            memcpy(ctx->rawkey, key, keylen);
            ctx->key_set = 1;
            ctx->ivc = FIPS140_GCM_IVC_UNSET; /* the module dropped the old key's IV construction */
        }
    }
    if (gcm)
        gcm_ivc_at_init(ctx, key != NULL, iv != NULL);
    /* a new message */
    ctx->approved = 1;
    ctx->started = 0;
    ctx->done = 0;
    ctx->iv_random = 0;
    ctx->tls_aad_set = 0;
    ctx->len_set = 0;
    ctx->aadlen = 0;
    if (enc)
        ctx->tag_set = 0; /* decryption keeps a tag set before init, as OpenSSL does */
    return 1;
}

/* ======================================================================================================
 * GCM
 * ====================================================================================================== */

int fips140_gcm_einit(void *vctx, const unsigned char *key, size_t keylen, const unsigned char *iv, size_t ivlen,
                      const OSSL_PARAM params[])
{
    return aead_init(vctx, key, keylen, iv, ivlen, params, 1);
}

int fips140_gcm_dinit(void *vctx, const unsigned char *key, size_t keylen, const unsigned char *iv, size_t ivlen,
                      const OSSL_PARAM params[])
{
    return aead_init(vctx, key, keylen, iv, ivlen, params, 0);
}

/* ---- IV constructions (FIPS 140-3 IG C.H): GCM encryption for TLS under IVs the MODULE constructs.
 *
 * libssl builds its record IVs itself and hands them to the cipher, but IG C.H wants the IV built inside the module.
 * So the module (fips140_aes_gcm_iv_fixed_init / _iv_tls13_init / _encrypt_next_iv / _start_next_iv, module/aes/
 * gcm_iv_construct.c) holds the construction and its counter in the keyed context, builds every IV, and refuses
 * to repeat one. Per key, ctx->ivc records which construction the provider drives:
 *
 *   TLS 1.2 (RFC 5288 §3; SP 800-52 Rev. 2 §3.3.1; SP 800-38D §8.2.1). OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED gives
 *     the 4-byte fixed part (the salt from the key block); the explicit part starts at random bytes from the module's
 *     DRBG, as before. At the first encrypted record under the key the provider hands fixed part and start to
 *     fips140_aes_gcm_iv_fixed_init; every record is then sealed with fips140_aes_gcm_encrypt_next_iv, and the
 *     8-byte invocation field it used is written as the record's explicit nonce: the same wire format as before
 *     (start, then +1 per record, big-endian). A later IV_FIXED on the same key with another fixed part switches
 *     the key to caller IVs (non-approved); with the same fixed part the module's counter simply goes on.
 *
 *   TLS 1.3 (RFC 8446 §5.3). libssl sets the key once per traffic epoch (init with key, no IV), then per record an
 *     init with only the nonce = static_iv XOR seq. The first IV given like that after the key is seq 0's nonce,
 *     i.e. the static IV itself: the provider starts the module's construction with it
 *     (fips140_aes_gcm_iv_tls13_init). Each later encryption IV is compared with fips140_aes_gcm_iv_peek, the nonce
 *     the module will build next: equal -> the message starts with fips140_aes_gcm_start_next_iv (the module
 *     builds the nonce and steps its sequence number; the caller's copy was only compared, never used); different
 *     -> the key falls back to caller IVs (fips140_aes_gcm_start: non-approved, refused under FIPS140=only) until
 *     a new key. An IV given together with the key, or a caller-IV or random-IV encryption before the first
 *     IV-only init, is not this pattern: the key uses caller IVs (OFF), as generic EVP users expect.
 *
 * Decryption always uses the peer's IV (approved). A duplicated context (dupctx) never uses its source's
 * construction: two contexts stepping copies of one counter would repeat IVs. */

/* ivc_differ - 0 if a[0..n) == b[0..n), without an early exit (TLS 1.3 nonces derive from the traffic secret). */
static int ivc_differ(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (uint8_t)(a[i] ^ b[i]);
    return d != 0;
}

/* gcm_ivc_at_init - TLS 1.3 at every GCM init: decide whether this message's IV (ctx->iv) is the module's next
 * constructed nonce (ctx->ivc_next), starting the construction at the key's first IV-only init. */
static void gcm_ivc_at_init(fips140_cipher_ctx *ctx, int key_given, int iv_given)
{
    ctx->ivc_next = 0;
    if (!ctx->enc || !iv_given || !ctx->key_set || ctx->iv_gen)
        return;
    if (ctx->ivc == FIPS140_GCM_IVC_UNSET) {
        if (key_given || ctx->ivlen != 12) {
            ctx->ivc = FIPS140_GCM_IVC_OFF; /* not libssl's TLS 1.3 pattern: caller IVs for this key */
            return;
        }
        /* seq 0: the nonce is the static IV (RFC 8446 §5.3) */
        fips140_status st = fips140_aes_gcm_iv_tls13_init(&ctx->m.gcm, ctx->iv);
        ctx->ivc = st == FIPS140_OK ? FIPS140_GCM_IVC_TLS13 : FIPS140_GCM_IVC_OFF;
        ctx->ivc_next = st == FIPS140_OK;
        return;
    }
    if (ctx->ivc == FIPS140_GCM_IVC_TLS13) {
        uint8_t next[12];
        if (ctx->ivlen == 12 && fips140_aes_gcm_iv_peek(&ctx->m.gcm, next) == FIPS140_OK &&
            !ivc_differ(next, ctx->iv, sizeof next))
            ctx->ivc_next = 1;
        else
            ctx->ivc = FIPS140_GCM_IVC_OFF; /* not the next record's nonce: caller IVs from now on */
    }
}

/* gcm_start_constructed - TLS 1.3: start the message under the module's next nonce, which gcm_ivc_at_init found
 * equal to ctx->iv (nothing else steps this context's counter in between). */
static int gcm_start_constructed(fips140_cipher_ctx *ctx)
{
    uint8_t used[12];
    fips140_status st = fips140_aes_gcm_start_next_iv(&ctx->m.gcm, used);
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, "start (TLS 1.3 nonce built by the module)");
    if (ivc_differ(used, ctx->iv, sizeof used))
        return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "TLS 1.3 nonce out of step with the module");
    return 1;
}

/* gcm_begin - start the module's message at the first update or final after init. */
static int gcm_begin(fips140_cipher_ctx *ctx)
{
    fips140_status st;
    if (ctx->started)
        return 1;
    if (!ctx->key_set)
        return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no key set");
    if (ctx->done)
        return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "message finished: initialise again with a new IV");
    fips140_indicator_clear();
    if (!ctx->iv_set) {
        if (!ctx->enc)
            return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no IV set");
        if (ctx->ivlen != 12)
            return raise_ctx(ctx, FIPS140_PROV_R_UNSUPPORTED, "IV generation needs an IV length of 12 bytes");
        if (ctx->ivc == FIPS140_GCM_IVC_TLS13) {
            /* the key has a construction (the module allows one per key): its next nonce is the generated IV */
            st = fips140_aes_gcm_start_next_iv(&ctx->m.gcm, ctx->iv);
        } else {
            st = fips140_aes_gcm_start_random_iv(&ctx->m.gcm, ctx->iv);
            if (ctx->ivc == FIPS140_GCM_IVC_UNSET)
                ctx->ivc = FIPS140_GCM_IVC_OFF;
        }
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "start (generated IV)");
        ctx->iv_set = 1;
        ctx->iv_random = 1;
    } else if (ctx->enc && ctx->ivc_next) {
        if (!gcm_start_constructed(ctx))
            return 0;
    } else {
        st = fips140_aes_gcm_start(&ctx->m.gcm, ctx->enc ? FIPS140_GCM_ENCRYPT : FIPS140_GCM_DECRYPT, ctx->iv,
                                   ctx->ivlen);
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "start");
        if (ctx->enc && ctx->ivc == FIPS140_GCM_IVC_UNSET)
            ctx->ivc = FIPS140_GCM_IVC_OFF; /* a caller IV was used under this key */
    }
    fips140_cipher_note(ctx);
    ctx->started = 1;
    if (ctx->enc)
        ctx->tag_set = 0;
    return 1;
}

/* gcm_tls12_construction - 1 if this TLS 1.2 record is to be sealed under the module's §8.2.1 construction:
 * started at the key's first encrypted record from ctx->iv (fixed part || explicit start), kept while IV_FIXED
 * gives the same fixed part. A 12-byte IV only (the module's construction builds 96-bit IVs). */
static int gcm_tls12_construction(fips140_cipher_ctx *ctx)
{
    const size_t fx = FIPS140_CIPHER_TLS_FIXED_IV_LEN;
    if (ctx->ivlen != fx + FIPS140_CIPHER_TLS_EXPLICIT_IV_LEN)
        return 0;
    if (ctx->ivc == FIPS140_GCM_IVC_UNSET) {
        uint64_t start = 0;
        for (size_t i = fx; i < ctx->ivlen; i++)
            start = (start << 8) | ctx->iv[i];
        fips140_status st = fips140_aes_gcm_iv_fixed_init(&ctx->m.gcm, ctx->iv, fx, start);
        ctx->ivc = st == FIPS140_OK ? FIPS140_GCM_IVC_TLS12 : FIPS140_GCM_IVC_OFF;
    }
    if (ctx->ivc != FIPS140_GCM_IVC_TLS12)
        return 0;
    uint8_t next[12];
    if (fips140_aes_gcm_iv_peek(&ctx->m.gcm, next) != FIPS140_OK)
        return 1; /* exhausted: fips140_aes_gcm_encrypt_next_iv reports it; never fall back to a caller IV */
    if (ivc_differ(next, ctx->iv, fx)) {
        ctx->ivc = FIPS140_GCM_IVC_OFF; /* IV_FIXED changed the fixed part under the same key */
        return 0;
    }
    return 1;
}

/* gcm_tls_record - one TLS 1.2 record, in place: explicit IV (8) || payload || tag (16), under the AAD given by
 * OSSL_CIPHER_PARAM_AEAD_TLS1_AAD and the IV fixed || explicit. Encryption: normally the module builds the IV
 * (gcm_tls12_construction) and the record's explicit part is its invocation field; otherwise (non-approved) the
 * explicit part comes from the context's IV, whose 64-bit invocation field then advances. Decryption takes it from
 * the record. */
static int gcm_tls_record(fips140_cipher_ctx *ctx, unsigned char *out, size_t *outl, size_t outsize,
                          const unsigned char *in, size_t inl)
{
    const size_t ex = FIPS140_CIPHER_TLS_EXPLICIT_IV_LEN, tl = FIPS140_CIPHER_TLS_TAG_LEN;
    ctx->tls_aad_set = 0; /* one record per AAD */
    if (!ctx->key_set || !ctx->iv_gen || ctx->ivlen < ex)
        return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "TLS record without key or fixed IV");
    if (out != in || in == NULL || inl < ex + tl)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "TLS record (must be in place, >= 24 bytes)");
    if (outsize < inl)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "TLS record output buffer");
    uint8_t *invocation = ctx->iv + ctx->ivlen - ex;
    uint8_t *payload = out + ex;
    size_t plen = inl - ex - tl;
    fips140_status st;
    fips140_indicator_clear();
    if (ctx->enc && gcm_tls12_construction(ctx)) {
        uint8_t used[12];
        st = fips140_aes_gcm_encrypt_next_iv(&ctx->m.gcm, payload, payload + plen, tl, used, ctx->tls_aad,
                                             sizeof ctx->tls_aad, payload, plen);
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "TLS record encryption");
        memcpy(out, used + ctx->ivlen - ex, ex); /* the explicit nonce = the invocation field used */
        memcpy(ctx->iv, used, ctx->ivlen);
        for (size_t i = ex; i-- > 0;) /* ctx->iv: the next record's IV, as on the other path */
            if (++invocation[i] != 0)
                break;
        *outl = inl;
    } else if (ctx->enc) {
        memcpy(out, invocation, ex);
        st = fips140_aes_gcm_encrypt(&ctx->m.gcm, payload, payload + plen, tl, ctx->iv, ctx->ivlen, ctx->tls_aad,
                                     sizeof ctx->tls_aad, payload, plen);
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "TLS record encryption");
        for (size_t i = ex; i-- > 0;) /* next record: invocation field + 1 (big-endian) */
            if (++invocation[i] != 0)
                break;
        *outl = inl;
    } else {
        memcpy(invocation, in, ex);
        st = fips140_aes_gcm_decrypt(&ctx->m.gcm, payload, ctx->iv, ctx->ivlen, ctx->tls_aad, sizeof ctx->tls_aad,
                                     payload, plen, payload + plen, tl);
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "TLS record decryption");
        *outl = plen;
    }
    fips140_cipher_note(ctx);
    return 1;
}

int fips140_gcm_update(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                       size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    fips140_status st;
    if (ctx->tls_aad_set)
        return gcm_tls_record(ctx, out, outl, outsize, in, inl);
    if (inl != 0 && in == NULL)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_NULL, "update without input");
    if (!gcm_begin(ctx))
        return 0;
    if (out == NULL) { /* AAD */
        fips140_indicator_clear();
        st = fips140_aes_gcm_aad(&ctx->m.gcm, in, inl);
        if (st != FIPS140_OK)
            return fips140_cipher_fail(ctx, st, "AAD (after data?)");
        fips140_cipher_note(ctx);
        *outl = inl;
        return 1;
    }
    if (outsize < inl)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "output buffer too small");
    const uint8_t *src = in;
    if (inl != 0 && out != in && ((out < in && out + inl > in) || (in < out && in + inl > out))) {
        memmove(out, in, inl);
        src = out;
    }
    fips140_indicator_clear();
    st = fips140_aes_gcm_update(&ctx->m.gcm, out, src, inl);
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "encrypt" : "decrypt");
    fips140_cipher_note(ctx);
    *outl = inl;
    return 1;
}

int fips140_gcm_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    fips140_cipher_ctx *ctx = vctx;
    fips140_status st;
    (void)out;
    (void)outsize;
    if (!gcm_begin(ctx)) /* a message without update: start it now */
        return 0;
    if (!ctx->enc && !ctx->tag_set)
        return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no tag set for decryption");
    fips140_indicator_clear();
    if (ctx->enc) {
        st = fips140_aes_gcm_finish(&ctx->m.gcm, ctx->tag, sizeof ctx->tag);
    } else {
        st = fips140_aes_gcm_verify(&ctx->m.gcm, ctx->tag, ctx->taglen);
        ctx->tag_set = 0;
    }
    /* the module ends the message either way */
    ctx->started = 0;
    ctx->done = 1;
    ctx->ivc_next = 0;
    ctx->iv_set = 0; /* never the same IV twice for encryption; decryption needs a new IV too */
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "tag" : "tag verification");
    fips140_cipher_note(ctx);
    if (ctx->enc) {
        ctx->taglen = sizeof ctx->tag;
        ctx->tag_set = 1;
    }
    *outl = 0;
    return 1;
}

/* EVP_Cipher(): in == NULL is the final call */
int fips140_gcm_cipher(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                       size_t inl)
{
    if (in == NULL)
        return fips140_gcm_final(vctx, out, outl, outsize);
    return fips140_gcm_update(vctx, out, outl, outsize, in, inl);
}

static int get_iv_params(fips140_cipher_ctx *ctx, OSSL_PARAM params[], int available)
{
    static const char *const names[2] = {OSSL_CIPHER_PARAM_IV, OSSL_CIPHER_PARAM_UPDATED_IV};
    for (int i = 0; i < 2; i++) {
        OSSL_PARAM *p = fips140_prov_param_locate(params, names[i]);
        if (p == NULL)
            continue;
        if (!available)
            return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no IV set");
        if (!fips140_cipher_set_octets(p, ctx->iv, ctx->ivlen))
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, names[i]);
    }
    return 1;
}

int fips140_gcm_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    fips140_cipher_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (!fips140_cipher_get_common(ctx, params))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TAGLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, ctx->taglen != 0 ? ctx->taglen : 16))
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, OSSL_CIPHER_PARAM_AEAD_TAGLEN);
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD)) != NULL &&
        !fips140_prov_param_set_size_t(p, FIPS140_CIPHER_TLS_TAG_LEN))
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD);
    if (!get_iv_params(ctx, params, ctx->iv_set || ctx->done || ctx->iv_gen))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TAG)) != NULL) {
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data == NULL)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, OSSL_CIPHER_PARAM_AEAD_TAG);
        if (!ctx->enc || !ctx->tag_set)
            return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "tag read before an encryption's final");
        if (p->data_size == 0 || p->data_size > sizeof ctx->tag)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_TAG_LENGTH, "tag length");
        memcpy(p->data, ctx->tag, p->data_size);
        p->return_size = p->data_size;
    }
    return 1;
}

int fips140_gcm_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    fips140_cipher_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL)
        return 1;
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_IVLEN)) != NULL) {
        size_t sz;
        if (!fips140_prov_param_get_size_t(p, &sz) || sz == 0 || sz > FIPS140_CIPHER_MAX_IV)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "IV length");
        if (sz != ctx->ivlen) {
            ctx->ivlen = sz;
            ctx->iv_set = 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TAG)) != NULL) {
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data_size == 0 || p->data_size > sizeof ctx->tag)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_TAG_LENGTH, "tag");
        if (p->data != NULL) {
            if (ctx->enc)
                return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "tag set for an encryption");
            memcpy(ctx->tag, p->data, p->data_size);
            ctx->tag_set = 1;
        }
        ctx->taglen = p->data_size;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED)) != NULL) {
        const size_t ex = FIPS140_CIPHER_TLS_EXPLICIT_IV_LEN;
        size_t sz = p->data_size;
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data == NULL ||
            !(sz == ctx->ivlen || (sz >= FIPS140_CIPHER_TLS_FIXED_IV_LEN && ctx->ivlen >= sz + ex)))
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "TLS fixed IV");
        memcpy(ctx->iv, p->data, sz);
        if (sz != ctx->ivlen && ctx->enc) {
            /* the invocation field starts at a random value (the module's DRBG), then counts records */
            fips140_status st = fips140_rand_bytes(ctx->iv + sz, ctx->ivlen - sz);
            if (st != FIPS140_OK)
                return fips140_cipher_fail(ctx, st, "TLS IV invocation field");
        }
        ctx->iv_gen = 1;
        ctx->iv_set = 1;
        ctx->done = 0;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD)) != NULL) {
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data == NULL ||
            p->data_size != FIPS140_CIPHER_TLS_AAD_LEN)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, "TLS AAD (13 bytes)");
        uint8_t *a = ctx->tls_aad;
        memcpy(a, p->data, FIPS140_CIPHER_TLS_AAD_LEN);
        /* the record length in the AAD counts explicit IV and (decrypting) tag: make it the payload length */
        size_t len = ((size_t)a[11] << 8) | a[12];
        size_t extra = FIPS140_CIPHER_TLS_EXPLICIT_IV_LEN + (ctx->enc ? 0 : FIPS140_CIPHER_TLS_TAG_LEN);
        if (len < extra)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "TLS record length in AAD");
        len -= extra;
        a[11] = (uint8_t)(len >> 8);
        a[12] = (uint8_t)len;
        ctx->tls_aad_set = 1;
    }
    return 1;
}

static const OSSL_PARAM gcm_known_gettable_ctx_params[] = {
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_KEYLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_IVLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_AEAD_TAGLEN, NULL),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_IV, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_UPDATED_IV, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, NULL, 0),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, NULL),
    OSSL_PARAM_int(FIPS140_CIPHER_PARAM_INDICATOR, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM gcm_known_settable_ctx_params[] = {
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, NULL),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_AAD, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED, NULL, 0),
    OSSL_PARAM_END
};

const OSSL_PARAM *fips140_gcm_gettable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return gcm_known_gettable_ctx_params;
}

const OSSL_PARAM *fips140_gcm_settable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return gcm_known_settable_ctx_params;
}

/* ======================================================================================================
 * CCM
 * ====================================================================================================== */

int fips140_ccm_einit(void *vctx, const unsigned char *key, size_t keylen, const unsigned char *iv, size_t ivlen,
                      const OSSL_PARAM params[])
{
    return aead_init(vctx, key, keylen, iv, ivlen, params, 1);
}

int fips140_ccm_dinit(void *vctx, const unsigned char *key, size_t keylen, const unsigned char *iv, size_t ivlen,
                      const OSSL_PARAM params[])
{
    return aead_init(vctx, key, keylen, iv, ivlen, params, 0);
}

/* ccm_run - the whole message through the module: AAD buffered so far, payload in[0..len). */
static int ccm_run(fips140_cipher_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len)
{
    fips140_status st;
    if (ctx->done)
        return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "payload already processed: initialise again");
    if (ctx->len_set && ctx->msglen != len)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "payload length differs from the one announced");
    if (!ctx->enc && !ctx->tag_set)
        return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no tag set for decryption");
    fips140_indicator_clear();
    if (ctx->enc)
        st = fips140_aes_ccm_encrypt(&ctx->m.ccm, out, ctx->tag, ctx->taglen, ctx->iv, ctx->ivlen, ctx->aad,
                                     ctx->aadlen, in, len);
    else
        st = fips140_aes_ccm_decrypt(&ctx->m.ccm, out, ctx->iv, ctx->ivlen, ctx->aad, ctx->aadlen, in, len,
                                     ctx->tag, ctx->taglen);
    ctx->done = 1;
    ctx->iv_set = 0; /* one message per nonce */
    if (ctx->aad != NULL)
        fips140_wipe(ctx->aad, ctx->aadlen);
    ctx->aadlen = 0;
    ctx->len_set = 0;
    ctx->tag_set = 0;
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "encrypt" : "decrypt");
    fips140_cipher_note(ctx);
    if (ctx->enc)
        ctx->tag_set = 1; /* the tag is ready to be read */
    return 1;
}

/* ccm_tls_record - one TLS 1.2 CCM record (RFC 6655), in place: explicit nonce (8) || payload || tag (M), under
 * the AAD of OSSL_CIPHER_PARAM_AEAD_TLS1_AAD and the nonce fixed (4) || explicit. Encryption uses the record's
 * sequence number (the AAD's first 8 bytes) as explicit nonce, as OpenSSL does; decryption takes it from the
 * record. */
static int ccm_tls_record(fips140_cipher_ctx *ctx, unsigned char *out, size_t *outl, size_t outsize,
                          const unsigned char *in, size_t inl)
{
    const size_t ex = FIPS140_CIPHER_TLS_EXPLICIT_IV_LEN, fx = FIPS140_CIPHER_TLS_FIXED_IV_LEN;
    ctx->tls_aad_set = 0; /* one record per AAD */
    if (!ctx->key_set || !ctx->iv_gen || ctx->ivlen != fx + ex)
        return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "TLS record without key or fixed IV");
    if (out != in || in == NULL || inl < ex + ctx->taglen)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "TLS record (must be in place, explicit IV + tag)");
    if (outsize < inl)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "TLS record output buffer");
    uint8_t *payload = out + ex;
    size_t plen = inl - ex - ctx->taglen;
    fips140_status st;
    if (ctx->enc)
        memcpy(out, ctx->tls_aad, ex);
    memcpy(ctx->iv + fx, out, ex);
    fips140_indicator_clear();
    if (ctx->enc)
        st = fips140_aes_ccm_encrypt(&ctx->m.ccm, payload, payload + plen, ctx->taglen, ctx->iv, ctx->ivlen,
                                     ctx->tls_aad, sizeof ctx->tls_aad, payload, plen);
    else
        st = fips140_aes_ccm_decrypt(&ctx->m.ccm, payload, ctx->iv, ctx->ivlen, ctx->tls_aad, sizeof ctx->tls_aad,
                                     payload, plen, payload + plen, ctx->taglen);
    if (st != FIPS140_OK)
        return fips140_cipher_fail(ctx, st, ctx->enc ? "TLS record encryption" : "TLS record decryption");
    fips140_cipher_note(ctx);
    *outl = ctx->enc ? inl : plen;
    return 1;
}

int fips140_ccm_update(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                       size_t inl)
{
    fips140_cipher_ctx *ctx = vctx;
    if (ctx->tls_aad_set)
        return ccm_tls_record(ctx, out, outl, outsize, in, inl);
    if (!ctx->key_set)
        return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no key set");
    if (!ctx->iv_set && !ctx->done)
        return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no nonce set");
    if (out == NULL && in == NULL) { /* the payload length, announced */
        ctx->msglen = inl;
        ctx->len_set = 1;
        *outl = inl;
        return 1;
    }
    if (inl != 0 && in == NULL)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_NULL, "update without input");
    if (out == NULL) { /* AAD: buffered until the payload comes */
        if (ctx->done)
            return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "AAD after the payload");
        if (inl > ctx->aadcap - ctx->aadlen) {
            if (inl > SIZE_MAX / 2 - ctx->aadlen)
                return raise_ctx(ctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "AAD too long");
            size_t cap = (ctx->aadlen + inl) * 2;
            uint8_t *n = malloc(cap);
            if (n == NULL)
                return raise_ctx(ctx, FIPS140_PROV_R_MALLOC_FAILURE, "AAD buffer");
            if (ctx->aad != NULL) {
                memcpy(n, ctx->aad, ctx->aadlen);
                fips140_wipe(ctx->aad, ctx->aadcap);
                free(ctx->aad);
            }
            ctx->aad = n;
            ctx->aadcap = cap;
        }
        if (inl != 0)
            memcpy(ctx->aad + ctx->aadlen, in, inl);
        ctx->aadlen += inl;
        *outl = inl;
        return 1;
    }
    if (outsize < inl)
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_OUTPUT_LENGTH, "output buffer too small");
    const uint8_t *src = in;
    if (inl != 0 && out != in && ((out < in && out + inl > in) || (in < out && in + inl > out))) {
        memmove(out, in, inl);
        src = out;
    }
    if (!ccm_run(ctx, out, src, inl))
        return 0;
    *outl = inl;
    return 1;
}

int fips140_ccm_final(void *vctx, unsigned char *out, size_t *outl, size_t outsize)
{
    fips140_cipher_ctx *ctx = vctx;
    (void)outsize;
    if (!ctx->key_set)
        return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no key set");
    /* A message with an empty payload that was never given as an update: process it now. */
    if (!ctx->done) {
        if (!ctx->iv_set)
            return raise_ctx(ctx, FIPS140_PROV_R_MISSING_PARAM, "no nonce set");
        static const uint8_t none[1] = {0};
        if (!ccm_run(ctx, out, none, 0))
            return 0;
    }
    *outl = 0;
    return 1;
}

int fips140_ccm_cipher(void *vctx, unsigned char *out, size_t *outl, size_t outsize, const unsigned char *in,
                       size_t inl)
{
    if (in == NULL && out != NULL)
        return fips140_ccm_final(vctx, out, outl, outsize);
    return fips140_ccm_update(vctx, out, outl, outsize, in, inl);
}

int fips140_ccm_get_ctx_params(void *vctx, OSSL_PARAM params[])
{
    fips140_cipher_ctx *ctx = vctx;
    OSSL_PARAM *p;
    if (!fips140_cipher_get_common(ctx, params))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TAGLEN)) != NULL &&
        !fips140_prov_param_set_size_t(p, ctx->taglen))
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, OSSL_CIPHER_PARAM_AEAD_TAGLEN);
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD)) != NULL &&
        !fips140_prov_param_set_size_t(p, ctx->taglen))
        return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD);
    if (!get_iv_params(ctx, params, 1))
        return 0;
    if ((p = fips140_prov_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TAG)) != NULL) {
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data == NULL)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, OSSL_CIPHER_PARAM_AEAD_TAG);
        if (!ctx->enc || !ctx->tag_set || !ctx->done)
            return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "tag read before the payload was encrypted");
        if (p->data_size != ctx->taglen)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_TAG_LENGTH, "tag length differs from the one set");
        memcpy(p->data, ctx->tag, ctx->taglen);
        p->return_size = ctx->taglen;
    }
    return 1;
}

int fips140_ccm_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    fips140_cipher_ctx *ctx = vctx;
    const OSSL_PARAM *p;
    if (params == NULL)
        return 1;
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_IVLEN)) != NULL) {
        size_t sz;
        if (!fips140_prov_param_get_size_t(p, &sz) || sz < 7 || sz > 13)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "nonce length (7..13)");
        if (sz != ctx->ivlen) {
            ctx->ivlen = sz;
            ctx->iv_set = 0;
        }
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TAG)) != NULL) {
        size_t sz = p->data_size;
        if (p->data_type != OSSL_PARAM_OCTET_STRING || sz < 4 || sz > 16 || (sz & 1) != 0)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_TAG_LENGTH, "tag (4..16 bytes, even)");
        if (p->data != NULL) {
            if (ctx->enc)
                return raise_ctx(ctx, FIPS140_PROV_R_BAD_STATE, "tag set for an encryption");
            memcpy(ctx->tag, p->data, sz);
            ctx->tag_set = 1;
        }
        ctx->taglen = sz;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED)) != NULL) {
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data == NULL ||
            p->data_size != FIPS140_CIPHER_TLS_FIXED_IV_LEN)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_IV_LENGTH, "TLS fixed IV (4 bytes)");
        memcpy(ctx->iv, p->data, FIPS140_CIPHER_TLS_FIXED_IV_LEN);
        ctx->iv_gen = 1;
    }
    if ((p = fips140_prov_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD)) != NULL) {
        if (p->data_type != OSSL_PARAM_OCTET_STRING || p->data == NULL ||
            p->data_size != FIPS140_CIPHER_TLS_AAD_LEN)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_PARAM, "TLS AAD (13 bytes)");
        uint8_t *a = ctx->tls_aad;
        memcpy(a, p->data, FIPS140_CIPHER_TLS_AAD_LEN);
        /* the record length in the AAD counts explicit nonce and (decrypting) tag: make it the payload length */
        size_t len = ((size_t)a[11] << 8) | a[12];
        size_t extra = FIPS140_CIPHER_TLS_EXPLICIT_IV_LEN + (ctx->enc ? 0 : ctx->taglen);
        if (len < extra)
            return raise_ctx(ctx, FIPS140_PROV_R_INVALID_DATA_LENGTH, "TLS record length in AAD");
        len -= extra;
        a[11] = (uint8_t)(len >> 8);
        a[12] = (uint8_t)len;
        ctx->tls_aad_set = 1;
    }
    return 1;
}

static const OSSL_PARAM ccm_known_gettable_ctx_params[] = {
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_KEYLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_IVLEN, NULL),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_AEAD_TAGLEN, NULL),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_IV, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_UPDATED_IV, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, NULL, 0),
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, NULL),
    OSSL_PARAM_int(FIPS140_CIPHER_PARAM_INDICATOR, NULL),
    OSSL_PARAM_END
};

static const OSSL_PARAM ccm_known_settable_ctx_params[] = {
    OSSL_PARAM_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, NULL),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_AAD, NULL, 0),
    OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED, NULL, 0),
    OSSL_PARAM_END
};

const OSSL_PARAM *fips140_ccm_gettable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return ccm_known_gettable_ctx_params;
}

const OSSL_PARAM *fips140_ccm_settable_ctx_params(void *vctx, void *provctx)
{
    (void)vctx;
    (void)provctx;
    return ccm_known_settable_ctx_params;
}
