/* module/sha2/sha512_avx2.c - SHA-512 compression, FIPS 180-4 (August 2015) §6.4.2, for two blocks at a time:
 * the message schedule (step 1) of both blocks in AVX2 registers, the rounds (step 3) in scalar code with
 * BMI2 rorx (non-destructive rotates) and BMI1 andn.
 *
 * A ymm register holds schedule words (W_j, W_{j+1}) of block A in its low 128-bit lane and the same two words
 * of block B in its high lane: σ0 and σ1 of two consecutive words are independent, so one vector step makes
 * two words of both blocks. W_t + K_t goes to the stack. The rounds of block A run interleaved with the vector
 * steps (two rounds per step, 16 words ahead of their use), so the vector and scalar ports work in parallel;
 * block B then runs its rounds from the stored schedule. An odd last block is scheduled in both lanes and only
 * lane A is used.
 *
 * Measured on the development machine (2-vCPU Xeon VM, Emerald Rapids; gcc 12 -O3; 16 KiB; best-of-3000 TSC
 * cycles/byte): portable 5.0, this 3.46, OpenSSL 3.0's AVX2 assembly 3.32; the portable structure with BMI2
 * rorx only 3.75; the same AVX2 schedule computed before the rounds (not interleaved) 4.5, interleaved but
 * with the schedule registers spilled (step loop not unrolled by 8) 3.8. Average throughput with the other
 * vCPU busy: 0.9-1.0x OpenSSL.
 *
 * Only called after cpu_has(FIPS140_SHA512_AVX2_MASK). Constant time: no data-dependent branches or
 * addresses. */
#include "sha2_impl.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx,avx2,bmi,bmi2")))
#define AVX2_INLINE static AVX2_TARGET inline __attribute__((always_inline))

/* §4.1.3 σ0 and σ1 on four 64-bit lanes (AVX2 has no 64-bit rotate: two shifts and an or). */
#define VROR(x, n) _mm256_or_si256(_mm256_srli_epi64((x), (n)), _mm256_slli_epi64((x), 64 - (n)))
#define VSSIG0(x) _mm256_xor_si256(_mm256_xor_si256(VROR((x), 1), VROR((x), 8)), _mm256_srli_epi64((x), 7))
#define VSSIG1(x) _mm256_xor_si256(_mm256_xor_si256(VROR((x), 19), VROR((x), 61)), _mm256_srli_epi64((x), 6))

/* load2 - message words W_{2j}, W_{2j+1} (big endian, §3.1 item 2) of blocks a and b. */
AVX2_INLINE __m256i load2(const uint8_t *a, const uint8_t *b, int j)
{
    const __m256i bswap = _mm256_set_epi64x(0x08090a0b0c0d0e0fll, 0x0001020304050607ll,
                                            0x08090a0b0c0d0e0fll, 0x0001020304050607ll);
    __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(a + 16 * j))),
                                        _mm_loadu_si128((const __m128i *)(b + 16 * j)), 1);
    return _mm256_shuffle_epi8(v, bswap);
}

/* step2 - §6.4.2 step 1 for t = 2j, 2j+1 (8 <= j < 40): W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}.
 * x[j & 7] holds W_{2j-16}, W_{2j-15}; W_{2j-15..2j-14} and W_{2j-7..2j-6} straddle two registers (alignr). */
AVX2_INLINE __m256i step2(const __m256i x[8], int j)
{
    __m256i w16 = x[j & 7];
    __m256i w15 = _mm256_alignr_epi8(x[(j + 1) & 7], x[j & 7], 8);
    __m256i w7 = _mm256_alignr_epi8(x[(j + 5) & 7], x[(j + 4) & 7], 8);
    __m256i w2 = x[(j + 7) & 7];
    return _mm256_add_epi64(_mm256_add_epi64(w16, VSSIG0(w15)), _mm256_add_epi64(w7, VSSIG1(w2)));
}

/* store2 - W_t + K_t for t = 2j, 2j+1 into wka (lane A) and wkb (lane B). */
AVX2_INLINE void store2(uint64_t *wka, uint64_t *wkb, __m256i v, int j)
{
    __m256i k = _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)(fips140_sha512_k + 2 * j)));
    __m256i wk = _mm256_add_epi64(v, k);
    _mm_store_si128((__m128i *)(wka + 2 * j), _mm256_castsi256_si128(wk));
    _mm_store_si128((__m128i *)(wkb + 2 * j), _mm256_extracti128_si256(wk, 1));
}

static inline uint64_t ror64(uint64_t x, unsigned n) { return (x >> n) | (x << (64u - n)); }
#define BSIG0(x) (ror64((x), 28) ^ ror64((x), 34) ^ ror64((x), 39))
#define BSIG1(x) (ror64((x), 14) ^ ror64((x), 18) ^ ror64((x), 41))

/* §6.4.2 step 3, one round with renamed variables and W_t + K_t precomputed:
 *   T1 = h + Σ1(e) + Ch(e,f,g) + K_t + W_t,  T2 = Σ0(a) + Maj(a,b,c),  d += T1,  h = T1 + T2.
 * Ch(e,f,g) = (e & f) ^ (~e & g) (andn). Maj(a,b,c) = ((a ^ b) & (b ^ c)) ^ b, where b ^ c is the previous
 * round's a ^ b, kept in bc: three operations. Fewer micro-ops per round mattered more than a shorter
 * dependency chain when the sibling hyper-thread is busy (measured: within 5% of the latency-optimised form
 * alone, 10-15% faster under load). */
#define ROUND(a, b, c, d, e, f, g, h, wk)                         \
    do {                                                          \
        uint64_t t1_ = (h) + (wk);                                \
        t1_ += ((e) & (f)) ^ (~(e) & (g));                        \
        t1_ += BSIG1(e);                                          \
        (d) += t1_;                                               \
        uint64_t ab_ = (a) ^ (b);                                 \
        (h) = t1_ + BSIG0(a) + ((ab_ & bc) ^ (b));                \
        bc = ab_;                                                 \
    } while (0)

#define ROUND8(wk)                                   \
    ROUND(a, b, c, d, e, f, g, h, (wk)[0]);          \
    ROUND(h, a, b, c, d, e, f, g, (wk)[1]);          \
    ROUND(g, h, a, b, c, d, e, f, (wk)[2]);          \
    ROUND(f, g, h, a, b, c, d, e, (wk)[3]);          \
    ROUND(e, f, g, h, a, b, c, d, (wk)[4]);          \
    ROUND(d, e, f, g, h, a, b, c, (wk)[5]);          \
    ROUND(c, d, e, f, g, h, a, b, (wk)[6]);          \
    ROUND(b, c, d, e, f, g, h, a, (wk)[7])

/* One vector schedule step j, stored, and x[j & 7] replaced. */
#define STEP(jj)                                   \
    do {                                           \
        __m256i v_ = step2(x, (jj));               \
        x[(jj) & 7] = v_;                          \
        store2(wk[0], wk[1], v_, (jj));            \
    } while (0)

/* fips140_sha512_blocks_avx2 - §6.4.2 for each 128-byte block. */
AVX2_TARGET void fips140_sha512_blocks_avx2(uint64_t hs[8], const uint8_t *p, size_t nblocks)
{
    _Alignas(32) uint64_t wk[2][80];
    uint64_t a, b, c, d, e, f, g, h, bc;

    while (nblocks != 0) {
        const uint8_t *q = nblocks >= 2 ? p + 128 : p;
        __m256i x[8];
        /* step 1, t = 0..15: the message words */
        for (int j = 0; j < 8; j++) {
            x[j] = load2(p, q, j);
            store2(wk[0], wk[1], x[j], j);
        }
        /* step 2 (block A) */
        a = hs[0]; b = hs[1]; c = hs[2]; d = hs[3]; e = hs[4]; f = hs[5]; g = hs[6]; h = hs[7];
        bc = b ^ c;
        /* steps 1 and 3 interleaved: words 16..79 of both blocks while block A runs rounds 0..63 */
        for (int j = 8; j < 40; j += 8) {
            const uint64_t *w = wk[0] + 2 * j - 16;
            STEP(j);     ROUND(a, b, c, d, e, f, g, h, w[0]);  ROUND(h, a, b, c, d, e, f, g, w[1]);
            STEP(j + 1); ROUND(g, h, a, b, c, d, e, f, w[2]);  ROUND(f, g, h, a, b, c, d, e, w[3]);
            STEP(j + 2); ROUND(e, f, g, h, a, b, c, d, w[4]);  ROUND(d, e, f, g, h, a, b, c, w[5]);
            STEP(j + 3); ROUND(c, d, e, f, g, h, a, b, w[6]);  ROUND(b, c, d, e, f, g, h, a, w[7]);
            STEP(j + 4); ROUND(a, b, c, d, e, f, g, h, w[8]);  ROUND(h, a, b, c, d, e, f, g, w[9]);
            STEP(j + 5); ROUND(g, h, a, b, c, d, e, f, w[10]); ROUND(f, g, h, a, b, c, d, e, w[11]);
            STEP(j + 6); ROUND(e, f, g, h, a, b, c, d, w[12]); ROUND(d, e, f, g, h, a, b, c, w[13]);
            STEP(j + 7); ROUND(c, d, e, f, g, h, a, b, w[14]); ROUND(b, c, d, e, f, g, h, a, w[15]);
        }
        ROUND8(wk[0] + 64);
        ROUND8(wk[0] + 72);
        /* step 4 (block A) */
        hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d; hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
        if (nblocks < 2)
            break;
        /* steps 2-4 (block B) from the stored schedule */
        a = hs[0]; b = hs[1]; c = hs[2]; d = hs[3]; e = hs[4]; f = hs[5]; g = hs[6]; h = hs[7];
        bc = b ^ c;
        for (int t = 0; t < 80; t += 16) {
            ROUND8(wk[1] + t);
            ROUND8(wk[1] + t + 8);
        }
        hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d; hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
        p += 256;
        nblocks -= 2;
    }
    _mm256_zeroupper();
    /* The schedule is derived from the message, which may be secret (HMAC keys). */
    fips140_wipe(wk, sizeof wk);
}

#endif
