/* fips140/hmac.h - HMAC (FIPS 198-1) over SHA-1, SHA-2 and SHA-3. */
#ifndef FIPS140_HMAC_H
#define FIPS140_HMAC_H

#include <stddef.h>
#include <stdint.h>
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_hmac_ctx - caller-owned HMAC state; keeps the keyed inner/outer states so fips140_hmac_reset() can
 * start a new message with the same key without re-hashing it. */
typedef struct fips140_hmac_ctx {
    uint32_t alg;     /* fips140_hash_alg; 0 when not keyed */
    uint32_t phase;   /* module-private */
    uint32_t keylen;  /* bytes, for the service indicator (SP 800-131A: at least 112 bits) */
    fips140_hash_ctx inner, outer;            /* running states */
    fips140_hash_ctx inner_keyed, outer_keyed; /* states right after absorbing K0^ipad / K0^opad */
} fips140_hmac_ctx;

/* fips140_hmac_init - key the context. alg is any fixed-length hash (not SHAKE). Any key length is accepted;
 * keys shorter than 112 bits make the service non-approved (indicator NOT_APPROVED). */
FIPS140_API fips140_status fips140_hmac_init(fips140_hmac_ctx *ctx, fips140_hash_alg alg, const uint8_t *key,
                                             size_t keylen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_hmac_update(fips140_hmac_ctx *ctx, const void *data, size_t len) FIPS140_MUST_CHECK;
/* fips140_hmac_final - write the MAC, truncated to outlen bytes (4 ≤ outlen ≤ digest size, SP 800-107r1 §5.3.3).
 * The key stays in the context: call fips140_hmac_reset() for the next message, or fips140_hmac_wipe(). */
FIPS140_API fips140_status fips140_hmac_final(fips140_hmac_ctx *ctx, uint8_t *out, size_t outlen) FIPS140_MUST_CHECK;
/* fips140_hmac_reset - start a new message under the same key. */
FIPS140_API fips140_status fips140_hmac_reset(fips140_hmac_ctx *ctx) FIPS140_MUST_CHECK;
/* fips140_hmac_wipe - zeroise the context (key material included). */
FIPS140_API void fips140_hmac_wipe(fips140_hmac_ctx *ctx);

/* fips140_hmac - one-shot HMAC. */
FIPS140_API fips140_status fips140_hmac(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *key,
                                        size_t keylen, const void *data, size_t len) FIPS140_MUST_CHECK;

/* fips140_hmac_verify_final - finish and compare with an expected MAC of explen bytes (4 ≤ explen ≤ digest size)
 * in constant time. Returns FIPS140_OK when it matches, FIPS140_ERR_AUTH when it does not; FIPS140_ERR_TAG_LENGTH,
 * FIPS140_ERR_NULL or FIPS140_ERR_STATE for bad calls. */
FIPS140_API fips140_status fips140_hmac_verify_final(fips140_hmac_ctx *ctx, const uint8_t *expected,
                                                     size_t explen) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
