/* fips140/ec.h - ECDSA (FIPS 186-5 §6) and ECC key agreement (SP 800-56A Rev. 3, KAS-ECC-SSC §5.7.1.2) over the
 * NIST curves P-224, P-256, P-384 and P-521 (SP 800-186 §3.2.1).
 *
 * Encodings: private keys are big-endian integers of exactly fips140_ec_scalar_size() bytes; public keys are
 * uncompressed points 0x04 || X || Y (SEC 1 §2.3.3), fips140_ec_point_size() bytes; signatures are r || s, each
 * fips140_ec_scalar_size() bytes (IEEE P1363). Messages are passed already hashed: the caller gives the digest. */
#ifndef FIPS140_EC_H
#define FIPS140_EC_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fips140_ec_curve {
    FIPS140_EC_P256 = 1, /* P-256 (secp256r1) */
    FIPS140_EC_P384 = 2, /* P-384 (secp384r1) */
    FIPS140_EC_P224 = 3, /* P-224 (secp224r1) */
    FIPS140_EC_P521 = 4  /* P-521 (secp521r1): 66-byte scalars and coordinates */
} fips140_ec_curve;

#define FIPS140_EC_MAX_SCALAR 66u
#define FIPS140_EC_MAX_POINT 133u

/* Sizes in bytes: scalar (private key, r, s, shared secret) and uncompressed point; 0 for an unknown curve. */
FIPS140_API size_t fips140_ec_scalar_size(fips140_ec_curve curve);
FIPS140_API size_t fips140_ec_point_size(fips140_ec_curve curve);

/* fips140_ec_keygen - FIPS 186-5 Appendix A.2.2 (rejection sampling) with the module RBG, followed by the pairwise
 * consistency test. priv gets scalar_size bytes, pub point_size bytes. */
FIPS140_API fips140_status fips140_ec_keygen(fips140_ec_curve curve, uint8_t *priv, size_t privlen, uint8_t *pub,
                                             size_t publen) FIPS140_MUST_CHECK;

/* fips140_ec_public_from_private - pub = d·G for a private key d in [1, n-1]. */
FIPS140_API fips140_status fips140_ec_public_from_private(fips140_ec_curve curve, const uint8_t *priv,
                                                          size_t privlen, uint8_t *pub,
                                                          size_t publen) FIPS140_MUST_CHECK;

/* fips140_ec_validate_public - full public-key validation (SP 800-56A Rev. 3 §5.6.2.3.3): FIPS140_OK, or
 * FIPS140_ERR_ARG for a key that is malformed, out of range, not on the curve or the point at infinity. */
FIPS140_API fips140_status fips140_ec_validate_public(fips140_ec_curve curve, const uint8_t *pub,
                                                     size_t publen) FIPS140_MUST_CHECK;

/* fips140_ecdsa_sign - ECDSA signature (FIPS 186-5 §6.4.1) of a digest with a fresh per-message secret k from the
 * module RBG (Appendix A.3.2). The digest is truncated to its leftmost bitlen(n) bits (§6.4.1 step 2; 521 for
 * P-521). sig gets
 * 2·scalar_size bytes, r || s. Approved for digests of at least 28 bytes. */
FIPS140_API fips140_status fips140_ecdsa_sign(fips140_ec_curve curve, const uint8_t *priv, size_t privlen,
                                              const uint8_t *digest, size_t digestlen, uint8_t *sig,
                                              size_t siglen) FIPS140_MUST_CHECK;

/* fips140_ecdsa_sign_deterministic - the same with k derived per RFC 6979 §3.2 (FIPS 186-5 §6.3.2), HMAC with
 * hash hash_alg (the hash that produced digest; any fixed-length SHA-2 or SHA-3). */
FIPS140_API fips140_status fips140_ecdsa_sign_deterministic(fips140_ec_curve curve, fips140_hash_alg hash_alg,
                                                            const uint8_t *priv, size_t privlen,
                                                            const uint8_t *digest, size_t digestlen, uint8_t *sig,
                                                            size_t siglen) FIPS140_MUST_CHECK;

/* fips140_ecdsa_verify - FIPS 186-5 §6.4.2. FIPS140_OK when the signature is valid, FIPS140_ERR_AUTH when not
 * (including r or s out of [1, n-1]), FIPS140_ERR_ARG for an invalid public key. */
FIPS140_API fips140_status fips140_ecdsa_verify(fips140_ec_curve curve, const uint8_t *pub, size_t publen,
                                                const uint8_t *digest, size_t digestlen, const uint8_t *sig,
                                                size_t siglen) FIPS140_MUST_CHECK;

/* fips140_ecdh - ECC CDH primitive (SP 800-56A Rev. 3 §5.7.1.2): validates the peer's public key (§5.6.2.3.3),
 * computes P = d·Q and outputs its x coordinate as scalar_size bytes (the shared secret Z). FIPS140_ERR_ARG for
 * an invalid peer key or private key. */
FIPS140_API fips140_status fips140_ecdh(fips140_ec_curve curve, const uint8_t *priv, size_t privlen,
                                       const uint8_t *peer_pub, size_t peer_publen, uint8_t *shared,
                                       size_t sharedlen) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
