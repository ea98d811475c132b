/* module/aes/aes_vaes.c - AES (FIPS 197) with VAES on 256-bit registers, for ECB, CBC decryption and CTR
 * (SP 800-38A). Each ymm register holds two blocks; eight registers keep 16 blocks in flight, which doubles the
 * work per AES instruction compared with aes_ni.c. Round keys are broadcast to both lanes from rk_enc/rk_dec.
 * Batches of fewer than 8 blocks, and CTR batches whose 128-bit counter carries out of its low 64 bits, are
 * passed to aes_ni.c. Only called when cpu_has() reports VAES, AVX2 and the AES-NI set. */
#include "aes_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define VAES_TARGET __attribute__((target("aes,sse4.1,ssse3,avx,avx2,vaes")))

#define LOADU2(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STOREU2(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define BCAST(k) _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)(const void *)(k)))

#define ALL8(op, k) do { b0 = op(b0, k); b1 = op(b1, k); b2 = op(b2, k); b3 = op(b3, k); \
                         b4 = op(b4, k); b5 = op(b5, k); b6 = op(b6, k); b7 = op(b7, k); } while (0)
#define ALL4(op, k) do { b0 = op(b0, k); b1 = op(b1, k); b2 = op(b2, k); b3 = op(b3, k); } while (0)

#define LOAD8(p) __m256i b0 = LOADU2(p), b1 = LOADU2((p) + 32), b2 = LOADU2((p) + 64), b3 = LOADU2((p) + 96), \
                         b4 = LOADU2((p) + 128), b5 = LOADU2((p) + 160), b6 = LOADU2((p) + 192), \
                         b7 = LOADU2((p) + 224)
#define STORE8(p) do { STOREU2(p, b0); STOREU2((p) + 32, b1); STOREU2((p) + 64, b2); STOREU2((p) + 96, b3); \
                       STOREU2((p) + 128, b4); STOREU2((p) + 160, b5); STOREU2((p) + 192, b6); \
                       STOREU2((p) + 224, b7); } while (0)
#define LOAD4(p) __m256i b0 = LOADU2(p), b1 = LOADU2((p) + 32), b2 = LOADU2((p) + 64), b3 = LOADU2((p) + 96)
#define STORE4(p) do { STOREU2(p, b0); STOREU2((p) + 32, b1); STOREU2((p) + 64, b2); STOREU2((p) + 96, b3); } while (0)

/* ---- ECB. */

VAES_TARGET void aes_vaes_ecb_encrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m256i k0 = BCAST(ks->rk_enc[0]), kl = BCAST(ks->rk_enc[nr]);
    for (; nblocks >= 16; nblocks -= 16, in += 256, out += 256) {
        LOAD8(in);
        ALL8(_mm256_xor_si256, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m256i k = BCAST(ks->rk_enc[r]);
            ALL8(_mm256_aesenc_epi128, k);
        }
        ALL8(_mm256_aesenclast_epi128, kl);
        STORE8(out);
    }
    if (nblocks >= 8) {
        LOAD4(in);
        ALL4(_mm256_xor_si256, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m256i k = BCAST(ks->rk_enc[r]);
            ALL4(_mm256_aesenc_epi128, k);
        }
        ALL4(_mm256_aesenclast_epi128, kl);
        STORE4(out);
        nblocks -= 8; in += 128; out += 128;
    }
    if (nblocks > 0)
        aes_ni_ecb_encrypt(ks, out, in, nblocks);
}

VAES_TARGET void aes_vaes_ecb_decrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m256i k0 = BCAST(ks->rk_dec[0]), kl = BCAST(ks->rk_dec[nr]);
    for (; nblocks >= 16; nblocks -= 16, in += 256, out += 256) {
        LOAD8(in);
        ALL8(_mm256_xor_si256, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m256i k = BCAST(ks->rk_dec[r]);
            ALL8(_mm256_aesdec_epi128, k);
        }
        ALL8(_mm256_aesdeclast_epi128, kl);
        STORE8(out);
    }
    if (nblocks >= 8) {
        LOAD4(in);
        ALL4(_mm256_xor_si256, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m256i k = BCAST(ks->rk_dec[r]);
            ALL4(_mm256_aesdec_epi128, k);
        }
        ALL4(_mm256_aesdeclast_epi128, kl);
        STORE4(out);
        nblocks -= 8; in += 128; out += 128;
    }
    if (nblocks > 0)
        aes_ni_ecb_decrypt(ks, out, in, nblocks);
}

/* ---- CBC decryption: P_j = CIPH^-1(C_j) ^ C_(j-1). The register holding blocks (j, j+1) is finished with
 * AESDECLAST against (C_(j-1), C_j), an unaligned load one block back; the first pair takes C_(j-1) from the
 * previous batch, kept in a register. All of a batch's loads precede its stores, so out == in works. */
VAES_TARGET void aes_vaes_cbc_decrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in,
                                      size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m256i k0 = BCAST(ks->rk_dec[0]), kl = BCAST(ks->rk_dec[nr]);
    __m128i prev = _mm_loadu_si128((const __m128i *)(const void *)iv);
    for (; nblocks >= 16; nblocks -= 16, in += 256, out += 256) {
        LOAD8(in);
        const __m256i p0 = _mm256_inserti128_si256(_mm256_castsi128_si256(prev), _mm256_castsi256_si128(b0), 1);
        const __m256i p1 = LOADU2(in + 16), p2 = LOADU2(in + 48), p3 = LOADU2(in + 80), p4 = LOADU2(in + 112);
        const __m256i p5 = LOADU2(in + 144), p6 = LOADU2(in + 176), p7 = LOADU2(in + 208);
        prev = _mm256_extracti128_si256(b7, 1);
        ALL8(_mm256_xor_si256, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m256i k = BCAST(ks->rk_dec[r]);
            ALL8(_mm256_aesdec_epi128, k);
        }
        b0 = _mm256_aesdeclast_epi128(b0, _mm256_xor_si256(kl, p0));
        b1 = _mm256_aesdeclast_epi128(b1, _mm256_xor_si256(kl, p1));
        b2 = _mm256_aesdeclast_epi128(b2, _mm256_xor_si256(kl, p2));
        b3 = _mm256_aesdeclast_epi128(b3, _mm256_xor_si256(kl, p3));
        b4 = _mm256_aesdeclast_epi128(b4, _mm256_xor_si256(kl, p4));
        b5 = _mm256_aesdeclast_epi128(b5, _mm256_xor_si256(kl, p5));
        b6 = _mm256_aesdeclast_epi128(b6, _mm256_xor_si256(kl, p6));
        b7 = _mm256_aesdeclast_epi128(b7, _mm256_xor_si256(kl, p7));
        STORE8(out);
    }
    if (nblocks >= 8) {
        LOAD4(in);
        const __m256i p0 = _mm256_inserti128_si256(_mm256_castsi128_si256(prev), _mm256_castsi256_si128(b0), 1);
        const __m256i p1 = LOADU2(in + 16), p2 = LOADU2(in + 48), p3 = LOADU2(in + 80);
        prev = _mm256_extracti128_si256(b3, 1);
        ALL4(_mm256_xor_si256, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m256i k = BCAST(ks->rk_dec[r]);
            ALL4(_mm256_aesdec_epi128, k);
        }
        b0 = _mm256_aesdeclast_epi128(b0, _mm256_xor_si256(kl, p0));
        b1 = _mm256_aesdeclast_epi128(b1, _mm256_xor_si256(kl, p1));
        b2 = _mm256_aesdeclast_epi128(b2, _mm256_xor_si256(kl, p2));
        b3 = _mm256_aesdeclast_epi128(b3, _mm256_xor_si256(kl, p3));
        STORE4(out);
        nblocks -= 8; in += 128; out += 128;
    }
    _mm_storeu_si128((__m128i *)(void *)iv, prev);
    if (nblocks > 0)
        aes_ni_cbc_decrypt(ks, iv, out, in, nblocks);
}

/* ---- CTR. The counter is byte-reversed into a little-endian integer, broadcast to both lanes with offsets
 * (0, 1), and block pair i is that plus 2i, reversed back with VPSHUFB (which works per 128-bit lane).
 * inc32 (GCM) adds in the low 32-bit lane, wrapping there by design; the 128-bit counter adds in the low 64-bit
 * lane and batches that would carry out of it go to aes_ni_ctr, which propagates the carry. */
VAES_TARGET void aes_vaes_ctr(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks,
                              uint8_t ctr[16], int inc32)
{
    const unsigned nr = ks->nr;
    const __m256i bswap = _mm256_broadcastsi128_si256(
        _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    const __m256i k0 = BCAST(ks->rk_enc[0]), kl = BCAST(ks->rk_enc[nr]);
    const __m256i step2 = inc32 ? _mm256_set_epi32(0, 0, 0, 2, 0, 0, 0, 2) : _mm256_set_epi64x(0, 2, 0, 2);

    while (nblocks >= 8) {
        const __m128i v = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)ctr),
                                           _mm256_castsi256_si128(bswap));
        const uint64_t lo = (uint64_t)_mm_cvtsi128_si64(v);
        const size_t batch = nblocks >= 16 ? 16 : 8;
        if (!inc32 && lo > UINT64_MAX - (batch - 1)) {
            /* The low 64 bits carry inside this batch: let aes_ni.c propagate it (rare). */
            aes_ni_ctr(ks, out, in, batch, ctr, 0);
            nblocks -= batch; in += 16 * batch; out += 16 * batch;
            continue;
        }
        const __m256i lane1 = inc32 ? _mm256_set_epi32(0, 0, 0, 1, 0, 0, 0, 0) : _mm256_set_epi64x(0, 1, 0, 0);
        __m256i t = inc32 ? _mm256_add_epi32(_mm256_broadcastsi128_si256(v), lane1)
                          : _mm256_add_epi64(_mm256_broadcastsi128_si256(v), lane1);
        __m128i next;
#define NEXT(b) do { b = _mm256_shuffle_epi8(t, bswap); \
                     t = inc32 ? _mm256_add_epi32(t, step2) : _mm256_add_epi64(t, step2); } while (0)
        if (batch == 16) {
            __m256i b0, b1, b2, b3, b4, b5, b6, b7;
            NEXT(b0); NEXT(b1); NEXT(b2); NEXT(b3); NEXT(b4); NEXT(b5); NEXT(b6); NEXT(b7);
            next = _mm256_castsi256_si128(t);
            ALL8(_mm256_xor_si256, k0);
            for (unsigned r = 1; r < nr; r++) {
                const __m256i k = BCAST(ks->rk_enc[r]);
                ALL8(_mm256_aesenc_epi128, k);
            }
            b0 = _mm256_aesenclast_epi128(b0, _mm256_xor_si256(kl, LOADU2(in)));
            b1 = _mm256_aesenclast_epi128(b1, _mm256_xor_si256(kl, LOADU2(in + 32)));
            b2 = _mm256_aesenclast_epi128(b2, _mm256_xor_si256(kl, LOADU2(in + 64)));
            b3 = _mm256_aesenclast_epi128(b3, _mm256_xor_si256(kl, LOADU2(in + 96)));
            b4 = _mm256_aesenclast_epi128(b4, _mm256_xor_si256(kl, LOADU2(in + 128)));
            b5 = _mm256_aesenclast_epi128(b5, _mm256_xor_si256(kl, LOADU2(in + 160)));
            b6 = _mm256_aesenclast_epi128(b6, _mm256_xor_si256(kl, LOADU2(in + 192)));
            b7 = _mm256_aesenclast_epi128(b7, _mm256_xor_si256(kl, LOADU2(in + 224)));
            STORE8(out);
        } else {
            __m256i b0, b1, b2, b3;
            NEXT(b0); NEXT(b1); NEXT(b2); NEXT(b3);
            next = _mm256_castsi256_si128(t);
            ALL4(_mm256_xor_si256, k0);
            for (unsigned r = 1; r < nr; r++) {
                const __m256i k = BCAST(ks->rk_enc[r]);
                ALL4(_mm256_aesenc_epi128, k);
            }
            b0 = _mm256_aesenclast_epi128(b0, _mm256_xor_si256(kl, LOADU2(in)));
            b1 = _mm256_aesenclast_epi128(b1, _mm256_xor_si256(kl, LOADU2(in + 32)));
            b2 = _mm256_aesenclast_epi128(b2, _mm256_xor_si256(kl, LOADU2(in + 64)));
            b3 = _mm256_aesenclast_epi128(b3, _mm256_xor_si256(kl, LOADU2(in + 96)));
            STORE4(out);
        }
#undef NEXT
        /* Lane 0 of t now holds counter + batch; a low-64 carry at exactly the batch end is propagated here. */
        if (!inc32 && lo + batch == 0)
            next = _mm_add_epi64(next, _mm_set_epi64x(1, 0));
        _mm_storeu_si128((__m128i *)(void *)ctr, _mm_shuffle_epi8(next, _mm256_castsi256_si128(bswap)));
        nblocks -= batch; in += 16 * batch; out += 16 * batch;
    }
    if (nblocks > 0)
        aes_ni_ctr(ks, out, in, nblocks, ctr, inc32);
}

#endif /* FIPS140_X86_64 */
