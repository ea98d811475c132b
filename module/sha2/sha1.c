/* module/sha2/sha1.c - SHA-1 compression function, FIPS 180-4 (August 2015) §6.1.2, portable C, and the
 * run-time dispatch between it and SHA-NI (sha_ni.c).
 *
 * The message schedule W (§6.1.2 step 1) is kept in a 16-word circular buffer; the 80 rounds (step 3) are
 * unrolled with the working variables renamed instead of moved. No table lookups, no data-dependent branches. */
#include "sha2_impl.h"
#include "../hash/hash_internal.h"

static inline uint32_t rol32(uint32_t x, unsigned n) { return (x << n) | (x >> (32u - n)); }

/* §4.1.1 functions f_t, in forms that compile to few instructions. */
#define SHA1_CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define SHA1_PARITY(x, y, z) ((x) ^ (y) ^ (z))
#define SHA1_MAJ(x, y, z) (((x) & (y)) | (((x) | (y)) & (z)))

/* §6.1.2 step 1: W_t = ROTL^1(W_{t-3} ^ W_{t-8} ^ W_{t-14} ^ W_{t-16}) for 16 <= t <= 79, in place mod 16. */
#define SHA1_W(t) (w[(t) & 15] = rol32(w[((t) + 13) & 15] ^ w[((t) + 8) & 15] ^ w[((t) + 2) & 15] ^ w[(t) & 15], 1))

/* §6.1.2 step 3, one round: T = ROTL^5(a) + f_t(b,c,d) + e + K_t + W_t; b = ROTL^30(b); the caller rotates the
 * names a..e instead of the values. */
#define SHA1_R(a, b, c, d, e, f, k, wt)                            \
    do {                                                           \
        (e) += rol32((a), 5) + f((b), (c), (d)) + (k) + (wt);      \
        (b) = rol32((b), 30);                                      \
    } while (0)

#define SHA1_R5(f, k, w0, w1, w2, w3, w4)   \
    SHA1_R(a, b, c, d, e, f, k, w0);        \
    SHA1_R(e, a, b, c, d, f, k, w1);        \
    SHA1_R(d, e, a, b, c, f, k, w2);        \
    SHA1_R(c, d, e, a, b, f, k, w3);        \
    SHA1_R(b, c, d, e, a, f, k, w4)

#define K0 0x5a827999u /* §4.2.1, 0 <= t <= 19 */
#define K1 0x6ed9eba1u /* 20 <= t <= 39 */
#define K2 0x8f1bbcdcu /* 40 <= t <= 59 */
#define K3 0xca62c1d6u /* 60 <= t <= 79 */

/* fips140_sha1_blocks_portable - §6.1.2 steps 1-4 for each 64-byte block. */
void fips140_sha1_blocks_portable(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];
    uint32_t a, b, c, d, e;

    while (nblocks--) {
        for (int t = 0; t < 16; t++)
            w[t] = load32_be(p + 4 * t);
        /* step 2 */
        a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4];
        /* step 3 */
        SHA1_R5(SHA1_CH, K0, w[0], w[1], w[2], w[3], w[4]);
        SHA1_R5(SHA1_CH, K0, w[5], w[6], w[7], w[8], w[9]);
        SHA1_R5(SHA1_CH, K0, w[10], w[11], w[12], w[13], w[14]);
        SHA1_R5(SHA1_CH, K0, w[15], SHA1_W(16), SHA1_W(17), SHA1_W(18), SHA1_W(19));
        SHA1_R5(SHA1_PARITY, K1, SHA1_W(20), SHA1_W(21), SHA1_W(22), SHA1_W(23), SHA1_W(24));
        SHA1_R5(SHA1_PARITY, K1, SHA1_W(25), SHA1_W(26), SHA1_W(27), SHA1_W(28), SHA1_W(29));
        SHA1_R5(SHA1_PARITY, K1, SHA1_W(30), SHA1_W(31), SHA1_W(32), SHA1_W(33), SHA1_W(34));
        SHA1_R5(SHA1_PARITY, K1, SHA1_W(35), SHA1_W(36), SHA1_W(37), SHA1_W(38), SHA1_W(39));
        SHA1_R5(SHA1_MAJ, K2, SHA1_W(40), SHA1_W(41), SHA1_W(42), SHA1_W(43), SHA1_W(44));
        SHA1_R5(SHA1_MAJ, K2, SHA1_W(45), SHA1_W(46), SHA1_W(47), SHA1_W(48), SHA1_W(49));
        SHA1_R5(SHA1_MAJ, K2, SHA1_W(50), SHA1_W(51), SHA1_W(52), SHA1_W(53), SHA1_W(54));
        SHA1_R5(SHA1_MAJ, K2, SHA1_W(55), SHA1_W(56), SHA1_W(57), SHA1_W(58), SHA1_W(59));
        SHA1_R5(SHA1_PARITY, K3, SHA1_W(60), SHA1_W(61), SHA1_W(62), SHA1_W(63), SHA1_W(64));
        SHA1_R5(SHA1_PARITY, K3, SHA1_W(65), SHA1_W(66), SHA1_W(67), SHA1_W(68), SHA1_W(69));
        SHA1_R5(SHA1_PARITY, K3, SHA1_W(70), SHA1_W(71), SHA1_W(72), SHA1_W(73), SHA1_W(74));
        SHA1_R5(SHA1_PARITY, K3, SHA1_W(75), SHA1_W(76), SHA1_W(77), SHA1_W(78), SHA1_W(79));
        /* step 4 */
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
        p += 64;
    }
    /* The schedule is derived from the message, which may be secret (HMAC keys). */
    fips140_wipe(w, sizeof w);
}

/* fips140_sha1_blocks - pick the implementation per call (cheap: one cached load and a mask test). */
void fips140_sha1_blocks(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_SHA_NI_MASK)) {
        fips140_sha1_blocks_shani(h, p, nblocks);
        return;
    }
#endif
    fips140_sha1_blocks_portable(h, p, nblocks);
}

/* fips140_sha1_impl - name of the implementation fips140_sha1_blocks() would use now. */
const char *fips140_sha1_impl(void)
{
#if FIPS140_X86_64
    if (cpu_has(FIPS140_SHA_NI_MASK))
        return "sha-ni";
#endif
    return "portable";
}
