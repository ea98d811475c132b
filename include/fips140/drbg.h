/* fips140/drbg.h - the SP 800-90A Rev. 1 deterministic random bit generators: CTR_DRBG (AES-128/192/256, with or
 * without the derivation function), HMAC_DRBG and Hash_DRBG (SHA-1, SHA-2, SHA-3), in caller-owned contexts.
 *
 * Applications normally call fips140_rand_bytes() (rand.h), which runs these DRBGs seeded from the module's own
 * entropy source. A caller that needs a DRBG instance of its own chooses how it is seeded:
 *   - fips140_drbg_instantiate_seeded: an approved service. Entropy input and nonce come from the module's own
 *     SP 800-90B entropy source, through the module RNG's seed DRBG (SP 800-90C-style chain, docs/ENTROPY.md), and
 *     every later reseed (explicit, prediction resistance, reseed interval, fork) is the module's too. Indicator
 *     APPROVED for every call on such a context.
 *   - fips140_drbg_instantiate: entropy input supplied by the caller. It exists for known-answer testing (ACVP) and
 *     for callers that bring their own SP 800-90B source; the caller vouches for that entropy, so the service
 *     indicator reports NOT_APPROVED and FIPS140=only refuses it.
 * The two kinds do not mix: a seeded context refuses fips140_drbg_reseed and caller prediction-resistance entropy,
 * a caller-entropy context refuses fips140_drbg_reseed_seeded (FIPS140_ERR_ARG).
 *
 * SHA-1 is accepted for Hash_DRBG and HMAC_DRBG, also in the seeded (approved) service: SP 800-90Ar1 §10.1 lists it
 * (security strength 128 bits, Table 2) and SP 800-131A Rev. 2 §9 keeps SHA-1 acceptable for non-signature uses,
 * random bit generation among them (SP 800-131A Rev. 3, when final, is to end that). */
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
 * (2^48 requests by default: reseed required). A seeded context: see after fips140_drbg_reseed_seeded. */
FIPS140_API fips140_status fips140_drbg_generate(fips140_drbg_ctx *ctx, uint8_t *out, size_t out_len,
                                                 const uint8_t *additional, size_t add_len,
                                                 const uint8_t *pr_entropy, size_t pr_len) FIPS140_MUST_CHECK;

/* fips140_drbg_instantiate_seeded - approved §9.1: instantiate ctx at the mechanism's full security strength s
 * (fips140_drbg_security_strength) with seed material the module draws itself (SP 800-90Ar1 §8.6.3, §8.6.5):
 *   - CTR with df, HMAC, Hash: 3s/2 bits from the module RNG's seed DRBG (an RBG of strength 256 ≥ s, seeded from
 *     the SP 800-90B source; SP 800-90C: a DRBG seeded by an RBG obtains 3s/2 bits to instantiate): s bits of
 *     entropy input (§10 Tables 2 and 3: min entropy = security_strength) and s/2 bits of nonce (§8.6.7: a random
 *     nonce of at least s/2 bits).
 *   - CTR without df: seedlen bits of full entropy straight from the entropy source, no nonce (§10.2.1.3.1).
 * personalization: optional (§8.7.1), ≤ 2^35 bits (≤ seedlen for CTR without df). params->prediction_resistance = 1
 * makes every generate reseed from the entropy source first (§9.3.1 step 7). Errors (ctx left untouched when the
 * arguments are bad): FIPS140_ERR_NULL, FIPS140_ERR_ARG (unknown type/mechanism/flags), FIPS140_ERR_DATA_LENGTH,
 * FIPS140_ERR_ERROR_STATE (an entropy health-test failure is fatal, as everywhere in the module). */
FIPS140_API fips140_status fips140_drbg_instantiate_seeded(fips140_drbg_ctx *ctx, const fips140_drbg_params *params,
                                                           const uint8_t *personalization,
                                                           size_t pers_len) FIPS140_MUST_CHECK;

/* fips140_drbg_reseed_seeded - approved §9.2 on a context from fips140_drbg_instantiate_seeded: fresh entropy input
 * of s bits (seedlen for CTR without df) straight from the entropy source (full entropy; §9.2 steps 3-4) and the
 * optional additional input. FIPS140_ERR_ARG when ctx was instantiated with caller entropy, FIPS140_ERR_STATE when
 * it is not instantiated, FIPS140_ERR_DATA_LENGTH for too much additional input. */
FIPS140_API fips140_status fips140_drbg_reseed_seeded(fips140_drbg_ctx *ctx, const uint8_t *additional,
                                                      size_t add_len) FIPS140_MUST_CHECK;

/* On a seeded context fips140_drbg_generate (above) takes pr_entropy = NULL, 0 (anything else: FIPS140_ERR_ARG) and
 * reseeds by itself before generating (§9.3.1 steps 7-9; the additional input goes to that reseed):
 *   - from the entropy source when the context was instantiated with prediction resistance (§8.8);
 *   - from the seed DRBG when the reseed interval is reached (instead of failing with FIPS140_ERR_STATE), or when
 *     the calling process is not the one that last seeded ctx: a forked child (detected by the module RNG's fork
 *     counter, bumped by its pthread_atfork child handler, and by the pid) never repeats its parent's output.
 *     A context copied with memcpy inside one process is not detected; do not copy contexts.
 * Indicator APPROVED; FIPS140=only allows it. */

/* fips140_drbg_set_reseed_interval - requests allowed between reseeds (Table 2 / 3 reseed_interval), 1 ≤ n ≤ 2^48
 * (the default). Past it a caller-entropy context fails with FIPS140_ERR_STATE until reseeded; a seeded context
 * reseeds itself. FIPS140_ERR_ARG outside that range, FIPS140_ERR_STATE if ctx is not instantiated. */
FIPS140_API fips140_status fips140_drbg_set_reseed_interval(fips140_drbg_ctx *ctx, uint64_t n) FIPS140_MUST_CHECK;

/* fips140_drbg_is_seeded - 1 when ctx is instantiated by fips140_drbg_instantiate_seeded, 0 otherwise. */
FIPS140_API int fips140_drbg_is_seeded(const fips140_drbg_ctx *ctx);

/* fips140_drbg_uninstantiate - §9.4: zeroise the state (the whole context); later calls fail with
 * FIPS140_ERR_STATE. */
FIPS140_API void fips140_drbg_uninstantiate(fips140_drbg_ctx *ctx);

/* fips140_drbg_security_strength - bits of security of a parameter set (0 when invalid). */
FIPS140_API unsigned fips140_drbg_security_strength(const fips140_drbg_params *params);

#ifdef __cplusplus
}
#endif
#endif
