/* module/aes/aes_internal.h - the expanded AES key shared by every AES implementation and mode
 * (FIPS 197 §5.2 key expansion), and the block-level entry points the modes call. */
#ifndef FIPS140_AES_INTERNAL_H
#define FIPS140_AES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <fips140/aes.h>
#include "../core/internal.h"

/* aes_sched - lives inside fips140_aes_key.opaque (checked by a static assertion in aes.c).
 * rk_enc: the Nr+1 round keys of FIPS 197 §5.2 as bytes (w[4i..4i+3] big-endian), directly loadable into
 *         AES-NI / VAES registers. rk_dec: the equivalent inverse cipher's keys (§5.3.5) for AESDEC, in the order
 *         they are used (rk_dec[0] = rk_enc[Nr], rk_dec[i] = InvMixColumns(rk_enc[Nr-i]), rk_dec[Nr] = rk_enc[0]).
 * portable: the constant-time portable implementation's own key form. */
typedef struct aes_sched {
    _Alignas(16) uint8_t rk_enc[15][16];
    _Alignas(16) uint8_t rk_dec[15][16];
    _Alignas(16) uint64_t portable[120];
    uint32_t nr;       /* rounds: 10, 12 or 14 */
    uint32_t use_ni;   /* 1 when the AES-NI path was selected at key setup (also set on the VAES path) */
    uint32_t use_vaes; /* 1 when the VAES/AVX2 path was selected at key setup (implies use_ni) */
} aes_sched;

static inline aes_sched *aes_sched_of(fips140_aes_key *k) { return (aes_sched *)(void *)k->opaque; }
static inline const aes_sched *aes_sched_of_const(const fips140_aes_key *k)
{
    return (const aes_sched *)(const void *)k->opaque;
}

/* aes_sched_init - expand klen (16/24/32) key bytes; no checks beyond that, used by every mode's init. */
void aes_sched_init(aes_sched *ks, const uint8_t *key, size_t klen);
/* aes_sched_init_enc - the same for a key that only ever encrypts (CTR-based uses): skips the inverse-cipher keys
 * and, on the AES-NI paths, the portable form. */
void aes_sched_init_enc(aes_sched *ks, const uint8_t *key, size_t klen);

/* Block entry points (no service gate; the public functions gate). */
void aes_encrypt_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_decrypt_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
/* aes_ctr32_xor - out = in XOR E(K, ctr), E(K, ctr+1)… for nblocks full blocks, incrementing only the last
 * 32 bits of ctr (big-endian, mod 2^32: GCM's inc32, SP 800-38D §6.2). ctr is advanced past the blocks used. */
void aes_ctr32_xor(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16]);
/* aes_ctr128_xor - the same with the whole 128-bit block as the counter (SP 800-38A §B.1 standard increment). */
void aes_ctr128_xor(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16]);


/* ---- Implementations (called only through the dispatchers above and the modes in aes_modes.c). ---- */

/* aes_ct64.c: portable, constant-time, bitsliced on 64-bit words (4 blocks per pass). */
/* aes_ct64_schedule - fill ks->portable from ks->rk_enc and ks->nr. */
void aes_ct64_schedule(aes_sched *ks);
uint32_t aes_ct64_sub_word(uint32_t w);
void aes_ct64_ecb_encrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ct64_ecb_decrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ct64_cbc_encrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ct64_cbc_decrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);
/* aes_ct64_ctr - inc32 != 0: GCM's inc32; otherwise the 128-bit increment. */
void aes_ct64_ctr(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16], int inc32);

#if FIPS140_X86_64
/* aes_ni.c: AES-NI (+SSSE3/SSE4.1), 8 blocks in flight where the mode allows it. */
uint32_t aes_ni_sub_word(uint32_t w);
void aes_ni_ecb_encrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ni_ecb_decrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ni_cbc_encrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ni_cbc_decrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_ni_ctr(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16], int inc32);

/* aes_vaes.c: VAES on 256-bit registers (2 blocks each, 16 blocks in flight); short tails go to aes_ni.c. */
void aes_vaes_ecb_encrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_vaes_ecb_decrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_vaes_cbc_decrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_vaes_ctr(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16], int inc32);
#endif

/* Mode-level dispatchers (aes.c). */
void aes_cbc_encrypt_blocks(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);
void aes_cbc_decrypt_blocks(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks);

#endif
