/* module/sha2/sha512.c - SHA-512 compression function (shared by SHA-384, SHA-512/224 and SHA-512/256),
 * FIPS 180-4 (August 2015) §6.4.2, portable C, and the run-time dispatch between it and the AVX2 + BMI2 path
 * (sha512_avx2.c).
 *
 * Same structure as sha256.c: 16-word circular schedule, rounds unrolled with renamed variables, constant
 * time. */
#include "sha2_impl.h"
#include "../hash/hash_internal.h"

/* fips140_sha512_k - §4.2.3: the first 64 bits of the fractional parts of the cube roots of the first 80
 * primes. */
_Alignas(32) const uint64_t fips140_sha512_k[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

static inline uint64_t ror64(uint64_t x, unsigned n) { return (x >> n) | (x << (64u - n)); }

/* §4.1.3 functions. */
#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | (((x) | (y)) & (z)))
#define BSIG0(x) (ror64((x), 28) ^ ror64((x), 34) ^ ror64((x), 39))
#define BSIG1(x) (ror64((x), 14) ^ ror64((x), 18) ^ ror64((x), 41))
#define SSIG0(x) (ror64((x), 1) ^ ror64((x), 8) ^ ((x) >> 7))
#define SSIG1(x) (ror64((x), 19) ^ ror64((x), 61) ^ ((x) >> 6))

/* §6.4.2 step 1 for 16 <= t <= 79, in place mod 16. */
#define SCHED(i) (w[(i) & 15] += SSIG1(w[((i) + 14) & 15]) + w[((i) + 9) & 15] + SSIG0(w[((i) + 1) & 15]))

/* §6.4.2 step 3, one round with renamed variables. */
#define ROUND(a, b, c, d, e, f, g, h, kt, wt)                            \
    do {                                                                 \
        uint64_t t1_ = (h) + BSIG1(e) + CH((e), (f), (g)) + (kt) + (wt); \
        (d) += t1_;                                                      \
        (h) = t1_ + BSIG0(a) + MAJ((a), (b), (c));                       \
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

/* fips140_sha512_blocks_portable - §6.4.2 steps 1-4 for each 128-byte block. */
void fips140_sha512_blocks_portable(uint64_t hs[8], const uint8_t *p, size_t nblocks)
{
    uint64_t w[16];
    uint64_t a, b, c, d, e, f, g, h;

    while (nblocks--) {
        for (int t = 0; t < 16; t++)
            w[t] = load64_be(p + 8 * t);
        /* step 2 */
        a = hs[0]; b = hs[1]; c = hs[2]; d = hs[3]; e = hs[4]; f = hs[5]; g = hs[6]; h = hs[7];
        /* step 3 */
        ROUND8(fips140_sha512_k + 0, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
        ROUND8(fips140_sha512_k + 8, w[8], w[9], w[10], w[11], w[12], w[13], w[14], w[15]);
        for (int t = 16; t < 80; t += 16) {
            const uint64_t *k = fips140_sha512_k + t;
            ROUND8(k, SCHED(0), SCHED(1), SCHED(2), SCHED(3), SCHED(4), SCHED(5), SCHED(6), SCHED(7));
            ROUND8(k + 8, SCHED(8), SCHED(9), SCHED(10), SCHED(11), SCHED(12), SCHED(13), SCHED(14), SCHED(15));
        }
        /* step 4 */
        hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d; hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
        p += 128;
    }
    fips140_wipe(w, sizeof w);
}

/* fips140_sha512_blocks - pick the implementation per call. */
void fips140_sha512_blocks(uint64_t h[8], const uint8_t *p, size_t nblocks)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_SHA512_AVX2_MASK)) {
        fips140_sha512_blocks_avx2(h, p, nblocks);
        return;
    }
#endif
    fips140_sha512_blocks_portable(h, p, nblocks);
}

/* fips140_sha512_impl - name of the implementation fips140_sha512_blocks() would use now. */
const char *fips140_sha512_impl(void)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_SHA512_AVX2_MASK))
        return "avx2";
#endif
    return "portable";
}
