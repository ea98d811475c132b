/* module/aes/gcm_internal.h - the private GCM state (NIST SP 800-38D) kept in fips140_aes_gcm_ctx.opaque, and
 * the entry points of the three GHASH / GCM implementations:
 *   ghash_ct.c     portable constant-time GHASH (masked integer multiplies, no tables);
 *   ghash_clmul.c  PCLMULQDQ GHASH, 8-block aggregated reduction (CTR through aes_ctr32_xor);
 *   gcm_vaes.c     VAES + VPCLMULQDQ on 256-bit ymm registers (AVX2, no AVX-512): CTR and GHASH stitched.
 *
 * GHASH arithmetic conventions shared by the PCLMULQDQ paths (SP 800-38D §6.3): a 16-byte block is byte-reversed
 * into a 128-bit integer, so the coefficient of x^i sits at integer bit 127-i ("reflected" form). A carry-less
 * product of two reflected values is the reflected product times x, so the key powers are stored divided by x
 * (H^k * x^-1 mod P): one carry-less multiply plus one two-step reduction then gives exactly A * H^k. */
#ifndef FIPS140_GCM_INTERNAL_H
#define FIPS140_GCM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "aes_internal.h"

/* GCM_HPOW_MAX - key powers stored for the aggregated paths (H^1..H^16). */
#define GCM_HPOW_MAX 16

/* gcm_impl - which implementation a context was keyed for (chosen once at fips140_aes_gcm_init). */
enum gcm_impl {
    GCM_IMPL_CT = 1,
    GCM_IMPL_CLMUL = 2,
    GCM_IMPL_VAES = 3,
};

/* gcm_state - lives in fips140_aes_gcm_ctx.opaque (a static assertion in gcm.c checks the size).
 *
 * Key part (set by init, kept until the context is wiped):
 *   hpow   CLMUL / VAES: hpow[i] = H^(16-i) * x^-1 in reflected form (little-endian __m128i image), so that a
 *          32-byte load at hpow[16-2j] gives the ymm pair [H^2j, H^(2j-1)] and hpow[16-n..15] = H^n..H^1.
 *   hct    CT: H as two big-endian 64-bit words (hct[0] = bytes 0..7, hct[1] = bytes 8..15).
 * Message part (set by start, wiped by finish / verify):
 *   j0     the pre-counter block J0 (§7.1 step 2), used for the tag (step 6).
 *   ctr    the next counter block (inc32 applied for every block already used).
 *   y      the running GHASH value, as a 16-byte GCM block (canonical byte order).
 *   ks     the keystream block of the current partial block (valid when ct_len % 16 != 0).
 *   buf    the pending partial block of AAD (aad phase) or of ciphertext (data phase).
 *   aad_len, ct_len  bytes of AAD and of text processed so far (the partial block positions derive from them). */
typedef struct gcm_state {
    _Alignas(64) uint8_t hpow[GCM_HPOW_MAX][16];
    uint64_t hct[2];
    _Alignas(16) uint8_t j0[16];
    _Alignas(16) uint8_t ctr[16];
    _Alignas(16) uint8_t y[16];
    _Alignas(16) uint8_t ks[16];
    _Alignas(16) uint8_t buf[16];
    uint64_t aad_len;
    uint64_t ct_len;
    uint32_t magic;     /* GCM_MAGIC once init succeeded */
    uint32_t impl;      /* enum gcm_impl */
    uint32_t phase;     /* GCM_PHASE_* */
    uint32_t direction; /* FIPS140_GCM_ENCRYPT / FIPS140_GCM_DECRYPT */
} gcm_state;

#define GCM_MAGIC 0x47434d31u /* "GCM1" */

/* ---- ghash_ct.c */
/* ghash_ct_init - derive hct from H = E(K, 0^128). */
void ghash_ct_init(gcm_state *st, const uint8_t h[16]);
/* ghash_ct - y = (...((y ^ X1) * H ^ X2) * H ... ^ Xn) * H over nblocks full blocks (SP 800-38D §6.4). */
void ghash_ct(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks);

#if FIPS140_X86_64
/* ---- ghash_clmul.c (PCLMULQDQ + SSSE3) */
/* ghash_clmul_init - fill hpow from H. Also used by the VAES path (same layout). */
void ghash_clmul_init(gcm_state *st, const uint8_t h[16]);
void ghash_clmul(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks);

/* ---- gcm_vaes.c (VAES + VPCLMULQDQ + AVX2) */
void ghash_vaes(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks);
/* gcm_vaes_encrypt / gcm_vaes_decrypt - nblocks full blocks of GCTR (§6.5) with inc32 counters starting at ctr,
 * and GHASH of the ciphertext into y. ctr is advanced past the blocks used. out may equal in. */
void gcm_vaes_encrypt(const gcm_state *st, const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks,
                      uint8_t ctr[16], uint8_t y[16]);
void gcm_vaes_decrypt(const gcm_state *st, const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks,
                      uint8_t ctr[16], uint8_t y[16]);
/* gcm_vaes_tag - tag = E(K, J0) ^ GHASH update of st->y over the last nlast (1..7) blocks (§7.1 steps 5-6). */
void gcm_vaes_tag(const gcm_state *st, const aes_sched *ks, const uint8_t *last, size_t nlast, uint8_t tag[16]);
#endif

#endif
