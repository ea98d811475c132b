/* fips140/kdf.h - key derivation from a shared secret, SP 800-56C Rev. 2: the two-step KDF with HMAC (HKDF,
 * RFC 5869, §5 of SP 800-56C) and the one-step KDF (§4) with a hash or HMAC as the auxiliary function H.
 *
 * alg is a fixed-length hash (SHA-1, SHA-2, SHA-3; not SHAKE): FIPS140_ERR_ARG otherwise. Arguments are checked
 * before anything is written; outputs are written in full, or zeroised on an internal failure.
 * Service indicator (SP 800-56C Rev. 2 §7-8, SP 800-131A Rev. 2 §9-10): every SHA-1, SHA-2 and SHA-3 hash is
 * acceptable for these KDFs (as H or inside HMAC), so the rule is on lengths: APPROVED when the secret input (IKM / Z;
 * the PRK for fips140_hkdf_expand) and the derived keying material are each at least 112 bits (14 bytes; extraction
 * alone: the IKM); otherwise NOT_APPROVED, and refused with FIPS140_ERR_NOT_APPROVED in FIPS140=only. Salts may have
 * any length (they are public HMAC keys, §4.1, §5.1). Empty inputs (NULL with length 0 or a pointer with length 0) are
 * allowed as RFC 5869 allows them: an empty IKM, salt or PRK is an empty HMAC key, i.e. a block of zero bytes
 * (FIPS 198-1 §4); an empty IKM or PRK is served NOT_APPROVED (under 112 bits). */
#ifndef FIPS140_KDF_H
#define FIPS140_KDF_H

#include <stddef.h>
#include <stdint.h>
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_hkdf_extract - PRK = HMAC-Hash(salt, IKM) (RFC 5869 §2.2; SP 800-56C Rev. 2 §5.1 randomness extraction).
 * prk receives the digest size of alg (fips140_hash_digest_size). An empty salt means HashLen zero bytes. */
FIPS140_API fips140_status fips140_hkdf_extract(fips140_hash_alg alg, uint8_t *prk, const uint8_t *salt, size_t saltlen,
                                                const uint8_t *ikm, size_t ikmlen) FIPS140_MUST_CHECK;
/* fips140_hkdf_expand - OKM = T(1) || T(2) ... truncated to outlen bytes (RFC 5869 §2.3; SP 800-108 feedback mode
 * with an 8-bit counter after the fixed data, as SP 800-56C Rev. 2 §5.2 specifies). 1 <= outlen <= 255 * HashLen
 * (FIPS140_ERR_OUTPUT_LENGTH otherwise); the PRK may have any length, 0 included (prk may then be NULL). */
FIPS140_API fips140_status fips140_hkdf_expand(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *prk,
                                               size_t prklen, const uint8_t *info, size_t infolen) FIPS140_MUST_CHECK;
/* fips140_hkdf - extract then expand (outlen as for fips140_hkdf_expand). */
FIPS140_API fips140_status fips140_hkdf(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *ikm,
                                        size_t ikmlen, const uint8_t *salt, size_t saltlen, const uint8_t *info,
                                        size_t infolen) FIPS140_MUST_CHECK;

/* fips140_kda_onestep_hash - SP 800-56C Rev. 2 §4.1 with H = hash alg: DKM = leftmost outlen bytes of
 * H(1 || Z || FixedInfo) || H(2 || Z || FixedInfo) || ... (32-bit big-endian counter). 1 <= outlen, at most
 * (2^32 - 1) * HashLen. */
FIPS140_API fips140_status fips140_kda_onestep_hash(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *z,
                                                    size_t zlen, const uint8_t *fixed_info, size_t fixed_len) FIPS140_MUST_CHECK;
/* fips140_kda_onestep_hmac - §4.1 with H = HMAC-alg keyed with salt (an empty salt means a block of zero bytes,
 * §4.1 "default salt"). */
FIPS140_API fips140_status fips140_kda_onestep_hmac(fips140_hash_alg alg, uint8_t *out, size_t outlen, const uint8_t *salt,
                                                    size_t saltlen, const uint8_t *z, size_t zlen,
                                                    const uint8_t *fixed_info, size_t fixed_len) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
