/* fips140/ccm.h - AES-CCM (SP 800-38C): CBC-MAC authentication plus CTR encryption.
 *
 * CCM needs the message and AAD lengths before it starts (the B0 block, §A.2.1), so the interface is one-shot:
 * key a context once, then encrypt or decrypt whole messages. Nonces are 7..13 bytes (§A.1: n in {7..13}); tags are
 * 4, 6, 8, 10, 12, 14 or 16 bytes (§A.1: Tlen in {32, 48, ..., 128}); anything else is FIPS140_ERR_IV_LENGTH or
 * FIPS140_ERR_TAG_LENGTH. The payload must fit the length field: len < 2^(8q) with q = 15 - nonce length
 * (FIPS140_ERR_DATA_LENGTH otherwise). Tags shorter than 8 bytes are not approved (SP 800-38C Appendix B). */
#ifndef FIPS140_CCM_H
#define FIPS140_CCM_H

#include <stddef.h>
#include <stdint.h>
#include "aes.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fips140_aes_ccm_ctx {
    fips140_aes_key key;
    uint32_t phase;     /* module-private */
} fips140_aes_ccm_ctx;

/* fips140_aes_ccm_init - key the context with a 16, 24 or 32-byte AES key. */
FIPS140_API fips140_status fips140_aes_ccm_init(fips140_aes_ccm_ctx *ctx, const uint8_t *key, size_t keylen) FIPS140_MUST_CHECK;
/* fips140_aes_ccm_encrypt - encrypt in[0..len) to out (same length) and write the tag (taglen bytes). */
FIPS140_API fips140_status fips140_aes_ccm_encrypt(fips140_aes_ccm_ctx *ctx, uint8_t *out, uint8_t *tag, size_t taglen,
                                                   const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                                                   size_t aadlen, const uint8_t *in, size_t len) FIPS140_MUST_CHECK;
/* fips140_aes_ccm_decrypt - decrypt and verify; on FIPS140_ERR_AUTH out[0..len) is zeroed (nothing released). */
FIPS140_API fips140_status fips140_aes_ccm_decrypt(fips140_aes_ccm_ctx *ctx, uint8_t *out, const uint8_t *nonce,
                                                   size_t noncelen, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                                                   size_t len, const uint8_t *tag, size_t taglen) FIPS140_MUST_CHECK;
FIPS140_API void fips140_aes_ccm_wipe(fips140_aes_ccm_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
