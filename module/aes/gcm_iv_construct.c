/* module/aes/gcm_iv_construct.c - AES-GCM encryption under IVs that the module constructs deterministically, the
 * IV generation FIPS 140-3 IG C.H accepts besides the RBG-based one (gcm_random_iv.c):
 *
 *   GCM_IVC_FIXED  NIST SP 800-38D §8.2.1, the deterministic construction: the 96-bit IV is a fixed field (naming
 *                  the context / device) followed by an invocation field that the module counts up by one per
 *                  encryption (big-endian integer counter). TLS 1.2 uses it (RFC 5288 §3: 4-byte salt from the
 *                  key block || 8-byte nonce_explicit; SP 800-52 Rev. 2 §3.3.1: the nonce_explicit is a counter,
 *                  a fresh key is needed before it would repeat): IG C.H's TLS 1.2 case. Fixed field lengths 4..8
 *                  bytes (invocation field 8..4 bytes), so both fields have at least 32 bits.
 *   GCM_IVC_TLS13  RFC 8446 §5.3, the TLS 1.3 per-record nonce: the 64-bit record sequence number, big-endian and
 *                  left-padded with zeros to 12 bytes, XORed with the static write IV; the sequence number starts
 *                  at 0 under each traffic key and is incremented per record: IG C.H's TLS 1.3 case.
 *
 * IV uniqueness (SP 800-38D §8: one IV never serves two encryptions under one key) is the module's job here: it
 * holds the counter in the keyed context, builds every IV itself and refuses (FIPS140_ERR_STATE, nothing written)
 * the encryption that would repeat one:
 *   FIXED  the invocation field runs modulo 2^(8 * inv_len) from its start value; after 2^(8 * inv_len) IVs it
 *          would come back to the start, so that many are allowed (2^64 - 1 for an 8-byte field, the count being
 *          a 64-bit integer). §8.3's 2^32 cap concerns the RBG-based construction and IVs other than 96 bits only.
 *   TLS13  sequence numbers 0 .. 2^64 - 2 (RFC 8446 §5.3: sequence numbers never wrap; §5.5: rekey far earlier).
 * A key carries at most one construction (a second init is refused until fips140_aes_gcm_init re-keys, which
 * clears it), and none after §8.2.2 random IVs were drawn under it (gcm.c refuses the reverse order): §8's
 * uniqueness argument is made for one construction at a time. The messages run through gcm.c's GCM code. */
#include <string.h>
#include "gcm_internal.h"

static inline gcm_state *ivc_state(fips140_aes_gcm_ctx *ctx) { return (gcm_state *)(void *)ctx->opaque; }

static inline const gcm_state *ivc_state_const(const fips140_aes_gcm_ctx *ctx)
{
    return (const gcm_state *)(const void *)ctx->opaque;
}

/* ivc_can_set - a construction may be set on a keyed context that has none and has drawn no §8.2.2 random IV. */
static fips140_status ivc_can_set(const gcm_state *st)
{
    if (st->magic != GCM_MAGIC || st->ivc_kind != GCM_IVC_NONE || st->generated_ivs != 0)
        return FIPS140_ERR_STATE;
    return FIPS140_OK;
}

/* ivc_ready - the context has a construction with an IV left. */
static fips140_status ivc_ready(const gcm_state *st)
{
    if (st->magic != GCM_MAGIC || st->ivc_kind == GCM_IVC_NONE || st->ivc_used >= st->ivc_limit)
        return FIPS140_ERR_STATE;
    return FIPS140_OK;
}

/* ivc_build - IV number n (0-based, counted under this key) of the context's construction. */
static void ivc_build(const gcm_state *st, uint64_t n, uint8_t iv[12])
{
    memcpy(iv, st->ivc_base, 12);
    if (st->ivc_kind == GCM_IVC_FIXED) {
        /* §8.2.1: invocation field = (start + n) mod 2^(8 * inv_len), big-endian, after the fixed field. The 64-bit
         * sum is already reduced modulo 2^64, a multiple of 2^(8 * inv_len); the low inv_len bytes are kept. */
        uint64_t v = st->ivc_start + n;
        for (uint32_t i = 0; i < st->ivc_inv_len; i++)
            iv[11 - i] = (uint8_t)(v >> (8 * i));
    } else {
        /* RFC 8446 §5.3: static_iv XOR (0^32 || seq as 64-bit big-endian). */
        for (uint32_t i = 0; i < 8; i++)
            iv[11 - i] ^= (uint8_t)(n >> (8 * i));
    }
}

/* ivc_start_next - build the next IV, count it, start the message under it (approved: iv_generated) and publish
 * the IV. Nothing is changed or written when the construction is missing or exhausted. */
static fips140_status ivc_start_next(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12])
{
    gcm_state *st = ivc_state(ctx);
    fips140_status s = ivc_ready(st);
    if (s != FIPS140_OK)
        return s;
    uint8_t iv[12];
    ivc_build(st, st->ivc_used, iv);
    st->ivc_used++;
    gcm_msg_start(st, FIPS140_GCM_ENCRYPT, iv, sizeof iv);
    st->iv_generated = 1; /* aad, update and finish report the approved indicator */
    memcpy(iv_out, iv, sizeof iv);
    fips140_wipe(iv, sizeof iv);
    return FIPS140_OK;
}

/* fips140_aes_gcm_iv_fixed_init - aes.h: SP 800-38D §8.2.1 fixed field and invocation field start. */
fips140_status fips140_aes_gcm_iv_fixed_init(fips140_aes_gcm_ctx *ctx, const uint8_t *fixed, size_t fixed_len,
                                             uint64_t invocation_start)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || fixed == NULL)
        return FIPS140_ERR_NULL;
    gcm_state *st = ivc_state(ctx);
    s = ivc_can_set(st);
    if (s != FIPS140_OK)
        return s;
    if (fixed_len < FIPS140_GCM_IV_FIXED_MIN || fixed_len > FIPS140_GCM_IV_FIXED_MAX)
        return FIPS140_ERR_IV_LENGTH;
    const uint32_t inv_len = (uint32_t)(12u - fixed_len);
    if (inv_len < 8 && (invocation_start >> (8 * inv_len)) != 0)
        return FIPS140_ERR_ARG; /* the start value does not fit in the invocation field */

    memset(st->ivc_base, 0, sizeof st->ivc_base);
    memcpy(st->ivc_base, fixed, fixed_len);
    st->ivc_inv_len = inv_len;
    st->ivc_start = invocation_start;
    st->ivc_used = 0;
    /* Every value of the field once: 2^(8 * inv_len) IVs (2^64 - 1 for 8 bytes, the count being 64-bit). */
    st->ivc_limit = inv_len == 8 ? UINT64_MAX : UINT64_C(1) << (8 * inv_len);
    st->ivc_kind = GCM_IVC_FIXED;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* fips140_aes_gcm_iv_tls13_init - aes.h: RFC 8446 §5.3 static write IV; sequence number 0 first. */
fips140_status fips140_aes_gcm_iv_tls13_init(fips140_aes_gcm_ctx *ctx, const uint8_t static_iv[12])
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || static_iv == NULL)
        return FIPS140_ERR_NULL;
    gcm_state *st = ivc_state(ctx);
    s = ivc_can_set(st);
    if (s != FIPS140_OK)
        return s;

    memcpy(st->ivc_base, static_iv, sizeof st->ivc_base);
    st->ivc_inv_len = 8;
    st->ivc_start = 0;
    st->ivc_used = 0;
    st->ivc_limit = UINT64_MAX; /* sequence numbers 0 .. 2^64 - 2: never wraps (§5.3) */
    st->ivc_kind = GCM_IVC_TLS13;
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* fips140_aes_gcm_iv_peek - aes.h: the next IV, not used. No cryptographic operation: the indicator is left as is. */
fips140_status fips140_aes_gcm_iv_peek(const fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12])
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || iv_out == NULL)
        return FIPS140_ERR_NULL;
    const gcm_state *st = ivc_state_const(ctx);
    s = ivc_ready(st);
    if (s != FIPS140_OK)
        return s;
    ivc_build(st, st->ivc_used, iv_out);
    return FIPS140_OK;
}

/* ivc_ready_ctx - ivc_ready in the shape gcm_encrypt_module_iv takes. */
static fips140_status ivc_ready_ctx(const fips140_aes_gcm_ctx *ctx)
{
    return ivc_ready(ivc_state_const(ctx));
}

/* fips140_aes_gcm_start_next_iv - aes.h: streaming start under the next constructed IV. */
fips140_status fips140_aes_gcm_start_next_iv(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12])
{
    return gcm_start_module_iv(ctx, iv_out, ivc_start_next);
}

/* fips140_aes_gcm_encrypt_next_iv - aes.h: one-shot encryption under the next constructed IV. */
fips140_status fips140_aes_gcm_encrypt_next_iv(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                               uint8_t iv_out[12], const uint8_t *aad, size_t aadlen,
                                               const uint8_t *in, size_t len)
{
    return gcm_encrypt_module_iv(ctx, out, tag, taglen, iv_out, aad, aadlen, in, len, ivc_ready_ctx, ivc_start_next);
}
