/* fips140/rand.h - the module's approved random bit generator (SP 800-90A DRBGs seeded from the module's own
 * SP 800-90B entropy source, arranged as an SP 800-90C-style tree). Thread-safe and fork-safe; no kernel RNG needed. */
#ifndef FIPS140_RAND_H
#define FIPS140_RAND_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fips140_rand_bytes - fill out[0..len) with random bytes from this thread's DRBG. Any len (large requests are
 * split into SP 800-90A requests). Returns FIPS140_OK, FIPS140_ERR_NULL, or FIPS140_ERR_ERROR_STATE. */
FIPS140_API fips140_status fips140_rand_bytes(uint8_t *out, size_t len) FIPS140_MUST_CHECK;

/* fips140_rand_bytes_pr - the same with prediction resistance: the DRBG is reseeded from the entropy source
 * before generating (SP 800-90Ar1 §9.3.1). Slower; for long-term keys when policy requires it. */
FIPS140_API fips140_status fips140_rand_bytes_pr(uint8_t *out, size_t len) FIPS140_MUST_CHECK;

#ifdef __cplusplus
}
#endif
#endif
