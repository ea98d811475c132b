/* fips140/hash.h - SHA-1 (FIPS 180-4), SHA-2 (FIPS 180-4), SHA-3 and SHAKE (FIPS 202).
 *
 * One generic interface over every hash: pick the algorithm with a fips140_hash_alg, then init / update / final,
 * or the one-shot fips140_hash(). Contexts are caller-owned and never allocate. */
#ifndef FIPS140_HASH_H
#define FIPS140_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_hash_alg - hash algorithms; the names in comments are the ACVP algorithm names. */
typedef enum fips140_hash_alg {
    FIPS140_SHA1 = 1,       /* SHA-1 */
    FIPS140_SHA224 = 2,     /* SHA2-224 */
    FIPS140_SHA256 = 3,     /* SHA2-256 */
    FIPS140_SHA384 = 4,     /* SHA2-384 */
    FIPS140_SHA512 = 5,     /* SHA2-512 */
    FIPS140_SHA512_224 = 6, /* SHA2-512/224 */
    FIPS140_SHA512_256 = 7, /* SHA2-512/256 */
    FIPS140_SHA3_224 = 8,   /* SHA3-224 */
    FIPS140_SHA3_256 = 9,   /* SHA3-256 */
    FIPS140_SHA3_384 = 10,  /* SHA3-384 */
    FIPS140_SHA3_512 = 11,  /* SHA3-512 */
    FIPS140_SHAKE128 = 12,  /* SHAKE-128 (extendable output) */
    FIPS140_SHAKE256 = 13   /* SHAKE-256 (extendable output) */
} fips140_hash_alg;

#define FIPS140_HASH_MAX_DIGEST 64u  /* largest fixed digest (SHA-512, SHA3-512) */
#define FIPS140_HASH_MAX_BLOCK 168u  /* largest block / rate (SHAKE-128) */

/* Per-family states. Fields are private to the module; they are public only so callers can own the memory. */
typedef struct fips140_sha1_ctx {
    uint32_t h[5];
    uint64_t nbytes;  /* bytes absorbed so far */
    uint8_t buf[64];
    uint32_t buflen;
} fips140_sha1_ctx;

typedef struct fips140_sha256_ctx {
    uint32_t h[8];
    uint64_t nbytes;
    uint8_t buf[64];
    uint32_t buflen;
    uint32_t outlen;  /* 28 or 32 */
} fips140_sha256_ctx;

typedef struct fips140_sha512_ctx {
    uint64_t h[8];
    uint64_t nbytes_lo, nbytes_hi;  /* 128-bit byte count */
    uint8_t buf[128];
    uint32_t buflen;
    uint32_t outlen;  /* 28, 32, 48 or 64 */
} fips140_sha512_ctx;

typedef struct fips140_keccak_ctx {
    uint64_t a[25];     /* Keccak-p[1600] state, lane (x,y) at a[x + 5*y] */
    uint32_t rate;      /* bytes */
    uint32_t pos;       /* absorb/squeeze position inside the rate */
    uint8_t dsbyte;     /* domain separation + first padding bit: 0x06 SHA-3, 0x1F SHAKE */
    uint8_t squeezing;  /* 0 while absorbing, 1 once padded */
} fips140_keccak_ctx;

/* fips140_hash_ctx - state of any hash. */
typedef struct fips140_hash_ctx {
    uint32_t alg;    /* fips140_hash_alg; 0 when not initialised */
    uint32_t phase;  /* module-private: absorbing / squeezing / finished */
    union {
        fips140_sha1_ctx sha1;
        fips140_sha256_ctx sha256;
        fips140_sha512_ctx sha512;
        fips140_keccak_ctx keccak;
    } u;
} fips140_hash_ctx;

/* fips140_hash_digest_size - digest length in bytes; for SHAKE, its default output length: 16 / 32 bytes, the
 * security strength in bytes (as OpenSSL's default). 0 for an unknown algorithm. */
FIPS140_API size_t fips140_hash_digest_size(fips140_hash_alg alg);
/* fips140_hash_block_size - block size (SHA-1/2) or rate (SHA-3/SHAKE) in bytes; 0 if unknown. */
FIPS140_API size_t fips140_hash_block_size(fips140_hash_alg alg);
/* fips140_hash_name - ACVP name ("SHA2-256", "SHAKE-128"...), NULL if unknown. */
FIPS140_API const char *fips140_hash_name(fips140_hash_alg alg);
/* fips140_hash_is_xof - 1 for SHAKE-128/256, 0 otherwise. */
FIPS140_API int fips140_hash_is_xof(fips140_hash_alg alg);

/* fips140_hash_init - start a new hash computation of algorithm alg. */
FIPS140_API fips140_status fips140_hash_init(fips140_hash_ctx *ctx, fips140_hash_alg alg) FIPS140_MUST_CHECK;

/* fips140_hash_update - absorb len bytes (data may be NULL only when len is 0). Fails with FIPS140_ERR_STATE
 * after final, and FIPS140_ERR_DATA_LENGTH past the algorithm's message limit (2^64-1 bits for SHA-1/224/256). */
FIPS140_API fips140_status fips140_hash_update(fips140_hash_ctx *ctx, const void *data, size_t len) FIPS140_MUST_CHECK;

/* fips140_hash_final - finish and write the digest. For fixed-length hashes outlen must equal the digest size;
 * for SHAKE it may be any length (including 0). The context is wiped afterwards, except for SHAKE, where
 * fips140_hash_squeeze() may continue the output stream. */
FIPS140_API fips140_status fips140_hash_final(fips140_hash_ctx *ctx, uint8_t *out, size_t outlen) FIPS140_MUST_CHECK;

/* fips140_hash_final_bits - like fips140_hash_final, for a message whose length is not a whole number of bytes:
 * first absorbs the nbits (0..7) most significant bits of last_bits, then finishes. This is how NIST's test
 * vectors (and ACVP's hex strings) carry a trailing partial byte: its bits sit at the top of the last byte, in
 * the order FIPS 180-4 gives them for SHA-1/SHA-2 and, for SHA-3/SHAKE, as the integer last_bits >> (8 - nbits)
 * in FIPS 202's little-endian bit order (Appendix B.1). */
FIPS140_API fips140_status fips140_hash_final_bits(fips140_hash_ctx *ctx, uint8_t *out, size_t outlen,
                                                   uint8_t last_bits, unsigned nbits) FIPS140_MUST_CHECK;

/* fips140_hash_squeeze - SHAKE only: continue the output stream after fips140_hash_final. */
FIPS140_API fips140_status fips140_hash_squeeze(fips140_hash_ctx *ctx, uint8_t *out, size_t outlen) FIPS140_MUST_CHECK;

/* fips140_hash - one-shot: out = HASH(data). outlen as for fips140_hash_final. */
FIPS140_API fips140_status fips140_hash(fips140_hash_alg alg, uint8_t *out, size_t outlen, const void *data,
                                        size_t len) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
