/* module/aes/aes_ni.c - AES (FIPS 197) with the AES-NI instructions, for the SP 800-38A modes.
 *
 * AESENC has a latency of several cycles but issues once or twice per cycle, so the parallel modes (ECB both
 * ways, CBC decryption, CTR) keep 8 independent blocks in flight; CBC encryption is serial by definition
 * (SP 800-38A §6.2). Decryption uses the equivalent inverse cipher (FIPS 197 §5.3.5) with rk_dec.
 * Two folds shorten the dependency chains: the last AddRoundKey absorbs the data XOR (CTR: AESENCLAST with
 * rk[Nr] ^ P; CBC decryption: AESDECLAST with rk_dec[Nr] ^ C_(j-1)), and in CBC encryption the next block's
 * whitening rides on the current block's AESENCLAST, so the chain is Nr AES instructions per block.
 * Compiled for the target with function attributes; only called when cpu_has() reports AES-NI, SSSE3 and
 * SSE4.1. */
#include "aes_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>
#include <string.h>

#define NI_TARGET __attribute__((target("aes,sse4.1,ssse3")))

#define LOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STOREU(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))
#define RK(ks, i) _mm_load_si128((const __m128i *)(const void *)(ks)->rk_enc[i])
#define DK(ks, i) _mm_load_si128((const __m128i *)(const void *)(ks)->rk_dec[i])

/* Apply one operation with one round key to the 8 blocks b0..b7 (or 4 blocks b0..b3). */
#define ALL8(op, k) do { b0 = op(b0, k); b1 = op(b1, k); b2 = op(b2, k); b3 = op(b3, k); \
                         b4 = op(b4, k); b5 = op(b5, k); b6 = op(b6, k); b7 = op(b7, k); } while (0)
#define ALL4(op, k) do { b0 = op(b0, k); b1 = op(b1, k); b2 = op(b2, k); b3 = op(b3, k); } while (0)

/* aes_ni_sub_word - SubWord() (FIPS 197 §5.2) with AESKEYGENASSIST: its low dword is SubWord of source dword 1.
 * The S-box works bytewise, so the byte order of w does not matter. */
NI_TARGET uint32_t aes_ni_sub_word(uint32_t w)
{
    const __m128i x = _mm_set_epi32(0, 0, (int)w, 0);
    return (uint32_t)_mm_cvtsi128_si32(_mm_aeskeygenassist_si128(x, 0));
}

/* ---- ECB. */

NI_TARGET void aes_ni_ecb_encrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m128i k0 = RK(ks, 0), kl = RK(ks, nr);
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        __m128i b0 = LOADU(in), b1 = LOADU(in + 16), b2 = LOADU(in + 32), b3 = LOADU(in + 48);
        __m128i b4 = LOADU(in + 64), b5 = LOADU(in + 80), b6 = LOADU(in + 96), b7 = LOADU(in + 112);
        ALL8(_mm_xor_si128, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = RK(ks, r);
            ALL8(_mm_aesenc_si128, k);
        }
        ALL8(_mm_aesenclast_si128, kl);
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        STOREU(out + 64, b4); STOREU(out + 80, b5); STOREU(out + 96, b6); STOREU(out + 112, b7);
    }
    if (nblocks >= 4) {
        __m128i b0 = LOADU(in), b1 = LOADU(in + 16), b2 = LOADU(in + 32), b3 = LOADU(in + 48);
        ALL4(_mm_xor_si128, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = RK(ks, r);
            ALL4(_mm_aesenc_si128, k);
        }
        ALL4(_mm_aesenclast_si128, kl);
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        nblocks -= 4; in += 64; out += 64;
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i b = _mm_xor_si128(LOADU(in), k0);
        for (unsigned r = 1; r < nr; r++)
            b = _mm_aesenc_si128(b, RK(ks, r));
        STOREU(out, _mm_aesenclast_si128(b, kl));
    }
}

NI_TARGET void aes_ni_ecb_decrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m128i k0 = DK(ks, 0), kl = DK(ks, nr);
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        __m128i b0 = LOADU(in), b1 = LOADU(in + 16), b2 = LOADU(in + 32), b3 = LOADU(in + 48);
        __m128i b4 = LOADU(in + 64), b5 = LOADU(in + 80), b6 = LOADU(in + 96), b7 = LOADU(in + 112);
        ALL8(_mm_xor_si128, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = DK(ks, r);
            ALL8(_mm_aesdec_si128, k);
        }
        ALL8(_mm_aesdeclast_si128, kl);
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        STOREU(out + 64, b4); STOREU(out + 80, b5); STOREU(out + 96, b6); STOREU(out + 112, b7);
    }
    if (nblocks >= 4) {
        __m128i b0 = LOADU(in), b1 = LOADU(in + 16), b2 = LOADU(in + 32), b3 = LOADU(in + 48);
        ALL4(_mm_xor_si128, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = DK(ks, r);
            ALL4(_mm_aesdec_si128, k);
        }
        ALL4(_mm_aesdeclast_si128, kl);
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        nblocks -= 4; in += 64; out += 64;
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i b = _mm_xor_si128(LOADU(in), k0);
        for (unsigned r = 1; r < nr; r++)
            b = _mm_aesdec_si128(b, DK(ks, r));
        STOREU(out, _mm_aesdeclast_si128(b, kl));
    }
}

/* ---- CBC. */

/* aes_ni_cbc_encrypt - C_1 = CIPH(P_1 ^ IV), C_j = CIPH(P_j ^ C_(j-1)). The state entering block j+1 is
 * AESENCLAST(x_j, rk[Nr] ^ rk[0] ^ P_(j+1)), computed beside C_j = AESENCLAST(x_j, rk[Nr]). */
NI_TARGET void aes_ni_cbc_encrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in,
                                  size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m128i k0 = RK(ks, 0), kl = RK(ks, nr), kl0 = _mm_xor_si128(kl, k0);
    __m128i c = LOADU(iv);
    if (nblocks == 0)
        return;
    __m128i x = _mm_xor_si128(_mm_xor_si128(LOADU(in), c), k0);
    for (;;) {
        for (unsigned r = 1; r < nr; r++)
            x = _mm_aesenc_si128(x, RK(ks, r));
        c = _mm_aesenclast_si128(x, kl);
        if (--nblocks == 0) {
            STOREU(out, c);
            break;
        }
        const __m128i next = _mm_xor_si128(LOADU(in + 16), kl0);
        STOREU(out, c);
        x = _mm_aesenclast_si128(x, next);
        in += 16;
        out += 16;
    }
    STOREU(iv, c);
}

/* aes_ni_cbc_decrypt - P_j = CIPH^-1(C_j) ^ C_(j-1), 8 blocks at a time. Each batch's ciphertext is loaded
 * before its plaintext is stored, so out == in works. */
NI_TARGET void aes_ni_cbc_decrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in,
                                  size_t nblocks)
{
    const unsigned nr = ks->nr;
    const __m128i k0 = DK(ks, 0), kl = DK(ks, nr);
    __m128i prev = LOADU(iv);
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        const __m128i c0 = LOADU(in), c1 = LOADU(in + 16), c2 = LOADU(in + 32), c3 = LOADU(in + 48);
        const __m128i c4 = LOADU(in + 64), c5 = LOADU(in + 80), c6 = LOADU(in + 96), c7 = LOADU(in + 112);
        __m128i b0 = _mm_xor_si128(c0, k0), b1 = _mm_xor_si128(c1, k0), b2 = _mm_xor_si128(c2, k0);
        __m128i b3 = _mm_xor_si128(c3, k0), b4 = _mm_xor_si128(c4, k0), b5 = _mm_xor_si128(c5, k0);
        __m128i b6 = _mm_xor_si128(c6, k0), b7 = _mm_xor_si128(c7, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = DK(ks, r);
            ALL8(_mm_aesdec_si128, k);
        }
        b0 = _mm_aesdeclast_si128(b0, _mm_xor_si128(kl, prev));
        b1 = _mm_aesdeclast_si128(b1, _mm_xor_si128(kl, c0));
        b2 = _mm_aesdeclast_si128(b2, _mm_xor_si128(kl, c1));
        b3 = _mm_aesdeclast_si128(b3, _mm_xor_si128(kl, c2));
        b4 = _mm_aesdeclast_si128(b4, _mm_xor_si128(kl, c3));
        b5 = _mm_aesdeclast_si128(b5, _mm_xor_si128(kl, c4));
        b6 = _mm_aesdeclast_si128(b6, _mm_xor_si128(kl, c5));
        b7 = _mm_aesdeclast_si128(b7, _mm_xor_si128(kl, c6));
        prev = c7;
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        STOREU(out + 64, b4); STOREU(out + 80, b5); STOREU(out + 96, b6); STOREU(out + 112, b7);
    }
    if (nblocks >= 4) {
        const __m128i c0 = LOADU(in), c1 = LOADU(in + 16), c2 = LOADU(in + 32), c3 = LOADU(in + 48);
        __m128i b0 = _mm_xor_si128(c0, k0), b1 = _mm_xor_si128(c1, k0);
        __m128i b2 = _mm_xor_si128(c2, k0), b3 = _mm_xor_si128(c3, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = DK(ks, r);
            ALL4(_mm_aesdec_si128, k);
        }
        b0 = _mm_aesdeclast_si128(b0, _mm_xor_si128(kl, prev));
        b1 = _mm_aesdeclast_si128(b1, _mm_xor_si128(kl, c0));
        b2 = _mm_aesdeclast_si128(b2, _mm_xor_si128(kl, c1));
        b3 = _mm_aesdeclast_si128(b3, _mm_xor_si128(kl, c2));
        prev = c3;
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        nblocks -= 4; in += 64; out += 64;
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        const __m128i c = LOADU(in);
        __m128i b = _mm_xor_si128(c, k0);
        for (unsigned r = 1; r < nr; r++)
            b = _mm_aesdec_si128(b, DK(ks, r));
        STOREU(out, _mm_aesdeclast_si128(b, _mm_xor_si128(kl, prev)));
        prev = c;
    }
    STOREU(iv, prev);
}

/* ---- CTR. */

/* The counter is kept as a little-endian 128-bit integer (lanes: low 64 bits, high 64 bits) and byte-reversed
 * into a counter block with PSHUFB. Counter values are public. */
#define BSWAP128_MASK() _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)

/* ctr_add - the counter plus n: inc32 adds to the low 32 bits only (mod 2^32, SP 800-38D §6.2); otherwise a
 * 128-bit add (SP 800-38A §B.1, mod 2^128). */
NI_TARGET static inline __m128i ctr_add(__m128i v, uint64_t n, int inc32)
{
    if (inc32)
        return _mm_add_epi32(v, _mm_set_epi32(0, 0, 0, (int)(uint32_t)n));
    uint64_t lo = (uint64_t)_mm_cvtsi128_si64(v), hi = (uint64_t)_mm_extract_epi64(v, 1);
    uint64_t nlo = lo + n;
    hi += (nlo < lo);
    return _mm_set_epi64x((long long)hi, (long long)nlo);
}

NI_TARGET void aes_ni_ctr(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16],
                          int inc32)
{
    const unsigned nr = ks->nr;
    const __m128i bswap = BSWAP128_MASK();
    const __m128i k0 = RK(ks, 0), kl = RK(ks, nr);
    __m128i v = _mm_shuffle_epi8(LOADU(ctr), bswap);
    /* one[i]: i added to the lane that counts (inc32: 32-bit lane 0; else 64-bit lane 0, carry handled). */
    const __m128i one = inc32 ? _mm_set_epi32(0, 0, 0, 1) : _mm_set_epi64x(0, 1);

    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        __m128i b0, b1, b2, b3, b4, b5, b6, b7;
        uint64_t lo = (uint64_t)_mm_cvtsi128_si64(v);
        if (inc32 || lo <= UINT64_MAX - 7) {
            /* No carry out of the counting lane inside this batch (inc32 wraps inside its lane by design). */
            __m128i t = v;
            b0 = _mm_shuffle_epi8(t, bswap);
            if (inc32) {
                t = _mm_add_epi32(t, one); b1 = _mm_shuffle_epi8(t, bswap);
                t = _mm_add_epi32(t, one); b2 = _mm_shuffle_epi8(t, bswap);
                t = _mm_add_epi32(t, one); b3 = _mm_shuffle_epi8(t, bswap);
                t = _mm_add_epi32(t, one); b4 = _mm_shuffle_epi8(t, bswap);
                t = _mm_add_epi32(t, one); b5 = _mm_shuffle_epi8(t, bswap);
                t = _mm_add_epi32(t, one); b6 = _mm_shuffle_epi8(t, bswap);
                t = _mm_add_epi32(t, one); b7 = _mm_shuffle_epi8(t, bswap);
            } else {
                b1 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 1)), bswap);
                b2 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 2)), bswap);
                b3 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 3)), bswap);
                b4 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 4)), bswap);
                b5 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 5)), bswap);
                b6 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 6)), bswap);
                b7 = _mm_shuffle_epi8(_mm_add_epi64(v, _mm_set_epi64x(0, 7)), bswap);
            }
        } else {
            b0 = _mm_shuffle_epi8(v, bswap);
            b1 = _mm_shuffle_epi8(ctr_add(v, 1, 0), bswap);
            b2 = _mm_shuffle_epi8(ctr_add(v, 2, 0), bswap);
            b3 = _mm_shuffle_epi8(ctr_add(v, 3, 0), bswap);
            b4 = _mm_shuffle_epi8(ctr_add(v, 4, 0), bswap);
            b5 = _mm_shuffle_epi8(ctr_add(v, 5, 0), bswap);
            b6 = _mm_shuffle_epi8(ctr_add(v, 6, 0), bswap);
            b7 = _mm_shuffle_epi8(ctr_add(v, 7, 0), bswap);
        }
        v = ctr_add(v, 8, inc32);
        ALL8(_mm_xor_si128, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = RK(ks, r);
            ALL8(_mm_aesenc_si128, k);
        }
        b0 = _mm_aesenclast_si128(b0, _mm_xor_si128(kl, LOADU(in)));
        b1 = _mm_aesenclast_si128(b1, _mm_xor_si128(kl, LOADU(in + 16)));
        b2 = _mm_aesenclast_si128(b2, _mm_xor_si128(kl, LOADU(in + 32)));
        b3 = _mm_aesenclast_si128(b3, _mm_xor_si128(kl, LOADU(in + 48)));
        b4 = _mm_aesenclast_si128(b4, _mm_xor_si128(kl, LOADU(in + 64)));
        b5 = _mm_aesenclast_si128(b5, _mm_xor_si128(kl, LOADU(in + 80)));
        b6 = _mm_aesenclast_si128(b6, _mm_xor_si128(kl, LOADU(in + 96)));
        b7 = _mm_aesenclast_si128(b7, _mm_xor_si128(kl, LOADU(in + 112)));
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        STOREU(out + 64, b4); STOREU(out + 80, b5); STOREU(out + 96, b6); STOREU(out + 112, b7);
    }
    if (nblocks >= 4) {
        __m128i b0 = _mm_shuffle_epi8(v, bswap);
        __m128i b1 = _mm_shuffle_epi8(ctr_add(v, 1, inc32), bswap);
        __m128i b2 = _mm_shuffle_epi8(ctr_add(v, 2, inc32), bswap);
        __m128i b3 = _mm_shuffle_epi8(ctr_add(v, 3, inc32), bswap);
        v = ctr_add(v, 4, inc32);
        ALL4(_mm_xor_si128, k0);
        for (unsigned r = 1; r < nr; r++) {
            const __m128i k = RK(ks, r);
            ALL4(_mm_aesenc_si128, k);
        }
        b0 = _mm_aesenclast_si128(b0, _mm_xor_si128(kl, LOADU(in)));
        b1 = _mm_aesenclast_si128(b1, _mm_xor_si128(kl, LOADU(in + 16)));
        b2 = _mm_aesenclast_si128(b2, _mm_xor_si128(kl, LOADU(in + 32)));
        b3 = _mm_aesenclast_si128(b3, _mm_xor_si128(kl, LOADU(in + 48)));
        STOREU(out, b0); STOREU(out + 16, b1); STOREU(out + 32, b2); STOREU(out + 48, b3);
        nblocks -= 4; in += 64; out += 64;
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i b = _mm_xor_si128(_mm_shuffle_epi8(v, bswap), k0);
        v = ctr_add(v, 1, inc32);
        for (unsigned r = 1; r < nr; r++)
            b = _mm_aesenc_si128(b, RK(ks, r));
        STOREU(out, _mm_aesenclast_si128(b, _mm_xor_si128(kl, LOADU(in))));
    }
    STOREU(ctr, _mm_shuffle_epi8(v, bswap));
}

#endif /* FIPS140_X86_64 */
