/* module/aes/aes_ct64.c - portable constant-time AES (FIPS 197), bitsliced on 64-bit words.
 *
 * Four blocks are processed per pass. Their 64 bytes occupy "slots" s = 16*row + 4*col + blk (row, col as in
 * FIPS 197 §3.4, blk = 0..3), and word q[b] holds bit b of every slot: q[b] >> s & 1 = bit b of that byte.
 * With this layout ShiftRows is a rotation of each 16-bit row, MixColumns a rotation of the whole word by one
 * row, and SubBytes a Boolean circuit evaluated on all 64 bytes at once, so no secret ever selects a branch
 * or a memory address (DESIGN §4.4).
 *
 * The S-box circuit is the 113-gate depth-16 circuit of J. Boyar and R. Peralta, "A new combinational logic
 * minimization technique with applications to cryptology" (SEA 2010; IACR ePrint 2009/191). The inverse S-box
 * is derived from it: S(x) = A·x^-1 + 0x63, so S^-1(y) = G(S(G(y))) with the affine map G(y) = A^-1·(y + 0x63)
 * (FIPS 197 §5.3.2). */
#include <string.h>
#include "aes_internal.h"

static inline uint32_t ld32le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline void st32le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline uint64_t rotr64(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

/* exchange - swap the bits of *a at (mask << n) with the bits of *b at mask. */
static inline void exchange(uint64_t *a, uint64_t *b, uint64_t mask, unsigned n)
{
    uint64_t t = ((*a >> n) ^ *b) & mask;
    *b ^= t;
    *a ^= t << n;
}

/* transpose - swap the low three bits of the bit position with the word index: bit 8t+u of q[w] moves to bit
 * 8t+w of q[u]. An involution: it converts both ways between "8 bytes per word" and "one bit plane per word". */
static void transpose(uint64_t q[8])
{
    for (unsigned w = 0; w < 8; w += 2)
        exchange(&q[w], &q[w + 1], 0x5555555555555555u, 1);
    for (unsigned w = 0; w < 8; w += 4) {
        exchange(&q[w], &q[w + 2], 0x3333333333333333u, 2);
        exchange(&q[w + 1], &q[w + 3], 0x3333333333333333u, 2);
    }
    for (unsigned w = 0; w < 4; w++)
        exchange(&q[w], &q[w + 4], 0x0F0F0F0F0F0F0F0Fu, 4);
}

/* spread / gather - bytes 0..3 of a 32-bit word to/from the even bytes of a 64-bit word. */
static inline uint64_t spread(uint32_t x)
{
    uint64_t v = x;
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFu;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFu;
    return v;
}
static inline uint32_t gather(uint64_t v)
{
    v &= 0x00FF00FF00FF00FFu;
    v = (v | (v >> 8)) & 0x0000FFFF0000FFFFu;
    return (uint32_t)(v | (v >> 16));
}

/* Before the transpose, byte t of q[4h + blk] must hold slot 8t + 4h + blk, i.e. column 2(t&1) + h, row t>>1:
 * the even bytes take column h (bytes 4h..4h+3 of the block), the odd bytes column h + 2. */
static inline void put_block(uint64_t q[8], unsigned blk, const uint8_t b[16])
{
    q[blk] = spread(ld32le(b)) | (spread(ld32le(b + 8)) << 8);
    q[4 + blk] = spread(ld32le(b + 4)) | (spread(ld32le(b + 12)) << 8);
}
static inline void get_block(uint8_t b[16], const uint64_t q[8], unsigned blk)
{
    st32le(b, gather(q[blk]));
    st32le(b + 8, gather(q[blk] >> 8));
    st32le(b + 4, gather(q[4 + blk]));
    st32le(b + 12, gather(q[4 + blk] >> 8));
}

/* load4 / store4 - 4 consecutive blocks into / out of bit planes. */
static void load4(uint64_t q[8], const uint8_t in[64])
{
    for (unsigned k = 0; k < 4; k++)
        put_block(q, k, in + 16 * k);
    transpose(q);
}
static void store4(uint8_t out[64], uint64_t q[8])
{
    transpose(q);
    for (unsigned k = 0; k < 4; k++)
        get_block(out + 16 * k, q, k);
}

/* sub_bytes - FIPS 197 §5.1.1 on all 64 slots: the Boyar-Peralta circuit (x0 is the most significant bit). */
static void sub_bytes(uint64_t q[8])
{
    const uint64_t x0 = q[7], x1 = q[6], x2 = q[5], x3 = q[4], x4 = q[3], x5 = q[2], x6 = q[1], x7 = q[0];

    /* Top linear transform. */
    const uint64_t y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5;
    const uint64_t t0 = x1 ^ x2;
    const uint64_t y1 = t0 ^ x7, y4 = y1 ^ x3, y12 = y13 ^ y14, y2 = y1 ^ x0, y5 = y1 ^ x6;
    const uint64_t y3 = y5 ^ y8;
    const uint64_t t1 = x4 ^ y12;
    const uint64_t y15 = t1 ^ x5, y20 = t1 ^ x1;
    const uint64_t y6 = y15 ^ x7, y10 = y15 ^ t0, y11 = y20 ^ y9;
    const uint64_t y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8, y16 = t0 ^ y11;
    const uint64_t y21 = y13 ^ y16, y18 = x0 ^ y16;

    /* Shared non-linear middle: inversion in GF(2^4)^2. */
    const uint64_t t2 = y12 & y15, t3 = y3 & y6, t5 = y4 & x7, t7 = y13 & y16, t8 = y5 & y1;
    const uint64_t t10 = y2 & y7, t12 = y9 & y11, t13 = y14 & y17, t15 = y8 & y10;
    const uint64_t t4 = t3 ^ t2, t6 = t5 ^ t2, t9 = t8 ^ t7, t11 = t10 ^ t7, t14 = t13 ^ t12, t16 = t15 ^ t12;
    const uint64_t t17 = t4 ^ t14, t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16;
    const uint64_t t21 = t17 ^ y20, t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18;

    const uint64_t t25 = t21 ^ t22, t26 = t21 & t23;
    const uint64_t t27 = t24 ^ t26;
    const uint64_t t28 = t25 & t27;
    const uint64_t t29 = t28 ^ t22;
    const uint64_t t30 = t23 ^ t24, t31 = t22 ^ t26;
    const uint64_t t32 = t31 & t30;
    const uint64_t t33 = t32 ^ t24;
    const uint64_t t34 = t23 ^ t33, t35 = t27 ^ t33;
    const uint64_t t36 = t24 & t35;
    const uint64_t t37 = t36 ^ t34, t38 = t27 ^ t36;
    const uint64_t t39 = t29 & t38;
    const uint64_t t40 = t25 ^ t39;

    const uint64_t t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40, t44 = t33 ^ t37;
    const uint64_t t45 = t42 ^ t41;
    const uint64_t z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & x7, z3 = t43 & y16, z4 = t40 & y1, z5 = t29 & y7;
    const uint64_t z6 = t42 & y11, z7 = t45 & y17, z8 = t41 & y10, z9 = t44 & y12, z10 = t37 & y3;
    const uint64_t z11 = t33 & y4, z12 = t43 & y13, z13 = t40 & y5, z14 = t29 & y2, z15 = t42 & y9;
    const uint64_t z16 = t45 & y14, z17 = t41 & y8;

    /* Bottom linear transform (includes the affine constant 0x63 as the complemented outputs). */
    const uint64_t t46 = z15 ^ z16, t47 = z10 ^ z11, t48 = z5 ^ z13, t49 = z9 ^ z10, t50 = z2 ^ z12;
    const uint64_t t51 = z2 ^ z5, t52 = z7 ^ z8, t53 = z0 ^ z3, t54 = z6 ^ z7, t55 = z16 ^ z17;
    const uint64_t t56 = z12 ^ t48, t57 = t50 ^ t53, t58 = z4 ^ t46, t59 = z3 ^ t54;
    const uint64_t t60 = t46 ^ t57, t61 = z14 ^ t57, t62 = t52 ^ t58, t63 = t49 ^ t58, t64 = z4 ^ t59;
    const uint64_t t65 = t61 ^ t62, t66 = z1 ^ t63;
    const uint64_t s0 = t59 ^ t63, s6 = t56 ^ ~t62, s7 = t48 ^ ~t60;
    const uint64_t t67 = t64 ^ t65;
    const uint64_t s3 = t53 ^ t66, s4 = t51 ^ t66, s5 = t47 ^ t65;
    const uint64_t s1 = t64 ^ ~s3, s2 = t55 ^ ~t67;

    q[7] = s0; q[6] = s1; q[5] = s2; q[4] = s3; q[3] = s4; q[2] = s5; q[1] = s6; q[0] = s7;
}

/* inv_affine - G(y) = A^-1·y + 0x05 (= A^-1·(y + 0x63)): bit i = y[i+2] ^ y[i+5] ^ y[i+7] (indices mod 8). */
static void inv_affine(uint64_t q[8])
{
    uint64_t y[8];
    memcpy(y, q, sizeof y);
    for (unsigned i = 0; i < 8; i++)
        q[i] = y[(i + 2) & 7] ^ y[(i + 5) & 7] ^ y[(i + 7) & 7];
    q[0] = ~q[0];
    q[2] = ~q[2];
}

/* inv_sub_bytes - FIPS 197 §5.3.2. */
static void inv_sub_bytes(uint64_t q[8])
{
    inv_affine(q);
    sub_bytes(q);
    inv_affine(q);
}

/* shift_rows - FIPS 197 §5.1.2: row r (bits 16r..16r+15, column c at 4c) rotates right by 4r bits. */
static inline uint64_t shift_rows1(uint64_t x)
{
    return (x & 0x000000000000FFFFu)
         | ((x & 0x00000000FFF00000u) >> 4) | ((x & 0x00000000000F0000u) << 12)
         | ((x & 0x0000FF0000000000u) >> 8) | ((x & 0x000000FF00000000u) << 8)
         | ((x & 0x0FFF000000000000u) << 4) | ((x & 0xF000000000000000u) >> 12);
}
/* inv_shift_rows1 - FIPS 197 §5.3.1: the opposite rotations. */
static inline uint64_t inv_shift_rows1(uint64_t x)
{
    return (x & 0x000000000000FFFFu)
         | ((x & 0x000000000FFF0000u) << 4) | ((x & 0x00000000F0000000u) >> 12)
         | ((x & 0x0000FF0000000000u) >> 8) | ((x & 0x000000FF00000000u) << 8)
         | ((x & 0xFFF0000000000000u) >> 4) | ((x & 0x000F000000000000u) << 12);
}

/* mix_columns - FIPS 197 §5.1.3: a'_r = 2·a_r + 3·a_(r+1) + a_(r+2) + a_(r+3)
 *             = 2·(a_r + a_(r+1)) + a_(r+1) + (a_(r+2) + a_(r+3)).
 * Rotating a word right by 16 brings row r+1 to row r; xtime (×2) shifts the bit planes up and folds the top
 * plane into planes 0, 1, 3, 4 (x^8 = x^4 + x^3 + x + 1). */
static void mix_columns(uint64_t q[8])
{
    uint64_t a1[8], t[8];
    for (unsigned b = 0; b < 8; b++) {
        a1[b] = rotr64(q[b], 16);
        t[b] = q[b] ^ a1[b];
    }
    q[0] = t[7] ^ a1[0] ^ rotr64(t[0], 32);
    q[1] = t[0] ^ t[7] ^ a1[1] ^ rotr64(t[1], 32);
    q[2] = t[1] ^ a1[2] ^ rotr64(t[2], 32);
    q[3] = t[2] ^ t[7] ^ a1[3] ^ rotr64(t[3], 32);
    q[4] = t[3] ^ t[7] ^ a1[4] ^ rotr64(t[4], 32);
    q[5] = t[4] ^ a1[5] ^ rotr64(t[5], 32);
    q[6] = t[5] ^ a1[6] ^ rotr64(t[6], 32);
    q[7] = t[6] ^ a1[7] ^ rotr64(t[7], 32);
}

/* inv_mix_columns - FIPS 197 §5.3.3. The circulant (0e 0b 0d 09) = (02 03 01 01)·(05 00 04 00), so
 * InvMixColumns(a) = MixColumns(a + 4·(a + a_(r+2))). */
static void inv_mix_columns(uint64_t q[8])
{
    uint64_t t[8];
    for (unsigned b = 0; b < 8; b++)
        t[b] = q[b] ^ rotr64(q[b], 32);
    /* ×4 = two xtimes: bit planes move up by two, planes 6 and 7 fold back. */
    uint64_t u6 = t[6], u7 = t[7];
    q[0] ^= u6;
    q[1] ^= u6 ^ u7;
    q[2] ^= t[0] ^ u7;
    q[3] ^= t[1] ^ u6;
    q[4] ^= t[2] ^ u6 ^ u7;
    q[5] ^= t[3] ^ u7;
    q[6] ^= t[4];
    q[7] ^= t[5];
    mix_columns(q);
}

static inline void add_round_key(uint64_t q[8], const uint64_t *sk)
{
    for (unsigned b = 0; b < 8; b++)
        q[b] ^= sk[b];
}

/* encrypt_planes / decrypt_planes - FIPS 197 §5.1 Cipher() and §5.3 InvCipher() on bit planes. */
static void encrypt_planes(uint64_t q[8], const uint64_t *sk, unsigned nr)
{
    add_round_key(q, sk);
    for (unsigned r = 1; r < nr; r++) {
        sub_bytes(q);
        for (unsigned b = 0; b < 8; b++)
            q[b] = shift_rows1(q[b]);
        mix_columns(q);
        add_round_key(q, sk + 8 * r);
    }
    sub_bytes(q);
    for (unsigned b = 0; b < 8; b++)
        q[b] = shift_rows1(q[b]);
    add_round_key(q, sk + 8 * nr);
}

static void decrypt_planes(uint64_t q[8], const uint64_t *sk, unsigned nr)
{
    add_round_key(q, sk + 8 * nr);
    for (unsigned r = nr - 1; r > 0; r--) {
        for (unsigned b = 0; b < 8; b++)
            q[b] = inv_shift_rows1(q[b]);
        inv_sub_bytes(q);
        add_round_key(q, sk + 8 * r);
        inv_mix_columns(q);
    }
    for (unsigned b = 0; b < 8; b++)
        q[b] = inv_shift_rows1(q[b]);
    inv_sub_bytes(q);
    add_round_key(q, sk);
}

/* aes_ct64_sub_word - SubWord() of FIPS 197 §5.2: S-box on each byte of w. With only q[0] non-zero, the
 * transpose puts bit u of byte t into plane u at slot 8t, and brings it back after the S-box. */
uint32_t aes_ct64_sub_word(uint32_t w)
{
    uint64_t q[8] = {w, 0, 0, 0, 0, 0, 0, 0};
    transpose(q);
    sub_bytes(q);
    transpose(q);
    uint32_t r = (uint32_t)q[0];
    fips140_wipe(q, sizeof q);
    return r;
}

/* aes_ct64_schedule - the round keys as bit planes, each copied into the four block positions. */
void aes_ct64_schedule(aes_sched *ks)
{
    for (unsigned r = 0; r <= ks->nr; r++) {
        uint64_t *q = ks->portable + 8 * r;
        for (unsigned k = 0; k < 4; k++)
            put_block(q, k, ks->rk_enc[r]);
        transpose(q);
    }
}

static const uint64_t *sk_of(const aes_sched *ks) { return ks->portable; }

void aes_ct64_ecb_encrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    uint64_t q[8];
    uint8_t buf[64] = {0};
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        memcpy(buf, in, 16 * n);
        load4(q, buf);
        encrypt_planes(q, sk_of(ks), ks->nr);
        store4(buf, q);
        memcpy(out, buf, 16 * n);
        in += 16 * n; out += 16 * n; nblocks -= n;
    }
    fips140_wipe(q, sizeof q);
    fips140_wipe(buf, sizeof buf);
}

void aes_ct64_ecb_decrypt(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks)
{
    uint64_t q[8];
    uint8_t buf[64] = {0};
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        memcpy(buf, in, 16 * n);
        load4(q, buf);
        decrypt_planes(q, sk_of(ks), ks->nr);
        store4(buf, q);
        memcpy(out, buf, 16 * n);
        in += 16 * n; out += 16 * n; nblocks -= n;
    }
    fips140_wipe(q, sizeof q);
    fips140_wipe(buf, sizeof buf);
}

/* aes_ct64_cbc_encrypt - SP 800-38A §6.2: C_j = CIPH(P_j ^ C_(j-1)); serial, one block per pass. */
void aes_ct64_cbc_encrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks)
{
    uint64_t q[8];
    uint8_t buf[64] = {0}, chain[16];
    memcpy(chain, iv, 16);
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        for (unsigned i = 0; i < 16; i++)
            buf[i] = (uint8_t)(in[i] ^ chain[i]);
        load4(q, buf);
        encrypt_planes(q, sk_of(ks), ks->nr);
        store4(buf, q);
        memcpy(chain, buf, 16);
        memcpy(out, buf, 16);
    }
    memcpy(iv, chain, 16);
    fips140_wipe(q, sizeof q);
    fips140_wipe(buf, sizeof buf);
}

/* aes_ct64_cbc_decrypt - SP 800-38A §6.2: P_j = CIPH^-1(C_j) ^ C_(j-1); four blocks per pass. The ciphertext
 * is copied before the output is written, so out == in works. */
void aes_ct64_cbc_decrypt(const aes_sched *ks, uint8_t iv[16], uint8_t *out, const uint8_t *in, size_t nblocks)
{
    uint64_t q[8];
    uint8_t buf[64], ct[64], chain[16];
    memcpy(chain, iv, 16);
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        memcpy(ct, in, 16 * n);
        memcpy(buf, ct, 16 * n);
        load4(q, buf);
        decrypt_planes(q, sk_of(ks), ks->nr);
        store4(buf, q);
        for (size_t i = 0; i < 16 * n; i++)
            out[i] = (uint8_t)(buf[i] ^ (i < 16 ? chain[i] : ct[i - 16]));
        memcpy(chain, ct + 16 * (n - 1), 16);
        in += 16 * n; out += 16 * n; nblocks -= n;
    }
    memcpy(iv, chain, 16);
    fips140_wipe(q, sizeof q);
    fips140_wipe(buf, sizeof buf);
}

/* next_counter - the counter after ctr: the 128-bit big-endian increment of SP 800-38A §B.1, or with inc32 the
 * low 32 bits only (SP 800-38D §6.2). Branch-free: in GCM with a non-96-bit IV the initial counter is derived
 * from GHASH under the secret H, so its value must not steer control flow. */
static void next_counter(uint8_t ctr[16], int inc32)
{
    unsigned lim = inc32 ? 12 : 0; /* public: the mode, not the counter value */
    uint32_t carry = 1;
    for (unsigned i = 16; i-- > lim;) {
        uint32_t v = (uint32_t)ctr[i] + carry;
        ctr[i] = (uint8_t)v;
        carry = v >> 8;
    }
}

/* aes_ct64_ctr - SP 800-38A §6.5: O_j = CIPH(T_j), out = in ^ O_j; four counter blocks per pass. */
void aes_ct64_ctr(const aes_sched *ks, uint8_t *out, const uint8_t *in, size_t nblocks, uint8_t ctr[16], int inc32)
{
    uint64_t q[8];
    uint8_t ks_buf[64];
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        for (size_t k = 0; k < 4; k++) {
            memcpy(ks_buf + 16 * k, ctr, 16);
            if (k < n)
                next_counter(ctr, inc32);
        }
        load4(q, ks_buf);
        encrypt_planes(q, sk_of(ks), ks->nr);
        store4(ks_buf, q);
        for (size_t i = 0; i < 16 * n; i++)
            out[i] = (uint8_t)(in[i] ^ ks_buf[i]);
        in += 16 * n; out += 16 * n; nblocks -= n;
    }
    fips140_wipe(q, sizeof q);
    fips140_wipe(ks_buf, sizeof ks_buf);
}
