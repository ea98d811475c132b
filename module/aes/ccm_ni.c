/* module/aes/ccm_ni.c - the AES-CCM payload loop (SP 800-38C §6.1 steps 4-8, §6.2 steps 5-9) with AES-NI.
 *
 * CCM needs two AES calls per block: one on the serial CBC-MAC chain (latency-bound: Nr AESENC latencies per
 * block) and one counter block (independent). Each iteration issues the counter block's rounds beside the MAC
 * chain's, so the counter work fills the issue slots the chain leaves idle and the mode runs at about the speed
 * of the MAC alone. Folds as in cmac_ni.c: the MAC chain's next input and whitening ride on AESENCLAST
 * (rk[Nr] ^ rk[0] ^ P_(j+1)), and the keystream XOR rides on the counter block's AESENCLAST (rk[Nr] ^ text).
 * Decryption needs P_j before the MAC can absorb it, so the counter block for j+1 runs beside the MAC of j.
 * Counter blocks: the q-byte counter field (q <= 8) never wraps for legal lengths, so the low 64 bits of the
 * byte-reversed block are incremented with PADDQ. Only called when ks->use_ni is set. */
#include "aes_mac_internal.h"

#if FIPS140_X86_64
#include <immintrin.h>

#define NI_TARGET __attribute__((target("aes,sse4.1,ssse3")))
#define LOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STOREU(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))
#define RK(ks, i) _mm_load_si128((const __m128i *)(const void *)(ks)->rk_enc[i])
#define BSWAP128() _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)

/* enc_nr - nblocks >= 1 blocks of encryption for a fixed round count. */
NI_TARGET static inline __attribute__((always_inline)) void
enc_nr(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in, size_t nblocks,
       const unsigned nr)
{
    __m128i k[15];
    for (unsigned r = 0; r <= nr; r++)
        k[r] = RK(ks, r);
    const __m128i bswap = BSWAP128(), one = _mm_set_epi64x(0, 1);
    const __m128i kl0 = _mm_xor_si128(k[nr], k[0]);
    __m128i c = _mm_shuffle_epi8(LOADU(ctr), bswap);
    __m128i p = LOADU(in);
    __m128i m = _mm_xor_si128(_mm_xor_si128(LOADU(x), p), k[0]);
    for (;;) {
        __m128i e = _mm_xor_si128(_mm_shuffle_epi8(c, bswap), k[0]);
        c = _mm_add_epi64(c, one);
        for (unsigned r = 1; r < nr; r++) {
            m = _mm_aesenc_si128(m, k[r]);
            e = _mm_aesenc_si128(e, k[r]);
        }
        const __m128i ct = _mm_aesenclast_si128(e, _mm_xor_si128(k[nr], p));
        if (--nblocks == 0) {
            m = _mm_aesenclast_si128(m, k[nr]);
            STOREU(out, ct);
            break;
        }
        p = LOADU(in + 16); /* before the store: out may equal in */
        STOREU(out, ct);
        m = _mm_aesenclast_si128(m, _mm_xor_si128(p, kl0));
        in += 16;
        out += 16;
    }
    STOREU(x, m);
    STOREU(ctr, _mm_shuffle_epi8(c, bswap));
}

/* dec_nr - nblocks >= 1 blocks of decryption: the keystream of block j+1 is computed beside the MAC of P_j (it
 * does not depend on the chain, so it is ready early), and P_(j+1) with the whitening key is folded into the
 * chain's AESENCLAST as in enc_nr. */
NI_TARGET static inline __attribute__((always_inline)) void
dec_nr(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in, size_t nblocks,
       const unsigned nr)
{
    __m128i k[15];
    for (unsigned r = 0; r <= nr; r++)
        k[r] = RK(ks, r);
    const __m128i bswap = BSWAP128(), one = _mm_set_epi64x(0, 1);
    const __m128i kl0 = _mm_xor_si128(k[nr], k[0]);
    __m128i c = _mm_shuffle_epi8(LOADU(ctr), bswap);
    /* P_1 alone. */
    __m128i e = _mm_xor_si128(_mm_shuffle_epi8(c, bswap), k[0]);
    c = _mm_add_epi64(c, one);
    for (unsigned r = 1; r < nr; r++)
        e = _mm_aesenc_si128(e, k[r]);
    __m128i p = _mm_aesenclast_si128(e, _mm_xor_si128(k[nr], LOADU(in)));
    __m128i m = _mm_xor_si128(LOADU(x), _mm_xor_si128(p, k[0]));
    for (;;) {
        if (--nblocks == 0) {
            STOREU(out, p);
            for (unsigned r = 1; r < nr; r++)
                m = _mm_aesenc_si128(m, k[r]);
            m = _mm_aesenclast_si128(m, k[nr]);
            break;
        }
        const __m128i cnext = LOADU(in + 16); /* before any store: out may equal in */
        STOREU(out, p);
        e = _mm_xor_si128(_mm_shuffle_epi8(c, bswap), k[0]);
        c = _mm_add_epi64(c, one);
        for (unsigned r = 1; r < nr; r++) {
            m = _mm_aesenc_si128(m, k[r]);
            e = _mm_aesenc_si128(e, k[r]);
        }
        p = _mm_aesenclast_si128(e, _mm_xor_si128(k[nr], cnext));
        m = _mm_aesenclast_si128(m, _mm_xor_si128(p, kl0));
        in += 16;
        out += 16;
    }
    STOREU(x, m);
    STOREU(ctr, _mm_shuffle_epi8(c, bswap));
}

NI_TARGET void ccm_ni_encrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                              size_t nblocks)
{
    if (nblocks == 0)
        return;
    if (ks->nr == 10)
        enc_nr(ks, x, ctr, out, in, nblocks, 10);
    else if (ks->nr == 12)
        enc_nr(ks, x, ctr, out, in, nblocks, 12);
    else
        enc_nr(ks, x, ctr, out, in, nblocks, 14);
}

NI_TARGET void ccm_ni_decrypt(const aes_sched *ks, uint8_t x[16], uint8_t ctr[16], uint8_t *out, const uint8_t *in,
                              size_t nblocks)
{
    if (nblocks == 0)
        return;
    if (ks->nr == 10)
        dec_nr(ks, x, ctr, out, in, nblocks, 10);
    else if (ks->nr == 12)
        dec_nr(ks, x, ctr, out, in, nblocks, 12);
    else
        dec_nr(ks, x, ctr, out, in, nblocks, 14);
}
#endif
