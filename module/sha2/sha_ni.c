/* module/sha2/sha_ni.c - SHA-1 and SHA-256 compression with the Intel SHA extensions (SHA-NI), FIPS 180-4
 * (August 2015) §6.1.2 and §6.2.2.
 *
 * sha1rnds4 / sha256rnds2 perform 4 / 2 rounds of step 3; sha1msg1+msg2 and sha256msg1+msg2 compute the message
 * schedule of step 1 four words at a time; sha1nexte adds ROTL^30(a) of four rounds earlier into the next
 * E input. The instruction ordering follows Intel's reference ("Intel SHA Extensions", 2013). Only called
 * after cpu_has(FIPS140_SHA_NI_MASK); compiled with function target attributes. Constant time: the
 * instructions have fixed latency and there are no data-dependent branches or addresses. */
#include "sha2_impl.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* One group of four SHA-1 rounds, number i (0..19), in Intel's schedule: E input (e[i&1]) gets W_{4i..4i+3}
 * via sha1nexte, the other E register saves a for four rounds later, the schedule for group i+1 is finished
 * (msg2), rounds run with f/K number i/5, and the schedules of groups i+3 and i+2 are started (msg1, xor).
 * i is a compile-time constant in every expansion, so every branch below folds away. */
#define SHA1_GROUP(i)                                                           \
    do {                                                                        \
        if ((i) < 4)                                                            \
            m[(i) & 3] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * (i))), bswap); \
        if ((i) == 0)                                                           \
            e[0] = _mm_add_epi32(e[0], m[0]);                                   \
        else                                                                    \
            e[(i) & 1] = _mm_sha1nexte_epu32(e[(i) & 1], m[(i) & 3]);           \
        e[((i) + 1) & 1] = abcd;                                                \
        if ((i) >= 3 && (i) <= 18)                                              \
            m[((i) + 1) & 3] = _mm_sha1msg2_epu32(m[((i) + 1) & 3], m[(i) & 3]); \
        abcd = _mm_sha1rnds4_epu32(abcd, e[(i) & 1], (i) / 5);                  \
        if ((i) >= 1 && (i) <= 16)                                              \
            m[((i) + 3) & 3] = _mm_sha1msg1_epu32(m[((i) + 3) & 3], m[(i) & 3]); \
        if ((i) >= 2 && (i) <= 17)                                              \
            m[((i) + 2) & 3] = _mm_xor_si128(m[((i) + 2) & 3], m[(i) & 3]);     \
    } while (0)

/* fips140_sha1_blocks_shani - §6.1.2 for each 64-byte block. abcd holds (a,b,c,d) with a in the top lane,
 * e its own register in the top lane. */
SHANI_TARGET void fips140_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0001020304050607ll, 0x08090a0b0c0d0e0fll);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1b);
    __m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

    while (nblocks--) {
        __m128i m[4], e[2];
        const __m128i abcd_save = abcd, e_save = e0;
        e[0] = e0;
        e[1] = _mm_setzero_si128();
        SHA1_GROUP(0); SHA1_GROUP(1); SHA1_GROUP(2); SHA1_GROUP(3); SHA1_GROUP(4);
        SHA1_GROUP(5); SHA1_GROUP(6); SHA1_GROUP(7); SHA1_GROUP(8); SHA1_GROUP(9);
        SHA1_GROUP(10); SHA1_GROUP(11); SHA1_GROUP(12); SHA1_GROUP(13); SHA1_GROUP(14);
        SHA1_GROUP(15); SHA1_GROUP(16); SHA1_GROUP(17); SHA1_GROUP(18); SHA1_GROUP(19);
        /* step 4: e[0] holds a from before the last four rounds; nexte rotates it into e and adds. */
        e0 = _mm_sha1nexte_epu32(e[0], e_save);
        abcd = _mm_add_epi32(abcd, abcd_save);
        p += 64;
    }
    _mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1b));
    h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

/* One group of four SHA-256 rounds, number i (0..15): W+K for rounds 4i..4i+3, two sha256rnds2, the schedule
 * for group i+1 finished (alignr + add + msg2) and that of group i+3 started (msg1). */
#define SHA256_GROUP(i)                                                          \
    do {                                                                         \
        __m128i wk_;                                                             \
        if ((i) < 4)                                                             \
            m[(i) & 3] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * (i))), bswap); \
        wk_ = _mm_add_epi32(m[(i) & 3], _mm_load_si128((const __m128i *)(fips140_sha256_k + 4 * (i)))); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_);                          \
        if ((i) >= 3 && (i) <= 14) {                                            \
            __m128i t_ = _mm_alignr_epi8(m[(i) & 3], m[((i) + 3) & 3], 4);        \
            m[((i) + 1) & 3] = _mm_add_epi32(m[((i) + 1) & 3], t_);              \
            m[((i) + 1) & 3] = _mm_sha256msg2_epu32(m[((i) + 1) & 3], m[(i) & 3]); \
        }                                                                        \
        wk_ = _mm_shuffle_epi32(wk_, 0x0e);                                      \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_);                          \
        if ((i) >= 1 && (i) <= 12)                                              \
            m[((i) + 3) & 3] = _mm_sha256msg1_epu32(m[((i) + 3) & 3], m[(i) & 3]); \
    } while (0)

/* fips140_sha256_blocks_shani - §6.2.2 for each 64-byte block. The state is kept as (a,b,e,f) and (c,d,g,h),
 * the layout sha256rnds2 expects. */
SHANI_TARGET void fips140_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0xb1);      /* c d a b */
    __m128i cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(h + 4)), 0x1b); /* e f g h */
    __m128i abef = _mm_alignr_epi8(t, cdgh, 8);                                    /* a b e f */
    cdgh = _mm_blend_epi16(cdgh, t, 0xf0);                                         /* c d g h */

    while (nblocks--) {
        __m128i m[4];
        const __m128i abef_save = abef, cdgh_save = cdgh;
        SHA256_GROUP(0); SHA256_GROUP(1); SHA256_GROUP(2); SHA256_GROUP(3);
        SHA256_GROUP(4); SHA256_GROUP(5); SHA256_GROUP(6); SHA256_GROUP(7);
        SHA256_GROUP(8); SHA256_GROUP(9); SHA256_GROUP(10); SHA256_GROUP(11);
        SHA256_GROUP(12); SHA256_GROUP(13); SHA256_GROUP(14); SHA256_GROUP(15);
        /* step 4 */
        abef = _mm_add_epi32(abef, abef_save);
        cdgh = _mm_add_epi32(cdgh, cdgh_save);
        p += 64;
    }
    t = _mm_shuffle_epi32(abef, 0x1b);                                /* f e b a */
    cdgh = _mm_shuffle_epi32(cdgh, 0xb1);                             /* d c h g */
    _mm_storeu_si128((__m128i *)h, _mm_blend_epi16(t, cdgh, 0xf0));   /* d c b a */
    _mm_storeu_si128((__m128i *)(h + 4), _mm_alignr_epi8(cdgh, t, 8)); /* h g f e */
}

#endif
