/* module/aes/xts_ni.c - XTS-AES whole blocks (SP 800-38E, IEEE Std 1619-2018 §5.3.1 / §5.4.1) with AES-NI: eight
 * blocks in flight, their tweaks T_j .. T_(j+7) computed by repeated multiplication by alpha (§5.2) in xmm
 * registers with a branch-free carry (arithmetic shift, shuffle, mask). The tweak is folded into the first and last
 * round keys: AESENCLAST(x, k ^ T) = AESENCLAST(x, k) ^ T. Only called when cpu_has() reports the AES-NI set. */
#include "xts_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define NI_TARGET __attribute__((target("aes,sse4.1,ssse3")))

/* mul_alpha - T * alpha on one 128-bit lane (little-endian bytes): shift each 64-bit half left by one; bit 63 moves
 * to bit 64 and bit 127 folds back as 0x87 (x^7 + x^2 + x + 1). */
static inline NI_TARGET __m128i mul_alpha(__m128i t)
{
    const __m128i poly = _mm_set_epi32(0, 1, 0, 0x87);
    __m128i c = _mm_srai_epi32(t, 31);                      /* sign of each dword */
    c = _mm_shuffle_epi32(c, _MM_SHUFFLE(1, 1, 3, 3));      /* dword0 <- sign of bit 127, dword2 <- bit 63 */
    return _mm_xor_si128(_mm_slli_epi64(t, 1), _mm_and_si128(c, poly));
}

#define LOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STOREU(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))

NI_TARGET void xts_ni_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t tweak[16],
                             int enc)
{
    const unsigned nr = ks->nr;
    const uint8_t(*rk)[16] = enc ? ks->rk_enc : ks->rk_dec;
    const __m128i k0 = LOADU(rk[0]), kl = LOADU(rk[nr]);
    __m128i t = LOADU(tweak);

    /* The eight tweaks of a batch live in tw[] (16 xmm registers cannot hold them next to eight blocks, and
     * spilled copies would be left on the stack): it is wiped before returning, when a batch used it (the length is
     * public; short data units skip the 128-byte wipe). */
    _Alignas(16) uint8_t tw[8][16];
    const int batched = nblocks >= 8;
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        __m128i b[8];
        for (int i = 0; i < 8; i++) {
            _mm_store_si128((__m128i *)(void *)tw[i], t);
            b[i] = _mm_xor_si128(LOADU(in + 16 * i), _mm_xor_si128(t, k0));
            t = mul_alpha(t);
        }
        if (enc) {
            for (unsigned r = 1; r < nr; r++) {
                const __m128i k = LOADU(rk[r]);
                for (int i = 0; i < 8; i++)
                    b[i] = _mm_aesenc_si128(b[i], k);
            }
            for (int i = 0; i < 8; i++)
                STOREU(out + 16 * i, _mm_aesenclast_si128(b[i], _mm_xor_si128(kl, LOADU(tw[i]))));
        } else {
            for (unsigned r = 1; r < nr; r++) {
                const __m128i k = LOADU(rk[r]);
                for (int i = 0; i < 8; i++)
                    b[i] = _mm_aesdec_si128(b[i], k);
            }
            for (int i = 0; i < 8; i++)
                STOREU(out + 16 * i, _mm_aesdeclast_si128(b[i], _mm_xor_si128(kl, LOADU(tw[i]))));
        }
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i b = _mm_xor_si128(LOADU(in), _mm_xor_si128(t, k0));
        if (enc) {
            for (unsigned r = 1; r < nr; r++)
                b = _mm_aesenc_si128(b, LOADU(rk[r]));
            b = _mm_aesenclast_si128(b, _mm_xor_si128(kl, t));
        } else {
            for (unsigned r = 1; r < nr; r++)
                b = _mm_aesdec_si128(b, LOADU(rk[r]));
            b = _mm_aesdeclast_si128(b, _mm_xor_si128(kl, t));
        }
        STOREU(out, b);
        t = mul_alpha(t);
    }
    STOREU(tweak, t);
    if (batched)
        fips140_wipe(tw, sizeof tw);
}
#endif
