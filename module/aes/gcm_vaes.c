/* module/aes/gcm_vaes.c - AES-GCM (NIST SP 800-38D §6.4 GHASH, §6.5 GCTR) with VAES and VPCLMULQDQ on 256-bit
 * ymm registers: AVX2 only, no AVX-512 (no zmm, no ymm16-31, no mask registers), so it also runs on AVX2-only
 * VAES CPUs (Zen 3, Alder Lake E-cores) and avoids the AVX-512 licence on Intel server parts.
 *
 * Each ymm holds two blocks. The bulk loops are stitched: the AES rounds of a group of counter blocks are
 * interleaved with the GHASH of a group of ciphertext blocks, which for encryption is the previous group's output
 * (only known after its last AES round) and for decryption this group's input. Groups are 16 blocks (8 ymm in
 * flight, enough independent VAES work to cover its latency; GHASH with the key-power pairs [H^16,H^15] ..
 * [H^2,H^1]) for long messages, 8 blocks (4 ymm) below GCM_VAES_WIDE_MIN and for the rest; then a tail of 1..7
 * blocks. GHASH multiplies 2 blocks per VPCLMULQDQ (schoolbook: 4 carry-less multiplies per pair), accumulates
 * unreduced, reduces both lanes and adds them once per group (aggregated reduction).
 *
 * Conventions (gcm_internal.h): blocks are byte-reversed per 128-bit lane for GHASH (reflected form) and the key
 * powers are stored as H^k * x^-1. Counters: see CTR_CONSTANTS. Everything secret (round keys, keystream) is
 * wiped from the stack and from the vector registers (vzeroall) before returning. */
#include <string.h>
#include "gcm_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

/* GCM_VAES_WIDE_MIN - messages of at least this many blocks use the 16-block loop. */
#ifndef GCM_VAES_WIDE_MIN
#define GCM_VAES_WIDE_MIN 32
#endif

#define TGT_VAES __attribute__((target("avx2,vaes,vpclmulqdq,aes,pclmul")))

/* ---- GHASH pieces */

static inline TGT_VAES __m256i bswap_lanes(__m256i x)
{
    const __m256i m = _mm256_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    return _mm256_shuffle_epi8(x, m);
}

static inline TGT_VAES __m128i bswap_128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/* mul_acc - lo/mi/hi += the unreduced products of both lanes of a by the matching lanes of h. */
static inline TGT_VAES void mul_acc(__m256i a, __m256i h, __m256i *lo, __m256i *mi, __m256i *hi)
{
    *lo = _mm256_xor_si256(*lo, _mm256_clmulepi64_epi128(a, h, 0x00));
    *hi = _mm256_xor_si256(*hi, _mm256_clmulepi64_epi128(a, h, 0x11));
    *mi = _mm256_xor_si256(*mi, _mm256_xor_si256(_mm256_clmulepi64_epi128(a, h, 0x01),
                                                 _mm256_clmulepi64_epi128(a, h, 0x10)));
}

static inline TGT_VAES __m128i fold_lanes(__m256i v)
{
    return _mm_xor_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
}

static inline TGT_VAES __m256i loadu256(const uint8_t *p)
{
    return _mm256_loadu_si256((const __m256i *)(const void *)p);
}
static inline TGT_VAES void storeu256(uint8_t *p, __m256i v) { _mm256_storeu_si256((__m256i *)(void *)p, v); }
static inline TGT_VAES __m128i loadu128(const uint8_t *p) { return _mm_loadu_si128((const __m128i *)(const void *)p); }
static inline TGT_VAES void storeu128(uint8_t *p, __m128i v) { _mm_storeu_si128((__m128i *)(void *)p, v); }

/* GHASH_BARRIER - an empty asm that makes the compiler materialise the running sums here: without it GCC
 * reassociates the 13 XORs of a group into a tree that keeps every product live at once and spills them. */
#define GHASH_BARRIER() __asm__("" : "+x"(lo), "+x"(mi), "+x"(hi))

/* GHASH_FIRST / GHASH_NEXT - start / continue the unreduced sum lo, mi, hi with a (2 blocks) times h. */
#define GHASH_FIRST(a, h)                                                                              \
    do {                                                                                               \
        const __m256i a_ = (a), h_ = (h);                                                              \
        lo = _mm256_clmulepi64_epi128(a_, h_, 0x00);                                                   \
        hi = _mm256_clmulepi64_epi128(a_, h_, 0x11);                                                   \
        mi = _mm256_xor_si256(_mm256_clmulepi64_epi128(a_, h_, 0x01), _mm256_clmulepi64_epi128(a_, h_, 0x10)); \
        GHASH_BARRIER();                                                                               \
    } while (0)
#define GHASH_NEXT(a, h)                                                                               \
    do {                                                                                               \
        const __m256i a_ = (a), h_ = (h);                                                              \
        lo = _mm256_xor_si256(lo, _mm256_clmulepi64_epi128(a_, h_, 0x00));                             \
        hi = _mm256_xor_si256(hi, _mm256_clmulepi64_epi128(a_, h_, 0x11));                             \
        mi = _mm256_xor_si256(mi, _mm256_clmulepi64_epi128(a_, h_, 0x01));                             \
        mi = _mm256_xor_si256(mi, _mm256_clmulepi64_epi128(a_, h_, 0x10));                             \
        GHASH_BARRIER();                                                                               \
    } while (0)

/* reduce_fold - reduce the reflected 256-bit values hi*2^128 ^ mi*2^64 ^ lo of both lanes modulo P, then add the
 * lanes (the reduction is linear). The low 64 bits of lo stand for x^255..x^192; x^128 = x^7 + x^2 + x + 1 moves
 * bit k to 128+k (the qword swap) and to 127+k, 126+k, 121+k (the product by 0xC2 << 56 placed at bit 64).
 * Two such folds: lo into mi, then mi into hi. */
static inline TGT_VAES __m128i reduce_fold(__m256i lo, __m256i mi, __m256i hi)
{
    const __m256i poly = _mm256_set1_epi64x((long long)0xC200000000000000ull);
    mi = _mm256_xor_si256(mi, _mm256_shuffle_epi32(lo, 0x4e));
    mi = _mm256_xor_si256(mi, _mm256_clmulepi64_epi128(lo, poly, 0x00));
    hi = _mm256_xor_si256(hi, _mm256_shuffle_epi32(mi, 0x4e));
    hi = _mm256_xor_si256(hi, _mm256_clmulepi64_epi128(mi, poly, 0x00));
    return fold_lanes(hi);
}

/* ghash8 - acc = GHASH over 8 blocks at p (one aggregated reduction). */
static inline TGT_VAES __m128i ghash8(const gcm_state *st, __m128i acc, const uint8_t *p)
{
    __m256i lo, mi, hi;
    const uint8_t *hp = st->hpow[GCM_HPOW_MAX - 8];
    /* The pair that depends on the running value goes last: the loop-carried chain stays short. */
    GHASH_FIRST(bswap_lanes(loadu256(p + 32)), loadu256(hp + 32));
    GHASH_NEXT(bswap_lanes(loadu256(p + 64)), loadu256(hp + 64));
    GHASH_NEXT(bswap_lanes(loadu256(p + 96)), loadu256(hp + 96));
    GHASH_NEXT(_mm256_xor_si256(bswap_lanes(loadu256(p)), _mm256_zextsi128_si256(acc)), loadu256(hp));
    return reduce_fold(lo, mi, hi);
}

/* ghash16 - acc = GHASH over 16 blocks at p with H^16..H^1 (one reduction per 16 blocks). */
static inline TGT_VAES __m128i ghash16(const gcm_state *st, __m128i acc, const uint8_t *p)
{
    __m256i lo, mi, hi;
    const uint8_t *hp = st->hpow[0];
    GHASH_FIRST(bswap_lanes(loadu256(p + 32)), loadu256(hp + 32));
    for (int j = 2; j < 8; j++)
        GHASH_NEXT(bswap_lanes(loadu256(p + 32 * j)), loadu256(hp + 32 * j));
    GHASH_NEXT(_mm256_xor_si256(bswap_lanes(loadu256(p)), _mm256_zextsi128_si256(acc)), loadu256(hp));
    return reduce_fold(lo, mi, hi);
}

/* ghash_tail - acc = GHASH over n (1..7) blocks at p, with H^n..H^1 and one reduction. */
static inline TGT_VAES __m128i ghash_tail(const gcm_state *st, __m128i acc, const uint8_t *p, size_t n)
{
    __m256i lo = _mm256_setzero_si256(), mi = lo, hi = lo;
    const uint8_t *hp = st->hpow[GCM_HPOW_MAX - n];
    __m256i x = _mm256_zextsi128_si256(acc);
    size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        mul_acc(_mm256_xor_si256(bswap_lanes(loadu256(p + 16 * i)), x), loadu256(hp + 16 * i), &lo, &mi, &hi);
        x = _mm256_setzero_si256();
    }
    if (i < n) {
        __m256i a = _mm256_xor_si256(_mm256_zextsi128_si256(bswap_128(loadu128(p + 16 * i))), x);
        mul_acc(a, _mm256_zextsi128_si256(loadu128(hp + 16 * i)), &lo, &mi, &hi);
    }
    return reduce_fold(lo, mi, hi);
}

TGT_VAES void ghash_vaes(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    __m128i acc = bswap_128(loadu128(y));
    for (; nblocks >= 16; nblocks -= 16, in += 256)
        acc = ghash16(st, acc, in);
    if (nblocks >= 8) {
        acc = ghash8(st, acc, in);
        nblocks -= 8;
        in += 128;
    }
    if (nblocks > 0)
        acc = ghash_tail(st, acc, in, nblocks);
    storeu128(y, bswap_128(acc));
    _mm256_zeroupper();
}

/* ---- counters */

/* Counters: base holds [c, c+1] (c the next counter) with the last 32-bit word of each lane byte-swapped to native
 * order, so that vpaddd on that word is exactly inc32 (mod 2^32, §6.2), and the byte shuffle ctr_swap (its own
 * inverse) gives the big-endian counter blocks. No branch or address depends on the counter: for IVs other than
 * 96 bits, J0 is GHASH_H(IV) and its bits are linear in the bits of H. */
#define CTR_CONSTANTS()                                                                                      \
    const __m256i ctr_swap = _mm256_set_epi8(12, 13, 14, 15, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,           \
                                             12, 13, 14, 15, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);          \
    const __m256i k2 = _mm256_set_epi32(2, 0, 0, 0, 2, 0, 0, 0);                                             \
    const __m256i k4 = _mm256_set_epi32(4, 0, 0, 0, 4, 0, 0, 0);                                             \
    const __m256i k6 = _mm256_set_epi32(6, 0, 0, 0, 6, 0, 0, 0);                                             \
    const __m256i k8 = _mm256_set_epi32(8, 0, 0, 0, 8, 0, 0, 0)

#define CTR16_CONSTANTS()                                                                                    \
    const __m256i k10 = _mm256_set_epi32(10, 0, 0, 0, 10, 0, 0, 0);                                          \
    const __m256i k12 = _mm256_set_epi32(12, 0, 0, 0, 12, 0, 0, 0);                                          \
    const __m256i k14 = _mm256_set_epi32(14, 0, 0, 0, 14, 0, 0, 0);                                          \
    const __m256i k16 = _mm256_set_epi32(16, 0, 0, 0, 16, 0, 0, 0)

/* CTR8 / CTR16 - the next 8 / 16 counter blocks (big-endian) into c0..c3 / c0..c7. */
#define CTR8()                                                                                               \
    do {                                                                                                     \
        c0 = _mm256_shuffle_epi8(base, ctr_swap);                                                            \
        c1 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k2), ctr_swap);                                      \
        c2 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k4), ctr_swap);                                      \
        c3 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k6), ctr_swap);                                      \
        base = _mm256_add_epi32(base, k8);                                                                   \
    } while (0)

#define CTR16()                                                                                              \
    do {                                                                                                     \
        c0 = _mm256_shuffle_epi8(base, ctr_swap);                                                            \
        c1 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k2), ctr_swap);                                      \
        c2 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k4), ctr_swap);                                      \
        c3 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k6), ctr_swap);                                      \
        c4 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k8), ctr_swap);                                      \
        c5 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k10), ctr_swap);                                     \
        c6 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k12), ctr_swap);                                     \
        c7 = _mm256_shuffle_epi8(_mm256_add_epi32(base, k14), ctr_swap);                                     \
        base = _mm256_add_epi32(base, k16);                                                                  \
    } while (0)

/* CTR_BASE - base for the counter block ctr: [ctr, inc32(ctr)] in the form above, without scalar stores. */
#define CTR_BASE(ctr)                                                                                        \
    _mm256_add_epi32(_mm256_shuffle_epi8(_mm256_broadcastsi128_si256(loadu128(ctr)), ctr_swap),              \
                     _mm256_set_epi32(1, 0, 0, 0, 0, 0, 0, 0))

/* ---- AES rounds on 8 ymm (16 blocks) */
#define AES8_ROUND(k)                                \
    do {                                             \
        const __m256i rk_ = rk[k];                   \
        x0 = _mm256_aesenc_epi128(x0, rk_);          \
        x1 = _mm256_aesenc_epi128(x1, rk_);          \
        x2 = _mm256_aesenc_epi128(x2, rk_);          \
        x3 = _mm256_aesenc_epi128(x3, rk_);          \
        x4 = _mm256_aesenc_epi128(x4, rk_);          \
        x5 = _mm256_aesenc_epi128(x5, rk_);          \
        x6 = _mm256_aesenc_epi128(x6, rk_);          \
        x7 = _mm256_aesenc_epi128(x7, rk_);          \
    } while (0)
#define AES8_WHITEN()                                \
    do {                                             \
        const __m256i rk_ = rk[0];                   \
        x0 = _mm256_xor_si256(c0, rk_);              \
        x1 = _mm256_xor_si256(c1, rk_);              \
        x2 = _mm256_xor_si256(c2, rk_);              \
        x3 = _mm256_xor_si256(c3, rk_);              \
        x4 = _mm256_xor_si256(c4, rk_);              \
        x5 = _mm256_xor_si256(c5, rk_);              \
        x6 = _mm256_xor_si256(c6, rk_);              \
        x7 = _mm256_xor_si256(c7, rk_);              \
    } while (0)
#define AES8_LAST()                                  \
    do {                                             \
        const __m256i rk_ = rk[nr];                  \
        x0 = _mm256_aesenclast_epi128(x0, rk_);      \
        x1 = _mm256_aesenclast_epi128(x1, rk_);      \
        x2 = _mm256_aesenclast_epi128(x2, rk_);      \
        x3 = _mm256_aesenclast_epi128(x3, rk_);      \
        x4 = _mm256_aesenclast_epi128(x4, rk_);      \
        x5 = _mm256_aesenclast_epi128(x5, rk_);      \
        x6 = _mm256_aesenclast_epi128(x6, rk_);      \
        x7 = _mm256_aesenclast_epi128(x7, rk_);      \
    } while (0)
#define STORE16(o, i)                                                        \
    do {                                                                     \
        storeu256((o), _mm256_xor_si256(x0, loadu256((i))));                 \
        storeu256((o) + 32, _mm256_xor_si256(x1, loadu256((i) + 32)));       \
        storeu256((o) + 64, _mm256_xor_si256(x2, loadu256((i) + 64)));       \
        storeu256((o) + 96, _mm256_xor_si256(x3, loadu256((i) + 96)));       \
        storeu256((o) + 128, _mm256_xor_si256(x4, loadu256((i) + 128)));     \
        storeu256((o) + 160, _mm256_xor_si256(x5, loadu256((i) + 160)));     \
        storeu256((o) + 192, _mm256_xor_si256(x6, loadu256((i) + 192)));     \
        storeu256((o) + 224, _mm256_xor_si256(x7, loadu256((i) + 224)));     \
    } while (0)

/* ---- AES rounds on 4 ymm (8 blocks) */

#define AES_ROUND4(k)                                \
    do {                                             \
        const __m256i rk_ = rk[k];                   \
        x0 = _mm256_aesenc_epi128(x0, rk_);          \
        x1 = _mm256_aesenc_epi128(x1, rk_);          \
        x2 = _mm256_aesenc_epi128(x2, rk_);          \
        x3 = _mm256_aesenc_epi128(x3, rk_);          \
    } while (0)

#define AES_WHITEN4()                                \
    do {                                             \
        const __m256i rk_ = rk[0];                   \
        x0 = _mm256_xor_si256(c0, rk_);              \
        x1 = _mm256_xor_si256(c1, rk_);              \
        x2 = _mm256_xor_si256(c2, rk_);              \
        x3 = _mm256_xor_si256(c3, rk_);              \
    } while (0)

#define AES_LAST4()                                  \
    do {                                             \
        const __m256i rk_ = rk[nr];                  \
        x0 = _mm256_aesenclast_epi128(x0, rk_);      \
        x1 = _mm256_aesenclast_epi128(x1, rk_);      \
        x2 = _mm256_aesenclast_epi128(x2, rk_);      \
        x3 = _mm256_aesenclast_epi128(x3, rk_);      \
    } while (0)

/* AES_MIDDLE4 - rounds 7 .. Nr-1 (the GHASH work sits in rounds 1-6). */
#define AES_MIDDLE4()                                \
    do {                                             \
        AES_ROUND4(7);                               \
        AES_ROUND4(8);                               \
        AES_ROUND4(9);                               \
        if (nr > 10) {                               \
            AES_ROUND4(10);                          \
            AES_ROUND4(11);                          \
            if (nr > 12) {                           \
                AES_ROUND4(12);                      \
                AES_ROUND4(13);                      \
            }                                        \
        }                                            \
    } while (0)

/* xor_store_tail - out = in ^ keystream for n (1..7) blocks held in k0..k3 (n is public). */
static inline TGT_VAES void xor_store_tail(uint8_t *out, const uint8_t *in, __m256i k0, __m256i k1, __m256i k2,
                                           __m256i k3, size_t n)
{
    __m256i k = k0;
    if (n >= 2) {
        storeu256(out, _mm256_xor_si256(loadu256(in), k0));
        k = k1;
    }
    if (n >= 4) {
        storeu256(out + 32, _mm256_xor_si256(loadu256(in + 32), k1));
        k = k2;
    }
    if (n >= 6) {
        storeu256(out + 64, _mm256_xor_si256(loadu256(in + 64), k2));
        k = k3;
    }
    if (n & 1) {
        size_t i = n - 1;
        storeu128(out + 16 * i, _mm_xor_si128(loadu128(in + 16 * i), _mm256_castsi256_si128(k)));
    }
}

/* load_round_keys - the Nr+1 round keys broadcast to both lanes. */
static inline TGT_VAES void load_round_keys(__m256i rk[15], const aes_sched *ks)
{
    for (unsigned k = 0; k <= ks->nr; k++)
        rk[k] = _mm256_broadcastsi128_si256(loadu128(ks->rk_enc[k]));
}

/* wipe_round_keys - no key material is left on the stack (registers: vzeroall at the end). */
static inline TGT_VAES void wipe_round_keys(__m256i rk[15], unsigned nr)
{
    memset(rk, 0, (nr + 1) * sizeof(__m256i));
    __asm__ __volatile__("" : : "r"(rk) : "memory");
}

/* ctr_tail - encrypt or decrypt the last n (1..7) blocks in counter mode from base (unused lanes computed and
 * discarded). */
static inline TGT_VAES void ctr_tail(const __m256i *rk, unsigned nr, __m256i base, uint8_t *out, const uint8_t *in,
                                     size_t n)
{
    CTR_CONSTANTS();
    __m256i c0, c1, c2, c3, x0, x1, x2, x3;
    CTR8();
    AES_WHITEN4();
    for (unsigned k = 1; k < nr; k++)
        AES_ROUND4(k);
    AES_LAST4();
    xor_store_tail(out, in, x0, x1, x2, x3, n);
}

TGT_VAES void gcm_vaes_encrypt(const gcm_state *st, const aes_sched *ks, uint8_t *out, const uint8_t *in,
                               size_t nblocks, uint8_t ctr[16], uint8_t y[16])
{
    const unsigned nr = ks->nr;
    __m256i rk[15];
    load_round_keys(rk, ks);
    __m128i acc = bswap_128(loadu128(y));
    const uint32_t ctr_end = load32_be(ctr + 12) + (uint32_t)nblocks; /* inc32 wraps mod 2^32 */
    CTR_CONSTANTS();
    __m256i base = CTR_BASE(ctr);
    const uint8_t *hp = st->hpow[GCM_HPOW_MAX - 8];

    if (nblocks >= GCM_VAES_WIDE_MIN) {
        CTR16_CONSTANTS();
        const uint8_t *hp16 = st->hpow[0];
        __m256i c0, c1, c2, c3, c4, c5, c6, c7, x0, x1, x2, x3, x4, x5, x6, x7;
        CTR16();
        AES8_WHITEN();
        for (unsigned k = 1; k < nr; k++)
            AES8_ROUND(k);
        AES8_LAST();
        STORE16(out, in);
        in += 256;
        out += 256;
        nblocks -= 16;
        for (; nblocks >= 16; nblocks -= 16, in += 256, out += 256) {
            __m256i lo, mi, hi;
            const uint8_t *prev = out - 256;
            CTR16();
            AES8_WHITEN();
            AES8_ROUND(1);
            GHASH_FIRST(bswap_lanes(loadu256(prev + 32)), loadu256(hp16 + 32));
            AES8_ROUND(2);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 64)), loadu256(hp16 + 64));
            AES8_ROUND(3);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 96)), loadu256(hp16 + 96));
            AES8_ROUND(4);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 128)), loadu256(hp16 + 128));
            AES8_ROUND(5);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 160)), loadu256(hp16 + 160));
            AES8_ROUND(6);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 192)), loadu256(hp16 + 192));
            AES8_ROUND(7);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 224)), loadu256(hp16 + 224));
            AES8_ROUND(8);
            GHASH_NEXT(_mm256_xor_si256(bswap_lanes(loadu256(prev)), _mm256_zextsi128_si256(acc)), loadu256(hp16));
            AES8_ROUND(9);
            acc = reduce_fold(lo, mi, hi);
            if (nr > 10) {
                AES8_ROUND(10);
                AES8_ROUND(11);
                if (nr > 12) {
                    AES8_ROUND(12);
                    AES8_ROUND(13);
                }
            }
            AES8_LAST();
            STORE16(out, in);
        }
        acc = ghash16(st, acc, out - 256);
    }

    if (nblocks >= 8) {
        __m256i c0, c1, c2, c3, x0, x1, x2, x3;
        /* First group: counter mode only; its ciphertext is hashed during the next group. */
        CTR8();
        AES_WHITEN4();
        for (unsigned k = 1; k < nr; k++)
            AES_ROUND4(k);
        AES_LAST4();
        storeu256(out, _mm256_xor_si256(x0, loadu256(in)));
        storeu256(out + 32, _mm256_xor_si256(x1, loadu256(in + 32)));
        storeu256(out + 64, _mm256_xor_si256(x2, loadu256(in + 64)));
        storeu256(out + 96, _mm256_xor_si256(x3, loadu256(in + 96)));
        in += 128;
        out += 128;
        nblocks -= 8;

        for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
            __m256i lo, mi, hi;
            const uint8_t *prev = out - 128;
            CTR8();
            AES_WHITEN4();
            AES_ROUND4(1);
            GHASH_FIRST(bswap_lanes(loadu256(prev + 32)), loadu256(hp + 32));
            AES_ROUND4(2);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 64)), loadu256(hp + 64));
            AES_ROUND4(3);
            GHASH_NEXT(bswap_lanes(loadu256(prev + 96)), loadu256(hp + 96));
            AES_ROUND4(4);
            GHASH_NEXT(_mm256_xor_si256(bswap_lanes(loadu256(prev)), _mm256_zextsi128_si256(acc)), loadu256(hp));
            AES_ROUND4(5);
            AES_ROUND4(6);
            acc = reduce_fold(lo, mi, hi);
            AES_MIDDLE4();
            AES_LAST4();
            storeu256(out, _mm256_xor_si256(x0, loadu256(in)));
            storeu256(out + 32, _mm256_xor_si256(x1, loadu256(in + 32)));
            storeu256(out + 64, _mm256_xor_si256(x2, loadu256(in + 64)));
            storeu256(out + 96, _mm256_xor_si256(x3, loadu256(in + 96)));
        }
        acc = ghash8(st, acc, out - 128);
    }
    if (nblocks > 0) {
        ctr_tail(rk, nr, base, out, in, nblocks);
        acc = ghash_tail(st, acc, out, nblocks);
    }
    store32_be(ctr + 12, ctr_end);
    storeu128(y, bswap_128(acc));
    wipe_round_keys(rk, nr);
    _mm256_zeroall();
}

TGT_VAES void gcm_vaes_decrypt(const gcm_state *st, const aes_sched *ks, uint8_t *out, const uint8_t *in,
                               size_t nblocks, uint8_t ctr[16], uint8_t y[16])
{
    const unsigned nr = ks->nr;
    __m256i rk[15];
    load_round_keys(rk, ks);
    __m128i acc = bswap_128(loadu128(y));
    const uint32_t ctr_end = load32_be(ctr + 12) + (uint32_t)nblocks; /* inc32 wraps mod 2^32 */
    CTR_CONSTANTS();
    __m256i base = CTR_BASE(ctr);
    const uint8_t *hp = st->hpow[GCM_HPOW_MAX - 8];

    if (nblocks >= 16) {
        CTR16_CONSTANTS();
        const uint8_t *hp16 = st->hpow[0];
        /* GHASH reads each input block before the same block of output is written, so out may equal in. */
        for (; nblocks >= 16; nblocks -= 16, in += 256, out += 256) {
            __m256i c0, c1, c2, c3, c4, c5, c6, c7, x0, x1, x2, x3, x4, x5, x6, x7, lo, mi, hi;
            CTR16();
            AES8_WHITEN();
            AES8_ROUND(1);
            GHASH_FIRST(bswap_lanes(loadu256(in + 32)), loadu256(hp16 + 32));
            AES8_ROUND(2);
            GHASH_NEXT(bswap_lanes(loadu256(in + 64)), loadu256(hp16 + 64));
            AES8_ROUND(3);
            GHASH_NEXT(bswap_lanes(loadu256(in + 96)), loadu256(hp16 + 96));
            AES8_ROUND(4);
            GHASH_NEXT(bswap_lanes(loadu256(in + 128)), loadu256(hp16 + 128));
            AES8_ROUND(5);
            GHASH_NEXT(bswap_lanes(loadu256(in + 160)), loadu256(hp16 + 160));
            AES8_ROUND(6);
            GHASH_NEXT(bswap_lanes(loadu256(in + 192)), loadu256(hp16 + 192));
            AES8_ROUND(7);
            GHASH_NEXT(bswap_lanes(loadu256(in + 224)), loadu256(hp16 + 224));
            AES8_ROUND(8);
            GHASH_NEXT(_mm256_xor_si256(bswap_lanes(loadu256(in)), _mm256_zextsi128_si256(acc)), loadu256(hp16));
            AES8_ROUND(9);
            acc = reduce_fold(lo, mi, hi);
            if (nr > 10) {
                AES8_ROUND(10);
                AES8_ROUND(11);
                if (nr > 12) {
                    AES8_ROUND(12);
                    AES8_ROUND(13);
                }
            }
            AES8_LAST();
            STORE16(out, in);
        }
    }

    /* GHASH reads each input block before the same block of output is written, so out may equal in. */
    for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128) {
        __m256i c0, c1, c2, c3, x0, x1, x2, x3, lo, mi, hi;
        CTR8();
        AES_WHITEN4();
        AES_ROUND4(1);
        GHASH_FIRST(bswap_lanes(loadu256(in + 32)), loadu256(hp + 32));
        AES_ROUND4(2);
        GHASH_NEXT(bswap_lanes(loadu256(in + 64)), loadu256(hp + 64));
        AES_ROUND4(3);
        GHASH_NEXT(bswap_lanes(loadu256(in + 96)), loadu256(hp + 96));
        AES_ROUND4(4);
        GHASH_NEXT(_mm256_xor_si256(bswap_lanes(loadu256(in)), _mm256_zextsi128_si256(acc)), loadu256(hp));
        AES_ROUND4(5);
        AES_ROUND4(6);
        acc = reduce_fold(lo, mi, hi);
        AES_MIDDLE4();
        AES_LAST4();
        storeu256(out, _mm256_xor_si256(x0, loadu256(in)));
        storeu256(out + 32, _mm256_xor_si256(x1, loadu256(in + 32)));
        storeu256(out + 64, _mm256_xor_si256(x2, loadu256(in + 64)));
        storeu256(out + 96, _mm256_xor_si256(x3, loadu256(in + 96)));
    }
    if (nblocks > 0) {
        acc = ghash_tail(st, acc, in, nblocks); /* before the output may overwrite it */
        ctr_tail(rk, nr, base, out, in, nblocks);
    }
    store32_be(ctr + 12, ctr_end);
    storeu128(y, bswap_128(acc));
    wipe_round_keys(rk, nr);
    _mm256_zeroall();
}

TGT_VAES void gcm_vaes_tag(const gcm_state *st, const aes_sched *ks, const uint8_t *last, size_t nlast,
                           uint8_t tag[16])
{
    /* E(K, J0) with AES-NI on one xmm; independent of the GHASH below, so the two overlap. */
    const unsigned nr = ks->nr;
    __m128i e = _mm_xor_si128(loadu128(st->j0), loadu128(ks->rk_enc[0]));
    for (unsigned k = 1; k < nr; k++)
        e = _mm_aesenc_si128(e, loadu128(ks->rk_enc[k]));
    e = _mm_aesenclast_si128(e, loadu128(ks->rk_enc[nr]));
    __m128i acc = ghash_tail(st, bswap_128(loadu128(st->y)), last, nlast);
    storeu128(tag, _mm_xor_si128(e, bswap_128(acc)));
    _mm256_zeroall();
}

#else
/* Not x86-64: nothing to build here (ISO C wants at least one declaration). */
typedef int gcm_vaes_not_built;
#endif
