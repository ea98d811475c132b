/* module/sha2/sha2_impl.h - what the SHA-1 / SHA-2 engines (sha1.c, sha256.c, sha512.c) share with their
 * CPU-specific implementations (sha_ni.c, sha512_avx2.c). FIPS 180-4 (August 2015).
 *
 * Every implementation has the signature of the fips140_shaX_blocks() dispatchers in hash/hash_internal.h and
 * updates the chaining value h over nblocks whole blocks. The accelerated ones are compiled with GCC/Clang
 * function target attributes, so no file needs special compiler flags; they are only called after cpu_has()
 * confirmed the instructions exist. */
#ifndef FIPS140_SHA2_IMPL_H
#define FIPS140_SHA2_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "../core/internal.h"

/* fips140_sha256_k / fips140_sha512_k - the round constants K (FIPS 180-4 §4.2.2, §4.2.3). sha256_k is
 * 16-byte aligned so SHA-NI code can load it with aligned loads. */
extern const uint32_t fips140_sha256_k[64];
extern const uint64_t fips140_sha512_k[80];

/* Portable C, constant time (no secret-dependent branches or addresses), for every CPU. */
void fips140_sha1_blocks_portable(uint32_t h[5], const uint8_t *p, size_t nblocks);
void fips140_sha256_blocks_portable(uint32_t h[8], const uint8_t *p, size_t nblocks);
void fips140_sha512_blocks_portable(uint64_t h[8], const uint8_t *p, size_t nblocks);

#if FIPS140_X86_64
/* SHA-NI mask: the SHA extensions plus the SSSE3 (pshufb) and SSE4.1 (pblendw, pextrd) the code also uses. */
#define FIPS140_SHA_NI_MASK (FIPS140_CPU_SHANI | FIPS140_CPU_SSE41 | FIPS140_CPU_SSSE3)
/* AVX2 + BMI1/BMI2 mask for SHA-512: the message schedule of two blocks in ymm registers, rounds with rorx/andn. */
#define FIPS140_SHA512_AVX2_MASK (FIPS140_CPU_AVX | FIPS140_CPU_AVX2 | FIPS140_CPU_BMI1 | FIPS140_CPU_BMI2)

void fips140_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks);
void fips140_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks);
void fips140_sha512_blocks_avx2(uint64_t h[8], const uint8_t *p, size_t nblocks);
#endif

#endif
