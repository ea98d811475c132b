/* module/aes/xts_vaes.c - XTS-AES whole blocks (SP 800-38E, IEEE Std 1619-2018 §5.3.1 / §5.4.1) with VAES on
 * 512-bit registers (AVX-512F): each zmm holds four blocks, eight zmm keep 32 blocks in flight. The tweaks
 * T_j .. T_(j+31) sit in eight zmm (lane i of z_q holds T_(j+4q+i)) and each zmm advances by alpha^32 per batch: a
 * 32-bit shift of each 128-bit lane, the 32 bits shifted out of bit 127 folding back multiplied by
 * x^7 + x^2 + x + 1 (§5.2), so no tweak waits on the previous one. The tweak is folded into the first and last round
 * keys as in xts_ni.c. A remainder of 4..31 blocks runs four at a time with the next tweak groups; fewer than four
 * go to xts_ni.c. Called only when cpu_has() reports VAES, AVX-512F, AVX2 and the AES-NI set. */
#include "xts_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define Z_TARGET __attribute__((target("aes,sse4.1,ssse3,avx,avx2,vaes,avx512f")))

#define ZLOAD(p) _mm512_loadu_si512((const void *)(p))
#define ZSTORE(p, v) _mm512_storeu_si512((void *)(p), (v))
#define ZKEY(k) _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)(const void *)(k)))
#define XOR3(a, b, c) _mm512_ternarylogic_epi64((a), (b), (c), 0x96)

/* mul_alpha_x - T * alpha on one lane (see xts_ni.c). */
static inline Z_TARGET __m128i mul_alpha_x(__m128i t)
{
    __m128i c = _mm_shuffle_epi32(_mm_srai_epi32(t, 31), _MM_SHUFFLE(1, 1, 3, 3));
    return _mm_xor_si128(_mm_slli_epi64(t, 1), _mm_and_si128(c, _mm_set_epi32(0, 1, 0, 0x87)));
}

/* MUL_ALPHA(name, k) - defines name(t): each 128-bit lane of t times alpha^k: shift left by k; the top k bits of
 * the low half move to the high half; the top k bits of the high half (h < 2^k) fold back as h * (x^7 + x^2 + x + 1),
 * which fits in the low half (k + 7 <= 64 bits) without a further carry. k is a literal (immediate shift counts). */
#define MUL_ALPHA(name, k)                                                                                     \
    static inline Z_TARGET __m512i name(__m512i t)                                                             \
    {                                                                                                          \
        const __m512i zero = _mm512_setzero_si512(), c = _mm512_srli_epi64(t, 64 - (k));                      \
        const __m512i h = _mm512_unpackhi_epi64(c, zero); /* [hi >> (64-k), 0] per lane */                     \
        const __m512i red = XOR3(h, _mm512_slli_epi64(h, 1),                                                   \
                                 _mm512_xor_si512(_mm512_slli_epi64(h, 2), _mm512_slli_epi64(h, 7)));          \
        return XOR3(_mm512_slli_epi64(t, (k)), _mm512_unpacklo_epi64(zero, c), red); /* [0, lo >> (64-k)] */   \
    }
MUL_ALPHA(mul_alpha4, 4)
MUL_ALPHA(mul_alpha32, 32)

/* One step over the eight tweak registers z0..z7 of xts_vaes_blocks: f(q, z_q). */
#define ALL8(f) do { f(0, z0); f(1, z1); f(2, z2); f(3, z3); f(4, z4); f(5, z5); f(6, z6); f(7, z7); } while (0)
#define LOADX(q, z) b[q] = XOR3(ZLOAD(in + 64 * (q)), z, k0)
#define LASTE(q, z) b[q] = _mm512_aesenclast_epi128(b[q], _mm512_xor_si512(kl, z))
#define LASTD(q, z) b[q] = _mm512_aesdeclast_epi128(b[q], _mm512_xor_si512(kl, z))
#define STORE_NEXT(q, z) do { ZSTORE(out + 64 * (q), b[q]); z = mul_alpha32(z); } while (0)

Z_TARGET void xts_vaes_blocks(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t tweak[16],
                              int enc)
{
    if (nblocks < 4) {
        xts_ni_blocks(ks, out, in, nblocks, tweak, enc);
        return;
    }
    const unsigned nr = ks->nr;
    const uint8_t(*rk)[16] = enc ? ks->rk_enc : ks->rk_dec;
    const __m512i k0 = ZKEY(rk[0]), kl = ZKEY(rk[nr]);

    /* z0 = (T_j, T_j+1, T_j+2, T_j+3); z_q = z_(q-1) * alpha^4. Named registers, no array: nothing spills. */
    __m128i t0 = _mm_loadu_si128((const __m128i *)(const void *)tweak), t1 = mul_alpha_x(t0);
    __m128i t2 = mul_alpha_x(t1), t3 = mul_alpha_x(t2);
    __m512i z0 = _mm512_inserti32x4(_mm512_inserti32x4(_mm512_inserti32x4(_mm512_castsi128_si512(t0), t1, 1), t2, 2),
                                    t3, 3);
    __m512i z1 = mul_alpha4(z0), z2 = mul_alpha4(z1), z3 = mul_alpha4(z2), z4 = mul_alpha4(z3);
    __m512i z5 = mul_alpha4(z4), z6 = mul_alpha4(z5), z7 = mul_alpha4(z6);

    for (; nblocks >= 32; nblocks -= 32, in += 512, out += 512) {
        __m512i b[8];
        ALL8(LOADX);
        if (enc) {
            for (unsigned r = 1; r < nr; r++) {
                const __m512i k = ZKEY(rk[r]);
                for (int q = 0; q < 8; q++)
                    b[q] = _mm512_aesenc_epi128(b[q], k);
            }
            ALL8(LASTE);
        } else {
            for (unsigned r = 1; r < nr; r++) {
                const __m512i k = ZKEY(rk[r]);
                for (int q = 0; q < 8; q++)
                    b[q] = _mm512_aesdec_epi128(b[q], k);
            }
            ALL8(LASTD);
        }
        ALL8(STORE_NEXT);
    }
    /* 4..31 blocks left: four at a time with the next tweak group z0, then z1 moves down, and so on. */
    for (; nblocks >= 4; nblocks -= 4, in += 64, out += 64) {
        __m512i b = XOR3(ZLOAD(in), z0, k0);
        if (enc) {
            for (unsigned r = 1; r < nr; r++)
                b = _mm512_aesenc_epi128(b, ZKEY(rk[r]));
            b = _mm512_aesenclast_epi128(b, _mm512_xor_si512(kl, z0));
        } else {
            for (unsigned r = 1; r < nr; r++)
                b = _mm512_aesdec_epi128(b, ZKEY(rk[r]));
            b = _mm512_aesdeclast_epi128(b, _mm512_xor_si512(kl, z0));
        }
        ZSTORE(out, b);
        z0 = z1; z1 = z2; z2 = z3; z3 = z4; z4 = z5; z5 = z6; z6 = z7;
    }
    _mm_storeu_si128((__m128i *)(void *)tweak, _mm512_castsi512_si128(z0));
    _mm256_zeroall(); /* no tweak or data left in zmm0-15 (the tweaks may sit in zmm16-31) */
    if (nblocks > 0)
        xts_ni_blocks(ks, out, in, nblocks, tweak, enc);
}
#endif
