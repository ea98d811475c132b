/* fips140/keywrap.h - AES Key Wrap (KW) and Key Wrap with Padding (KWP), SP 800-38F §6.2 and §6.3.
 *
 * cipher selects the forward function CIPH_K (SP 800-38F §5.1): FIPS140_KW_CIPHER is the usual AES encryption;
 * FIPS140_KW_INVERSE uses the AES inverse cipher as CIPH_K (and the cipher as its inverse), the variant SP 800-38F
 * also permits and ACVP tests as kwCipher "inverse".
 * Sizes: KW wraps len bytes, len a multiple of 8 and >= 16, into len + 8 bytes; KWP wraps 1 <= len bytes into
 * ceil(len / 8) * 8 + 8 bytes. Inputs beyond the standard's bounds (§5.3.1: fewer than 2^54 semiblocks for KW,
 * fewer than 2^32 bytes for KWP) give FIPS140_ERR_DATA_LENGTH, as do unwrap inputs that are not whole semiblocks
 * or too short (KW: < 24 bytes, KWP: < 16 bytes). Unwrapping checks the integrity value (and, for KWP, the length
 * indicator and padding) in constant time: FIPS140_ERR_AUTH with the output zeroed (and *outlen unchanged) when it
 * fails. cipher values other than the two below give FIPS140_ERR_ARG. The key object is a plain expanded AES key
 * (fips140_aes_key_init), 16, 24 or 32 bytes. out must not overlap in. */
#ifndef FIPS140_KEYWRAP_H
#define FIPS140_KEYWRAP_H

#include <stddef.h>
#include <stdint.h>
#include "aes.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FIPS140_KW_CIPHER 0
#define FIPS140_KW_INVERSE 1

/* fips140_aes_kw_wrap - KW-AE: out gets len + 8 bytes (*outlen set). */
FIPS140_API fips140_status fips140_aes_kw_wrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                               const uint8_t *in, size_t len) FIPS140_MUST_CHECK;
/* fips140_aes_kw_unwrap - KW-AD: len a multiple of 8, >= 24; out gets len - 8 bytes (*outlen set). */
FIPS140_API fips140_status fips140_aes_kw_unwrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                                 const uint8_t *in, size_t len) FIPS140_MUST_CHECK;
/* fips140_aes_kwp_wrap - KWP-AE: out gets ceil(len/8)*8 + 8 bytes (*outlen set). */
FIPS140_API fips140_status fips140_aes_kwp_wrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                                const uint8_t *in, size_t len) FIPS140_MUST_CHECK;
/* fips140_aes_kwp_unwrap - KWP-AD: len a multiple of 8, >= 16; out needs room for len - 8 bytes; *outlen is the
 * plaintext length from the integrity check value. */
FIPS140_API fips140_status fips140_aes_kwp_unwrap(const fips140_aes_key *key, int cipher, uint8_t *out, size_t *outlen,
                                                  const uint8_t *in, size_t len) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
