/* module/aes/xts_internal.h - the XTS-AES bulk entry points (SP 800-38E, IEEE Std 1619-2018 §5.3) shared by
 * xts.c and its fast paths xts_ni.c (AES-NI) and xts_vaes.c (VAES on zmm registers with AVX-512F).
 *
 * A bulk function processes nblocks whole 16-byte blocks of one data unit: block j is
 * C_j = CIPH_K1(P_j ^ T_j) ^ T_j (or its inverse), with T_(j+1) = T_j * alpha in GF(2^128) (IEEE 1619 §5.2).
 * tweak holds T_j of the first block on entry (already encrypted under Key2, little-endian as in IEEE 1619) and
 * the tweak of the block after the last on return. out may equal in. Ciphertext stealing is done in xts.c. */
#ifndef FIPS140_XTS_INTERNAL_H
#define FIPS140_XTS_INTERNAL_H

#include "aes_internal.h"

/* xts_mul_alpha - T = T * alpha (IEEE 1619 §5.2: shift left by one bit, little-endian bytes, and XOR 0x87 into
 * byte 0 when bit 127 was set), without a data-dependent branch. */
static inline void xts_mul_alpha(uint8_t t[16])
{
    uint64_t lo = load64_le(t), hi = load64_le(t + 8);
    const uint64_t carry = 0u - (hi >> 63);
    hi = (hi << 1) | (lo >> 63);
    lo = (lo << 1) ^ (carry & 0x87u);
    store64_le(t, lo);
    store64_le(t + 8, hi);
}

/* xts_portable_blocks - the portable path over aes_encrypt_blocks / aes_decrypt_blocks (xts.c). */
void xts_portable_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t tweak[16],
                         int enc);

#if FIPS140_X86_64
/* xts_ni_blocks - AES-NI, 8 blocks in flight (xts_ni.c). */
void xts_ni_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t tweak[16], int enc);
/* xts_vaes_blocks - VAES on zmm, 16 blocks in flight; batches below 4 blocks go to xts_ni_blocks (xts_vaes.c). */
void xts_vaes_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t tweak[16],
                     int enc);
#endif

#endif
