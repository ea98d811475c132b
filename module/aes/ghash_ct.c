/* module/aes/ghash_ct.c - portable constant-time GHASH (NIST SP 800-38D §6.3 multiplication, §6.4 GHASH).
 *
 * No table is indexed by secret data and no branch depends on it: the carry-less 64x64 multiply is built from
 * ordinary integer multiplies of operands masked to every fourth bit ("holes"), so the carries of each partial
 * sum land in bits that are masked away afterwards (the technique of BearSSL's ghash_ctmul64). The upper half of
 * a 128-bit carry-less product comes from the same multiply on bit-reversed operands.
 *
 * Representation: a block is read as two big-endian 64-bit words (hi = bytes 0..7, lo = bytes 8..15), so the
 * coefficient of x^i is integer bit 127-i; the 255-bit product of two such values is shifted left by one to
 * become the reflected 256-bit product, which is then reduced modulo P = x^128 + x^7 + x^2 + x + 1. */
#include "gcm_internal.h"

/* bmul64 - low 64 bits of the carry-less product x * y. Each masked partial product has at most 16 terms per
 * bit position; a position's count only overflows its 4-bit group at bit 60 + 4 = 64, outside the result. */
static inline uint64_t bmul64(uint64_t x, uint64_t y)
{
    const uint64_t m0 = 0x1111111111111111u, m1 = 0x2222222222222222u;
    const uint64_t m2 = 0x4444444444444444u, m3 = 0x8888888888888888u;
    uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
    uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
    uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

/* rev64 - reverse the bit order of a 64-bit word. */
static inline uint64_t rev64(uint64_t x)
{
    x = ((x & 0x5555555555555555u) << 1) | ((x >> 1) & 0x5555555555555555u);
    x = ((x & 0x3333333333333333u) << 2) | ((x >> 2) & 0x3333333333333333u);
    x = ((x & 0x0F0F0F0F0F0F0F0Fu) << 4) | ((x >> 4) & 0x0F0F0F0F0F0F0F0Fu);
    x = ((x & 0x00FF00FF00FF00FFu) << 8) | ((x >> 8) & 0x00FF00FF00FF00FFu);
    x = ((x & 0x0000FFFF0000FFFFu) << 16) | ((x >> 16) & 0x0000FFFF0000FFFFu);
    return (x << 32) | (x >> 32);
}

void ghash_ct_init(gcm_state *st, const uint8_t h[16])
{
    st->hct[0] = load64_be(h);
    st->hct[1] = load64_be(h + 8);
}

void ghash_ct(const gcm_state *st, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    /* Karatsuba operands of H, and their bit reversals (for the upper product halves). */
    const uint64_t h1 = st->hct[0], h0 = st->hct[1], h2 = h0 ^ h1;
    const uint64_t h1r = rev64(h1), h0r = rev64(h0), h2r = rev64(h2);
    uint64_t y1 = load64_be(y), y0 = load64_be(y + 8);

    for (; nblocks > 0; nblocks--, in += 16) {
        /* §6.4 step 4: Y_i = (Y_{i-1} xor X_i) * H. */
        y1 ^= load64_be(in);
        y0 ^= load64_be(in + 8);
        uint64_t y2 = y0 ^ y1;
        uint64_t y0r = rev64(y0), y1r = rev64(y1), y2r = rev64(y2);

        uint64_t z0 = bmul64(y0, h0), z1 = bmul64(y1, h1), z2 = bmul64(y2, h2);
        uint64_t z0h = bmul64(y0r, h0r), z1h = bmul64(y1r, h1r), z2h = bmul64(y2r, h2r);
        z2 ^= z0 ^ z1;
        z2h ^= z0h ^ z1h;
        z0h = rev64(z0h) >> 1;
        z1h = rev64(z1h) >> 1;
        z2h = rev64(z2h) >> 1;

        /* The 255-bit product v3:v2:v1:v0, then << 1 to the reflected 256-bit form. */
        uint64_t v0 = z0, v1 = z0h ^ z2, v2 = z1 ^ z2h, v3 = z1h;
        v3 = (v3 << 1) | (v2 >> 63);
        v2 = (v2 << 1) | (v1 >> 63);
        v1 = (v1 << 1) | (v0 >> 63);
        v0 = v0 << 1;

        /* Reduction mod P (§6.3): bit k of the low half is x^(255-k) = x^(127-k) * (1 + x + x^2 + x^7), i.e.
         * moves to bits 128+k, 127+k, 126+k and 121+k. Fold v0, then the updated v1. */
        v2 ^= v0 ^ (v0 >> 1) ^ (v0 >> 2) ^ (v0 >> 7);
        v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57);
        v3 ^= v1 ^ (v1 >> 1) ^ (v1 >> 2) ^ (v1 >> 7);
        v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57);
        y1 = v3;
        y0 = v2;
    }
    store64_be(y, y1);
    store64_be(y + 8, y0);
}
