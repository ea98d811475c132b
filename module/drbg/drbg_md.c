/* module/drbg/drbg_md.c - the hash functions under HMAC_DRBG and Hash_DRBG (SP 800-90Ar1 §10.1): SHA-1 and SHA-2
 * (FIPS 180-4, August 2015) over the compression functions of sha2/, SHA-3 (FIPS 202) over the Keccak sponge of
 * sha3/. This is the public hash front without its per-call gate and indicator: the DRBG services gate once
 * (and run the primitive's CAST at instantiate), and the module's own RNG must not touch the indicator. */
#include <string.h>
#include "drbg_internal.h"
#include "../hash/hash_internal.h"

/* FIPS 180-4 §5.3.1 - §5.3.6: initial hash values (SHA-512/t values from the §5.3.6 IV generation function). */
static const uint32_t h0_sha1[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
static const uint32_t h0_sha224[8] = {0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
                                      0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u};
static const uint32_t h0_sha256[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                      0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
static const uint64_t h0_sha384[8] = {0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull,
                                      0x152fecd8f70e5939ull, 0x67332667ffc00b31ull, 0x8eb44a8768581511ull,
                                      0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull};
static const uint64_t h0_sha512[8] = {0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
                                      0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
                                      0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
static const uint64_t h0_sha512_224[8] = {0x8c3d37c819544da2ull, 0x73e1996689dcd4d6ull, 0x1dfab7ae32ff9c82ull,
                                          0x679dd514582f9fcfull, 0x0f6d2b697bd44da8ull, 0x77e36f7304c48942ull,
                                          0x3f9d85a86a1d36c8ull, 0x1112e6ad91d692a1ull};
static const uint64_t h0_sha512_256[8] = {0x22312194fc2bf72cull, 0x9f555fa3c84c64c2ull, 0x2393b86b6f53b151ull,
                                          0x963877195940eabdull, 0x96283ee2a88effe3ull, 0xbe5e1e2553863992ull,
                                          0x2b0199fc2c85b8aaull, 0x0eb72ddc81c52ca2ull};

/* drbg_md_family - which engine computes alg; SHAKE and unknown values are not DRBG hashes. */
uint32_t drbg_md_family(uint32_t alg)
{
    switch (alg) {
    case FIPS140_SHA1: return DRBG_MD_SHA1;
    case FIPS140_SHA224: case FIPS140_SHA256: return DRBG_MD_SHA256;
    case FIPS140_SHA384: case FIPS140_SHA512: case FIPS140_SHA512_224: case FIPS140_SHA512_256: return DRBG_MD_SHA512;
    case FIPS140_SHA3_224: case FIPS140_SHA3_256: case FIPS140_SHA3_384: case FIPS140_SHA3_512: return DRBG_MD_KECCAK;
    }
    return DRBG_MD_NONE;
}

/* drbg_md_init - start a hash of alg (a hash drbg_md_family accepts). */
void drbg_md_init(drbg_md *m, uint32_t alg)
{
    m->alg = alg;
    m->fam = drbg_md_family(alg);
    m->block = (uint32_t)fips140_hash_block_size((fips140_hash_alg)alg);
    m->nbytes = 0;
    m->buflen = 0;
    switch (alg) {
    case FIPS140_SHA1: memcpy(m->st.w, h0_sha1, sizeof h0_sha1); break;
    case FIPS140_SHA224: memcpy(m->st.w, h0_sha224, sizeof h0_sha224); break;
    case FIPS140_SHA256: memcpy(m->st.w, h0_sha256, sizeof h0_sha256); break;
    case FIPS140_SHA384: memcpy(m->st.d, h0_sha384, sizeof h0_sha384); break;
    case FIPS140_SHA512: memcpy(m->st.d, h0_sha512, sizeof h0_sha512); break;
    case FIPS140_SHA512_224: memcpy(m->st.d, h0_sha512_224, sizeof h0_sha512_224); break;
    case FIPS140_SHA512_256: memcpy(m->st.d, h0_sha512_256, sizeof h0_sha512_256); break;
    default:
        /* FIPS 202 §6.1: SHA3-d = Keccak[2d](M || 01, d); 0x06 holds the suffix 01 and the first pad bit. */
        fips140_keccak_init(&m->st.k, m->block, 0x06);
        break;
    }
}

/* compress - n whole blocks through the family's compression function (FIPS 180-4 §6.1.2, §6.2.2, §6.4.2). */
static void compress(drbg_md *m, const uint8_t *p, size_t n)
{
    if (m->fam == DRBG_MD_SHA1)
        fips140_sha1_blocks(m->st.w, p, n);
    else if (m->fam == DRBG_MD_SHA256)
        fips140_sha256_blocks(m->st.w, p, n);
    else
        fips140_sha512_blocks(m->st.d, p, n);
}

/* drbg_md_update - absorb n bytes. */
void drbg_md_update(drbg_md *m, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    if (m->fam == DRBG_MD_KECCAK) {
        fips140_keccak_absorb(&m->st.k, p, n);
        return;
    }
    const size_t bs = m->block;
    m->nbytes += n;
    if (m->buflen != 0) {
        size_t take = bs - m->buflen;
        if (take > n)
            take = n;
        memcpy(m->buf + m->buflen, p, take);
        m->buflen += (uint32_t)take;
        p += take;
        n -= take;
        if (m->buflen < bs)
            return;
        compress(m, m->buf, 1);
        m->buflen = 0;
    }
    if (n >= bs) {
        compress(m, p, n / bs);
        p += n - n % bs;
        n %= bs;
    }
    if (n != 0) {
        memcpy(m->buf, p, n);
        m->buflen = (uint32_t)n;
    }
}

/* drbg_md_final - FIPS 180-4 §5.1.1 / §5.1.2 padding (a 1 bit, zeros, the 64- or 128-bit message length; the
 * high half of the 128-bit length is zero here), then the leftmost digest-size bytes of the chaining value
 * (§6.3, §6.5-§6.7 truncation); or FIPS 202 padding and squeeze. */
void drbg_md_final(drbg_md *m, uint8_t *out)
{
    const size_t dlen = fips140_hash_digest_size((fips140_hash_alg)m->alg);
    if (m->fam == DRBG_MD_KECCAK) {
        fips140_keccak_finish(&m->st.k, 0, 0);
        fips140_keccak_squeeze(&m->st.k, out, dlen);
        return;
    }
    const size_t bs = m->block, lenbytes = bs == 128 ? 16 : 8;
    uint8_t tmp[64];
    m->buf[m->buflen++] = 0x80;
    if (m->buflen > bs - lenbytes) {
        memset(m->buf + m->buflen, 0, bs - m->buflen);
        compress(m, m->buf, 1);
        m->buflen = 0;
    }
    memset(m->buf + m->buflen, 0, bs - 8 - m->buflen);
    store64_be(m->buf + bs - 8, m->nbytes << 3);
    compress(m, m->buf, 1);
    if (m->fam == DRBG_MD_SHA512) {
        for (int i = 0; i < 8; i++)
            store64_be(tmp + 8 * i, m->st.d[i]);
    } else {
        for (int i = 0; i < (m->fam == DRBG_MD_SHA1 ? 5 : 8); i++)
            store32_be(tmp + 4 * i, m->st.w[i]);
    }
    memcpy(out, tmp, dlen);
    fips140_wipe(tmp, sizeof tmp);
}
