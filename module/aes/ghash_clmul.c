/* module/aes/ghash_clmul.c - GHASH with PCLMULQDQ (NIST SP 800-38D §6.3, §6.4), for CPUs with PCLMULQDQ and
 * SSSE3. Eight blocks are multiplied by H^8..H^1 and summed unreduced, then reduced once (aggregated reduction,
 * Gueron & Kounavis, "Intel Carry-Less Multiplication Instruction and its Usage for Computing the GCM Mode").
 * The CTR half of GCM uses aes_ctr32_xor (AES-NI or the constant-time AES), see gcm.c.
 *
 * Conventions (gcm_internal.h): blocks are byte-reversed (reflected form); the key powers are stored as
 * H^k * x^-1, so a carry-less product followed by ghash_reduce() is exactly the field product. */
#include "gcm_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define TGT_CLMUL __attribute__((target("pclmul,ssse3")))

static inline TGT_CLMUL __m128i bswap128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/* ghash_reduce - reduce the reflected 256-bit value hi*2^128 ^ mi*2^64 ^ lo modulo P. The low 64 bits of lo stand
 * for x^255..x^192; x^128 = x^7 + x^2 + x + 1 moves each bit k to 128+k (the qword swap) and to 127+k, 126+k,
 * 121+k (the product by 0xC2 << 56 placed at bit 64). Two such folds: lo into mi, then mi into hi. */
static inline TGT_CLMUL __m128i ghash_reduce(__m128i lo, __m128i mi, __m128i hi)
{
    const __m128i poly = _mm_set_epi64x((long long)0xC200000000000000ull, 0);
    mi = _mm_xor_si128(mi, _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4e), _mm_clmulepi64_si128(lo, poly, 0x10)));
    hi = _mm_xor_si128(hi, _mm_xor_si128(_mm_shuffle_epi32(mi, 0x4e), _mm_clmulepi64_si128(mi, poly, 0x10)));
    return hi;
}

/* mul_acc - accumulate the unreduced product a * h into lo, mi, hi (schoolbook: four multiplies). */
static inline TGT_CLMUL void mul_acc(__m128i a, __m128i h, __m128i *lo, __m128i *mi, __m128i *hi)
{
    *lo = _mm_xor_si128(*lo, _mm_clmulepi64_si128(a, h, 0x00));
    *hi = _mm_xor_si128(*hi, _mm_clmulepi64_si128(a, h, 0x11));
    *mi = _mm_xor_si128(*mi, _mm_xor_si128(_mm_clmulepi64_si128(a, h, 0x01), _mm_clmulepi64_si128(a, h, 0x10)));
}

static inline TGT_CLMUL __m128i gf_mul(__m128i a, __m128i h)
{
    __m128i lo = _mm_setzero_si128(), mi = lo, hi = lo;
    mul_acc(a, h, &lo, &mi, &hi);
    return ghash_reduce(lo, mi, hi);
}

TGT_CLMUL void ghash_clmul_init(gcm_state *st, const uint8_t h[16])
{
    /* H' = H * x^-1: in reflected form a left shift by one, adding x^-1 = x^127 + x^6 + x + 1
     * (0xC2000000000000000000000000000001) when the x^0 coefficient (bit 127) is set. Mask, no branch. */
    __m128i v = bswap128(_mm_loadu_si128((const __m128i *)(const void *)h));
    __m128i top = _mm_srai_epi32(_mm_shuffle_epi32(v, 0xff), 31);
    __m128i sh = _mm_or_si128(_mm_slli_epi64(v, 1), _mm_slli_si128(_mm_srli_epi64(v, 63), 8));
    __m128i hp = _mm_xor_si128(sh, _mm_and_si128(top, _mm_set_epi64x((long long)0xC200000000000000ull, 1)));

    /* gf_mul(A, B) = A * B * x (the carry-less product carries one extra factor x), so
     * gf_mul(H^k * x^-1, H * x^-1) = H^(k+1) * x^-1. */
    __m128i p = hp;
    for (int k = 1; k <= GCM_HPOW_MAX; k++) {
        _mm_store_si128((__m128i *)(void *)st->hpow[GCM_HPOW_MAX - k], p);
        p = gf_mul(p, hp);
    }
}

TGT_CLMUL void ghash_clmul(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    const __m128i *hp = (const __m128i *)(const void *)st->hpow;
    __m128i acc = bswap128(_mm_loadu_si128((const __m128i *)(const void *)y));

    /* §6.4 with aggregation: Y_{i+8} = (Y_i ^ X_1) H^8 ^ X_2 H^7 ^ ... ^ X_8 H. */
    while (nblocks >= 8) {
        __m128i lo = _mm_setzero_si128(), mi = lo, hi = lo;
        for (int i = 1; i < 8; i++) {
            __m128i a = bswap128(_mm_loadu_si128((const __m128i *)(const void *)(in + 16 * i)));
            mul_acc(a, _mm_load_si128(&hp[GCM_HPOW_MAX - 8 + i]), &lo, &mi, &hi);
        }
        /* The block that depends on the running value last: a short loop-carried dependency chain. */
        __m128i a = _mm_xor_si128(acc, bswap128(_mm_loadu_si128((const __m128i *)(const void *)in)));
        mul_acc(a, _mm_load_si128(&hp[GCM_HPOW_MAX - 8]), &lo, &mi, &hi);
        acc = ghash_reduce(lo, mi, hi);
        in += 128;
        nblocks -= 8;
    }
    if (nblocks > 0) {
        /* The last n < 8 blocks with H^n..H^1, one reduction. */
        size_t n = nblocks;
        __m128i lo = _mm_setzero_si128(), mi = lo, hi = lo;
        __m128i a = _mm_xor_si128(acc, bswap128(_mm_loadu_si128((const __m128i *)(const void *)in)));
        mul_acc(a, _mm_load_si128(&hp[GCM_HPOW_MAX - n]), &lo, &mi, &hi);
        for (size_t i = 1; i < n; i++) {
            a = bswap128(_mm_loadu_si128((const __m128i *)(const void *)(in + 16 * i)));
            mul_acc(a, _mm_load_si128(&hp[GCM_HPOW_MAX - n + i]), &lo, &mi, &hi);
        }
        acc = ghash_reduce(lo, mi, hi);
    }
    _mm_storeu_si128((__m128i *)(void *)y, bswap128(acc));
}

#else
/* Not x86-64: nothing to build here (ISO C wants at least one declaration). */
typedef int ghash_clmul_not_built;
#endif
