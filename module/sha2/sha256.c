/* module/sha2/sha256.c - SHA-256 compression function (shared by SHA-224), FIPS 180-4 (August 2015) §6.2.2,
 * portable C, and the run-time dispatch between it and SHA-NI (sha_ni.c).
 *
 * The message schedule (§6.2.2 step 1) lives in a 16-word circular buffer and the 64 rounds (step 3) are
 * unrolled 16 at a time with the working variables renamed instead of moved. Constant time: no table lookups
 * indexed by data, no data-dependent branches. */
#include "sha2_impl.h"
#include "../hash/hash_internal.h"

/* fips140_sha256_k - §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64
 * primes. */
_Alignas(16) const uint32_t fips140_sha256_k[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static inline uint32_t ror32(uint32_t x, unsigned n) { return (x >> n) | (x << (32u - n)); }

/* §4.1.2 functions. */
#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | (((x) | (y)) & (z)))
#define BSIG0(x) (ror32((x), 2) ^ ror32((x), 13) ^ ror32((x), 22))
#define BSIG1(x) (ror32((x), 6) ^ ror32((x), 11) ^ ror32((x), 25))
#define SSIG0(x) (ror32((x), 7) ^ ror32((x), 18) ^ ((x) >> 3))
#define SSIG1(x) (ror32((x), 17) ^ ror32((x), 19) ^ ((x) >> 10))

/* §6.2.2 step 1 for 16 <= t <= 63: W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}, in place mod 16. */
#define SCHED(i) (w[(i) & 15] += SSIG1(w[((i) + 14) & 15]) + w[((i) + 9) & 15] + SSIG0(w[((i) + 1) & 15]))

/* §6.2.2 step 3, one round with renamed variables: T1 = h + Σ1(e) + Ch(e,f,g) + K_t + W_t, T2 = Σ0(a) + Maj(a,b,c);
 * d += T1; h = T1 + T2. */
#define ROUND(a, b, c, d, e, f, g, h, kt, wt)                         \
    do {                                                              \
        uint32_t t1_ = (h) + BSIG1(e) + CH((e), (f), (g)) + (kt) + (wt); \
        (d) += t1_;                                                   \
        (h) = t1_ + BSIG0(a) + MAJ((a), (b), (c));                    \
    } while (0)

#define ROUND8(k, W0, W1, W2, W3, W4, W5, W6, W7)            \
    ROUND(a, b, c, d, e, f, g, h, (k)[0], W0);               \
    ROUND(h, a, b, c, d, e, f, g, (k)[1], W1);               \
    ROUND(g, h, a, b, c, d, e, f, (k)[2], W2);               \
    ROUND(f, g, h, a, b, c, d, e, (k)[3], W3);               \
    ROUND(e, f, g, h, a, b, c, d, (k)[4], W4);               \
    ROUND(d, e, f, g, h, a, b, c, (k)[5], W5);               \
    ROUND(c, d, e, f, g, h, a, b, (k)[6], W6);               \
    ROUND(b, c, d, e, f, g, h, a, (k)[7], W7)

/* fips140_sha256_blocks_portable - §6.2.2 steps 1-4 for each 64-byte block. */
void fips140_sha256_blocks_portable(uint32_t hs[8], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];
    uint32_t a, b, c, d, e, f, g, h;

    while (nblocks--) {
        for (int t = 0; t < 16; t++)
            w[t] = load32_be(p + 4 * t);
        /* step 2 */
        a = hs[0]; b = hs[1]; c = hs[2]; d = hs[3]; e = hs[4]; f = hs[5]; g = hs[6]; h = hs[7];
        /* step 3, t = 0..15 use the message words directly */
        ROUND8(fips140_sha256_k + 0, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
        ROUND8(fips140_sha256_k + 8, w[8], w[9], w[10], w[11], w[12], w[13], w[14], w[15]);
        /* t = 16..63 extend the schedule as they go */
        for (int t = 16; t < 64; t += 16) {
            const uint32_t *k = fips140_sha256_k + t;
            ROUND8(k, SCHED(0), SCHED(1), SCHED(2), SCHED(3), SCHED(4), SCHED(5), SCHED(6), SCHED(7));
            ROUND8(k + 8, SCHED(8), SCHED(9), SCHED(10), SCHED(11), SCHED(12), SCHED(13), SCHED(14), SCHED(15));
        }
        /* step 4 */
        hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d; hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
        p += 64;
    }
    fips140_wipe(w, sizeof w);
}

/* fips140_sha256_blocks - pick the implementation per call. */
void fips140_sha256_blocks(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_SHA_NI_MASK)) {
        fips140_sha256_blocks_shani(h, p, nblocks);
        return;
    }
#endif
    fips140_sha256_blocks_portable(h, p, nblocks);
}

/* fips140_sha256_impl - name of the implementation fips140_sha256_blocks() would use now. */
const char *fips140_sha256_impl(void)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_SHA_NI_MASK))
        return "sha-ni";
#endif
    return "portable";
}
