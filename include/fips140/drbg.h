/* fips140/drbg.h - the SP 800-90A Rev. 1 deterministic random bit generators: CTR_DRBG (AES-128/192/256, with or
 * without the derivation function), HMAC_DRBG and Hash_DRBG (SHA-1, SHA-2).
 *
 * Applications normally call fips140_rand_bytes() (rand.h), which runs these DRBGs seeded from the module's own
 * entropy source. This interface instantiates a DRBG from caller-supplied entropy input: it exists for known-answer
 * testing (ACVP) and for callers that bring their own SP 800-90B source. The caller vouches for that entropy, so the
 * service indicator reports NOT_APPROVED for it. */
#ifndef FIPS140_DRBG_H
#define FIPS140_DRBG_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fips140_drbg_type {
    FIPS140_DRBG_CTR = 1,   /* SP 800-90Ar1 §10.2.1 */
    FIPS140_DRBG_HMAC = 2,  /* §10.1.2 */
    FIPS140_DRBG_HASH = 3   /* §10.1.1 */
} fips140_drbg_type;

/* fips140_drbg_params - which DRBG. mechanism: for CTR the AES key size in bits (128, 192, 256); for HMAC and Hash a
 * fips140_hash_alg among SHA-1, SHA-2 and SHA-3 (SHA3-* is accepted as FIPS 140-3 IG D.R and NIST's ACVP DRBG tests
 * allow it; SHAKE is not). Flags are 0 or 1; derivation_function must be 0 for HMAC and Hash. */
typedef struct fips140_drbg_params {
    fips140_drbg_type type;
    uint32_t mechanism;
    int derivation_function;   /* CTR only: 1 = use the block cipher derivation function (§10.3.2) */
    int prediction_resistance; /* 1 = every generate takes fresh entropy input (§9.3.1) */
} fips140_drbg_params;

/* fips140_drbg_ctx - caller-owned DRBG state (V, Key/C, reseed counter…). Opaque. */
typedef struct fips140_drbg_ctx {
    _Alignas(64) unsigned char opaque[2048];
} fips140_drbg_ctx;

/* fips140_drbg_instantiate - §9.1 with entropy input, nonce and personalization string supplied by the caller,
 * at the mechanism's full security strength (fips140_drbg_security_strength). Lengths are checked against Table 2/3
 * of §10: entropy ≥ security strength and ≤ 2^35 bits, personalization ≤ 2^35 bits, and a nonce of at least half
 * the strength - or none when the entropy input carries it (§8.6.7): entropy_len + nonce_len ≥ 3/2 strength.
 * CTR without df: entropy of exactly seedlen (keylen + 16 bytes), no nonce, personalization ≤ seedlen.
 * Reinstantiating a live context replaces its state. Errors: FIPS140_ERR_NULL, FIPS140_ERR_ARG (unknown
 * type/mechanism/flags), FIPS140_ERR_DATA_LENGTH, FIPS140_ERR_NOT_APPROVED (FIPS140=only mode: caller entropy is not
 * approved), FIPS140_ERR_ERROR_STATE. */
FIPS140_API fips140_status fips140_drbg_instantiate(fips140_drbg_ctx *ctx, const fips140_drbg_params *params,
                                                    const uint8_t *entropy, size_t entropy_len,
                                                    const uint8_t *nonce, size_t nonce_len,
                                                    const uint8_t *personalization, size_t pers_len) FIPS140_MUST_CHECK;

/* fips140_drbg_reseed - §9.2 with caller-supplied entropy input and optional additional input (lengths as for
 * instantiate; CTR without df: entropy of exactly seedlen, additional input ≤ seedlen). reseed_counter = 1.
 * FIPS140_ERR_STATE if ctx is not instantiated. */
FIPS140_API fips140_status fips140_drbg_reseed(fips140_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                                               const uint8_t *additional, size_t add_len) FIPS140_MUST_CHECK;

/* fips140_drbg_generate - §9.3: out_len bytes (≤ max_number_of_bits_per_request / 8 = 65536, else
 * FIPS140_ERR_OUTPUT_LENGTH). When the DRBG was instantiated with prediction resistance, pr_entropy (pr_len bytes,
 * lengths as for reseed) is the fresh entropy input for the reseed that precedes this request, which also takes the
 * additional input (§9.3.1 step 7); otherwise pass NULL, 0 (pr_entropy without prediction resistance:
 * FIPS140_ERR_ARG, §9.3.1 step 5). FIPS140_ERR_STATE if ctx is not instantiated, or past its reseed interval
 * (2^48 requests: reseed required). */
FIPS140_API fips140_status fips140_drbg_generate(fips140_drbg_ctx *ctx, uint8_t *out, size_t out_len,
                                                 const uint8_t *additional, size_t add_len,
                                                 const uint8_t *pr_entropy, size_t pr_len) FIPS140_MUST_CHECK;

/* fips140_drbg_uninstantiate - §9.4: zeroise the state (the whole context); later calls fail with
 * FIPS140_ERR_STATE. */
FIPS140_API void fips140_drbg_uninstantiate(fips140_drbg_ctx *ctx);

/* fips140_drbg_security_strength - bits of security of a parameter set (0 when invalid). */
FIPS140_API unsigned fips140_drbg_security_strength(const fips140_drbg_params *params);

#ifdef __cplusplus
}
#endif
#endif
