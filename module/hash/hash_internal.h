/* module/hash/hash_internal.h - the interface between the generic hash front (hash/hash.c) and the
 * per-family engines: SHA-1 and SHA-2 compression functions (sha2/, FIPS 180-4 §6) and the Keccak sponge
 * (sha3/, FIPS 202 §4 and §5). Each engine picks its fastest implementation at run time (cpu_has()). */
#ifndef FIPS140_HASH_INTERNAL_H
#define FIPS140_HASH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <fips140/hash.h>

/* fips140_sha1_blocks / _sha256_blocks / _sha512_blocks - apply the compression function to nblocks full
 * blocks (64, 64 and 128 bytes) at p, updating the chaining value h (FIPS 180-4 §6.1.2, §6.2.2, §6.4.2). */
void fips140_sha1_blocks(uint32_t h[5], const uint8_t *p, size_t nblocks);
void fips140_sha256_blocks(uint32_t h[8], const uint8_t *p, size_t nblocks);
void fips140_sha512_blocks(uint64_t h[8], const uint8_t *p, size_t nblocks);

/* fips140_keccak_f1600 - the Keccak-p[1600, 24] permutation (FIPS 202 §3.3), lane (x,y) at a[x + 5y]. */
void fips140_keccak_f1600(uint64_t a[25]);

/* Keccak sponge (FIPS 202 §4) over a fips140_keccak_ctx.
 * init:   rate in bytes (168, 144, 136, 104, 72), dsbyte = domain bits plus the first pad bit, bit-reversed into
 *         the low bits of a byte: 0x06 for SHA-3 (suffix 01), 0x1F for SHAKE (suffix 1111).
 * absorb: any number of bytes, before finish.
 * finish: absorb the nbits (0..7) most significant bits of last_bits (MSB-first, as FIPS 180-4/ACVP hex strings
 *         give them) then apply pad10*1 and the domain suffix; switches to squeezing.
 * squeeze: any number of bytes, repeatedly. */
void fips140_keccak_init(fips140_keccak_ctx *k, unsigned rate, uint8_t dsbyte);
void fips140_keccak_absorb(fips140_keccak_ctx *k, const uint8_t *p, size_t n);
void fips140_keccak_finish(fips140_keccak_ctx *k, uint8_t last_bits, unsigned nbits);
void fips140_keccak_squeeze(fips140_keccak_ctx *k, uint8_t *out, size_t n);

/* The hash front without its service gate and indicator, for services that gate once themselves (the DRBGs, whose
 * CAST covers their hash, and the module RNG below them). setup: alg must be valid; absorb: FIPS140_ERR_DATA_LENGTH
 * past the message limit; digest: fixed-length algorithms only, writes the digest size and wipes the state. */
void fips140_hash_setup_internal(fips140_hash_ctx *ctx, uint32_t alg);
fips140_status fips140_hash_absorb_internal(fips140_hash_ctx *ctx, const uint8_t *p, size_t len);
void fips140_hash_digest_internal(fips140_hash_ctx *ctx, uint8_t *out);

#endif
