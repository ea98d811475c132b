/* fips140/pbkdf2.h - PBKDF2 with HMAC (SP 800-132 §5.3, RFC 8018 §5.2): password-based key derivation.
 *
 * Approved use (SP 800-132 §5.1-§5.2): a salt of at least 128 bits, a derived key of at least 112 bits, at least
 * 1000 iterations, and a fixed-length SHA-1/SHA-2/SHA-3 HMAC. A call outside those bounds still derives the key
 * with the indicator NOT_APPROVED; in FIPS140=only mode it is refused with FIPS140_ERR_NOT_APPROVED and
 * fips140_last_refusal() names the rule. */
#ifndef FIPS140_PBKDF2_H
#define FIPS140_PBKDF2_H

#include <stddef.h>
#include <stdint.h>
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_pbkdf2 - derive outlen bytes (1 <= outlen <= (2^32 - 1) * HashLen) from password and salt with
 * iterations >= 1 rounds of HMAC-alg. */
FIPS140_API fips140_status fips140_pbkdf2(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *password,
                                          size_t passlen, const uint8_t *salt, size_t saltlen,
                                          uint64_t iterations) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
