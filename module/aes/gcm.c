/* module/aes/gcm.c - AES-GCM, NIST SP 800-38D (November 2007): the public API, the message state machine,
 * implementation dispatch and the CAST.
 *
 * The GHASH / CTR work is done by one of three paths, chosen once per key at fips140_aes_gcm_init:
 *   "vaes-vpclmul-avx2"  gcm_vaes.c    VAES + VPCLMULQDQ on ymm registers, CTR and GHASH stitched;
 *   "pclmul"             ghash_clmul.c PCLMULQDQ GHASH, CTR through aes_ctr32_xor;
 *   "ct"                 ghash_ct.c    portable constant-time GHASH, CTR through aes_ctr32_xor.
 *
 * Message flow (§7.1 / §7.2): start computes J0 (step 2) and the first counter inc32(J0) (step 3); aad and update
 * feed GHASH with A, then C (steps 4-5, GHASH of A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64); finish / verify
 * compute T = MSB_t(GCTR(J0, S)) (step 6), or compare it with the received tag (§7.2 steps 7-8). */
#include <stddef.h>
#include <string.h>
#include "gcm_internal.h"
#include "../core/ct.h"

_Static_assert(sizeof(gcm_state) <= sizeof(((fips140_aes_gcm_ctx *)0)->opaque), "gcm_state must fit in ctx->opaque");
_Static_assert(_Alignof(gcm_state) <= _Alignof(fips140_aes_gcm_ctx), "gcm_state alignment");
_Static_assert(sizeof(aes_sched) <= sizeof(((fips140_aes_key *)0)->opaque), "aes_sched must fit in the key");

/* The per-message secrets j0, ctr, y, ks, buf are contiguous: one wipe. */
#define GCM_MSG_SECRETS_OFFSET offsetof(gcm_state, j0)
#define GCM_MSG_SECRETS_SIZE (offsetof(gcm_state, buf) + 16u - offsetof(gcm_state, j0))
_Static_assert(GCM_MSG_SECRETS_SIZE == 5 * 16u, "j0, ctr, y, ks, buf must be contiguous");

enum { GCM_PHASE_NONE = 0, GCM_PHASE_AAD = 1, GCM_PHASE_DATA = 2 };

/* §5.2.1.1: len(P) <= 2^39 - 256 bits; len(A), len(IV) <= 2^64 - 1 bits (whole bytes here). */
#define GCM_MAX_TEXT_BYTES ((UINT64_C(1) << 36) - 32u)
#define GCM_MAX_AAD_BYTES (UINT64_MAX >> 3)

/* CLMUL/CT paths: counter-mode chunk (blocks) between GHASH passes, so the data is still in L1. */
#define GCM_CHUNK_BLOCKS 64u

static inline gcm_state *state_of(fips140_aes_gcm_ctx *ctx) { return (gcm_state *)(void *)ctx->opaque; }

/* gcm_select - the path for this CPU (after the FIPS140_CPU mask). */
static enum gcm_impl gcm_select(void)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_CPU_VAES | FIPS140_CPU_VPCLMUL | FIPS140_CPU_AVX2 | FIPS140_CPU_AESNI | FIPS140_CPU_PCLMUL))
        return GCM_IMPL_VAES;
    if (cpu_has(FIPS140_CPU_PCLMUL | FIPS140_CPU_SSSE3))
        return GCM_IMPL_CLMUL;
#endif
    return GCM_IMPL_CT;
}

const char *fips140_ghash_impl(void)
{
    switch (gcm_select()) {
    case GCM_IMPL_VAES: return "vaes-vpclmul-avx2";
    case GCM_IMPL_CLMUL: return "pclmul";
    case GCM_IMPL_CT: break;
    }
    return "ct";
}

/* ghash - y = GHASH update over nblocks full blocks with the context's path (§6.4). */
static void ghash(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    if (nblocks == 0)
        return;
#if FIPS140_X86_64
    if (st->impl == GCM_IMPL_VAES) { ghash_vaes(st, y, in, nblocks); return; }
    if (st->impl == GCM_IMPL_CLMUL) { ghash_clmul(st, y, in, nblocks); return; }
#endif
    ghash_ct(st, y, in, nblocks);
}

/* inc32 - §6.2: increment the rightmost 32 bits modulo 2^32. */
static inline void inc32(uint8_t ctr[16]) { store32_be(ctr + 12, load32_be(ctr + 12) + 1u); }

/* crypt_blocks - nblocks full blocks of GCTR (§6.5) from st->ctr, and GHASH of the ciphertext into st->y. */
static void crypt_blocks(gcm_state *st, const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    if (nblocks == 0)
        return;
#if FIPS140_X86_64
    if (st->impl == GCM_IMPL_VAES) {
        if (st->direction == FIPS140_GCM_ENCRYPT)
            gcm_vaes_encrypt(st, ks, out, in, nblocks, st->ctr, st->y);
        else
            gcm_vaes_decrypt(st, ks, out, in, nblocks, st->ctr, st->y);
        return;
    }
#endif
    while (nblocks > 0) {
        size_t n = nblocks < GCM_CHUNK_BLOCKS ? nblocks : GCM_CHUNK_BLOCKS;
        if (st->direction == FIPS140_GCM_ENCRYPT) {
            aes_ctr32_xor(ks, out, in, n, st->ctr);
            ghash(st, st->y, out, n);
        } else {
            ghash(st, st->y, in, n); /* before the output may overwrite it (out == in) */
            aes_ctr32_xor(ks, out, in, n, st->ctr);
        }
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
}

/* flush_aad - end of A: hash the partial AAD block padded with zeros (the 0^v of §7.1 step 5). */
static void flush_aad(gcm_state *st)
{
    size_t pos = (size_t)(st->aad_len & 15u);
    if (pos != 0) {
        memset(st->buf + pos, 0, 16 - pos);
        ghash(st, st->y, st->buf, 1);
    }
    st->phase = GCM_PHASE_DATA;
}

/* gcm_msg_wipe - zeroise the per-message secrets (FIPS 140-3 §7.9.7) and return to "no message". */
void gcm_msg_wipe(gcm_state *st)
{
    fips140_wipe((uint8_t *)st + GCM_MSG_SECRETS_OFFSET, GCM_MSG_SECRETS_SIZE);
    st->aad_len = 0;
    st->ct_len = 0;
    st->phase = GCM_PHASE_NONE;
}

/* gcm_msg_tag - §7.1 steps 5-6: finish S = GHASH(A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64) and
 * T = GCTR(J0, S) (all 16 bytes; the caller truncates). The pending partial block (of A in the AAD phase, of C in
 * the data phase) is hashed zero-padded together with the length block. */
void gcm_msg_tag(gcm_state *st, const aes_sched *ks, uint8_t tag[16])
{
    uint8_t fin[32];
    size_t n = 0;
    size_t pos = (size_t)((st->phase == GCM_PHASE_AAD ? st->aad_len : st->ct_len) & 15u);
    if (pos != 0) {
        memcpy(fin, st->buf, pos);
        memset(fin + pos, 0, 16 - pos);
        n = 16;
    }
    store64_be(fin + n, st->aad_len << 3);
    store64_be(fin + n + 8, st->ct_len << 3);
    n = n / 16 + 1;
#if FIPS140_X86_64
    if (st->impl == GCM_IMPL_VAES) {
        gcm_vaes_tag(st, ks, fin, n, tag);
        return;
    }
#endif
    ghash(st, st->y, fin, n);
    aes_encrypt_blocks(ks, tag, st->j0, 1);
    for (int i = 0; i < 16; i++)
        tag[i] ^= st->y[i];
}

/* ---- internal steps (no gate, arguments already checked; gcm_msg_* are shared with gmac.c) ---- */

void gcm_msg_start(gcm_state *st, int direction, const uint8_t *iv, size_t ivlen)
{
    memset(st->y, 0, 16);
    st->aad_len = 0;
    st->ct_len = 0;
    if (ivlen == 12) {
        /* §7.1 step 2: J0 = IV || 0^31 || 1. */
        memcpy(st->j0, iv, 12);
        store32_be(st->j0 + 12, 1);
    } else {
        /* §7.1 step 2: J0 = GHASH_H(IV || 0^(s+64) || [len(IV)]64). */
        uint8_t blk[16];
        memset(st->j0, 0, 16);
        ghash(st, st->j0, iv, ivlen / 16);
        size_t r = ivlen & 15u;
        if (r != 0) {
            memset(blk, 0, 16);
            memcpy(blk, iv + (ivlen - r), r);
            ghash(st, st->j0, blk, 1);
        }
        memset(blk, 0, 8);
        store64_be(blk + 8, (uint64_t)ivlen << 3);
        ghash(st, st->j0, blk, 1);
    }
    /* §7.1 step 3: the first data counter block is inc32(J0). */
    memcpy(st->ctr, st->j0, 16);
    inc32(st->ctr);
    st->direction = (uint32_t)direction;
    st->iv_generated = 0;
    st->phase = GCM_PHASE_AAD;
}

void gcm_msg_aad(gcm_state *st, const uint8_t *aad, size_t len)
{
    if (len == 0)
        return; /* aad may be NULL */
    size_t pos = (size_t)(st->aad_len & 15u);
    st->aad_len += len;
    if (pos != 0) {
        size_t n = 16 - pos < len ? 16 - pos : len;
        memcpy(st->buf + pos, aad, n);
        aad += n;
        len -= n;
        if (pos + n < 16)
            return;
        ghash(st, st->y, st->buf, 1);
    }
    ghash(st, st->y, aad, len / 16);
    aad += len & ~(size_t)15;
    len &= 15u;
    if (len != 0)
        memcpy(st->buf, aad, len);
}

static void do_update(gcm_state *st, const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t len)
{
    if (st->phase == GCM_PHASE_AAD)
        flush_aad(st); /* even a 0-byte update ends the AAD */
    if (len == 0)
        return; /* in and out may be NULL */
    const int enc = st->direction == FIPS140_GCM_ENCRYPT;
    size_t pos = (size_t)(st->ct_len & 15u);
    st->ct_len += len;
    if (pos != 0) {
        /* Finish the partial block with the saved keystream; collect its ciphertext for GHASH. */
        size_t n = 16 - pos < len ? 16 - pos : len;
        for (size_t i = 0; i < n; i++) {
            uint8_t c = in[i], o = (uint8_t)(c ^ st->ks[pos + i]);
            st->buf[pos + i] = enc ? o : c;
            out[i] = o;
        }
        in += n;
        out += n;
        len -= n;
        if (pos + n < 16)
            return;
        ghash(st, st->y, st->buf, 1);
    }
    size_t nb = len / 16;
    crypt_blocks(st, ks, out, in, nb);
    in += 16 * nb;
    out += 16 * nb;
    len &= 15u;
    if (len != 0) {
        /* Start a partial block: keep its keystream (§6.5 step 6 for the last, shorter block). */
        aes_encrypt_blocks(ks, st->ks, st->ctr, 1);
        inc32(st->ctr);
        for (size_t i = 0; i < len; i++) {
            uint8_t c = in[i], o = (uint8_t)(c ^ st->ks[i]);
            st->buf[i] = enc ? o : c;
            out[i] = o;
        }
    }
}

/* tag_approved - SP 800-38D §5.2.1.2: t in {128, 120, 112, 104, 96} bits, or 64 / 32 bits (Appendix C). */
int gcm_tag_approved(size_t taglen)
{
    return taglen == 4 || taglen == 8 || (taglen >= 12 && taglen <= 16);
}

/* ---- public API ---- */

void gcm_key_setup(fips140_aes_gcm_ctx *ctx, const uint8_t *k, size_t klen)
{
    gcm_state *st = state_of(ctx);
    aes_sched *ks = aes_sched_of(&ctx->key);
    memset(st, 0, sizeof *st);
    aes_sched_init_enc(ks, k, klen); /* GCM only ever runs the forward cipher (§6.5 GCTR) */

    /* §6.4: the hash subkey H = CIPH_K(0^128). */
    uint8_t h[16];
    memset(h, 0, sizeof h);
    aes_encrypt_blocks(ks, h, h, 1);
    st->impl = gcm_select();
    ghash_ct_init(st, h);
#if FIPS140_X86_64
    if (st->impl == GCM_IMPL_VAES || st->impl == GCM_IMPL_CLMUL)
        ghash_clmul_init(st, h);
#endif
    fips140_wipe(h, sizeof h);
    st->phase = GCM_PHASE_NONE;
    st->magic = GCM_MAGIC;
}

fips140_status fips140_aes_gcm_init(fips140_aes_gcm_ctx *ctx, const uint8_t *k, size_t klen)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || (k == NULL && klen != 0))
        return FIPS140_ERR_NULL;
    if (klen != 16 && klen != 24 && klen != 32)
        return FIPS140_ERR_KEY_LENGTH;

    gcm_key_setup(ctx, k, klen);
    fips140_indicator_approved(1);
    return FIPS140_OK;
}

/* check_start_args - the argument checks of start, shared with the one-shots. */
static fips140_status check_start_args(fips140_aes_gcm_ctx *ctx, int direction, const uint8_t *iv, size_t ivlen)
{
    if (ctx == NULL || (iv == NULL && ivlen != 0))
        return FIPS140_ERR_NULL;
    if (state_of(ctx)->magic != GCM_MAGIC)
        return FIPS140_ERR_STATE;
    if (direction != FIPS140_GCM_ENCRYPT && direction != FIPS140_GCM_DECRYPT)
        return FIPS140_ERR_ARG;
    if (ivlen == 0)
        return FIPS140_ERR_IV_LENGTH;
    if ((uint64_t)ivlen > GCM_MAX_AAD_BYTES)
        return FIPS140_ERR_DATA_LENGTH;
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_start(fips140_aes_gcm_ctx *ctx, int direction, const uint8_t *iv, size_t ivlen)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    s = check_start_args(ctx, direction, iv, ivlen);
    if (s != FIPS140_OK)
        return s;
    if (direction == FIPS140_GCM_ENCRYPT && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 8.2: GCM encryption with an IV not generated inside the module");
    gcm_msg_start(state_of(ctx), direction, iv, ivlen);
    /* §8.2: the module does not generate the IV, so encryption is not an approved service (yet). */
    fips140_indicator_approved(direction == FIPS140_GCM_DECRYPT);
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_aad(fips140_aes_gcm_ctx *ctx, const uint8_t *aad, size_t len)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || (aad == NULL && len != 0))
        return FIPS140_ERR_NULL;
    gcm_state *st = state_of(ctx);
    if (st->magic != GCM_MAGIC || st->phase != GCM_PHASE_AAD)
        return FIPS140_ERR_STATE;
    if ((uint64_t)len > GCM_MAX_AAD_BYTES - st->aad_len)
        return FIPS140_ERR_DATA_LENGTH;
    gcm_msg_aad(st, aad, len);
    fips140_indicator_approved(st->direction == FIPS140_GCM_DECRYPT || st->iv_generated);
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_update(fips140_aes_gcm_ctx *ctx, uint8_t *out, const uint8_t *in, size_t len)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    if (ctx == NULL || ((in == NULL || out == NULL) && len != 0))
        return FIPS140_ERR_NULL;
    gcm_state *st = state_of(ctx);
    if (st->magic != GCM_MAGIC || (st->phase != GCM_PHASE_AAD && st->phase != GCM_PHASE_DATA))
        return FIPS140_ERR_STATE;
    if ((uint64_t)len > GCM_MAX_TEXT_BYTES - st->ct_len)
        return FIPS140_ERR_DATA_LENGTH;
    do_update(st, aes_sched_of_const(&ctx->key), out, in, len);
    fips140_indicator_approved(st->direction == FIPS140_GCM_DECRYPT || st->iv_generated);
    return FIPS140_OK;
}

/* gcm_start_generated_iv - the hook of gcm_internal.h (used by gcm_random_iv.c). */
fips140_status gcm_start_generated_iv(fips140_aes_gcm_ctx *ctx, const uint8_t iv[12])
{
    gcm_state *st = state_of(ctx);
    /* A key with a deterministic IV construction (gcm_iv_construct.c) uses that one only: one construction per key. */
    if (st->magic != GCM_MAGIC || st->generated_ivs >= GCM_MAX_GENERATED_IVS || st->ivc_kind != GCM_IVC_NONE)
        return FIPS140_ERR_STATE;
    st->generated_ivs++;
    gcm_msg_start(st, FIPS140_GCM_ENCRYPT, iv, 12);
    st->iv_generated = 1;
    return FIPS140_OK;
}

/* check_final - shared checks of finish (want = ENCRYPT) and verify (want = DECRYPT). */
static fips140_status check_final(fips140_aes_gcm_ctx *ctx, const uint8_t *tag, size_t taglen, int want)
{
    if (ctx == NULL || (tag == NULL && taglen != 0))
        return FIPS140_ERR_NULL;
    gcm_state *st = state_of(ctx);
    if (st->magic != GCM_MAGIC || (st->phase != GCM_PHASE_AAD && st->phase != GCM_PHASE_DATA) ||
        st->direction != (uint32_t)want)
        return FIPS140_ERR_STATE;
    if (taglen < 4 || taglen > 16)
        return FIPS140_ERR_TAG_LENGTH;
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_finish(fips140_aes_gcm_ctx *ctx, uint8_t *tag, size_t taglen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    s = check_final(ctx, tag, taglen, FIPS140_GCM_ENCRYPT);
    if (s != FIPS140_OK)
        return s;
    gcm_state *st = state_of(ctx);
    if (st->iv_generated && !gcm_tag_approved(taglen) && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 5.2.1.2: GCM tag length not 32, 64 or 96..128 bits");
    int approved = st->iv_generated && gcm_tag_approved(taglen);
    uint8_t t[16];
    gcm_msg_tag(st, aes_sched_of_const(&ctx->key), t);
    memcpy(tag, t, taglen);
    fips140_wipe(t, sizeof t);
    gcm_msg_wipe(st);
    fips140_indicator_approved(approved); /* §8.2: approved only with a module-generated IV */
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_verify(fips140_aes_gcm_ctx *ctx, const uint8_t *tag, size_t taglen)
{
    fips140_status s = fips140_service_check();
    if (s != FIPS140_OK)
        return s;
    s = check_final(ctx, tag, taglen, FIPS140_GCM_DECRYPT);
    if (s != FIPS140_OK)
        return s;
    if (!gcm_tag_approved(taglen) && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 5.2.1.2: GCM tag length not 32, 64 or 96..128 bits");
    gcm_state *st = state_of(ctx);
    uint8_t t[16];
    gcm_msg_tag(st, aes_sched_of_const(&ctx->key), t);
    /* §7.2 step 8: compare T with T' in constant time. */
    int ok = ct_memeq(t, tag, taglen);
    fips140_wipe(t, sizeof t);
    gcm_msg_wipe(st);
    if (!ok)
        return FIPS140_ERR_AUTH;
    fips140_indicator_approved(gcm_tag_approved(taglen));
    return FIPS140_OK;
}

/* check_oneshot - every argument check of the one-shots, before anything is written. */
static fips140_status check_oneshot(fips140_aes_gcm_ctx *ctx, int direction, const uint8_t *out, const uint8_t *tag,
                                    size_t taglen, const uint8_t *iv, size_t ivlen, const uint8_t *aad,
                                    size_t aadlen, const uint8_t *in, size_t len)
{
    if ((tag == NULL && taglen != 0) || (aad == NULL && aadlen != 0) || ((in == NULL || out == NULL) && len != 0))
        return FIPS140_ERR_NULL;
    fips140_status s = check_start_args(ctx, direction, iv, ivlen);
    if (s != FIPS140_OK)
        return s;
    if (taglen < 4 || taglen > 16)
        return FIPS140_ERR_TAG_LENGTH;
    if ((uint64_t)aadlen > GCM_MAX_AAD_BYTES || (uint64_t)len > GCM_MAX_TEXT_BYTES)
        return FIPS140_ERR_DATA_LENGTH;
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_encrypt(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                       const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
                                       const uint8_t *in, size_t len)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    s = check_oneshot(ctx, FIPS140_GCM_ENCRYPT, out, tag, taglen, iv, ivlen, aad, aadlen, in, len);
    if (s != FIPS140_OK)
        return s;
    if (fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 8.2: GCM encryption with an IV not generated inside the module");
    gcm_state *st = state_of(ctx);
    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    gcm_msg_start(st, FIPS140_GCM_ENCRYPT, iv, ivlen);
    gcm_msg_aad(st, aad, aadlen);
    do_update(st, ks, out, in, len);
    uint8_t t[16];
    gcm_msg_tag(st, ks, t);
    memcpy(tag, t, taglen);
    fips140_wipe(t, sizeof t);
    gcm_msg_wipe(st);
    fips140_indicator_approved(0); /* §8.2: caller-supplied IV */
    return FIPS140_OK;
}

fips140_status fips140_aes_gcm_decrypt(fips140_aes_gcm_ctx *ctx, uint8_t *out, const uint8_t *iv, size_t ivlen,
                                       const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
                                       const uint8_t *tag, size_t taglen)
{
    fips140_status s = fips140_service_begin(CAST_AES_GCM);
    if (s != FIPS140_OK)
        return s;
    s = check_oneshot(ctx, FIPS140_GCM_DECRYPT, out, tag, taglen, iv, ivlen, aad, aadlen, in, len);
    if (s != FIPS140_OK)
        return s;
    if (!gcm_tag_approved(taglen) && fips140_refuse_unapproved())
        return fips140_refuse("SP 800-38D 5.2.1.2: GCM tag length not 32, 64 or 96..128 bits");
    gcm_state *st = state_of(ctx);
    const aes_sched *ks = aes_sched_of_const(&ctx->key);
    gcm_msg_start(st, FIPS140_GCM_DECRYPT, iv, ivlen);
    gcm_msg_aad(st, aad, aadlen);
    do_update(st, ks, out, in, len);
    uint8_t t[16];
    gcm_msg_tag(st, ks, t);
    int ok = ct_memeq(t, tag, taglen);
    fips140_wipe(t, sizeof t);
    gcm_msg_wipe(st);
    if (!ok) {
        /* §7.2 step 8: FAIL releases no plaintext. */
        fips140_wipe(out, len);
        return FIPS140_ERR_AUTH;
    }
    fips140_indicator_approved(gcm_tag_approved(taglen));
    return FIPS140_OK;
}

/* ---- CAST (FIPS 140-3 IG 10.3.A): AES-256-GCM authenticated encryption and decryption of a known answer,
 * the GCM specification's Test Case 16 (McGrew & Viega; also in the NIST GCMVS sample set): 96-bit IV,
 * 160-bit AAD, 480-bit plaintext, 128-bit tag. */
int fips140_cast_aes_gcm(void)
{
    static const uint8_t key[32] = {
        0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c, 0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08,
        0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c, 0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08};
    static const uint8_t iv[12] = {0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88};
    static const uint8_t aad[20] = {0xfe, 0xed, 0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xfe, 0xed,
                                    0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xab, 0xad, 0xda, 0xd2};
    static const uint8_t pt[60] = {
        0xd9, 0x31, 0x32, 0x25, 0xf8, 0x84, 0x06, 0xe5, 0xa5, 0x59, 0x09, 0xc5, 0xaf, 0xf5, 0x26, 0x9a,
        0x86, 0xa7, 0xa9, 0x53, 0x15, 0x34, 0xf7, 0xda, 0x2e, 0x4c, 0x30, 0x3d, 0x8a, 0x31, 0x8a, 0x72,
        0x1c, 0x3c, 0x0c, 0x95, 0x95, 0x68, 0x09, 0x53, 0x2f, 0xcf, 0x0e, 0x24, 0x49, 0xa6, 0xb5, 0x25,
        0xb1, 0x6a, 0xed, 0xf5, 0xaa, 0x0d, 0xe6, 0x57, 0xba, 0x63, 0x7b, 0x39};
    static const uint8_t ct[60] = {
        0x52, 0x2d, 0xc1, 0xf0, 0x99, 0x56, 0x7d, 0x07, 0xf4, 0x7f, 0x37, 0xa3, 0x2a, 0x84, 0x42, 0x7d,
        0x64, 0x3a, 0x8c, 0xdc, 0xbf, 0xe5, 0xc0, 0xc9, 0x75, 0x98, 0xa2, 0xbd, 0x25, 0x55, 0xd1, 0xaa,
        0x8c, 0xb0, 0x8e, 0x48, 0x59, 0x0d, 0xbb, 0x3d, 0xa7, 0xb0, 0x8b, 0x10, 0x56, 0x82, 0x88, 0x38,
        0xc5, 0xf6, 0x1e, 0x63, 0x93, 0xba, 0x7a, 0x0a, 0xbc, 0xc9, 0xf6, 0x62};
    static const uint8_t tag[16] = {0x76, 0xfc, 0x6e, 0xce, 0x0f, 0x4e, 0x17, 0x68,
                                    0xcd, 0xdf, 0x88, 0x53, 0xbb, 0x2d, 0x55, 0x1b};
    fips140_aes_gcm_ctx ctx;
    uint8_t out[60], t[16];
    int fail = 0;

    if (fips140_aes_gcm_init(&ctx, key, sizeof key) != FIPS140_OK)
        fail = 1;
    /* Authenticated encryption. */
    if (!fail && (fips140_aes_gcm_encrypt(&ctx, out, t, sizeof t, iv, sizeof iv, aad, sizeof aad, pt, sizeof pt) !=
                      FIPS140_OK ||
                  !ct_memeq(out, ct, sizeof ct) || !ct_memeq(t, tag, sizeof tag)))
        fail = 1;
    /* Authenticated decryption. */
    if (!fail && (fips140_aes_gcm_decrypt(&ctx, out, iv, sizeof iv, aad, sizeof aad, ct, sizeof ct, tag, sizeof tag) !=
                      FIPS140_OK ||
                  !ct_memeq(out, pt, sizeof pt)))
        fail = 1;
    fips140_wipe(&ctx, sizeof ctx);
    fips140_wipe(out, sizeof out);
    fips140_wipe(t, sizeof t);
    return fail;
}
