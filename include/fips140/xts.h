/* fips140/xts.h - XTS-AES (SP 800-38E, IEEE Std 1619-2018) for storage encryption.
 *
 * The key is two AES keys of equal length concatenated: 32 bytes (XTS-AES-128) or 64 bytes (XTS-AES-256); other
 * lengths give FIPS140_ERR_KEY_LENGTH, and two equal halves FIPS140_ERR_ARG (FIPS 140-3 IG C.I). A data unit is
 * encrypted in one call with its 16-byte tweak (the data unit's sequence number, little-endian, in IEEE 1619's
 * usual use); it must be at least 16 bytes (FIPS140_ERR_DATA_LENGTH) and at most 2^20 blocks (SP 800-38E §4);
 * partial last blocks use ciphertext stealing (IEEE 1619 §5.3.2). */
#ifndef FIPS140_XTS_H
#define FIPS140_XTS_H

#include <stddef.h>
#include <stdint.h>
#include "aes.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fips140_aes_xts_ctx {
    fips140_aes_key data_key;   /* Key1: encrypts the data */
    fips140_aes_key tweak_key;  /* Key2: encrypts the tweak */
    uint32_t phase;             /* module-private */
} fips140_aes_xts_ctx;

/* fips140_aes_xts_init - expand Key1 (first half of key) and Key2 (second half); see above for the errors. */
FIPS140_API fips140_status fips140_aes_xts_init(fips140_aes_xts_ctx *ctx, const uint8_t *key,
                                                size_t keylen) FIPS140_MUST_CHECK;
/* fips140_aes_xts_encrypt / _decrypt - one data unit of len bytes (16 <= len <= 2^24) under tweak. out may equal
 * in. A wiped context (fips140_aes_xts_wipe) gives FIPS140_ERR_STATE. */
FIPS140_API fips140_status fips140_aes_xts_encrypt(const fips140_aes_xts_ctx *ctx, uint8_t *out, const uint8_t *in,
                                                   size_t len, const uint8_t tweak[16]) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_aes_xts_decrypt(const fips140_aes_xts_ctx *ctx, uint8_t *out, const uint8_t *in,
                                                   size_t len, const uint8_t tweak[16]) FIPS140_MUST_CHECK;
FIPS140_API void fips140_aes_xts_wipe(fips140_aes_xts_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
