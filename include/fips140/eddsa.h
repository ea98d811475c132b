/* fips140/eddsa.h - EdDSA over edwards25519 (FIPS 186-5 §7, RFC 8032 §5.1): Ed25519, Ed25519ph (HashEdDSA with
 * SHA-512, with a context string) and Ed25519ctx.
 *
 * Keys are raw 32-byte strings: the private key is the RFC 8032 seed d, the public key the encoded point A.
 * Signatures are 64 bytes (R || S). Verification is the cofactorless equation [S]B = R + [k]A of RFC 8032 §5.1.7
 * and FIPS 186-5 §7.7.2, and rejects S >= L and non-canonical or off-curve encodings of A and R.
 *
 * Approved (FIPS 186-5): Ed25519 (no context) and Ed25519ph (context of 0..255 bytes). Ed25519ctx is not in
 * FIPS 186-5: it is non-approved (service indicator "not approved", refused in FIPS140=only mode). */
#ifndef FIPS140_EDDSA_H
#define FIPS140_EDDSA_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FIPS140_ED25519_PRIVATE_KEY_SIZE 32u
#define FIPS140_ED25519_PUBLIC_KEY_SIZE 32u
#define FIPS140_ED25519_SIGNATURE_SIZE 64u
#define FIPS140_ED25519_MAX_CONTEXT 255u

/* fips140_eddsa_variant - the RFC 8032 §5.1 variants. */
typedef enum fips140_eddsa_variant {
    FIPS140_ED25519 = 1,    /* pure Ed25519: no context (ctx must be empty) */
    FIPS140_ED25519PH = 2,  /* Ed25519ph: signs SHA-512(M), with a context (FIPS 186-5 HashEdDSA) */
    FIPS140_ED25519CTX = 3  /* Ed25519ctx: pure with a non-empty context; non-approved */
} fips140_eddsa_variant;

/* fips140_ed25519_keygen - new key pair: priv from fips140_rand_bytes (FIPS 186-5 §7.4), pub = [s]B; followed by
 * the pairwise consistency test. pub may be NULL. */
FIPS140_API fips140_status fips140_ed25519_keygen(uint8_t priv[32], uint8_t pub[32]) FIPS140_MUST_CHECK;

/* fips140_ed25519_public_key - pub = the public key of the 32-byte private key priv (RFC 8032 §5.1.5). */
FIPS140_API fips140_status fips140_ed25519_public_key(uint8_t pub[32], const uint8_t priv[32]) FIPS140_MUST_CHECK;

/* fips140_eddsa_sign - sig = the 64-byte signature of msg under priv (RFC 8032 §5.1.6; deterministic).
 * ctx/ctxlen: the context string (Ed25519ph, Ed25519ctx; up to 255 bytes; must be empty for FIPS140_ED25519 and
 * non-empty for FIPS140_ED25519CTX). For Ed25519ph, msg is the message itself; the module hashes it with SHA-512.
 * Errors: FIPS140_ERR_NULL, FIPS140_ERR_ARG (variant, context), FIPS140_ERR_NOT_APPROVED (Ed25519ctx in
 * FIPS140=only mode), FIPS140_ERR_ERROR_STATE. */
FIPS140_API fips140_status fips140_eddsa_sign(fips140_eddsa_variant variant, uint8_t sig[64], const uint8_t priv[32],
                                              const uint8_t *ctx, size_t ctxlen, const uint8_t *msg,
                                              size_t msglen) FIPS140_MUST_CHECK;

/* fips140_eddsa_verify - FIPS140_OK when sig (siglen bytes) is a valid signature of msg under pub (RFC 8032
 * §5.1.7), FIPS140_ERR_AUTH when it is not (wrong length, S >= L, bad R or A encoding, equation fails). Other errors
 * as fips140_eddsa_sign. */
FIPS140_API fips140_status fips140_eddsa_verify(fips140_eddsa_variant variant, const uint8_t pub[32],
                                                const uint8_t *ctx, size_t ctxlen, const uint8_t *msg, size_t msglen,
                                                const uint8_t *sig, size_t siglen) FIPS140_MUST_CHECK;

/* Pure Ed25519 shorthands. */
FIPS140_API fips140_status fips140_ed25519_sign(uint8_t sig[64], const uint8_t priv[32], const uint8_t *msg,
                                                size_t msglen) FIPS140_MUST_CHECK;
FIPS140_API fips140_status fips140_ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t msglen,
                                                  const uint8_t *sig, size_t siglen) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
