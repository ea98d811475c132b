/* module/sha2/sha512_avx2.c - SHA-512 compression, FIPS 180-4 (August 2015) §6.4.2, with the message schedule
 * (step 1) of two blocks computed at once in AVX2 registers and the rounds (step 3) in scalar code with BMI2
 * rorx (non-destructive rotates).
 *
 * A ymm register holds schedule words (W_t, W_{t+1}) of block A in its low 128-bit lane and the same words of
 * block B in its high lane; σ0/σ1 of two consecutive words are independent, so each step produces two words of
 * both blocks. W_t + K_t is stored to the stack for the rounds. An odd final block is scheduled in both lanes
 * and only lane A is used. Only called after cpu_has(FIPS140_SHA512_AVX2_MASK). Constant time. */
#include "sha2_impl.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx,avx2,bmi2")))

/* 64-bit lane rotate right, σ0 and σ1 (§4.1.3) on four lanes. */
#define VROR(x, n) _mm256_or_si256(_mm256_srli_epi64((x), (n)), _mm256_slli_epi64((x), 64 - (n)))
#define VSSIG0(x) _mm256_xor_si256(_mm256_xor_si256(VROR((x), 1), VROR((x), 8)), _mm256_srli_epi64((x), 7))
#define VSSIG1(x) _mm256_xor_si256(_mm256_xor_si256(VROR((x), 19), VROR((x), 61)), _mm256_srli_epi64((x), 6))

/* schedule2 - §6.4.2 step 1 for blocks a and b, writing W_t + K_t to wka[t] and wkb[t], 0 <= t <= 79. */
static AVX2_TARGET inline __attribute__((always_inline)) void schedule2(uint64_t wka[80], uint64_t wkb[80],
                                                                       const uint8_t *a, const uint8_t *b)
{
    const __m256i bswap = _mm256_set_epi64x(0x08090a0b0c0d0e0fll, 0x0001020304050607ll,
                                            0x08090a0b0c0d0e0fll, 0x0001020304050607ll);
    __m256i x[8];
    for (int j = 0; j < 8; j++) {
        __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(a + 16 * j))),
                                            _mm_loadu_si128((const __m128i *)(b + 16 * j)), 1);
        x[j] = _mm256_shuffle_epi8(v, bswap);
        __m256i wk = _mm256_add_epi64(x[j], _mm256_broadcastsi128_si256(
                                                 _mm_load_si128((const __m128i *)(fips140_sha512_k + 2 * j))));
        _mm_storeu_si128((__m128i *)(wka + 2 * j), _mm256_castsi256_si128(wk));
        _mm_storeu_si128((__m128i *)(wkb + 2 * j), _mm256_extracti128_si256(wk, 1));
    }
    for (int j = 8; j < 40; j++) {
        /* x[j & 7] holds W_{2j-16}, W_{2j-15}; W_{2j-15..2j-14} and W_{2j-7..2j-6} straddle two registers. */
        __m256i w16 = x[j & 7];
        __m256i w15 = _mm256_alignr_epi8(x[(j + 1) & 7], x[j & 7], 8);
        __m256i w7 = _mm256_alignr_epi8(x[(j + 5) & 7], x[(j + 4) & 7], 8);
        __m256i w2 = x[(j + 7) & 7];
        __m256i v = _mm256_add_epi64(_mm256_add_epi64(w16, VSSIG0(w15)), _mm256_add_epi64(w7, VSSIG1(w2)));
        x[j & 7] = v;
        __m256i wk = _mm256_add_epi64(v, _mm256_broadcastsi128_si256(
                                             _mm_load_si128((const __m128i *)(fips140_sha512_k + 2 * j))));
        _mm_storeu_si128((__m128i *)(wka + 2 * j), _mm256_castsi256_si128(wk));
        _mm_storeu_si128((__m128i *)(wkb + 2 * j), _mm256_extracti128_si256(wk, 1));
    }
}

static inline uint64_t ror64(uint64_t x, unsigned n) { return (x >> n) | (x << (64u - n)); }

#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | (((x) | (y)) & (z)))
#define BSIG0(x) (ror64((x), 28) ^ ror64((x), 34) ^ ror64((x), 39))
#define BSIG1(x) (ror64((x), 14) ^ ror64((x), 18) ^ ror64((x), 41))

/* §6.4.2 step 3, one round, W_t + K_t precomputed. */
#define ROUND(a, b, c, d, e, f, g, h, wk)                       \
    do {                                                        \
        uint64_t t1_ = (h) + BSIG1(e) + CH((e), (f), (g)) + (wk); \
        (d) += t1_;                                             \
        (h) = t1_ + BSIG0(a) + MAJ((a), (b), (c));              \
    } while (0)

/* rounds - §6.4.2 steps 2-4 with the schedule already in wk. */
static AVX2_TARGET inline __attribute__((always_inline)) void rounds(uint64_t hs[8], const uint64_t wk[80])
{
    uint64_t a = hs[0], b = hs[1], c = hs[2], d = hs[3], e = hs[4], f = hs[5], g = hs[6], h = hs[7];
    for (int t = 0; t < 80; t += 8) {
        ROUND(a, b, c, d, e, f, g, h, wk[t + 0]);
        ROUND(h, a, b, c, d, e, f, g, wk[t + 1]);
        ROUND(g, h, a, b, c, d, e, f, wk[t + 2]);
        ROUND(f, g, h, a, b, c, d, e, wk[t + 3]);
        ROUND(e, f, g, h, a, b, c, d, wk[t + 4]);
        ROUND(d, e, f, g, h, a, b, c, wk[t + 5]);
        ROUND(c, d, e, f, g, h, a, b, wk[t + 6]);
        ROUND(b, c, d, e, f, g, h, a, wk[t + 7]);
    }
    hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d; hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
}

/* fips140_sha512_blocks_avx2 - §6.4.2 for each 128-byte block, two blocks per schedule pass. */
AVX2_TARGET void fips140_sha512_blocks_avx2(uint64_t h[8], const uint8_t *p, size_t nblocks)
{
    _Alignas(32) uint64_t wk[2][80];

    while (nblocks >= 2) {
        schedule2(wk[0], wk[1], p, p + 128);
        rounds(h, wk[0]);
        rounds(h, wk[1]);
        p += 256;
        nblocks -= 2;
    }
    if (nblocks) {
        schedule2(wk[0], wk[1], p, p);
        rounds(h, wk[0]);
    }
    _mm256_zeroupper();
    fips140_wipe(wk, sizeof wk);
}

#endif
