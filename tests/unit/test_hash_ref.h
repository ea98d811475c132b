/* tests/unit/test_hash_ref.h - independent references for bit-oriented hashing, used by test_hash.c to check
 * fips140_hash_final_bits() where OpenSSL (byte-oriented) cannot:
 *  - ref_sha_bits: SHA-1 and SHA-2 of a message of whole bytes plus 0..7 bits, with the padding of
 *    FIPS 180-4 §5.1 done here and the compression functions taken from OpenSSL (SHA*_Transform); the SHA-512/t
 *    initial values are generated as FIPS 180-4 §5.3.6 specifies.
 *  - ref_keccak_bits: SHA-3 / SHAKE (FIPS 202) written from the specification: the step mappings of §3.2 with
 *    the rotation offsets and round constants computed by Algorithms 2 and 5, the sponge of §4 and pad10*1.
 * Message convention (the module's, and ACVP's): nbytes whole bytes, then the nbits most significant bits of
 * `last`. For SHA-3, ACVP's convention is that those bits form the partial byte last >> (8 - nbits), whose bits
 * enter the FIPS 202 bit string LSB first (Appendix B.1), like every whole byte. Checked against ACVP vectors
 * (the other reading, MSB first, fails them). */
#ifndef FIPS140_TEST_HASH_REF_H
#define FIPS140_TEST_HASH_REF_H

#include <openssl/sha.h>

/* ref_pad - FIPS 180-4 §5.1.1 / §5.1.2: M || 1 || 0^k || <length in lenbytes bytes>. Returns a malloc'd buffer of
 * *nblocks blocks. */
static uint8_t *ref_pad(const uint8_t *msg, size_t nbytes, uint8_t last, unsigned nbits, size_t block,
                        size_t lenbytes, size_t *nblocks)
{
    size_t total = (nbytes + 1 + lenbytes + block - 1) / block * block;
    uint8_t *p = (uint8_t *)calloc(total, 1);
    if (p == NULL) abort();
    if (nbytes) memcpy(p, msg, nbytes);
    p[nbytes] = (uint8_t)((last & (uint8_t)(0xFF00u >> nbits)) | (0x80u >> nbits));
    uint64_t lo = (uint64_t)nbytes * 8 + nbits, hi = (uint64_t)nbytes >> 61;
    for (size_t i = 0; i < 8; i++) p[total - 1 - i] = (uint8_t)(lo >> (8 * i));
    if (lenbytes == 16)
        for (size_t i = 0; i < 8; i++) p[total - 9 - i] = (uint8_t)(hi >> (8 * i));
    *nblocks = total / block;
    return p;
}

/* ref_sha512_core - run the SHA-512 compression from chaining value h over the padded bit message. */
static void ref_sha512_core(uint64_t h[8], const uint8_t *msg, size_t nbytes, uint8_t last, unsigned nbits)
{
    size_t nb;
    uint8_t *p = ref_pad(msg, nbytes, last, nbits, 128, 16, &nb);
    SHA512_CTX c;
    SHA512_Init(&c);
    for (int i = 0; i < 8; i++) c.h[i] = h[i];
    for (size_t b = 0; b < nb; b++) SHA512_Transform(&c, p + 128 * b);
    for (int i = 0; i < 8; i++) h[i] = c.h[i];
    free(p);
}

/* ref_sha_bits - digest (dlen bytes) of a bit message for the SHA-1 / SHA-2 algorithm alg. */
static void ref_sha_bits(fips140_hash_alg alg, uint8_t *out, const uint8_t *msg, size_t nbytes, uint8_t last,
                         unsigned nbits)
{
    size_t nb;
    if (alg == FIPS140_SHA1) {
        uint8_t *p = ref_pad(msg, nbytes, last, nbits, 64, 8, &nb);
        SHA_CTX c;
        SHA1_Init(&c);
        for (size_t b = 0; b < nb; b++) SHA1_Transform(&c, p + 64 * b);
        uint32_t h[5] = {c.h0, c.h1, c.h2, c.h3, c.h4};
        for (int i = 0; i < 20; i++) out[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
        free(p);
    } else if (alg == FIPS140_SHA224 || alg == FIPS140_SHA256) {
        uint8_t *p = ref_pad(msg, nbytes, last, nbits, 64, 8, &nb);
        SHA256_CTX c;
        if (alg == FIPS140_SHA224) SHA224_Init(&c); else SHA256_Init(&c);
        for (size_t b = 0; b < nb; b++) SHA256_Transform(&c, p + 64 * b);
        size_t dlen = alg == FIPS140_SHA224 ? 28 : 32;
        for (size_t i = 0; i < dlen; i++) out[i] = (uint8_t)(c.h[i / 4] >> (24 - 8 * (i % 4)));
        free(p);
    } else {
        SHA512_CTX c;
        uint64_t h[8];
        size_t dlen = 64;
        if (alg == FIPS140_SHA384) SHA384_Init(&c); else SHA512_Init(&c);
        for (int i = 0; i < 8; i++) h[i] = c.h[i];
        if (alg == FIPS140_SHA384) dlen = 48;
        if (alg == FIPS140_SHA512_224 || alg == FIPS140_SHA512_256) {
            /* FIPS 180-4 §5.3.6: H(0)'' = H(0) of SHA-512 xor a5a5...; IV = SHA-512''("SHA-512/t"). */
            const char *name = alg == FIPS140_SHA512_224 ? "SHA-512/224" : "SHA-512/256";
            for (int i = 0; i < 8; i++) h[i] ^= 0xa5a5a5a5a5a5a5a5ull;
            ref_sha512_core(h, (const uint8_t *)name, strlen(name), 0, 0);
            dlen = alg == FIPS140_SHA512_224 ? 28 : 32;
        }
        ref_sha512_core(h, msg, nbytes, last, nbits);
        for (size_t i = 0; i < dlen; i++) out[i] = (uint8_t)(h[i / 8] >> (56 - 8 * (i % 8)));
    }
}

static uint64_t ref_rotl(uint64_t v, unsigned r) { return r == 0 ? v : (v << r) | (v >> (64 - r)); }

/* ref_keccak_f - Keccak-p[1600, 24] (FIPS 202 §3.3), lane (x, y) at a[x + 5y]. */
static void ref_keccak_f(uint64_t a[25])
{
    static unsigned rho[25];
    static uint64_t rc[24];
    static int ready;
    if (!ready) {
        /* Algorithm 2 (ρ offsets). */
        unsigned x = 1, y = 0;
        for (unsigned t = 0; t < 24; t++) {
            rho[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
            unsigned nx = y, ny = (2 * x + 3 * y) % 5;
            x = nx;
            y = ny;
        }
        /* Algorithm 5 (rc(t), an LFSR) and Algorithm 6 (RC[2^j - 1] = rc(j + 7 ir)). */
        unsigned r = 1;
        for (unsigned ir = 0; ir < 24; ir++) {
            rc[ir] = 0;
            for (unsigned j = 0; j < 7; j++) {
                if (r & 1) rc[ir] |= (uint64_t)1 << ((1u << j) - 1);
                r <<= 1;
                if (r & 0x100) r ^= 0x171;
            }
        }
        ready = 1;
    }
    for (unsigned ir = 0; ir < 24; ir++) {
        uint64_t c[5], b[25];
        for (unsigned x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        for (unsigned x = 0; x < 5; x++) {
            uint64_t d = c[(x + 4) % 5] ^ ref_rotl(c[(x + 1) % 5], 1); /* θ */
            for (unsigned y = 0; y < 5; y++) a[x + 5 * y] ^= d;
        }
        for (unsigned i = 0; i < 25; i++) a[i] = ref_rotl(a[i], rho[i]); /* ρ */
        for (unsigned x = 0; x < 5; x++)                                  /* π */
            for (unsigned y = 0; y < 5; y++) b[x + 5 * y] = a[(x + 3 * y) % 5 + 5 * x];
        for (unsigned x = 0; x < 5; x++) /* χ */
            for (unsigned y = 0; y < 5; y++)
                a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
        a[0] ^= rc[ir]; /* ι */
    }
}

/* ref_keccak_bits - SPONGE[Keccak-p, pad10*1, rate](M || suffix, outlen): SHA-3 has suffix 01 (xof = 0),
 * SHAKE 1111 (xof = 1) (FIPS 202 §6.1, §6.2). */
static void ref_keccak_bits(size_t rate, int xof, uint8_t *out, size_t outlen, const uint8_t *msg, size_t nbytes,
                            uint8_t last, unsigned nbits)
{
    size_t nbits_total = nbytes * 8 + nbits + (xof ? 4 : 2);
    size_t rbits = rate * 8;
    size_t plen = (nbits_total + 2 + rbits - 1) / rbits * rbits; /* pad10*1 adds at least two bits */
    uint8_t *p = (uint8_t *)calloc(plen / 8, 1);
    if (p == NULL) abort();
#define REF_SETBIT(i) (p[(i) / 8] |= (uint8_t)(1u << ((i) % 8)))
    if (nbytes) memcpy(p, msg, nbytes);
    size_t pos = nbytes * 8;
    for (unsigned i = 0; i < nbits; i++, pos++)
        if ((last >> (8 - nbits + i)) & 1) REF_SETBIT(pos);
    if (xof) {
        for (int i = 0; i < 4; i++, pos++) REF_SETBIT(pos);
    } else {
        pos++; /* 0 */
        REF_SETBIT(pos);
        pos++; /* 1 */
    }
    REF_SETBIT(pos);      /* pad10*1: first 1 */
    REF_SETBIT(plen - 1); /* last 1 */
#undef REF_SETBIT
    uint64_t a[25] = {0};
    for (size_t blk = 0; blk < plen / 8; blk += rate) {
        for (size_t k = 0; k < rate; k++) a[k / 8] ^= (uint64_t)p[blk + k] << (8 * (k % 8));
        ref_keccak_f(a);
    }
    for (size_t o = 0; o < outlen; o++) {
        if (o > 0 && o % rate == 0) ref_keccak_f(a);
        out[o] = (uint8_t)(a[(o % rate) / 8] >> (8 * (o % 8)));
    }
    free(p);
}

#endif
