/* fips140/aes.h - AES (FIPS 197) in ECB, CBC, CTR (SP 800-38A) and GCM (SP 800-38D).
 *
 * Keys are expanded once into a caller-owned fips140_aes_key (or inside a mode context) and wiped with
 * fips140_wipe(). Buffers may alias exactly (out == in) but must not otherwise overlap. */
#ifndef FIPS140_AES_H
#define FIPS140_AES_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FIPS140_AES_BLOCK 16u

/* fips140_aes_key - an expanded AES key (all implementations' schedules). Opaque. */
typedef struct fips140_aes_key {
    _Alignas(64) unsigned char opaque[1536];
} fips140_aes_key;

/* fips140_aes_key_init - expand a 16, 24 or 32-byte key. Other lengths: FIPS140_ERR_KEY_LENGTH. */
FIPS140_API fips140_status fips140_aes_key_init(fips140_aes_key *key, const uint8_t *k, size_t klen) FIPS140_MUST_CHECK;

/* ---- ECB (SP 800-38A §6.1): len must be a multiple of 16. */
FIPS140_API fips140_status fips140_aes_ecb_encrypt(const fips140_aes_key *key, uint8_t *out, const uint8_t *in,
                                                   size_t len) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_ecb_decrypt(const fips140_aes_key *key, uint8_t *out, const uint8_t *in,
                                                   size_t len) FIPS140_MUST_CHECK;

/* ---- CBC (SP 800-38A §6.2), no padding: len must be a multiple of 16. iv is updated in place so that
 * consecutive calls continue one message (streaming). */
FIPS140_API fips140_status fips140_aes_cbc_encrypt(const fips140_aes_key *key, uint8_t iv[16], uint8_t *out,
                                                   const uint8_t *in, size_t len) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_cbc_decrypt(const fips140_aes_key *key, uint8_t iv[16], uint8_t *out,
                                                   const uint8_t *in, size_t len) FIPS140_MUST_CHECK;

/* ---- CTR (SP 800-38A §6.5), the whole 128-bit block is a big-endian counter (wraps modulo 2^128).
 * Streaming: any lengths; the context keeps the unused keystream. */
typedef struct fips140_aes_ctr_ctx {
    fips140_aes_key key;
    uint8_t counter[16];  /* next counter block */
    uint8_t stream[16];   /* keystream of the previous block */
    uint32_t used;        /* bytes of stream already used (16 = none left) */
    uint32_t phase;       /* module-private */
} fips140_aes_ctr_ctx;

FIPS140_API fips140_status fips140_aes_ctr_init(fips140_aes_ctr_ctx *ctx, const uint8_t *k, size_t klen,
                                                const uint8_t iv[16]) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_ctr_update(fips140_aes_ctr_ctx *ctx, uint8_t *out, const uint8_t *in,
                                                  size_t len) FIPS140_MUST_CHECK;

/* ---- GCM (SP 800-38D). Usage: fips140_aes_gcm_init (key) once, then per message:
 * start (direction + IV) → aad* → update* → finish (encrypt: write tag) or verify (decrypt: check tag).
 * IVs of any length ≥ 1 byte are accepted (§7.1: 96-bit IVs are used directly, others through GHASH).
 * Tags are 4..16 bytes; lengths outside SP 800-38D §5.2.1.2 {4, 8, 12..16} are non-approved.
 * Streaming decryption releases plaintext before the tag is checked, as every streaming AEAD API does:
 * use fips140_aes_gcm_decrypt() to get nothing unless the tag is valid. */
typedef struct fips140_aes_gcm_ctx {
    fips140_aes_key key;
    _Alignas(64) unsigned char opaque[768];  /* GHASH key powers and per-message state; module-private */
} fips140_aes_gcm_ctx;

#define FIPS140_GCM_ENCRYPT 1
#define FIPS140_GCM_DECRYPT 0

FIPS140_API fips140_status fips140_aes_gcm_init(fips140_aes_gcm_ctx *ctx, const uint8_t *k, size_t klen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_gcm_start(fips140_aes_gcm_ctx *ctx, int direction, const uint8_t *iv,
                                                 size_t ivlen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_gcm_aad(fips140_aes_gcm_ctx *ctx, const uint8_t *aad, size_t len) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_gcm_update(fips140_aes_gcm_ctx *ctx, uint8_t *out, const uint8_t *in,
                                                  size_t len) FIPS140_MUST_CHECK;
/* fips140_aes_gcm_finish - encryption: write the tag (taglen bytes). */
FIPS140_API fips140_status fips140_aes_gcm_finish(fips140_aes_gcm_ctx *ctx, uint8_t *tag, size_t taglen) FIPS140_MUST_CHECK;
/* fips140_aes_gcm_verify - decryption: compare the tag in constant time; FIPS140_OK or FIPS140_ERR_AUTH. */
FIPS140_API fips140_status fips140_aes_gcm_verify(fips140_aes_gcm_ctx *ctx, const uint8_t *tag, size_t taglen) FIPS140_MUST_CHECK;

/* One-shot GCM with a keyed context. fips140_aes_gcm_decrypt zeroes out[] when the tag does not verify. */
FIPS140_API fips140_status fips140_aes_gcm_encrypt(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                                   const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
                                                   const uint8_t *in, size_t len) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_gcm_decrypt(fips140_aes_gcm_ctx *ctx, uint8_t *out, const uint8_t *iv,
                                                   size_t ivlen, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                                                   size_t len, const uint8_t *tag, size_t taglen) FIPS140_MUST_CHECK;

/* ---- GCM with IVs generated inside the module (SP 800-38D §8.2.2, RBG-based construction): the 96-bit IV is a
 * random field drawn from the module's approved RBG (fips140_rand_bytes) and written to iv_out[12] for the caller
 * to send along with the ciphertext; decrypt with fips140_aes_gcm_decrypt as usual. These are the approved GCM
 * encryption services (indicator APPROVED with a tag length of §5.2.1.2: 4, 8 or 12..16 bytes); the caller-IV
 * functions above are not. At most 2^32 encryptions with generated IVs per key (§8.3): the next one returns
 * FIPS140_ERR_STATE until the context is re-keyed with fips140_aes_gcm_init. */

/* fips140_aes_gcm_encrypt_random_iv - one-shot: generate the IV, encrypt in[0..len) to out, authenticate aad,
 * write the tag (taglen bytes, 4..16). Arguments are all checked before an IV is drawn. */
FIPS140_API fips140_status fips140_aes_gcm_encrypt_random_iv(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag,
                                                             size_t taglen, uint8_t iv_out[12], const uint8_t *aad,
                                                             size_t aadlen, const uint8_t *in, size_t len) FIPS140_MUST_CHECK;

/* fips140_aes_gcm_start_random_iv - streaming: start an encryption under a generated IV (written to iv_out), then
 * aad* → update* → finish as with fips140_aes_gcm_start. */
FIPS140_API fips140_status fips140_aes_gcm_start_random_iv(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12]) FIPS140_MUST_CHECK;

/* ---- GCM with IVs constructed inside the module by a deterministic construction (FIPS 140-3 IG C.H):
 *   fixed field  SP 800-38D §8.2.1: IV = fixed field || invocation field (a big-endian counter the module keeps and
 *                increments per encryption). The TLS 1.2 GCM nonce (RFC 5288 §3: 4-byte salt || 8-byte
 *                nonce_explicit; SP 800-52 Rev. 2 §3.3.1) is this construction with a 4-byte fixed field.
 *   TLS 1.3      RFC 8446 §5.3: IV = static_iv XOR (0^32 || the 64-bit record sequence number), the sequence
 *                number starting at 0 and incremented per record.
 * Set a construction once per key (after fips140_aes_gcm_init), then encrypt with the *_next_iv functions: the
 * module builds the IV, writes it to iv_out[12] and steps its counter. These encryptions are approved services
 * (indicator APPROVED with a tag length of §5.2.1.2: 4, 8 or 12..16 bytes). Decryption is unchanged
 * (fips140_aes_gcm_decrypt / start with the peer's IV). Rules:
 *   - one construction per key: a second *_init, or an init after §8.2.2 random IVs were drawn under this key,
 *     returns FIPS140_ERR_STATE; fips140_aes_gcm_init (re-keying) clears the construction, and §8.2.2 random-IV
 *     encryption is refused on a key that has a construction;
 *   - the counter never repeats an IV: once every value of the invocation field has been used (2^(8*(12-fixed_len))
 *     IVs; 2^64 - 1 for an 8-byte field), or the TLS 1.3 sequence number reaches 2^64 - 1 (RFC 8446 §5.3: never
 *     wrap; §5.5: rekey long before), the next call returns FIPS140_ERR_STATE and writes nothing: re-key;
 *   - caller-IV encryption (fips140_aes_gcm_encrypt / start) stays available on such a key but is NOT_APPROVED,
 *     and refused in FIPS140=only mode, as on any key: the module cannot vouch for an IV it did not build. */

/* FIPS140_GCM_IV_FIXED_MIN / _MAX - fixed field lengths (bytes) of fips140_aes_gcm_iv_fixed_init: the invocation
 * field is the other 12 - fixed_len bytes, so both fields are at least 32 bits. */
#define FIPS140_GCM_IV_FIXED_MIN 4u
#define FIPS140_GCM_IV_FIXED_MAX 8u

/* fips140_aes_gcm_iv_fixed_init - SP 800-38D §8.2.1 on a keyed context: the fixed field (fixed_len bytes, 4..8:
 * else FIPS140_ERR_IV_LENGTH) and the first value of the invocation field (must fit in 12 - fixed_len bytes: else
 * FIPS140_ERR_ARG). The invocation field counts modulo 2^(8*(12-fixed_len)) from that start. */
FIPS140_API fips140_status fips140_aes_gcm_iv_fixed_init(fips140_aes_gcm_ctx *ctx, const uint8_t *fixed,
                                                         size_t fixed_len, uint64_t invocation_start) FIPS140_MUST_CHECK;

/* fips140_aes_gcm_iv_tls13_init - RFC 8446 §5.3 on a keyed context: the 12-byte static write IV of this traffic key;
 * the sequence number starts at 0. */
FIPS140_API fips140_status fips140_aes_gcm_iv_tls13_init(fips140_aes_gcm_ctx *ctx, const uint8_t static_iv[12]) FIPS140_MUST_CHECK;

/* fips140_aes_gcm_iv_peek - the IV the next *_next_iv call would use, without using it. FIPS140_ERR_STATE (nothing
 * written) with no construction or when the construction is exhausted. */
FIPS140_API fips140_status fips140_aes_gcm_iv_peek(const fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12]) FIPS140_MUST_CHECK;

/* fips140_aes_gcm_encrypt_next_iv - one-shot: build the next IV (written to iv_out), encrypt in[0..len) to out,
 * authenticate aad, write the tag (taglen bytes, 4..16). Every argument is checked before the IV is used. */
FIPS140_API fips140_status fips140_aes_gcm_encrypt_next_iv(fips140_aes_gcm_ctx *ctx, uint8_t *out, uint8_t *tag,
                                                           size_t taglen, uint8_t iv_out[12], const uint8_t *aad,
                                                           size_t aadlen, const uint8_t *in, size_t len) FIPS140_MUST_CHECK;

/* fips140_aes_gcm_start_next_iv - streaming: start an encryption under the next IV (written to iv_out), then
 * aad* → update* → finish as with fips140_aes_gcm_start. */
FIPS140_API fips140_status fips140_aes_gcm_start_next_iv(fips140_aes_gcm_ctx *ctx, uint8_t iv_out[12]) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
