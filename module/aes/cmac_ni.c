/* module/aes/cmac_ni.c - the CBC-MAC chain of CMAC (SP 800-38B §6.2 step 6) and CCM (SP 800-38C §6.1 step 4)
 * with AES-NI.
 *
 * The chain is serial: each block needs the previous CIPH output, so speed is Nr AESENC latencies per block. Two
 * things keep anything else off that path: the round keys live in registers (one loop body per key size, fully
 * unrolled), and the next block's input and whitening key ride on the current block's AESENCLAST
 * (AESENCLAST(s, rk[Nr] ^ rk[0] ^ M_(j+1)) = CIPH(..) ^ M_(j+1) ^ rk[0], the next block's state after round 0).
 * Only called when ks->use_ni is set (AES-NI, SSSE3 and SSE4.1 present). */
#include "aes_mac_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define NI_TARGET __attribute__((target("aes,sse4.1,ssse3")))
#define LOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STOREU(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))
#define RK(ks, i) _mm_load_si128((const __m128i *)(const void *)(ks)->rk_enc[i])

/* cbcmac_nr - the chain for a fixed round count (the compiler unrolls the round loops and keeps the keys in
 * registers). nblocks >= 1. */
NI_TARGET static inline __attribute__((always_inline)) __m128i cbcmac_nr(const aes_sched *ks, __m128i x, const uint8_t *in,
                                                                          size_t nblocks, const unsigned nr)
{
    __m128i k[15];
    for (unsigned r = 0; r <= nr; r++)
        k[r] = RK(ks, r);
    const __m128i kl0 = _mm_xor_si128(k[nr], k[0]);
    __m128i s = _mm_xor_si128(_mm_xor_si128(x, LOADU(in)), k[0]);
    for (;;) {
        for (unsigned r = 1; r < nr; r++)
            s = _mm_aesenc_si128(s, k[r]);
        if (--nblocks == 0)
            return _mm_aesenclast_si128(s, k[nr]);
        in += 16;
        s = _mm_aesenclast_si128(s, _mm_xor_si128(LOADU(in), kl0));
    }
}

NI_TARGET void cmac_ni_cbcmac(const aes_sched *ks, uint8_t x[16], const uint8_t *in, size_t nblocks)
{
    if (nblocks == 0)
        return;
    __m128i v = LOADU(x);
    if (ks->nr == 10)
        v = cbcmac_nr(ks, v, in, nblocks, 10);
    else if (ks->nr == 12)
        v = cbcmac_nr(ks, v, in, nblocks, 12);
    else
        v = cbcmac_nr(ks, v, in, nblocks, 14);
    STOREU(x, v);
}
#endif
