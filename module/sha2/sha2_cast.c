/* module/sha2/sha2_cast.c - cryptographic algorithm self-tests (CASTs) for SHA-1 and SHA-2, FIPS 140-3
 * IG 10.3.A: a known-answer test of each hash before its first use.
 *
 * Each CAST hashes the same fixed 120-byte message through the public API, in two updates so the buffering is
 * exercised, and compares the digest with the known answer (computed with OpenSSL 3.0 `openssl dgst` and
 * Python hashlib). 120 bytes is 56 mod 64 and 120 mod 128, so the padding of every family spills into an
 * extra block. Per IG 10.3.A, the SHA2-256 CAST also covers SHA-224, and the SHA2-512 CAST covers SHA-384,
 * SHA-512/224 and SHA-512/256: they use the same compression function and differ only in the initial value
 * and the truncation. Each CAST runs with whichever implementation (SHA-NI, AVX2, portable) is selected. */
#include "../core/internal.h"
#include "../core/ct.h"

/* cast_message - byte i is (29 i + 7) mod 256, 0 <= i < 120. */
static void cast_message(uint8_t msg[120])
{
    for (unsigned i = 0; i < 120; i++)
        msg[i] = (uint8_t)(i * 29u + 7u);
}

static const uint8_t kat_sha1[20] = {
    0x33, 0x29, 0x9a, 0x03, 0x1d, 0x84, 0xbd, 0x91, 0xb3, 0x10, 0x1e, 0xb0, 0xa1, 0x2c, 0x36, 0xd3,
    0x32, 0xfe, 0x75, 0xe8,
};
static const uint8_t kat_sha256[32] = {
    0x0e, 0xfe, 0xbb, 0x7a, 0xd0, 0x3d, 0xac, 0xd3, 0x4c, 0x32, 0xe6, 0xfe, 0x65, 0x90, 0xe1, 0x53,
    0x66, 0x96, 0xfa, 0xaa, 0xd4, 0x7d, 0x0b, 0xbe, 0x68, 0xc4, 0xc5, 0x89, 0x87, 0x16, 0xd8, 0xdd,
};
static const uint8_t kat_sha512[64] = {
    0xb9, 0x12, 0x6a, 0x8b, 0xa6, 0xe7, 0x7d, 0x1d, 0xae, 0x84, 0xf4, 0x54, 0x48, 0x34, 0xca, 0x11,
    0x31, 0xf4, 0xf4, 0x1b, 0xf7, 0xaa, 0x15, 0x3c, 0xf4, 0x42, 0xe4, 0x5a, 0x57, 0x7e, 0x1c, 0x2e,
    0x3b, 0x8d, 0xe8, 0x72, 0x10, 0xd0, 0xae, 0x7a, 0xba, 0xb5, 0x00, 0xfe, 0x9c, 0x82, 0x88, 0xe5,
    0x27, 0xa2, 0x25, 0x58, 0x98, 0xcc, 0x67, 0x0c, 0x7b, 0xa0, 0x7c, 0xec, 0x9a, 0x14, 0x61, 0x57,
};

/* run_kat - hash the CAST message with alg (updates of 13 and 107 bytes) and compare with the answer.
 * Returns 0 on pass. */
static int run_kat(fips140_hash_alg alg, const uint8_t *expected, size_t n)
{
    uint8_t msg[120], md[64];
    fips140_hash_ctx ctx;
    cast_message(msg);
    if (fips140_hash_init(&ctx, alg) != FIPS140_OK ||
        fips140_hash_update(&ctx, msg, 13) != FIPS140_OK ||
        fips140_hash_update(&ctx, msg + 13, sizeof msg - 13) != FIPS140_OK ||
        fips140_hash_final(&ctx, md, n) != FIPS140_OK) {
        fips140_wipe(&ctx, sizeof ctx);
        return 1;
    }
    return ct_memeq(md, expected, n) ? 0 : 1;
}

/* fips140_cast_sha1 - CAST "SHA-1". */
int fips140_cast_sha1(void) { return run_kat(FIPS140_SHA1, kat_sha1, sizeof kat_sha1); }

/* fips140_cast_sha256 - CAST "SHA2-256"; also covers SHA-224 (IG 10.3.A). */
int fips140_cast_sha256(void) { return run_kat(FIPS140_SHA256, kat_sha256, sizeof kat_sha256); }

/* fips140_cast_sha512 - CAST "SHA2-512"; also covers SHA-384, SHA-512/224, SHA-512/256 (IG 10.3.A). */
int fips140_cast_sha512(void) { return run_kat(FIPS140_SHA512, kat_sha512, sizeof kat_sha512); }
