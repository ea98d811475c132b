/* fips140/cmac.h - CMAC-AES (SP 800-38B) and GMAC (SP 800-38D, GCM with no plaintext).
 *
 * Both are keyed once and then used for any number of messages. Contexts are caller-owned; wipe them with
 * fips140_cmac_wipe() / fips140_gmac_wipe(). */
#ifndef FIPS140_CMAC_H
#define FIPS140_CMAC_H

#include <stddef.h>
#include <stdint.h>
#include "aes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_cmac_ctx - CMAC-AES state: the expanded key, the subkeys K1/K2 (SP 800-38B §6.1) and the running
 * CBC-MAC value with up to one block of buffered input (the last block is processed by final). */
typedef struct fips140_cmac_ctx {
    fips140_aes_key key;
    uint8_t k1[16], k2[16];
    uint8_t x[16];      /* running chaining value */
    uint8_t buf[16];    /* unprocessed input (1..16 bytes once anything was absorbed) */
    uint32_t buflen;
    uint32_t phase;     /* module-private */
} fips140_cmac_ctx;

/* fips140_cmac_init - key the context with a 16, 24 or 32-byte AES key (else FIPS140_ERR_KEY_LENGTH). */
FIPS140_API fips140_status fips140_cmac_init(fips140_cmac_ctx *ctx, const uint8_t *key, size_t keylen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_cmac_update(fips140_cmac_ctx *ctx, const void *data, size_t len) FIPS140_MUST_CHECK;
/* fips140_cmac_final - write the MAC truncated to outlen bytes (1..16; SP 800-38B §6.2 step 7 takes the MSBs).
 * Lengths below 8 bytes (64 bits, SP 800-38B Appendix A) are not approved. The key stays: see reset. */
FIPS140_API fips140_status fips140_cmac_final(fips140_cmac_ctx *ctx, uint8_t *out, size_t outlen) FIPS140_MUST_CHECK;
/* fips140_cmac_verify_final - finish and compare with expected (1..16 bytes) in constant time: FIPS140_OK or
 * FIPS140_ERR_AUTH. */
FIPS140_API fips140_status fips140_cmac_verify_final(fips140_cmac_ctx *ctx, const uint8_t *expected,
                                                     size_t explen) FIPS140_MUST_CHECK;
/* fips140_cmac_reset - start a new message under the same key. */
FIPS140_API fips140_status fips140_cmac_reset(fips140_cmac_ctx *ctx) FIPS140_MUST_CHECK;
FIPS140_API void fips140_cmac_wipe(fips140_cmac_ctx *ctx);
/* fips140_cmac - one-shot CMAC-AES. */
FIPS140_API fips140_status fips140_cmac(uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                                        const void *data, size_t len) FIPS140_MUST_CHECK;

/* ---- GMAC: GCM authentication of data without encryption (SP 800-38D §3: "GMAC"), the tag of GCM with the
 * data as AAD and an empty plaintext. Usage: init (key) once, then per message start (IV) → update* → final or
 * verify. IVs: any length >= 1 byte, as GCM. Tags: 4..16 bytes; lengths outside SP 800-38D §5.2.1.2 are not
 * approved. The IV is the caller's (as GCM's caller-IV services, see aes.h), which FIPS 140-3 IG C.H allows
 * for GMAC since nothing is encrypted. */
typedef struct fips140_gmac_ctx {
    fips140_aes_gcm_ctx gcm;
    uint32_t phase;     /* module-private */
} fips140_gmac_ctx;

FIPS140_API fips140_status fips140_gmac_init(fips140_gmac_ctx *ctx, const uint8_t *key, size_t keylen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_gmac_start(fips140_gmac_ctx *ctx, const uint8_t *iv, size_t ivlen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_gmac_update(fips140_gmac_ctx *ctx, const void *data, size_t len) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_gmac_final(fips140_gmac_ctx *ctx, uint8_t *tag, size_t taglen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_gmac_verify(fips140_gmac_ctx *ctx, const uint8_t *tag, size_t taglen) FIPS140_MUST_CHECK;
FIPS140_API void fips140_gmac_wipe(fips140_gmac_ctx *ctx);
/* fips140_gmac - one-shot GMAC. */
FIPS140_API fips140_status fips140_gmac(uint8_t *tag, size_t taglen, const uint8_t *key, size_t keylen,
                                        const uint8_t *iv, size_t ivlen, const void *data, size_t len) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
